"""Tasks of the plan: a lead unit, coordinating units, a deadline, a status.

A task comes from a plan document, is typed by the office, or is a follow-up
proposed in the report after a trip (``report``, which it links back to).
The units follow it in its journal (``TaskNote``): dated progress notes, each
with its author and unit, and the status it set.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from doingoai.core.models import BaseModel, VersionedModel
from doingoai.organization.models import Province, Unit
from doingoai.plans.models import PlanDocument


class Task(BaseModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Chưa thực hiện")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        DONE = "done", _("Hoàn thành")
        LATE = "late", _("Chậm")

    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="tasks"
    )
    plan_document = models.ForeignKey(
        PlanDocument,
        verbose_name=_("văn bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    field = models.CharField(_("lĩnh vực"), max_length=255, blank=True)
    title = models.TextField(_("nhiệm vụ"))
    lead_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_tasks",
    )
    joint_leads = models.ManyToManyField(
        Unit, verbose_name=_("đơn vị cùng chủ trì"), blank=True, related_name="joint_led_tasks"
    )
    #: the leads as the document prints them: a group ("Các sở, ban, ngành liên quan") stays so
    lead_text = models.TextField(_("đơn vị chủ trì (theo văn bản)"), blank=True)
    coordinating_units = models.ManyToManyField(
        Unit, verbose_name=_("đơn vị phối hợp"), blank=True, related_name="coordinated_tasks"
    )
    coordinating_text = models.TextField(_("đơn vị phối hợp khác (theo văn bản)"), blank=True)
    tt = models.CharField(_("số thứ tự trong văn bản"), max_length=30, blank=True)
    deadline_text = models.CharField(_("thời hạn (theo văn bản)"), max_length=255, blank=True)
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.OPEN)
    notes = models.TextField(_("ghi chú"), blank=True)
    report = models.ForeignKey(
        "delegations.DelegationReport",
        verbose_name=_("từ báo cáo sau chuyến đi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_up_tasks",
    )

    history = HistoricalRecords(
        excluded_fields=["search_text", "updated_at"],
        m2m_fields=[coordinating_units, joint_leads],
        verbose_name=_("lịch sử nhiệm vụ"),
    )
    search_fields = ("field", "title", "lead_text", "coordinating_text", "notes")

    @property
    def lead_is_a_group(self) -> bool:
        """Led by a group the document did not name unit by unit: the office follows it until it does."""
        return self.lead_unit_id is None and bool(self.lead_text)

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")

    def __str__(self) -> str:
        return self.title[:120]


class TaskNote(VersionedModel):
    """A progress note in a task's journal: what was done by then, by whom, and the status it set."""

    task = models.ForeignKey(
        Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="journal"
    )
    written_on = models.DateField(_("ngày"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="task_notes",
    )
    #: the unit the author wrote for (empty for the office)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="task_notes",
    )
    text = models.TextField(_("nội dung"))
    #: the task's status this note set, when it set one
    status = models.CharField(_("trạng thái"), max_length=12, choices=Task.Status.choices, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"], verbose_name=_("lịch sử tiến độ nhiệm vụ"))

    class Meta:
        ordering = ["-written_on", "-id"]
        verbose_name = _("tiến độ nhiệm vụ")
        verbose_name_plural = _("tiến độ nhiệm vụ")

    def __str__(self) -> str:
        return f"{self.written_on:%d/%m/%Y}: {self.text[:80]}"
