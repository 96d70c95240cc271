"""Generic pages every domain builds on, in the NetBox spirit: list, detail, edit, delete.

A domain's ``views.py`` declares, per model, four small subclasses::

    class UnitListView(ObjectListView):
        queryset = Unit.objects.select_related("province")
        filterset_class = UnitFilterSet
        table_class = UnitTable
        operations = services.UNITS

    class UnitDetailView(ObjectDetailView):
        queryset = Unit.objects.all()
        operations = services.UNITS

    class UnitEditView(ObjectEditView):
        queryset = Unit.objects.all()
        form_class = UnitForm
        operations = services.UNITS

    class UnitDeleteView(ObjectDeleteView):
        queryset = Unit.objects.all()
        operations = services.UNITS

and names its URLs by NetBox's convention, which the generic templates rely on
to draw links and buttons (``viewname(model, action)``)::

    <app_label>:<model>_list     the list page
    <app_label>:<model>          the detail page            (kwarg ``pk``)
    <app_label>:<model>_add      the creation form
    <app_label>:<model>_edit     the edit form              (kwarg ``pk``)
    <app_label>:<model>_delete   the deletion confirmation  (kwarg ``pk``)

Views only route: the form parses, the domain's service functions
(``operations``: ``doingoai.core.services.Operations``) check the permission
and the rules, save and record the history. The views turn the services'
refusals into pages: ``NotAllowed`` into the Vietnamese 403 page,
``InvalidInput`` into messages beside the fields, ``StaleVersion`` into the
form again with what someone else changed meanwhile. Every page shows only
what the user may see (``scoping.scope``: their provinces, active rows) and
asks ``operations`` which buttons to draw.

Hooks a subclass may override (all optional):

- ``ObjectListView``: ``get_queryset()``, ``get_extra_context()``; the ``q``
  box is applied with ``.search(q)`` unless the FilterSet declares its own
  ``q`` filter (then the FilterSet handles it, as the API does).
- ``ObjectDetailView``: ``detail_fields`` (names shown in the generic field
  table), ``format_value(name, value)`` (how a stored value reads, used by the
  field table and the history), ``get_extra_context()``.
- ``ObjectEditView``: ``get_form_kwargs()`` (a form class with
  ``takes_user = True`` receives ``user=request.user``),
  ``get_success_url(obj)``, ``get_extra_context()``.
- ``ObjectDeleteView``: ``get_success_url(obj)``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from django.views.generic import View
from django_tables2 import RequestConfig

from doingoai.accounts.scoping import default_province, scope
from doingoai.core.api.pagination import COUNT_CAP
from doingoai.core.errors import InvalidInput, NotAllowed, ServiceError, StaleVersion
from doingoai.core.history import EMPTY, format_value, history_entries
from doingoai.core.services import Operations

__all__ = [
    "bad_request",
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
    "safe_return_url",
    "viewname",
]

PER_PAGE = 50
#: fields never shown in the generic field table
HIDDEN_FIELDS = frozenset({"id", "search_text", "deleted_at", "created_at", "updated_at", "version"})


# --------------------------------------------------------------------------- helpers


def viewname(model: type[models.Model] | models.Model, action: str = "") -> str:
    """``viewname(Delegation, "edit")`` → ``"delegations:delegation_edit"``; ``""`` is the detail page."""
    meta = model._meta
    suffix = f"_{action}" if action else ""
    return f"{meta.app_label}:{meta.model_name}{suffix}"


def reverse_or_none(name: str, *args) -> str | None:
    """A URL, or None when the domain did not declare that page (templates then hide the link)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def object_url(obj: models.Model) -> str | None:
    """The detail page of ``obj``: its ``get_absolute_url`` or the conventional URL name."""
    if hasattr(obj, "get_absolute_url"):
        return obj.get_absolute_url()
    return reverse_or_none(viewname(obj), obj.pk)


def safe_return_url(url: str | None) -> str | None:
    """Only same-site paths may be used as a return address (no open redirects)."""
    return url if url and url.startswith("/") and not url.startswith("//") else None


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The Vietnamese 403 page (usable as ``handler403``)."""
    message = getattr(exception, "message", None) or (str(exception) if exception else "")
    return TemplateResponse(
        request,
        "core/403.html",
        {"message": message or "Bạn không có quyền thực hiện thao tác này."},
        status=403,
    ).render()


def server_error(request: HttpRequest) -> HttpResponse:
    """The Vietnamese 500 page (``handler500``): a plain page that needs no database nor context."""
    from django.template import loader

    return HttpResponse(loader.get_template("core/500.html").render(), status=500)


#: why Django refused a request outright (a SuspiciousOperation), as the officer is told
BAD_REQUESTS = {
    "TooManyFilesSent": "Gửi quá nhiều tệp trong một lần: hãy chọn ít tệp hơn.",
    "RequestDataTooBig": "Dữ liệu gửi lên quá lớn: hãy gửi ít hơn trong một lần.",
    "TooManyFieldsSent": "Biểu mẫu gửi lên có quá nhiều trường: hãy chia nhỏ lần gửi.",
}


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The Vietnamese 400 page (``handler400``): a request Django refused before any page saw it."""
    default = "Yêu cầu không hợp lệ: hãy tải lại trang rồi thử lại."
    message = BAD_REQUESTS.get(type(exception).__name__, default)
    return TemplateResponse(request, "core/400.html", {"message": message}, status=400).render()


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The Vietnamese 404 page (usable as ``handler404``); never reveals whether the row exists elsewhere."""
    return TemplateResponse(request, "core/404.html", {}, status=404).render()


# --------------------------------------------------------------------------- base


class ObjectViewMixin(LoginRequiredMixin, View):
    """Login required, the queryset scoped to the user, refusals rendered as the Vietnamese pages.

    ``queryset`` is the model's base queryset (with its ``select_related``);
    ``operations`` the domain's service functions; ``nav_active`` the key of
    the main navigation item to highlight.
    """

    queryset: models.QuerySet | None = None
    operations: Operations | None = None
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
        except (PermissionDenied, NotAllowed) as exc:
            if not request.user.is_authenticated:
                return self.handle_no_permission()
            return permission_denied(request, exc)
        except Http404 as exc:
            return page_not_found(request, exc)

    def get_scoped_queryset(self) -> models.QuerySet:
        """What the user may see of ``queryset``: their provinces, not deleted."""
        return scope(self.queryset.all(), self.request.user)

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
            "list_url": reverse_or_none(viewname(self.model, "list")),
            "list_title": self.list_title or str(meta.verbose_name_plural).capitalize(),
        }

    def render(self, context: dict, status: int = 200) -> HttpResponse:
        full = self.base_context()
        full.update(context)
        full.update(self.get_extra_context())
        return TemplateResponse(self.request, self.template_name, full, status=status)

    def may_change(self, obj) -> bool:
        return (
            self.operations is not None
            and self.operations.update is not None
            and self.operations.can_change(self.request.user, obj)
        )

    def may_delete(self, obj) -> bool:
        return self.operations is not None and self.operations.may_delete(self.request.user, obj)


# --------------------------------------------------------------------------- list


class CappedPaginator(Paginator):
    """A paginator that stops counting at ``cap`` rows (the page then says "hơn 10.000").

    Counting every match of a broad search among 200,000 rows reads them all;
    nobody pages past the 200th page, they refine the filter. The count runs
    as ``SELECT COUNT(*) FROM (… LIMIT cap + 1)`` on the table's queryset.
    """

    cap = COUNT_CAP

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
    count_cap: int | None = COUNT_CAP
    title: str | None = None

    def get_queryset(self) -> models.QuerySet:
        return self.get_scoped_queryset()

    def get_table_kwargs(self) -> dict:
        """Extra arguments of the table (``exclude`` columns this user does not need, say)."""
        return {}

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

        if request.GET.get("xuat") == "csv" and self.table_class is not None:
            from doingoai.core.exports import csv_response, file_stem

            name = file_stem(str(self.title or self.model._meta.verbose_name_plural))
            return csv_response(self.table_class(queryset, **self.get_table_kwargs()), f"{name}.csv")
        # not Table(request=…): that paginates (and counts) once more with the default paginator
        table = self.table_class(queryset, **self.get_table_kwargs()) if self.table_class else None
        object_count, count_capped = None, False
        if table is not None:
            RequestConfig(
                request,
                paginate={
                    "per_page": self.paginate_by,
                    "paginator_class": CappedPaginator,
                    "cap": self.count_cap,
                },
            ).configure(table)
            paginator = getattr(table, "paginator", None)
            object_count = paginator.count if paginator else len(table.data)
            count_capped = getattr(paginator, "capped", False)
        else:
            object_count = queryset.count()

        add_url = reverse_or_none(viewname(self.model, "add"))
        return self.render(
            {
                "title": self.title or str(self.model._meta.verbose_name_plural).capitalize(),
                "table": table,
                "filter": filterset,
                "filter_form": filterset.form if filterset is not None else None,
                "has_q_filter": filterset is not None and "q" in filterset.filters,
                "q": q,
                "object_count": object_count,
                "count_capped": count_capped,
                "can_add": (
                    add_url is not None
                    and self.operations is not None
                    and self.operations.create is not None
                    and self.operations.can_create(request.user)
                ),
                "add_url": add_url,
            }
        )


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
            names = [
                f.name for f in self.model._meta.concrete_fields if f.name not in HIDDEN_FIELDS and f.editable
            ]
        rows = []
        for name in names:
            field = self.model._meta.get_field(name)
            value = getattr(obj, name)
            label = str(field.verbose_name)
            rows.append(
                {
                    "name": name,
                    "label": label[:1].upper() + label[1:],
                    "value": self.format_value(name, value),
                }
            )
        return rows

    def get(self, request, *args, **kwargs):
        obj = self.object = self.get_object()
        can_change, can_delete = self.may_change(obj), self.may_delete(obj)
        return self.render(
            {
                "object": obj,
                "title": str(obj),
                "fields": self.field_rows(obj),
                "history": history_entries(obj, self.format_value),
                "can_edit": can_change,
                "edit_url": reverse_or_none(viewname(self.model, "edit"), obj.pk) if can_change else None,
                "delete_url": reverse_or_none(viewname(self.model, "delete"), obj.pk) if can_delete else None,
            }
        )


# --------------------------------------------------------------------------- edit


class ObjectEditView(ObjectViewMixin):
    """Create (no ``pk`` in the URL) or update a row through the domain's services.

    GET refuses with 403 up front what the user may not change (so nobody
    fills a form in vain); POST hands the form's values to
    ``operations.create`` / ``operations.update`` with the version the form
    was opened at, and shows the service's refusals: messages beside the
    fields, or what someone else changed meanwhile.
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

    def get_success_url(self, obj) -> str:
        return object_url(obj) or reverse_or_none(viewname(self.model, "list")) or "/"

    def check_allowed(self) -> None:
        user, obj = self.request.user, self.object
        allowed = (
            self.operations.can_create(user) if obj.pk is None else self.operations.can_change(user, obj)
        )
        if not allowed:
            raise NotAllowed(self.operations.denied)

    def context(self, form, stale: StaleVersion | None = None) -> dict:
        obj = self.object
        is_new = obj.pk is None
        return_url = safe_return_url(self.request.GET.get("return_url"))
        if return_url is None:
            return_url = object_url(obj) if not is_new else reverse_or_none(viewname(self.model, "list"))
        return {
            "object": obj,
            "form": form,
            "is_new": is_new,
            "title": (f"Thêm {self.model._meta.verbose_name}" if is_new else f"Sửa: {obj}"),
            "return_url": return_url,
            "stale": stale,
        }

    def save(self, form) -> models.Model:
        """Hand the form's values to the service; returns the saved row."""
        user, values = self.request.user, form.service_values()
        if self.object.pk is None:
            return self.operations.create(user=user, values=values)
        return self.operations.update(self.object, user=user, values=values, version=form.version)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object_or_new()
        self.check_allowed()
        form = self.form_class(**self.get_form_kwargs())
        return self.render(self.context(form))

    def post(self, request, *args, **kwargs):
        self.object = self.get_object_or_new()
        is_new = self.object.pk is None
        self.check_allowed()  # a refusal before anything is read from the request; the service checks again
        form = self.form_class(**self.get_form_kwargs())
        if not form.is_valid():
            messages.error(request, "Chưa lưu được: vui lòng sửa các lỗi bên dưới.")
            return self.render(self.context(form))
        try:
            obj = self.save(form)
        except InvalidInput as error:
            form.add_service_errors(error)
            messages.error(request, "Chưa lưu được: vui lòng sửa các lỗi bên dưới.")
            return self.render(self.context(form))
        except StaleVersion as error:
            return self.render(self.context(form, stale=error), status=409)
        except ServiceError as error:
            if isinstance(error, NotAllowed):
                raise
            messages.error(request, error.message)
            return self.render(self.context(form), status=error.status)
        messages.success(request, f"Đã {'thêm' if is_new else 'lưu'} {self.model._meta.verbose_name}: {obj}")
        return redirect(self.get_success_url(obj))


# --------------------------------------------------------------------------- delete


class ObjectDeleteView(ObjectViewMixin):
    """GET: the confirmation page; POST: soft delete through the service (the row stays, hidden)."""

    template_name = "core/object_delete.html"

    def get_success_url(self, obj) -> str:
        return reverse_or_none(viewname(self.model, "list")) or "/"

    def get(self, request, *args, **kwargs):
        obj = self.object = self.get_object()
        if not self.may_delete(obj):
            raise NotAllowed(
                self.operations.denied if self.operations else "Bạn không có quyền xóa bản ghi này."
            )
        return self.render({"object": obj, "title": f"Xóa: {obj}", "return_url": object_url(obj)})

    def post(self, request, *args, **kwargs):
        obj = self.object = self.get_object()
        try:
            self.operations.delete(obj, user=request.user, version=request.POST.get("version"))
        except ServiceError as error:
            if isinstance(error, NotAllowed):
                raise
            messages.error(request, error.message)
            return redirect(object_url(obj) or self.get_success_url(obj))
        messages.success(request, f"Đã xóa {self.model._meta.verbose_name}: {obj}")
        return redirect(self.get_success_url(obj))


# --------------------------------------------------------------------------- attached files


class AttachmentView(LoginRequiredMixin, View):
    """An attached file, for those who may see the record it belongs to (404 for everyone else).

    Scans and pictures open in the browser; Word and Excel files download.
    The type sent is the one recognised from the content when it was stored.
    """

    def get(self, request, pk):
        from django.http import FileResponse

        from doingoai.core.files import FORMATS
        from doingoai.core.models import Attachment

        attachment = (
            Attachment.objects.filter(pk=pk, deleted_at__isnull=True).select_related("content_type").first()
        )
        model = attachment.content_type.model_class() if attachment is not None else None
        if (
            model is None
            or not scope(model.objects.all(), request.user).filter(pk=attachment.object_id).exists()
        ):
            return page_not_found(request)
        try:
            handle = attachment.file.open("rb")
        except (FileNotFoundError, OSError):
            return page_not_found(request)
        mime = FORMATS.get(attachment.format, ("application/octet-stream",))[0]
        inline = attachment.format in ("pdf", "jpeg", "png")
        return FileResponse(handle, as_attachment=not inline, filename=attachment.name, content_type=mime)
