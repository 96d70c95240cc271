"""Reads of partners that the pages share: the list, a partner's page, a country's page.

Everything is scoped to the user: the partners of their provinces, and of
those the delegations, agreements and tasks they may see.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from doingoai.accounts.scoping import scope
from doingoai.agreements.models import Agreement
from doingoai.delegations.selectors import delegation_list
from doingoai.partners.models import Partner, PartnerMerge
from doingoai.tasks.models import Task

#: events shown in a partner's short timeline
TIMELINE_LENGTH = 12


def partner_list(user) -> QuerySet:
    """The partners ``user`` may see, merged ones left out, with how many delegations name each."""
    return (
        scope(Partner.objects.select_related("province"), user)
        .filter(merged_into__isnull=True)
        .annotate(
            delegation_count=Count(
                "delegations", filter=Q(delegations__deleted_at__isnull=True), distinct=True
            )
        )
    )


def partner_delegations(partner: Partner, user) -> QuerySet:
    """The delegations, both ways, that name ``partner`` and that ``user`` may see; newest first."""
    return delegation_list(user).filter(partner_records=partner).order_by("-year", "-period_start", "-id")


def partner_agreements(partner: Partner, user) -> QuerySet:
    return (
        scope(Agreement.objects.filter(partner=partner), user)
        .prefetch_related("renewals")
        .order_by("-year", "-id")
    )


def partner_tasks(partner: Partner, user, delegations: QuerySet) -> QuerySet:
    """Tasks concerning ``partner``: follow-ups of its delegations' reports, and tasks that name it."""
    names = Q()
    for name in [partner.name, *partner.aliases]:
        found = Task.objects.search(name)
        names |= Q(pk__in=found.values("pk"))
    return (
        scope(Task.objects.all(), user)
        .filter(Q(report__delegation__in=delegations.values("pk")) | names)
        .distinct()
        .order_by("deadline", "id")
    )


def partner_merges(partner: Partner) -> QuerySet:
    """The merges into or of ``partner``, newest first, undone ones too."""
    return (
        PartnerMerge.objects.filter(Q(kept=partner) | Q(merged=partner))
        .select_related("kept", "merged", "merged_by", "undone_by")
        .order_by("-merged_at", "-id")
    )


def merge_candidates(partner: Partner, user) -> QuerySet:
    """The partners ``partner`` may be merged with: same province, not merged, same country first."""
    return (
        partner_list(user)
        .filter(province_id=partner.province_id)
        .exclude(pk=partner.pk)
        .order_by("country", "name")
    )


@dataclass(frozen=True)
class Event:
    """One line of a partner's timeline."""

    day: datetime.date | None
    when: str
    text: str
    url: str


def timeline(delegations, agreements) -> list[Event]:
    """The latest delegations and agreements of a partner, newest first."""
    events = []
    for delegation in delegations[:TIMELINE_LENGTH]:
        day = delegation.departed_on or delegation.period_start or datetime.date(delegation.year or 1, 1, 1)
        events.append(
            Event(
                day,
                delegation.period_label or str(delegation.year or ""),
                f"{delegation.get_direction_display()}: {delegation.name}",
                delegation.get_absolute_url(),
            )
        )
    for agreement in agreements[:TIMELINE_LENGTH]:
        day = agreement.period_start or (datetime.date(agreement.year, 1, 1) if agreement.year else None)
        events.append(
            Event(
                day,
                f"{day:%m/%Y}" if agreement.period_start else str(agreement.year or ""),
                f"Thỏa thuận ({agreement.get_status_display().lower()}): {agreement.title}",
                reverse("agreements:agreement_detail", args=[agreement.pk]),
            )
        )
    events.sort(key=lambda event: event.day or datetime.date.min, reverse=True)
    return events[:TIMELINE_LENGTH]


@dataclass
class CountryOverview:
    code: str
    partners: QuerySet
    delegations: QuerySet
    agreements: QuerySet
    by_year: list[dict]


def country_overview(code: str, user) -> CountryOverview:
    """A country's page: its partners, the delegations both ways, the agreements, counts by year."""
    delegations = delegation_list(user).filter(countries_key__contains=f",{code},")
    counts = (
        delegations.order_by()
        .values("year", "direction")
        .annotate(count=Count("pk"))
        .order_by("-year", "direction")
    )
    by_year: dict[int, dict] = {}
    for row in counts:
        entry = by_year.setdefault(row["year"], {"year": row["year"], "out": 0, "in": 0})
        entry[row["direction"]] = row["count"]
    return CountryOverview(
        code=code,
        partners=partner_list(user).filter(country=code).order_by("name"),
        delegations=delegations.order_by("-year", "-period_start", "-id"),
        agreements=scope(Agreement.objects.filter(countries__icontains=f'"{code}"'), user).order_by("-year"),
        by_year=list(by_year.values()),
    )
