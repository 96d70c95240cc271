from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "doingoai.core"
    verbose_name = "Lõi hệ thống"
