"""Stage 4 of an import, applying: the officer's decisions saved in one transaction, through the services.

``apply(pending, user, decisions)`` computes the preview again inside the
transaction (so an edit made by someone else since the preview is still
protected) and saves every readable document with its records, each through
its domain's service (``plans.services``, ``delegations.services``,
``agreements.services``, ``organization.services``): the same permission
rules as everywhere else, and every write in the history with the user and
the reason "Nhập từ văn bản …". On any failure nothing is stored (the
transaction is rolled back and the files written are removed) and
``ImportFailed`` carries the officer's message.
"""

from __future__ import annotations

import datetime
import json
import logging
from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError
from django.utils import timezone

from doingoai.accounts.scoping import visible_provinces
from doingoai.agreements.models import Agreement
from doingoai.agreements.services import agreement_save_from_document, agreements_save_from_document
from doingoai.core.collection import without_collections
from doingoai.core.errors import ServiceError
from doingoai.core.provenance import answered, expand_fields
from doingoai.core.services import derived_soon, service
from doingoai.delegations.models import Delegation
from doingoai.delegations.services import delegation_save_from_document, delegations_save_from_document
from doingoai.organization.models import Province, Unit
from doingoai.organization.services import unit_create
from doingoai.partners.services import partners_link_document
from doingoai.plans.importer.common import (
    AGREEMENT_FIELDS,
    DELEGATION_FIELDS,
    EDITABLE_FIELDS,
    LOCKED,
    NEW_UNIT,
    PROVENANCE_FIELDS,
    ImportFailed,
    can_import,
    user_unit_of,
)
from doingoai.plans.importer.matching import record_kind
from doingoai.plans.importer.preview import (
    DocumentPreview,
    GoneRow,
    ImportPreview,
    RowPreview,
    build_preview,
    document_values,
    stored_stamp,
)
from doingoai.plans.importer.reading import PendingImport, discard, stage
from doingoai.plans.importer.units import guess_unit_kind, match_unit, unit_key
from doingoai.plans.importer.values import as_decimal, as_month, model_value
from doingoai.plans.models import PlanDocument
from doingoai.plans.services import plan_document_save_from_import
from doingoai.tasks.services import tasks_save_from_document

log = logging.getLogger(__name__)


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
    initial_status: dict[int, str] = field(default_factory=dict)  # by document index: new delegations' state


@dataclass
class DocumentOutcome:
    name: str
    plan_document_id: int | None = None
    label: str = ""  # the document as officers name it: "Kế hoạch 65/KH-UBND"
    created: bool = False
    error: str | None = None
    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(
            ("created", "updated", "unchanged", "skipped", "locked", "removed", "kept", "tasks"), 0
        )
    )


@dataclass
class ImportOutcome:
    documents: list[DocumentOutcome] = field(default_factory=list)
    units_created: list[str] = field(default_factory=list)

    def total(self, key: str) -> int:
        return sum(doc.counts[key] for doc in self.documents)

    def as_dict(self) -> dict:
        return {
            "documents": [
                {
                    "name": d.name,
                    "plan_document_id": d.plan_document_id,
                    "label": d.label,
                    "created": d.created,
                    "error": d.error,
                    "counts": d.counts,
                }
                for d in self.documents
            ],
            "units_created": self.units_created,
        }


class _Saver:
    """The writes of one confirmed import, each through its service, inside ``apply``'s transaction."""

    def __init__(self, pending: PendingImport, user):
        self.pending = pending
        self.user = user
        self.user_unit = user_unit_of(user)
        self.created_units: dict[tuple[int, str], Unit] = {}
        self.outcome = ImportOutcome()

    def document(self, doc: DocumentPreview) -> PlanDocument:
        values = document_values(doc.document, doc.name)
        if values["issued_on"]:
            try:
                values["issued_on"] = datetime.date.fromisoformat(values["issued_on"])
            except ValueError:
                values["issued_on"] = None
        values["metadata"] = dict(doc.document)
        if doc.existing is None:  # a unit's officer brings in their unit's document; the office, the office's
            values.update(province=doc.province, owner=self.user_unit)
        plan, _ = plan_document_save_from_import(
            doc.existing,
            user=self.user,
            values=values,
            file_name=doc.name,
            data=self.pending.data(doc.index),
            sha256=doc.sha256,
            reason=f"Nhập từ văn bản {doc.name}",
        )
        return plan

    def unit(self, choice: str, doc: DocumentPreview) -> Unit | None:
        """The unit an owner choice designates, creating it for "new:<name>" (office staff only)."""
        if self.user_unit is not None:
            return self.user_unit
        if not choice:
            return None
        if choice.startswith(NEW_UNIT):
            name = choice[len(NEW_UNIT) :].strip()[:255]
            if not name:
                return None
            key = unit_key(name, doc.province.name)
            cached = self.created_units.get((doc.province.pk, key))
            if cached is not None:
                return cached
            existing = match_unit(
                name, list(Unit.objects.active().filter(province=doc.province)), doc.province.name
            )
            if existing is None:
                existing = Unit.objects.filter(province=doc.province, name=name).first()
            if existing is not None:
                self.created_units[(doc.province.pk, key)] = existing
                return existing
            aliases = [n for n in doc.new_units.get(name, []) if n != name]
            unit = unit_create(
                user=self.user,
                values={
                    "province": doc.province,
                    "name": name,
                    "kind": guess_unit_kind(name),
                    "aliases": aliases,
                },
                reason=f"Tạo khi nhập văn bản {doc.name}",
            )
            self.created_units[(doc.province.pk, key)] = unit
            self.outcome.units_created.append(f"{unit.name} ({doc.province.name})")
            return unit
        unit = next((u for u in doc.units if str(u.pk) == choice), None)
        if unit is None:
            raise ImportFailed("Đơn vị đã chọn không còn trong danh sách đơn vị của tỉnh. Hãy xem lại.")
        return unit

    def row_values(self, row: RowPreview, decision: RowDecision, owner_choice: str, plan, doc) -> dict:
        """What saving one row writes: the document's values, the officer's corrections, the provenance."""
        is_delegation = row.kind == "delegation"
        fields = DELEGATION_FIELDS if is_delegation else AGREEMENT_FIELDS
        obj = row.existing
        edited = list(getattr(obj, "edited_fields", None) or [])
        conflicts = {change.field for change in row.conflicts}
        overwrite = expand_fields(decision.overwrite) & conflicts
        values: dict[str, Any] = {}
        for name in fields:
            if name in conflicts and name not in overwrite:
                continue  # an officer's edit is kept unless they chose the document's value
            values[name] = model_value(name, row.values[name])
        if overwrite:
            edited = [name for name in edited if not (expand_fields([name]) & overwrite)]
        corrected: set[str] = set()
        for name, value in decision.edits.items():
            if name not in EDITABLE_FIELDS[row.kind]:
                continue
            values[name] = model_value(name, value)
            corrected.add(name)
            if name == "funding" and is_delegation:
                values.pop("funding_categories", None)  # the service classifies the corrected text
                corrected.add("funding_categories")
        if corrected:
            edited = list(dict.fromkeys([*edited, *sorted(corrected)]))
        model = Delegation if is_delegation else Agreement
        # Reasons about a field an officer corrected (now or since the last import) are dealt with.
        review = answered(row.review, model.review_fields, corrected | expand_fields(edited))
        source = dict(row.record.get("source") or {})
        if row.reader_notes:
            source["notes"] = row.reader_notes  # kept with where the row was read, never flagged
        values.update(
            source_table=row.table,
            source_row=row.source_row[:60],
            source=source,
            review=review,
            source_values=row.record.get("source_values") or {"cells": source.get("cells", [])},
            edited_fields=edited,
        )
        if obj is None:
            values.update(province=doc.province, plan_document=plan)
        if self.user_unit is not None:
            if obj is None:
                values["owner"] = self.user_unit  # unit staff import for their own unit only
        else:
            # A stored owner changes only when the officer picks another one; a row
            # without an owner takes the proposal or the document's default.
            explicit = decision.owner is not None and decision.owner != row.owner_choice
            if obj is None or explicit or obj.owner_id is None:
                owner = self.unit(owner_choice, doc)
                if obj is None or explicit or owner is not None:
                    values["owner"] = owner
        return values

    def rows(
        self,
        rows: list[tuple[RowPreview, dict]],
        plan: PlanDocument,
        doc: DocumentPreview,
        initial_status: str,
    ) -> list[str]:
        """A document's rows of one kind saved at once; per row "created", "updated" or "unchanged"."""
        if not rows:
            return []
        before = [_snapshot(row.existing) if row.existing is not None else None for row, _ in rows]
        items = [(row.existing, values) for row, values in rows]
        reason = f"Nhập từ văn bản {doc.name}"
        if rows[0][0].kind == "delegation":
            saved = delegations_save_from_document(
                items, user=self.user, reason=reason, initial_status=initial_status, document=plan
            )
        else:
            saved = agreements_save_from_document(items, user=self.user, reason=reason)
        outcomes = []
        for old, (obj, wrote) in zip(before, saved, strict=True):
            if old is None:
                outcomes.append("created")
            elif not wrote:
                outcomes.append("unchanged")
            else:
                # Only where the row was read changed (another file, a shifted line): its values did not.
                changed = {name for name, value in _snapshot(obj).items() if old.get(name) != value}
                outcomes.append("updated" if changed - PROVENANCE_FIELDS - {"version"} else "unchanged")
        return outcomes

    def vacate_places(self, doc: DocumentPreview, saved: dict[int, str]) -> None:
        """Move stored records off the places (table, row) that other rows take now.

        Rows shift in a corrected document: the record that stood at "dòng 291"
        may now be at "dòng 290", where another record still stands. Every
        stored record whose place is taken by another row, or that moves, first
        gets a place of its own ("dòng 291#17", unique by its id) so that no
        save in between meets the unique constraint; the records that are
        saved next take their final place, the others keep that one (their
        ``source`` still says where they were read). A provenance detail, not
        a change of the record: written directly, within this service.
        ``saved``: (kind, record id) → the place it is saved at (a delegation and an
        agreement may share an id).
        """
        wanted = {
            (row.kind, row.table, row.source_row)
            for row in doc.rows
            if row.editable and (row.existing is None or (row.kind, row.existing.pk) in saved)
        }
        for obj in doc.stored:
            place = (record_kind(obj), obj.source_table, obj.source_row)
            final = saved.get((record_kind(obj), obj.pk))
            if final == obj.source_row or (final is None and place not in wanted):
                continue
            type(obj).objects.filter(pk=obj.pk).update(source_row=f"{obj.source_row}#{obj.pk}"[:60])
            if final is None:
                obj.source_row = f"{obj.source_row}#{obj.pk}"[:60]

    def gone(self, gone: GoneRow, doc: DocumentPreview) -> None:
        """Hide a record whose row left the document; its place is freed for a row that may come back."""
        obj = gone.obj
        values = {"deleted_at": timezone.now()}
        if "#" not in obj.source_row:
            values["source_row"] = f"{obj.source_row}#{obj.pk}"[:60]
        reason = f"Không còn trong văn bản {doc.name} khi nhập lại"
        if isinstance(obj, Delegation):
            delegation_save_from_document(obj, user=self.user, values=values, reason=reason)
        else:
            agreement_save_from_document(obj, user=self.user, values=values, reason=reason)


def _snapshot(obj) -> dict:
    """The stored values of a model instance, to tell whether saving changed anything."""
    skip = {"updated_at", "created_at", "search_text", "countries_key", "funding_key", "version"}
    out = {}
    for f in obj._meta.concrete_fields:
        if f.name in skip:
            continue
        value = getattr(obj, f.attname)
        if f.name in ("period_start", "period_end"):
            value = as_month(value)
        elif f.name in ("duration_min", "duration_max"):
            value = as_decimal(value)
        elif f.name == "file":
            value = str(value or "")
        out[f.name] = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return out


@without_collections
def apply(
    pending: PendingImport,
    user,
    decisions: Decisions | None = None,
    *,
    create_units: bool = False,
    preview: ImportPreview | None = None,
) -> ImportOutcome:
    """Save the readable documents of ``pending`` with the officer's decisions, in ONE transaction.

    The user's provinces are locked first (PostgreSQL), so that two officers
    confirming the same document at once do not both create it. ``preview``:
    the one the decisions were read against (``build_preview(stamped=True)``);
    it is used when nothing was written in these provinces since it was
    computed, else the preview is computed again under the lock.
    """
    if not can_import(user):
        raise ImportFailed("Bạn không có quyền nhập văn bản.")
    try:
        return _apply(pending, user, decisions or Decisions(), create_units=create_units, given=preview)
    except ImportFailed:
        raise
    except ServiceError as error:
        raise ImportFailed(f"Không lưu được: {error.message} Chưa có gì được lưu.") from error
    except DatabaseError as error:
        log.exception("import %s failed", pending.token)
        raise ImportFailed(
            "Không lưu được: cơ sở dữ liệu từ chối một bản ghi (có thể trùng với bản ghi đã có). "
            f"Chưa có gì được lưu. Chi tiết: {type(error).__name__}."
        ) from error


@service
def _apply(
    pending: PendingImport,
    user,
    decisions: Decisions,
    *,
    create_units: bool,
    given: ImportPreview | None = None,
) -> ImportOutcome:
    saver = _Saver(pending, user)
    province_ids = list(visible_provinces(user).values_list("pk", flat=True))
    list(Province.objects.select_for_update(no_key=True).filter(pk__in=province_ids).values_list("pk"))
    fresh = (
        given is not None
        and given.stamp is not None
        and given.create_units == create_units
        and given.stamp == stored_stamp(sorted(province_ids))
    )
    preview = given if fresh else build_preview(pending, user, create_units=create_units)
    if not preview.importable:
        raise ImportFailed("Không có văn bản nào đọc được để lưu.")
    for doc in preview.documents:
        outcome = DocumentOutcome(name=doc.name, error=doc.error)
        saver.outcome.documents.append(outcome)
        if not doc.ok:
            continue
        plan = saver.document(doc)
        outcome.plan_document_id, outcome.created = plan.pk, doc.existing is None
        outcome.label = str(plan)
        default_owner = decisions.default_owner.get(doc.index, "")
        initial_status = decisions.initial_status.get(doc.index) or doc.initial_status
        if initial_status not in {value for value, _ in doc.initial_choices}:
            raise ImportFailed("Trạng thái ban đầu đã chọn không hợp lệ.")
        saved = {
            (row.kind, row.existing.pk): row.source_row[:60]
            for row in doc.rows
            if row.editable
            and row.existing is not None
            and not (decisions.rows.get(row.key) or RowDecision()).skip
        }
        saver.vacate_places(doc, saved)
        to_save: dict[str, list[tuple[RowPreview, dict]]] = {"delegation": [], "agreement": []}
        for row in doc.rows:
            if not row.editable:
                outcome.counts["locked" if row.status == LOCKED else "skipped"] += 1
                continue
            decision = decisions.rows.get(row.key) or RowDecision()
            if decision.skip:
                outcome.counts["skipped"] += 1
                continue
            choice = row.owner_choice if decision.owner is None else decision.owner
            values = saver.row_values(row, decision, choice or default_owner, plan, doc)
            to_save[row.kind].append((row, values))
        for rows in to_save.values():
            for result in saver.rows(rows, plan, doc, initial_status):
                outcome.counts[result] += 1
        for gone in doc.gone:
            remove = decisions.gone.get(gone.key, gone.default_remove)
            if remove and gone.editable:
                saver.gone(gone, doc)
                outcome.counts["removed"] += 1
            else:
                outcome.counts["kept"] += 1
        tasks = (pending.documents[doc.index].get("result") or {}).get("tasks") or []
        outcome.counts["tasks"] += sum(tasks_save_from_document(plan, tasks, user=user).values())
        # the localities and organisations it names (after the commit, when the page asks for it)
        derived_soon(("partners", plan.pk), lambda plan=plan: partners_link_document(plan, user=user))
    return saver.outcome


def import_files(
    files: list[tuple[str, bytes]], user, *, province: Province | None = None, create_units: bool = True
) -> tuple[Any, ImportOutcome]:
    """Stage, preview and save ``files`` as proposed, without asking (the demo's and commands' way).

    Units the documents name and the province lacks are created when
    ``create_units``; rows the documents give no unit for stay without one.
    """
    pending = stage(files, user, province=province)
    try:
        preview = build_preview(pending, user, create_units=create_units)
        if not preview.importable:
            return preview, ImportOutcome(
                documents=[DocumentOutcome(name=d.name, error=d.error) for d in preview.documents]
            )
        outcome = apply(pending, user, Decisions(), create_units=create_units)
        return preview, outcome
    finally:
        discard(pending)
