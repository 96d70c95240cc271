"""Every change to a foreign partner goes through these functions.

Partners (foreign localities and organisations) are reference data of the
province kept by the foreign-affairs office. A partner's name is unique in
its province (without case); its locality code (ISO 3166-2) starts with its
country's code.

The importer makes and links them (``partners_link_document``): every
locality and organisation a document's delegations and agreements name is a
partner of the province, found again by its ``key`` whatever the spelling.
An officer merges two that are one (``partner_merge``) and may undo it
(``partner_merge_undo``); both are in the partners' history.
"""

from __future__ import annotations

from django.utils import timezone

from doingoai.accounts.scoping import default_province, is_office, office_for
from doingoai.core.bulk import history_rows, insert_rows, update_rows
from doingoai.core.errors import InvalidInput
from doingoai.core.parsing import is_country_code
from doingoai.core.services import (
    Operations,
    create_record,
    delete_record,
    lock,
    require,
    save_record,
    service,
    update_record,
)
from doingoai.partners.derive import Candidate, candidates, localities_named, partner_key
from doingoai.partners.models import Partner, PartnerMerge

OFFICE_ONLY = "Chỉ cán bộ Sở Ngoại vụ được thay đổi danh mục đối tác."
NAME_REQUIRED = "Vui lòng nhập tên đối tác."


def can_create_partner(user) -> bool:
    return is_office(user)


def can_change_partner(user, partner: Partner) -> bool:
    return office_for(user, partner.province_id)


def _allowed(user, partner: Partner) -> None:
    require(can_change_partner(user, partner), OFFICE_ONLY)


def _derive(partner: Partner, changed: set[str]) -> set[str]:
    touched = set()
    for name, value in (
        ("name", " ".join((partner.name or "").split())),
        ("country", (partner.country or "").strip().upper()),
        ("subdivision", (partner.subdivision or "").strip().upper()),
    ):
        if getattr(partner, name) != value:
            setattr(partner, name, value)
            touched.add(name)
    key = partner_key(partner.name, partner.subdivision)
    if partner.key != key:
        partner.key = key
        touched.add("key")
    return touched


def _validate(partner: Partner, changed: set[str]) -> None:
    errors = {}
    if not partner.name:
        errors["name"] = NAME_REQUIRED
    elif (
        Partner.objects.filter(province_id=partner.province_id, name__iexact=partner.name)
        .exclude(pk=partner.pk)
        .exists()
    ):
        errors["name"] = "Tỉnh này đã có một đối tác cùng tên."
    if partner.country and not is_country_code(partner.country):
        errors["country"] = f"Không nhận ra mã nước {partner.country}."
    if partner.subdivision and partner.country and not partner.subdivision.startswith(f"{partner.country}-"):
        errors["subdivision"] = f"Mã địa phương phải bắt đầu bằng mã nước ({partner.country}-…)."
    if partner.kind not in Partner.Kind.values:
        errors["kind"] = "Loại đối tác không hợp lệ."
    if errors:
        raise InvalidInput(errors)


@service
def partner_create(*, user, values: dict, reason: str = "") -> Partner:
    values = {**values, "province": values.get("province") or default_province(user)}
    return create_record(
        Partner,
        user=user,
        values=values,
        reason=reason or "Thêm đối tác",
        allowed=_allowed,
        validate=_validate,
        derive=_derive,
    )


@service
def partner_update(
    partner: Partner, *, user, values: dict, version: int | None = None, reason: str = ""
) -> Partner:
    partner, _ = update_record(
        partner,
        user=user,
        values=values,
        version=version,
        reason=reason or "Sửa đối tác",
        allowed=_allowed,
        validate=_validate,
        derive=_derive,
    )
    return partner


@service
def partner_delete(partner: Partner, *, user, version: int | None = None, reason: str = "") -> Partner:
    return delete_record(
        partner, user=user, version=version, reason=reason or "Xóa đối tác", allowed=_allowed
    )


# --------------------------------------------------------------------------- from the documents


def _resolved(partner: Partner, by_id: dict[int, Partner]) -> Partner:
    """The partner that stands for ``partner``: itself, or the one it was merged into (and so on)."""
    seen = set()
    while partner.merged_into_id and partner.merged_into_id in by_id and partner.pk not in seen:
        seen.add(partner.pk)
        partner = by_id[partner.merged_into_id]
    return partner


class _Register:
    """A province's partners by key and by name, merged ones pointing to the partner kept."""

    def __init__(self, province_id: int):
        self.province_id = province_id
        rows = list(Partner._base_manager.filter(province_id=province_id, deleted_at__isnull=True))
        by_id = {p.pk: p for p in rows}
        self.by_key: dict[str, Partner] = {}
        self.by_name: dict[str, Partner] = {}
        for partner in rows:
            kept = _resolved(partner, by_id)
            for key in (partner.key, *(partner_key(alias) for alias in partner.aliases or [])):
                if key:
                    self.by_key.setdefault(key, kept)
            self.by_name.setdefault(partner.name.lower(), kept)
        self.new: list[Partner] = []

    def find_or_add(self, candidate: Candidate) -> Partner:
        found = self.by_key.get(candidate.key) or self.by_name.get(candidate.name.lower())
        if found is None:
            found = Partner(
                province_id=self.province_id,
                name=candidate.name[:255],
                kind=candidate.kind,
                country=candidate.country,
                subdivision=candidate.subdivision,
                aliases=list(candidate.aliases),
                key=candidate.key,
            )
            found.fill_derived()
            self.new.append(found)
            self.by_key[candidate.key] = found
            self.by_name[found.name.lower()] = found
        return found


@service
def partners_link(delegations, agreements, *, user, reason: str) -> dict[str, int]:
    """Make the partners ``delegations`` and ``agreements`` name, and link them; in a few queries.

    A delegation's links become exactly the partners it names now (a
    corrected document drops the old ones); an agreement without a partner
    gets the first it names, with a history record. Returns how many
    partners were created and links written.
    """
    registers: dict[int, _Register] = {}

    def register(province_id: int) -> _Register:
        if province_id not in registers:
            registers[province_id] = _Register(province_id)
        return registers[province_id]

    wanted: dict[int, list[Partner]] = {}
    for delegation in delegations:
        found = candidates(
            localities=delegation.localities,
            countries=delegation.countries,
            partners_text=delegation.partners,
        )
        wanted[delegation.pk] = [register(delegation.province_id).find_or_add(c) for c in found]
    given: list[tuple] = []
    for agreement in agreements:
        if agreement.partner_id is not None:
            continue
        found = candidates(
            localities=localities_named(agreement.partner_name),
            countries=agreement.countries,
            partners_text=agreement.partner_name,
        )
        if found:
            given.append((agreement, register(agreement.province_id).find_or_add(found[0])))
    created = [partner for reg in registers.values() for partner in reg.new]
    insert_rows(Partner, created)
    history_rows(Partner, created, user=user, reason=reason, kind="+")
    through = Partner.delegations.through
    through.objects.filter(delegation_id__in=list(wanted)).delete()
    links = {
        (partner.pk, delegation_id) for delegation_id, partners in wanted.items() for partner in partners
    }
    through.objects.bulk_create(
        [through(partner_id=partner_id, delegation_id=delegation_id) for partner_id, delegation_id in links],
        ignore_conflicts=True,
    )
    if given:
        from doingoai.agreements.models import Agreement

        changed = []
        for agreement, partner in given:
            agreement.partner_id = partner.pk
            agreement.version += 1
            changed.append(agreement)
        update_rows(Agreement, changed, ["partner", "version", "updated_at"])
        history_rows(Agreement, changed, user=user, reason=reason, kind="~")
    return {"created": len(created), "links": len(links) + len(given)}


@service
def partners_link_document(plan_document, *, user) -> dict[str, int]:
    """The partners of every delegation and agreement read from ``plan_document`` (the importer's step)."""
    from doingoai.agreements.models import Agreement
    from doingoai.delegations.models import Delegation

    fields = ("id", "province_id", "localities", "countries", "partners")
    delegations = list(Delegation.objects.filter(plan_document=plan_document).only(*fields))
    agreements = list(Agreement.objects.filter(plan_document=plan_document, partner__isnull=True))
    return partners_link(delegations, agreements, user=user, reason=f"Từ văn bản {plan_document}"[:100])


# --------------------------------------------------------------------------- merging


def can_merge(user, partner: Partner) -> bool:
    return office_for(user, partner.province_id)


@service
def partner_merge(kept: Partner, merged: Partner, *, user) -> PartnerMerge:
    """``merged`` is the same partner as ``kept``: its delegations, agreements and spellings move there."""
    from doingoai.agreements.models import Agreement

    kept, merged = lock(kept), lock(merged)
    require(can_merge(user, kept) and can_merge(user, merged), OFFICE_ONLY)
    if kept.pk == merged.pk:
        raise InvalidInput({"partner": "Không thể gộp một đối tác vào chính nó."})
    if kept.province_id != merged.province_id:
        raise InvalidInput({"partner": "Chỉ gộp được hai đối tác của cùng một tỉnh."})
    if merged.merged_into_id or kept.merged_into_id or kept.deleted_at or merged.deleted_at:
        raise InvalidInput({"partner": "Đối tác này đã được gộp hoặc đã xóa."})
    have = set(kept.delegations.values_list("pk", flat=True))
    moved = sorted(set(merged.delegations.values_list("pk", flat=True)) - have)
    kept.delegations.add(*moved)
    merged.delegations.clear()
    agreements = list(Agreement.objects.filter(partner=merged))
    _move_agreements(agreements, kept, user=user, reason=f"Gộp đối tác «{merged.name}» vào «{kept.name}»")
    known = {name.lower() for name in [kept.name, *kept.aliases]}
    added = [name for name in dict.fromkeys([merged.name, *merged.aliases]) if name.lower() not in known]
    kept.aliases = [*kept.aliases, *added]
    kept.fill_derived()
    save_record(kept, {"aliases", "search_text"}, user=user, reason=f"Gộp đối tác «{merged.name}» vào")
    merged.merged_into = kept
    save_record(merged, {"merged_into"}, user=user, reason=f"Gộp vào đối tác «{kept.name}»")
    return PartnerMerge.objects.create(
        kept=kept,
        merged=merged,
        delegation_ids=moved,
        agreement_ids=[a.pk for a in agreements],
        aliases_added=added,
        merged_by=user,
    )


@service
def partner_merge_undo(merge: PartnerMerge, *, user) -> PartnerMerge:
    """Put back what ``merge`` moved: both partners as they were, each in its history."""
    from doingoai.agreements.models import Agreement

    merge = PartnerMerge.objects.select_for_update().get(pk=merge.pk)
    kept, merged = lock(merge.kept), lock(merge.merged)
    require(can_merge(user, kept), OFFICE_ONLY)
    if merge.undone_at is not None:
        raise InvalidInput({"merge": "Lần gộp này đã được hoàn tác."})
    if merged.merged_into_id != kept.pk:
        raise InvalidInput({"merge": "Đối tác đã thay đổi sau lần gộp này; không hoàn tác được."})
    kept.delegations.remove(*merge.delegation_ids)
    merged.delegations.add(*merge.delegation_ids)
    agreements = list(Agreement.objects.filter(pk__in=merge.agreement_ids, partner=kept))
    _move_agreements(agreements, merged, user=user, reason=f"Hoàn tác gộp đối tác «{merged.name}»")
    taken = {name.lower() for name in merge.aliases_added}
    kept.aliases = [name for name in kept.aliases if name.lower() not in taken]
    kept.fill_derived()
    save_record(kept, {"aliases", "search_text"}, user=user, reason=f"Hoàn tác gộp đối tác «{merged.name}»")
    merged.merged_into = None
    save_record(merged, {"merged_into"}, user=user, reason=f"Hoàn tác gộp vào «{kept.name}»")
    merge.undone_at, merge.undone_by = timezone.now(), user
    merge.save(update_fields=["undone_at", "undone_by"])
    return merge


def _move_agreements(agreements, partner: Partner, *, user, reason: str) -> None:
    from doingoai.agreements.models import Agreement

    for agreement in agreements:
        agreement.partner_id = partner.pk
        agreement.version += 1
    update_rows(Agreement, agreements, ["partner", "version", "updated_at"])
    history_rows(Agreement, agreements, user=user, reason=reason, kind="~")


PARTNERS = Operations(
    can_create=can_create_partner,
    can_change=can_change_partner,
    create=partner_create,
    update=partner_update,
    delete=partner_delete,
    denied=OFFICE_ONLY,
)
