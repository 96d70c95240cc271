"""Filters of the unit list, and the pieces every list's filters share.

Every list of the site has the same search box (``q``): it finds rows whatever
the case or diacritics ("so ngoai vu" finds "Sở Ngoại vụ"), through
``search_text``. Choices that name other records (provinces, units) are limited
to what the user may see, so a filter never leaks another province's units.
"""

from __future__ import annotations

import django_filters
from django import forms

from doingoai.accounts.scoping import scope, visible_provinces
from doingoai.extraction.normalize.places import country_name_vi, resolve_countries
from doingoai.organization.models import Province, Unit


def _user(request):
    return getattr(request, "user", None)


def visible_provinces_for(request):
    """Provinces a filter may offer: none without a request (e.g. while the API schema is built)."""
    if request is None:
        return Province.objects.none()
    return visible_provinces(_user(request))


def visible_units_for(request):
    """Units a filter may offer: the active units of the provinces the user sees."""
    if request is None:
        return Unit.objects.none()
    return scope(Unit.objects.all(), _user(request)).select_related("province")


def country_codes(value: str) -> list[str]:
    """The codes a country filter means: a code as typed, or the countries a name resolves to.

    Officers type "Lào" or "CHDCND Lào" as often as "LA"; the filter understands
    all of them the way the importer does. A value that names nothing known is
    kept as typed, so that the filter finds nothing rather than everything.
    """
    value = value.strip()
    if not value:
        return []
    if country_name_vi(value.upper()) != value.upper():
        return [value.upper()]
    return resolve_countries(value).codes or [value.upper()]


class SearchFilterSet(django_filters.FilterSet):
    """A filter set with the site's search box and a province filter.

    ``distinct_choices`` names text fields whose filter is offered as a list of
    the values present in the user's rows (document kinds, issuers): the values
    are free text from the documents, so no fixed list of choices exists.
    """

    q = django_filters.CharFilter(
        method="filter_search",
        label="Tìm kiếm",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Gõ có dấu hoặc không dấu"}),
    )
    province = django_filters.ModelChoiceFilter(queryset=visible_provinces_for, label="Tỉnh")

    distinct_choices: tuple[str, ...] = ()

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        for name in self.distinct_choices:
            values = (
                self.queryset.exclude(**{name: ""}).order_by(name).values_list(name, flat=True).distinct()
                if self.queryset is not None
                else []
            )
            self.filters[name].extra["widget"] = forms.Select(
                choices=[("", "---------"), *((value, value) for value in values)]
            )

    def filter_search(self, queryset, name, value):
        return queryset.search(value) if value else queryset


class UnitFilterSet(SearchFilterSet):
    kind = django_filters.ChoiceFilter(choices=Unit.Kind.choices, label="Loại đơn vị")
    name = django_filters.CharFilter(lookup_expr="icontains", label="Tên đơn vị")

    class Meta:
        model = Unit
        fields = ["q", "province", "kind", "name"]


class ProvinceFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label="Tìm kiếm")

    class Meta:
        model = Province
        fields = ["q", "code"]

    def filter_search(self, queryset, name, value):
        return queryset.search(value) if value else queryset
