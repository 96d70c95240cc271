"""``doingoai restore FILE``: an archive of ``doingoai backup`` back into an empty data folder."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from doingoai.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Khôi phục cơ sở dữ liệu và các tệp đã lưu từ tệp sao lưu vào thư mục dữ liệu trống."

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp sao lưu do «doingoai backup» tạo ra")

    def handle(self, *args, file, **options):
        try:
            manifest = restore(Path(file))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Đã khôi phục bản sao lưu lúc {manifest['created_at']}: {len(manifest['tables'])} bảng, "
            f"{len(manifest['media'])} tệp, tất cả khớp với bản sao lưu."
        )
