"""The calendars' pages, under /lich/: the user's addresses, and each feed (``<token>.ics``)."""

from django.urls import path

from doingoai.calendars import views

app_name = "calendars"
urlpatterns = [
    path("", views.calendars_page, name="calendars"),
    path("them/", views.feed_add, name="feed_add"),
    path("<int:pk>/thu-hoi/", views.feed_revoke, name="feed_revoke"),
    path("<slug:token>.ics", views.feed, name="feed"),
]
