"""What every stored record of doingoai has in common.

- It carries a ``version``, a number each save increases: an edit made on an
  older version is refused (``doingoai.core.services.check_version``) instead
  of silently undoing someone else's change.
- It belongs to a province: a deployment usually serves one, but provinces
  merge and a national roll-up reads several, so every query is scoped.
- It is never hard-deleted by users: ``deleted_at`` hides it.
- Its changes are recorded (who, when, why, old and new values) by
  django-simple-history, declared on each concrete model; the services set
  the user and the reason.
- Its text is searchable without case or diacritics: ``search_text`` holds the
  folded text of the fields that matter, kept up to date on save, indexed with
  trigrams on PostgreSQL.

Records read from a document (delegations, agreements) are ``SourcedModel``:
they keep where they were read, what the document printed, what needs an
officer's eye, and which fields an officer has changed since.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
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


class VersionedModel(models.Model):
    """Timestamps and the version number every save through a service increases."""

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)

    class Meta:
        abstract = True


class BaseModel(VersionedModel):
    """Soft deletion and the folded search column, beside the version."""

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

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class SourcedModel(BaseModel):
    """A record read from a plan document: where, what was printed, what an officer changed.

    ``sourced_fields`` are the fields a document fills; an officer's change to
    one of them is kept in ``edited_fields`` so that importing the document
    again never overwrites it silently (``doingoai.core.provenance``).
    ``review_fields`` maps the ``field`` of a review reason to the model
    fields whose correction answers it.
    """

    source_table = models.PositiveSmallIntegerField(_("bảng"), null=True, blank=True)
    source_row = models.CharField(_("hàng"), max_length=60, blank=True)
    source = models.JSONField(_("nguồn"), default=dict, blank=True)
    source_values = models.JSONField(_("giá trị đọc từ văn bản"), default=dict, blank=True)
    edited_fields = models.JSONField(_("trường đã sửa tay"), default=list, blank=True)
    review = models.JSONField(_("cần xem lại"), default=list, blank=True)

    sourced_fields: tuple[str, ...] = ()
    review_fields: dict[str, tuple[str, ...]] = {}

    class Meta:
        abstract = True

    @property
    def from_document(self) -> bool:
        return bool(getattr(self, "plan_document_id", None) or self.source or self.source_values)


class Attachment(VersionedModel):
    """A file attached to a record: an invitation, a decision to send, a report, a signed text.

    Usually scans. The format is recognised from the content (PDF, JPEG, PNG,
    Word, Excel: ``doingoai.core.files``), the file is stored under the data
    folder and served only to those who may see the record it belongs to.
    """

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Thư mời")
        DECISION = "decision", _("Quyết định cử đoàn / văn bản cho phép")
        REPORT = "report", _("Báo cáo kết quả")
        AGREEMENT = "agreement", _("Văn bản thỏa thuận")
        OTHER = "other", _("Tài liệu khác")

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("loại tệp"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    name = models.CharField(_("tên tệp"), max_length=255)
    file = models.FileField(_("tệp"), upload_to="attachments/%Y/%m/")
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    format = models.CharField(_("định dạng"), max_length=10)
    sha256 = models.CharField(max_length=64)
    description = models.CharField(_("mô tả"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    deleted_at = models.DateTimeField(_("đã xóa lúc"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        indexes = [models.Index(fields=["content_type", "object_id"], name="attachment_target")]

    def __str__(self) -> str:
        return self.name

    @property
    def size_label(self) -> str:
        if self.size >= 1024 * 1024:
            return f"{self.size / (1024 * 1024):.1f} MB".replace(".", ",")
        return f"{max(1, round(self.size / 1024))} KB"
