"""Pages of tasks (``task`` is the detail page's name for the generic pages)."""

from django.urls import path

from doingoai.tasks import views

app_name = "tasks"
urlpatterns = [
    path("", views.TaskListView.as_view(), name="task_list"),
    path("them/", views.TaskEditView.as_view(), name="task_add"),
    path("<int:pk>/", views.TaskDetailView.as_view(), name="task_detail"),
    path("<int:pk>/", views.TaskDetailView.as_view(), name="task"),
    path("<int:pk>/sua/", views.TaskEditView.as_view(), name="task_edit"),
    path("<int:pk>/xoa/", views.TaskDeleteView.as_view(), name="task_delete"),
]
