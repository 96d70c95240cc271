"""``doingoai backup -o FILE``: the database and the stored files in one archive (``core.backup``)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from doingoai.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và các tệp đã lưu (văn bản kế hoạch, tệp đính kèm) vào một tệp .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="tệp sao lưu sẽ ghi ra")

    def handle(self, *args, output, **options):
        try:
            manifest = backup(Path(output))
        except BackupError as error:
            raise CommandError(str(error)) from None
        size = Path(output).stat().st_size
        self.stdout.write(
            f"Đã sao lưu vào {output} ({size / (1024 * 1024):.1f} MB): cơ sở dữ liệu "
            f"{manifest['engine']}, {len(manifest['tables'])} bảng, {len(manifest['media'])} tệp."
        )
