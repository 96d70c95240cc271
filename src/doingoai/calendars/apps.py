from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    name = "doingoai.calendars"
    verbose_name = "Lịch đoàn ra, đoàn vào"
