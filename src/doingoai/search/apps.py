from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "doingoai.search"
    verbose_name = "Tìm kiếm"
