"""Pages of tasks (``task`` is the detail page's name for the generic pages)."""

from django.urls import path

from doingoai.core.urls import object_routes
from doingoai.tasks import views

app_name = "tasks"
urlpatterns = [
    *object_routes(
        "task",
        list=views.TaskListView,
        detail=views.TaskDetailView,
        edit=views.TaskEditView,
        delete=views.TaskDeleteView,
    ),
    path("<int:pk>/tien-do/", views.task_note, name="task_note"),
]
