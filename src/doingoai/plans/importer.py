"""Importing plan documents: read them, compare with what is stored, save in one transaction.

Plain functions and data classes, no HTTP: the browser pages
(``plans/views_import.py``) and the demo command go through the same steps, so
what an officer sees in the preview is exactly what gets saved.

1. ``stage(files, user, province=None)`` reads every file at once
   (``extract_bytes``) and keeps the bytes and what was read in a pending
   folder under MEDIA_ROOT until the officer confirms or cancels: a preview
   then survives reloads and a confirm saves exactly the previewed files,
   without a model or a migration for half-finished imports. A file that
   cannot be read keeps only its Vietnamese message.
2. ``build_preview(pending, user)`` decides each document's province, finds a
   document imported before (same file sha256, or same province + number +
   year), compares every record with the stored one (new / changed fields
   old → new / unchanged / gone), marks fields an officer edited since
   (``edited_fields``) as conflicts that are kept unless overwritten, and
   proposes the owning unit of each record.
3. ``apply(pending, user, decisions)`` saves everything in ONE transaction,
   as changes by ``user`` in the history; a failure stores nothing (the files
   written before it are removed again).
4. ``discard(pending)`` removes the pending folder.

``import_files(files, user)`` runs the four steps with the proposals as they
are (the demo command's way). A record is identified by its document, table
and row (``plan_document``, ``source_table``, ``source_row``); a row that
moved (an edited document: lines shift) is recognised by its table, number
and name.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import re
import shutil
import time
import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.utils import timezone

from doingoai.accounts.permissions import role_of
from doingoai.accounts.scoping import can_edit, visible_provinces
from doingoai.agreements.models import Agreement
from doingoai.delegations.models import Delegation, month_start
from doingoai.extraction import ExtractionError, extract_bytes
from doingoai.extraction.normalize.funding import classify_funding, funding_label
from doingoai.extraction.normalize.places import country_name_vi
from doingoai.extraction.normalize.text import fold
from doingoai.organization.models import Province, Unit
from doingoai.plans.models import PlanDocument

log = logging.getLogger(__name__)

#: where pending imports wait for the officer's decision (under MEDIA_ROOT)
PENDING_FOLDER = "pending-imports"
#: pending imports older than this are removed when a new one starts
PENDING_MAX_AGE = 24 * 3600
MAX_FILE_BYTES = 50 * 1024 * 1024

NEW, CHANGED, UNCHANGED, LOCKED, DELETED = "new", "changed", "unchanged", "locked", "deleted"
STATUS_LABELS = {
    NEW: "Mới",
    CHANGED: "Có thay đổi",
    UNCHANGED: "Không đổi",
    LOCKED: "Không có quyền sửa",
    DELETED: "Đã bị xóa trước đây",
}
NEW_UNIT = "new:"

#: model fields a delegation takes from its document, compared on re-import
DELEGATION_FIELDS = (
    "direction", "level", "year", "section", "unit_heading", "tt", "name", "leader", "countries",
    "countries_open", "localities", "partners", "activities", "people_min", "people_max",
    "people_per_delegation", "delegation_count", "duration_min", "duration_max", "duration_unit",
    "period_start", "period_end", "period_tentative", "funding", "funding_categories", "notes",
    "host_unit", "out_of_plan",
)
AGREEMENT_FIELDS = (
    "year", "tt", "proposer", "signing_capacity", "kind", "countries", "title", "partner_name",
    "period_start", "period_end", "notes",
)
#: the fields an officer may correct in the preview, per kind of record
EDITABLE_FIELDS = {
    "delegation": ("name", "leader", "countries", "period_start", "period_end", "people_min",
                   "people_max", "funding"),
    "agreement": ("title", "kind", "partner_name", "countries", "period_start", "period_end"),
}
#: fields that move together: editing one of them makes the others "edited" too
FIELD_GROUPS = {
    "period": ("period_start", "period_end", "period_tentative"),
    "people": ("people_min", "people_max", "people_per_delegation"),
    "duration": ("duration_min", "duration_max", "duration_unit"),
    "funding": ("funding", "funding_categories"),
    "countries": ("countries", "countries_open"),
}
#: a review reason's ``field`` → the model fields whose correction answers it
REVIEW_FIELDS = {
    "countries": ("countries",), "period": ("period_start", "period_end"),
    "people": ("people_min", "people_max"), "duration": ("duration_min", "duration_max"),
    "leader": ("leader",), "funding": ("funding",), "name": ("name",), "title": ("title",),
    "year": ("year",), "direction": ("direction",), "level": ("level",),
}
REVIEW_FIELD_LABELS = {
    "countries": "Nước", "period": "Thời gian", "people": "Số người", "duration": "Số ngày",
    "leader": "Trưởng đoàn", "funding": "Kinh phí", "name": "Tên đoàn", "title": "Tên văn bản",
    "year": "Năm", "direction": "Loại đoàn", "level": "Cấp", "row": "Hàng",
}
#: where a record was read: updated silently, never shown as a change of the record itself
PROVENANCE_FIELDS = {"source", "source_table", "source_row", "source_values", "review"}
DOCUMENT_FIELDS = ("kind", "number", "issued_on", "issuer", "year", "title")


class ImportFailed(Exception):
    """Saving failed and nothing was stored; ``message`` is for the officer, in Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class PendingNotFound(ImportFailed):
    """The pending import is gone (saved, cancelled, expired) or belongs to someone else."""


# --------------------------------------------------------------------------- who may import


def can_import(user) -> bool:
    """Office staff and administrators import for their provinces, unit staff for their unit.

    Leaders read and approve; they never import.
    """
    role = role_of(user)
    if role in ("office", "admin"):
        return True
    return role == "unit" and getattr(user.profile, "unit_id", None) is not None


def user_unit_of(user) -> Unit | None:
    """The unit a unit officer imports for (None for office staff, who choose)."""
    if role_of(user) != "unit":
        return None
    return user.profile.unit


# --------------------------------------------------------------------------- units by name

_ABBREVIATIONS = (
    (r"\bubnd\b", "uy ban nhan dan"),
    (r"\bhdnd\b", "hoi dong nhan dan"),
    (r"\bbchqs\b", "bo chi huy quan su"),
    (r"\bchqs\b", "chi huy quan su"),
    (r"\bkcn\b", "khu cong nghiep"),
    (r"\bkkt\b", "khu kinh te"),
    (r"\btttt\b", "thong tin va truyen thong"),
    (r"\blhctchn\b", "lien hiep cac to chuc huu nghi"),
    (r"\bldld\b", "lien doan lao dong"),
    (r"\bkh ?& ?cn\b|\bkhcn\b", "khoa hoc va cong nghe"),
    (r"\bgd ?& ?dt\b|\bgddt\b", "giao duc va dao tao"),
    (r"\btp\b", "thanh pho"),
)
_PROPER_NAMES = re.compile(r"^(?:truong|benh vien|dai hoc|hoc vien)\b")
_NAME_UNIT = re.compile(
    r"^(?:đoàn\s+)?(?:công tác\s+|cán bộ\s+)?(?:của\s+)?"
    r"((?:sở|ubnd|ủy ban nhân dân|ban quản lý|trường|bệnh viện|liên đoàn|liên hiệp|tỉnh đoàn|"
    r"bộ chqs|bộ chỉ huy|công an|hội|văn phòng)\b.*?)"
    r"(?=\s+(?:đi|thăm|tham|tới|đến|sang|làm việc|học tập|tại)\b|[,;(]|$)",
    re.IGNORECASE,
)


def unit_key(name: str, province_name: str = "") -> str:
    """The comparison form of a unit's name: no case, diacritics, abbreviations or province.

    "Bộ CHQS tỉnh" and "Bộ Chỉ huy quân sự tỉnh Đồng Nai" are one unit, and
    "Ban Quản lý các KCN" is "Ban Quản lý các Khu công nghiệp Thái Nguyên";
    but "Trường Cao đẳng Thái Nguyên" keeps its place name, which is part of
    a school's or hospital's proper name.
    """
    key = fold(name or "")
    key = re.sub(r"[^\w&]+", " ", key)
    for pattern, replacement in _ABBREVIATIONS:
        key = re.sub(pattern, replacement, key)
    key = " ".join(key.split())
    place = " ".join(re.sub(r"[^\w]+", " ", fold(province_name or "")).split())
    if place:
        key = re.sub(rf"\btinh {re.escape(place)}$", "tinh", key)
        if not _PROPER_NAMES.match(key):
            key = re.sub(rf"\s+{re.escape(place)}$", "", key)
    key = re.sub(r"\s+tinh$", "", key)
    key = re.sub(r"^ban quan ly ", "", key)
    key = re.sub(r"\bcac\b", " ", key)
    return " ".join(key.split())


def match_unit(name: str, units, province_name: str = "") -> Unit | None:
    """The unit among ``units`` that ``name`` designates, by name or alias; None if none or ambiguous."""
    key = unit_key(name, province_name)
    if not key:
        return None
    found = [unit for unit in units
             if key in {unit_key(n, province_name) for n in [unit.name, *(unit.aliases or [])]}]
    return found[0] if len(found) == 1 else None


def guess_unit_kind(name: str) -> str:
    """A new unit's kind from its name, so that lists group it sensibly; an officer may change it."""
    key = fold(name)
    rules = (
        (r"\bngoai vu\b", Unit.Kind.FOREIGN_AFFAIRS),
        (r"^(?:ubnd|uy ban nhan dan) (?:huyen|thanh pho|thi xa|quan)\b", Unit.Kind.DISTRICT),
        (r"^(?:van phong )?(?:ubnd|uy ban nhan dan|tinh uy|hdnd|hoi dong nhan dan) tinh\b",
         Unit.Kind.LEADERSHIP),
        (r"^(?:truong|dai hoc|hoc vien)\b", Unit.Kind.SCHOOL),
        (r"^benh vien\b", Unit.Kind.HOSPITAL),
        (r"^cong an\b", Unit.Kind.POLICE),
        (r"\b(?:chqs|chi huy quan su|bien phong)\b", Unit.Kind.MILITARY),
        (r"^(?:tinh doan|lien hiep|lien doan|hoi|mat tran)\b", Unit.Kind.MASS_ORGANISATION),
        (r"^cong ty\b", Unit.Kind.ENTERPRISE),
    )
    for pattern, kind in rules:
        if re.search(pattern, key):
            return kind
    return Unit.Kind.DEPARTMENT


def _best_name(names: list[str]) -> str:
    """The name a new unit gets among the spellings of one unit: written out, then short."""
    def abbreviated(name: str) -> int:
        return sum(1 for word in name.split() if len(word) > 1 and word.isupper() and word != "UBND")

    return min(names, key=lambda n: (abbreviated(n), len(n), n))


# --------------------------------------------------------------------------- pending imports


@dataclass
class PendingImport:
    """Uploaded files waiting for the officer's decision: a folder with the bytes and a manifest."""

    folder: Path
    manifest: dict

    @property
    def token(self) -> str:
        return self.manifest["token"]

    @property
    def documents(self) -> list[dict]:
        return self.manifest["documents"]

    def data(self, index: int) -> bytes:
        return (self.folder / self.documents[index]["stored"]).read_bytes()

    def save(self) -> None:
        (self.folder / "manifest.json").write_text(
            json.dumps(self.manifest, ensure_ascii=False), encoding="utf-8"
        )


def pending_root() -> Path:
    return Path(settings.MEDIA_ROOT) / PENDING_FOLDER


def _cleanup_old_pending() -> None:
    """Remove pending imports nobody confirmed within a day: uploads must not pile up."""
    root = pending_root()
    if not root.is_dir():
        return
    limit = time.time() - PENDING_MAX_AGE
    for folder in root.iterdir():
        try:
            if folder.is_dir() and folder.stat().st_mtime < limit:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def _source_values(data: bytes, name: str, result) -> list[dict]:
    """Each record's raw text per column, as the table's header maps the row's cells.

    The records carry normalized values and the raw cells; the officer also
    needs "what the document printed for this field" (``source_values``).
    When the reader provides it (``source["values"]``) that is used;
    otherwise the document's rows are read again (cheap: no normalizing) and
    aligned with their columns. Records whose row cannot be paired keep an
    empty mapping; their raw cells stay in ``source``.
    """
    records = [*result.delegations, *result.agreements]
    if all(isinstance(r.get("source", {}).get("values"), dict) for r in records):
        return [dict(r["source"]["values"]) for r in records]
    from doingoai.extraction.align import align
    from doingoai.extraction.cleaning import clean
    from doingoai.extraction.layout import interpret
    from doingoai.extraction.pipeline import read_source

    out: dict[tuple[str, int, str], dict] = {}
    try:
        for row in interpret(read_source(data, name)):
            kind = "agreement" if row.table.kind == "agreement" else "delegation"
            values = align(row.cells, row.table.columns).values
            out[(kind, row.table.number, row.location)] = {
                role: clean(text) for role, text in values.items() if role and clean(text)
            }
    except Exception:  # noqa: BLE001 - provenance is a convenience, never a reason to fail
        log.exception("source values of %s could not be read", name)
    return [out.get((r["record"], r["source"].get("table"), r["source"].get("row")), {}) for r in records]


def stage(files: list[tuple[str, bytes]], user, province: Province | None = None) -> PendingImport:
    """Read uploaded files and keep them, with what was read, until the officer decides.

    ``files`` are (file name, bytes); the format is recognised by content. A
    file that cannot be read keeps its Vietnamese message and nothing else,
    so that the others are still previewed. ``province`` is the officer's
    choice when the documents do not name theirs (or name it wrongly).
    """
    _cleanup_old_pending()
    token = uuid.uuid4().hex
    folder = pending_root() / token
    folder.mkdir(parents=True)
    documents: list[dict] = []
    seen: dict[str, str] = {}
    for index, (raw_name, data) in enumerate(files):
        name = Path(str(raw_name).replace("\\", "/")).name or f"tep-{index + 1}"
        sha256 = hashlib.sha256(data).hexdigest()
        entry: dict[str, Any] = {"name": name, "sha256": sha256, "size": len(data), "stored": None,
                                 "error": None, "result": None}
        documents.append(entry)
        if sha256 in seen:
            entry["error"] = (f"Tệp {name} có nội dung trùng với tệp {seen[sha256]} trong cùng lần tải lên: "
                              "chỉ nhập một lần.")
            continue
        seen[sha256] = name
        if len(data) > MAX_FILE_BYTES:
            entry["error"] = f"Tệp {name} quá lớn (tối đa {MAX_FILE_BYTES // (1024 * 1024)} MB)."
            continue
        try:
            result = extract_bytes(data, name)
        except ExtractionError as error:
            entry["error"] = error.message
            continue
        except Exception as error:  # noqa: BLE001 - one bad file must not stop the others
            log.exception("unexpected error reading %s", name)
            entry["error"] = f"Tệp {name}: lỗi không mong đợi khi đọc tệp ({type(error).__name__})."
            continue
        values = _source_values(data, name, result)
        records = [*result.delegations, *result.agreements]
        for record, raw in zip(records, values, strict=True):
            record["source_values"] = raw
        entry["result"] = {"name": result.name, "format": result.format, "document": result.document,
                           "delegations": result.delegations, "agreements": result.agreements}
        entry["stored"] = f"{index:03d}.bin"
        (folder / entry["stored"]).write_bytes(data)
    pending = PendingImport(folder, {
        "token": token, "user_id": user.pk, "created": time.time(),
        "province_id": province.pk if province else None, "documents": documents,
    })
    pending.save()
    return pending


def load_pending(token: str, user) -> PendingImport:
    """The pending import ``token`` of ``user``; PendingNotFound when it is gone or someone else's."""
    gone = PendingNotFound("Lần nhập này không còn (đã lưu, đã hủy hoặc quá hạn). Hãy tải văn bản lên lại.")
    if not re.fullmatch(r"[0-9a-f]{32}", token or ""):
        raise gone
    folder = pending_root() / token
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise gone from None
    if manifest.get("user_id") != user.pk:
        raise gone
    return PendingImport(folder, manifest)


def discard(pending: PendingImport) -> None:
    shutil.rmtree(pending.folder, ignore_errors=True)


# --------------------------------------------------------------------------- values


def _text(value: Any, limit: int | None = None) -> str:
    text = "" if value is None else str(value)
    return text[:limit] if limit else text


def _month(value: Any) -> str | None:
    """A month as "YYYY-MM", from the records' strings or the models' dates."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return f"{value.year:04d}-{value.month:02d}"
    return str(value)[:7]


def _decimal(value: Any) -> float | None:
    if value in (None, ""):
        return None
    try:
        return float(Decimal(str(value)).quantize(Decimal("0.1")))
    except (InvalidOperation, ValueError):
        return None


def _out_of_plan(record: dict) -> bool:
    """"Đoàn ra phát sinh" in a row's notes or section: a delegation outside the plan."""
    text = fold(" ".join(filter(None, (record.get("notes"), record.get("section")))))
    return "phat sinh" in text


def delegation_values(record: dict, document_year: int | None = None) -> dict:
    """A delegation's model values from its record, in the comparison form.

    Months are "YYYY-MM" strings, durations floats; text fields are never
    None. The year falls back to the document's, then to this year (the
    record then carries its "year unknown" review reason).
    """
    year = record.get("year") or document_year or timezone.localdate().year
    return {
        "direction": record.get("direction") or "",
        "level": record.get("level") or "",
        "year": int(year),
        "section": _text(record.get("section"), 255),
        "unit_heading": _text(record.get("unit"), 255),
        "tt": _text(record.get("tt"), 20),
        "name": _text(record.get("name")),
        "leader": _text(record.get("leader")),
        "countries": list(record.get("countries") or []),
        "countries_open": bool(record.get("countries_open")),
        "localities": list(record.get("localities") or []),
        "partners": _text(record.get("partners")),
        "activities": _text(record.get("activities")),
        "people_min": record.get("people_min"),
        "people_max": record.get("people_max"),
        "people_per_delegation": bool(record.get("people_per_delegation")),
        "delegation_count": int(record.get("delegations") or 1),
        "duration_min": _decimal(record.get("duration_min")),
        "duration_max": _decimal(record.get("duration_max")),
        "duration_unit": record.get("duration_unit") or Delegation.DurationUnit.DAY,
        "period_start": _month(record.get("period_start")),
        "period_end": _month(record.get("period_end") or record.get("period_start")),
        "period_tentative": bool(record.get("period_tentative")),
        "funding": _text(record.get("funding")),
        "funding_categories": list(record.get("funding_categories") or []),
        "notes": _text(record.get("notes")),
        "host_unit": _text(record.get("host_unit"), 255),
        "out_of_plan": _out_of_plan(record),
    }


def agreement_values(record: dict, document_year: int | None = None) -> dict:
    """An agreement's model values from its record, in the comparison form."""
    return {
        "year": record.get("year") or document_year,
        "tt": _text(record.get("tt"), 20),
        "proposer": _text(record.get("proposer"), 255),
        "signing_capacity": _text(record.get("signing_capacity"), 255),
        "kind": _text(record.get("kind"), 120),
        "countries": list(record.get("countries") or []),
        "title": _text(record.get("title")),
        "partner_name": _text(record.get("partner")),
        "period_start": _month(record.get("period_start")),
        "period_end": _month(record.get("period_end") or record.get("period_start")),
        "notes": _text(record.get("notes")),
    }


def stored_value(obj, name: str) -> Any:
    """A stored field in the comparison form of ``delegation_values``."""
    value = getattr(obj, name)
    if name in ("period_start", "period_end"):
        return _month(value)
    if name in ("duration_min", "duration_max"):
        return _decimal(value)
    if isinstance(value, list):
        return list(value)
    if value is None and name not in ("people_min", "people_max", "year"):
        return ""
    return value


def to_model(obj, name: str, value: Any) -> None:
    """Set a comparison-form value on a model instance."""
    if name in ("period_start", "period_end"):
        value = month_start(value)
    elif name in ("duration_min", "duration_max"):
        value = None if value is None else Decimal(str(value))
    setattr(obj, name, value)


def display(name: str, value: Any) -> str:
    """A value as the officer reads it, for the list of changes."""
    if value in (None, "", []):
        return "—"
    if name == "countries":
        return ", ".join(country_name_vi(code) for code in value)
    if name == "funding_categories":
        return ", ".join(funding_label(key) for key in value)
    if name in ("period_start", "period_end") and isinstance(value, str) and len(value) >= 7:
        return f"{value[5:7]}/{value[:4]}"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if name == "direction":
        return dict(Delegation.Direction.choices).get(value, value)
    if name == "level":
        return dict(Delegation.Level.choices).get(value, value)
    if name == "duration_unit":
        return dict(Delegation.DurationUnit.choices).get(value, value)
    return str(value)


def field_label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - an unknown name is shown as it is
        return name


def expand_fields(names) -> set[str]:
    """Model field names with the fields that move with them.

    A group name ("period") stands for its fields, and a field for its whole
    group: an officer who corrected the start month protects the end month
    too, so that a re-import never pairs their start with the document's end.
    """
    out: set[str] = set()
    for name in names or ():
        out.update(FIELD_GROUPS.get(name, (name,)))
        for members in FIELD_GROUPS.values():
            if name in members:
                out.update(members)
    return out


# --------------------------------------------------------------------------- preview


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
        return self.record.get("review") or []

    @property
    def review_items(self) -> list[dict]:
        return [{**item, "label": REVIEW_FIELD_LABELS.get(item.get("field"), item.get("field", ""))}
                for item in self.review]

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
    gone: list[GoneRow] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    stored: list = field(default_factory=list)  # every record stored from the document before
    new_units: dict[str, list[str]] = field(default_factory=dict)  # best name → the spellings

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def delegations(self) -> list[RowPreview]:
        return [row for row in self.rows if row.kind == "delegation"]

    @property
    def agreements(self) -> list[RowPreview]:
        return [row for row in self.rows if row.kind == "agreement"]

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

    @property
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

    @property
    def importable(self) -> list[DocumentPreview]:
        return [doc for doc in self.documents if doc.ok]

    @property
    def chooses_owner(self) -> bool:
        return self.unit is None


def _province_for(entry_document: dict, chosen: Province | None, visible: list[Province],
                  user_unit: Unit | None) -> tuple[Province | None, list[str], str | None]:
    """Where a document's records go: (province, notices, error)."""
    notices: list[str] = []
    printed = (entry_document or {}).get("province") or ""
    by_name = {fold(p.name): p for p in Province.objects.active()}
    printed_province = by_name.get(fold(printed)) if printed else None
    if user_unit is not None:
        province = user_unit.province
        if printed_province and printed_province != province:
            return None, notices, (f"Văn bản của tỉnh {printed_province.name}; bạn chỉ nhập được cho đơn vị "
                                   f"{user_unit.name} (tỉnh {province.name}).")
        return province, notices, None
    if chosen is not None:
        province = chosen
        if printed and fold(printed) != fold(chosen.name):
            notices.append(f"Văn bản ghi tỉnh {printed}; theo lựa chọn của bạn, các bản ghi được nhập "
                           f"vào tỉnh {chosen.name}.")
    elif printed_province is not None:
        province = printed_province
    elif len(visible) == 1:
        province = visible[0]
        if printed:
            notices.append(f"Văn bản ghi tỉnh {printed}, chưa có trong hệ thống; các bản ghi được nhập "
                           f"vào tỉnh {province.name}.")
    else:
        return None, notices, ("Không xác định được tỉnh của văn bản: hãy tải lên lại và chọn tỉnh.")
    if province.pk not in {p.pk for p in visible}:
        return None, notices, (f"Văn bản của tỉnh {province.name}: tài khoản của bạn không được nhập "
                               "cho tỉnh này.")
    return province, notices, None


def find_existing_document(province: Province, sha256: str, number: str | None,
                           year: int | None) -> tuple[PlanDocument | None, str]:
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


def _proposal(record: dict, kind: str) -> dict | None:
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
        match = _NAME_UNIT.match((record.get("name") or "").strip())
        if match:
            name = _cut_at_lowercase_and(match.group(1)).strip(" .,;-")
            if 3 <= len(name) <= 80:
                return {"name": name, "source": "tên đoàn"}
    return None


def _cut_at_lowercase_and(text: str) -> str:
    """"Sở Khoa học và Công nghệ" is one name; "Bộ CHQS tỉnh và cán bộ y bác sỹ" ends at "và"."""
    for match in re.finditer(r"\s+và\s+(\w)", text):
        if match.group(1).islower():
            return text[: match.start()]
    return text


def _document_changes(doc: DocumentPreview) -> list[Change]:
    existing, meta = doc.existing, doc.document
    new = _document_values(meta, doc.name)
    changes = []
    for name in DOCUMENT_FIELDS:
        old = getattr(existing, name)
        if isinstance(old, datetime.date):
            old = old.isoformat()
        value = new[name]
        if (old or None) != (value or None):
            changes.append(Change(name, field_label(PlanDocument, name),
                                  _text(old) or "—", _text(value) or "—"))
    return changes


def _document_values(meta: dict, file_name: str) -> dict:
    return {
        "kind": _text(meta.get("kind"), 50),
        "number": _text(meta.get("number"), 80),
        "issued_on": meta.get("date") or None,
        "issuer": _text(meta.get("issuer"), 255),
        "year": meta.get("year"),
        "title": _text(meta.get("title")),
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
        row.changes.append(Change(name, field_label(model, name), display(name, old), display(name, new),
                                  conflict=conflict))
    conflicts = {change.field for change in row.conflicts}
    row.effective = {name: (stored_value(obj, name) if name in conflicts else row.values[name])
                     for name in editable_fields}
    row.status = CHANGED if row.changes else UNCHANGED


def _kind(obj) -> str:
    return "agreement" if isinstance(obj, Agreement) else "delegation"


def _content(kind: str, table, tt: str, title: str) -> tuple:
    return (kind, table, tt or "", fold(title or ""))


def _match_stored(rows: list[RowPreview], stored: list) -> set[int]:
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

    by_place = {(_kind(obj), obj.source_table, obj.source_row): obj for obj in stored}
    by_content: dict[tuple, list] = {}
    by_number: dict[tuple, list] = {}
    for obj in stored:
        by_content.setdefault(_content(_kind(obj), obj.source_table, obj.tt, title_of(obj)), []).append(obj)
        if obj.deleted_at is None:
            by_number.setdefault((_kind(obj), obj.source_table, obj.tt or ""), []).append(obj)
    taken: set[int] = set()

    def pair(row: RowPreview, obj) -> None:
        row.existing = obj
        taken.add(id(obj))

    def content(row: RowPreview) -> tuple:
        return _content(row.kind, row.table, row.values.get("tt", ""), row.title)

    for row in rows:
        obj = by_place.get((row.kind, row.table, row.source_row))
        if obj is not None and _content(_kind(obj), obj.source_table, obj.tt, title_of(obj)) == content(row):
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
            candidates = [o for o in by_number.get((row.kind, row.table, row.values["tt"]), [])
                          if id(o) not in taken]
            if len(candidates) == 1:
                pair(row, candidates[0])
    return taken


def _rows_for(doc: DocumentPreview, result: dict, user, user_unit: Unit | None,
              create_units: bool) -> None:
    """Build the rows of a readable document: match stored records, compare, propose owners."""
    province_name = doc.province.name
    year = doc.document.get("year")
    records = ([("delegation", r) for r in result["delegations"]]
               + [("agreement", r) for r in result["agreements"]])
    for index, (kind, record) in enumerate(records):
        values = delegation_values(record, year) if kind == "delegation" else agreement_values(record, year)
        doc.rows.append(RowPreview(doc_index=doc.index, index=index, kind=kind, record=record, values=values))

    if doc.existing is not None:
        for model in (Delegation, Agreement):
            doc.stored.extend(model.objects.filter(plan_document=doc.existing).select_related("owner"))
    matched = _match_stored(doc.rows, doc.stored)
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
            if not can_edit(user, row.existing):
                row.status = LOCKED
                row.notes.append("Bản ghi thuộc đơn vị khác: bạn không sửa được, giữ nguyên.")

    # Owners: the unit officer's own unit, or the document's proposal matched to the province's units.
    doc.units = list(Unit.objects.active().filter(province=doc.province).order_by("name"))
    spellings: dict[str, list[str]] = {}
    for row in doc.rows:
        row.proposal = _proposal(row.record, row.kind)
        if row.proposal:
            row.proposed_unit = match_unit(row.proposal["name"], doc.units, province_name)
            if row.proposed_unit is None and not row.proposal.get("match_only") and user_unit is None:
                spellings.setdefault(unit_key(row.proposal["name"], province_name), []).append(
                    row.proposal["name"])
    best = {key: _best_name(names) for key, names in spellings.items()}
    doc.new_units = {best[key]: sorted(set(names)) for key, names in spellings.items()}
    for row in doc.rows:
        if user_unit is not None:
            row.owner_choice = str(user_unit.pk)
            if row.proposed_unit is not None and row.proposed_unit != user_unit:
                row.notes.append(f"Văn bản ghi đơn vị {row.proposed_unit.name}; bản ghi sẽ thuộc "
                                 f"đơn vị của bạn ({user_unit.name}).")
        elif row.existing is not None and row.existing.owner_id:
            row.owner_choice = str(row.existing.owner_id)
        elif row.proposed_unit is not None:
            row.owner_choice = str(row.proposed_unit.pk)
        elif row.proposal and not row.proposal.get("match_only"):
            name = best[unit_key(row.proposal["name"], province_name)]
            row.owner_choice = f"{NEW_UNIT}{name}" if create_units else ""

    for obj in doc.stored:
        if id(obj) in matched or obj.deleted_at is not None:
            continue
        editable = can_edit(user, obj)
        untouched = not getattr(obj, "edited_fields", None) and obj.status in ("proposed", "planned")
        doc.gone.append(GoneRow(doc.index, _kind(obj), obj, editable=editable,
                                default_remove=editable and untouched))


def build_preview(pending: PendingImport, user, *, create_units: bool = False) -> ImportPreview:
    """Everything the officer decides on, computed afresh against the database.

    ``create_units``: a unit the document names that the province does not
    have yet is proposed as "create new" (the demo); otherwise the officer
    is asked to choose, and the new unit is only offered.
    """
    role = role_of(user)
    user_unit = user_unit_of(user)
    visible = list(visible_provinces(user))
    chosen = None
    if pending.manifest.get("province_id"):
        chosen = next((p for p in visible if p.pk == pending.manifest["province_id"]), None)
    preview = ImportPreview(user=user, role=role, unit=user_unit, documents=[])
    identities: dict[tuple, str] = {}
    for index, entry in enumerate(pending.documents):
        doc = DocumentPreview(index=index, name=entry["name"], sha256=entry["sha256"], size=entry["size"],
                              error=entry.get("error"))
        preview.documents.append(doc)
        result = entry.get("result")
        if doc.error or not result:
            doc.error = doc.error or f"Tệp {doc.name} không đọc được."
            continue
        doc.format, doc.document = result.get("format", ""), result.get("document") or {}
        doc.province, doc.notices, doc.error = _province_for(doc.document, chosen, visible, user_unit)
        if doc.error:
            continue
        number, year = doc.document.get("number"), doc.document.get("year")
        if number and year:
            identity = (doc.province.pk, fold(number), year)
            if identity in identities:
                doc.error = (f"Tệp {doc.name} cùng số {number} năm {year} với tệp {identities[identity]} "
                             "trong cùng lần tải lên: hãy nhập từng bản một.")
                continue
            identities[identity] = doc.name
        doc.existing, doc.matched_by = find_existing_document(doc.province, doc.sha256, number, year)
        if doc.existing is not None:
            doc.metadata_changes = _document_changes(doc)
        if not result["delegations"] and not result["agreements"]:
            doc.notices.append("Văn bản không có bảng đoàn ra, đoàn vào hay thỏa thuận quốc tế: "
                               "chỉ lưu văn bản.")
        _rows_for(doc, result, user, user_unit, create_units)
    return preview


# --------------------------------------------------------------------------- decisions and saving


@dataclass
class RowDecision:
    """What the officer decided for one row; the defaults are "as proposed"."""

    skip: bool = False
    owner: str | None = None  # None: the proposed choice; "": none (then the document's default)
    edits: dict[str, Any] = field(default_factory=dict)  # model field → corrected value (comparison form)
    overwrite: set[str] = field(default_factory=set)  # conflict fields to take from the document


@dataclass
class Decisions:
    rows: dict[str, RowDecision] = field(default_factory=dict)  # by RowPreview.key
    default_owner: dict[int, str] = field(default_factory=dict)  # by document index: for rows without a unit
    gone: dict[str, bool] = field(default_factory=dict)  # by GoneRow.key: remove it?


@dataclass
class DocumentOutcome:
    name: str
    plan_document_id: int | None = None
    created: bool = False
    error: str | None = None
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("created", "updated", "unchanged", "skipped", "locked", "removed", "kept"), 0))


@dataclass
class ImportOutcome:
    documents: list[DocumentOutcome] = field(default_factory=list)
    units_created: list[str] = field(default_factory=list)

    def total(self, key: str) -> int:
        return sum(doc.counts[key] for doc in self.documents)

    def as_dict(self) -> dict:
        return {
            "documents": [{"name": d.name, "plan_document_id": d.plan_document_id, "created": d.created,
                           "error": d.error, "counts": d.counts} for d in self.documents],
            "units_created": self.units_created,
        }


class _Saver:
    """The writes of one confirmed import, all inside the caller's transaction."""

    def __init__(self, pending: PendingImport, user):
        self.pending = pending
        self.user = user
        self.user_unit = user_unit_of(user)
        self.files: list[str] = []  # stored files, removed again if the transaction fails
        self.created_units: dict[tuple[int, str], Unit] = {}
        self.outcome = ImportOutcome()

    def _save(self, obj, reason: str) -> None:
        obj._history_user = self.user
        obj._change_reason = reason
        obj.save()

    def document(self, doc: DocumentPreview) -> PlanDocument:
        plan = doc.existing or PlanDocument(province=doc.province)
        before = _snapshot(plan) if plan.pk else None
        for name, value in _document_values(doc.document, doc.name).items():
            if name == "issued_on" and value:
                try:
                    value = datetime.date.fromisoformat(value)
                except ValueError:
                    value = None
            setattr(plan, name, value)
        plan.metadata = dict(doc.document)
        if plan.pk is None or plan.file_sha256 != doc.sha256:
            plan.file_name = doc.name[:255]
            plan.file_sha256 = doc.sha256
            plan.file.save(doc.name, ContentFile(self.pending.data(doc.index)), save=False)
            self.files.append(plan.file.name)
        if before is None or _snapshot(plan) != before:
            self._save(plan, f"Nhập từ văn bản {doc.name}")
        return plan

    def unit(self, choice: str, doc: DocumentPreview) -> Unit | None:
        """The unit an owner choice designates, creating it for "new:<name>" (office staff only)."""
        if self.user_unit is not None:
            return self.user_unit
        if not choice:
            return None
        if choice.startswith(NEW_UNIT):
            name = choice[len(NEW_UNIT):].strip()[:255]
            if not name:
                return None
            key = unit_key(name, doc.province.name)
            cached = self.created_units.get((doc.province.pk, key))
            if cached is not None:
                return cached
            existing = match_unit(name, list(Unit.objects.active().filter(province=doc.province)),
                                  doc.province.name)
            if existing is None:
                existing = Unit.objects.filter(province=doc.province, name=name).first()
            if existing is not None:
                self.created_units[(doc.province.pk, key)] = existing
                return existing
            aliases = [n for n in doc.new_units.get(name, []) if n != name]
            unit = Unit(province=doc.province, name=name, kind=guess_unit_kind(name), aliases=aliases)
            self._save(unit, f"Tạo khi nhập văn bản {doc.name}")
            self.created_units[(doc.province.pk, key)] = unit
            self.outcome.units_created.append(f"{unit.name} ({doc.province.name})")
            return unit
        unit = next((u for u in doc.units if str(u.pk) == choice), None)
        if unit is None:
            raise ImportFailed("Đơn vị đã chọn không còn trong danh sách đơn vị của tỉnh. Hãy xem lại.")
        return unit

    def row(self, row: RowPreview, decision: RowDecision, owner_choice: str, plan: PlanDocument,
            doc: DocumentPreview) -> str:
        """Create or update one record; returns "created", "updated" or "unchanged"."""
        model = Delegation if row.kind == "delegation" else Agreement
        fields = DELEGATION_FIELDS if row.kind == "delegation" else AGREEMENT_FIELDS
        reason = f"Nhập từ văn bản {doc.name}"
        obj = row.existing if row.existing is not None else model(province=doc.province, plan_document=plan)
        before = _snapshot(obj) if obj.pk else None
        has = {f.name for f in model._meta.get_fields()}
        edited = list(getattr(obj, "edited_fields", None) or [])
        conflicts = {change.field for change in row.conflicts}
        overwrite = expand_fields(decision.overwrite) & conflicts
        for name in fields:
            if name in conflicts and name not in overwrite:
                continue  # an officer's edit is kept unless they chose the document's value
            to_model(obj, name, row.values[name])
        if overwrite:
            edited = [name for name in edited if not (expand_fields([name]) & overwrite)]
        corrected: set[str] = set()
        for name, value in decision.edits.items():
            if name not in EDITABLE_FIELDS[row.kind]:
                continue
            to_model(obj, name, value)
            corrected.add(name)
            if name == "funding" and "funding_categories" in has:
                obj.funding_categories = list(classify_funding(value or "").categories)
                corrected.add("funding_categories")
        if corrected and "edited_fields" in has:
            edited = list(dict.fromkeys([*edited, *sorted(corrected)]))
        # Reasons about a field an officer corrected (now or since the last import) are dealt with.
        dealt = corrected | expand_fields(edited)
        review = [item for item in row.review
                  if not (set(REVIEW_FIELDS.get(item.get("field"), ())) & dealt)]
        source = dict(row.record.get("source") or {})
        obj.source_table = row.table
        obj.source_row = row.source_row[:60]
        if "source_values" in has:
            obj.source_values = row.record.get("source_values") or {"cells": source.get("cells", [])}
        else:
            source["values"] = row.record.get("source_values") or {}
        if "review" in has:
            obj.review = review
        else:
            source["review"] = review
        obj.source = source
        if "edited_fields" in has:
            obj.edited_fields = edited
        if self.user_unit is not None:
            if obj.pk is None:
                obj.owner = self.user_unit  # unit staff import for their own unit only
        else:
            # A stored owner changes only when the officer picks another one; a row
            # without an owner takes the proposal or the document's default.
            explicit = decision.owner is not None and decision.owner != row.owner_choice
            if obj.pk is None or explicit or obj.owner_id is None:
                owner = self.unit(owner_choice, doc)
                if obj.pk is None or explicit or owner is not None:
                    obj.owner = owner
        after = _snapshot(obj)
        if before is not None and after == before:
            return "unchanged"
        self._save(obj, reason)
        if before is None:
            return "created"
        # Only where the row was read changed (another file, a shifted line): its values did not.
        changed = {name for name, value in after.items() if before.get(name) != value}
        return "updated" if changed - PROVENANCE_FIELDS else "unchanged"

    def vacate_places(self, doc: DocumentPreview, saved: dict[int, str]) -> None:
        """Move stored records off the places (table, row) that other rows take now.

        Rows shift in a corrected document: the record that stood at "dòng 291"
        may now be at "dòng 290", where another record still stands. Every
        stored record whose place is taken by another row, or that moves, first
        gets a place of its own ("dòng 291#17", unique by its id) so that no
        save in between meets the unique constraint; the records that are
        saved next take their final place, the others keep that one (their
        ``source`` still says where they were read).
        ``saved``: record id → the place it is saved at.
        """
        wanted = {(row.kind, row.table, row.source_row) for row in doc.rows
                  if row.editable and (row.existing is None or row.existing.pk in saved)}
        for obj in doc.stored:
            place = (_kind(obj), obj.source_table, obj.source_row)
            final = saved.get(obj.pk)
            if final == obj.source_row or (final is None and place not in wanted):
                continue
            type(obj).objects.filter(pk=obj.pk).update(source_row=f"{obj.source_row}#{obj.pk}"[:60])
            if final is None:
                obj.source_row = f"{obj.source_row}#{obj.pk}"[:60]

    def gone(self, gone: GoneRow, doc: DocumentPreview) -> None:
        obj = gone.obj
        if "#" not in obj.source_row:
            obj.source_row = f"{obj.source_row}#{obj.pk}"[:60]  # frees the place for a row that may come back
        obj.deleted_at = timezone.now()
        self._save(obj, f"Không còn trong văn bản {doc.name} khi nhập lại")


def _snapshot(obj) -> dict:
    """The stored values of a model instance, to tell whether saving would change anything."""
    skip = {"updated_at", "created_at", "search_text", "countries_key", "funding_key"}
    out = {}
    for f in obj._meta.concrete_fields:
        if f.name in skip:
            continue
        value = getattr(obj, f.attname)
        if f.name in ("period_start", "period_end"):
            value = _month(value)
        elif f.name in ("duration_min", "duration_max"):
            value = _decimal(value)
        elif f.name == "file":
            value = str(value or "")
        out[f.name] = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return out


def apply(pending: PendingImport, user, decisions: Decisions | None = None, *,
          create_units: bool = False) -> ImportOutcome:
    """Save the readable documents of ``pending`` with the officer's decisions, in ONE transaction.

    The preview is computed again inside the transaction, against the
    database as it is now, so an edit made by someone else since the
    preview is still protected; the user's provinces are locked first
    (PostgreSQL), so that two officers confirming the same document at once
    do not both create it. On any failure nothing is stored (the transaction
    is rolled back and the files written are removed) and ImportFailed
    carries the officer's message.
    """
    if not can_import(user):
        raise ImportFailed("Bạn không có quyền nhập văn bản.")
    decisions = decisions or Decisions()
    saver = _Saver(pending, user)
    try:
        with transaction.atomic():
            province_ids = list(visible_provinces(user).values_list("pk", flat=True))
            list(Province.objects.select_for_update().filter(pk__in=province_ids).values_list("pk"))
            preview = build_preview(pending, user, create_units=create_units)
            if not preview.importable:
                raise ImportFailed("Không có văn bản nào đọc được để lưu.")
            for doc in preview.documents:
                outcome = DocumentOutcome(name=doc.name, error=doc.error)
                saver.outcome.documents.append(outcome)
                if not doc.ok:
                    continue
                plan = saver.document(doc)
                outcome.plan_document_id, outcome.created = plan.pk, doc.existing is None
                default_owner = decisions.default_owner.get(doc.index, "")
                saved = {row.existing.pk: row.source_row[:60] for row in doc.rows
                         if row.editable and row.existing is not None
                         and not (decisions.rows.get(row.key) or RowDecision()).skip}
                saver.vacate_places(doc, saved)
                for row in doc.rows:
                    if not row.editable:
                        outcome.counts["locked" if row.status == LOCKED else "skipped"] += 1
                        continue
                    decision = decisions.rows.get(row.key) or RowDecision()
                    if decision.skip:
                        outcome.counts["skipped"] += 1
                        continue
                    choice = row.owner_choice if decision.owner is None else decision.owner
                    outcome.counts[saver.row(row, decision, choice or default_owner, plan, doc)] += 1
                for gone in doc.gone:
                    remove = decisions.gone.get(gone.key, gone.default_remove)
                    if remove and gone.editable:
                        saver.gone(gone, doc)
                        outcome.counts["removed"] += 1
                    else:
                        outcome.counts["kept"] += 1
    except ImportFailed:
        _remove_files(saver.files)
        raise
    except DatabaseError as error:
        _remove_files(saver.files)
        log.exception("import %s failed", pending.token)
        raise ImportFailed(
            "Không lưu được: cơ sở dữ liệu từ chối một bản ghi (có thể trùng với bản ghi đã có). "
            f"Chưa có gì được lưu. Chi tiết: {type(error).__name__}."
        ) from error
    except Exception:
        _remove_files(saver.files)
        raise
    return saver.outcome


def _remove_files(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            log.warning("could not remove %s after a failed import", name)


def import_files(files: list[tuple[str, bytes]], user, *, province: Province | None = None,
                 create_units: bool = True) -> tuple[ImportPreview, ImportOutcome]:
    """Stage, preview and save ``files`` as proposed, without asking (the demo's way).

    Units the documents name and the province lacks are created when
    ``create_units``; rows the documents give no unit for stay without one.
    """
    pending = stage(files, user, province=province)
    try:
        preview = build_preview(pending, user, create_units=create_units)
        if not preview.importable:
            return preview, ImportOutcome(documents=[DocumentOutcome(name=d.name, error=d.error)
                                                     for d in preview.documents])
        outcome = apply(pending, user, Decisions(), create_units=create_units)
        return preview, outcome
    finally:
        discard(pending)
