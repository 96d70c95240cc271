"""``doingoai remind [--date DD/MM/YYYY]``: send the reminders due today, once each (for a daily timer)."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError

from doingoai.collection.reminders import send_reminders


class Command(BaseCommand):
    help = "Gửi thư nhắc việc đến hạn hôm nay (mỗi thư một lần), in một dòng cho mỗi thư."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="ngày coi là hôm nay, dd/mm/yyyy (mặc định: hôm nay theo giờ Việt Nam)"
        )

    def handle(self, *args, **options):
        today = None
        if options.get("date"):
            try:
                today = datetime.datetime.strptime(options["date"], "%d/%m/%Y").date()
            except ValueError:
                raise CommandError(f"Ngày không hợp lệ: {options['date']} (dd/mm/yyyy).") from None
        count = send_reminders(today, say=self.stdout.write)
        self.stdout.write(f"Đã gửi {count} thư nhắc việc.")
