"""Pages of tasks (``task`` is the detail page's name for the generic pages)."""

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
]
