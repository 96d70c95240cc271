"""A delegation on one page, for a leader: who, where, when, why, what it costs, how it was approved.

``briefing_context(delegation, user)`` gathers what the page needs in four
queries (the delegation with its unit and province, its members, its steps,
its warnings in force); ``briefing_docx`` and ``briefing_pdf`` write it. The
steps are those that stand: a step later undone, and the undoing itself, are
left out. Passport numbers never appear.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from doingoai.accounts.scoping import scope
from doingoai.core.history import user_label
from doingoai.delegations import workflow
from doingoai.delegations.models import Delegation
from doingoai.delegations.selectors import members_of
from doingoai.documents.blocks import Heading, Letterhead, Table, Text, Title, to_docx, to_pdf
from doingoai.rules.selectors import warnings_of

KV_WIDTHS = [45, 120]
STEP_WIDTHS = [24, 50, 40, 51]


@dataclass(frozen=True)
class Step:
    at: object  # datetime
    label: str
    who: str
    document: str  # "123/KH-UBND ngày 15/01/2026", or ""
    note: str = ""


#: the size of the tables and the warnings: a briefing is one page, even with a few warnings
COMPACT = 11


def visible_delegation(user, pk: int) -> Delegation | None:
    """The delegation ``pk`` if ``user`` may see it (another province's, or a deleted one: None)."""
    return (
        scope(Delegation.objects.select_related("owner", "province"), user)
        .defer("search_text", "source", "source_values")
        .filter(pk=pk)
        .first()
    )


def steps_of(delegation: Delegation) -> list[Step]:
    """The steps that stand, oldest first: the action done, when, by whom, on what document."""
    entries = list(delegation.transitions.select_related("user"))
    undone = {entry.pk for entry in entries if entry.undone_by_id}
    steps = []
    for entry in entries:
        if entry.pk in undone or entry.action == "undo":
            continue
        spec = workflow.action(entry.action)
        document = entry.document_number
        if document and entry.document_date:
            document += f" ngày {entry.document_date:%d/%m/%Y}"
        steps.append(
            Step(
                at=entry.at,
                label=spec.done(delegation) if spec else "Tạo đoàn",
                who=user_label(entry.user),
                document=document,
                note=entry.reason,
            )
        )
    return steps


def briefing_context(delegation: Delegation, user) -> dict:
    """What the briefing says of ``delegation``: its members, its steps, its warnings in force."""
    return {
        "delegation": delegation,
        "members": members_of(delegation),
        "steps": steps_of(delegation),
        "warnings": warnings_of(delegation),
        "user": user,
    }


# --------------------------------------------------------------------------- the page


def _person(member) -> str:
    person = member.person
    where = ", ".join(part for part in (person.title, person.body) if part)
    return f"{person.full_name} ({where})" if where else person.full_name


def _head(delegation, members) -> str:
    heads = [m for m in members if m.role == m.Role.HEAD]
    if heads:
        return _person(heads[0])
    return delegation.leader or "Chưa rõ"


def _members(members) -> str:
    if not members:
        return "Chưa có danh sách thành viên."
    return "\n".join(
        f"{number}. {_person(member)} – {member.get_role_display()}"
        for number, member in enumerate(members, start=1)
    )


def _dates(delegation) -> str:
    inbound = delegation.direction == Delegation.Direction.IN
    parts = []
    if delegation.departed_on:
        parts.append(f"{'Ngày đến' if inbound else 'Ngày đi'}: {delegation.departed_on:%d/%m/%Y}")
    if delegation.returned_on:
        parts.append(f"{'Ngày rời Việt Nam' if inbound else 'Ngày về'}: {delegation.returned_on:%d/%m/%Y}")
    return "; ".join(parts)  # none yet: the row is left out (the state says it has not left)


def _facts(delegation, members) -> list[list[str]]:
    inbound = delegation.direction == Delegation.Direction.IN
    people = f"{delegation.people_label} người" if delegation.people_label else "số người chưa rõ"
    if (delegation.delegation_count or 1) > 1:
        people += f" ({delegation.delegation_count} đoàn)"
    funding = delegation.funding
    if delegation.funding_labels:
        funding = (
            f"{funding} ({', '.join(delegation.funding_labels)})"
            if funding
            else ", ".join(delegation.funding_labels)
        )
    decision = delegation.decision_number or ("(phê duyệt trên hệ thống)" if delegation.decision_date else "")
    if delegation.decision_date:
        decision += f" ngày {delegation.decision_date:%d/%m/%Y}"
    rows = [
        ["Đơn vị đề xuất", delegation.owner.name if delegation.owner_id else "Sở Ngoại vụ tổng hợp"],
        ["Trưởng đoàn", _head(delegation, members)],
        ["Thành viên", _members(members)],
        ["Nước", ", ".join(delegation.country_names) or "Chưa rõ"],
        ["Địa phương", ", ".join(delegation.locality_labels)],
        ["Đối tác làm việc", delegation.partners],
        ["Đơn vị đón tiếp", delegation.host_unit if inbound else ""],
        ["Thời gian", delegation.period_label or "Chưa rõ"],
        ["Ngày đến, ngày rời" if inbound else "Ngày đi, ngày về", _dates(delegation)],
        ["Nội dung hoạt động", delegation.activities or "Chưa rõ"],
        ["Số người, số ngày", f"{people}; {delegation.duration_label or 'số ngày chưa rõ'}"],
        ["Kinh phí", funding or "Chưa rõ"],
        ["Văn bản phê duyệt", decision],
    ]
    return [row for row in rows if row[1]]  # what is not known of an optional field is left out


def _kind(delegation) -> str:
    parts = [
        delegation.get_direction_display(),
        delegation.get_level_display(),
        f"kế hoạch năm {delegation.year}",
        f"trạng thái: {delegation.status_label}",
    ]
    if delegation.out_of_plan:
        parts.insert(2, "phát sinh ngoài kế hoạch")
    return " · ".join(parts)


def _warnings(warnings) -> list:
    if not warnings:
        return [Text("Không có cảnh báo nào.")]
    blocks = []
    for warning in warnings:
        text = f"– {warning.rule_title}: {warning.message}"
        if warning.acknowledged:
            text += f" (Sở Ngoại vụ đã xác nhận: {warning.comment})"
        blocks.append(Text(text, size=COMPACT))
    return blocks


def briefing_blocks(delegation, *, warnings, steps, members, user=None) -> list:
    now = timezone.localtime()
    steps_table = [
        [
            f"{timezone.localtime(step.at):%d/%m/%Y}",
            step.label,
            step.who,
            "; ".join(part for part in (step.document, step.note) if part),
        ]
        for step in steps
    ]
    made = f"Lập từ hệ thống lúc {now:%H:%M} ngày {now:%d/%m/%Y}"
    if user is not None:
        made += f", tài khoản {user_label(user)}"
    return [
        Letterhead(delegation.province, day=now.date()),
        Title("TÓM TẮT THÔNG TIN ĐOÀN"),
        Text(delegation.name, bold=True, align="center"),
        Text(_kind(delegation), italic=True, align="center", size=12),
        Heading("1. Thông tin đoàn"),
        Table(None, _facts(delegation, members), KV_WIDTHS, bold_first=True, size=COMPACT),
        Heading("2. Quá trình phê duyệt"),
        Table(["Ngày", "Bước", "Người thực hiện", "Văn bản, ghi chú"], steps_table, STEP_WIDTHS, size=COMPACT)
        if steps
        else Text("Chưa có bước nào được ghi lại."),
        Heading(f"3. Cảnh báo theo quy định ({len(warnings)})"),
        *_warnings(warnings),
        Text(made + ".", italic=True, align="right", size=11),
    ]


def _title(delegation) -> str:
    return f"Tóm tắt thông tin đoàn – {delegation.name[:120]}"


def briefing_docx(delegation, *, warnings, steps, members, user=None) -> bytes:
    blocks = briefing_blocks(delegation, warnings=warnings, steps=steps, members=members, user=user)
    return to_docx(blocks, title=_title(delegation))


def briefing_pdf(delegation, *, warnings, steps, members, user=None) -> bytes:
    blocks = briefing_blocks(delegation, warnings=warnings, steps=steps, members=members, user=user)
    return to_pdf(blocks, title=_title(delegation))


def briefing_filename(delegation, extension: str) -> str:
    return f"tom-tat-doan-{delegation.pk}.{extension}"


def write(context: dict, file_format: str) -> bytes:
    """The briefing of ``briefing_context(…)`` as ``docx`` or ``pdf``."""
    writer = briefing_docx if file_format == "docx" else briefing_pdf
    return writer(
        context["delegation"],
        warnings=context["warnings"],
        steps=context["steps"],
        members=context["members"],
        user=context.get("user"),
    )
