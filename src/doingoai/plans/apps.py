from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "doingoai.plans"
    verbose_name = "Văn bản kế hoạch"
