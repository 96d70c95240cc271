"""The demo's delegations in every state of their life, so that every page has something to show.

Run by ``doingoai demo`` after the sample plans are loaded, for one province
(Thái Nguyên: its office, the college's officer, its leader). Every step goes
through the services as the person who would take it: the college drafts and
submits, the office includes, records the approval and the passports, the
college marks its trips and files its report, the leader approves a
delegation outside the plan. Dates are set around today, so that the inbox
shows trips to mark, reports and passports due and overdue.

Idempotent: nothing is done when the province already has a delegation
created by this module (its names end with "(minh họa)").
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from doingoai.delegations import services
from doingoai.delegations.models import Delegation, DelegationMember
from doingoai.people.services import person_create

MARK = "(minh họa)"
#: the approving document of this year's plan
APPROVAL = "2150/UBND-KGVX"


@dataclass
class Cast:
    office: object  # the office's officer
    unit_officer: object  # an officer of ``unit``
    unit: object
    other_unit: object  # another unit of the province, for the office's inbox


def _month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _values(
    cast: Cast,
    name: str,
    *,
    country: str,
    start: datetime.date,
    days: int = 6,
    people: int = 4,
    direction: str = "out",
    owner=None,
    **extra,
) -> dict:
    return {
        "direction": direction,
        "level": "department",
        "year": start.year,
        "owner": owner or cast.unit,
        "name": f"{name} {MARK}",
        "leader": "Lê Kim Anh - Phó Hiệu trưởng" if direction == "out" else "Phó Giám đốc Sở",
        "countries": [country],
        "partners": extra.pop("partners", "Các trường đối tác"),
        "activities": extra.pop("activities", "Trao đổi hợp tác đào tạo, tuyển sinh"),
        "people_min": people,
        "people_max": people,
        "duration_min": days,
        "duration_max": days,
        "duration_unit": "day",
        "period_start": _month(start),
        "period_end": _month(start),
        "funding": extra.pop("funding", "Ngân sách tỉnh (kinh phí sự nghiệp của trường)"),
        **extra,
    }


def seed(
    cast: Cast,
    today: datetime.date | None = None,
    approve_plan: Callable[[list[Delegation], datetime.date], None] | None = None,
) -> list[Delegation]:
    """Create the demo's delegations; returns them (nothing when they exist already).

    ``approve_plan`` approves this year's plan (``consolidation.demo``: a version approved with its
    document); without it each trip is approved one by one.
    """
    if Delegation.objects.filter(province=cast.unit.province, name__endswith=MARK).exists():
        return []
    today = today or timezone.localdate()
    day = datetime.timedelta(days=1)
    unit, office = cast.unit_officer, cast.office
    people = _people(cast)
    made: list[Delegation] = []

    def proposal(name, **kwargs) -> Delegation:
        delegation = services.delegation_create(user=unit, values=_values(cast, name, **kwargs))
        made.append(delegation)
        return delegation

    def step(delegation, user, action, **values) -> Delegation:
        return services.delegation_transition(delegation, user=user, action=action, **values)

    def planned(name, **kwargs) -> Delegation:
        """A trip of this year's plan: proposed, sent and taken in; approved with the plan below."""
        delegation = step(proposal(name, **kwargs), unit, "submit")
        return step(delegation, office, "include")

    # drafts, proposals waiting, a proposal sent back, one left out
    proposal(
        "Đoàn cán bộ Trường Cao đẳng Thái Nguyên dự hội chợ việc làm tại Hàn Quốc",
        country="KR",
        start=today + 120 * day,
    )
    sent_back = step(
        proposal(
            "Đoàn giáo viên Trường Cao đẳng Thái Nguyên học tập mô hình đào tạo nghề",
            country="JP",
            start=today + 150 * day,
        ),
        unit,
        "submit",
    )
    step(sent_back, office, "revise", reason="Bổ sung họ tên, chức vụ Trưởng đoàn và nguồn kinh phí cụ thể.")
    step(
        proposal(
            "Đoàn cán bộ Trường Cao đẳng Thái Nguyên khảo sát tuyển sinh tại Lào",
            country="LA",
            start=today + 90 * day,
        ),
        unit,
        "submit",
    )
    other = services.delegation_create(
        user=office,
        values=_values(
            cast,
            "Đoàn Ban Quản lý các KCN xúc tiến đầu tư tại Singapore",
            country="SG",
            start=today + 100 * day,
            owner=cast.other_unit,
            leader="Phạm Quốc Việt - Trưởng ban",
        ),
    )
    made.append(other)
    step(other, office, "submit")
    step(
        step(
            proposal(
                "Đoàn cán bộ Trường Cao đẳng Thái Nguyên ký kết hợp tác với Đại học Quốc gia Lào",
                country="LA",
                start=today + 60 * day,
            ),
            unit,
            "submit",
        ),
        office,
        "include",
    )
    rejected = step(
        proposal(
            "Đoàn Trường Cao đẳng Thái Nguyên tham quan Campuchia", country="KH", start=today + 70 * day
        ),
        unit,
        "submit",
    )
    step(
        rejected,
        office,
        "reject",
        reason="Trùng nội dung với đoàn của Sở Giáo dục và Đào tạo; đề nghị cử cán bộ tham gia đoàn đó.",
    )
    outside = proposal(
        "Đoàn Trường Cao đẳng Thái Nguyên dự hội nghị hiệu trưởng ASEAN (phát sinh)",
        country="TH",
        start=today + 30 * day,
        out_of_plan=True,
        ministry_opinion_required=True,
    )
    step(outside, unit, "submit")

    # this year's trips: taken into the plan, approved together, then each on its way
    trip = planned(
        "Đoàn cán bộ Trường Cao đẳng Thái Nguyên trao đổi giáo viên tại Lào", country="LA", start=today
    )
    postponed = planned(
        "Đoàn Trường Cao đẳng Thái Nguyên dự diễn đàn giáo dục nghề nghiệp tại Trung Quốc",
        country="CN",
        start=today + 20 * day,
    )
    cancelled = planned(
        "Đoàn Trường Cao đẳng Thái Nguyên khảo sát tại Thái Lan", country="TH", start=today + 10 * day
    )
    under_way = planned(
        "Đoàn cán bộ Trường Cao đẳng Thái Nguyên làm việc tại tỉnh Champasak",
        country="LA",
        start=today - 3 * day,
        partners="Sở Giáo dục và Thể thao tỉnh Champasak",
    )
    returned = planned(
        "Đoàn cán bộ Trường Cao đẳng Thái Nguyên thăm Đại học Kỹ thuật Osaka",
        country="JP",
        start=today - 30 * day,
        days=5,
    )
    reported = planned(
        "Đoàn cán bộ Trường Cao đẳng Thái Nguyên trao đổi sinh viên tại Hàn Quốc",
        country="KR",
        start=today - 20 * day,
        days=7,
    )
    plan = [trip, postponed, cancelled, under_way, returned, reported]
    if approve_plan is not None:
        approve_plan(plan, today)
    else:
        for delegation in plan:
            step(delegation, office, "approve", document_number=APPROVAL, document_date=today - 40 * day)
    for delegation in plan:
        delegation.refresh_from_db()

    step(
        postponed,
        office,
        "postpone",
        reason="Đối tác đề nghị lùi thời gian tổ chức diễn đàn.",
        period_start=_month(today.replace(year=today.year + 1, month=3)),
    )
    step(cancelled, office, "cancel", reason="Đối tác không thu xếp được chương trình làm việc.")

    _members(under_way, people[:2], office, today - 5 * day)
    step(under_way, unit, "depart", date=today - 3 * day)

    late, missing = _members(returned, people[1:3], office, today - 32 * day)
    step(returned, unit, "depart", date=today - 27 * day)
    step(returned, unit, "return", date=today - 22 * day)
    from doingoai.core.workdays import add_working_days

    services.passport_take_back(late, user=office, date=add_working_days(today - 22 * day, 6))  # a day late

    members = _members(reported, [people[0], people[3]], office, today - 22 * day)
    step(reported, unit, "depart", date=today - 18 * day)
    step(reported, unit, "return", date=today - 11 * day)
    for member in members:
        services.passport_take_back(member, user=office, date=today - 9 * day)
    services.report_file(
        reported,
        user=unit,
        values={
            "activities": "Làm việc với Trường Đại học Kyungnam về trao đổi sinh viên; thăm các doanh nghiệp "
            "tuyển dụng lao động kỹ thuật.",
            "days_actual": 7,
            "results": "Thống nhất trao đổi 10 sinh viên mỗi năm từ năm học tới.",
            "proposals": "Đề nghị Sở Ngoại vụ hỗ trợ thủ tục ký thỏa thuận hợp tác với "
            "Trường Đại học Kyungnam.",
            "cost": 245_000_000,
        },
        members_went=members,
        tasks=[
            {
                "title": "Chuẩn bị hồ sơ ký thỏa thuận hợp tác với Trường Đại học Kyungnam (Hàn Quốc)",
                "lead_unit": cast.unit,
                "deadline": today + 45 * day,
            }
        ],
    )
    return made


def _people(cast: Cast) -> list:
    rows = [
        ("Lê Kim Anh", "Phó Hiệu trưởng", True),
        ("Trần Văn Quyết", "Trưởng phòng Hợp tác quốc tế", False),
        ("Nguyễn Thị Hồng", "Giảng viên khoa Cơ khí", False),
        ("Phạm Minh Tuấn", "Trưởng phòng Đào tạo", False),
    ]
    return [
        person_create(user=cast.unit_officer, values={"full_name": name, "title": title, "key_position": key})
        for name, title, key in rows
    ]


def _members(delegation, people, office, handed_out: datetime.date) -> list[DelegationMember]:
    members = []
    for index, person in enumerate(people):
        member = services.member_add(
            delegation,
            user=office,
            values={
                "person": person,
                "role": DelegationMember.Role.HEAD if index == 0 else DelegationMember.Role.MEMBER,
                "passport_kind": DelegationMember.PassportKind.OFFICIAL,
                "passport_number": f"C{8120451 + person.pk}",
            },
        )
        members.append(services.passport_hand_out(member, user=office, date=handed_out))
    return members
