"""The checks themselves: a plan year's delegations in, the rules they trip out.

Each check reads ``Trip`` views of the delegations (built once by
``services.warnings_refresh``) and the rule's parameters, and returns
``Finding``s: which delegation, which rule, a key telling two findings of one
rule on one delegation apart, the Vietnamese reason, the other delegations
involved. Nothing here writes.

A person is counted as a person: by the register of people where the
delegation's members are linked to it (a member, their ``key_position``,
their body), and otherwise by the head's name as written (folded: "Ông
Nguyễn Văn A" and "nguyen van a" are one). A head written as a title the
office says who holds that year ("Thường trực Tỉnh ủy": two people) comes as
those people, members in the head's role (``services._trips``).
"""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz, process

from doingoai.extraction.normalize.text import fold

DATA = Path(__file__).resolve().parent / "data" / "rules.json"


@cache
def rules() -> dict[str, dict]:
    """The rules by id, as ``data/rules.json`` defines them."""
    data = json.loads(DATA.read_text("utf-8"))
    return {key: value for key, value in data.items() if not key.startswith("_")}


@dataclass(frozen=True)
class Member:
    person_id: int
    role: str
    key_position: bool
    body: str  # folded
    name: str


@dataclass
class Trip:
    """What the checks read of one delegation."""

    id: int
    year: int
    direction: str
    owner_id: int | None
    name: str
    leader: str
    countries: tuple[str, ...]
    localities: tuple[str, ...]
    partners: str
    activities: str
    people: int | None
    days: float | None
    start: datetime.date | None
    end: datetime.date | None
    funding: str
    funding_categories: tuple[str, ...]
    members: list[Member] = field(default_factory=list)

    @property
    def head(self) -> str:
        """Who heads it: their register id, or their name as written (folded), or ""."""
        for member in self.members:
            if member.role == "head":
                return f"person:{member.person_id}"
        leader = fold(self.leader).strip(" .,;-")
        return f"text:{leader}" if leader else ""

    @property
    def heads(self) -> list[str]:
        """Everyone who heads it (a title held by several people: each of them), else ``[head]`` or ``[]``."""
        people = [f"person:{member.person_id}" for member in self.members if member.role == "head"]
        return list(dict.fromkeys(people)) or ([self.head] if self.head else [])

    @property
    def last_day(self) -> datetime.date | None:
        """The last day of its period (periods are months)."""
        end = self.end or self.start
        if end is None:
            return None
        following = datetime.date(end.year + end.month // 12, end.month % 12 + 1, 1)
        return following - datetime.timedelta(days=1)

    def overlaps(self, other: Trip) -> bool:
        if self.start is None or other.start is None:
            return False
        return self.start <= other.last_day and other.start <= self.last_day


@dataclass(frozen=True)
class Finding:
    delegation_id: int
    rule: str
    key: str
    message: str
    related: tuple[int, ...] = ()


Check = Callable[[list[Trip], list[Trip], dict], Iterable[Finding]]
CHECKS: dict[str, Check] = {}


def check(rule: str):
    def register(function: Check) -> Check:
        CHECKS[rule] = function
        return function

    return register


def _label(trip: Trip) -> str:
    return f"«{trip.name[:80]}»"


def _others(trips: list[Trip]) -> str:
    """The first of the other delegations by name, and how many more: one warning names them all."""
    more = f" và {len(trips) - 1} đoàn khác" if len(trips) > 1 else ""
    return f"{_label(trips[0])}{more}"


# --------------------------------------------------------------------------- one delegation


@check("max_people")
def max_people(trips, _history, params):
    for trip in trips:
        if trip.direction in params["directions"] and trip.people and trip.people > params["limit"]:
            yield Finding(
                trip.id,
                "max_people",
                "",
                f"Đoàn có {trip.people} người, quá {params['limit']} người mỗi đoàn.",
            )


@check("max_days")
def max_days(trips, _history, params):
    for trip in trips:
        if trip.direction in params["directions"] and trip.days and trip.days > params["limit"]:
            yield Finding(
                trip.id, "max_days", "", f"Chuyến đi {trip.days:g} ngày, quá {params['limit']} ngày mỗi đoàn."
            )


@check("max_countries")
def max_countries(trips, _history, params):
    for trip in trips:
        countries = [code for code in trip.countries if not code.isdigit()]  # a region is not a country
        if trip.direction in params["directions"] and len(countries) > params["limit"]:
            yield Finding(
                trip.id,
                "max_countries",
                "",
                f"Đoàn đến {len(countries)} nước, quá {params['limit']} nước mỗi đoàn.",
            )


@check("vague_field")
def vague_field(trips, _history, params):
    for trip in trips:
        if not trip.head:
            yield Finding(trip.id, "vague_field", "leader", "Chưa ghi trưởng đoàn (họ tên hoặc chức vụ).")
        if trip.start is None:
            yield Finding(trip.id, "vague_field", "period", "Chưa ghi thời gian thực hiện.")
        elif trip.end is not None:
            months = (trip.end.year - trip.start.year) * 12 + trip.end.month - trip.start.month + 1
            if months > params["max_period_months"]:
                yield Finding(
                    trip.id,
                    "vague_field",
                    "period",
                    f"Thời gian ghi chưa rõ: trong {months} tháng, chưa đến mức một quý.",
                )
        if not trip.funding.strip() or not trip.funding_categories:
            yield Finding(trip.id, "vague_field", "funding", "Chưa ghi rõ nguồn kinh phí.")


@check("key_leaders_together")
def key_leaders_together(trips, _history, _params):
    for trip in trips:
        by_body: dict[str, list[Member]] = defaultdict(list)
        for member in trip.members:
            if member.key_position and member.body:
                by_body[member.body].append(member)
        for body, members in by_body.items():
            if len({m.person_id for m in members}) >= 2:
                names = ", ".join(m.name for m in members)
                yield Finding(
                    trip.id,
                    "key_leaders_together",
                    body[:200],
                    f"Hai lãnh đạo chủ chốt của cùng một cơ quan cùng đi trong đoàn: {names}.",
                )


# --------------------------------------------------------------------------- several delegations


def _is_key(trip: Trip, titles: list[str]) -> bool:
    leader = fold(trip.leader)
    return any(title in leader for title in titles)


def _people_of(trip: Trip, titles: list[str]) -> set[str]:
    """The key leaders a delegation counts for: its members in key positions, or a head with a key title."""
    people = {f"person:{m.person_id}" for m in trip.members if m.key_position}
    if not trip.members and trip.head and _is_key(trip, titles):
        people.add(trip.head)
    return people


@check("leader_trips_per_year")
def leader_trips_per_year(trips, _history, params):
    trips_of: dict[str, list[Trip]] = defaultdict(list)
    for trip in trips:
        if trip.direction == "out":
            for person in _people_of(trip, params["key_titles"]):
                trips_of[person].append(trip)
    for person, own in trips_of.items():
        if len(own) > params["max_trips"]:
            for trip in own:
                who = next((m.name for m in trip.members if f"person:{m.person_id}" == person), trip.leader)
                yield Finding(
                    trip.id,
                    "leader_trips_per_year",
                    person[:200],
                    f"{who} đi nước ngoài {len(own)} lần trong năm {trip.year}, "
                    f"quá {params['max_trips']} lần.",
                    tuple(other.id for other in own if other.id != trip.id),
                )


def trips_by_head(trips: Iterable[Trip], not_a_person: Iterable[str]) -> dict[str, list[Trip]]:
    """Each person heading delegations (``Trip.heads``: a register id, or a name as written) → their trips.

    A head written as a role, a deputy or a collective (its folded text begins
    with one of ``not_a_person``: "Lãnh đạo Sở" may be anyone of the board)
    names no one person: it is left out. ``leader_overlap`` and the plan
    year's timeline (``consolidation.timeline``) match leaders this way.
    """
    by_head: dict[str, list[Trip]] = defaultdict(list)
    generic = tuple(not_a_person)
    for trip in trips:
        for head in trip.heads:
            if not (head.startswith("text:") and head[5:].startswith(generic)):
                by_head[head].append(trip)
    return by_head


@check("leader_overlap")
def leader_overlap(trips, _history, params):
    """A head counted by name only when the name is a person's: "Lãnh đạo Sở" may be anyone of the board."""
    by_head = trips_by_head(trips, params["not_a_person"])
    # a delegation headed by several people (a title held by two) overlaps through any of them: one finding
    overlapping_of: dict[int, dict[int, Trip]] = defaultdict(dict)
    for same in by_head.values():
        for trip in same:
            for other in same:
                if other.id != trip.id and trip.overlaps(other):
                    overlapping_of[trip.id][other.id] = other
    for trip in trips:
        overlapping = list(overlapping_of.get(trip.id, {}).values())
        if overlapping:
            yield Finding(
                trip.id,
                "leader_overlap",
                "",
                f"Trưởng đoàn ({trip.leader or 'cùng người'}) cũng dẫn đoàn {_others(overlapping)} "
                "trong cùng thời gian.",
                tuple(other.id for other in overlapping),
            )


def _subject(trip: Trip) -> str:
    return fold(trip.activities or trip.name)


def _place(trip: Trip) -> frozenset[str]:
    return frozenset(trip.localities) or frozenset(trip.countries)


@check("same_place_within_3_years")
def same_place_within_3_years(trips, history, params):
    """Earlier trips to the same place with a similar subject, within the window of years.

    Each place's trips are walked in time order: a trip is compared with the
    distinct subjects of the trips before it only (each pair once), all of
    them in one call (rapidfuzz's ``process.extract`` scores a list in C).
    """
    by_place: dict[tuple[str, frozenset[str]], list[Trip]] = defaultdict(list)
    for earlier in history:
        place = _place(earlier)
        if place:
            by_place[(earlier.direction, place)].append(earlier)
    checked = {trip.id for trip in trips}
    cutoff = params["similarity"]

    def when(trip: Trip) -> tuple:
        return (trip.year, trip.start or datetime.date.min, trip.id)

    for members in by_place.values():
        members.sort(key=when)
        seen: list[str] = []  # the distinct subjects so far, in order
        trips_of: dict[str, list[Trip]] = defaultdict(list)
        for trip in members:
            subject = _subject(trip)
            if trip.id in checked and seen:
                similar = process.extract(
                    subject, seen, scorer=fuzz.token_set_ratio, score_cutoff=cutoff, limit=None
                )
                earlier = [
                    other
                    for _match, _score, index in similar
                    for other in trips_of[seen[index]]
                    if trip.year - params["years"] <= other.year
                ]
                if earlier:
                    earlier.sort(key=when, reverse=True)
                    yield Finding(
                        trip.id,
                        "same_place_within_3_years",
                        "",
                        f"Năm {earlier[0].year} đã có đoàn {_others(earlier)} đến cùng nơi, cùng nội dung.",
                        tuple(other.id for other in earlier),
                    )
            if subject not in trips_of:
                seen.append(subject)
            trips_of[subject].append(trip)


def _same_trip_candidates(trips: list[Trip]) -> Iterable[tuple[Trip, Trip]]:
    """Pairs that may be one trip: same direction, a country in common (or both without), each once."""
    buckets: dict[tuple[str, str], list[Trip]] = defaultdict(list)
    for trip in trips:
        if trip.owner_id and trip.start:
            for code in set(trip.countries) or {""}:
                buckets[(trip.direction, code)].append(trip)
    seen: set[tuple[int, int]] = set()
    for members in buckets.values():
        members.sort(key=lambda t: t.start)
        for index, trip in enumerate(members):
            for other in members[index + 1 :]:
                if other.start > trip.last_day:
                    break  # sorted by start: no later one overlaps
                pair = (min(trip.id, other.id), max(trip.id, other.id))
                if pair not in seen and other.owner_id != trip.owner_id and trip.overlaps(other):
                    seen.add(pair)
                    yield trip, other


@check("duplicate_trip")
def duplicate_trip(trips, _history, params):
    same_as: dict[int, list[Trip]] = defaultdict(list)
    for trip, other in _same_trip_candidates(trips):
        same_partner = (
            trip.partners.strip()
            and other.partners.strip()
            and fuzz.token_set_ratio(fold(trip.partners), fold(other.partners)) >= params["similarity"]
        )
        same_countries = (
            bool(trip.countries)
            and set(trip.countries) == set(other.countries)
            and fuzz.token_set_ratio(_subject(trip), _subject(other)) >= params["similarity"]
        )
        if same_partner or same_countries:
            same_as[trip.id].append(other)
            same_as[other.id].append(trip)
    for trip_id, others in same_as.items():
        yield Finding(
            trip_id,
            "duplicate_trip",
            "",
            f"Đơn vị khác cũng dự kiến đoàn {_others(others)} cùng đối tác, hoặc cùng nước và cùng nội dung, "
            "thời gian trùng nhau.",
            tuple(other.id for other in others),
        )


@check("top_leaders_same_month")
def top_leaders_same_month(trips, _history, params):
    by_month: dict[tuple[int, int], list[Trip]] = defaultdict(list)
    for trip in trips:
        if trip.direction == "out" and trip.start and _is_key(trip, params["top_titles"]):
            by_month[(trip.start.year, trip.start.month)].append(trip)
    for (year, month), same in by_month.items():
        if len({t.head for t in same}) >= 2:
            for trip in same:
                yield Finding(
                    trip.id,
                    "top_leaders_same_month",
                    f"{year}-{month:02d}",
                    f"{len(same)} lãnh đạo chủ chốt của tỉnh cùng đi nước ngoài "
                    f"trong tháng {month:02d}/{year}.",
                    tuple(other.id for other in same if other.id != trip.id),
                )


def findings(trips: list[Trip], history: list[Trip], settings: dict[str, dict]) -> list[Finding]:
    """Every finding of the rules on (``settings``: rule → {"enabled", "params"})."""
    out: list[Finding] = []
    for rule, setting in settings.items():
        if setting["enabled"] and rule in CHECKS:
            out.extend(CHECKS[rule](trips, history, setting["params"]))
    return out
