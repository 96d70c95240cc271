"""Downloads of the execution report, a delegation's briefing and the year's list of agreements.

``/xuat/bao-cao/?province=ID&year=YYYY[&half=1]&format=docx|pdf``,
``/xuat/doan/<pk>/tom-tat/?format=docx|pdf`` and
``/xuat/thoa-thuan/?province=ID&year=YYYY&format=docx|xlsx``. A province or a delegation the
user may not see is a 404, as on every page; a wrong parameter a 400 that
says, in Vietnamese, what is wrong. The API (``documents.api.report``) and
the commands take the same parameters through the same forms.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.template.response import TemplateResponse

from doingoai.accounts.scoping import visible_provinces
from doingoai.documents import agreement_list, briefing, report
from doingoai.documents.forms import AgreementListForm, FormatForm, ReportExportForm
from doingoai.documents.views_appendix import file_response
from doingoai.reports.selectors import execution_report


def report_for(user, values: dict):
    """The execution report the parsed ``values`` ask for; 404 for a province the user may not see."""
    province = visible_provinces(user).filter(pk=values["province"]).first()
    if province is None:
        raise Http404
    half = int(values["half"]) if values.get("half") else None
    return execution_report(user, province, values["year"], half)


def report_file(user, values: dict):
    """(bytes, content type, file name) of the report ``values`` ask for."""
    found = report_for(user, values)
    file_format = values["format"]
    return (
        report.write(found, file_format),
        report.FORMATS[file_format],
        report.report_filename(found, file_format),
    )


def briefing_file(user, pk: int, file_format: str):
    """(bytes, content type, file name) of delegation ``pk``'s briefing; 404 when the user may not see it."""
    delegation = briefing.visible_delegation(user, pk)
    if delegation is None:
        raise Http404
    data = briefing.write(briefing.briefing_context(delegation, user), file_format)
    return data, report.FORMATS[file_format], briefing.briefing_filename(delegation, file_format)


def _refused(request, message: str):
    return TemplateResponse(request, "core/400.html", {"message": message}, status=400).render()


@login_required
def report_download(request):
    form = ReportExportForm(request.GET)
    if not form.is_valid():
        return _refused(request, form.first_error())
    return file_response(*report_file(request.user, form.cleaned_data))


@login_required
def briefing_download(request, pk: int):
    form = FormatForm(request.GET)
    if not form.is_valid():
        return _refused(request, form.first_error())
    return file_response(*briefing_file(request.user, pk, form.cleaned_data["format"]))


def agreements_file(user, values: dict):
    """(bytes, content type, file name) of the year's list of agreements; 404 for a province not seen."""
    province = visible_provinces(user).filter(pk=values["province"]).first()
    if province is None:
        raise Http404
    listing = agreement_list.agreement_list(user, province, values["year"])
    file_format = values["format"]
    return (
        agreement_list.write(listing, file_format),
        agreement_list.FORMATS[file_format],
        listing.filename(file_format),
    )


@login_required
def agreements_download(request):
    form = AgreementListForm(request.GET)
    if not form.is_valid():
        return _refused(request, form.first_error())
    return file_response(*agreements_file(request.user, form.cleaned_data))
