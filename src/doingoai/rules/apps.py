from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "doingoai.rules"
    verbose_name = "Kiểm tra theo quy định"
