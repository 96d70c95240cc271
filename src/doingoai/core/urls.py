"""The routes every object type has, named the NetBox way.

``object_routes("task", list=…, detail=…, edit=…, delete=…)`` gives
``task_list`` (""), ``task_add`` ("them/"), ``task`` and ``task_detail``
("<pk>/"), ``task_edit`` ("<pk>/sua/") and ``task_delete`` ("<pk>/xoa/"); the
generic views (`doingoai.core.views`) link to ``<model>`` after a save.
"""

from __future__ import annotations

from django.urls import path


def object_routes(model: str, *, list=None, detail=None, edit=None, delete=None) -> list:  # noqa: A002
    """URL patterns for the views given (class-based views, not yet ``as_view()``)."""
    routes = []
    if list is not None:
        routes.append(path("", list.as_view(), name=f"{model}_list"))
    if edit is not None:
        routes.append(path("them/", edit.as_view(), name=f"{model}_add"))
    if detail is not None:
        view = detail.as_view()
        routes += [
            path("<int:pk>/", view, name=f"{model}_detail"),
            path("<int:pk>/", view, name=model),
        ]
    if edit is not None:
        routes.append(path("<int:pk>/sua/", edit.as_view(), name=f"{model}_edit"))
    if delete is not None:
        routes.append(path("<int:pk>/xoa/", delete.as_view(), name=f"{model}_delete"))
    return routes
