"""The administration pages show the province's records; they never write them.

Every change to a record goes through its service (permission, rules,
history with the user and the reason); Django's admin would write around
them. So the domain models are registered read-only (``ReadOnlyAdmin``):
administrators look things up here and change them on the pages.
"""

from __future__ import annotations

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """A model's rows to look at, search and filter; no add, change or delete."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
