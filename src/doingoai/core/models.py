"""What every stored record of doingoai has in common.

- It belongs to a province: a deployment usually serves one, but provinces
  merge and a national roll-up reads several, so every query is scoped.
- It is never hard-deleted by users: ``deleted_at`` hides it.
- Its changes are recorded (who, when, old and new values) by
  django-simple-history, declared on each concrete model.
- Its text is searchable without case or diacritics: ``search_text`` holds the
  folded text of the fields that matter, kept up to date on save, indexed with
  trigrams on PostgreSQL.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doingoai.extraction.normalize.text import fold


class ActiveQuerySet(models.QuerySet):
    def active(self):
        return self.filter(deleted_at__isnull=True)

    def search(self, query: str):
        """Rows whose folded text contains every word of ``query``, folded."""
        result = self
        for word in fold(query).split():
            result = result.filter(search_text__contains=word)
        return result


class BaseModel(models.Model):
    """Timestamps, soft deletion and the folded search column."""

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    deleted_at = models.DateTimeField(_("đã xóa lúc"), null=True, blank=True, editable=False)
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = ActiveQuerySet.as_manager()

    #: fields whose text the search box finds
    search_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def searchable_text(self) -> str:
        parts = []
        for name in self.search_fields:
            value = getattr(self, name, "")
            if isinstance(value, (list, tuple)):
                value = " ".join(map(str, value))
            parts.append(str(value or ""))
        return fold(" ".join(parts))

    def save(self, *args, **kwargs):
        self.search_text = self.searchable_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text", "updated_at"}
        super().save(*args, **kwargs)

    def soft_delete(self):
        self.deleted_at = timezone.now()
        self.save(update_fields=["deleted_at"])

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None
