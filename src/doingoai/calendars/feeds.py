"""What a feed serves: its delegations, as an iCalendar (RFC 5545) that any calendar app reads.

Each delegation is one all-day event, whose UID (``delegation-<id>@doingoai``)
stays the same from one read to the next, so that a calendar app updates it
in place. Its dates are never made up:

- known dates of the trip (``departed_on``, ``returned_on``): the event
  covers them exactly (DTEND is the day after the return, as RFC 5545 wants
  for all-day events; only the departure known: one day);
- otherwise the plan's period, known only to the month or the quarter: one
  all-day event on the period's first day, its uncertainty in the title
  ("(dự kiến tháng 07/2024)", "(dự kiến Quý II/2027)", the wording of
  ``Delegation.period_label``), never a range of days the plan did not give;
- neither: the delegation is left out.

Drafts, rejected and cancelled delegations are left out; so are deleted ones.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from icalendar import Calendar, Event, vDuration, vText

from doingoai.calendars.models import CalendarFeed
from doingoai.delegations.models import Delegation, DelegationMember
from doingoai.delegations.models.delegation import period_label
from doingoai.people.models import Person, TitleHolding, title_key

Status = Delegation.Status
#: what never goes into a calendar: not (or no longer) a trip anyone plans
LEFT_OUT = (Status.DRAFT, Status.REJECTED, Status.CANCELLED)
PRODID = "-//doingoai//Lich doan ra doan vao//VI"
DAY = datetime.timedelta(days=1)
REFRESH = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class When:
    """An event's all-day dates (``end`` exclusive) and, for a plan's period, its wording ("" when exact)."""

    start: datetime.date
    end: datetime.date
    planned: str = ""


def planned_wording(start: datetime.date, end: datetime.date | None) -> str:
    """ "dự kiến tháng 07/2024", "dự kiến Quý II/2027", "dự kiến cả năm 2025" (``period_label``'s words)."""
    label = period_label(start, end or start)
    if label[:1].isdigit():
        label = f"tháng {label}"
    elif label.startswith("Cả năm"):
        label = "c" + label[1:]
    return f"dự kiến {label}"


def when(delegation: Delegation) -> When | None:
    """The dates of ``delegation``'s event, or None when it has neither dates nor a period."""
    departed, returned = delegation.departed_on, delegation.returned_on
    if departed is not None:
        last = returned if returned is not None and returned >= departed else departed
        return When(departed, last + DAY)
    if delegation.period_start is not None:
        start = delegation.period_start.replace(day=1)
        return When(start, start + DAY, planned_wording(start, delegation.period_end))
    return None


# --------------------------------------------------------------------------- which delegations


def _base(province_id: int) -> QuerySet:
    return Delegation.objects.filter(province_id=province_id, deleted_at__isnull=True).exclude(
        status__in=LEFT_OUT
    )


def _headed_by_title(person: Person, base: QuerySet) -> set[int]:
    """The delegations whose head is written as a title ``person`` holds that year.

    As the rules count them (``rules.services._title_heads``): a head names
    the longest title of the year it contains, never as its deputy.
    """
    from doingoai.rules.services import names_title

    years = set(
        TitleHolding.objects.filter(
            province_id=person.province_id, deleted_at__isnull=True, people=person
        ).values_list("year", flat=True)
    )
    if not years:
        return set()
    titles: dict[int, list[tuple[str, set[int]]]] = {}
    holdings = TitleHolding.objects.filter(
        province_id=person.province_id, year__in=years, deleted_at__isnull=True
    ).prefetch_related(Prefetch("people", queryset=Person.objects.filter(deleted_at__isnull=True)))
    for holding in holdings:
        holders = {holder.pk for holder in holding.people.all()}
        if holding.title_key and holders:
            titles.setdefault(holding.year, []).append((holding.title_key, holders))
    for year_titles in titles.values():
        year_titles.sort(key=lambda item: (-len(item[0]), item[0]))
    found = set()
    for row in base.filter(year__in=years).exclude(leader="").only("pk", "year", "leader"):
        leader = title_key(row.leader)
        holders = next((ids for key, ids in titles.get(row.year, []) if names_title(leader, key)), set())
        if person.pk in holders:
            found.add(row.pk)
    return found


def delegations_of(feed: CalendarFeed) -> QuerySet:
    """The delegations ``feed`` serves (before the dates: those without any are dropped later)."""
    if feed.scope == CalendarFeed.Scope.UNIT:
        rows = _base(feed.unit.province_id).filter(owner_id=feed.unit_id)
    elif feed.scope == CalendarFeed.Scope.PERSON:
        base = _base(feed.person.province_id)  # the person's province now, as ``may_follow`` checks it
        members = DelegationMember.objects.filter(person_id=feed.person_id).values("delegation_id")
        rows = base.filter(Q(pk__in=members) | Q(pk__in=_headed_by_title(feed.person, base)))
    else:
        rows = _base(feed.province_id)
    return rows.select_related("owner").order_by("pk")


# --------------------------------------------------------------------------- the calendar


def calendar_name(feed: CalendarFeed) -> str:
    if feed.scope == CalendarFeed.Scope.UNIT:
        return f"Đoàn ra, đoàn vào – {feed.unit.name}"
    if feed.scope == CalendarFeed.Scope.PERSON:
        return f"Lịch đoàn ra, đoàn vào – {feed.person.full_name}"
    return f"Đoàn ra, đoàn vào – {feed.province.name}"


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


def event_of(delegation: Delegation, dates: When, link: Callable[[str], str], stamp) -> Event:
    direction = "Đoàn ra" if delegation.direction == Delegation.Direction.OUT else "Đoàn vào"
    summary = f"{direction}: {_one_line(delegation.name)}"
    if dates.planned:
        summary += f" ({dates.planned})"
    countries = ", ".join(delegation.country_names)
    url = link(delegation.get_absolute_url())
    lines = [
        f"Trưởng đoàn: {_one_line(delegation.leader)}" if delegation.leader else "",
        f"Nước: {countries}" if countries else "",
        f"Đối tác: {_one_line(delegation.partners)}" if delegation.partners else "",
        f"Đơn vị đề xuất: {delegation.owner.name}" if delegation.owner else "",
        f"Trạng thái: {delegation.status_label}",
        f"Thời gian: {dates.planned} (chưa có ngày cụ thể)" if dates.planned else "",
        f"Xem trên doingoai: {url}",
    ]
    event = Event()
    event.add("uid", f"delegation-{delegation.pk}@doingoai")
    event.add("dtstamp", stamp)
    event.add("dtstart", dates.start)
    event.add("dtend", dates.end)
    event.add("summary", summary)
    event.add("description", "\n".join(line for line in lines if line))
    if countries:
        event.add("location", countries)
    event.add("url", url)
    event.add("categories", [direction])
    event.add(
        "status", "TENTATIVE" if dates.planned or delegation.status == Status.POSTPONED else "CONFIRMED"
    )
    # a plan's month does not make the whole day busy; the trip's own days do
    event.add("transp", "TRANSPARENT" if dates.planned else "OPAQUE")
    event.add("sequence", delegation.version)
    if delegation.updated_at:
        event.add("last-modified", delegation.updated_at)
    return event


def build(feed: CalendarFeed, link: Callable[[str], str]) -> bytes:
    """``feed``'s calendar, as the bytes of an .ics file; ``link(path)`` makes a page's absolute address."""
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    name = calendar_name(feed)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # text values (RFC 5545 3.1.1: their commas escaped); icalendar leaves an X- property's as given
    calendar.add("x-wr-calname", vText(name))
    calendar.add("x-wr-caldesc", vText(f"{name}: các đoàn từ khi gửi Sở Ngoại vụ đến khi về (doingoai)."))
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    # how often a calendar app should read it again (Outlook's word, then RFC 7986's)
    calendar.add("x-published-ttl", vDuration(REFRESH))
    calendar.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    dated = []
    for delegation in delegations_of(feed):
        dates = when(delegation)
        if dates is not None:
            dated.append((dates, delegation))
    dated.sort(key=lambda item: (item[0].start, item[1].pk))
    for dates, delegation in dated:
        calendar.add_component(event_of(delegation, dates, link, stamp))
    return calendar.to_ical()
