from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "doingoai.dashboard"
    verbose_name = "Tổng quan"
