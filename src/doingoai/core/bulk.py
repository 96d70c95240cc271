"""Many rows written in a few statements: the importer's bulk writes, with their history.

Django's ``bulk_create`` and ``bulk_update`` compile every value of every row
into SQL one by one; for a plan of 2,000 delegations of 45 columns, with
their history, that compiling took longer than reading the file. Here the
statement is written once per batch from the model's columns, and every
value goes through its field's own conversion (``get_db_prep_save``), so
what is stored is exactly what ``save()`` would store:

- ``insert_rows`` inserts new rows and sets their ids: ``COPY`` on
  PostgreSQL, multi-row INSERTs with ``RETURNING`` on SQLite (3.35+);
  ``Inserting`` does it for rows still being prepared, each sent as it
  comes, so that the database writes while Python prepares the next;
- ``update_rows`` updates given columns of stored rows, one ``executemany``;
- ``insert_selected`` makes new rows from stored ones in the database itself
  (``INSERT … SELECT``); ``history_rows`` makes the django-simple-history
  records of written rows that way, with the acting user and the reason,
  as ``save()`` would through its signal.

Callers are services (``core.services.write_many_from_source``): the
permission is checked and the values cleaned before anything reaches here.
"""

from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connections, models, router
from django.utils import timezone

#: the most parameters one statement may carry (PostgreSQL's wire protocol counts them in 16 bits)
PARAMETERS_LIMIT = 65535


def _connection(model: type[models.Model]):
    return connections[router.db_for_write(model)]


def _insert_fields(model: type[models.Model]) -> list[models.Field]:
    """The columns an INSERT writes: every concrete field but an automatic primary key."""
    pk = model._meta.pk
    return [f for f in model._meta.concrete_fields if not (f is pk and isinstance(f, models.AutoField))]


#: fields whose database value is the Python value itself when it already has the field's type
_PLAIN = (
    (models.CharField, str),
    (models.TextField, str),
    (models.IntegerField, int),
    (models.BooleanField, bool),
    (models.ForeignKey, int),
)


def _converter(field: models.Field, connection, *, inserting: bool = False) -> Callable[[Any], Any]:
    """``field.get_db_prep_save`` bound to ``connection``, skipped for a value already plain.

    Converting every value of 2,000 rows of 45 columns costs more than
    sending them; text, numbers and ids need no converting. ``inserting``:
    for the INSERTs and COPYs of this module, a JSON value is sent as its
    JSON text (what Django sends on SQLite, and what the COPY's text format
    reads into ``jsonb`` on PostgreSQL); an empty list or object, the most
    common value, is written once for all.
    """
    prep = field.get_db_prep_save
    plain = next((kind for cls, kind in _PLAIN if isinstance(field, cls)), None)
    if isinstance(field, models.JSONField):
        if inserting:
            dumps = functools.partial(json.dumps, cls=field.encoder)
        else:
            dumps = functools.partial(prep, connection=connection)
        empty = {list: dumps([]), dict: dumps({})}
        return lambda value: (
            None
            if value is None
            else empty[type(value)]
            if not value and type(value) in empty
            else dumps(value)
        )
    if plain is None:
        # dates, timestamps, decimals: the rows of a bulk write share a few (one timestamp, the
        # months of a plan year, the same numbers of days), each converted once
        return _memo(lambda value: None if value is None else prep(value, connection))
    return lambda value: value if value is None or type(value) is plain else prep(value, connection)


def _memo(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    seen: dict = {}

    def converted(value):
        key = (type(value), value)  # Decimal("5") and 5 are equal keys, yet not the same value here
        try:
            return seen[key]
        except KeyError:
            seen[key] = result = convert(value)
            return result
        except TypeError:  # not hashable
            return convert(value)

    return converted


def _stamp(field: models.Field, objs: Sequence[models.Model], *, add: bool) -> None:
    """The automatic timestamp of ``field`` on every row: the one ``pre_save`` gives the first, shared."""
    value = field.pre_save(objs[0], add)
    for obj in objs[1:]:
        setattr(obj, field.attname, value)


class Inserting:
    """``with Inserting(model, count) as insert: insert(obj)``: new rows sent while the next are prepared.

    ``insert_rows`` for rows that come one at a time from the loop that
    prepares them (the importer's cleaning and checks, row by row). On
    PostgreSQL the ``count`` ids are drawn from the table's sequence at once
    and each row goes into an open ``COPY`` as soon as it is given, so that
    the server writes the rows and their indexes while Python prepares the
    next ones: for a plan of 2,000 delegations, the ~0.3 s the server spends
    on the table's indexes no longer comes after the ~0.25 s of preparing
    the rows but beside it. Elsewhere the rows are kept and inserted with
    multi-row INSERTs. On both, a query made inside the block (a check that
    reads the database) first makes the rows given so far rows of the table
    (the ``COPY`` ended, the next row starting another; the INSERTs made):
    it sees them, as it would have after ``insert_rows``.

    At most ``count`` rows may be given. An exception inside the block
    abandons the ``COPY`` and goes on up: the service's transaction is rolled
    back, nothing is written. After the block, ``objs`` are the rows given,
    their ids set.
    """

    def __init__(self, model: type[models.Model], count: int):
        self.model, self.count = model, count
        self.objs: list[models.Model] = []
        self.connection = _connection(model)
        self.fields = _insert_fields(model)
        self._convert = [(f.attname, _converter(f, self.connection, inserting=True)) for f in self.fields]
        self._rows: list[list] = []  # elsewhere: the values of the rows given, for the INSERTs
        self._stamps = [
            f for f in self.fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        ]
        self._stamped: list[tuple[str, Any]] | None = None
        self._streaming = bool(count) and self.connection.vendor == "postgresql"
        self._ids: list[int] = []
        self._copy = None  # the COPY open, on PostgreSQL
        self._stored = 0  # elsewhere: how many of the rows given are inserted
        self._storing = False
        self._batch = contextlib.ExitStack()  # what closes the COPY open (``_copy``)
        self._watch = contextlib.ExitStack()  # what removes ``_store_before_query``

    def __enter__(self) -> Inserting:
        if not self.count:
            return self
        _inside_a_service()
        if self._streaming:
            table, pk = self.model._meta.db_table, self.model._meta.pk
            with self.connection.cursor() as cursor:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [table, pk.column, self.count],
                )
                self._ids = [value for (value,) in cursor.fetchall()]
        self._watch.enter_context(self.connection.execute_wrapper(self._store_before_query))
        return self

    def __call__(self, obj: models.Model) -> None:
        if len(self.objs) >= self.count:
            raise RuntimeError(f"more than the {self.count} rows announced to Inserting")
        if self._stamped is None:  # the automatic timestamps of the first row, shared by all
            self._stamped = [(f.attname, f.pre_save(obj, True)) for f in self._stamps]
        for attname, value in self._stamped:
            setattr(obj, attname, value)
        row = [to_db(getattr(obj, name)) for name, to_db in self._convert]
        if self._streaming:
            value = self._ids[len(self.objs)]
            setattr(obj, self.model._meta.pk.attname, value)
            if self._copy is None:
                columns = [self.model._meta.pk.column, *(f.column for f in self.fields)]
                self._copy = self._batch.enter_context(_copy(self.connection, self.model, columns))
            self._copy.write_row([value, *row])
        else:
            self._rows.append(row)
        self.objs.append(obj)

    def _store(self, kind=None, error=None, trace=None) -> None:
        """The rows given so far made rows of the table: the COPY ended, or the INSERTs made."""
        if self._copy is not None:
            self._copy = None
            self._batch.__exit__(kind, error, trace)
        elif kind is None and self._stored < len(self.objs):
            start, self._stored = self._stored, len(self.objs)
            self._storing = True
            try:
                objs, rows = self.objs[start:], self._rows[start:]
                _insert_statements(self.connection, self.model, objs, self.fields, rows)
            finally:
                self._storing = False

    def _store_before_query(self, execute, sql, params, many, context):
        if not self._storing:
            self._store()
        return execute(sql, params, many, context)

    def __exit__(self, kind, error, trace) -> None:
        try:
            self._store(kind, error, trace)
        finally:
            self._watch.close()
        if kind is None:
            for obj in self.objs:
                obj._state.adding, obj._state.db = False, self.connection.alias


def insert_rows(model: type[models.Model], objs: Sequence[models.Model]) -> None:
    """INSERT ``objs`` (new, unsaved) in as few statements as the database takes, and set their ids.

    On PostgreSQL the rows are sent with ``COPY`` (their ids drawn from the
    table's sequence first), several times faster than an INSERT with tens
    of thousands of parameters; elsewhere with multi-row INSERTs.
    ``Inserting`` does the same for rows still being prepared.
    """
    with Inserting(model, len(objs)) as insert:
        for obj in objs:
            insert(obj)


def _parameters_limit(connection) -> int:
    """The most parameters one statement may carry on ``connection``."""
    return min(connection.features.max_query_params or PARAMETERS_LIMIT, PARAMETERS_LIMIT)


def _insert_statements(connection, model, objs, fields, rows) -> None:
    """Multi-row INSERTs of ``rows`` (database values of ``fields``), each id read back onto its obj."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    with connection.cursor() as cursor:
        pk = model._meta.pk
        size = max(1, _parameters_limit(connection) // len(fields))
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([one] * len(batch))} "
                f"RETURNING {quote(pk.column)}",
                [value for row in batch for value in row],
            )
            for obj, (value,) in zip(objs[start : start + size], cursor.fetchall(), strict=True):
                setattr(obj, pk.attname, value)


@contextlib.contextmanager
def _copy(connection, model, columns: list[str]):
    """A ``COPY … FROM STDIN`` into ``model``'s ``columns``: every COPY of this module is opened here."""
    quote = connection.ops.quote_name
    statement = f"COPY {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) FROM STDIN"
    # the raw cursor's COPY: its errors wrapped as Django's (IntegrityError…) like any statement's
    with (
        connection.cursor() as cursor,
        connection.wrap_database_errors,
        cursor.cursor.copy(statement) as copy,
    ):
        yield copy


def _inside_a_service() -> None:
    """Bulk writes skip ``save()`` and its signals: only a service, having checked everything, calls them."""
    from doingoai.core.services import in_service

    if not in_service():
        raise RuntimeError("bulk writes run inside a service function (doingoai.core.services)")


def update_rows(model: type[models.Model], objs: Sequence[models.Model], names: Iterable[str]) -> None:
    """UPDATE the columns ``names`` of stored ``objs`` to their values on the instances (``executemany``)."""
    if not objs:
        return
    _inside_a_service()
    connection = _connection(model)
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in sorted(set(names))]
    for field in fields:
        if getattr(field, "auto_now", False):
            _stamp(field, objs, add=False)
    pk = model._meta.pk
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(pk.column)} = %s"
    convert = [(field.attname, _converter(field, connection)) for field in fields]
    rows = [[*(to_db(getattr(obj, name)) for name, to_db in convert), obj.pk] for obj in objs]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def insert_selected(
    model: type[models.Model],
    source: type[models.Model],
    ids: Sequence[int],
    *,
    taken: dict[str, str],
    given: dict[str, Any],
) -> None:
    """A new row of ``model`` for each stored row ``ids`` of ``source``, made by the database itself.

    One ``INSERT … SELECT``: ``taken`` maps a field of ``model`` to the
    field of ``source`` whose stored value it copies, ``given`` a field to
    one value for every row; every other field takes its default (an
    automatic timestamp, now). For rows that repeat what was just written
    (history records, the first step of a delegation's life): nothing goes
    over the wire per row but its id, and the values are exactly those
    stored.
    """
    if not ids:
        return
    _inside_a_service()
    connection = _connection(model)
    quote = connection.ops.quote_name
    now = timezone.now()
    selected, values = [], []
    for field in _insert_fields(model):
        if field.name in taken:
            selected.append(quote(source._meta.get_field(taken[field.name]).column))
            continue
        if field.name in given:
            value = given[field.name]
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        else:
            value = field.get_default()  # None for a field without one
        selected.append("%s")
        values.append(_converter(field, connection)(value))
    columns = ", ".join(quote(field.column) for field in _insert_fields(model))
    pk = quote(source._meta.pk.column)
    statement = (
        f"INSERT INTO {quote(model._meta.db_table)} ({columns}) SELECT {', '.join(selected)} "
        f"FROM {quote(source._meta.db_table)} WHERE {pk} IN ({{}}) ORDER BY {pk}"
    )
    size = _parameters_limit(connection) - len(values)
    with connection.cursor() as cursor:
        for start in range(0, len(ids), size):
            batch = ids[start : start + size]
            cursor.execute(statement.format(", ".join(["%s"] * len(batch))), [*values, *batch])


def history_rows(
    model: type[models.Model], objs: Sequence[models.Model], *, user, reason: str, kind: str
) -> None:
    """The django-simple-history records of ``objs`` just created (``kind`` "+") or changed ("~").

    Copied by the database from the rows as they are now stored
    (``insert_selected``), with the acting user, the reason and one
    timestamp: what ``save()`` would record through its signal, without
    sending every value of every row a second time (for a plan of 2,000
    delegations, megabytes of text and JSON that Python would convert again
    and the server parse again).
    """
    history = model.history.model
    given = {
        "history_date": timezone.now(),
        "history_user": getattr(user, "pk", None),
        "history_change_reason": reason,
        "history_type": kind,
    }
    taken = {field.name: field.name for field in _insert_fields(history) if field.name not in given}
    insert_selected(history, model, [obj.pk for obj in objs], taken=taken, given=given)
