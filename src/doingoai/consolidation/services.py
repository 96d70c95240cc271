"""Every change of the consolidation: a proposal taken in, left out or merged; a version made and approved.

Taking a proposal in, leaving it out and approving are the delegation's own
steps (``include``, ``reject``, ``approve`` of ``delegations.workflow``),
taken through ``delegations.services.delegation_transition``: approving a
version approves each of its delegations exactly as one by one would, with
the same checks, history and warnings refresh.
"""

from __future__ import annotations

import datetime

from django.db.models import Max
from django.utils import timezone

from doingoai.accounts.scoping import is_leader_for, office_for
from doingoai.consolidation.models import ApprovingDocument, PlanEntry, PlanVersion
from doingoai.consolidation.sections import section_of, sections
from doingoai.core import attachments
from doingoai.core.errors import InvalidInput, NotAllowed, StateConflict
from doingoai.core.services import clean_text, save_record, service
from doingoai.delegations import services as delegation_services
from doingoai.delegations.models import Delegation

Status = Delegation.Status
OFFICE_ONLY = "Chỉ cán bộ Sở Ngoại vụ của tỉnh mới tổng hợp kế hoạch."
IN_PLAN = Delegation.PLAN_STATES
LEVELS = (Delegation.Level.PROVINCE, Delegation.Level.DEPARTMENT)
DIRECTIONS = (Delegation.Direction.OUT, Delegation.Direction.IN)


def can_consolidate(user, province_id: int) -> bool:
    return office_for(user, province_id)


def can_approve(user, province_id: int) -> bool:
    return office_for(user, province_id) or is_leader_for(user, province_id)


def _office(user, province_id: int) -> None:
    if not can_consolidate(user, province_id):
        raise NotAllowed(OFFICE_ONLY)


# --------------------------------------------------------------------------- proposals


@service
def proposal_take_in(delegation: Delegation, *, user) -> Delegation:
    """Put a submitted proposal into the province's plan (the ``include`` step)."""
    _office(user, delegation.province_id)
    return delegation_services.delegation_transition(delegation, user=user, action="include")


@service
def proposal_leave_out(delegation: Delegation, *, user, reason: str) -> Delegation:
    """Leave a proposal out of the plan, with the reason the unit will read (the ``reject`` step)."""
    _office(user, delegation.province_id)
    if not clean_text(reason or ""):
        raise InvalidInput({"reason": "Phải ghi lý do không đưa vào kế hoạch."})
    return delegation_services.delegation_transition(delegation, user=user, action="reject", reason=reason)


@service
def proposal_merge(delegation: Delegation, *, user, into: Delegation, reason: str = "") -> Delegation:
    """Two units proposed the same trip: ``delegation`` is left out as merged into ``into``.

    ``into`` keeps its values; its notes name the unit whose proposal joined
    it, so that the plan says who goes together.
    """
    _office(user, delegation.province_id)
    if into is None or into.pk == delegation.pk:
        raise InvalidInput({"into": "Hãy chọn một đoàn khác để gộp vào."})
    if (into.province_id, into.year, into.direction) != (
        delegation.province_id,
        delegation.year,
        delegation.direction,
    ):
        raise InvalidInput(
            {"into": "Chỉ gộp được hai đề xuất cùng tỉnh, cùng năm, cùng loại đoàn (ra hoặc vào)."}
        )
    if (
        into.deleted_at is not None
        or into.merged_into_id is not None
        or into.status
        in (
            Status.REJECTED,
            Status.CANCELLED,
        )
    ):
        raise InvalidInput({"into": "Đoàn được gộp vào đã bị bỏ khỏi kế hoạch hoặc đã hủy."})
    unit = delegation.owner.name if delegation.owner_id else "Sở Ngoại vụ"
    reason = clean_text(reason or "") or f"Trùng với đoàn «{into.name[:120]}», đã gộp vào đoàn đó."
    merged = delegation_services.delegation_transition(
        delegation, user=user, action="reject", reason=reason, merged_into=into
    )
    note = f"Gộp đề xuất của {unit} (đoàn số {delegation.pk})."
    if note not in (into.notes or ""):
        notes = f"{into.notes}\n{note}".strip() if into.notes else note
        delegation_services.delegation_update(
            into, user=user, values={"notes": notes}, reason=f"Gộp đề xuất của {unit}"
        )
    return merged


# --------------------------------------------------------------------------- versions


def plan_delegations(province_id: int, year: int):
    """The delegations of the province's plan of ``year``: taken in, not merged, not outside the plan."""
    return Delegation.objects.filter(
        province_id=province_id,
        year=year,
        status__in=IN_PLAN,
        out_of_plan=False,
        merged_into__isnull=True,
        deleted_at__isnull=True,
    ).select_related("owner")


def ordered(delegations) -> list[tuple[Delegation, object]]:
    """Delegations with their section, in the order of the plan's tables: level, direction, section, unit."""
    rank = {
        direction: {section.key: index for index, section in enumerate(sections()[direction])}
        for direction in DIRECTIONS
    }
    rows = [(delegation, section_of(delegation)) for delegation in delegations]
    rows.sort(
        key=lambda row: (
            LEVELS.index(row[0].level) if row[0].level in LEVELS else len(LEVELS),
            DIRECTIONS.index(row[0].direction),
            rank[row[0].direction][row[1].key],
            row[0].owner.name if row[0].owner_id else "",
            row[0].pk,
        )
    )
    return rows


def snapshot(delegation: Delegation) -> dict:
    """What a version keeps of a delegation: what the plan's table prints."""
    return {
        "name": delegation.name,
        "owner": delegation.owner.name if delegation.owner_id else "",
        "leader": delegation.leader,
        "countries": delegation.country_names,
        "partners": delegation.partners,
        "activities": delegation.activities,
        "people": delegation.people_label,
        "duration": delegation.duration_label,
        "period": delegation.period_label,
        "funding": delegation.funding,
        "notes": delegation.notes,
        "delegation_count": delegation.delegation_count,
        "status": delegation.status,
    }


@service
def version_create(*, user, province, year: int, kind: str, title: str = "", note: str = "") -> PlanVersion:
    """A new version of the province's plan of ``year``: a snapshot of the delegations now in it."""
    _office(user, province.pk)
    if kind not in PlanVersion.Kind.values:
        raise InvalidInput({"kind": "Loại phiên bản không hợp lệ."})
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise InvalidInput({"year": "Năm không hợp lệ."})
    rows = ordered(plan_delegations(province.pk, year))
    if not rows:
        raise InvalidInput({"year": f"Kế hoạch năm {year} chưa có đoàn nào: hãy đưa các đề xuất vào trước."})
    versions = PlanVersion.objects.select_for_update().filter(province=province, year=year)
    number = (versions.aggregate(last=Max("number"))["last"] or 0) + 1
    label = dict(PlanVersion.Kind.choices)[kind]
    version = PlanVersion(
        province=province,
        year=year,
        number=number,
        kind=kind,
        title=clean_text(title)[:255] or f"{label} năm {year}",
        note=clean_text(note),
        created_by=user,
    )
    save_record(version, None, user=user, reason=f"Lập phiên bản {number} của kế hoạch năm {year}")
    PlanEntry.objects.bulk_create(
        PlanEntry(
            version=version,
            delegation=delegation,
            level=delegation.level,
            direction=delegation.direction,
            section=section.key,
            section_heading=section.heading,
            position=position,
            values=snapshot(delegation),
        )
        for position, (delegation, section) in enumerate(rows, start=1)
    )
    return version


@service
def version_document_add(
    version: PlanVersion,
    *,
    user,
    kind: str,
    number: str,
    issued_on: datetime.date | None,
    issuer: str = "",
    title: str = "",
    file_name: str = "",
    data: bytes | None = None,
) -> ApprovingDocument:
    """Record a document deciding on the version (number, date, issuer) with its signed file."""
    _office(user, version.province_id)
    errors = {}
    number = clean_text(number or "")[:80]
    if kind not in ApprovingDocument.Kind.values:
        errors["kind"] = "Loại văn bản không hợp lệ."
    if not number:
        errors["number"] = "Phải ghi số, ký hiệu văn bản."
    if not isinstance(issued_on, datetime.date):
        errors["issued_on"] = "Phải ghi ngày ban hành (dd/mm/yyyy)."
    elif issued_on > timezone.localdate():
        errors["issued_on"] = "Ngày ban hành không được sau hôm nay."
    if errors:
        raise InvalidInput(errors)
    document = ApprovingDocument(
        version=version,
        kind=kind,
        number=number,
        issued_on=issued_on,
        issuer=clean_text(issuer or "")[:255],
        title=clean_text(title or "")[:500],
        created_by=user,
    )
    if data:
        document.attachment = attachments.store(
            version, user=user, kind="decision", name=file_name or "van-ban", data=data, description=number
        )
    save_record(document, None, user=user, reason=f"Ghi văn bản {number}")
    return document


@service
def version_approve(version: PlanVersion, *, user, document: ApprovingDocument | None) -> dict:
    """Record the version's approval: each delegation of it still waiting is approved with ``document``.

    One transaction: a delegation the approval cannot take (its state changed
    in a way the step refuses) stops the whole approval, naming it. The
    delegations already approved, and those left out or cancelled since the
    version was made, are counted apart.
    """
    version = PlanVersion.objects.select_for_update().get(pk=version.pk)
    if not can_approve(user, version.province_id):
        raise NotAllowed("Chỉ cán bộ Sở Ngoại vụ hoặc lãnh đạo tỉnh mới ghi nhận phê duyệt kế hoạch.")
    if version.approved:
        raise StateConflict(f"Phiên bản {version.number} đã được phê duyệt.")
    if not version.can_approve_delegations:
        raise StateConflict(
            "Dự thảo trình Ban Thường vụ Tỉnh ủy không phê duyệt các đoàn: hãy lập phiên bản kế hoạch "
            "trình phê duyệt sau khi có kết luận."
        )
    if document is None or document.version_id != version.pk:
        raise InvalidInput({"document": "Hãy chọn văn bản phê duyệt của phiên bản này (số, ngày, tệp)."})
    approved, already, dropped = [], 0, 0
    for entry in version.entries.select_related("delegation"):
        delegation = entry.delegation
        if delegation.status == Status.IN_PLAN:
            approved.append(
                delegation_services.delegation_transition(
                    delegation,
                    user=user,
                    action="approve",
                    document_number=document.number,
                    document_date=document.issued_on,
                )
            )
        elif delegation.status in IN_PLAN:
            already += 1
        else:
            dropped += 1
    version.approved_at = timezone.now()
    version.approved_by = user
    version.approving_document = document
    save_record(
        version,
        {"approved_at", "approved_by", "approving_document"},
        user=user,
        reason=f"Phê duyệt theo {document}",
    )
    return {"version": version, "approved": approved, "already": already, "dropped": dropped}
