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


def _render_preview(request, pending, preview, form, status=200):
    form.bind_rows()
    return render(
        request,
        "plans/import_preview.html",
        {
            "pending": pending,
            "preview": preview,
            "form": form,
            "nav_active": "import",
            "status_labels": importer.STATUS_LABELS,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_start(request):
    """Choose the files (several at once) and, if needed, the province."""
    _require_importer(request)
    form = UploadForm(request.user, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        # A file over the limit is read only far enough for the importer to say it is too big.
        files = [
            (upload.name, upload.read(importer.MAX_FILE_BYTES + 1)) for upload in form.cleaned_data["files"]
        ]
        pending = importer.stage(files, request.user, province=form.cleaned_data.get("province"))
        return redirect("plans:import_preview", token=pending.token)
    return render(
        request,
        "plans/import_start.html",
        {
            "form": form,
            "nav_active": "import",
            "unit": importer.user_unit_of(request.user),
        },
    )


@login_required
def import_preview(request, token):
    """Every record of every file, what saving would do, and the officer's choices."""
    _require_importer(request)
    pending, response = _pending_or_redirect(request, token)
    if response:
        return response
    preview = importer.build_preview(pending, request.user)
    return _render_preview(request, pending, preview, PreviewForm(preview))


@login_required
@require_POST
def import_confirm(request, token):
    """Save with the officer's choices, all or nothing."""
    _require_importer(request)
    pending, response = _pending_or_redirect(request, token)
    if response:
        return response
    preview = importer.build_preview(pending, request.user)
    form = PreviewForm(preview, request.POST)
    if not form.is_valid():
        messages.error(request, "Có giá trị chưa hợp lệ (đánh dấu đỏ bên dưới). Chưa có gì được lưu.")
        return _render_preview(request, pending, preview, form, status=400)
    try:
        outcome = importer.apply(pending, request.user, form.decisions())
    except importer.ImportFailed as error:
        messages.error(request, error.message)
        return _render_preview(request, pending, preview, form, status=409)
    importer.discard(pending)
    request.session[OUTCOME_SESSION_KEY] = outcome.as_dict()
    messages.success(
        request,
        f"Đã lưu {sum(1 for d in outcome.documents if not d.error)} văn bản: "
        f"{outcome.total('created')} bản ghi mới, {outcome.total('updated')} "
        f"bản ghi cập nhật.",
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
