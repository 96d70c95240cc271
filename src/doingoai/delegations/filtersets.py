"""Filters of the delegation list and of ``/api/delegations/``: one FilterSet for both.

Every filter is written so that it stays a plain indexed comparison on
200,000 rows: countries and funding categories are matched on the
denormalized ``countries_key`` / ``funding_key`` columns (",LA,KH,") rather
than inside JSON, and the search box on the folded ``search_text`` column
(trigram-indexed on PostgreSQL).
"""

from __future__ import annotations

import datetime
from functools import cache, lru_cache
from html import escape

import django_filters
from django import forms
from django.db import connections
from django.db.models import DateField, F, Func, Q
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe

from doingoai.accounts.scoping import visible_province_ids, visible_provinces
from doingoai.delegations.models import ROMAN, Delegation
from doingoai.extraction.normalize.funding import categories
from doingoai.extraction.normalize.text import fold
from doingoai.organization.models import Unit

QUARTER_CHOICES = [(q, f"Quý {ROMAN[q]}") for q in range(1, 5)]
#: UN M49 regions the plans name instead of a country ("Châu Âu")
REGION_CODES = (
    "150",
    "019",
    "142",
    "035",
    "030",
    "002",
    "009",
    "021",
    "005",
    "419",
    "013",
    "029",
    "155",
    "151",
    "154",
    "039",
    "145",
    "034",
    "143",
    "015",
    "202",
)


class PlanYearMonth(Func):
    """PostgreSQL: the first day of month ``month`` of the row's plan ``year`` (``make_date``)."""

    output_field = DateField()

    def __init__(self, month: int):
        super().__init__(F("year"), template=f"make_date(%(expressions)s::integer, {int(month)}, 1)")


class FastSelect(forms.Select):
    """A ``<select>`` written out in Python.

    Django renders every ``<option>`` through a template (~0.1 ms each); the
    country list has 270, which alone would cost the list page tens of
    milliseconds on every request.
    """

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs or {})
        final_attrs["name"] = name
        selected = {str(v) for v in self.format_value(value)}

        def options(choices) -> str:
            # plain string building: format_html per option costs more than the rest of the form
            return "".join(
                f'<option value="{escape(str(v))}"{" selected" if str(v) in selected else ""}>'
                f"{escape(str(label))}</option>"
                for v, label in choices
            )

        parts = []
        for value_or_group, label in self.choices:
            if isinstance(label, (list, tuple)):  # an optgroup: (group label, [(value, label), …])
                parts.append(f'<optgroup label="{escape(str(value_or_group))}">{options(label)}</optgroup>')
            else:
                parts.append(options([(value_or_group, label)]))
        return mark_safe(f"<select{flatatt(final_attrs)}>{''.join(parts)}</select>")


@lru_cache(maxsize=1)
def country_choices() -> tuple[tuple[str, str], ...]:
    """(code, Vietnamese name) of every country (Viet Nam excepted) and region, sorted as officers read.

    Sorted on the folded name so "Ấn Độ" sits among the A's.
    """
    import pycountry

    from doingoai.extraction.normalize.places import country_name_vi

    countries = [(c.alpha_2, country_name_vi(c.alpha_2)) for c in pycountry.countries if c.alpha_2 != "VN"]
    regions = [(code, country_name_vi(code)) for code in REGION_CODES]
    return tuple(sorted(countries, key=lambda item: fold(item[1]))) + tuple(
        sorted(regions, key=lambda item: fold(item[1]))
    )


def funding_choices() -> list[tuple[str, str]]:
    return categories()


def year_choices() -> list[tuple[int, int]]:
    """Plan years around today: the documents cover last year, this year and next."""
    this_year = datetime.date.today().year
    return [(year, year) for year in range(this_year + 2, this_year - 12, -1)]


def owner_choices(request) -> list:
    """The owner filter's options: the units of the provinces the user may see, by province.

    Read as plain tuples: an office user granted every province sees hundreds
    of units, and building a model instance per option would cost more than
    the whole list of delegations.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    rows = (
        Unit.objects.filter(deleted_at__isnull=True, province__in=visible_provinces(user).values("pk"))
        .order_by("province__name", "name")
        .values_list("pk", "name", "province__name")
    )
    groups: dict[str, list] = {}
    for pk, name, province in rows:
        groups.setdefault(province, []).append((pk, name))
    if len(groups) <= 1:
        return [choice for units in groups.values() for choice in units]
    return list(groups.items())


def province_choices(request) -> list[tuple[int, str]]:
    """The provinces a user sees, by name; for the province filter and column of those who see several."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    return list(visible_provinces(user).order_by("name").values_list("pk", "name"))


class DelegationFilterSet(django_filters.FilterSet):
    """Year, direction, level, country, owner, status, quarter, funding category, and the search box."""

    q = django_filters.CharFilter(method="filter_search", label="Tìm kiếm")
    year = django_filters.ChoiceFilter(
        choices=year_choices, label="Năm", empty_label="Mọi năm", widget=FastSelect
    )
    direction = django_filters.ChoiceFilter(
        choices=Delegation.Direction.choices,
        label="Loại đoàn",
        empty_label="Đoàn ra và đoàn vào",
        widget=FastSelect,
    )
    level = django_filters.ChoiceFilter(
        choices=Delegation.Level.choices, label="Cấp", empty_label="Mọi cấp", widget=FastSelect
    )
    country = django_filters.ChoiceFilter(
        choices=country_choices,
        method="filter_country",
        label="Nước",
        empty_label="Mọi nước",
        widget=FastSelect,
    )
    owner = django_filters.NumberFilter(field_name="owner_id", label="Đơn vị đề xuất", widget=FastSelect)
    province = django_filters.NumberFilter(field_name="province_id", label="Tỉnh", widget=FastSelect)
    status = django_filters.ChoiceFilter(
        choices=Delegation.Status.choices, label="Trạng thái", empty_label="Mọi trạng thái", widget=FastSelect
    )
    quarter = django_filters.ChoiceFilter(
        choices=QUARTER_CHOICES, method="filter_quarter", label="Quý", empty_label="Cả năm", widget=FastSelect
    )
    funding = django_filters.ChoiceFilter(
        choices=funding_choices,
        method="filter_funding",
        label="Nguồn kinh phí",
        empty_label="Mọi nguồn",
        widget=FastSelect,
    )
    needs_review = django_filters.BooleanFilter(
        method="filter_review",
        label="Cần xem lại",
        widget=forms.Select(choices=[("", "—"), ("true", "Có"), ("false", "Không")]),
    )
    out_of_plan = django_filters.BooleanFilter(
        label="Đoàn phát sinh", widget=forms.Select(choices=[("", "—"), ("true", "Có"), ("false", "Không")])
    )
    plan_document = django_filters.NumberFilter(
        field_name="plan_document_id", label="Văn bản (mã số)", widget=forms.HiddenInput
    )

    class Meta:
        model = Delegation
        fields = [
            "q",
            "year",
            "direction",
            "level",
            "country",
            "owner",
            "province",
            "status",
            "quarter",
            "funding",
            "needs_review",
            "out_of_plan",
            "plan_document",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.request
        # The options are read only if the form is drawn (pages), never for the API, and once:
        # Django asks a callable for its choices each time it goes through them.
        self.filters["owner"].extra["widget"] = FastSelect(
            choices=cache(lambda: [("", "Mọi đơn vị"), *owner_choices(request)])
        )
        # a choice for those who see several provinces; hidden for the others
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and len(visible_province_ids(user)) > 1:
            self.filters["province"].extra["widget"] = FastSelect(
                choices=cache(lambda: [("", "Mọi tỉnh"), *province_choices(request)])
            )
        else:
            self.filters["province"].extra["widget"] = forms.HiddenInput

    def filter_search(self, queryset, name, value: str):
        """Every word, folded (no case, no diacritics, đ→d), a whole word of the row, in order.

        Unless the list is sorted by a column, the rows matching in their name,
        countries or localities come first.
        """
        if not value or not value.strip():
            return queryset
        sorted_by_column = self.data.get("sort") or self.data.get("ordering")
        return queryset.search(value) if sorted_by_column else queryset.ranked(value)

    def filter_country(self, queryset, name, value: str):
        return queryset.filter(countries_key__contains=f",{value.upper()},") if value else queryset

    def filter_funding(self, queryset, name, value: str):
        return queryset.filter(funding_key__contains=f",{value},") if value else queryset

    def filter_review(self, queryset, name, value: bool | None):
        if value is None:
            return queryset
        return queryset.exclude(review=[]) if value else queryset.filter(review=[])

    def filter_quarter(self, queryset, name, value: str):
        """Delegations whose period overlaps the quarter: start ≤ quarter end and end ≥ quarter start.

        A delegation over "Quý I-II" matches quarter I and quarter II. With a
        year chosen, the comparison is on the indexed dates; without one, the
        quarter is taken in each delegation's own plan year.
        """
        if not value:
            return queryset
        quarter = int(value)
        first_month, last_month = (quarter - 1) * 3 + 1, quarter * 3
        year = int(self.form.cleaned_data.get("year") or 0)
        if year:
            first, last = datetime.date(year, first_month, 1), datetime.date(year, last_month, 1)
            return queryset.filter(period_start__lte=last, period_end__gte=first)
        if connections[queryset.db].vendor == "postgresql":
            # date comparisons read straight from the (province, period, year) index
            return queryset.filter(
                period_start__lte=PlanYearMonth(last_month), period_end__gte=PlanYearMonth(first_month)
            )
        starts_by_end = Q(period_start__year__lt=F("year")) | Q(
            period_start__year=F("year"), period_start__month__lte=last_month
        )
        ends_after_start = Q(period_end__year__gt=F("year")) | Q(
            period_end__year=F("year"), period_end__month__gte=first_month
        )
        return queryset.filter(starts_by_end, ends_after_start)
