"""Stage 3 of an import, the preview: every record of every file, and what saving it would do.

``build_preview(pending, user)`` decides each document's province and owner,
finds a document imported before, compares every record with the stored one
(new / changed fields old → new / unchanged / gone), marks fields an officer
edited since (``edited_fields``) as conflicts that are kept unless
overwritten, proposes the owning unit of each record, and the state new
delegations start in (approved for a plan the province issued, submitted for
a unit's proposal; the office may choose another). It is computed afresh
against the database each time, so what an officer sees is what gets saved.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db.models import Count, Max

from doingoai.accounts.permissions import role_of
from doingoai.accounts.scoping import office_for, visible_provinces
from doingoai.agreements.models import Agreement
from doingoai.core.collection import without_collections
from doingoai.core.provenance import expand_fields
from doingoai.delegations.models import Delegation
from doingoai.extraction.normalize.text import fold
from doingoai.organization.models import Province, Unit
from doingoai.plans.importer.common import (
    AGREEMENT_FIELDS,
    CHANGED,
    DELEGATION_FIELDS,
    DELETED,
    DOCUMENT_FIELDS,
    EDITABLE_FIELDS,
    INITIAL_STATUS_CHOICES,
    LOCKED,
    NEW,
    NEW_UNIT,
    PREVIEW_PAGE_ROWS,
    REFUSED,
    REVIEW_FIELD_LABELS,
    STATUS_LABELS,
    UNCHANGED,
    user_unit_of,
)
from doingoai.plans.importer.matching import (
    document_owner,
    find_existing_document,
    match_stored,
    proposal,
    province_for,
    record_kind,
)
from doingoai.plans.importer.reading import PendingImport
from doingoai.plans.importer.units import best_name, match_unit, unit_key
from doingoai.plans.importer.values import (
    agreement_values,
    as_text,
    delegation_values,
    display,
    field_label,
    stored_value,
)
from doingoai.plans.models import PlanDocument


def is_note(item) -> bool:
    """A review item of the reader's "note" severity: information, not a reason to look again."""
    return isinstance(item, dict) and item.get("severity") == "note"


@dataclass
class Change:
    """One field that differs between the stored record and the document."""

    field: str
    label: str
    old: str
    new: str
    conflict: bool = False  # an officer edited it since the import: kept unless overwritten


@dataclass
class RowPreview:
    """One record of a document as the preview shows it, and what saving it would do."""

    doc_index: int
    index: int  # among the document's records: delegations first, then agreements
    kind: str  # "delegation" | "agreement"
    record: dict
    values: dict  # what the document says, in the comparison form
    existing: Any = None
    status: str = NEW
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    proposal: dict | None = None  # {"name", "source"}: the unit the document names
    proposed_unit: Unit | None = None
    owner_choice: str = ""  # "" | unit pk | "new:<name>": what is selected if the officer does nothing
    effective: dict = field(default_factory=dict)  # editable fields' values if the officer does nothing
    moved_from: str | None = None

    @property
    def key(self) -> str:
        return f"{self.doc_index}_{self.index}"

    @property
    def editable(self) -> bool:
        return self.status in (NEW, CHANGED, UNCHANGED)

    @property
    def review(self) -> list[dict]:
        """The reasons an officer must look at the row (the reader's routine notes apart)."""
        return [item for item in self.record.get("review") or [] if not is_note(item)]

    @property
    def reader_notes(self) -> list[dict]:
        """The reader's routine notes on the row ("the year was taken from the plan"): shown, not flagged."""
        return [item for item in self.record.get("review") or [] if is_note(item)]

    @property
    def review_items(self) -> list[dict]:
        return [
            {**item, "label": REVIEW_FIELD_LABELS.get(item.get("field"), item.get("field", ""))}
            for item in self.review
        ]

    @property
    def conflicts(self) -> list[Change]:
        return [change for change in self.changes if change.conflict]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def title(self) -> str:
        return self.values.get("name") or self.values.get("title") or ""

    @property
    def countries_label(self) -> str:
        return display("countries", self.values.get("countries"))

    @property
    def period_label(self) -> str:
        """ "04/2025 – 06/2025", as the officer reads months."""
        start, end = self.values.get("period_start"), self.values.get("period_end")
        if not start:
            return "—"
        if end and end != start:
            return f"{display('period_start', start)} – {display('period_end', end)}"
        return display("period_start", start)

    def needs_look(self, chooses_owner: bool) -> bool:
        """A reason to look at it: the reader's doubt, a conflict with an officer's edit, no unit."""
        return bool(
            self.review or self.conflicts or (chooses_owner and self.editable and not self.owner_choice)
        )

    @property
    def source_row(self) -> str:
        return str(self.record.get("source", {}).get("row") or "")

    @property
    def table(self) -> int | None:
        return self.record.get("source", {}).get("table") or self.record.get("table")


@dataclass
class GoneRow:
    """A stored record of the document that the new reading no longer has."""

    doc_index: int
    kind: str
    obj: Any
    editable: bool
    default_remove: bool

    @property
    def key(self) -> str:
        return f"{self.doc_index}_{self.kind[0]}{self.obj.pk}"

    @property
    def title(self) -> str:
        return getattr(self.obj, "name", None) or getattr(self.obj, "title", "")


@dataclass
class DocumentPreview:
    """One uploaded file: what was read of it, where it goes, and its records."""

    index: int
    name: str
    sha256: str
    size: int
    error: str | None = None
    format: str = ""
    document: dict = field(default_factory=dict)
    province: Province | None = None
    notices: list[str] = field(default_factory=list)
    existing: PlanDocument | None = None
    matched_by: str = ""  # "sha256" | "number"
    metadata_changes: list[Change] = field(default_factory=list)
    rows: list[RowPreview] = field(default_factory=list)
    #: the tasks it assigns to units, as the reader gives them (saved with the document)
    tasks: list[dict] = field(default_factory=list)
    gone: list[GoneRow] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    stored: list = field(default_factory=list)  # every record stored from the document before
    new_units: dict[str, list[str]] = field(default_factory=dict)  # best name → the spellings
    issuer_unit: Unit | None = None  # the unit of the province that issued it, when one did
    issued: bool = False  # issued by the province's own authorities: its delegations start approved
    initial_status: str = "submitted"  # the state new delegations start in, as proposed
    initial_choices: list[tuple[str, str]] = field(default_factory=list)
    page_rows: list[RowPreview] = field(default_factory=list)  # its rows on the page shown (``preview_page``)
    header_here: bool = False  # its header and own decisions are on the page shown

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def date_label(self) -> str:
        """The document's date as dd/mm/yyyy (the reader gives it as an ISO date)."""
        try:
            return datetime.date.fromisoformat(self.document.get("date") or "").strftime("%d/%m/%Y")
        except ValueError:
            return self.document.get("date") or "—"

    @property
    def delegations(self) -> list[RowPreview]:
        return [row for row in self.rows if row.kind == "delegation"]

    @property
    def agreements(self) -> list[RowPreview]:
        return [row for row in self.rows if row.kind == "agreement"]

    @property
    def page_delegations(self) -> list[RowPreview]:
        return [row for row in self.page_rows if row.kind == "delegation"]

    @property
    def page_agreements(self) -> list[RowPreview]:
        return [row for row in self.page_rows if row.kind == "agreement"]

    @property
    def review_count(self) -> int:
        return sum(1 for row in self.rows if row.review)

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def new_count(self) -> int:
        return self.count(NEW)

    @property
    def changed_count(self) -> int:
        return self.count(CHANGED)

    @property
    def unchanged_count(self) -> int:
        return self.count(UNCHANGED)

    @cached_property
    def unit_choices(self) -> list[tuple[str, str]]:
        choices = [("", "— Chưa chọn đơn vị —")]
        choices += [(str(unit.pk), unit.name) for unit in self.units]
        choices += [(f"{NEW_UNIT}{name}", f"Tạo đơn vị mới: {name}") for name in self.new_units]
        return choices


@dataclass
class ImportPreview:
    user: Any
    role: str | None
    unit: Unit | None  # a unit officer's unit: every record is theirs
    documents: list[DocumentPreview]
    #: the stored state it was computed against (``stored_stamp``), when asked for
    stamp: tuple | None = None
    create_units: bool = False

    @property
    def importable(self) -> list[DocumentPreview]:
        return [doc for doc in self.documents if doc.ok]

    @property
    def chooses_owner(self) -> bool:
        return self.unit is None


#: what the preview's pages may show: every row, the rows to look at, the rows saving would change
ROW_FILTERS = {
    "": "Mọi hàng",
    "xem-lai": "Hàng cần xem lại",
    "thay-doi": "Hàng mới hoặc có thay đổi",
}


@dataclass
class PreviewPage:
    """One page of the preview: the rows decided on there, and the documents they belong to.

    A document's own decisions (the starting state, the unit for rows
    without one, the records that left it) are on the page where the
    document first appears (``header_on``).
    """

    number: int
    count: int
    row_filter: str
    total: int  # rows matching the filter, on every page
    rows: list[RowPreview]
    documents: list[DocumentPreview]
    header_on: dict[int, int]  # document index → the page its header and own decisions are on

    @property
    def keys(self) -> set[str]:
        return {row.key for row in self.rows}

    def has_header(self, doc: DocumentPreview) -> bool:
        return self.header_on.get(doc.index) == self.number

    @property
    def numbers(self) -> list[int | None]:
        """The page numbers a pager shows: the first, the last, and those around this one (None: a gap)."""
        wanted = {1, self.count, *range(self.number - 2, self.number + 3)}
        out: list[int | None] = []
        for number in range(1, self.count + 1):
            if number in wanted:
                out.append(number)
            elif out and out[-1] is not None:
                out.append(None)
        return out


def _matches(row: RowPreview, row_filter: str, chooses_owner: bool) -> bool:
    if row_filter == "xem-lai":
        return row.needs_look(chooses_owner)
    if row_filter == "thay-doi":
        return row.status in (NEW, CHANGED)
    return True


def preview_page(
    preview: ImportPreview, number: int = 1, row_filter: str = "", size: int = PREVIEW_PAGE_ROWS
) -> PreviewPage:
    """Page ``number`` (from 1; out of range: the nearest) of the rows matching ``row_filter``."""
    row_filter = row_filter if row_filter in ROW_FILTERS else ""
    matching = [
        row
        for doc in preview.importable
        for row in doc.rows
        if _matches(row, row_filter, preview.chooses_owner)
    ]
    count = max(1, -(-len(matching) // size))
    number = min(max(1, number), count)
    header_on: dict[int, int] = {}
    for position, row in enumerate(matching):
        header_on.setdefault(row.doc_index, position // size + 1)
    for doc in preview.documents:
        header_on.setdefault(doc.index, 1)  # a document without matching rows: on the first page
    rows = matching[(number - 1) * size : number * size]
    keys = {row.key for row in rows}
    documents = []
    for doc in preview.documents:
        doc.page_rows = [row for row in doc.rows if row.key in keys]
        doc.header_here = header_on[doc.index] == number
        if doc.page_rows or doc.header_here:
            documents.append(doc)
    return PreviewPage(number, count, row_filter, len(matching), rows, documents, header_on)


def _document_changes(doc: DocumentPreview) -> list[Change]:
    existing, meta = doc.existing, doc.document
    new = document_values(meta, doc.name)
    changes = []
    for name in DOCUMENT_FIELDS:
        old = getattr(existing, name)
        if isinstance(old, datetime.date):
            old = old.isoformat()
        value = new[name]
        if (old or None) != (value or None):
            changes.append(
                Change(name, field_label(PlanDocument, name), as_text(old) or "—", as_text(value) or "—")
            )
    return changes


def document_values(meta: dict, file_name: str) -> dict:
    return {
        "kind": as_text(meta.get("kind"), 50),
        "number": as_text(meta.get("number"), 80),
        "issued_on": meta.get("date") or None,
        "issuer": as_text(meta.get("issuer"), 255),
        "year": meta.get("year"),
        "title": as_text(meta.get("title")),
    }


def _compare(row: RowPreview, model, fields, editable_fields) -> None:
    """Fill a matched row's changes, conflicts and effective values against the stored record."""
    obj = row.existing
    edited = expand_fields(getattr(obj, "edited_fields", None) or [])
    for name in fields:
        old, new = stored_value(obj, name), row.values[name]
        if old == new:
            continue
        conflict = name in edited
        row.changes.append(
            Change(name, field_label(model, name), display(name, old), display(name, new), conflict=conflict)
        )
    conflicts = {change.field for change in row.conflicts}
    row.effective = {
        name: (stored_value(obj, name) if name in conflicts else row.values[name]) for name in editable_fields
    }
    row.status = CHANGED if row.changes else UNCHANGED


def _rows_for(doc: DocumentPreview, result: dict, user, user_unit: Unit | None, create_units: bool) -> None:
    """Build the rows of a readable document: match stored records, compare, propose owners."""
    province_name = doc.province.name
    year = doc.document.get("year")
    records = [("delegation", r) for r in result["delegations"]] + [
        ("agreement", r) for r in result["agreements"]
    ]
    for index, (kind, record) in enumerate(records):
        values = delegation_values(record, year) if kind == "delegation" else agreement_values(record, year)
        doc.rows.append(RowPreview(doc_index=doc.index, index=index, kind=kind, record=record, values=values))

    if doc.existing is not None:
        for model in (Delegation, Agreement):
            doc.stored.extend(model.objects.filter(plan_document=doc.existing).select_related("owner"))
    matched = match_stored(doc.rows, doc.stored)
    for row in doc.rows:
        obj = row.existing
        if obj is None:
            continue
        if obj.deleted_at is not None:
            row.status = DELETED
            row.notes.append("Bản ghi này đã bị xóa sau lần nhập trước: không nhập lại.")
        elif obj.source_row != row.source_row:
            row.moved_from = obj.source_row
            row.notes.append(f"Hàng đã đổi vị trí trong văn bản: {obj.source_row} → {row.source_row}.")

    for row in doc.rows:
        if row.kind == "delegation":
            model, fields = Delegation, DELEGATION_FIELDS
        else:
            model, fields = Agreement, AGREEMENT_FIELDS
        editable_fields = EDITABLE_FIELDS[row.kind]
        if row.existing is None:
            row.status = NEW
            row.effective = {name: row.values[name] for name in editable_fields}
        elif row.status != DELETED:
            _compare(row, model, fields, editable_fields)
            if not may_import_into(user, row.existing, user_unit):
                row.status = LOCKED
                row.notes.append("Bản ghi thuộc đơn vị khác: bạn không sửa được, giữ nguyên.")
        if row.kind == "agreement" and user_unit is not None and row.status != DELETED:
            row.status = REFUSED
            row.notes.append(
                "Đơn vị không tạo, sửa thỏa thuận quốc tế: hàng này không được nhập "
                "(thỏa thuận do Sở Ngoại vụ nhập)."
            )

    # Owners: the unit officer's own unit, or the document's proposal matched to the province's units.
    doc.units = list(Unit.objects.active().filter(province=doc.province).order_by("name"))
    spellings: dict[str, list[str]] = {}
    for row in doc.rows:
        row.proposal = proposal(row.record, row.kind)
        if row.proposal:
            row.proposed_unit = match_unit(row.proposal["name"], doc.units, province_name)
            if row.proposed_unit is None and not row.proposal.get("match_only") and user_unit is None:
                spellings.setdefault(unit_key(row.proposal["name"], province_name), []).append(
                    row.proposal["name"]
                )
    best = {key: best_name(names) for key, names in spellings.items()}
    doc.new_units = {best[key]: sorted(set(names)) for key, names in spellings.items()}
    for row in doc.rows:
        if user_unit is not None:
            row.owner_choice = str(user_unit.pk)
            if row.proposed_unit is not None and row.proposed_unit != user_unit:
                row.notes.append(
                    f"Văn bản ghi đơn vị {row.proposed_unit.name}; bản ghi sẽ thuộc "
                    f"đơn vị của bạn ({user_unit.name})."
                )
        elif row.existing is not None and row.existing.owner_id:
            row.owner_choice = str(row.existing.owner_id)
        elif doc.issuer_unit is not None:  # a unit's own proposal: every row of it is the unit's
            row.owner_choice = str(doc.issuer_unit.pk)
        elif row.proposed_unit is not None:
            row.owner_choice = str(row.proposed_unit.pk)
        elif row.proposal and not row.proposal.get("match_only"):
            name = best[unit_key(row.proposal["name"], province_name)]
            row.owner_choice = f"{NEW_UNIT}{name}" if create_units else ""

    for obj in doc.stored:
        if id(obj) in matched or obj.deleted_at is not None:
            continue
        editable = may_import_into(user, obj, user_unit)
        untouched = not obj.edited_fields and (
            not obj.transitions.exclude(action="create").exists()
            if isinstance(obj, Delegation)
            else obj.status == Agreement.Status.PLANNED
        )
        doc.gone.append(
            GoneRow(
                doc.index, record_kind(obj), obj, editable=editable, default_remove=editable and untouched
            )
        )


def may_import_into(user, obj, user_unit: Unit | None) -> bool:
    """Whether an import by ``user`` may change the stored record ``obj``: the office's, or the unit's own."""
    if user_unit is None:
        return office_for(user, obj.province_id)
    return isinstance(obj, Delegation) and obj.owner_id == user_unit.pk


def stored_stamp(province_ids: list[int]) -> tuple:
    """What a preview of these provinces depends on, in a few numbers: the last write and the count of
    each kind of record. Any record written, added or hidden since changes it."""
    stamp = []
    for model, scope in (
        (Province, "pk__in"),
        (Unit, "province__in"),
        (PlanDocument, "province__in"),
        (Delegation, "province__in"),
        (Agreement, "province__in"),
    ):
        found = model._base_manager.filter(**{scope: province_ids}).aggregate(Max("updated_at"), Count("pk"))
        stamp.append((found["updated_at__max"], found["pk__count"]))
    return tuple(stamp)


@without_collections
def build_preview(
    pending: PendingImport, user, *, create_units: bool = False, stamped: bool = False
) -> ImportPreview:
    """Everything the officer decides on, computed afresh against the database.

    ``create_units``: a unit the document names that the province does not
    have yet is proposed as "create new" (the demo); otherwise the officer
    is asked to choose, and the new unit is only offered. ``stamped``: the
    preview notes the stored state it saw (``stored_stamp``), so that saving
    may use it instead of computing it again when nothing was written since.
    """
    role = role_of(user)
    user_unit = user_unit_of(user)
    visible = list(visible_provinces(user))
    stamp = stored_stamp([p.pk for p in visible]) if stamped else None
    chosen = None
    if pending.manifest.get("province_id"):
        chosen = next((p for p in visible if p.pk == pending.manifest["province_id"]), None)
    preview = ImportPreview(
        user=user, role=role, unit=user_unit, documents=[], stamp=stamp, create_units=create_units
    )
    identities: dict[tuple, str] = {}
    for index, entry in enumerate(pending.documents):
        doc = DocumentPreview(
            index=index,
            name=entry["name"],
            sha256=entry["sha256"],
            size=entry["size"],
            error=entry.get("error"),
        )
        preview.documents.append(doc)
        result = entry.get("result")
        if doc.error or not result:
            doc.error = doc.error or f"Tệp {doc.name} không đọc được."
            continue
        doc.format, doc.document = result.get("format", ""), result.get("document") or {}
        doc.tasks = result.get("tasks") or []
        doc.province, doc.notices, doc.error = province_for(doc.document, chosen, visible, user_unit)
        if doc.error:
            continue
        number, year = doc.document.get("number"), doc.document.get("year")
        if number and year:
            identity = (doc.province.pk, fold(number), year)
            if identity in identities:
                doc.error = (
                    f"Tệp {doc.name} cùng số {number} năm {year} với tệp {identities[identity]} "
                    "trong cùng lần tải lên: hãy nhập từng bản một."
                )
                continue
            identities[identity] = doc.name
        doc.existing, doc.matched_by = find_existing_document(doc.province, doc.sha256, number, year)
        units = list(Unit.objects.active().filter(province=doc.province).order_by("name"))
        doc.issuer_unit, doc.error, doc.issued = document_owner(
            doc.document, doc.province, units, user_unit, doc.existing
        )
        if doc.error:
            continue
        doc.initial_choices = INITIAL_STATUS_CHOICES["unit" if user_unit is not None else "office"]
        doc.initial_status = "approved" if doc.issued and user_unit is None else "submitted"
        if doc.existing is not None:
            doc.metadata_changes = _document_changes(doc)
        if not result["delegations"] and not result["agreements"]:
            doc.notices.append(
                "Văn bản không có bảng đoàn ra, đoàn vào hay thỏa thuận quốc tế: chỉ lưu văn bản."
            )
        _rows_for(doc, result, user, user_unit, create_units)
    return preview
