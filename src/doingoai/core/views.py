"""Generic pages every domain builds on, in the NetBox spirit: list, detail, edit, delete.

A domain's ``views.py`` declares, per model, four small subclasses::

    class DelegationListView(ObjectListView):
        queryset = Delegation.objects.select_related("owner")
        filterset_class = DelegationFilterSet
        table_class = DelegationTable

    class DelegationView(ObjectDetailView):
        queryset = Delegation.objects.all()

    class DelegationEditView(ObjectEditView):
        queryset = Delegation.objects.all()
        form_class = DelegationForm

    class DelegationDeleteView(ObjectDeleteView):
        queryset = Delegation.objects.all()

and names its URLs by NetBox's convention, which the generic templates rely on
to draw links and buttons (``viewname(model, action)``)::

    <app_label>:<model>_list     the list page
    <app_label>:<model>          the detail page            (kwarg ``pk``)
    <app_label>:<model>_add      the creation form
    <app_label>:<model>_edit     the edit form              (kwarg ``pk``)
    <app_label>:<model>_delete   the deletion confirmation  (kwarg ``pk``)

Why one place for these rules: every page of every domain must show only what
the user may see (``scoping.scope``: their provinces, active rows), refuse with
the same Vietnamese 403 page what they may not change (``scoping.require_edit``
/ ``can_edit``), never hard-delete (``soft_delete``), and show who changed
what (django-simple-history). Writing that once keeps the domains from
drifting apart on security.

Hooks a subclass may override (all optional):

- ``ObjectListView``: ``get_queryset()``, ``get_extra_context()``; the ``q``
  box is applied with ``.search(q)`` unless the FilterSet declares its own
  ``q`` filter (then the FilterSet handles it, as the API does).
- ``ObjectDetailView``: ``detail_fields`` (names shown in the generic field
  table), ``format_value(name, value)`` (how a stored value reads, used by the
  field table and the history), ``get_extra_context()``.
- ``ObjectEditView``: ``get_form_kwargs()`` (a form class with
  ``takes_user = True`` receives ``user=request.user``), ``alter_object(obj,
  form)`` (called on the unsaved object before the permission check and save),
  ``get_success_url(obj)``, ``get_extra_context()``.
- ``ObjectDeleteView``: ``get_success_url(obj)``.
"""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.views.generic import View
from django_tables2 import RequestConfig

from doingoai.accounts.scoping import can_edit, require_edit, scope, visible_provinces

__all__ = [
    "EMPTY",
    "CappedPaginator",
    "ObjectDeleteView",
    "ObjectDetailView",
    "ObjectEditView",
    "ObjectListView",
    "ObjectViewMixin",
    "default_province",
    "format_value",
    "history_entries",
    "page_not_found",
    "permission_denied",
    "scoped",
    "viewname",
]

#: how an empty value reads on every page
EMPTY = "—"
PER_PAGE = 50
#: fields never shown in the generic field table
HIDDEN_FIELDS = frozenset({"id", "search_text", "deleted_at", "created_at", "updated_at"})
HISTORY_TYPES = {"+": "Tạo mới", "~": "Sửa", "-": "Xóa"}


# --------------------------------------------------------------------------- helpers


def viewname(model: type[models.Model] | models.Model, action: str = "") -> str:
    """``viewname(Delegation, "edit")`` → ``"delegations:delegation_edit"``; ``""`` is the detail page."""
    meta = model._meta
    suffix = f"_{action}" if action else ""
    return f"{meta.app_label}:{meta.model_name}{suffix}"


def _reverse_or_none(name: str, *args) -> str | None:
    """A URL, or None when the domain did not declare that page (templates then hide the link)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def object_url(obj: models.Model) -> str | None:
    """The detail page of ``obj``: its ``get_absolute_url`` or the conventional URL name."""
    if hasattr(obj, "get_absolute_url"):
        return obj.get_absolute_url()
    return _reverse_or_none(viewname(obj), obj.pk)


def scoped(queryset: models.QuerySet, user) -> models.QuerySet:
    """``scoping.scope(queryset, user)``, plus the visible province ids written out as values.

    ``scope`` filters on ``province IN (SELECT … FROM profile provinces)``; on
    200,000 rows PostgreSQL then cannot walk the (province, order) index and
    sorts every row of the province (~50 ms). Adding the same provinces as a
    literal list (one tiny query) lets it read the first 50 rows from the
    index (<1 ms). The rule itself stays ``scope``'s.
    """
    queryset = scope(queryset, user)
    ids = list(visible_provinces(user).values_list("pk", flat=True))
    if queryset.model._meta.model_name == "province":
        return queryset.filter(pk__in=ids)
    try:
        queryset.model._meta.get_field("province")
    except FieldDoesNotExist:
        return queryset
    return queryset.filter(province_id__in=ids)


def default_province(user):
    """The province a record created by ``user`` belongs to.

    Unit staff create for their unit's province; others for the first province
    they may see (a deployment usually serves one; a form may offer a choice).
    """
    provinces = visible_provinces(user)
    profile = getattr(user, "profile", None)
    unit = getattr(profile, "unit", None) if profile else None
    if unit is not None and provinces.filter(pk=unit.province_id).exists():
        return unit.province
    return provinces.order_by("pk").first()


def format_value(model: type[models.Model], name: str, value: Any) -> str:
    """A stored value as an officer reads it: choice labels, related names, dd/mm/yyyy, Có/Không.

    Used for the generic field table and the history (where foreign keys come
    as ids: the related row is looked up, deleted ones included, so that old
    values in the history still read as names).
    """
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        field = None
    if field is not None and field.is_relation and field.many_to_one:
        if isinstance(value, models.Model):
            return str(value)
        related = field.related_model._base_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    if field is not None and getattr(field, "flatchoices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value) if timezone.is_aware(value) else value,
                                   "d/m/Y H:i")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "d/m/Y")
    if isinstance(value, decimal.Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value) or EMPTY
    if isinstance(value, dict):
        return "; ".join(f"{key}: {item}" for key, item in value.items()) or EMPTY
    return str(value)


#: records of one user this close together are one edit (a save, then its many-to-many fields)
SAME_EDIT = datetime.timedelta(seconds=2)


def _m2m_value(model, name: str, value) -> Any:
    """Many-to-many values in a history diff are through rows (dicts): the related rows' names instead."""
    field = model._meta.get_field(name)
    target = field.m2m_reverse_field_name()
    ids = [row.get(target) for row in value or [] if isinstance(row, dict)]
    names = dict(field.related_model._base_manager.filter(pk__in=ids).values_list("pk", "name")
                 if any(f.name == "name" for f in field.related_model._meta.fields)
                 else ((pk, f"#{pk}") for pk in ids))
    return sorted(str(names.get(pk, f"#{pk}")) for pk in ids)


def history_entries(obj: models.Model, formatter=None, limit: int = 100) -> list[dict]:
    """The history of ``obj``, newest first: who, when, what kind, and each field's old → new.

    Each entry is ``{"record", "user", "date", "type", "type_label", "reason",
    "changes": [{"field", "label", "old", "new"}]}``. One query for the
    records (with their users); records are diffed in memory. Records one
    user made within ``SAME_EDIT`` of each other are one entry: saving a form
    writes the row, then its many-to-many fields, each with its own record.
    """
    manager = getattr(obj, "history", None)
    if manager is None:
        return []
    model = type(obj)
    formatter = formatter or (lambda name, value: format_value(model, name, value))
    ordered = manager.select_related("history_user").order_by("-history_date", "-history_id")
    records = list(ordered[: limit + 1])

    groups: list[list] = []
    for record in records:
        group = groups[-1] if groups else None
        if (group and record.history_user_id == group[-1].history_user_id
                and group[-1].history_date - record.history_date <= SAME_EDIT
                and group[-1].history_type != "+"):
            group.append(record)
        else:
            groups.append([record])

    entries = []
    for index, group in enumerate(groups[:limit]):
        newest, oldest = group[0], group[-1]
        previous = groups[index + 1][0] if index + 1 < len(groups) else None
        kind = "+" if oldest.history_type == "+" else newest.history_type
        changes = []
        if previous is not None and kind != "+":
            for change in newest.diff_against(previous).changes:
                old, new = change.old, change.new
                try:
                    field = model._meta.get_field(change.field)
                    label = str(field.verbose_name)
                except FieldDoesNotExist:
                    field, label = None, change.field
                if field is not None and field.many_to_many:
                    old, new = _m2m_value(model, change.field, old), _m2m_value(model, change.field, new)
                    if old == new:
                        continue
                changes.append({
                    "field": change.field,
                    "label": label[:1].upper() + label[1:],
                    "old": formatter(change.field, old),
                    "new": formatter(change.field, new),
                })
        entries.append({
            "record": newest,
            "user": newest.history_user,
            "date": newest.history_date,
            "type": kind,
            "type_label": HISTORY_TYPES.get(kind, kind),
            "reason": newest.history_change_reason or oldest.history_change_reason,
            "changes": changes,
        })
    return entries


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The Vietnamese 403 page (usable as ``handler403``)."""
    message = str(exception) if exception and str(exception) else "Bạn không có quyền thực hiện thao tác này."
    return TemplateResponse(request, "core/403.html", {"message": message}, status=403).render()


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The Vietnamese 404 page (usable as ``handler404``); never reveals whether the row exists elsewhere."""
    return TemplateResponse(request, "core/404.html", {}, status=404).render()


# --------------------------------------------------------------------------- base


class ObjectViewMixin(LoginRequiredMixin, View):
    """Login required, the queryset scoped to the user, 403 and 404 rendered as the Vietnamese pages.

    ``queryset`` is the model's base queryset (with its ``select_related``);
    ``nav_active`` the key of the main navigation item to highlight.
    """

    queryset: models.QuerySet | None = None
    template_name: str = ""
    nav_active: str | None = None
    #: how the "back to the list" links name the list (default: the model's plural name)
    list_title: str | None = None

    @property
    def model(self) -> type[models.Model]:
        return self.queryset.model

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as exc:
            if not request.user.is_authenticated:
                return self.handle_no_permission()
            return permission_denied(request, exc)
        except Http404 as exc:
            return page_not_found(request, exc)

    def get_scoped_queryset(self) -> models.QuerySet:
        """What the user may see of ``queryset``: their provinces, not deleted (see ``scoped``)."""
        return scoped(self.queryset.all(), self.request.user)

    def get_object(self) -> models.Model:
        """The row of the URL's ``pk`` among what the user may see, else 404."""
        try:
            return self.get_scoped_queryset().get(pk=self.kwargs["pk"])
        except (self.model.DoesNotExist, ValueError, TypeError) as exc:
            raise Http404("Không tìm thấy bản ghi.") from exc

    def get_extra_context(self) -> dict:
        return {}

    def base_context(self) -> dict:
        meta = self.model._meta
        return {
            "model": self.model,
            "verbose_name": meta.verbose_name,
            "verbose_name_plural": meta.verbose_name_plural,
            "nav_active": self.nav_active or meta.app_label,
            "list_url": _reverse_or_none(viewname(self.model, "list")),
            "list_title": self.list_title or str(meta.verbose_name_plural).capitalize(),
        }

    def render(self, context: dict, status: int = 200) -> HttpResponse:
        full = self.base_context()
        full.update(context)
        full.update(self.get_extra_context())
        return TemplateResponse(self.request, self.template_name, full, status=status)


# --------------------------------------------------------------------------- list


class CappedPaginator(Paginator):
    """A paginator that stops counting at ``cap`` rows (the page then says "hơn 10.000").

    Counting every match of a broad search among 200,000 rows reads them all;
    nobody pages past the 200th page, they refine the filter. The count runs
    as ``SELECT COUNT(*) FROM (… LIMIT cap + 1)`` on the table's queryset.
    """

    cap = 10_000

    def __init__(self, object_list, per_page, *args, cap: int | None = None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        if cap is not None:
            self.cap = cap
        self.capped = False

    @cached_property
    def count(self) -> int:
        table_data = getattr(self.object_list, "data", None)  # django-tables2 BoundRows → TableData
        queryset = getattr(table_data, "data", None)
        if not isinstance(queryset, models.QuerySet) or not self.cap:
            return super().count
        found = queryset.order_by()[: self.cap + 1].count()
        self.capped = found > self.cap
        return min(found, self.cap)



class ObjectListView(ObjectViewMixin):
    """Filters, one search box, a sortable table, 50 rows a page.

    Context: ``table``, ``filter`` (the bound FilterSet), ``filter_form``,
    ``q``, ``object_count`` (one COUNT query, shared with the paginator, capped
    at ``count_cap``), ``count_capped`` (True when there are more),
    ``can_add``, ``add_url``, ``title``.
    """

    filterset_class = None
    table_class = None
    template_name = "core/object_list.html"
    paginate_by = PER_PAGE
    #: stop counting matches here (None: count them all); see ``CappedPaginator``
    count_cap: int | None = 10_000
    title: str | None = None

    def get_queryset(self) -> models.QuerySet:
        return self.get_scoped_queryset()

    def get(self, request, *args, **kwargs):
        queryset = self.get_queryset()
        q = (request.GET.get("q") or "").strip()
        filterset = None
        if self.filterset_class is not None:
            if q and "q" not in self.filterset_class.base_filters:
                queryset = queryset.search(q)
            filterset = self.filterset_class(request.GET, queryset=queryset, request=request)
            # invalid filter values (a year of "abc") show their errors and no rows
            queryset = filterset.qs if filterset.is_valid() else queryset.none()
        elif q:
            queryset = queryset.search(q)

        # not Table(request=…): that paginates (and counts) once more with the default paginator
        table = self.table_class(queryset) if self.table_class else None
        object_count, count_capped = None, False
        if table is not None:
            RequestConfig(request, paginate={"per_page": self.paginate_by, "paginator_class": CappedPaginator,
                                             "cap": self.count_cap}).configure(table)
            paginator = getattr(table, "paginator", None)
            object_count = paginator.count if paginator else len(table.data)
            count_capped = getattr(paginator, "capped", False)
        else:
            object_count = queryset.count()

        add_url = _reverse_or_none(viewname(self.model, "add"))
        return self.render({
            "title": self.title or str(self.model._meta.verbose_name_plural).capitalize(),
            "table": table,
            "filter": filterset,
            "filter_form": filterset.form if filterset is not None else None,
            "has_q_filter": filterset is not None and "q" in filterset.filters,
            "q": q,
            "object_count": object_count,
            "count_capped": count_capped,
            "can_add": add_url is not None and can_edit(request.user),
            "add_url": add_url,
        })


# --------------------------------------------------------------------------- detail


class ObjectDetailView(ObjectViewMixin):
    """One row (404 when not visible), its fields, and its history with old → new values.

    Context: ``object``, ``fields`` (list of ``{"name", "label", "value"}``),
    ``history`` (see ``history_entries``), ``can_edit``, ``edit_url``,
    ``delete_url``.
    """

    template_name = "core/object_detail.html"
    #: names shown in the generic field table; None = every editable concrete field
    detail_fields: tuple[str, ...] | None = None

    def format_value(self, name: str, value: Any) -> str:
        return format_value(self.model, name, value)

    def field_rows(self, obj) -> list[dict]:
        names = self.detail_fields
        if names is None:
            names = [f.name for f in self.model._meta.concrete_fields
                     if f.name not in HIDDEN_FIELDS and f.editable]
        rows = []
        for name in names:
            field = self.model._meta.get_field(name)
            value = getattr(obj, name)
            label = str(field.verbose_name)
            rows.append({"name": name, "label": label[:1].upper() + label[1:],
                         "value": self.format_value(name, value)})
        return rows

    def get(self, request, *args, **kwargs):
        obj = self.object = self.get_object()
        allowed = can_edit(request.user, obj)
        return self.render({
            "object": obj,
            "title": str(obj),
            "fields": self.field_rows(obj),
            "history": history_entries(obj, self.format_value),
            "can_edit": allowed,
            "edit_url": _reverse_or_none(viewname(self.model, "edit"), obj.pk) if allowed else None,
            "delete_url": _reverse_or_none(viewname(self.model, "delete"), obj.pk) if allowed else None,
        })


# --------------------------------------------------------------------------- edit


class ObjectEditView(ObjectViewMixin):
    """Create (no ``pk`` in the URL) or update a row, refusing with 403 what the user may not change.

    On create the row gets the user's province (``default_province``) unless
    the form set one. The permission is checked twice: on the row as stored
    (may this user touch it at all) and on the row as it would be saved (unit
    staff may not hand a row to another unit). The editing user is recorded in
    the history by simple_history's ``HistoryRequestMiddleware``.
    """

    form_class = None
    template_name = "core/object_edit.html"

    def get_object_or_new(self) -> models.Model:
        if "pk" in self.kwargs:
            return self.get_object()
        return self.model()

    def get_form_kwargs(self) -> dict:
        kwargs: dict[str, Any] = {"instance": self.object}
        if self.request.method == "POST":
            kwargs["data"] = self.request.POST
            kwargs["files"] = self.request.FILES
        elif self.object.pk is None:
            kwargs["initial"] = {key: value for key, value in self.request.GET.items()}
        if getattr(self.form_class, "takes_user", False):
            kwargs["user"] = self.request.user
        return kwargs

    def alter_object(self, obj: models.Model, form) -> models.Model:
        return obj

    def get_success_url(self, obj) -> str:
        return object_url(obj) or _reverse_or_none(viewname(self.model, "list")) or "/"

    def _check(self, obj=None) -> None:
        require_edit(self.request.user, obj)

    def context(self, form) -> dict:
        obj = self.object
        is_new = obj.pk is None
        return_url = self.request.GET.get("return_url")
        if not _safe(return_url):
            return_url = object_url(obj) if not is_new else _reverse_or_none(viewname(self.model, "list"))
        return {
            "object": obj,
            "form": form,
            "is_new": is_new,
            "title": (f"Thêm {self.model._meta.verbose_name}" if is_new else f"Sửa: {obj}"),
            "return_url": return_url,
        }

    def get(self, request, *args, **kwargs):
        self.object = self.get_object_or_new()
        self._check(self.object if self.object.pk else None)
        form = self.form_class(**self.get_form_kwargs())
        return self.render(self.context(form))

    def post(self, request, *args, **kwargs):
        self.object = self.get_object_or_new()
        is_new = self.object.pk is None
        self._check(None if is_new else self.object)
        form = self.form_class(**self.get_form_kwargs())
        if not form.is_valid():
            messages.error(request, "Chưa lưu được: vui lòng sửa các lỗi bên dưới.")
            return self.render(self.context(form), status=200)
        with transaction.atomic():
            obj = form.save(commit=False)
            if is_new and hasattr(obj, "province_id") and not obj.province_id:
                province = default_province(request.user)
                if province is None:
                    raise PermissionDenied("Tài khoản của bạn chưa được gán tỉnh nào.")
                obj.province = province
            obj = self.alter_object(obj, form)
            self._check(obj)
            obj.save()
            form.save_m2m()
        messages.success(request, f"Đã {'thêm' if is_new else 'lưu'} {self.model._meta.verbose_name}: {obj}")
        return redirect(self.get_success_url(obj))


def _safe(url: str | None) -> bool:
    """Only same-site paths may be used as a return address (no open redirects)."""
    return bool(url) and url.startswith("/") and not url.startswith("//")


# --------------------------------------------------------------------------- delete


class ObjectDeleteView(ObjectViewMixin):
    """GET: the confirmation page; POST: soft delete (the row stays, hidden, its history kept)."""

    template_name = "core/object_delete.html"

    def get_success_url(self, obj) -> str:
        return _reverse_or_none(viewname(self.model, "list")) or "/"

    def get(self, request, *args, **kwargs):
        obj = self.object = self.get_object()
        require_edit(request.user, obj)
        return self.render({"object": obj, "title": f"Xóa: {obj}", "return_url": object_url(obj)})

    def post(self, request, *args, **kwargs):
        obj = self.object = self.get_object()
        require_edit(request.user, obj)
        obj.soft_delete()
        messages.success(request, f"Đã xóa {self.model._meta.verbose_name}: {obj}")
        return redirect(self.get_success_url(obj))
