"""What every stage of the import shares: its limits, the row statuses, the fields, who may import."""

from __future__ import annotations

from doingoai.accounts.scoping import is_office, user_unit
from doingoai.labels import REVIEW_FIELD_LABELS  # noqa: F401 - the preview's labels, kept where it finds them

#: where pending imports wait for the officer's decision (under MEDIA_ROOT)
PENDING_FOLDER = "pending-imports"
#: pending imports older than this are removed when a new one starts
PENDING_MAX_AGE = 24 * 3600
MAX_FILE_BYTES = 50 * 1024 * 1024
#: what one import in the browser takes: files, their total size, the records read from them
MAX_FILES = 20
MAX_UPLOAD_BYTES = 100 * 1024 * 1024
MAX_IMPORT_ROWS = 5000
#: rows of the preview shown (and decided on) per page
PREVIEW_PAGE_ROWS = 50

NEW, CHANGED, UNCHANGED, LOCKED, DELETED, REFUSED = (
    "new",
    "changed",
    "unchanged",
    "locked",
    "deleted",
    "refused",
)
STATUS_LABELS = {
    NEW: "Mới",
    CHANGED: "Có thay đổi",
    UNCHANGED: "Không đổi",
    LOCKED: "Không có quyền sửa",
    DELETED: "Đã bị xóa trước đây",
    REFUSED: "Đơn vị không nhập",
}
NEW_UNIT = "new:"

#: model fields a delegation takes from its document, compared on re-import
DELEGATION_FIELDS = (
    "direction",
    "level",
    "year",
    "section",
    "unit_heading",
    "tt",
    "name",
    "leader",
    "countries",
    "countries_open",
    "localities",
    "partners",
    "activities",
    "people_min",
    "people_max",
    "people_per_delegation",
    "delegation_count",
    "duration_min",
    "duration_max",
    "duration_unit",
    "period_start",
    "period_end",
    "period_tentative",
    "funding",
    "funding_categories",
    "notes",
    "host_unit",
    "out_of_plan",
)
AGREEMENT_FIELDS = (
    "year",
    "tt",
    "proposer",
    "signing_capacity",
    "kind",
    "countries",
    "title",
    "partner_name",
    "period_start",
    "period_end",
    "notes",
)
#: the fields an officer may correct in the preview, per kind of record: every value the document gives
EDITABLE_FIELDS = {
    "delegation": (
        "name",
        "leader",
        "direction",
        "level",
        "year",
        "countries",
        "partners",
        "activities",
        "period_start",
        "period_end",
        "people_min",
        "people_max",
        "duration_min",
        "duration_max",
        "funding",
        "host_unit",
        "notes",
    ),
    "agreement": (
        "title",
        "kind",
        "year",
        "proposer",
        "signing_capacity",
        "partner_name",
        "countries",
        "period_start",
        "period_end",
        "notes",
    ),
}
#: where a record was read: updated silently, never shown as a change of the record itself
PROVENANCE_FIELDS = {"source", "source_table", "source_row", "source_values", "review"}
DOCUMENT_FIELDS = ("kind", "number", "issued_on", "issuer", "year", "title")

#: the state new delegations of a document start in, by who issued it, and what else the importer may choose
INITIAL_STATUS_CHOICES = {
    "office": [
        ("submitted", "Đã gửi Sở Ngoại vụ (đề xuất của đơn vị)"),
        ("in_plan", "Đã đưa vào kế hoạch (dự thảo kế hoạch của tỉnh)"),
        ("approved", "Đã phê duyệt (kế hoạch, công văn đã ban hành)"),
    ],
    "unit": [("submitted", "Gửi ngay Sở Ngoại vụ"), ("draft", "Lưu dự thảo, gửi sau")],
}


class ImportFailed(Exception):
    """Saving failed and nothing was stored; ``message`` is for the officer, in Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class PendingNotFound(ImportFailed):
    """The pending import is gone (saved, cancelled, expired) or belongs to someone else."""


def can_import(user) -> bool:
    """Office staff and administrators import for their provinces, unit staff for their (active) unit.

    Leaders read and approve; they never import.
    """
    return is_office(user) or user_unit(user) is not None


def user_unit_of(user):
    """The unit a unit officer imports for (None for office staff, who choose)."""
    return None if is_office(user) else user_unit(user)
