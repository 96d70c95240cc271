"""The demo's consolidation: this year's plan approved as a version, next year's being built.

This year: the trips of ``delegations.demo`` are taken into the plan, a
draft goes to the Party committee (its conclusion recorded), then the plan
is approved by the People's Committee's document, which approves each trip.
Next year (the open round's year): the province's leaders' proposals, built
so that every rule on by default has something to say (a leader abroad three
times, two key leaders of one body together, too many people, days and
countries, two units planning the same trip…), some taken in, one warning
acknowledged, and a draft version sent to the Party committee.
"""

from __future__ import annotations

import datetime
import io

from django.utils import timezone

from doingoai.consolidation import services
from doingoai.delegations import services as delegation_services
from doingoai.delegations.demo import APPROVAL, MARK, Cast
from doingoai.delegations.models import Delegation, DelegationMember
from doingoai.people.services import person_create, title_holding_save
from doingoai.rules import services as rule_services
from doingoai.rules.models import Warning


def _docx(text: str) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading("ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN", level=2)
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def approve_plan(cast: Cast):
    """The hook ``delegations.demo.seed`` calls with this year's trips, all taken into the plan."""

    def approve(delegations: list[Delegation], today: datetime.date) -> None:
        office = cast.office
        province = cast.unit.province
        day = datetime.timedelta(days=1)
        for year in sorted({delegation.year for delegation in delegations}):
            draft = services.version_create(
                user=office,
                province=province,
                year=year,
                kind="draft",
                note="Dự thảo tổng hợp từ đề xuất của các đơn vị, trình Ban Thường vụ Tỉnh ủy.",
            )
            services.version_document_add(
                draft,
                user=office,
                kind="party_conclusion",
                number="245-KL/TU",
                issued_on=today - 55 * day,
                issuer="Ban Thường vụ Tỉnh ủy",
                title=f"Kết luận về kế hoạch đối ngoại năm {year}",
            )
            plan = services.version_create(user=office, province=province, year=year, kind="plan")
            document = services.version_document_add(
                plan,
                user=office,
                kind="committee_plan",
                number=APPROVAL,
                issued_on=today - 40 * day,
                issuer="UBND tỉnh",
                title=f"Kế hoạch đoàn ra, đoàn vào năm {year}",
                file_name=f"ke-hoach-doan-ra-doan-vao-{year}.docx",
                data=_docx(f"Kế hoạch đoàn ra, đoàn vào năm {year} (bản minh họa)."),
            )
            services.version_approve(plan, user=office, document=document)

    return approve


def _leaders(cast: Cast, rows: list[tuple[str, str]], body: str) -> list:
    return [
        person_create(
            user=cast.office,
            values={
                "full_name": name,
                "title": title,
                "body": body,
                "key_position": True,
                "province": cast.unit.province,
            },
        )
        for name, title in rows
    ]


def seed_next_year(cast: Cast, year: int) -> list[Delegation]:
    """The leaders' proposals of ``year`` and a duplicate trip; some taken in, a draft version made."""
    office, province = cast.office, cast.unit.province
    if Delegation.objects.filter(
        province=province, year=year, level="province", name__endswith=MARK
    ).exists():
        return []
    name = province.name
    chairman, deputy = _leaders(
        cast,
        [("Nguyễn Văn Thắng", "Chủ tịch UBND tỉnh"), ("Trần Thị Thu Hà", "Phó Chủ tịch UBND tỉnh")],
        f"UBND tỉnh {name}",
    )
    # "Thường trực Tỉnh ủy" heading a delegation counts its holders of that year (a setting the office keeps)
    standing = _leaders(
        cast,
        [("Hoàng Minh Đức", "Bí thư Tỉnh ủy"), ("Vũ Thị Mai", "Phó Bí thư Thường trực Tỉnh ủy")],
        f"Tỉnh ủy {name}",
    )
    title_holding_save(
        user=office, province=province, year=year, title="Thường trực Tỉnh ủy", people=standing
    )

    def proposal(name, *, countries, month, people=8, days=6, owner=None, level="province", **extra):
        values = {
            "province": province,
            "direction": "out",
            "level": level,
            "year": year,
            "owner": owner,
            "name": f"{name} {MARK}",
            "leader": extra.pop("leader", f"{chairman.full_name} - {chairman.title}"),
            "countries": countries,
            "partners": extra.pop("partners", "Chính quyền địa phương đối tác"),
            "activities": extra.pop("activities", "Thăm và làm việc, trao đổi hợp tác"),
            "people_min": people,
            "people_max": people,
            "duration_min": days,
            "duration_max": days,
            "duration_unit": "day",
            "period_start": datetime.date(year, month, 1),
            "period_end": datetime.date(year, month, 1),
            "funding": extra.pop("funding", "Ngân sách tỉnh"),
            **extra,
        }
        delegation = delegation_services.delegation_create(user=office, values=values)
        return delegation_services.delegation_transition(delegation, user=office, action="submit")

    def head(delegation, person, role=DelegationMember.Role.HEAD):
        delegation_services.member_add(delegation, user=office, values={"person": person, "role": role})

    # the chairman abroad three times; with the deputy chairman in one; 14 people, 9 days, 4 countries
    tour = proposal(
        "Đoàn Lãnh đạo tỉnh xúc tiến đầu tư tại Nhật Bản, Hàn Quốc, Singapore và Ôxtrâylia",
        countries=["JP", "KR", "SG", "AU"],
        month=5,
        people=14,
        days=12,
        partners="Chính quyền tỉnh Gyeongnam; Cơ quan Xúc tiến thương mại Nhật Bản (JETRO)",
        activities="Xúc tiến đầu tư, gặp gỡ doanh nghiệp",
    )
    head(tour, chairman)
    head(tour, deputy, DelegationMember.Role.MEMBER)
    champasak = proposal(
        "Đoàn Lãnh đạo tỉnh dự Diễn đàn hợp tác địa phương tại tỉnh Champasak, Lào",
        countries=["LA"],
        month=3,
        partners="Chính quyền tỉnh Champasak",
    )
    head(champasak, chairman)
    germany = proposal(
        "Đoàn Lãnh đạo tỉnh làm việc với bang Sachsen, Cộng hòa Liên bang Đức",
        countries=["DE"],
        month=9,
        partners="Chính quyền bang Sachsen",
    )
    head(germany, chairman)
    made = [tour, champasak, germany]
    made.append(
        proposal(
            "Đoàn Thường trực Tỉnh ủy thăm hữu nghị tỉnh Xiêng Khoảng, Lào",
            countries=["LA"],
            month=10,
            leader="Thường trực Tỉnh ủy",
            partners="Tỉnh ủy Xiêng Khoảng",
        )
    )
    # two units plan the same trip: same partner, same month
    same = {"partners": "Cơ quan Phát triển doanh nghiệp Singapore (Enterprise Singapore)", "month": 6}
    for owner, leader in (
        (cast.other_unit, "Phạm Quốc Việt - Trưởng ban"),
        (cast.unit, "Lê Kim Anh - Phó Hiệu trưởng"),
    ):
        made.append(
            proposal(
                f"Đoàn {owner.name} làm việc với Enterprise Singapore về đào tạo nhân lực cho doanh nghiệp",
                countries=["SG"],
                owner=owner,
                level="department",
                leader=leader,
                people=5,
                days=5,
                activities="Đào tạo nhân lực cho doanh nghiệp khu công nghiệp",
                **same,
            )
        )
    for delegation in (tour, champasak, germany):
        services.proposal_take_in(delegation, user=office)
    rule_services.warnings_refresh(province.pk, year)
    crowded = Warning.objects.filter(delegation=tour, rule="max_people", active=True).first()
    if crowded is not None:
        rule_services.warning_acknowledge(
            crowded,
            user=office,
            comment=(
                "Đoàn gồm cả doanh nghiệp của tỉnh đi xúc tiến đầu tư; kinh phí của doanh nghiệp tự chi trả."
            ),
        )
    draft = services.version_create(
        user=office, province=province, year=year, kind="draft", note="Bản tổng hợp đợt 1, còn chờ ý kiến."
    )
    services.version_document_add(
        draft,
        user=office,
        kind="submission",
        number="312/TTr-SNgV",
        issued_on=timezone.localdate(),
        issuer="Sở Ngoại vụ",
        title=f"Tờ trình về dự kiến kế hoạch đoàn ra, đoàn vào năm {year}",
    )
    return made
