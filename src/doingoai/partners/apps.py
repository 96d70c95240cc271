from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "doingoai.partners"
    verbose_name = "Đối tác nước ngoài"
