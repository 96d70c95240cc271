from django.apps import AppConfig


class DelegationsConfig(AppConfig):
    name = "doingoai.delegations"
    verbose_name = "Đoàn ra, đoàn vào"
