"""PostgreSQL only: trigram indexes for the search box and the country / funding filters.

The search box and the country and funding filters are ``LIKE '%…%'``
matches (on the folded ``search_text`` and on ",LA,KH,"-style keys): a btree
index cannot serve them, a GIN trigram index can, so on 200,000 rows they
stay fast. ``unaccent`` is created as well for ad-hoc SQL and reports
(``search_text`` is already folded in Python, so the application does not
need it). On SQLite nothing is done: the folded column is scanned as is.

If the database user may not create extensions, the migration still passes
(without the trigram indexes) and says so: the application works, slower.
"""

from django.db import migrations, transaction

TRIGRAM_INDEXES = {
    "delegation_search_trgm": "search_text",
    "delegation_countries_trgm": "countries_key",
    "delegation_funding_trgm": "funding_key",
}
BTREE_INDEXES = {
    # The list's default order within a province (see Delegation.Meta.ordering), active rows only.
    "delegation_list_order": ("province_id, year DESC, direction, source_table, id", "deleted_at IS NULL"),
    # (The same order for users who see several provinces is 0003's ``delegation_order``.)
    # The quarter filter compares both ends of the period (with the plan year when no year is chosen):
    # all in the index, so even its count reads no table rows.
    "delegation_period": ("province_id, period_start, period_end, year", "deleted_at IS NULL"),
    # Country and funding filters match common values too ("partner_pays" on a quarter of the rows):
    # counting those through the trigram index would visit every matching row; these let PostgreSQL
    # count from the index alone.
    "delegation_countries": ("province_id, countries_key", "deleted_at IS NULL"),
    "delegation_funding": ("province_id, funding_key", "deleted_at IS NULL"),
    "delegation_status": ("province_id, status, year DESC, id", "deleted_at IS NULL"),
    # Sorting by the number of people.
    "delegation_people": ("province_id, people_max, id", "deleted_at IS NULL"),
    # "Cần xem lại": few rows, so a small partial index answers the filter and its count.
    "delegation_review": ("province_id, year", "deleted_at IS NULL AND review <> '[]'::jsonb"),
}


def _extension(schema_editor, name: str) -> bool:
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute(f"CREATE EXTENSION IF NOT EXISTS {name}")
        return True
    except Exception as exc:  # noqa: BLE001 - a missing privilege must not stop the deployment
        print(f"\n  (doingoai) could not create extension {name}: {exc}; continuing without it")
        return False


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    trigram = _extension(schema_editor, "pg_trgm")
    _extension(schema_editor, "unaccent")
    table = "delegations_delegation"
    if trigram:
        for name, column in TRIGRAM_INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
            )
    for name, (columns, condition) in BTREE_INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns}) WHERE {condition}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in [*TRIGRAM_INDEXES, *BTREE_INDEXES]:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("delegations", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
