from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "doingoai.documents"
    verbose_name = "Văn bản xuất ra"
