"""The form of the calendars page: which delegations a new address serves."""

from __future__ import annotations

from django import forms

from doingoai.accounts.scoping import visible_provinces
from doingoai.calendars import services
from doingoai.calendars.models import CalendarFeed
from doingoai.people.models import Person

INVALID = "Lựa chọn không hợp lệ: hãy chọn lại."


class FeedForm(forms.Form):
    """Only what ``user`` may follow is offered (the service decides again)."""

    scope = forms.ChoiceField(
        label="Lịch của",
        choices=CalendarFeed.Scope.choices,
        error_messages={"required": "Hãy chọn lịch muốn theo dõi.", "invalid_choice": INVALID},
    )
    province = forms.ModelChoiceField(
        label="Tỉnh",
        queryset=None,
        required=False,
        empty_label="Tỉnh của tài khoản",
        error_messages={"invalid_choice": INVALID},
    )
    unit = forms.ModelChoiceField(
        label="Đơn vị",
        queryset=None,
        required=False,
        empty_label="— chọn đơn vị —",
        error_messages={"invalid_choice": INVALID},
    )
    person = forms.ModelChoiceField(
        label="Người (lãnh đạo)",
        queryset=None,
        required=False,
        empty_label="— chọn người —",
        error_messages={"invalid_choice": INVALID},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = visible_provinces(user).order_by("name")
        self.fields["unit"].queryset = services.followable_units(user).order_by("province__name", "name")
        people = [person.pk for person in services.followable_people(user)]
        self.fields["person"].queryset = Person.objects.filter(pk__in=people).select_related("province")
        choices = [(CalendarFeed.Scope.PROVINCE, "Cả tỉnh")]
        if self.fields["unit"].queryset.exists():
            choices.append((CalendarFeed.Scope.UNIT, "Một đơn vị"))
        if people:
            choices.append((CalendarFeed.Scope.PERSON, "Lịch công tác của một lãnh đạo"))
        self.fields["scope"].choices = choices
        if self.fields["province"].queryset.count() < 2:
            self.fields["province"].widget = forms.HiddenInput()
        offered = {value for value, _label in choices}
        if CalendarFeed.Scope.PERSON not in offered:
            del self.fields["person"]
        if CalendarFeed.Scope.UNIT not in offered:
            del self.fields["unit"]
