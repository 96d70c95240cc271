from django.apps import AppConfig


class CollectionConfig(AppConfig):
    name = "doingoai.collection"
    verbose_name = "Thu thập đề xuất"
