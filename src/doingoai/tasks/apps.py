from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "doingoai.tasks"
    verbose_name = "Nhiệm vụ"
