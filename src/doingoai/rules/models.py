"""A province's settings of the rules, and the warnings the checks leave on delegations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from doingoai.core.models import VersionedModel


class RuleSetting(VersionedModel):
    """A province's own setting of one rule: on or off, and its limits (``data/rules.json`` by default)."""

    province = models.ForeignKey(
        "organization.Province",
        verbose_name=_("tỉnh"),
        on_delete=models.CASCADE,
        related_name="rule_settings",
    )
    rule = models.CharField(_("quy định"), max_length=40)
    enabled = models.BooleanField(_("đang áp dụng"), default=True)
    params = models.JSONField(_("tham số"), default=dict, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"], verbose_name=_("lịch sử thiết lập quy định"))

    class Meta:
        verbose_name = _("thiết lập quy định")
        verbose_name_plural = _("thiết lập quy định")
        constraints = [models.UniqueConstraint(fields=["province", "rule"], name="rule_setting_unique")]

    def __str__(self) -> str:
        return f"{self.province}: {self.rule}"


class Warning(VersionedModel):  # noqa: A001 - the domain's word; Python's builtin is not used here
    """A rule a delegation trips, why, and whether an officer has acknowledged it.

    Kept while the rule is tripped (``active``); when the plan changes so that
    it no longer is, it is kept inactive, with its acknowledgement, for the
    record. ``key`` tells two warnings of one rule on one delegation apart
    (the other delegation, the person, the field).
    """

    province = models.ForeignKey(
        "organization.Province", verbose_name=_("tỉnh"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"), db_index=True)
    delegation = models.ForeignKey(
        "delegations.Delegation", verbose_name=_("đoàn"), on_delete=models.CASCADE, related_name="warnings"
    )
    rule = models.CharField(_("quy định"), max_length=40, db_index=True)
    key = models.CharField(max_length=200, blank=True, default="")
    message = models.TextField(_("nội dung"))
    source = models.CharField(_("căn cứ"), max_length=255)
    clear = models.TextField(_("cách khắc phục"), blank=True)
    related = models.JSONField(_("đoàn liên quan"), default=list, blank=True)
    active = models.BooleanField(_("còn hiệu lực"), default=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xác nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    comment = models.TextField(_("ý kiến khi xác nhận"), blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"], verbose_name=_("lịch sử cảnh báo"))

    class Meta:
        verbose_name = _("cảnh báo")
        verbose_name_plural = _("cảnh báo")
        ordering = ["delegation_id", "rule", "key"]
        constraints = [
            models.UniqueConstraint(fields=["delegation", "rule", "key"], name="warning_unique"),
        ]
        indexes = [models.Index(fields=["province", "year", "active"], name="warning_scope")]

    def __str__(self) -> str:
        return f"{self.rule}: {self.message}"

    @property
    def rule_title(self) -> str:
        """What the rule says, in Vietnamese (``data/rules.json``)."""
        from doingoai.rules.checks import rules

        return rules().get(self.rule, {}).get("title", self.rule)

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None
