"""How fast the header's search and the plan year's timeline answer on 200,000 delegations.

The same load as ``web_pages.py`` (``generate_delegations.py``: 24 provinces,
ten years; reused when the database already holds it), the same two users:
an office user granted every province (sees all 200,000 rows) and a unit
user of one province. Times, with Django's test client (the whole request),
after a warm-up, ``--requests`` times each:

- the search page ``/tim-kiem/?q=…`` and ``GET /api/search/?q=…`` for a few
  queries (a place with several spellings, a country, a word found almost
  everywhere), every kind searched;
- the timeline ``/tong-hop/dong-thoi-gian/`` of the user's province for the
  busiest plan year, with every state, and of one unit.

Prints the median and 95th percentile of each, and the number of SQL queries
of one request.

    uv run python benchmarks/search_timeline.py --database-url postgres://postgres@127.0.0.1:5432/NAME
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from web_pages import load, prepare_postgres, setup_django  # noqa: E402

QUERIES = ("champasak", "han quoc", "hop tac", "ha lan")


def timed(client, url: str, runs: int, warmup: int) -> tuple[float, float, int, int]:
    """(median ms, p95 ms, SQL queries of one request, status) of ``url``."""
    from django.core.signals import request_started
    from django.db import connection, reset_queries

    for _ in range(warmup):
        client.get(url)
    request_started.disconnect(reset_queries)  # else the request empties the log being read
    connection.force_debug_cursor = True
    connection.queries_log.clear()
    try:
        status = client.get(url).status_code
        queries = len(connection.queries_log)
    finally:
        connection.force_debug_cursor = False
        request_started.connect(reset_queries)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)], queries, status


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True, help="PostgreSQL URL of the benchmark database")
    parser.add_argument("--count", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    prepare_postgres(args.database_url, fresh=False)
    setup_django(args.database_url)
    info = load(args.count, args.seed)

    from django.contrib.auth import get_user_model
    from django.db.models import Count
    from django.test import Client

    from doingoai.accounts.scoping import default_province, user_unit
    from doingoai.delegations.models import Delegation

    print(f"{'request':<58} {'user':<7} {'median':>8} {'p95':>8} {'SQL':>4}")
    for role in ("office", "unit"):
        user = get_user_model().objects.get(username=info[role])
        client = Client()
        client.force_login(user)
        province = default_province(user)
        busiest = (
            Delegation.objects.filter(province=province)
            .values("year")
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()["year"]
        )
        urls = [f"/tim-kiem/?q={q.replace(' ', '+')}" for q in QUERIES]
        urls += [f"/api/search/?q={q.replace(' ', '+')}&limit=10" for q in QUERIES]
        urls.append(f"/tong-hop/dong-thoi-gian/?province={province.pk}&year={busiest}&state=all")
        unit = user_unit(user)
        if unit is not None:
            urls.append(f"/tong-hop/dong-thoi-gian/?province={province.pk}&year={busiest}&unit={unit.pk}")
        for url in urls:
            median, p95, queries, status = timed(client, url, args.requests, args.warmup)
            flag = "" if status == 200 else f"  (HTTP {status})"
            print(f"{url:<58} {role:<7} {median:>6.0f}ms {p95:>6.0f}ms {queries:>4}{flag}")


if __name__ == "__main__":
    main()
