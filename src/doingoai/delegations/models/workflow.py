"""A delegation's life, step by step: each transition a dated entry, who, why, on what document.

The rules of which step may follow which, and who may take it, are in
``delegations.workflow``; this is the record they leave. An entry keeps the
values the step changed (``changes``: field → [before, after]) so that
``undo`` can put them back exactly.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Transition(models.Model):
    delegation = models.ForeignKey(
        "delegations.Delegation", verbose_name=_("đoàn"), on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField(_("thao tác"), max_length=20)
    from_status = models.CharField(_("từ trạng thái"), max_length=12, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=12)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("lúc"), default=timezone.now, db_index=True)
    reason = models.TextField(_("lý do, ghi chú"), blank=True)
    document_number = models.CharField(_("số văn bản"), max_length=80, blank=True)
    document_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    date = models.DateField(_("ngày"), null=True, blank=True)
    period_start = models.DateField(_("từ tháng"), null=True, blank=True)
    period_end = models.DateField(_("đến tháng"), null=True, blank=True)
    changes = models.JSONField(_("giá trị đã đổi"), default=dict, blank=True)
    undone_by = models.OneToOneField(
        "self",
        verbose_name=_("đã hoàn tác bởi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="undoes",
    )

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("quá trình xử lý")
        indexes = [models.Index(fields=["delegation", "at"], name="transition_delegation")]

    def __str__(self) -> str:
        return f"{self.delegation_id}: {self.action} {self.from_status} → {self.to_status}"
