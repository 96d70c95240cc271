"""How fast the pages an officer uses most answer on 200,000 delegations.

Fills a database with ``generate_delegations.py`` (24 provinces, ten years),
then times, with Django's test client (the whole request: middleware,
session, scoping, queries, template or JSON rendering), for two users:

- an office user of one province granted ALL provinces (sees 200,000 rows),
- a unit user of that province (sees its ~8,000 rows);

these requests, after a warm-up, ``--requests`` times each (default 60):

- the list with a filter: ``?year=2024&direction=out&country=LA``,
- the search box: ``?q=champasak``,
- a delegation's page (several delegations in turn, some with a history),
- the API list: ``/api/delegations/?limit=50``.

It prints the median and 95th percentile per request, the number of SQL
queries and their total time in one request (the rest is Python: views,
forms, templates, serializers), the slowest query, and with ``--explain`` the plan of the slowest
query of each request (``EXPLAIN ANALYZE`` on PostgreSQL, ``EXPLAIN QUERY
PLAN`` on SQLite). Target: p95 < 100 ms for each on PostgreSQL. For the list and
the search it also times their bare SQL (``bare_queries``: the rows shown and
the capped count, hand-written) and prints beside it the p95 of the SQL each
page runs (target: within 3×) and of the whole page.

    uv run python benchmarks/web_pages.py                      # SQLite, a file in a temp dir
    uv run python benchmarks/web_pages.py --sqlite-path /tmp/bench.sqlite3   # SQLite, kept for reuse
    uv run python benchmarks/web_pages.py --database-url postgres://postgres@127.0.0.1:5432/doingoai_bench

On PostgreSQL the database is created when missing and filled once; later
runs reuse it when it holds the same number of delegations (``--fresh``
drops and refills it).
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

TARGET_MS = 100.0


def _percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (p95 of 60 samples is the 57th smallest)."""
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered) + 0.4999))
    return ordered[min(rank, len(ordered)) - 1]


def prepare_postgres(url: str, fresh: bool) -> None:
    """Create the benchmark database if missing (dropped first with ``fresh``)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}", file=sys.stderr)


def setup_django(database_url: str) -> None:
    import logging
    import warnings

    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic here
    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # failures are reported in the table
    os.environ["DATABASE_URL"] = database_url
    os.environ["DOINGOAI_DEBUG"] = "0"  # timings as in production: no query log, no debug pages
    os.environ["DOINGOAI_ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    # production refuses to start without a key
    os.environ.setdefault("DOINGOAI_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doingoai.settings")
    import django

    django.setup()


def load(count: int, seed: int) -> dict:
    """Migrate, and fill the database unless it already holds this load."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from generate_delegations import BENCH_PASSWORD, PROVINCES, populate

    from doingoai.delegations.models import Delegation

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrated in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    have = Delegation.objects.count()
    if have == count and get_user_model().objects.filter(username="bench-office").exists():
        print(f"reusing the {have:,} delegations already there", file=sys.stderr)
        info = {
            "province": PROVINCES[0][0],
            "office": "bench-office",
            "unit": "bench-unit",
            "password": BENCH_PASSWORD,
            "seconds": 0.0,
        }
    elif have:
        sys.exit(f"the database holds {have:,} delegations, not {count:,}: use --fresh or another database")
    else:
        print(f"generating {count:,} delegations …", file=sys.stderr)
        info = populate(count, seed=seed)
        print(f"generated in {info['seconds']:.0f} s", file=sys.stderr)
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")
    print(f"analyzed in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    from doingoai.core.serving import settle

    settle()  # as the production server's process does once started (``doingoai.wsgi``)
    return info


def detail_ids(user, limit: int = 10) -> list[int]:
    """Delegations the user may see: those with a history first, then others spread over the years."""
    from doingoai.accounts.scoping import scope
    from doingoai.delegations.models import Delegation

    visible = scope(Delegation.objects.all(), user)
    with_history = list(
        visible.filter(pk__in=Delegation.history.values("id")).values_list("pk", flat=True)[:5]
    )
    others = list(
        visible.exclude(pk__in=with_history)
        .order_by("year", "pk")
        .values_list("pk", flat=True)[:: max(1, visible.count() // limit)][: limit - len(with_history)]
    )
    return with_history + others


def requests_for(user) -> list[tuple[str, list[str]]]:
    """(label, URLs taken in turn) of the measured requests."""
    from django.urls import NoReverseMatch, reverse

    listing = reverse("delegations:delegation_list")
    ids = detail_ids(user)
    try:
        details = [reverse("delegations:delegation_detail", args=[pk]) for pk in ids]
    except NoReverseMatch:  # the NetBox-style name
        details = [reverse("delegations:delegation", args=[pk]) for pk in ids]
    return [
        ("list ?year=2024&direction=out&country=LA", [f"{listing}?year=2024&direction=out&country=LA"]),
        ("search ?q=champasak", [f"{listing}?q=champasak"]),
        ("detail page", details),
        ("API /api/delegations/?limit=50", ["/api/delegations/?limit=50"]),
    ]


#: the page may take at most this many times the bare SQL of its rows (list and search)
BARE_RATIO_TARGET = 3.0


def bare_queries(user) -> dict[str, list[tuple[str, list]]]:
    """The hand-written SQL of what the list and the search show: their 50 rows and their (capped) count.

    What a page costs beyond this is the application's (scoping, filters,
    the ORM, the table, the template). The same columns, order, scope and
    search patterns as the pages (``core.models.search_patterns``).
    """
    from doingoai.accounts.scoping import visible_province_ids
    from doingoai.core.api.pagination import COUNT_CAP
    from doingoai.core.models import search_patterns

    ids = visible_province_ids(user)
    scope = f"d.deleted_at IS NULL AND d.province_id IN ({', '.join(['%s'] * len(ids))})"
    columns = (
        "d.id, d.tt, d.name, d.leader, d.countries, d.countries_open, d.period_start, d.period_end, "
        "d.people_min, d.people_max, d.status, d.year, d.direction, d.level, d.review, u.name"
    )
    rows = "FROM delegations_delegation d LEFT JOIN organization_unit u ON u.id = d.owner_id"
    order = "d.year DESC, d.direction, d.source_table, d.id"
    head, anywhere = search_patterns("champasak")

    def page_and_count(where: str, params: list, rank: str = "", rank_params: tuple = ()) -> list:
        return [
            (
                f"SELECT {columns} {rows} WHERE {where} ORDER BY {rank}{order} LIMIT 50",
                [*params, *rank_params],
            ),
            (
                f"SELECT COUNT(*) FROM (SELECT 1 FROM delegations_delegation d WHERE {where} "
                f"LIMIT {COUNT_CAP + 1}) t",
                params,
            ),
        ]

    return {
        "list ?year=2024&direction=out&country=LA": page_and_count(
            f"{scope} AND d.year = %s AND d.direction = %s AND d.countries_key LIKE %s",
            [*ids, 2024, "out", "%,LA,%"],
        ),
        "search ?q=champasak": page_and_count(
            f"{scope} AND d.search_text LIKE %s",
            [*ids, anywhere],
            "CASE WHEN d.search_text LIKE %s THEN 0 ELSE 1 END, ",
            (head,),
        ),
    }


def measure_bare(statements: list[tuple[str, list]], n: int, warmup: int) -> list[float]:
    """Timings (ms) of running ``statements`` and reading their rows, ``n`` times after ``warmup``."""
    from django.db import connection

    timings = []
    with connection.cursor() as cursor:
        for i in range(warmup + n):
            t0 = time.perf_counter()
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()
            if i >= warmup:
                timings.append((time.perf_counter() - t0) * 1000)
    return timings


def explain(sql: str, params) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join("      " + " ".join(str(c) for c in row) for row in cursor.fetchall())


def measure(client, urls: list[str], n: int, warmup: int) -> tuple[list[float], int | str, list[float]]:
    """Timings (ms) of ``n`` requests after ``warmup``, their status, and the time of each one's SQL (ms).

    ([], "500 TypeError: …", []) when a page fails.
    """
    from django.db import connection

    status: int | str = 0
    for i in range(warmup):
        response = client.get(urls[i % len(urls)])
        status = response.status_code
        if status != 200:
            error = getattr(response, "exc_info", None)
            if error:
                status = f"{status} {error[0].__name__}: {error[1]}"
            return [], status, []
    timings, sql_timings = [], []
    spent = [0.0]

    def timed(execute, sql, params, many, context):
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent[0] += time.perf_counter() - t0

    with connection.execute_wrapper(timed):
        for i in range(n):
            spent[0] = 0.0
            t0 = time.perf_counter()
            response = client.get(urls[i % len(urls)])
            if response.streaming:
                b"".join(response.streaming_content)
            timings.append((time.perf_counter() - t0) * 1000)
            sql_timings.append(spent[0] * 1000)
            status = response.status_code
    return timings, status, sql_timings


def queries_of(client, url: str) -> list[dict]:
    """The SQL one request runs, with its parameters and its time (ms)."""
    from django.db import connection

    queries: list[dict] = []

    def timed(execute, sql, params, many, context):
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append({"sql": sql, "params": params, "ms": (time.perf_counter() - t0) * 1000})

    with connection.execute_wrapper(timed):
        client.get(url)
    return queries


def run(args) -> int:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    info = load(args.count, args.seed)
    vendor = connection.vendor
    version = connection.cursor().connection.info.server_version if vendor == "postgresql" else None
    print(
        f"\n{vendor}{f' {version}' if version else ''}: {args.count:,} delegations, "
        f"{args.requests} timed requests each after {args.warmup} warm-up\n"
    )
    header = (
        f"{'user':<7} {'request':<42} {'status':>6} {'median ms':>10} {'p95 ms':>8} {'queries':>8} "
        f"{'SQL ms':>7} {'slowest SQL ms':>15}"
    )
    print(header)
    print("-" * len(header))
    results = []
    plans = []
    for role in ("office", "unit"):
        user = get_user_model().objects.get(username=info[role])
        client = Client(raise_request_exception=False)
        client.force_login(user)
        for label, urls in requests_for(user):
            timings, status, sql_timings = measure(client, urls, args.requests, args.warmup)
            queries = queries_of(client, urls[0])
            slowest = max(queries, key=lambda q: q["ms"]) if queries else {"sql": "", "ms": 0.0}
            if timings:
                median, p95 = statistics.median(timings), _percentile(timings, 0.95)
            else:
                median = p95 = float("nan")
            sql_p95 = _percentile(sql_timings, 0.95) if sql_timings else float("nan")
            results.append((role, label, status, median, p95, sql_p95))
            sql_ms = sum(q["ms"] for q in queries)
            print(
                f"{role:<7} {label:<42} {str(status)[:3]:>6} {median:>10.1f} {p95:>8.1f} {len(queries):>8} "
                f"{sql_ms:>7.1f} {slowest['ms']:>15.1f}",
                flush=True,
            )
            if args.explain and slowest["sql"]:
                plans.append((role, label, slowest))
    if plans:
        print("\nslowest query of each request, with its plan:")
        for role, label, query in plans:
            shown = re.sub(r"^SELECT .*? FROM ", "SELECT … FROM ", query["sql"], count=1, flags=re.S)
            print(
                f"\n  [{role}] {label}: {query['ms']:.1f} ms\n    {shown[:1500]}\n"
                f"    params: {query['params']!r:.300}"
            )
            try:
                print(explain(query["sql"], query["params"]))
            except Exception as error:  # noqa: BLE001 - a plan is a bonus
                print(f"      (no plan: {error})")
    print(
        "\nthe list and the search beside the bare SQL of their rows and count: the page's own SQL "
        f"(target: within {BARE_RATIO_TARGET:.0f}×), and the whole page (SQL, Python, template):"
    )
    compare = (
        f"{'user':<7} {'request':<42} {'bare SQL p95':>13} {'page SQL p95':>13} {'ratio':>6} "
        f"{'page p95':>9} {'ratio':>6}"
    )
    print(compare)
    print("-" * len(compare))
    over = []
    for role in ("office", "unit"):
        user = get_user_model().objects.get(username=info[role])
        for label, statements in bare_queries(user).items():
            row = next(r for r in results if r[0] == role and r[1] == label)
            bare = _percentile(measure_bare(statements, args.requests, args.warmup), 0.95)
            sql_ratio, page_ratio = row[5] / bare, row[4] / bare
            if sql_ratio > BARE_RATIO_TARGET:
                over.append(f"{role} {label} ({sql_ratio:.1f}×)")
            print(
                f"{role:<7} {label:<42} {bare:>13.1f} {row[5]:>13.1f} {sql_ratio:>5.1f}× "
                f"{row[4]:>9.1f} {page_ratio:>5.1f}×",
                flush=True,
            )
    print(
        f"{vendor}: "
        + (
            f"the pages' SQL all within {BARE_RATIO_TARGET:.0f}× of the bare SQL"
            if not over
            else "SQL over the target: " + ", ".join(over)
        )
    )
    failed = [r for r in results if r[2] != 200]
    slow = [r for r in results if r[2] == 200 and r[4] >= TARGET_MS]
    print()
    if failed:
        print("FAILED requests: " + ", ".join(f"{r[0]} {r[1]} → {r[2]}" for r in failed))
    verdict = "all within" if not slow else f"{len(slow)} over"
    print(
        f"{vendor}: {verdict} the {TARGET_MS:.0f} ms p95 target"
        + ("" if not slow else ": " + ", ".join(f"{r[0]} {r[1]} ({r[4]:.0f} ms)" for r in slow))
    )
    return 1 if failed else 0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", help="PostgreSQL URL (default: SQLite in a temporary folder)")
    parser.add_argument("--count", type=int, default=200_000, help="delegations to generate")
    parser.add_argument("--requests", type=int, default=60, help="timed requests per page and user")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--sqlite-path", help="SQLite file to use and keep (reused when it holds the load)")
    parser.add_argument("--fresh", action="store_true", help="PostgreSQL: drop and refill the database")
    parser.add_argument(
        "--explain", action="store_true", help="print the plan of each request's slowest query"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="doingoai-bench-") as tmp:
        os.environ["DOINGOAI_DATA_DIR"] = tmp
        if args.database_url:
            prepare_postgres(args.database_url, args.fresh)
            url = args.database_url
        elif args.sqlite_path:
            url = f"sqlite:///{Path(args.sqlite_path).resolve()}"
        else:
            url = f"sqlite:///{tmp}/bench.sqlite3"
        setup_django(url)
        code = run(args)
    sys.exit(code)


if __name__ == "__main__":
    main()
