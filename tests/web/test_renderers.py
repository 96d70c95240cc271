"""``core.renderers.QuickRenderer`` writes the very markup of Django's widget templates, only faster."""

from __future__ import annotations

from django import forms
from django.forms.renderers import DjangoTemplates
from hypothesis import given, settings
from hypothesis import strategies as st

from doingoai.core.forms import MonthInput
from doingoai.core.renderers import QuickRenderer
from doingoai.plans.forms_import import PreviewForm

TEMPLATES, QUICK = DjangoTemplates(), QuickRenderer()
TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20)


class Every(forms.Form):
    """One field of each widget the quick renderer writes, and one it leaves to the templates."""

    text = forms.CharField(
        widget=forms.TextInput(attrs={"placeholder": 'Tên <đoàn> & "số"', "required": True})
    )
    area = forms.CharField(widget=forms.Textarea(attrs={"rows": 2, "aria-label": "Nội dung"}))
    month = forms.CharField(widget=MonthInput(attrs={"data-initial": "04/2025"}))
    number = forms.IntegerField(
        widget=forms.NumberInput(attrs={"min": 0, "class": "narrow", "hidden": False})
    )
    check = forms.BooleanField(required=False)
    choice = forms.ChoiceField(choices=[("", "—"), ("a", "Sở <Y tế>"), ("b", "Sở Ngoại vụ")])
    grouped = forms.ChoiceField(
        choices=[("Đoàn", [("out", "Đoàn ra"), ("in", "Đoàn vào")]), ("x", "Khác & mới")], required=False
    )
    many = forms.MultipleChoiceField(
        choices=[("1", "Một"), ("2", "Hai")], widget=forms.CheckboxSelectMultiple
    )


def _both(form: forms.Form) -> list[tuple[str, str]]:
    pairs = []
    for name in form.fields:
        form.renderer = TEMPLATES
        expected = str(form[name])
        form.renderer = QUICK
        pairs.append((expected, str(form[name])))
    return pairs


def test_every_widget_is_written_as_the_templates_write_it():
    unbound = Every(initial={"text": "a", "number": 5, "check": True, "choice": "a", "grouped": "in"})
    bound = Every({"text": "<b>x</b>", "area": "dòng 1\ndòng 2 & <3", "choice": "b", "many": ["2"]})
    bound.is_valid()
    for form in (unbound, bound):
        for expected, quick in _both(form):
            assert quick == expected


@settings(max_examples=60, deadline=None)
@given(TEXT, TEXT, TEXT)
def test_any_value_is_escaped_as_the_templates_escape_it(value, label, attribute):
    class Form(forms.Form):
        text = forms.CharField(widget=forms.TextInput(attrs={"title": attribute}))
        area = forms.CharField(widget=forms.Textarea)
        choice = forms.ChoiceField(choices=[(value, label), ("b", attribute)])

    form = Form({"text": value, "area": value, "choice": value})
    for expected, quick in _both(form):
        assert quick == expected


def test_the_preview_form_uses_it():
    assert isinstance(PreviewForm.default_renderer, QuickRenderer)
