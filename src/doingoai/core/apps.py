"""The core app: the administration pages' names, permissions named in Vietnamese, SQLite's batch size."""

import sqlite3

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate

#: Django names every permission in English ("Can add đoàn"); the administration shows these instead
ACTIONS = {"add": "Được thêm", "change": "Được sửa", "delete": "Được xóa", "view": "Được xem"}


def name_permissions_in_vietnamese(sender=None, using="default", **kwargs) -> None:
    """ "Can add historical đoàn" → "Được thêm lịch sử đoàn", after every migrate."""
    from django.conf import settings
    from django.contrib.auth.models import Permission
    from django.utils import translation

    with translation.override(
        settings.LANGUAGE_CODE
    ):  # commands run untranslated; Django's models' names are not
        _rename(Permission.objects.using(using).select_related("content_type"))


def _rename(permissions) -> None:
    for permission in permissions:
        action = permission.codename.split("_", 1)[0]
        model = permission.content_type.model_class()
        if action not in ACTIONS or model is None:
            continue
        name = f"{ACTIONS[action]} {model._meta.verbose_name}"[:255]
        if permission.name != name:
            permission.name = name
            permission.save(update_fields=["name"])


def sqlite_batches_as_large_as_it_takes(sender, connection, **kwargs) -> None:
    """Let Django's bulk writes on SQLite use as many parameters as this SQLite accepts.

    Django assumes SQLite's old limit of 999 parameters per statement, so an
    import of 2,000 delegations (45 columns) would be a hundred INSERTs; SQLite
    since 3.32 accepts 32,766, and the library reports its own limit.
    """
    if connection.vendor != "sqlite":
        return
    limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    connection.features.max_query_params = max(999, limit)


class CoreConfig(AppConfig):
    name = "doingoai.core"
    verbose_name = "Lõi hệ thống"

    def ready(self):
        from django.contrib import admin

        admin.site.site_header = "Quản trị hệ thống doingoai"
        admin.site.site_title = "Quản trị doingoai"
        admin.site.index_title = "Trang quản trị"
        post_migrate.connect(name_permissions_in_vietnamese, dispatch_uid="doingoai-permission-names")
        connection_created.connect(
            sqlite_batches_as_large_as_it_takes, dispatch_uid="doingoai-sqlite-batches"
        )
