"""How fast the dashboard and its map answer on 200,000 delegations (target: p95 < 300 ms on PostgreSQL).

Fills (or reuses) the database of ``web_pages.py`` (24 provinces, ten years,
``generate_delegations.py``), then times, with Django's test client (the
whole request), for the office user of the first province granted every
province and for a unit user: the dashboard page (figures and both maps),
``GET /api/dashboard/``, each for the busiest year and another. Prints the
median and 95th percentile, the queries per request and their time.

    uv run python benchmarks/dashboard.py --database-url postgres://postgres@127.0.0.1:5432/doingoai_bench
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from web_pages import _percentile, load, measure, prepare_postgres, setup_django  # noqa: E402


def requests_for(user, province_id: int) -> list[tuple[str, list[str]]]:
    from django.db.models import Count

    from doingoai.delegations.models import Delegation

    years = [
        year
        for year, _n in Delegation.objects.filter(province_id=province_id)
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by("-n")[:2]
    ]
    page = [f"/tong-quan/?province={province_id}&year={year}" for year in years]
    api = [f"/api/dashboard/?province={province_id}&year={year}" for year in years]
    return [("dashboard page (figures, two maps)", page), ("GET /api/dashboard/", api)]


def run(args) -> int:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from doingoai.organization.models import Province

    info = load(args.count, args.seed)
    province = Province.objects.get(code=info["province"])  # the generator's first province
    print(f"\n{connection.vendor}: {args.count:,} delegations, {args.requests} timed requests each\n")
    header = f"{'user':<7} {'request':<36} {'status':>6} {'median ms':>10} {'p95 ms':>8} {'SQL ms':>7}"
    print(header)
    print("-" * len(header))
    worst = 0.0
    for role in ("office", "unit"):
        user = get_user_model().objects.get(username=info[role])
        client = Client(raise_request_exception=False)
        client.force_login(user)
        for label, urls in requests_for(user, province.pk):
            timings, status, sql = measure(client, urls, args.requests, args.warmup)
            if not timings:
                print(f"{role:<7} {label:<36} {status!s:>6}")
                return 1
            p95 = _percentile(timings, 0.95)
            worst = max(worst, p95)
            print(
                f"{role:<7} {label:<36} {status!s:>6} {_percentile(timings, 0.5):>10.1f} {p95:>8.1f} "
                f"{_percentile(sql, 0.5):>7.1f}"
            )
    verdict = "đạt" if worst < 300 else "CHƯA ĐẠT"
    print(f"\np95 lớn nhất: {worst:.0f} ms (mục tiêu < 300 ms: {verdict})")
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", help="PostgreSQL URL (default: SQLite in a temporary folder)")
    parser.add_argument("--count", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--fresh", action="store_true", help="PostgreSQL: drop and refill the database")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="doingoai-bench-") as tmp:
        os.environ["DOINGOAI_DATA_DIR"] = tmp
        if args.database_url:
            prepare_postgres(args.database_url, args.fresh)
            url = args.database_url
        else:
            url = f"sqlite:///{tmp}/bench.sqlite3"
        setup_django(url)
        sys.exit(run(args))


if __name__ == "__main__":
    main()
