from django.apps import AppConfig


class ConsolidationConfig(AppConfig):
    name = "doingoai.consolidation"
    verbose_name = "Tổng hợp kế hoạch"
