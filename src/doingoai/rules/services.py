"""Keeping the warnings in step with the plan, and an officer's acknowledgement of one.

``warnings_refresh(province_id, year)`` runs the checks over a province's
plan year and brings its warnings up to date: new ones added, the ones no
longer tripped made inactive (kept, with their acknowledgement), the others
left as they are. The delegation services ask for it (``refresh_soon``) when
a delegation, its members or its state change: it runs once, before their
transaction ends, however many delegations the service changed.

A delegation headed by a title only ("Thường trực Tỉnh ủy") counts the people
the office says hold that title in its province and year
(``people.TitleHolding``): the checks see them as its heads, as if linked in
the register, so that a leader is counted as a person whichever way the
plan names them.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import connection
from django.db.models import Prefetch, Q
from django.utils import timezone

from doingoai.accounts.scoping import office_for
from doingoai.core.bulk import history_rows, insert_rows, update_rows
from doingoai.core.errors import InvalidInput, NotAllowed
from doingoai.core.services import clean_text, derived_soon, service
from doingoai.delegations.models import Delegation, DelegationMember
from doingoai.people.models import Person, TitleHolding, title_key
from doingoai.rules.checks import Member, Trip, findings, rules
from doingoai.rules.models import RuleSetting, Warning

Status = Delegation.Status
#: the fields of a delegation the checks read
TRIP_FIELDS = (
    "year",
    "direction",
    "owner_id",
    "name",
    "leader",
    "countries",
    "localities",
    "partners",
    "activities",
    "people_min",
    "people_max",
    "duration_min",
    "duration_max",
    "duration_unit",
    "period_start",
    "period_end",
    "funding",
    "funding_categories",
)
#: what a check writes on a warning
WRITTEN = ("message", "source", "clear", "related", "active", "year")
#: states whose delegations no longer go: they trip no rule
NOT_GOING = (Status.CANCELLED, Status.REJECTED)


def settings_for(province_id: int) -> dict[str, dict]:
    """Each rule's setting for the province: its own where it set one, else the default of ``rules.json``."""
    own = {s.rule: s for s in RuleSetting.objects.filter(province_id=province_id)}
    out = {}
    for rule, spec in rules().items():
        setting = own.get(rule)
        out[rule] = {
            "enabled": setting.enabled if setting is not None else spec["enabled"],
            "params": {**spec["params"], **(setting.params if setting is not None else {})},
        }
    return out


def _member(person: Person, role: str, *, key_position: bool | None = None) -> Member:
    return Member(
        person_id=person.pk,
        role=role,
        key_position=person.key_position if key_position is None else key_position,
        body=clean_text(person.body).casefold(),
        name=person.full_name,
    )


#: the word before a title that makes it another one: "Phó Chủ tịch UBND tỉnh" is not "Chủ tịch UBND tỉnh"
_DEPUTY = " pho "


def names_title(leader_key: str, key: str) -> bool:
    """Whether a head written ``leader_key`` (a ``title_key``) names the title ``key``.

    Its whole words ("chu tich ubnd tinh" in "dong chi chu tich ubnd tinh"),
    and not as its deputy ("pho chu tich ubnd tinh" is another title).
    """
    words, needle = f" {leader_key} ", f" {key} "
    at = words.find(needle)
    while at != -1:
        if not words[: at + 1].endswith(_DEPUTY):
            return True
        at = words.find(needle, at + 1)
    return False


def _holders(province_id: int, years: list[int]) -> dict[int, list[tuple[str, list[Person]]]]:
    """Each year's titles (longest first) and their holders, from one query (and one for the people)."""
    by_year: dict[int, list[tuple[str, list[Person]]]] = defaultdict(list)
    holdings = TitleHolding.objects.filter(
        province_id=province_id, year__in=years, deleted_at__isnull=True
    ).prefetch_related(Prefetch("people", queryset=Person.objects.filter(deleted_at__isnull=True)))
    for holding in holdings:
        if holding.title_key and holding.people.all():
            by_year[holding.year].append((holding.title_key, list(holding.people.all())))
    for titles in by_year.values():
        titles.sort(key=lambda item: (-len(item[0]), item[0]))
    return by_year


def _title_heads(province_id: int, rows: list[Delegation], members: dict[int, list[Member]]) -> None:
    """Add to ``members`` the holders of the title each delegation's head is written as (longest title wins).

    A holder already among the delegation's own members is left as the
    register has them; the others join as heads in a key position.
    """
    holders = _holders(province_id, sorted({row.year for row in rows}))
    if not holders:
        return
    found: dict[tuple[int, str], list[Person]] = {}  # plans repeat their heads
    for row in rows:
        titles = holders.get(row.year)
        if not titles or not row.leader:
            continue
        leader = title_key(row.leader)
        if (row.year, leader) not in found:
            found[(row.year, leader)] = next(
                (people for key, people in titles if names_title(leader, key)), []
            )
        own = members.setdefault(row.pk, [])
        present = {member.person_id for member in own}
        own.extend(
            _member(person, DelegationMember.Role.HEAD.value, key_position=True)
            for person in found[(row.year, leader)]
            if person.pk not in present
        )


def _trips(province_id: int, years: range) -> list[Trip]:
    rows = list(
        Delegation.objects.filter(
            province_id=province_id, year__in=list(years), merged_into__isnull=True, deleted_at__isnull=True
        )
        .exclude(status__in=NOT_GOING)
        .only(*TRIP_FIELDS)
    )
    members: dict[int, list[Member]] = {}
    for member in DelegationMember.objects.filter(delegation__in=[row.pk for row in rows]).select_related(
        "person"
    ):
        members.setdefault(member.delegation_id, []).append(_member(member.person, member.role))
    _title_heads(province_id, rows, members)
    trips = []
    for row in rows:
        per = row.people_max or row.people_min
        trips.append(
            Trip(
                id=row.pk,
                year=row.year,
                direction=row.direction,
                owner_id=row.owner_id,
                name=row.name,
                leader=row.leader,
                countries=tuple(row.countries or ()),
                localities=tuple(row.localities or ()),
                partners=row.partners,
                activities=row.activities,
                people=per,
                days=float(row.planned_days) if row.planned_days else None,
                start=row.period_start,
                end=row.period_end,
                funding=row.funding,
                funding_categories=tuple(row.funding_categories or ()),
                members=members.get(row.pk, []),
            )
        )
    return trips


def plan_trips(province_id: int, year: int) -> list[Trip]:
    """A plan year's delegations as the checks read them: a head written as a title comes as its holders.

    Cancelled, left-out and merged delegations are not among them (they do
    not go). Read by the plan year's timeline (``consolidation.timeline``).
    """
    return _trips(province_id, range(year, year + 1))


#: the first key of the PostgreSQL advisory locks of this module
_LOCK_NAMESPACE = 7731


def _lock_plan_year(province_id: int, year: int) -> None:
    """One refresh of a plan year at a time (PostgreSQL): two would add the same warning twice.

    An advisory lock, not a row lock on the province: the import locks the
    province before its delegations, an edit its delegation before the
    refresh; a lock of its own cannot close a cycle with those. SQLite
    writes one transaction at a time already.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)", [_LOCK_NAMESPACE, province_id * 10000 + year]
            )


@service
def warnings_refresh(province_id: int, year: int) -> dict[str, int]:
    """Bring the warnings of a province's plan year up to date; returns how many were added, kept, cleared."""
    _lock_plan_year(province_id, year)
    settings = settings_for(province_id)
    window = max(
        (setting["params"].get("years", 0) for setting in settings.values() if setting["enabled"]), default=0
    )
    history = _trips(province_id, range(year - window, year + 1))
    trips = [trip for trip in history if trip.year == year]
    found = {(f.delegation_id, f.rule, f.key): f for f in findings(trips, history, settings)}
    # this year's warnings, and those of a delegation moved here from another year (a postponement)
    existing = Warning.objects.filter(
        Q(year=year) | Q(delegation_id__in=[trip.id for trip in trips]), province_id=province_id
    )
    stored = {(w.delegation_id, w.rule, w.key): w for w in existing}
    counts = {"added": 0, "kept": 0, "cleared": 0}
    created: list[Warning] = []
    changed: list[Warning] = []
    for key, finding in found.items():
        spec = rules()[finding.rule]
        values = {
            "message": finding.message,
            "source": spec["source"],
            "clear": spec["clear"],
            "related": list(finding.related),
            "active": True,
            "year": year,
        }
        warning = stored.get(key)
        if warning is None:
            created.append(
                Warning(
                    province_id=province_id,
                    delegation_id=finding.delegation_id,
                    rule=finding.rule,
                    key=finding.key,
                    **values,
                )
            )
            continue
        counts["kept"] += 1
        if any(getattr(warning, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(warning, name, value)
            changed.append(warning)
    cleared = [w for key, w in stored.items() if key not in found and w.active]
    for warning in cleared:
        warning.active = False
    counts["added"], counts["cleared"] = len(created), len(cleared)
    # in bulk, with their history: a plan of 2,000 rows takes the same few queries as one of 20
    insert_rows(Warning, created)
    history_rows(Warning, created, user=None, reason="Kiểm tra theo quy định", kind="+")
    for rows, reason in ((changed, "Kiểm tra lại theo quy định"), (cleared, "Không còn vi phạm quy định")):
        if rows:
            for warning in rows:
                warning.version += 1
            update_rows(Warning, rows, [*WRITTEN, "version", "updated_at"])
            history_rows(Warning, rows, user=None, reason=reason, kind="~")
    return counts


def refresh_soon(province_id: int, year: int) -> None:
    """Ask for ``warnings_refresh`` of a plan year once the running service has made its changes.

    Inside ``core.services.derived_after_saving`` (the browser's import of a
    plan) the check runs after the records are committed.
    """
    derived_soon(("warnings_refresh", province_id, year), lambda: warnings_refresh(province_id, year))


def can_change_settings(user, province) -> bool:
    """The office of the province (and the administrators) set its rules."""
    return office_for(user, province.pk)


def can_acknowledge(user, warning: Warning) -> bool:
    """The office of the province (and the administrators) acknowledge warnings."""
    return office_for(user, warning.province_id)


@service
def warning_acknowledge(warning: Warning, *, user, comment: str) -> Warning:
    """An officer has seen the warning and says why the plan keeps what trips it."""
    warning = Warning.objects.select_for_update().get(pk=warning.pk)
    if not can_acknowledge(user, warning):
        raise NotAllowed("Chỉ cán bộ Sở Ngoại vụ của tỉnh mới xác nhận cảnh báo.")
    comment = clean_text(comment)
    if not comment:
        raise InvalidInput({"comment": "Phải ghi ý kiến khi xác nhận cảnh báo."})
    warning.acknowledged_by = user
    warning.acknowledged_at = timezone.now()
    warning.comment = comment
    warning.version += 1
    warning._change_reason = "Xác nhận cảnh báo"
    warning._history_user = user
    warning.save()
    return warning


def _param_value(name: str, default, raw):
    """A setting's value in the type of its default: a whole number, or a list of words."""
    if isinstance(default, bool) or not isinstance(default, (int, list)):
        raise InvalidInput({name: "Tham số này không đặt được."})
    if isinstance(default, int):
        try:
            value = int(str(raw).strip())
        except ValueError:
            raise InvalidInput({name: "Phải là một số nguyên."}) from None
        if value < 0:
            raise InvalidInput({name: "Phải là số không âm."})
        return value
    items = raw if isinstance(raw, list) else str(raw).splitlines()
    return [clean_text(str(item)) for item in items if clean_text(str(item))]


@service
def rule_setting_save(province, rule: str, *, user, enabled: bool, params: dict) -> RuleSetting:
    """A province's own setting of a rule (on or off, its limits); the plan's warnings follow."""
    if not can_change_settings(user, province):
        raise NotAllowed("Chỉ cán bộ Sở Ngoại vụ của tỉnh mới thay đổi thiết lập quy định.")
    spec = rules().get(rule)
    if spec is None:
        raise InvalidInput({"rule": f"Không có quy định «{rule}»."})
    unknown = set(params) - set(spec["params"])
    if unknown:
        raise InvalidInput({"params": f"Quy định này không có tham số {', '.join(sorted(unknown))}."})
    values = {name: _param_value(name, spec["params"][name], raw) for name, raw in params.items()}
    setting = RuleSetting.objects.select_for_update().filter(province=province, rule=rule).first()
    if setting is None:
        setting = RuleSetting(province=province, rule=rule)
    else:
        setting.version += 1
    setting.enabled = bool(enabled)
    setting.params = values
    setting._history_user = user
    setting._change_reason = "Thiết lập quy định"
    setting.save()
    for year in Warning.objects.filter(province=province).values_list("year", flat=True).distinct():
        refresh_soon(province.pk, year)
    return setting
