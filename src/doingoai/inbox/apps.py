from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "doingoai.inbox"
    verbose_name = "Việc cần làm"
