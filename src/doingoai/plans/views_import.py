"""The import pages: upload, preview and decide, confirm, see what was saved.

The pages only carry the officer's choices to ``plans/importer/``, which
does the work; they hold no import logic of their own. Who may import:
office staff and administrators (for their provinces) and unit staff (for
their own unit); leaders never (403).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_http_methods, require_POST

from doingoai.core.collection import without_collections
from doingoai.core.services import derived_after_saving
from doingoai.plans import importer
from doingoai.plans.forms_import import PreviewForm, UploadForm

OUTCOME_SESSION_KEY = "doingoai_import_outcome"


def _require_importer(request) -> None:
    if not importer.can_import(request.user):
        raise PermissionDenied("Bạn không có quyền nhập văn bản kế hoạch.")


def _pending_or_redirect(request, token):
    try:
        return importer.load_pending(token, request.user), None
    except importer.PendingNotFound as error:
        messages.warning(request, error.message)
        return None, redirect("plans:import_start")


def _page_number(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 1


def _page_asked(preview, params):
    """The page of the preview that ``params`` name ("trang", the page; "loc", which rows)."""
    return importer.preview_page(preview, _page_number(params.get("trang")), params.get("loc", ""))


def _render_preview(request, pending, preview, page, form, status=200):
    form.bind_rows()
    return render(
        request,
        "plans/import_preview.html",
        {
            "pending": pending,
            "preview": preview,
            "page": page,
            "form": form,
            "row_filters": importer.ROW_FILTERS,
            "nav_active": "import",
            "status_labels": importer.STATUS_LABELS,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
@without_collections  # thousands of rows: see core.collection
def import_start(request):
    """Choose the files (several at once, within the limits) and, if needed, the province."""
    _require_importer(request)
    form = UploadForm(request.user, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        # A file over the limit is read only far enough for the importer to say it is too big.
        files = [
            (upload.name, upload.read(importer.MAX_FILE_BYTES + 1)) for upload in form.cleaned_data["files"]
        ]
        try:
            pending = importer.stage(
                files,
                request.user,
                province=form.cleaned_data.get("province"),
                max_rows=importer.MAX_IMPORT_ROWS,
            )
        except importer.ImportFailed as error:
            form.add_error("files", error.message)
        else:
            return redirect("plans:import_preview", token=pending.token)
    return render(
        request,
        "plans/import_start.html",
        {"form": form, "nav_active": "import", "unit": importer.user_unit_of(request.user)},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
@without_collections  # thousands of rows: see core.collection
def import_preview(request, token):
    """One page of the preview; a POST keeps the page's decisions and goes to the page asked for."""
    _require_importer(request)
    pending, response = _pending_or_redirect(request, token)
    if response:
        return response
    preview = importer.build_preview(pending, request.user)
    page = _page_asked(preview, request.POST if request.method == "POST" else request.GET)
    if request.method == "GET":
        form = PreviewForm(preview, page=page, choices=pending.choices)
        return _render_preview(request, pending, preview, page, form)
    form = PreviewForm(preview, request.POST, page=page)
    if not form.is_valid():
        messages.error(
            request, "Có giá trị chưa hợp lệ (đánh dấu đỏ bên dưới): hãy sửa trước khi sang trang khác."
        )
        return _render_preview(request, pending, preview, page, form, status=400)
    _keep_choices(pending, form)
    row_filter = request.POST.get("sang_loc", page.row_filter)
    # another filter starts at its first page; another page keeps the filter
    target = _page_number(request.POST.get("sang_trang", 1 if "sang_loc" in request.POST else page.number))
    url = reverse("plans:import_preview", args=[pending.token])
    return redirect(f"{url}?trang={target}" + (f"&loc={row_filter}" if row_filter else ""))


def _first_error_page(preview, form: PreviewForm) -> int:
    """The page (of all rows) where the first of ``form``'s errors is shown."""
    keys = form.error_rows()
    if keys:
        order = [row.key for doc in preview.importable for row in doc.rows]
        return order.index(keys[0]) // importer.PREVIEW_PAGE_ROWS + 1
    page = importer.preview_page(preview, 1)
    for doc in preview.importable:  # a document's own decision: the page its header is on
        if any(name.startswith((f"d{doc.index}_", f"g{doc.index}_")) for name in form.errors):
            return page.header_on[doc.index]
    return 1


def _keep_choices(pending, form: PreviewForm) -> None:
    """The page's decisions, replacing what was kept for its fields before."""
    choices = {name: value for name, value in pending.choices.items() if name not in form.fields}
    choices.update(form.page_choices())
    if choices != pending.choices:  # a page confirmed as it was shown changes nothing to keep
        pending.manifest["choices"] = choices
        pending.save()


@login_required
@require_POST
@without_collections  # thousands of rows: see core.collection
def import_confirm(request, token):
    """Save with the officer's decisions of every page, all or nothing."""
    _require_importer(request)
    pending, response = _pending_or_redirect(request, token)
    if response:
        return response
    # stamped: saving uses this very preview when nothing was written since (else computes it again)
    preview = importer.build_preview(pending, request.user, stamped=True)
    page = _page_asked(preview, request.POST)
    form = PreviewForm(preview, request.POST, page=page)
    if not form.is_valid():
        messages.error(request, "Có giá trị chưa hợp lệ (đánh dấu đỏ bên dưới). Chưa có gì được lưu.")
        return _render_preview(request, pending, preview, page, form, status=400)
    _keep_choices(pending, form)
    every = PreviewForm(preview, dict(pending.choices))
    if not every.is_valid():
        page = importer.preview_page(preview, _first_error_page(preview, every))
        messages.error(
            request,
            f"Có giá trị chưa hợp lệ ở trang {page.number} (đánh dấu đỏ bên dưới). Chưa có gì được lưu.",
        )
        form = PreviewForm(preview, dict(pending.choices), page=page)
        form.is_valid()
        return _render_preview(request, pending, preview, page, form, status=400)
    try:
        with derived_after_saving():  # the officer waits for the records, not for the rules' check
            outcome = importer.apply(pending, request.user, every.decisions(), preview=preview)
    except importer.ImportFailed as error:
        messages.error(request, error.message)
        preview = importer.build_preview(pending, request.user)  # as stored now: nothing was saved
        page = _page_asked(preview, request.POST)
        form = PreviewForm(preview, request.POST, page=page)
        form.is_valid()
        return _render_preview(request, pending, preview, page, form, status=409)
    importer.discard(pending)
    request.session[OUTCOME_SESSION_KEY] = outcome.as_dict()
    messages.success(
        request,
        f"Đã lưu {sum(1 for d in outcome.documents if not d.error)} văn bản: "
        f"{outcome.total('created')} bản ghi mới, {outcome.total('updated')} "
        f"bản ghi cập nhật. Cảnh báo theo quy định và đối tác của kế hoạch được cập nhật ngay sau đó.",
    )
    return redirect("plans:import_done")


@login_required
@require_POST
def import_cancel(request, token):
    _require_importer(request)
    pending, response = _pending_or_redirect(request, token)
    if response:
        return response
    importer.discard(pending)
    messages.info(request, "Đã hủy lần nhập; không có gì được lưu.")
    return redirect("plans:import_start")


def _document_url(pk) -> str | None:
    if not pk:
        return None
    for name in ("plans:plandocument_detail", "plans:plandocument"):
        try:
            return reverse(name, args=[pk])
        except NoReverseMatch:
            continue
    return None


@login_required
def import_done(request):
    """What the last confirmed import saved, per document."""
    _require_importer(request)
    outcome = request.session.get(OUTCOME_SESSION_KEY)
    if not outcome:
        return redirect("plans:import_start")
    for document in outcome["documents"]:
        document["url"] = _document_url(document.get("plan_document_id"))
    return render(request, "plans/import_done.html", {"outcome": outcome, "nav_active": "import"})
