"""The search page, ``/tim-kiem/?q=…``: what the header's box finds, grouped by kind."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from doingoai.search import selectors
from doingoai.search.forms import SearchForm

#: results shown on the page: a few of each kind, more when one kind is asked for
PER_KIND, ONE_KIND = selectors.DEFAULT_LIMIT, 50


@login_required
def results_page(request):
    form = SearchForm(request.GET)
    query = (request.GET.get("q") or "").strip()
    context = {"form": form, "search_query": query, "results": None}
    if query and form.is_valid():
        kind = form.cleaned_data["kind"]
        context["kind"] = selectors.KIND_BY_KEY.get(kind)
        context["results"] = selectors.search(
            request.user,
            form.cleaned_data["q"],
            kinds=[kind] if kind else None,
            limit=form.cleaned_data["limit"] or (ONE_KIND if kind else PER_KIND),
        )
    return render(request, "search/results.html", context)
