"""The collection's pages: the round (opened by the office, answered by the units, its files), contacts,
reminders.

Views only route: every change is a call to ``collection.services`` or
``organization.services``, whose refusals are shown as messages.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from doingoai.accounts.scoping import (
    default_province,
    scope,
    user_unit,
    visible_province_ids,
    visible_provinces,
)
from doingoai.collection import services
from doingoai.collection.forms import AnswerForm, ContactForm, RoundDeadlineForm, RoundFileForm, RoundOpenForm
from doingoai.collection.models import CollectionRound, Reminder
from doingoai.collection.selectors import current_round, round_progress
from doingoai.core.attachments import attachments_of
from doingoai.core.errors import ServiceError
from doingoai.organization import services as organization_services
from doingoai.organization.models import Contact, Unit


def _province(request):
    provinces = visible_provinces(request.user).order_by("name")
    chosen = provinces.filter(pk=_id(request.GET.get("province"))).first()
    return chosen or default_province(request.user), provinces


def _rounds(user):
    """The rounds of the provinces ``user`` sees."""
    return CollectionRound.objects.filter(province__in=visible_province_ids(user))


def _id(value) -> int:
    """A row id from the request, 0 when it is none."""
    return int(value) if isinstance(value, str) and value.isdigit() else 0


def _refused(request, error: ServiceError) -> None:
    messages.error(request, error.message)


def _round_url(round: CollectionRound) -> str:
    """The round's page (its province named, for those who see several)."""
    return f"{reverse('collection:round')}?{urlencode({'province': round.province_id, 'dot': round.pk})}"


@login_required
def round_page(request):
    province, provinces = _province(request)
    if province is None:
        raise Http404
    rounds = CollectionRound.objects.filter(province=province)
    chosen = rounds.filter(pk=_id(request.GET.get("dot"))).first() or current_round(province.pk)
    office = services.can_run_rounds(request.user, province.pk)
    unit = user_unit(request.user)
    context = {
        "province": province,
        "provinces": provinces,
        "rounds": rounds,
        "round": chosen,
        "office": office,
        "unit": unit,
        "open_form": RoundOpenForm() if office else None,
        "deadline_form": RoundDeadlineForm() if office and chosen else None,
        "files": attachments_of(chosen) if chosen else [],
        "file_form": RoundFileForm() if office and chosen else None,
        "nav_active": "plan_year",
        "tab": "round",
    }
    if chosen is not None:
        progress = round_progress(chosen)
        context["progress"] = progress
        if unit is not None and not office:
            context["mine"] = next((row for row in progress.units if row.unit.pk == unit.pk), None)
    return render(request, "collection/round.html", context)


@login_required
@require_POST
def round_open(request):
    province, _ = _province(request)
    form = RoundOpenForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Hãy ghi năm và hạn gửi đề xuất (dd/mm/yyyy).")
        return redirect("collection:round")
    try:
        round = services.round_open(user=request.user, province=province, **form.cleaned_data)
    except ServiceError as error:
        _refused(request, error)
        return redirect("collection:round")
    messages.success(request, f"Đã mở đợt thu thập đề xuất năm {round.year}.")
    return redirect(f"/thu-thap/?dot={round.pk}")


@login_required
@require_POST
def round_change(request, pk):
    round = get_object_or_404(_rounds(request.user), pk=pk)
    close = request.POST.get("close") == "1"
    form = RoundDeadlineForm(request.POST)
    deadline = form.cleaned_data["deadline"] if not close and form.is_valid() else None
    if not close and deadline is None:
        messages.error(request, "Hãy ghi hạn mới (dd/mm/yyyy).")
    else:
        try:
            services.round_update(round, user=request.user, deadline=deadline, close=close)
        except ServiceError as error:
            _refused(request, error)
        else:
            messages.success(request, "Đã kết thúc đợt thu thập." if close else "Đã đổi hạn gửi đề xuất.")
    return redirect(f"/thu-thap/?dot={round.pk}")


@login_required
@require_POST
def round_answer(request, pk):
    round = get_object_or_404(_rounds(request.user), pk=pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Yêu cầu không hợp lệ.")
        return redirect(f"/thu-thap/?dot={round.pk}")
    values = form.cleaned_data
    unit = None
    if values.get("unit"):
        unit = Unit.objects.filter(pk=values["unit"], province=round.province).first()
    action = services.round_submit if values["action"] == "submit" else services.round_declare_none
    try:
        answer = action(round, user=request.user, unit=unit, note=values.get("note") or "")
    except ServiceError as error:
        _refused(request, error)
    else:
        messages.success(request, f"{answer.unit.name}: {answer.get_kind_display().lower()}.")
    return redirect(f"/thu-thap/?dot={round.pk}")


@login_required
@require_POST
def round_file_add(request, pk):
    """The office attaches a file to the round; a refused file is said on the round's page."""
    round = get_object_or_404(scope(CollectionRound.objects.all(), request.user), pk=pk)
    form = RoundFileForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = [text for texts in form.errors.values() for text in texts]
        messages.error(request, f"Chưa đính kèm được: {' '.join(errors)}")
        return redirect(_round_url(round))
    upload = form.cleaned_data["file"]
    try:
        services.round_attach(
            round,
            user=request.user,
            name=upload.name,
            data=upload.read(),
            description=form.cleaned_data["description"],
        )
    except ServiceError as error:
        messages.error(request, f"Chưa đính kèm được: {error.message}")
    else:
        messages.success(request, f"Đã đính kèm tệp {upload.name}.")
    return redirect(f"{_round_url(round)}#tep")


@login_required
@require_POST
def round_file_remove(request, pk, attachment):
    round = get_object_or_404(scope(CollectionRound.objects.all(), request.user), pk=pk)
    file = get_object_or_404(attachments_of(round), pk=attachment)
    try:
        services.round_detach(file, user=request.user)
    except ServiceError as error:
        _refused(request, error)
    else:
        messages.success(request, f"Đã xóa tệp {file.name}.")
    return redirect(f"{_round_url(round)}#tep")


@login_required
def contacts_page(request, pk):
    unit = get_object_or_404(scope(Unit.objects.all(), request.user), pk=pk)
    editable = organization_services.can_keep_contacts(request.user, unit)
    editing = None
    if request.GET.get("sua"):
        editing = Contact.objects.filter(unit=unit, pk=_id(request.GET["sua"])).first()
    if request.method == "POST" and editable:
        if request.POST.get("delete"):
            contact = get_object_or_404(Contact, unit=unit, pk=_id(request.POST["delete"]))
            organization_services.contact_delete(contact, user=request.user)
            messages.success(request, "Đã xóa người liên hệ.")
            return redirect(request.path)
        contact = Contact.objects.filter(unit=unit, pk=_id(request.POST.get("contact"))).first()
        form = ContactForm(request.POST)
        if form.is_valid():
            try:
                organization_services.contact_save(unit, contact, user=request.user, values=form.cleaned_data)
            except ServiceError as error:
                for field, texts in getattr(error, "errors", {"__all__": [error.message]}).items():
                    for text in texts:
                        form.add_error(field if field in form.fields else None, text)
            else:
                messages.success(request, "Đã lưu người liên hệ.")
                return redirect(request.path)
        editing = contact
    else:
        form = ContactForm(instance=editing)
    return render(
        request,
        "collection/contacts.html",
        {
            "unit": unit,
            "contacts": Contact.objects.filter(unit=unit),
            "form": form if editable else None,
            "editing": editing,
            "nav_active": "units",
        },
    )


@login_required
def reminders_page(request):
    """The reminders sent to this person: to their own address, or to their unit's contacts."""
    unit = user_unit(request.user)
    sent = Reminder.objects.none()
    if request.user.email:
        sent = Reminder.objects.filter(email=request.user.email.lower())
    if unit is not None:
        sent = sent | Reminder.objects.filter(unit=unit)
    return render(
        request,
        "collection/reminders.html",
        {"reminders": sent.order_by("-sent_at", "-pk")[:200], "unit": unit, "nav_active": "inbox"},
    )
