"""Pages of plan documents: the list, one document with what was read of it, its file.

Documents are created by the importer (``plans/views_import.py``), so there is
no form here. The detail page shows what an officer needs to trust the
import: the document's metadata, the conflicts the document prints about
itself (two different numbers or dates), and the records that came from it.
The file is served through a view, never from the media folder, so that a
file is downloaded only by users who may see its province.
"""

from __future__ import annotations

import contextlib

from django.http import FileResponse, Http404
from django.urls import NoReverseMatch, reverse

from doingoai.core.views import ObjectDetailView, ObjectListView, ObjectViewMixin
from doingoai.plans.filtersets import PlanDocumentFilterSet
from doingoai.plans.models import PlanDocument
from doingoai.plans.tables import PlanDocumentTable

#: rows of each kind listed on the detail page; the lists link to the rest
RELATED_LIMIT = 300
CONFLICT_FIELDS = {"number": "Số, ký hiệu", "date": "Ngày ban hành"}


def detail_url(obj) -> str | None:
    """The detail page of a related record, whichever name its domain gave it."""
    meta = obj._meta
    for name in (f"{meta.app_label}:{meta.model_name}_detail", f"{meta.app_label}:{meta.model_name}"):
        try:
            return reverse(name, args=[obj.pk])
        except NoReverseMatch:
            continue
    return None


def conflict_rows(document: PlanDocument) -> list[dict]:
    """The document's conflicts as readable rows: which field, each value and where it is printed."""
    rows = []
    for conflict in document.conflicts:
        if not isinstance(conflict, dict):
            rows.append({"label": "", "values": [{"value": str(conflict), "where": ""}]})
            continue
        values = []
        for item in conflict.get("values", []):
            if isinstance(item, dict):
                where = item.get("where", "")
                values.append(
                    {
                        "value": item.get("value", ""),
                        "where": ", ".join(where) if isinstance(where, list) else str(where),
                    }
                )
            else:
                values.append({"value": str(item), "where": ""})
        field = conflict.get("field", "")
        rows.append({"label": CONFLICT_FIELDS.get(field, field), "values": values})
    return rows


class PlanDocumentListView(ObjectListView):
    queryset = PlanDocument.objects.select_related("province")
    filterset_class = PlanDocumentFilterSet
    table_class = PlanDocumentTable
    nav_active = "plans"
    title = "Văn bản kế hoạch"


class PlanDocumentDetailView(ObjectDetailView):
    queryset = PlanDocument.objects.select_related("province")
    detail_fields = ("province", "kind", "number", "issued_on", "issuer", "year", "title", "file_name")
    template_name = "plans/plandocument_detail.html"
    nav_active = "plans"

    def get_extra_context(self):
        document = self.object
        related = {}
        for name in ("delegations", "agreements", "tasks"):
            rows = getattr(document, name).filter(deleted_at__isnull=True)
            related[name] = {
                "count": rows.count(),
                "rows": [(row, detail_url(row)) for row in rows[:RELATED_LIMIT]],
                "all_url": None,
            }
        # the delegation list filters by document: the full, sortable list of them
        with contextlib.suppress(NoReverseMatch):
            related["delegations"]["all_url"] = (
                f"{reverse('delegations:delegation_list')}?plan_document={document.pk}"
            )
        return {
            "conflicts": conflict_rows(document),
            "review": document.metadata.get("review", []),
            "file_url": reverse("plans:plandocument_file", args=[document.pk]) if document.file else None,
            "related": related,
            "related_limit": RELATED_LIMIT,
            # documents are changed by importing them again, not here
            "can_edit": False,
            "edit_url": None,
            "delete_url": None,
        }


class PlanDocumentFileView(ObjectViewMixin):
    """The stored file, as an attachment named as it was uploaded."""

    queryset = PlanDocument.objects.all()

    def get(self, request, *args, **kwargs):
        document = self.get_object()
        if not document.file:
            raise Http404("Văn bản này không có tệp lưu trữ.")
        try:
            handle = document.file.open("rb")
        except (FileNotFoundError, OSError) as exc:
            raise Http404("Không tìm thấy tệp.") from exc
        return FileResponse(handle, as_attachment=True, filename=document.file_name or None)
