"""Indexes found by ``benchmarks/web_pages.py`` (200,000 delegations, 24 provinces).

The list and ``/api/delegations/`` are ordered by ``-year, direction,
source_table, id`` (``Delegation.Meta.ordering``) and filtered most often
by year and direction. Without an index in that order, a user who sees
several provinces (the office of a merged province, a national roll-up)
made PostgreSQL read and sort every visible row to show the first 50
(``/api/delegations/?limit=50``: ~100-200 ms of SQL), and counting a
filtered list (year + direction + country) meant a bitmap heap scan of
thousands of rows (~40-100 ms).

``delegation_order``: the list's order over active rows, for any set of
provinces; the first page is an index scan that stops after 50 rows. On
PostgreSQL it carries the columns the filters and the scope test
(province, owner, countries, funding, status) so that counting a filtered
list is an index-only scan (measured: 103 ms → 8 ms for year + direction +
country on all provinces). SQLite has no INCLUDE: the same columns follow
the key, which makes the index covering there too.

``delegation_list_order`` (SQLite only; 0002 creates it on PostgreSQL): the
same order within one province, for unit staff and single-province offices;
counting a province's rows becomes a covering-index search (SQLite, 200,000
rows: the unit user's list count 0.7 ms instead of a scan of its rows).

Indexes only, on the two databases the project runs on: the model's state
is unchanged (as in 0002), so nothing is left for ``makemigrations``.
"""

from django.db import migrations

TABLE = "delegations_delegation"
ORDER = "year DESC, direction, source_table, id"
CARRIED = "province_id, owner_id, countries_key, funding_key, status"
CONDITION = "deleted_at IS NULL"
PROVINCE_ORDER = "province_id, year DESC, direction, source_table, id"
INDEXES = ("delegation_order", "delegation_list_order")


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        sql = f"CREATE INDEX IF NOT EXISTS delegation_order ON {TABLE} ({ORDER}) INCLUDE ({CARRIED}) " \
              f"WHERE {CONDITION}"
        schema_editor.execute(sql)
    elif vendor == "sqlite":
        for name, columns in (("delegation_order", f"{ORDER}, {CARRIED}"),
                              ("delegation_list_order", PROVINCE_ORDER)):
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {TABLE} ({columns}) WHERE {CONDITION}")


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS delegation_order")  # delegation_list_order is 0002's
    elif vendor == "sqlite":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("delegations", "0002_postgres_search_indexes"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
