"""API routes of the calendar feeds."""

from doingoai.calendars.api.views import CalendarFeedViewSet


def register(router) -> None:
    router.register("calendar-feeds", CalendarFeedViewSet, basename="calendar-feed")
