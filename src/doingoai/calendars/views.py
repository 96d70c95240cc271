"""The calendars: the feed a calendar app reads (``/lich/<token>.ics``), and the page that makes them.

Views only route: creating and revoking an address are calls to
``calendars.services``, whose refusals are shown as messages; the feed is
built by ``calendars.feeds``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from doingoai.calendars import feeds, services
from doingoai.calendars.forms import FeedForm
from doingoai.calendars.models import CalendarFeed
from doingoai.core.errors import ServiceError


def feed_address(request, feed: CalendarFeed) -> str:
    """The absolute address of ``feed``'s .ics (what a calendar app subscribes to)."""
    return request.build_absolute_uri(reverse("calendars:feed", args=[feed.token]))


def own_feeds(user):
    return CalendarFeed.objects.filter(owner=user, revoked_at__isnull=True).select_related(
        "province", "unit", "person"
    )


@require_safe
def feed(request, token):
    """The calendar, without signing in: the secret address is the credential.

    A token unknown or revoked, an owner deactivated or no longer allowed to
    see what it serves: 404, the same answer for each.
    """
    found = (
        CalendarFeed.objects.select_related("owner", "owner__profile", "province", "unit", "person")
        .filter(token=token, revoked_at__isnull=True)
        .first()
    )
    if found is None or not services.may_follow(found.owner, found):
        raise Http404
    response = HttpResponse(
        feeds.build(found, request.build_absolute_uri), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="doingoai.ics"'
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@login_required
def calendars_page(request):
    rows = []
    for row in own_feeds(request.user):
        address = feed_address(request, row)
        rows.append({"feed": row, "address": address, "webcal": "webcal://" + address.split("://", 1)[1]})
    return render(
        request,
        "calendars/calendars.html",
        {"feeds": rows, "form": FeedForm(user=request.user)},
    )


@login_required
@require_POST
def feed_add(request):
    form = FeedForm(request.POST, user=request.user)
    if not form.is_valid():
        errors = [text for texts in form.errors.values() for text in texts]
        messages.error(request, f"Chưa tạo được địa chỉ lịch: {' '.join(errors)}")
        return redirect("calendars:calendars")
    values = form.cleaned_data
    try:
        created = services.feed_create(
            user=request.user,
            scope=values["scope"],
            province=values.get("province"),
            unit=values.get("unit"),
            person=values.get("person"),
        )
    except ServiceError as error:
        messages.error(request, f"Chưa tạo được địa chỉ lịch: {error.message}")
    else:
        messages.success(
            request, f"Đã tạo địa chỉ lịch «{created.label}»: sao chép địa chỉ vào ứng dụng lịch của bạn."
        )
    return redirect("calendars:calendars")


@login_required
@require_POST
def feed_revoke(request, pk):
    found = get_object_or_404(own_feeds(request.user), pk=pk)
    try:
        services.feed_revoke(found, user=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Đã thu hồi địa chỉ lịch «{found.label}»: địa chỉ cũ không còn dùng được.")
    return redirect("calendars:calendars")
