"""The demo's collection round: open, with units in every situation, and their contacts.

For the province of the demo's unit officer, next year's round is opened by
the office with a deadline just passed: the college has sent proposals (and
keeps a draft),
another unit has said it has none, the others are late (the office's list
to telephone). Idempotent: nothing is done when the round exists.
"""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path

from django.utils import timezone

from doingoai.collection import services
from doingoai.collection.models import CollectionRound
from doingoai.collection.selectors import asked_units
from doingoai.organization import services as organization_services

FORMS = Path(__file__).resolve().parent / "data" / "blank_forms.json"
#: the demo's contacts: (name, position, e-mail, telephone); example addresses only
CONTACTS = [
    ("Nguyễn Thị Lan", "Chuyên viên phòng Hợp tác quốc tế", "lan.nt@example.vn", "0208 3851 001"),
    ("Trần Văn Minh", "Chánh Văn phòng", "minh.tv@example.vn", "0208 3851 002"),
    ("Lê Thu Hà", "Văn thư", "", "0208 3851 003"),
]


def seed(office, unit, other_unit, today: datetime.date | None = None) -> CollectionRound | None:
    today = today or timezone.localdate()
    year = today.year + 1
    province = unit.province
    if CollectionRound.objects.filter(province=province, year=year).exists():
        return None
    round = services.round_open(
        user=office,
        province=province,
        year=year,
        deadline=today - datetime.timedelta(days=2),
        instructions=(
            f"Đề nghị các đơn vị gửi đề xuất đoàn ra, đoàn vào năm {year} theo Mẫu 04 (đoàn ra) và "
            "Mẫu 05 (đoàn vào): thêm trên hệ thống hoặc nhập văn bản; đơn vị không có đoàn báo "
            "«không có đoàn»."
        ),
    )
    asked = list(asked_units(round).order_by("name"))
    quiet = [u for u in asked if u != unit and not services.proposals_of(round, u).exists()]
    none_unit = quiet[0] if quiet else other_unit
    waiting = [u for u in asked if u not in (unit, none_unit)][:2]
    for index, target in enumerate([unit, none_unit, *waiting]):
        name, position, email, phone = CONTACTS[index % len(CONTACTS)]
        organization_services.contact_save(
            target,
            user=office,
            values={
                "name": name,
                "position": position,
                "email": email.replace("@", f".{target.pk}@") if email else "",
                "phone": phone,
            },
        )
    # the college has sent proposals of that year already (``delegations.demo``) and keeps a draft:
    # it counts as having sent them; its draft stays one, for the pages that show drafts
    if quiet:
        services.round_declare_none(round, user=office, unit=none_unit, note="Đơn vị báo qua điện thoại")
    for name, data in blank_forms(year):
        services.round_attach(round, user=office, name=name, data=data, description="Biểu mẫu để điền")
    return round


def blank_forms(year: int) -> list[tuple[str, bytes]]:
    """Mẫu 04 and Mẫu 05 as blank Word tables (``data/blank_forms.json``): name and bytes of each."""
    from docx import Document

    out = []
    for spec in json.loads(FORMS.read_text(encoding="utf-8"))["forms"]:
        document = Document()
        document.add_heading(spec["title"].format(year=year), level=1)
        table = document.add_table(rows=3, cols=len(spec["columns"]))
        table.style = "Table Grid"
        for index, column in enumerate(spec["columns"]):
            table.rows[0].cells[index].text = column
            table.rows[1].cells[index].text = "" if index == 0 else str(index)
        buffer = io.BytesIO()
        document.save(buffer)
        out.append((spec["file"].format(year=year), buffer.getvalue()))
    return out
