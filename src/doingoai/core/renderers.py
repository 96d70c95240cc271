"""A form renderer that writes the common inputs directly, for pages with a thousand of them.

Django renders every widget through its templates: an ``include`` for the
input, another for its attributes, one more per option of a list. About a
millisecond an input: on a page of the import's preview (50 rows of some
twenty inputs, each row with the province's units to choose from) that was
most of the second the officer waited for each page. ``QuickRenderer``
writes text, number and checkbox inputs, text areas and lists itself, with
exactly the markup of Django's templates (``tests/web/test_renderers.py``
compares them), and leaves everything else (error lists, other widgets) to
the templates.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

_WIDGETS = "django/forms/widgets/"
_INPUTS = {f"{_WIDGETS}{name}.html" for name in ("input", "text", "number", "checkbox", "email", "url")}


def _text(value) -> str:
    """``{{ value|stringformat:'s' }}``: the value as text, escaped unless already safe."""
    return conditional_escape(str(value))


def _attrs(attrs: dict) -> str:
    """``attrs.html``: ` name="value"` each, a bare ` name` for True, nothing for False."""
    return "".join(
        f" {conditional_escape(name)}" if value is True else f' {conditional_escape(name)}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
    head = f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
    return f"{head}{value}{_attrs(widget['attrs'])}>"


def _textarea(widget: dict) -> str:
    value = _text(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


def _option(option: dict) -> str:
    label = conditional_escape(option["label"])
    return f'<option value="{_text(option["value"])}"{_attrs(option["attrs"])}>{label}</option>'


def _select(widget: dict) -> str:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        parts.extend(f"\n  {_option(option)}\n" for option in group_choices)  # the include's own newline
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class QuickRenderer(DjangoTemplates):
    """Django's renderer, but text, number and checkbox inputs, text areas and lists written directly."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if widget is not None:
            if template_name in _INPUTS:
                return mark_safe(_input(widget))
            if template_name == f"{_WIDGETS}textarea.html":
                return mark_safe(_textarea(widget))
            if template_name == f"{_WIDGETS}select.html" and all(
                option.get("template_name") == f"{_WIDGETS}select_option.html"
                for _name, options, _index in widget["optgroups"]
                for option in options
            ):
                return mark_safe(_select(widget))
        return super().render(template_name, context, request)
