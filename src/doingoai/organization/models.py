"""Provinces and their units: who owns each record.

Every record belongs to a province. Provinces merge (Bình Định into Gia Lai
in 2025): a merged province keeps its records and points to the one it joined.
Units (departments, districts, schools, hospitals, police, military, mass
organisations, the foreign-affairs office) belong to a province and are known
by several names in the documents, kept as aliases.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from doingoai.core.models import BaseModel, VersionedModel


class Province(BaseModel):
    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên tỉnh"), max_length=100, unique=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("đã hợp nhất vào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
    )
    merged_on = models.DateField(_("ngày hợp nhất"), null=True, blank=True)
    report_due_days = models.PositiveSmallIntegerField(
        _("hạn báo cáo sau chuyến đi (ngày)"),
        default=15,
        help_text=_("Số ngày, kể từ ngày đoàn về, để đơn vị nộp báo cáo kết quả chuyến đi."),
    )

    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"], verbose_name=_("lịch sử tỉnh"))

    search_fields = ("name",)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tỉnh")
        verbose_name_plural = _("tỉnh")

    def __str__(self) -> str:
        return self.name


class Unit(BaseModel):
    class Kind(models.TextChoices):
        FOREIGN_AFFAIRS = "foreign_affairs", _("Cơ quan ngoại vụ")
        LEADERSHIP = "leadership", _("Lãnh đạo tỉnh")
        DEPARTMENT = "department", _("Sở, ban, ngành")
        DISTRICT = "district", _("Huyện, thị xã, thành phố")
        SCHOOL = "school", _("Trường học")
        HOSPITAL = "hospital", _("Bệnh viện")
        POLICE = "police", _("Công an")
        MILITARY = "military", _("Quân sự")
        MASS_ORGANISATION = "mass_organisation", _("Đoàn thể, tổ chức")
        ENTERPRISE = "enterprise", _("Doanh nghiệp")
        OTHER = "other", _("Khác")

    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="units"
    )
    name = models.CharField(_("tên đơn vị"), max_length=255)
    kind = models.CharField(_("loại"), max_length=30, choices=Kind.choices, default=Kind.DEPARTMENT)
    aliases = models.JSONField(_("tên gọi khác"), default=list, blank=True)

    history = HistoricalRecords(verbose_name=_("lịch sử đơn vị"))
    search_fields = ("name", "aliases")

    class Meta:
        ordering = ["province__name", "name"]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["province", "name"], name="unit_unique_name_per_province"),
        ]

    def __str__(self) -> str:
        return self.name


class Contact(VersionedModel):
    """Someone of a unit the office writes to and telephones: reminders and the list to call come from here.

    Kept up to date by the unit itself (and the office).
    """

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("họ và tên"), max_length=120)
    position = models.CharField(_("chức vụ"), max_length=120, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    notes = models.CharField(_("ghi chú"), max_length=255, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"], verbose_name=_("lịch sử người liên hệ"))

    class Meta:
        ordering = ["unit_id", "name", "pk"]
        verbose_name = _("người liên hệ")
        verbose_name_plural = _("người liên hệ")

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"
