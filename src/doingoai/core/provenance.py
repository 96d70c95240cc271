"""Which fields of a record read from a document an officer has changed, and what that settles.

One rule, used by every service that edits a delegation or an agreement and
by the importer that reads the document again:

- an officer's change to a field the document fills is remembered in
  ``edited_fields`` (with the fields that move with it: correcting the start
  month protects the end month too), so a re-import keeps it unless the
  officer chooses the document's value;
- the review reasons about a field an officer corrected are dealt with and
  dropped.
"""

from __future__ import annotations

from collections.abc import Iterable

#: fields that move together: editing one of them makes the others "edited" too
FIELD_GROUPS = {
    "period": ("period_start", "period_end", "period_tentative"),
    "people": ("people_min", "people_max", "people_per_delegation"),
    "duration": ("duration_min", "duration_max", "duration_unit"),
    "funding": ("funding", "funding_categories"),
    "countries": ("countries", "countries_open"),
}


def expand_fields(names: Iterable[str] | None) -> set[str]:
    """Model field names with the fields that move with them (a group name stands for its fields)."""
    out: set[str] = set()
    for name in names or ():
        out.update(FIELD_GROUPS.get(name, (name,)))
        for members in FIELD_GROUPS.values():
            if name in members:
                out.update(members)
    return out


def answered(review: list, review_fields: dict[str, tuple[str, ...]], corrected: set[str]) -> list:
    """The review reasons that ``corrected`` fields do not answer (the others are dealt with)."""
    return [
        item
        for item in review or []
        if not (isinstance(item, dict) and set(review_fields.get(item.get("field"), ())) & corrected)
    ]


def mark_edited(obj, changed: Iterable[str]) -> set[str]:
    """Record an officer's change of ``changed`` fields on a record read from a document.

    Returns the provenance fields modified (``edited_fields``, ``review``), to
    be saved with the change. A record typed by hand has nothing to protect.
    """
    if not getattr(obj, "from_document", False):
        return set()
    sourced = set(obj.sourced_fields)
    edited = [name for name in changed if name in sourced]
    if not edited:
        return set()
    touched: set[str] = set()
    merged = list(dict.fromkeys([*(obj.edited_fields or []), *sorted(edited)]))
    if merged != list(obj.edited_fields or []):
        obj.edited_fields = merged
        touched.add("edited_fields")
    review = answered(obj.review, obj.review_fields, expand_fields(edited))
    if review != list(obj.review or []):
        obj.review = review
        touched.add("review")
    return touched
