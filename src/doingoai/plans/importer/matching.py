"""Stage 2 of an import, matching: what each file is, where it goes, what of it is stored already.

- ``province_for``: the province a document's records go to;
- ``document_owner``: whose document it is (the province's own authorities,
  a unit of the province, or unknown), and whether the importing user may
  bring it in (a unit's officer imports only their own unit's proposal);
- ``find_existing_document``: the same document imported before (same file,
  or same number and year);
- ``match_stored``: the document's rows paired with the records stored from
  it before, even when the corrected document shifted its lines;
- ``proposal``: the unit a row names as its proposer.
"""

from __future__ import annotations

from doingoai.agreements.models import Agreement
from doingoai.extraction.normalize.text import fold
from doingoai.organization.models import Province, Unit
from doingoai.plans.importer.units import is_provincial_authority, match_unit, unit_in_name
from doingoai.plans.models import PlanDocument


def province_for(
    entry_document: dict, chosen: Province | None, visible: list[Province], user_unit: Unit | None
) -> tuple[Province | None, list[str], str | None]:
    """Where a document's records go: (province, notices, error)."""
    notices: list[str] = []
    printed = (entry_document or {}).get("province") or ""
    by_name = {fold(p.name): p for p in Province.objects.active()}
    printed_province = by_name.get(fold(printed)) if printed else None
    if user_unit is not None:
        province = user_unit.province
        if printed_province and printed_province != province:
            return (
                None,
                notices,
                (
                    f"Văn bản của tỉnh {printed_province.name}; bạn chỉ nhập được cho đơn vị "
                    f"{user_unit.name} (tỉnh {province.name})."
                ),
            )
        return province, notices, None
    if chosen is not None:
        province = chosen
        if printed and fold(printed) != fold(chosen.name):
            notices.append(
                f"Văn bản ghi tỉnh {printed}; theo lựa chọn của bạn, các bản ghi được nhập "
                f"vào tỉnh {chosen.name}."
            )
    elif printed_province is not None:
        province = printed_province
    elif len(visible) == 1:
        province = visible[0]
        if printed:
            notices.append(
                f"Văn bản ghi tỉnh {printed}, chưa có trong hệ thống; các bản ghi được nhập "
                f"vào tỉnh {province.name}."
            )
    else:
        return None, notices, ("Không xác định được tỉnh của văn bản: hãy tải lên lại và chọn tỉnh.")
    if province.pk not in {p.pk for p in visible}:
        return (
            None,
            notices,
            (f"Văn bản của tỉnh {province.name}: tài khoản của bạn không được nhập cho tỉnh này."),
        )
    return province, notices, None


def document_owner(
    meta: dict, province: Province, units: list[Unit], user_unit: Unit | None, existing: PlanDocument | None
) -> tuple[Unit | None, str | None, bool]:
    """Who issued the document: (the unit of the province that did, or None; the refusal for this user
    or None; whether the province's own authorities issued it).

    ``issued`` is True for a document of the province's own authorities (the
    People's Committee's plan, the Party committee's conclusion): its
    delegations start approved. A unit's officer imports only their own
    unit's proposal: a document of the province, of another unit, or one the
    office (or another unit) imported already is refused, in Vietnamese.
    """
    issuer = (meta or {}).get("issuer") or ""
    issued = is_provincial_authority(issuer)
    issuer_unit = None if issued or not issuer else match_unit(issuer, units, province.name)
    if user_unit is None:
        return issuer_unit, None, issued
    if issued:
        return (
            None,
            (
                f"Văn bản do {issuer} ban hành: đơn vị chỉ nhập đề xuất của chính đơn vị mình "
                "(Mẫu 04, Mẫu 05); văn bản của tỉnh do Sở Ngoại vụ nhập."
            ),
            issued,
        )
    if issuer_unit is not None and issuer_unit.pk != user_unit.pk:
        return (
            None,
            (
                f"Văn bản của {issuer_unit.name}: đơn vị {user_unit.name} chỉ nhập được đề xuất "
                "của đơn vị mình."
            ),
            issued,
        )
    if existing is not None and existing.owner_id != user_unit.pk:
        holder = existing.owner.name if existing.owner_id else "Sở Ngoại vụ"
        number = f" số {existing.number}" if existing.number else ""
        return (
            None,
            (
                f"Văn bản{number} đã được {holder} nhập vào hệ thống: đơn vị không thay thế được "
                "văn bản này. Nếu cần sửa, hãy đề nghị Sở Ngoại vụ."
            ),
            issued,
        )
    return user_unit, None, issued


def find_existing_document(
    province: Province, sha256: str, number: str | None, year: int | None
) -> tuple[PlanDocument | None, str]:
    """A document imported before: the same file, or the same number and year in the province."""
    documents = PlanDocument.objects.filter(province=province, deleted_at__isnull=True)
    same_file = documents.filter(file_sha256=sha256).order_by("pk").first()
    if same_file is not None:
        return same_file, "sha256"
    if number and year:
        same_number = documents.filter(number__iexact=number, year=year).order_by("pk").first()
        if same_number is not None:
            return same_number, "number"
    return None, ""


def proposal(record: dict, kind: str) -> dict | None:
    """The unit a record's document names as its proposer, where it does.

    Beside the reader's ``proposing_unit``, an outbound department-level
    delegation named after a unit ("Đoàn công tác Sở Công Thương Bình Định")
    is that unit's. An agreement's "cơ quan đề xuất" is often the foreign
    side, so it only ever matches an existing unit (never "create new").
    """
    if kind == "agreement":
        proposer = record.get("proposer")
        return {"name": proposer, "source": "cột cơ quan đề xuất", "match_only": True} if proposer else None
    proposal = record.get("proposing_unit")
    if proposal and proposal.get("name"):
        return dict(proposal)
    if record.get("direction") == "out" and record.get("level") == "department":
        name = unit_in_name(record.get("name") or "")
        if name and 3 <= len(name) <= 80:
            return {"name": name, "source": "tên đoàn"}
    return None


def record_kind(obj) -> str:
    return "agreement" if isinstance(obj, Agreement) else "delegation"


def _content(kind: str, table, tt: str, title: str) -> tuple:
    return (kind, table, tt or "", fold(title or ""))


def match_stored(rows: list, stored: list) -> set[int]:
    """Pair the document's rows with the records stored from it before; the ids of the paired records.

    A record is its document's table and row (``source_table``,
    ``source_row``). But a corrected document shifts its lines, and then the
    row at a place is another delegation; so a place counts only when what
    stands there is the same (number and name). In order:
    1. same place, same number and name;
    2. same number and name elsewhere (the row moved);
    3. same place, other content (the row was corrected where it stands);
    4. same table and number, uniquely (moved and corrected).
    A record deleted by an officer is paired only by content (1, 2), so it
    is recognised and not imported again.
    """

    def title_of(obj) -> str:
        return getattr(obj, "name", None) or getattr(obj, "title", "") or ""

    by_place = {(record_kind(obj), obj.source_table, obj.source_row): obj for obj in stored}
    by_content: dict[tuple, list] = {}
    by_number: dict[tuple, list] = {}
    for obj in stored:
        by_content.setdefault(_content(record_kind(obj), obj.source_table, obj.tt, title_of(obj)), []).append(
            obj
        )
        if obj.deleted_at is None:
            by_number.setdefault((record_kind(obj), obj.source_table, obj.tt or ""), []).append(obj)
    taken: set[int] = set()

    def pair(row, obj) -> None:
        row.existing = obj
        taken.add(id(obj))

    def content(row) -> tuple:
        return _content(row.kind, row.table, row.values.get("tt", ""), row.title)

    for row in rows:
        obj = by_place.get((row.kind, row.table, row.source_row))
        if obj is not None and _content(record_kind(obj), obj.source_table, obj.tt, title_of(obj)) == content(
            row
        ):
            pair(row, obj)
    for row in rows:
        if row.existing is None:
            candidate = next((o for o in by_content.get(content(row), []) if id(o) not in taken), None)
            if candidate is not None:
                pair(row, candidate)
    for row in rows:
        if row.existing is None:
            obj = by_place.get((row.kind, row.table, row.source_row))
            if obj is not None and id(obj) not in taken and obj.deleted_at is None:
                pair(row, obj)
    for row in rows:
        if row.existing is None and row.values.get("tt"):
            candidates = [
                o for o in by_number.get((row.kind, row.table, row.values["tt"]), []) if id(o) not in taken
            ]
            if len(candidates) == 1:
                pair(row, candidates[0])
    return taken
