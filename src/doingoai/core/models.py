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

import re

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from doingoai.extraction.normalize.text import fold

#: the folded text of the search box: words only, each between two spaces, the record's head before "|"
_NOT_WORD = re.compile(r"[^a-z0-9]+")
#: every ASCII character but a letter or a digit made a space (the same as ``_NOT_WORD``, three times faster)
_ASCII_NOT_WORD = str.maketrans({chr(c): " " for c in range(128) if not re.fullmatch("[a-z0-9]", chr(c))})


def search_words(text: str) -> list[str]:
    """The words the search compares: folded (no case, no diacritics, đ→d), letters and digits only."""
    folded = fold(text or "")
    if folded.isascii():  # nearly always: the folding leaves only ASCII of Vietnamese text
        return folded.translate(_ASCII_NOT_WORD).split()
    return _NOT_WORD.sub(" ", folded).split()


def search_column(head: str, rest: str) -> str:
    """``search_text`` of a record: " w1  w2 | w3  w4 " (every word between spaces, so whole words match).

    The head (a delegation's name and countries, say) comes before the bar so
    that a match there ranks first.
    """

    def words(text: str) -> str:
        found = search_words(text)
        return f" {'  '.join(found)} " if found else ""

    return f"{words(head)}|{words(rest)}"


@models.TextField.register_lookup
class Like(models.Lookup):
    """``field__like="% ha % lan%"``: SQL LIKE with the pattern as given (the search builds it from words)."""

    lookup_name = "like"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} LIKE {rhs}", [*lhs_params, *rhs_params]


def search_patterns(query: str) -> tuple[str, str] | None:
    """The LIKE patterns of a query: (its words in order, in the head; its words in order, anywhere).

    Every word is a whole word, the last one may be the start of a word (the
    officer is still typing): "ha lan" finds "Hà Lan", never "Thái Lan",
    "Ba Lan" or "Hàn Quốc".
    """
    words = search_words(query)
    if not words:
        return None
    body = "%".join(f" {word} " for word in words[:-1]) + ("%" if len(words) > 1 else "") + f" {words[-1]}%"
    return f"%{body}|%", f"%{body}"


class ActiveQuerySet(models.QuerySet):
    def active(self):
        return self.filter(deleted_at__isnull=True)

    def search(self, query: str):
        """Rows whose search text holds every word of ``query`` as a word, in order (``search_patterns``)."""
        patterns = search_patterns(query)
        return self if patterns is None else self.filter(search_text__like=patterns[1])

    def ranked(self, query: str):
        """``search(query)``, the rows matching in their head (name, country) first."""
        patterns = search_patterns(query)
        if patterns is None:
            return self
        rank = models.Case(
            models.When(search_text__like=patterns[0], then=models.Value(0)),
            default=models.Value(1),
            output_field=models.IntegerField(),
        )
        ordering = [str(field) for field in (self.query.order_by or self.model._meta.ordering)]
        return (
            self.filter(search_text__like=patterns[1])
            .annotate(search_rank=rank)
            .order_by("search_rank", *ordering)
        )


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

    #: fields whose text the search box finds; those of ``search_head`` rank first
    search_fields: tuple[str, ...] = ()
    search_head: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def searchable_text(self) -> str:
        def text(names) -> str:
            parts = []
            for name in names:
                value = getattr(self, name, "")
                if isinstance(value, (list, tuple)):
                    value = " ".join(map(str, value))
                parts.append(str(value or ""))
            return " ".join(parts)

        head = self.search_head or self.search_fields[:1]
        return search_column(text(head), text(name for name in self.search_fields if name not in head))

    #: columns computed from the others by ``fill_derived``: written with every save, single or bulk
    derived_fields: tuple[str, ...] = ("search_text",)

    def fill_derived(self) -> None:
        """Set the columns computed from others (the search text); ``save`` and the bulk writes call it."""
        self.search_text = self.searchable_text()

    def save(self, *args, **kwargs):
        self.fill_derived()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *self.derived_fields, "updated_at"}
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
        FORM = "form", _("Biểu mẫu, hướng dẫn")
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


def reindex(model: type[BaseModel], batch: int = 1000, only: list[str] | None = None) -> int:
    """Recompute ``search_text`` of every row of ``model`` (after its search rules changed); the rows done.

    ``only``: the columns to read (a migration's: the table may not have the
    model's newer ones yet).
    """
    done = 0
    rows = model._base_manager.order_by("pk")
    if only is not None:
        rows = rows.only(*only)
    last = 0
    while True:
        chunk = list(rows.filter(pk__gt=last)[:batch])
        if not chunk:
            return done
        for row in chunk:
            row.search_text = row.searchable_text()
        model._base_manager.bulk_update(chunk, ["search_text"])
        done += len(chunk)
        last = chunk[-1].pk
