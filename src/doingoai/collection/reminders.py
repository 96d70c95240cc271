"""The reminders ``doingoai remind`` sends, meant to run once a day from a timer.

Each reminder is for one event and one address, and is sent once: the
``Reminder`` table remembers it (its key and address are unique), so that a
run repeated the same day, or a day the timer missed, sends nothing twice.
Days are the province's (Asia/Ho_Chi_Minh), whatever the server's clock.

- to a unit's contacts: the round's deadline near (``SOON_DAYS``) or passed
  while the unit has not answered; a report after a trip due soon or
  overdue; a kept passport not returned in time; a task the unit leads
  (alone or jointly) due soon or overdue; the report owed within 15 days
  of signing an agreement in the unit's name, due soon or overdue;
- to the office's officers: an agreement in force expiring in 90 and in 30
  days; a weekly digest of where the year stands.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from doingoai.accounts.models import Profile
from doingoai.agreements import selectors as agreement_selectors
from doingoai.agreements.models import Agreement
from doingoai.collection.models import CollectionRound, Reminder
from doingoai.collection.selectors import round_progress
from doingoai.delegations import selectors as delegation_selectors
from doingoai.delegations.models import Delegation, DelegationMember
from doingoai.organization.models import Contact, Province, Unit
from doingoai.tasks.models import Task

#: days before a deadline when the "due soon" reminder goes out
SOON_DAYS = 3
#: a task or an agreement's report overdue for longer than this is not mailed about (an old plan
#: imported would otherwise send a letter for each of its past tasks); the inbox and digest still show it
OVERDUE_WINDOW_DAYS = 60


@dataclass(frozen=True)
class Message:
    key: str
    email: str
    subject: str
    body: str
    unit: Unit | None = None
    province: Province | None = None


def _short(title: str, length: int = 80) -> str:
    """A title as a subject line holds it: cut at ``length`` characters, an ellipsis saying so."""
    return title if len(title) <= length else title[: length - 1] + "…"


def _unit_addresses(unit: Unit) -> list[str]:
    """The unit's contacts' addresses, and its officers' (the account's own e-mail)."""
    contacts = Contact.objects.filter(unit=unit).exclude(email="").values_list("email", flat=True)
    officers = (
        Profile.objects.filter(unit=unit, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    return sorted({address.lower() for address in [*contacts, *officers]})


def _to_unit(unit: Unit, key: str, subject: str, body: str, province: Province) -> list[Message]:
    """One message for each address of ``unit``."""
    return [Message(key, email, subject, body, unit, province) for email in _unit_addresses(unit)]


def _round_messages(today: datetime.date) -> list[Message]:
    out = []
    for round in CollectionRound.objects.filter(status=CollectionRound.Status.OPEN).select_related(
        "province"
    ):
        days_left = (round.deadline - today).days
        if days_left > SOON_DAYS:
            continue
        overdue = days_left < 0
        for row in round_progress(round, today).units:
            if row.state != "waiting":
                continue
            event = "overdue" if overdue else "soon"
            subject = (
                f"Quá hạn gửi đề xuất đoàn ra, đoàn vào năm {round.year}"
                if overdue
                else f"Sắp đến hạn gửi đề xuất đoàn ra, đoàn vào năm {round.year} ({round.deadline:%d/%m/%Y})"
            )
            body = (
                f"Kính gửi {row.unit.name},\n\n"
                f"Sở Ngoại vụ {round.province.name} đang tổng hợp kế hoạch đoàn ra, đoàn vào "
                f"năm {round.year}. "
                f"Hạn gửi đề xuất: {round.deadline:%d/%m/%Y}"
                + (f" (đã quá {-days_left} ngày)" if overdue else "")
                + ". Đơn vị chưa gửi đề xuất. Đề nghị đơn vị gửi đề xuất trên hệ thống doingoai "
                "(thêm đoàn hoặc nhập văn bản Mẫu 04, Mẫu 05), hoặc báo «không có đoàn» nếu năm nay "
                "đơn vị không có đoàn.\n\nTrân trọng."
            )
            key = f"round:{round.pk}:{event}:unit:{row.unit.pk}"
            out += _to_unit(row.unit, key, subject, body, round.province)
    return out


def _report_messages(today: datetime.date) -> list[Message]:
    out = []
    returned = Delegation.objects.filter(
        status=Delegation.Status.RETURNED,
        returned_on__isnull=False,
        deleted_at__isnull=True,
        owner__isnull=False,
    ).select_related("province", "owner")
    for delegation in returned:
        due = delegation_selectors.report_due(delegation, today)
        if due is None or due.done_on is not None:
            continue
        days_left = (due.due_on - today).days
        if days_left > SOON_DAYS:
            continue
        event = "overdue" if days_left < 0 else "soon"
        subject = (
            f"Quá hạn báo cáo sau chuyến đi: {delegation.name[:80]}"
            if days_left < 0
            else f"Sắp đến hạn báo cáo sau chuyến đi ({due.due_on:%d/%m/%Y}): {delegation.name[:80]}"
        )
        body = (
            f"Kính gửi {delegation.owner.name},\n\nĐoàn «{delegation.name}» đã về ngày "
            f"{delegation.returned_on:%d/%m/%Y}. Hạn nộp báo cáo sau chuyến đi: {due.due_on:%d/%m/%Y}"
            + (f" (đã quá {-days_left} ngày)" if days_left < 0 else "")
            + ". Đề nghị đơn vị nộp báo cáo trên hệ thống doingoai.\n\nTrân trọng."
        )
        out += _to_unit(
            delegation.owner, f"report:{delegation.pk}:{event}", subject, body, delegation.province
        )
    return out


def _passport_messages(today: datetime.date) -> list[Message]:
    out = []
    kept = DelegationMember.objects.filter(
        passport_handed_out_on__isnull=False,
        passport_returned_on__isnull=True,
        delegation__returned_on__isnull=False,
        delegation__owner__isnull=False,
    ).select_related("delegation", "delegation__owner", "delegation__province", "person")
    for member in kept:
        due = delegation_selectors.passport_due(member, today)
        if due is None or not due.overdue:
            continue
        delegation = member.delegation
        subject = f"Chưa nộp lại hộ chiếu: {member.person.full_name}"
        body = (
            f"Kính gửi {delegation.owner.name},\n\nHộ chiếu của {member.person.full_name} "
            f"(đoàn «{delegation.name}») phải nộp lại trước ngày {due.due_on:%d/%m/%Y} "
            "(5 ngày làm việc sau khi về) nhưng chưa nộp. "
            "Đề nghị đơn vị nộp lại hộ chiếu cho cơ quan quản lý.\n\nTrân trọng."
        )
        out += _to_unit(delegation.owner, f"passport:{member.pk}:overdue", subject, body, delegation.province)
    return out


def _task_messages(today: datetime.date) -> list[Message]:
    """To each lead (and joint lead) unit of a task not done whose deadline is near or passed."""
    out = []
    soon = today + datetime.timedelta(days=SOON_DAYS)
    oldest = today - datetime.timedelta(days=OVERDUE_WINDOW_DAYS)
    due = (
        Task.objects.filter(deleted_at__isnull=True, deadline__lte=soon, deadline__gte=oldest)
        .exclude(status=Task.Status.DONE)
        .select_related("province", "lead_unit")
        .prefetch_related("joint_leads")
    )
    for task in due:
        days_left = (task.deadline - today).days
        event = "overdue" if days_left < 0 else "soon"
        title = _short(task.title)
        subject = (
            f"Quá hạn nhiệm vụ: {title}"
            if days_left < 0
            else f"Sắp đến hạn nhiệm vụ ({task.deadline:%d/%m/%Y}): {title}"
        )
        leads = [unit for unit in [task.lead_unit, *task.joint_leads.all()] if unit is not None]
        for unit in leads:
            body = (
                f"Kính gửi {unit.name},\n\nNhiệm vụ «{task.title}» do đơn vị chủ trì"
                f"{' (cùng chủ trì)' if unit != task.lead_unit else ''} có thời hạn {task.deadline:%d/%m/%Y}"
                + (f" (đã quá {-days_left} ngày)" if days_left < 0 else "")
                + ". Đề nghị đơn vị cập nhật tiến độ thực hiện trên hệ thống doingoai.\n\nTrân trọng."
            )
            out += _to_unit(unit, f"task:{task.pk}:{event}:unit:{unit.pk}", subject, body, task.province)
    return out


def _office_addresses(province: Province) -> list[str]:
    officers = (
        Profile.objects.filter(role="office", provinces=province, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    return sorted({address.lower() for address in officers})


#: days before an agreement expires when the office is told, the nearest last
EXPIRY_NOTICES = (90, 30)


def _agreement_messages(today: datetime.date) -> list[Message]:
    """The report after signing owed by the unit; the office told of the agreements expiring."""
    out = []
    agreements = Agreement.objects.filter(deleted_at__isnull=True).select_related("province", "owner")
    oldest = today - datetime.timedelta(days=OVERDUE_WINDOW_DAYS)
    owed = agreements.filter(owner__isnull=False, signing_report_due_on__gte=oldest)
    for agreement in agreement_selectors.signing_reports_owed(owed):
        due = agreement.signing_report_due_on
        days_left = (due - today).days
        if days_left > SOON_DAYS:
            continue
        event = "overdue" if days_left < 0 else "soon"
        title = _short(agreement.title)
        subject = (
            f"Quá hạn báo cáo sau khi ký thỏa thuận: {title}"
            if days_left < 0
            else f"Sắp đến hạn báo cáo sau khi ký thỏa thuận ({due:%d/%m/%Y}): {title}"
        )
        body = (
            f"Kính gửi {agreement.owner.name},\n\nThỏa thuận «{agreement.title}» ký ngày "
            f"{agreement.signed_on:%d/%m/%Y} nhân danh {agreement.signing_capacity}. Theo Nghị định "
            f"64/2021/NĐ-CP (Điều 5 khoản 6), trong 15 ngày kể từ ngày ký, đơn vị gửi báo cáo Chủ tịch "
            f"UBND tỉnh và Sở Ngoại vụ: hạn {due:%d/%m/%Y}"
            + (f" (đã quá {-days_left} ngày)" if days_left < 0 else "")
            + ".\n\nTrân trọng."
        )
        key = f"agreement:{agreement.pk}:signing-report:{event}"
        out += _to_unit(agreement.owner, key, subject, body, agreement.province)
    for agreement in agreement_selectors.expiring(agreements, today, max(EXPIRY_NOTICES)):
        days_left = (agreement.expires_on - today).days
        notice = min(days for days in EXPIRY_NOTICES if days_left <= days)
        subject = f"Thỏa thuận sắp hết hiệu lực ({agreement.expires_on:%d/%m/%Y}): {_short(agreement.title)}"
        body = (
            f"Thỏa thuận «{agreement.title}»"
            + (f" ký ngày {agreement.signed_on:%d/%m/%Y}" if agreement.signed_on else "")
            + f" hết hiệu lực ngày {agreement.expires_on:%d/%m/%Y} (còn {days_left} ngày). "
            "Đề nghị xem xét việc gia hạn hoặc chấm dứt thỏa thuận.\n"
        )
        key = f"agreement:{agreement.pk}:expires:{notice}"
        for email in _office_addresses(agreement.province):
            out.append(Message(key, email, subject, body, None, agreement.province))
        if agreement.owner_id:
            out += _to_unit(agreement.owner, key, subject, body, agreement.province)
    return out


def _digest_messages(today: datetime.date) -> list[Message]:
    out = []
    iso = today.isocalendar()
    for province in Province.objects.filter(deleted_at__isnull=True):
        officers = _office_addresses(province)
        if not officers:
            continue
        delegations = Delegation.objects.filter(province=province, deleted_at__isnull=True)
        lines = []
        round = CollectionRound.objects.filter(province=province, status=CollectionRound.Status.OPEN).first()
        if round is not None:
            progress = round_progress(round, today)
            lines.append(
                f"Đợt thu thập đề xuất năm {round.year} (hạn {round.deadline:%d/%m/%Y}): "
                f"{progress.count('submitted')} đơn vị đã gửi, {progress.count('none')} không có đoàn, "
                f"{progress.count('waiting')} chưa gửi ({len(progress.late)} quá hạn)."
            )
        lines.append(
            f"Đề xuất chờ xem xét: {delegations.filter(status=Delegation.Status.SUBMITTED).count()}."
        )
        lines.append(f"Đoàn đang đi: {delegations.filter(status=Delegation.Status.UNDER_WAY).count()}.")
        lines.append(
            f"Đoàn đã về chưa nộp báo cáo: {delegations.filter(status=Delegation.Status.RETURNED).count()}."
        )
        tasks = Task.objects.filter(province=province, deleted_at__isnull=True).exclude(
            status=Task.Status.DONE
        )
        lines.append(
            f"Nhiệm vụ quá hạn chưa hoàn thành: {tasks.filter(deadline__lt=today).count()}; "
            f"giao cho nhóm đơn vị chưa xác định: "
            f"{tasks.filter(lead_unit__isnull=True).exclude(lead_text='').count()}."
        )
        agreements = Agreement.objects.filter(province=province, deleted_at__isnull=True)
        owed = agreement_selectors.signing_reports_owed(agreements)
        lines.append(
            f"Thỏa thuận chưa báo cáo sau khi ký: {owed.count()} "
            f"({owed.filter(signing_report_due_on__lt=today).count()} quá hạn); "
            f"sắp hết hiệu lực trong {agreement_selectors.EXPIRING_DAYS} ngày: "
            f"{agreement_selectors.expiring(agreements, today).count()}."
        )
        subject = f"Tổng hợp công tác đối ngoại tuần {iso.week}/{iso.year} – {province.name}"
        body = "Tình hình trong tuần:\n\n" + "\n".join(f"- {line}" for line in lines) + "\n"
        for email in officers:
            out.append(
                Message(
                    f"digest:{province.pk}:{iso.year}-W{iso.week:02d}", email, subject, body, None, province
                )
            )
    return out


def due_messages(today: datetime.date) -> list[Message]:
    """Every reminder due on ``today``, sent or not."""
    return [
        *_round_messages(today),
        *_report_messages(today),
        *_passport_messages(today),
        *_task_messages(today),
        *_agreement_messages(today),
        *_digest_messages(today),
    ]


def send_reminders(today: datetime.date | None = None, *, say: Callable[[str], None] = print) -> int:
    """Send the reminders due and not yet sent; ``say`` one line per message. Returns how many were sent."""
    today = today or timezone.localdate()
    already = set(Reminder.objects.values_list("key", "email"))
    sent = 0
    for message in due_messages(today):
        if (message.key, message.email) in already:
            continue
        try:
            with transaction.atomic():
                Reminder.objects.create(
                    key=message.key,
                    email=message.email,
                    unit=message.unit,
                    province=message.province,
                    subject=message.subject,
                    body=message.body,
                    sent_at=timezone.now(),
                )
                send_mail(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.email])
        except IntegrityError:
            continue  # another run sent it meanwhile
        already.add((message.key, message.email))
        sent += 1
        say(f"Đã gửi tới {message.email}: {message.subject}")
    return sent
