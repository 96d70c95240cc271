"""Importing plan documents: read them, compare with what is stored, save in one transaction.

Plain functions and data classes, no HTTP: the browser pages
(``plans/views_import.py``) and the demo command go through the same stages,
so what an officer sees in the preview is exactly what gets saved. One
module per stage:

1. ``reading``: ``stage(files, user, province=None)`` reads every file and
   keeps it, with what was read, until the officer decides;
2. ``matching``: where each document goes, whose it is (a unit's officer
   brings in only their own unit's proposal, never a document of the
   province or one the office imported), what of it is stored already;
3. ``preview``: ``build_preview(pending, user)``: every record, what saving
   it would do, the officer's choices offered;
4. ``saving``: ``apply(pending, user, decisions)`` saves through the
   domains' services in ONE transaction; ``import_files`` runs it all with
   the proposals as they are (the demo's way).

``values`` turns records into model values, ``units`` recognises units by
their names; ``common`` holds the limits and statuses the stages share.
"""

from doingoai.plans.importer.common import (
    EDITABLE_FIELDS,
    MAX_FILE_BYTES,
    MAX_FILES,
    MAX_IMPORT_ROWS,
    MAX_UPLOAD_BYTES,
    NEW_UNIT,
    PENDING_FOLDER,
    PREVIEW_PAGE_ROWS,
    STATUS_LABELS,
    ImportFailed,
    PendingNotFound,
    can_import,
    user_unit_of,
)
from doingoai.plans.importer.preview import (
    ROW_FILTERS,
    DocumentPreview,
    ImportPreview,
    PreviewPage,
    RowPreview,
    build_preview,
    preview_page,
    stored_stamp,
)
from doingoai.plans.importer.reading import PendingImport, discard, load_pending, stage
from doingoai.plans.importer.saving import (
    Decisions,
    ImportOutcome,
    RowDecision,
    apply,
    import_files,
)
from doingoai.plans.importer.units import guess_unit_kind, match_unit, unit_key

__all__ = [
    "EDITABLE_FIELDS",
    "MAX_FILES",
    "MAX_FILE_BYTES",
    "MAX_IMPORT_ROWS",
    "MAX_UPLOAD_BYTES",
    "NEW_UNIT",
    "PENDING_FOLDER",
    "PREVIEW_PAGE_ROWS",
    "STATUS_LABELS",
    "Decisions",
    "DocumentPreview",
    "ImportFailed",
    "ImportOutcome",
    "ImportPreview",
    "PendingImport",
    "PendingNotFound",
    "PreviewPage",
    "ROW_FILTERS",
    "RowDecision",
    "RowPreview",
    "apply",
    "build_preview",
    "stored_stamp",
    "can_import",
    "discard",
    "guess_unit_kind",
    "import_files",
    "load_pending",
    "match_unit",
    "preview_page",
    "stage",
    "unit_key",
    "user_unit_of",
]
