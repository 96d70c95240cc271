"""Downloads of the plan's appendix tables: a plan year (``?province&year…``) or any filter of the list.

``/xuat/phu-luc/?province=ID&year=YYYY[&direction=out|in][&level=province|department]
[&unit=ID][&version=N]&format=docx|xlsx``; with ``danh-sach=1`` the other
parameters are the delegation list's filters and the tables hold the rows
the list shows. Views only route: the tables come from ``documents.exports``
and ``documents.appendix``, within what the user may see.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template.response import TemplateResponse

from doingoai.core.errors import InvalidInput
from doingoai.delegations import selectors
from doingoai.delegations.filtersets import DelegationFilterSet
from doingoai.documents import appendix
from doingoai.documents.forms import AppendixForm
from doingoai.documents.selectors import appendix_request


def file_response(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _refused(request, message: str) -> HttpResponse:
    return TemplateResponse(request, "core/400.html", {"message": message}, status=400).render()


@login_required
def appendix_download(request):
    file_format = request.GET.get("format", "")
    if request.GET.get("danh-sach"):
        if file_format not in appendix.FORMATS:
            return _refused(request, "Định dạng phải là docx (Word) hoặc xlsx (Excel).")
        filterset = DelegationFilterSet(
            request.GET, queryset=selectors.delegation_list(request.user), request=request
        )
        if not filterset.is_valid():
            return _refused(request, "Bộ lọc của danh sách không hợp lệ.")
        tables = appendix.list_appendices(filterset.qs)
        if not tables:
            return _refused(request, "Danh sách không có đoàn nào để xuất.")
    else:
        form = AppendixForm(request.GET)
        if not form.is_valid():
            return _refused(request, form.first_error())
        try:
            tables = appendix_request(request.user, form.cleaned_data)
        except InvalidInput as error:
            return _refused(request, error.message)
    return file_response(
        appendix.write(tables, file_format),
        appendix.FORMATS[file_format],
        appendix.file_name(tables, file_format),
    )
