"""A collection round (one per province and year), each unit's answer to it, and the reminders sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from doingoai.core.models import VersionedModel


class CollectionRound(VersionedModel):
    """The office's call for next year's proposals: its deadline, instructions and the forms attached."""

    class Status(models.TextChoices):
        OPEN = "open", _("Đang thu thập")
        CLOSED = "closed", _("Đã kết thúc")

    province = models.ForeignKey(
        "organization.Province", verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="rounds"
    )
    year = models.PositiveSmallIntegerField(_("năm của kế hoạch"))
    deadline = models.DateField(_("hạn gửi đề xuất"))
    instructions = models.TextField(_("hướng dẫn"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người mở"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=["updated_at"], verbose_name=_("lịch sử đợt thu thập"))

    class Meta:
        ordering = ["-year"]
        verbose_name = _("đợt thu thập đề xuất")
        verbose_name_plural = _("đợt thu thập đề xuất")
        constraints = [models.UniqueConstraint(fields=["province", "year"], name="round_unique_per_year")]

    def __str__(self) -> str:
        return f"Thu thập đề xuất năm {self.year} – {self.province}"


class UnitAnswer(VersionedModel):
    """What a unit answered to a round: its proposals submitted, or "không có đoàn"."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Đã gửi đề xuất")
        NONE = "none", _("Không có đoàn")

    round = models.ForeignKey(
        CollectionRound, verbose_name=_("đợt"), on_delete=models.CASCADE, related_name="answers"
    )
    unit = models.ForeignKey(
        "organization.Unit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("trả lời"), max_length=10, choices=Kind.choices)
    answered_at = models.DateTimeField(_("lúc"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("ghi chú"), blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"], verbose_name=_("lịch sử trả lời"))

    class Meta:
        verbose_name = _("trả lời của đơn vị")
        verbose_name_plural = _("trả lời của đơn vị")
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="answer_unique_per_unit")]


class Reminder(models.Model):
    """A reminder sent: for which event (its ``key``), to whom, what it said. Never sent twice."""

    key = models.CharField(_("sự việc"), max_length=120)
    email = models.EmailField(_("gửi tới"))
    unit = models.ForeignKey(
        "organization.Unit", verbose_name=_("đơn vị"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    province = models.ForeignKey(
        "organization.Province",
        verbose_name=_("tỉnh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    sent_at = models.DateTimeField(_("gửi lúc"))

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("thư nhắc việc")
        verbose_name_plural = _("thư nhắc việc")
        constraints = [models.UniqueConstraint(fields=["key", "email"], name="reminder_once")]

    def __str__(self) -> str:
        return f"{self.subject} → {self.email}"
