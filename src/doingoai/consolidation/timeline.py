"""The plan year's timeline: every delegation a bar over the twelve months, each leader's trips on a row.

A bar runs from the delegation's first to its last month, or from the day it
left to the day it came back once those are recorded. A delegation the plan
places only by quarter ("Quý II", "Quý I-II": a period of whole quarters)
is drawn as such, across the quarter's three months, marked apart from the
ones known to the month.

Leaders are matched as the rules match them (``rules.checks.trips_by_head``
over ``rules.services.plan_trips``): a head linked in the register of people,
a head written as a title the office says who holds that year, or a head
named as a person; a head written as a role ("Lãnh đạo Sở") is nobody in
particular and has no row. A leader's bars that overlap are marked and
listed.

The delegations are those the user may see (``delegations.selectors.delegation_list``),
narrowed by the filters; nothing here writes.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import QuerySet

from doingoai.delegations.models import ROMAN, Delegation
from doingoai.delegations.selectors import delegation_list
from doingoai.extraction.normalize.text import fold
from doingoai.people.models import Person, TitleHolding
from doingoai.rules.checks import trips_by_head
from doingoai.rules.services import NOT_GOING, plan_trips, settings_for

Status = Delegation.Status
DAY, MONTH, QUARTER = "day", "month", "quarter"
#: "state" filter values besides the statuses: every state; the default leaves out what no longer goes
ALL_STATES = "all"
#: a label needs about this much of the year (in %) per character, and for its padding (a track of 800 px)
CHARACTER, PADDING = 0.82, 1.5
#: the room (in % of the year) a label needs at least, inside or beside a bar: longer ones end in "…"
NARROW = 14.0
#: fields of a delegation the timeline reads
FIELDS = (
    "id",
    "name",
    "direction",
    "level",
    "year",
    "status",
    "leader",
    "owner__name",
    "province__name",
    "period_start",
    "period_end",
    "period_tentative",
    "departed_on",
    "returned_on",
    "duration_min",
    "duration_max",
    "duration_unit",
)


# --------------------------------------------------------------------------- spans


@dataclass(frozen=True)
class Span:
    """The days a bar covers (``end`` included), how precisely they are known, and its short label."""

    start: datetime.date
    end: datetime.date
    precision: str
    label: str

    def overlaps(self, other: Span) -> bool:
        return self.start <= other.end and other.start <= self.end


def last_day(month: datetime.date) -> datetime.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def quarters(start: datetime.date, end: datetime.date) -> tuple[int, int] | None:
    """(first, last) quarter when the months ``start``–``end`` are whole quarters of one year, else None."""
    if start.year != end.year or start.month % 3 != 1 or end.month % 3 != 0 or end.month <= start.month:
        return None
    return (start.month - 1) // 3 + 1, end.month // 3


def quarter_label(first: int, last: int) -> str:
    """ "Quý II", "Quý I-II", "Cả năm" (the four quarters)."""
    if (first, last) == (1, 4):
        return "Cả năm"
    return f"Quý {ROMAN[first]}" if first == last else f"Quý {ROMAN[first]}-{ROMAN[last]}"


def month_label(start: datetime.date, end: datetime.date) -> str:
    """ "Tháng 7", "Tháng 3-5", "11/2025-02/2026" (a period across two years)."""
    if start.year != end.year:
        return f"{start.month:02d}/{start.year}-{end.month:02d}/{end.year}"
    if start.month == end.month:
        return f"Tháng {start.month}"
    return f"Tháng {start.month}-{end.month}"


def day_label(start: datetime.date, end: datetime.date) -> str:
    """ "12/03-20/03", "28/12/2025-03/01/2026", "05/06" (one day)."""
    if start == end:
        return f"{start:%d/%m}"
    if start.year != end.year:
        return f"{start:%d/%m/%Y}-{end:%d/%m/%Y}"
    return f"{start:%d/%m}-{end:%d/%m}"


def span_of(delegation: Delegation) -> Span | None:
    """The days ``delegation`` covers: its recorded departure and return, else its months; None if unknown.

    Left but not yet back: the return is taken as the departure plus the
    planned days (else the end of its last month).
    """
    if delegation.departed_on is not None:
        start = delegation.departed_on
        end = delegation.returned_on
        if end is None:
            days = delegation.planned_days
            if days:
                end = start + datetime.timedelta(days=max(int(days), 1) - 1)
            elif delegation.period_end is not None and last_day(delegation.period_end) >= start:
                end = last_day(delegation.period_end)
            else:
                end = start
        end = max(end, start)
        return Span(start, end, DAY, day_label(start, end))
    if delegation.period_start is None:
        return None
    start = delegation.period_start.replace(day=1)
    end = last_day(max(delegation.period_end or start, start))
    known = quarters(start, end.replace(day=1))
    if known is not None:
        return Span(start, end, QUARTER, quarter_label(*known))
    return Span(start, end, MONTH, month_label(start, end))


def months_into(day: datetime.date, year: int) -> float:
    """How far into ``year`` the start of ``day`` is, in months (0 on 1 January, 12 after 31 December)."""
    if day.year < year:
        return 0.0
    if day.year > year:
        return 12.0
    return day.month - 1 + (day.day - 1) / calendar.monthrange(day.year, day.month)[1]


# --------------------------------------------------------------------------- bars and rows


@dataclass
class Bar:
    delegation: Delegation
    span: Span
    year: int
    lane: int = 0
    #: its label: the time on a delegation's row, the time and the delegation on a leader's
    text: str = ""
    #: the delegations this one overlaps, on a leader's row
    overlapping: list[Delegation] = field(default_factory=list)
    #: where its label goes (``place_labels``): inside the bar, after or before it, or nowhere (no room)
    label_side: str = "inside"
    #: the room the label has outside the bar, in % of the year
    label_room: float = 0.0

    @property
    def left(self) -> float:
        return months_into(self.span.start, self.year) / 12 * 100

    @property
    def right(self) -> float:
        return months_into(self.span.end + datetime.timedelta(days=1), self.year) / 12 * 100

    @property
    def width(self) -> float:
        return max(self.right - self.left, 0.0)

    @property
    def style(self) -> str:
        """Where the bar is drawn (a string: a number in a template would be written "12,5")."""
        return f"left:{self.left:.3f}%;width:{self.width:.3f}%;--lane:{self.lane}"

    @property
    def label_style(self) -> str:
        """The label's room outside the bar, in % of the bar's own width (the label is inside the link)."""
        if self.label_side not in ("after", "before") or self.width <= 0:
            return ""
        return f"max-width:{self.label_room / self.width * 100:.1f}%"

    @property
    def in_year(self) -> bool:
        return self.span.start.year <= self.year <= self.span.end.year

    @property
    def before_year(self) -> bool:
        return self.span.start.year < self.year

    @property
    def after_year(self) -> bool:
        return self.span.end.year > self.year

    @property
    def description(self) -> str:
        """What the bar is, read aloud and shown on hover."""
        d = self.delegation
        how = {
            QUARTER: "chỉ biết theo quý",
            MONTH: "theo tháng",
            DAY: "ngày đi, ngày về" if d.returned_on else "từ ngày đi",
        }[self.span.precision]
        text = f"{d.name}: {d.period_label if self.span.precision != DAY else self.span.label} ({how})"
        if self.span.precision != DAY and d.period_tentative:
            text += ", dự kiến"
        if self.overlapping:
            text += f"; trùng thời gian với {len(self.overlapping)} đoàn khác của cùng trưởng đoàn"
        return text


def _needs(text: str) -> float:
    """The share of the year (in %) ``text`` needs to be read whole in a bar."""
    return len(text) * CHARACTER + PADDING


def place_labels(bars: list[Bar]) -> None:
    """Where each bar of one lane writes its label: inside when wide enough, else in the free room beside it.

    ``bars`` are one lane's, which never overlap; a label outside takes the
    room up to the next bar (after) or since the previous one's end or label
    (before), and none is written where there is no room (the bar's
    description still says it).
    """
    bars = sorted(bars, key=lambda b: b.left)
    free_from = 0.0
    for i, bar in enumerate(bars):
        following = bars[i + 1].left if i + 1 < len(bars) else 100.0
        if bar.width >= min(NARROW, _needs(bar.text)):
            bar.label_side, bar.label_room = "inside", bar.width
        elif following - bar.right >= NARROW:
            bar.label_side, bar.label_room = "after", following - bar.right
        elif bar.left - free_from >= NARROW:
            bar.label_side, bar.label_room = "before", bar.left - free_from
        elif bar.text != bar.span.label and bar.width >= _needs(bar.span.label):
            # a leader's bar between others: its time only ("Tháng 3"), the delegation on hover
            bar.label_side, bar.label_room, bar.text = "inside", bar.width, bar.span.label
        else:
            bar.label_side, bar.label_room = "none", 0.0
        free_from = following if bar.label_side == "after" else bar.right


@dataclass
class Row:
    bar: Bar
    #: the delegations of the same leader this one overlaps (from the leaders' rows)
    overlapping: list[Delegation] = field(default_factory=list)

    @property
    def delegation(self) -> Delegation:
        return self.bar.delegation


@dataclass
class Group:
    key: str
    label: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class LeaderRow:
    key: str
    label: str
    bars: list[Bar]

    @property
    def lanes(self) -> int:
        return max((bar.lane for bar in self.bars), default=0) + 1

    @property
    def overlap_count(self) -> int:
        return sum(1 for bar in self.bars if bar.overlapping)


@dataclass(frozen=True)
class Overlap:
    leader: str
    first: Bar
    second: Bar


@dataclass
class Timeline:
    province: object
    year: int
    groups: list[Group]
    leaders: list[LeaderRow]
    overlaps: list[Overlap]
    #: delegations with no period, or none in the year
    unplaced: list[Delegation]
    today: datetime.date

    @property
    def count(self) -> int:
        return sum(len(group.rows) for group in self.groups)

    @property
    def quarter_only(self) -> int:
        return sum(1 for group in self.groups for row in group.rows if row.bar.span.precision == QUARTER)

    @property
    def months(self) -> list[dict]:
        now = self.today.month if self.today.year == self.year else None
        return [{"number": m, "label": f"Tháng {m}", "current": m == now} for m in range(1, 13)]

    @property
    def focus_month(self) -> int:
        """The month a narrow screen opens the months at: this month in this year, else the first trip's."""
        if self.today.year == self.year:
            return self.today.month
        starts = [row.bar.span.start for group in self.groups for row in group.rows]
        first = min(starts, default=None)
        return first.month if first is not None and first.year == self.year else 1

    @property
    def quarters(self) -> list[str]:
        return [f"Quý {ROMAN[q]}" for q in range(1, 5)]


# --------------------------------------------------------------------------- reading


def filtered(
    user, province, year: int, *, direction: str = "", level: str = "", unit=None, state: str = ""
) -> QuerySet:
    """The delegations of a province's plan year ``user`` may see, narrowed by the page's filters."""
    rows = delegation_list(user).filter(province=province, year=year)
    if direction:
        rows = rows.filter(direction=direction)
    if level:
        rows = rows.filter(level=level)
    if unit is not None:
        rows = rows.filter(owner=unit)
    if state == ALL_STATES:
        pass
    elif state:
        rows = rows.filter(status=state)
    else:
        rows = rows.exclude(status__in=NOT_GOING)
    return rows.only(*FIELDS)


def _assign_lanes(bars: list[Bar]) -> None:
    """Overlapping bars of one row one under the other: each in the first lane free by its start."""
    lane_ends: list[datetime.date] = []
    for bar in sorted(bars, key=lambda b: (b.span.start, b.span.end, b.delegation.pk)):
        for lane, end in enumerate(lane_ends):
            if end < bar.span.start:
                bar.lane, lane_ends[lane] = lane, bar.span.end
                break
        else:
            bar.lane = len(lane_ends)
            lane_ends.append(bar.span.end)


def _leader_labels(keys: list[str], trips_of: dict, year: int, province_id: int) -> dict[str, str]:
    """A leader's name on their row: the register's, with the title held that year; or as written."""
    ids = [int(key[7:]) for key in keys if key.startswith("person:")]
    people = {p.pk: p for p in Person.objects.filter(pk__in=ids)}
    titles: dict[int, list[str]] = {}
    holdings = TitleHolding.objects.filter(
        province_id=province_id, year=year, deleted_at__isnull=True, people__in=ids
    ).values_list("people", "title")
    for person_id, title in holdings:
        titles.setdefault(person_id, []).append(title)
    labels = {}
    for key in keys:
        if key.startswith("person:"):
            person = people.get(int(key[7:]))
            if person is None:
                labels[key] = key
                continue
            held = titles.get(person.pk) or ([person.title] if person.title else [])
            labels[key] = f"{person.full_name} ({', '.join(held)})" if held else person.full_name
        else:
            labels[key] = " ".join(trips_of[key][0].leader.split())
    return labels


def _leader_rows(
    province, year: int, bars: dict[int, Bar]
) -> tuple[list[LeaderRow], list[Overlap], dict[int, list[Delegation]]]:
    """Each leader's trips among ``bars`` on a row; the pairs that overlap; each delegation's overlaps.

    A leader has a row when they head two trips or more of those shown, or
    hold a key position (the register's mark, or a title held that year).
    """
    trips = [trip for trip in plan_trips(province.pk, year) if trip.id in bars]
    params = settings_for(province.pk)["leader_overlap"]["params"]
    trips_of = trips_by_head(trips, params["not_a_person"])
    key_people = {
        f"person:{member.person_id}" for trip in trips for member in trip.members if member.key_position
    }
    kept = [key for key, own in trips_of.items() if len(own) >= 2 or key in key_people]
    labels = _leader_labels(kept, trips_of, year, province.pk)
    rows, overlaps = [], []
    overlapping_of: dict[int, dict[int, Delegation]] = {}
    for key in kept:
        own = []
        for trip in trips_of[key]:
            delegation, span = bars[trip.id].delegation, bars[trip.id].span
            own.append(Bar(delegation, span, year, text=f"{span.label} · {delegation.name}"))
        own.sort(key=lambda b: (b.span.start, b.span.end, b.delegation.pk))
        for i, first in enumerate(own):
            for second in own[i + 1 :]:
                if first.span.overlaps(second.span):
                    first.overlapping.append(second.delegation)
                    second.overlapping.append(first.delegation)
                    overlaps.append(Overlap(labels[key], first, second))
                    for one, other in ((first, second), (second, first)):
                        overlapping_of.setdefault(one.delegation.pk, {})[other.delegation.pk] = (
                            other.delegation
                        )
        _assign_lanes(own)
        for lane in {bar.lane for bar in own}:
            place_labels([bar for bar in own if bar.lane == lane])
        rows.append(LeaderRow(key, labels[key], own))
    rows.sort(key=lambda row: (fold(row.label), row.key))
    overlaps.sort(key=lambda o: (o.first.span.start, fold(o.leader), o.first.delegation.pk))
    return rows, overlaps, {pk: list(others.values()) for pk, others in overlapping_of.items()}


GROUPS = ((Delegation.Direction.OUT, "Đoàn ra"), (Delegation.Direction.IN, "Đoàn vào"))


def year_timeline(
    user,
    province,
    year: int,
    *,
    direction: str = "",
    level: str = "",
    unit=None,
    state: str = "",
    today: datetime.date,
) -> Timeline:
    """The timeline of ``province``'s plan year ``year`` as ``user`` may see it, with the page's filters."""
    bars: dict[int, Bar] = {}
    unplaced: list[Delegation] = []
    for delegation in filtered(
        user, province, year, direction=direction, level=level, unit=unit, state=state
    ):
        span = span_of(delegation)
        bar = Bar(delegation, span, year, text=span.label) if span is not None else None
        if bar is None or not bar.in_year:
            unplaced.append(delegation)
        else:
            place_labels([bar])
            bars[delegation.pk] = bar
    leaders, overlaps, overlapping_of = _leader_rows(province, year, bars)
    groups = []
    for key, label in GROUPS:
        rows = [
            Row(bar, overlapping_of.get(pk, []))
            for pk, bar in bars.items()
            if bar.delegation.direction == key
        ]
        rows.sort(
            key=lambda row: (
                row.bar.span.start,
                row.bar.span.end,
                fold(row.delegation.name),
                row.delegation.pk,
            )
        )
        if rows:
            groups.append(Group(key, label, rows))
    unplaced.sort(key=lambda d: (d.period_start is None, d.period_start or today, fold(d.name), d.pk))
    return Timeline(province, year, groups, leaders, overlaps, unplaced, today)
