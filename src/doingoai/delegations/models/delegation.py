"""Delegations (đoàn ra, đoàn vào): every field of the forms, normalized, with source.

A delegation keeps the normalized values the office counts and filters by
(countries, months, people, funding categories) beside the text the document
printed (``source_values``), the document, table and row it came from, the
unit that owns it (proposed it, and whose staff edit it), its state in its
life (``status``, changed only by the transitions of ``delegations.workflow``),
and which fields an officer has edited since the import (so that a re-import
never overwrites them silently).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from doingoai.core.models import SourcedModel
from doingoai.organization.models import Province, Unit
from doingoai.plans.models import PlanDocument


def month_start(value: str | None) -> datetime.date | None:
    """ "2025-04" → 2025-04-01."""
    if not value:
        return None
    year, month = value.split("-")[:2]
    return datetime.date(int(year), int(month), 1)


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    first = datetime.date(year, (quarter - 1) * 3 + 1, 1)
    return first, datetime.date(year, quarter * 3, 1)


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def period_label(start: datetime.date | None, end: datetime.date | None, tentative: bool = False) -> str:
    """A month range as the plans write it: "Quý III/2024", "Quý I-II/2025", "07/2024", "Cả năm 2025".

    Months are stored as the first day of the month; officers think in
    quarters and months, so a range that is exactly whole quarters reads as
    quarters.
    """
    if start is None:
        return ""
    end = end or start
    if start.year == end.year:
        year = start.year
        if start.month == 1 and end.month == 12:
            label = f"Cả năm {year}"
        elif start.month % 3 == 1 and end.month % 3 == 0 and end.month > start.month:
            first, last = (start.month - 1) // 3 + 1, end.month // 3
            quarters = ROMAN[first] if first == last else f"{ROMAN[first]}-{ROMAN[last]}"
            label = f"Quý {quarters}/{year}"
        elif start.month == end.month:
            label = f"{start.month:02d}/{year}"
        else:
            label = f"{start.month:02d}-{end.month:02d}/{year}"
    else:
        label = f"{start.month:02d}/{start.year} - {end.month:02d}/{end.year}"
    return f"{label} (dự kiến)" if tentative else label


def range_label(low, high, suffix: str = "") -> str:
    """5 → "5", (10, 15) → "10-15", None → ""; decimals without a useless ".0"."""

    def show(value):
        if value is None:
            return ""
        try:
            return f"{value.normalize():f}"
        except AttributeError:
            return str(value)

    if low is None and high is None:
        return ""
    if low is None or high is None or low == high:
        text = show(low if low is not None else high)
    else:
        text = f"{show(low)}-{show(high)}"
    return f"{text} {suffix}".rstrip() if suffix else text


class Delegation(SourcedModel):
    class Direction(models.TextChoices):
        OUT = "out", _("Đoàn ra")
        IN = "in", _("Đoàn vào")

    class Level(models.TextChoices):
        PROVINCE = "province", _("Cấp tỉnh")
        DEPARTMENT = "department", _("Cấp sở, ngành, địa phương")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        SUBMITTED = "submitted", _("Đã gửi Sở Ngoại vụ")
        IN_PLAN = "in_plan", _("Đã đưa vào kế hoạch")
        APPROVED = "approved", _("Đã phê duyệt")
        UNDER_WAY = "under_way", _("Đang thực hiện")
        RETURNED = "returned", _("Đã về")
        REPORTED = "reported", _("Đã báo cáo")
        POSTPONED = "postponed", _("Hoãn")
        CANCELLED = "cancelled", _("Hủy")
        REJECTED = "rejected", _("Không đưa vào kế hoạch")

    #: the states of a delegation in the province's plan: taken in, and whatever became of it since
    #: (a postponed one still is; one cancelled, left out or not yet decided is not)
    PLAN_STATES = (
        Status.IN_PLAN,
        Status.APPROVED,
        Status.UNDER_WAY,
        Status.RETURNED,
        Status.REPORTED,
        Status.POSTPONED,
    )

    class DurationUnit(models.TextChoices):
        DAY = "day", _("ngày")
        MONTH = "month", _("tháng")
        YEAR = "year", _("năm")

    # No index of their own for the three keys below: each leads a composite index that serves the
    # same lookups (province: ``delegation_scope``; owner: ``delegation_owner``; plan document: the
    # unique source row), and every index is written again for each of the 2,000 rows of an import.
    province = models.ForeignKey(
        Province,
        verbose_name=_("tỉnh"),
        on_delete=models.PROTECT,
        related_name="delegations",
        db_index=False,
    )
    owner = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị đề xuất"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delegations",
        db_index=False,
    )
    plan_document = models.ForeignKey(
        PlanDocument,
        verbose_name=_("văn bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delegations",
        db_index=False,
    )
    out_of_plan = models.BooleanField(_("đoàn phát sinh"), default=False)

    direction = models.CharField(_("loại đoàn"), max_length=3, choices=Direction.choices)
    level = models.CharField(_("cấp"), max_length=12, choices=Level.choices)
    year = models.PositiveSmallIntegerField(_("năm"), db_index=True)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    section = models.CharField(_("mục"), max_length=255, blank=True)
    unit_heading = models.CharField(_("nhóm đơn vị"), max_length=255, blank=True)
    tt = models.CharField(_("TT"), max_length=20, blank=True)
    name = models.TextField(_("tên đoàn"))
    leader = models.TextField(_("trưởng đoàn"), blank=True)
    countries = models.JSONField(_("nước"), default=list, blank=True)
    # matched with LIKE '%,LA,%' (no b-tree serves that): trigram and (province, key) indexes on PostgreSQL
    countries_key = models.CharField(max_length=255, blank=True, editable=False)
    countries_open = models.BooleanField(_("danh sách nước mở"), default=False)
    localities = models.JSONField(_("địa phương nước ngoài (ISO 3166-2)"), default=list, blank=True)
    partners = models.TextField(_("đối tác làm việc"), blank=True)
    activities = models.TextField(_("nội dung hoạt động"), blank=True)
    people_min = models.PositiveIntegerField(_("số người (tối thiểu)"), null=True, blank=True)
    people_max = models.PositiveIntegerField(_("số người (tối đa)"), null=True, blank=True)
    people_per_delegation = models.BooleanField(_("số người tính cho mỗi đoàn"), default=False)
    delegation_count = models.PositiveSmallIntegerField(_("số đoàn"), default=1)
    duration_min = models.DecimalField(
        _("thời gian (tối thiểu)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    duration_max = models.DecimalField(
        _("thời gian (tối đa)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    duration_unit = models.CharField(
        _("đơn vị thời gian"), max_length=5, choices=DurationUnit.choices, default=DurationUnit.DAY
    )
    period_start = models.DateField(_("từ tháng"), null=True, blank=True, db_index=True)
    period_end = models.DateField(_("đến tháng"), null=True, blank=True, db_index=True)
    period_tentative = models.BooleanField(_("thời gian dự kiến"), default=False)
    funding = models.TextField(_("kinh phí"), blank=True)
    funding_categories = models.JSONField(_("nguồn kinh phí"), default=list, blank=True)
    funding_key = models.CharField(max_length=255, blank=True, editable=False)
    notes = models.TextField(_("ghi chú"), blank=True)
    host_unit = models.CharField(_("đơn vị chủ trì/đón tiếp"), max_length=255, blank=True)

    # its life: set by the transitions (``delegations.workflow``), never by editing the record
    status_reason = models.TextField(
        _("lý do (hoãn, hủy, không đưa vào kế hoạch, trả lại)"), blank=True, editable=False
    )
    decision_number = models.CharField(_("số văn bản phê duyệt"), max_length=80, blank=True, editable=False)
    decision_date = models.DateField(_("ngày văn bản phê duyệt"), null=True, blank=True, editable=False)
    departed_on = models.DateField(_("ngày đi (đoàn vào: ngày đến)"), null=True, blank=True, editable=False)
    returned_on = models.DateField(
        _("ngày về (đoàn vào: ngày rời Việt Nam)"), null=True, blank=True, editable=False
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("đã nhập vào đoàn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
        editable=False,
    )
    # a delegation outside the plan: whether the ministry's opinion is needed, and what it said
    ministry_opinion_required = models.BooleanField(_("cần xin ý kiến Bộ Ngoại giao"), default=False)
    ministry_opinion = models.TextField(
        _("ý kiến của Bộ Ngoại giao (số, ngày văn bản, nội dung)"), blank=True
    )

    history = HistoricalRecords(
        excluded_fields=["search_text", "updated_at", "countries_key", "funding_key"],
        # the history is read a delegation at a time (by its id): the list's indexes would only
        # slow down the writing of every record, 2,000 at once in an import
        no_db_index=[
            "year",
            "period_start",
            "period_end",
            "owner",
            "plan_document",
            "province",
            "merged_into",
        ],
        verbose_name=_("lịch sử đoàn"),
    )
    search_fields = (
        "name",
        "countries_names",
        "locality_names",
        "leader",
        "partners",
        "activities",
        "notes",
        "host_unit",
        "localities",
    )
    #: a match in these ranks first: what the delegation is, and where it goes
    search_head = ("name", "countries_names", "locality_names")
    sourced_fields = (
        "direction",
        "level",
        "year",
        "section",
        "tt",
        "name",
        "leader",
        "countries",
        "countries_open",
        "partners",
        "activities",
        "people_min",
        "people_max",
        "people_per_delegation",
        "delegation_count",
        "duration_min",
        "duration_max",
        "duration_unit",
        "period_start",
        "period_end",
        "period_tentative",
        "funding",
        "notes",
        "host_unit",
        "owner",
    )
    review_fields = {
        "countries": ("countries",),
        "period": ("period_start", "period_end"),
        "people": ("people_min", "people_max"),
        "duration": ("duration_min", "duration_max"),
        "leader": ("leader",),
        "funding": ("funding",),
        "name": ("name",),
        "year": ("year",),
        "direction": ("direction",),
        "level": ("level",),
    }

    class Meta:
        ordering = ["-year", "direction", "source_table", "id"]
        verbose_name = _("đoàn")
        verbose_name_plural = _("đoàn")
        indexes = [
            models.Index(fields=["province", "year", "direction"], name="delegation_scope"),
            models.Index(fields=["owner", "year"], name="delegation_owner"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["plan_document", "source_table", "source_row"],
                condition=models.Q(plan_document__isnull=False),
                name="delegation_unique_source_row",
            ),
        ]

    def __str__(self) -> str:
        return self.name[:120]

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("delegations:delegation", args=[self.pk])

    @property
    def status_label(self) -> str:
        """The state as an officer says it: an inbound delegation is "in Viet Nam", not "away"."""
        if self.direction == self.Direction.IN:
            if self.status == self.Status.UNDER_WAY:
                return "Đang ở Việt Nam"
            if self.status == self.Status.RETURNED:
                return "Đã rời Việt Nam"
        return self.get_status_display()

    @property
    def period_label(self) -> str:
        return period_label(self.period_start, self.period_end, self.period_tentative)

    #: days in a duration given in months or years (for counting days, not for display)
    DAYS_PER_UNIT = {"day": 1, "month": 30, "year": 365}

    @property
    def planned_days(self) -> Decimal | None:
        """How long one delegation of the row is planned to last, in days (the longest the plan says)."""
        length = self.duration_max or self.duration_min
        if not length:
            return None
        return Decimal(length) * self.DAYS_PER_UNIT.get(self.duration_unit or "day", 1)

    @property
    def people_label(self) -> str:
        label = range_label(self.people_min, self.people_max)
        return f"{label}/đoàn" if label and self.people_per_delegation else label

    @property
    def duration_label(self) -> str:
        return range_label(self.duration_min, self.duration_max, self.get_duration_unit_display())

    @property
    def country_names(self) -> list[str]:
        """The Vietnamese names of ``countries``, in route order (for display)."""
        from doingoai.extraction.normalize.places import country_name_vi

        return [country_name_vi(code) for code in self.countries]

    @property
    def funding_labels(self) -> list[str]:
        from doingoai.extraction.normalize.funding import funding_label

        return [funding_label(key) for key in self.funding_categories]

    @property
    def countries_names(self) -> str:
        from doingoai.extraction.normalize.places import country_name_vi

        return " ".join(f"{country_name_vi(code)} {code}" for code in self.countries)

    @property
    def locality_names(self) -> str:
        """Every spelling of the foreign localities it names: "champasak" finds a delegation coded LA-CH."""
        from doingoai.extraction.normalize.locality_names import locality_spellings

        return " ".join(spelling for code in self.localities for spelling in locality_spellings(code))

    @property
    def locality_labels(self) -> list[str]:
        """The Vietnamese names of its foreign localities, for display."""
        from doingoai.extraction.normalize.locality_names import locality_name_vi

        return [locality_name_vi(code) for code in self.localities]

    derived_fields = ("search_text", "countries_key", "funding_key", "period_end")

    def fill_derived(self) -> None:
        if self.period_start and not self.period_end:
            self.period_end = self.period_start  # "07/2024" is one month: filters compare both ends
        self.countries_key = "".join(f",{code}" for code in self.countries) + ("," if self.countries else "")
        self.funding_key = "".join(f",{c}" for c in self.funding_categories) + (
            "," if self.funding_categories else ""
        )
        super().fill_derived()
