from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "doingoai.agreements"
    verbose_name = "Thỏa thuận quốc tế"
