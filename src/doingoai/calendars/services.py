"""Every change of a calendar feed (creating one, revoking it), and who may follow what.

A feed serves the delegations of a province, of a unit, or of a person (a
leader's itinerary). Who may follow which:

- a province (``scope="province"``): anyone who sees the province (unit
  officers, the office, leaders, administrators);
- a unit (``scope="unit"``): the unit's own officers, the office of its
  province, and the leaders of its province;
- a person (``scope="person"``): a leader's itinerary is sensitive. Only the
  office of the person's province may follow it, and a leader of that
  province may follow *their own* itinerary only: the ``Person`` of the
  register is theirs when its full name equals the account's full name,
  both folded (no case, no diacritics, one space: ``extraction.normalize.text.fold``).
  The account's full name is read family name first, as the accounts pages
  write it ("Hoàng Thu Hà": ``last_name`` then ``first_name``; Django's own
  ``get_full_name`` puts the given name first). An account without a name
  matches nobody. A leader never follows a colleague's itinerary.

The same rules are asked again each time a calendar app reads the feed
(``may_follow``): an owner who is deactivated, moves to another unit or
loses the province, or a unit or person deleted since, and the address
answers 404.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from doingoai.accounts.permissions import role_of
from doingoai.accounts.scoping import (
    default_province,
    is_leader_for,
    office_for,
    sees_province,
    staff_of,
    user_unit,
)
from doingoai.accounts.scoping import scope as scoped
from doingoai.calendars.models import CalendarFeed
from doingoai.core.errors import InvalidInput, NotAllowed
from doingoai.core.services import lock, save_record, service
from doingoai.extraction.normalize.text import fold
from doingoai.organization.models import Unit
from doingoai.people.models import Person

Scope = CalendarFeed.Scope

PROVINCE_REFUSED = "Bạn không xem được đoàn ra, đoàn vào của tỉnh này."
UNIT_REFUSED = (
    "Chỉ cán bộ của đơn vị, cán bộ Sở Ngoại vụ và lãnh đạo tỉnh mới theo dõi được lịch đoàn của đơn vị này."
)
PERSON_REFUSED = (
    "Lịch công tác của lãnh đạo chỉ do Sở Ngoại vụ của tỉnh theo dõi; "
    "lãnh đạo chỉ theo dõi được lịch công tác của chính mình."
)
REVOKE_REFUSED = "Chỉ người tạo địa chỉ lịch (hoặc quản trị hệ thống) mới thu hồi được."


def account_name(user) -> str:
    """The account's full name, family name first, folded ("" when it has none: never the username)."""
    return fold(" ".join(part for part in (user.last_name, user.first_name) if part))


def is_own_person(user, person: Person) -> bool:
    """Whether the register's ``person`` is the account's own (same full name, folded; see the module)."""
    name = account_name(user)
    return bool(name) and name == fold(person.full_name)


# --------------------------------------------------------------------------- who may follow what


def may_follow_province(user, province_id: int | None) -> bool:
    return sees_province(user, province_id)


def may_follow_unit(user, unit: Unit) -> bool:
    if unit.deleted_at is not None:
        return False
    return (
        staff_of(user, unit.pk) or office_for(user, unit.province_id) or is_leader_for(user, unit.province_id)
    )


def may_follow_person(user, person: Person) -> bool:
    if person.deleted_at is not None:
        return False
    if office_for(user, person.province_id):
        return True
    return is_leader_for(user, person.province_id) and is_own_person(user, person)


def may_follow(user, feed: CalendarFeed) -> bool:
    """Whether ``feed``'s owner (``user``) may still read what it serves: asked at every read."""
    if user is None or not user.is_active or role_of(user) is None:
        return False
    if feed.scope == Scope.PROVINCE:
        return may_follow_province(user, feed.province_id)
    if feed.scope == Scope.UNIT:
        return feed.unit is not None and may_follow_unit(user, feed.unit)
    if feed.scope == Scope.PERSON:
        return feed.person is not None and may_follow_person(user, feed.person)
    return False


def followable_units(user) -> QuerySet:
    """The units whose calendar ``user`` may follow (for the page's choice)."""
    units = scoped(Unit.objects.all(), user).select_related("province")
    if role_of(user) in ("office", "admin", "leader"):
        return units
    unit = user_unit(user)
    return units.filter(pk=unit.pk) if unit is not None else units.none()


def followable_people(user) -> list[Person]:
    """The people whose itinerary ``user`` may follow: the office's register; a leader, themselves."""
    people = scoped(Person.objects.all(), user).select_related("province")
    role = role_of(user)
    if role in ("office", "admin"):
        return list(people)
    if role == "leader" and account_name(user):
        name = " ".join(part for part in (user.last_name, user.first_name) if part)
        return [person for person in people.search(name) if may_follow_person(user, person)]
    return []


# --------------------------------------------------------------------------- writes


@service
def feed_create(*, user, scope: str, province=None, unit: Unit | None = None, person: Person | None = None):
    """A new secret address for ``user``: a province's, a unit's or a person's delegations.

    ``province`` defaults to the user's (``scoping.default_province``) for the
    province scope; a unit's or a person's own province is used otherwise.
    Refuses (``NotAllowed``) what the rules of the module do not allow.
    """
    if scope not in Scope.values:
        raise InvalidInput({"scope": "Phạm vi phải là cả tỉnh, một đơn vị hoặc lịch công tác của một người."})
    feed = CalendarFeed(owner=user, scope=scope)
    if scope == Scope.PROVINCE:
        province = province or default_province(user)
        if province is None:
            raise NotAllowed("Tài khoản của bạn chưa được gán tỉnh nào.")
        if province.deleted_at is not None or not may_follow_province(user, province.pk):
            raise NotAllowed(PROVINCE_REFUSED)
        feed.province = province
    elif scope == Scope.UNIT:
        if unit is None:
            raise InvalidInput({"unit": "Hãy chọn đơn vị."})
        if not may_follow_unit(user, unit):
            raise NotAllowed(UNIT_REFUSED)
        feed.province_id, feed.unit = unit.province_id, unit
    else:
        if person is None:
            raise InvalidInput({"person": "Hãy chọn người."})
        if not may_follow_person(user, person):
            raise NotAllowed(PERSON_REFUSED)
        feed.province_id, feed.person = person.province_id, person
    return save_record(feed, None, user=user, reason=f"Tạo địa chỉ lịch: {feed.get_scope_display().lower()}")


@service
def feed_revoke(feed: CalendarFeed, *, user) -> CalendarFeed:
    """Revoke the address (its token answers 404 from now on): its owner, or an administrator."""
    feed = lock(feed)
    administrator = role_of(user) == "admin" and sees_province(user, feed.province_id)
    if feed.owner_id != user.pk and not administrator:
        raise NotAllowed(REVOKE_REFUSED)
    if feed.revoked_at is None:
        feed.revoked_at = timezone.now()
        save_record(feed, {"revoked_at"}, user=user, reason="Thu hồi địa chỉ lịch")
    return feed
