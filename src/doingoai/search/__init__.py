"""One search box for the whole site: delegations, partners, agreements, tasks, units, plan documents.

``selectors.search`` asks each kind's own list selector for the rows the user
may see and ranks them with the site's search (``core.models.ActiveQuerySet.ranked``:
words folded, whole words, in order, a match in the name first), so the box
finds exactly what each list's own search finds. The page is ``/tim-kiem/``,
the API ``GET /api/search/``.
"""
