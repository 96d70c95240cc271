"""Every change of a collection round: opening it, a unit's answer (its proposals sent, or none), closing it.

The office opens one round per province and year, with a deadline and its
instructions, and attaches the forms to fill in (the blank Mẫu 04 / Mẫu 05)
and the instruction letter (``round_attach``), which every officer of the
province downloads from the round's page. A unit sends its proposals (its draft delegations of that
year, written on the web form or imported from its Mẫu 04 / Mẫu 05, each
through the delegation's own ``submit`` step), or declares it has none.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from doingoai.accounts.scoping import office_for, staff_of, user_unit
from doingoai.collection.models import CollectionRound, UnitAnswer
from doingoai.core import attachments
from doingoai.core.errors import InvalidInput, NotAllowed, StateConflict
from doingoai.core.models import Attachment
from doingoai.core.services import clean_text, lock, service
from doingoai.delegations import services as delegation_services
from doingoai.delegations.models import Delegation
from doingoai.organization.models import Unit

Status = Delegation.Status
OFFICE_ONLY = (
    "Chỉ cán bộ Sở Ngoại vụ của tỉnh mới mở, đóng đợt thu thập đề xuất và đính kèm biểu mẫu của đợt."
)
NOT_YOUR_UNIT = "Bạn chỉ trả lời đợt thu thập cho đơn vị của mình."
CLOSED = "Đợt thu thập đề xuất đã kết thúc."


def can_run_rounds(user, province_id: int) -> bool:
    return office_for(user, province_id)


def answering_unit(user, round: CollectionRound, unit: Unit | None = None) -> Unit:
    """The unit ``user`` answers for: their own, or (the office) the one named."""
    if unit is None:
        unit = user_unit(user)
        if unit is None:
            raise NotAllowed("Tài khoản của bạn chưa gắn với đơn vị nào: hãy chọn đơn vị.")
    if unit.province_id != round.province_id or unit.deleted_at is not None:
        raise InvalidInput({"unit": "Đơn vị không thuộc tỉnh của đợt thu thập này."})
    if not (staff_of(user, unit.pk) or office_for(user, round.province_id)):
        raise NotAllowed(NOT_YOUR_UNIT)
    return unit


def proposals_of(round: CollectionRound, unit: Unit):
    """The unit's delegations of the round's year (its proposals, whatever became of them since)."""
    return Delegation.objects.filter(
        province_id=round.province_id, owner=unit, year=round.year, deleted_at__isnull=True
    )


@service
def round_open(
    *, user, province, year: int, deadline: datetime.date, instructions: str = ""
) -> CollectionRound:
    if not can_run_rounds(user, province.pk):
        raise NotAllowed(OFFICE_ONLY)
    errors = {}
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        errors["year"] = "Năm không hợp lệ."
    if not isinstance(deadline, datetime.date):
        errors["deadline"] = "Phải ghi hạn gửi đề xuất (dd/mm/yyyy)."
    if not errors and CollectionRound.objects.filter(province=province, year=year).exists():
        errors["year"] = f"Đã có đợt thu thập đề xuất năm {year} của tỉnh."
    if errors:
        raise InvalidInput(errors)
    round = CollectionRound(
        province=province, year=year, deadline=deadline, instructions=clean_text(instructions), opened_by=user
    )
    round._history_user = user
    round._change_reason = "Mở đợt thu thập đề xuất"
    round.save()
    return round


@service
def round_update(round: CollectionRound, *, user, deadline: datetime.date | None = None, close: bool = False):
    """Move the deadline, or close the round."""
    round = CollectionRound.objects.select_for_update().get(pk=round.pk)
    if not can_run_rounds(user, round.province_id):
        raise NotAllowed(OFFICE_ONLY)
    if deadline is not None:
        round.deadline = deadline
    if close:
        round.status = CollectionRound.Status.CLOSED
    round.version += 1
    round._history_user = user
    round._change_reason = "Kết thúc đợt thu thập" if close else "Đổi hạn gửi đề xuất"
    round.save()
    return round


def _answer(round: CollectionRound, unit: Unit, *, user, kind: str, note: str) -> UnitAnswer:
    answer = UnitAnswer.objects.select_for_update().filter(round=round, unit=unit).first()
    if answer is None:
        answer = UnitAnswer(round=round, unit=unit)
    else:
        answer.version += 1
    answer.kind = kind
    answer.note = clean_text(note)
    answer.answered_at = timezone.now()
    answer.answered_by = user
    answer._history_user = user
    answer._change_reason = dict(UnitAnswer.Kind.choices)[kind]
    answer.save()
    return answer


@service
def round_submit(round: CollectionRound, *, user, unit: Unit | None = None, note: str = "") -> UnitAnswer:
    """Send the unit's proposals: each draft of the year takes its ``submit`` step."""
    round = CollectionRound.objects.select_for_update().get(pk=round.pk)
    if round.status != CollectionRound.Status.OPEN:
        raise StateConflict(CLOSED)
    unit = answering_unit(user, round, unit)
    proposals = list(proposals_of(round, unit))
    if not proposals:
        raise InvalidInput(
            {"unit": "Đơn vị chưa có đề xuất nào năm này: thêm đoàn, nhập văn bản, hoặc báo «không có đoàn»."}
        )
    for delegation in proposals:
        if delegation.status == Status.DRAFT:
            delegation_services.delegation_transition(delegation, user=user, action="submit")
    return _answer(round, unit, user=user, kind=UnitAnswer.Kind.SUBMITTED, note=note)


@service
def round_declare_none(
    round: CollectionRound, *, user, unit: Unit | None = None, note: str = ""
) -> UnitAnswer:
    """The unit has no delegation to propose this year."""
    round = CollectionRound.objects.select_for_update().get(pk=round.pk)
    if round.status != CollectionRound.Status.OPEN:
        raise StateConflict(CLOSED)
    unit = answering_unit(user, round, unit)
    if proposals_of(round, unit).exclude(status=Status.DRAFT).exists():
        raise StateConflict("Đơn vị đã gửi đề xuất năm này: không thể báo «không có đoàn».")
    return _answer(round, unit, user=user, kind=UnitAnswer.Kind.NONE, note=note)


# --------------------------------------------------------------------------- the round's files


@service
def round_attach(
    round: CollectionRound, *, user, name: str, data: bytes, description: str = ""
) -> Attachment:
    """Attach a form to fill in (Mẫu 04, Mẫu 05) or the instruction letter to the round: the office only."""
    round = lock(round)
    if not can_run_rounds(user, round.province_id):
        raise NotAllowed(OFFICE_ONLY)
    return attachments.store(
        round, user=user, kind=Attachment.Kind.FORM, name=name, data=data, description=description
    )


@service
def round_detach(attachment: Attachment, *, user) -> Attachment:
    """Remove a file of the round (it stays stored, hidden, with its history): the office only."""
    attachment = lock(attachment)
    if attachment.content_type.model_class() is not CollectionRound:
        raise InvalidInput({"file": "Tệp này không thuộc đợt thu thập đề xuất nào."})
    round = lock(CollectionRound(pk=attachment.object_id))
    if not can_run_rounds(user, round.province_id):
        raise NotAllowed(OFFICE_ONLY)
    if attachment.deleted_at is None:
        attachments.hide(attachment, user=user)
    return attachment
