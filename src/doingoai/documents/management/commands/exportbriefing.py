"""``doingoai export briefing``: a delegation on one page for a leader, in Word or PDF."""

from __future__ import annotations

from django.core.management.base import CommandError

from doingoai.documents import briefing, report
from doingoai.documents.commands import ExportCommand


class Command(ExportCommand):
    help = (
        "Ghi tài liệu tóm tắt một đoàn cho lãnh đạo (thành phần, nơi đến, thời gian, nội dung, kinh phí, "
        "quá trình phê duyệt, cảnh báo) ra tệp Word hoặc PDF."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delegation", required=True, type=int, help="mã (id) của đoàn")
        self.add_output_arguments(parser, tuple(report.FORMATS))

    def handle(self, *args, delegation, format, output, as_user=None, **options):
        user = self.acting_user(as_user)
        found = briefing.visible_delegation(user, delegation)
        if found is None:
            raise CommandError(
                f"Không có đoàn mã {delegation} hoặc tài khoản «{user.username}» không được xem."
            )
        self.write(output, briefing.write(briefing.briefing_context(found, user), format))
        self.stdout.write(f"Tóm tắt đoàn: {found.name[:120]}.")
