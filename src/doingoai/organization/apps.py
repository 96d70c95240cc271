from django.apps import AppConfig


class OrganizationConfig(AppConfig):
    name = "doingoai.organization"
    verbose_name = "Tổ chức"
