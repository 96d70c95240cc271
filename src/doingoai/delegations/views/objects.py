"""The delegation's own pages: the list the office works from, the detail with its sources and life.

They are the generic views of ``doingoai.core.views`` with the delegation's
queryset, filters, table, form and services; what is particular to
delegations is the detail page: every normalized value beside the document
text it was read from, and the delegation's life (its steps, the actions this
user may take, members and passports, the report, the files).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from doingoai.accounts.permissions import role_of
from doingoai.accounts.scoping import office_for as can_acknowledge_for
from doingoai.accounts.scoping import staff_of, visible_province_ids
from doingoai.core.attachments import attachments_of
from doingoai.core.errors import NotAllowed
from doingoai.core.history import field_label, user_label
from doingoai.core.views import (
    EMPTY,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    reverse_or_none,
)
from doingoai.core.views import format_value as generic_format_value
from doingoai.delegations import selectors, services, workflow
from doingoai.delegations.filtersets import DelegationFilterSet, country_choices
from doingoai.delegations.forms import DelegationForm
from doingoai.delegations.models import Delegation, DelegationReport, range_label
from doingoai.delegations.tables import DelegationTable
from doingoai.extraction.normalize.funding import funding_label
from doingoai.extraction.normalize.places import country_name_vi
from doingoai.rules.selectors import warnings_of

#: (row key, label, model fields it shows, keys of ``source_values`` holding the printed text)
DETAIL_ROWS: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("direction", "Loại đoàn", ("direction",), ("direction",)),
    ("level", "Cấp", ("level",), ("level",)),
    ("year", "Năm kế hoạch", ("year",), ("year",)),
    ("owner", "Đơn vị đề xuất", ("owner",), ("proposing_unit", "unit", "owner")),
    ("section", "Mục", ("section",), ("section",)),
    ("unit_heading", "Nhóm đơn vị", ("unit_heading",), ("unit_heading", "unit")),
    ("tt", "TT", ("tt",), ("tt",)),
    ("name", "Tên đoàn", ("name",), ("name",)),
    ("leader", "Trưởng đoàn", ("leader",), ("leader",)),
    ("countries", "Nước", ("countries", "countries_open"), ("countries",)),
    ("localities", "Địa phương nước ngoài", ("localities",), ()),
    ("partners", "Đối tác làm việc", ("partners",), ("partners",)),
    ("activities", "Nội dung hoạt động", ("activities",), ("activities",)),
    ("people", "Số người", ("people_min", "people_max", "people_per_delegation"), ("people", "people_min")),
    ("delegation_count", "Số đoàn", ("delegation_count",), ("delegations", "delegation_count")),
    (
        "duration",
        "Thời gian",
        ("duration_min", "duration_max", "duration_unit"),
        ("duration", "duration_min"),
    ),
    (
        "period",
        "Thời gian thực hiện",
        ("period_start", "period_end", "period_tentative"),
        ("period", "period_start"),
    ),
    ("funding", "Kinh phí", ("funding", "funding_categories"), ("funding",)),
    ("notes", "Ghi chú", ("notes",), ("notes",)),
    ("host_unit", "Đơn vị chủ trì/đón tiếp", ("host_unit",), ("host_unit",)),
    ("out_of_plan", "Đoàn phát sinh", ("out_of_plan",), ()),
    ("ministry_opinion", "Ý kiến Bộ Ngoại giao", ("ministry_opinion_required", "ministry_opinion"), ()),
)
#: rows that only a delegation read from a document has
DOCUMENT_ONLY_ROWS = ("section", "unit_heading", "tt")
#: review reasons' ``field`` → the detail row they belong to
REVIEW_ROW = {
    "people": "people",
    "duration": "duration",
    "period": "period",
    "countries": "countries",
    "funding": "funding",
    "leader": "leader",
    "name": "name",
    "year": "year",
    "direction": "direction",
    "level": "level",
}


def source_text(value: Any) -> str:
    """The printed text of a ``source_values`` entry (a string, or a dict/list some importers keep)."""
    if value is None:
        return ""
    if isinstance(value, dict):
        for key in ("text", "raw", "name", "value"):
            if key in value:
                return source_text(value[key])
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return " | ".join(source_text(item) for item in value)
    return str(value)


def detail_value(obj: Delegation, key: str) -> str:
    """A detail row's normalized value, as an officer reads it."""
    if key == "localities":
        return ", ".join(obj.locality_labels) or EMPTY
    if key == "countries":
        names = ", ".join(obj.country_names)
        return f"{names}, … (danh sách mở)" if names and obj.countries_open else names or EMPTY
    if key == "people":
        return obj.people_label or EMPTY
    if key == "duration":
        return obj.duration_label or EMPTY
    if key == "period":
        return obj.period_label or EMPTY
    if key == "funding":
        labels = ", ".join(obj.funding_labels)
        text = obj.funding or EMPTY
        return f"{text}\n→ {labels}" if labels else text
    if key == "owner":
        return str(obj.owner) if obj.owner_id else EMPTY
    if key == "ministry_opinion":
        if not obj.ministry_opinion_required and not obj.ministry_opinion:
            return EMPTY
        return obj.ministry_opinion or "Cần xin ý kiến; chưa có ý kiến."
    return generic_format_value(Delegation, key, getattr(obj, key))


class DelegationListView(ObjectListView):
    queryset = Delegation.objects.select_related("owner").defer("search_text", "source", "source_values")
    filterset_class = DelegationFilterSet
    table_class = DelegationTable
    operations = services.DELEGATIONS
    template_name = "delegations/delegation_list.html"
    nav_active = "delegations"
    title = "Đoàn ra, đoàn vào"

    def get_queryset(self):
        return selectors.delegation_list(self.request.user)

    def get_table_kwargs(self) -> dict:
        """The province column only for those who see several provinces."""
        return {} if len(visible_province_ids(self.request.user)) > 1 else {"exclude": ("province",)}

    def get_extra_context(self) -> dict:
        """The actions offered for the selected rows: those the user's role may ever take."""
        role = role_of(self.request.user)
        roles = {"office"} if role in ("office", "admin") else {"leader"} if role == "leader" else {"owner"}
        return {
            "bulk_actions": [
                (name, spec.label(role="office" if "office" in roles else None))
                for name, spec in workflow.actions().items()
                if spec.acting_role(roles) and name not in ("report", "undo")
            ]
        }


class DelegationView(ObjectDetailView):
    list_title = "Đoàn ra, đoàn vào"
    queryset = Delegation.objects.select_related("owner", "plan_document", "province", "merged_into")
    operations = services.DELEGATIONS
    template_name = "delegations/delegation_detail.html"
    nav_active = "delegations"

    def format_value(self, name: str, value: Any) -> str:
        """History values: country names, funding labels, months as MM/YYYY, review reasons."""
        if value in (None, "", [], {}):
            return EMPTY
        if name == "countries" and isinstance(value, list):
            return ", ".join(country_name_vi(code) for code in value)
        if name == "funding_categories" and isinstance(value, list):
            return ", ".join(funding_label(key) for key in value)
        if name in ("period_start", "period_end") and hasattr(value, "month"):
            return f"{value.month:02d}/{value.year}"
        if name in ("people_min", "people_max", "duration_min", "duration_max"):
            return range_label(value, value)
        if name == "review" and isinstance(value, list):
            return "; ".join(
                str(item.get("reason", item)) if isinstance(item, dict) else str(item) for item in value
            )
        if name == "edited_fields" and isinstance(value, list):
            return ", ".join(field_label(Delegation, field) for field in value)
        if name == "localities" and isinstance(value, list):
            from doingoai.extraction.normalize.locality_names import locality_name_vi

            return ", ".join(locality_name_vi(code) for code in value)
        if name == "merged_into" and value:
            return str(Delegation._base_manager.filter(pk=value).first() or f"#{value}")
        return super().format_value(name, value)

    def field_rows(self, obj: Delegation) -> list[dict]:
        """Each field: normalized value, the document's text, whether edited by hand, review reasons."""
        source_values = obj.source_values if isinstance(obj.source_values, dict) else {}
        edited = set(obj.edited_fields or [])
        reviews: dict[str, list[str]] = {}
        for item in obj.review or []:
            if isinstance(item, dict):
                row = REVIEW_ROW.get(item.get("field"), "")
                reviews.setdefault(row, []).append(str(item.get("reason", "")))
        rows = []
        for key, label, fields, source_keys in DETAIL_ROWS:
            if key in DOCUMENT_ONLY_ROWS and not obj.from_document:
                continue  # where a row stood in a document says nothing of a delegation typed by hand
            printed = next((source_text(source_values[k]) for k in source_keys if k in source_values), "")
            rows.append(
                {
                    "name": key,
                    "label": label,
                    "value": detail_value(obj, key),
                    "source": printed,
                    "edited": bool(edited & set(fields)),
                    "reviews": reviews.get(key, []),
                }
            )
        return rows

    def get_extra_context(self) -> dict:
        obj = self.object
        user = self.request.user
        source = obj.source if isinstance(obj.source, dict) else {}
        reviews = [
            item.get("reason", "") if isinstance(item, dict) else str(item) for item in obj.review or []
        ]
        roles = workflow.roles_for(user, obj)
        actions = []
        for name in workflow.available_actions(obj, user):
            spec = workflow.action(name)
            url = (
                reverse("delegations:delegation_report", args=[obj.pk])
                if name == "report"
                else reverse("delegations:delegation_action", args=[obj.pk, name])
            )
            actions.append(
                {
                    "name": name,
                    "label": spec.label(obj, spec.acting_role(roles)),
                    "url": url,
                    "danger": name in ("reject", "cancel", "undo"),
                }
            )
        report = (
            DelegationReport.objects.filter(delegation=obj)
            .prefetch_related("agreements", "members_went__person", "follow_up_tasks")
            .first()
        )
        members = selectors.members_of(obj)
        for member in members:
            member.due = selectors.passport_due(member)
        return {
            "source": source,
            "source_cells": [source_text(c) for c in source.get("cells", [])] if source else [],
            "plan_document_url": (
                reverse_or_none("plans:plandocument", obj.plan_document_id) if obj.plan_document_id else None
            ),
            "review_reasons": reviews,
            "row_reviews": [
                item
                for item in obj.review or []
                if isinstance(item, dict) and item.get("field") not in REVIEW_ROW
            ],
            "actions": actions,
            "transitions": transition_rows(obj),
            "members": members,
            "can_keep_trip": services.can_keep_trip(user, obj),
            "can_see_passports": services.can_see_passports(user, obj),
            "report": report,
            "report_due": selectors.report_due(obj),
            "attachments": attachments_of(obj),
            "passport_out_states": services.PASSPORT_OUT_STATES,
            "warnings": warnings_of(obj),
            "can_acknowledge": can_acknowledge_for(user, obj.province_id),
        }


def transition_rows(delegation: Delegation) -> list[dict]:
    """The delegation's steps as its page lists them, oldest first."""
    labels = dict(Delegation.Status.choices)
    rows = []
    for entry in delegation.transitions.select_related("user"):
        spec = workflow.action(entry.action)
        rows.append(
            {
                "entry": entry,
                "label": spec.label(delegation) if spec else "Tạo đoàn",
                "from": labels.get(entry.from_status, ""),
                "to": labels.get(entry.to_status, entry.to_status),
                "user": user_label(entry.user),
            }
        )
    return rows


class DelegationEditView(ObjectEditView):
    list_title = "Đoàn ra, đoàn vào"
    queryset = Delegation.objects.select_related("owner", "province")
    form_class = DelegationForm
    operations = services.DELEGATIONS
    template_name = "delegations/delegation_edit.html"
    nav_active = "delegations"

    def save(self, form):
        """The page checks every rule of the form (the API, only the rules of the fields sent)."""
        user, values = self.request.user, form.service_values()
        if self.object.pk is None:
            return services.delegation_create(user=user, values=values)
        return services.delegation_update(
            self.object, user=user, values=values, version=form.version, partial=False
        )

    def check_allowed(self) -> None:
        """A unit's sent proposal: say why it cannot be edited, and how to get it back."""
        obj = self.object
        user = self.request.user
        if obj.pk and not services.can_change_delegation(user, obj) and staff_of(user, obj.owner_id):
            raise NotAllowed(services.SENT)
        super().check_allowed()

    def get_extra_context(self) -> dict:
        return {"country_names": [name for _, name in country_choices()]}


class DelegationDeleteView(ObjectDeleteView):
    list_title = "Đoàn ra, đoàn vào"
    queryset = Delegation.objects.all()
    operations = services.DELEGATIONS
    nav_active = "delegations"
