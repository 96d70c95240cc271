"""What the ``export`` commands share: who acts, which province, writing the file.

``doingoai export appendix|report|briefing`` (``cli.web``) run the management
commands ``exportappendix``, ``exportreport`` and ``exportbriefing``; each
acts as a user (``--as``, by default the system administrator) and sees only
what that user may see, like the pages and the API.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from doingoai.accounts.scoping import sees_province
from doingoai.extraction.normalize.text import fold
from doingoai.organization.models import Province


class ExportCommand(BaseCommand):
    def add_output_arguments(self, parser, formats: tuple[str, ...]) -> None:
        parser.add_argument("--format", required=True, choices=formats, help="định dạng tệp")
        parser.add_argument("-o", "--output", required=True, help="tệp sẽ ghi ra")
        parser.add_argument("--as", dest="as_user", help="tên đăng nhập của tài khoản thực hiện")

    def acting_user(self, username: str | None):
        User = get_user_model()
        if username:
            user = User.objects.filter(username=username, is_active=True).first()
            if user is None:
                raise CommandError(f"Không có tài khoản đang hoạt động tên «{username}».")
            return user
        user = (
            User.objects.filter(is_active=True, is_superuser=True).order_by("pk").first()
            or User.objects.filter(is_active=True, profile__role="admin").order_by("pk").first()
        )
        if user is None:
            raise CommandError(
                "Chưa có tài khoản quản trị hệ thống: tạo bằng «doingoai manage createsuperuser» "
                "hoặc chỉ rõ --as TÊN_ĐĂNG_NHẬP."
            )
        return user

    def province(self, name: str, user) -> Province:
        wanted = fold(name)
        for province in Province.objects.active():
            if wanted in (fold(province.name), fold(province.code)):
                if not sees_province(user, province.pk):
                    raise CommandError(f"Tài khoản «{user.username}» không được xem tỉnh {province.name}.")
                return province
        known = ", ".join(Province.objects.active().values_list("name", flat=True)) or "chưa có tỉnh nào"
        raise CommandError(f"Không có tỉnh «{name}» (các tỉnh: {known}).")

    def write(self, output: str, data: bytes) -> None:
        path = Path(output)
        try:
            path.write_bytes(data)
        except OSError as error:
            raise CommandError(f"Không ghi được tệp {path}: {error.strerror or error}.") from None
        self.stdout.write(f"Đã ghi {path} ({len(data):,} byte).".replace(",", "."))
