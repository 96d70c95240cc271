"""What the ``export`` commands share: who acts, which province, writing the file.

``doingoai export appendix|report|briefing`` (``cli.web``) run the management
commands ``exportappendix``, ``exportreport`` and ``exportbriefing``; each
acts as a user (``--as``, by default the system administrator) and sees only
what that user may see, like the pages and the API.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from doingoai.accounts.scoping import sees_province
from doingoai.core.commands import acting_user, province_named
from doingoai.organization.models import Province


class ExportCommand(BaseCommand):
    def add_output_arguments(self, parser, formats: tuple[str, ...]) -> None:
        parser.add_argument("--format", required=True, choices=formats, help="định dạng tệp")
        parser.add_argument("-o", "--output", required=True, help="tệp sẽ ghi ra")
        parser.add_argument("--as", dest="as_user", help="tên đăng nhập của tài khoản thực hiện")

    def acting_user(self, username: str | None):
        return acting_user(username)

    def province(self, name: str, user) -> Province:
        province = province_named(name)
        if not sees_province(user, province.pk):
            raise CommandError(f"Tài khoản «{user.username}» không được xem tỉnh {province.name}.")
        return province

    def write(self, output: str, data: bytes) -> None:
        path = Path(output)
        try:
            path.write_bytes(data)
        except OSError as error:
            raise CommandError(f"Không ghi được tệp {path}: {error.strerror or error}.") from None
        self.stdout.write(f"Đã ghi {path} ({len(data):,} byte).".replace(",", "."))
