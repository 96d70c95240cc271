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
- ``history_rows`` writes their django-simple-history records the same way,
  with the acting user and the reason, as ``save()`` would through its
  signal.

Callers are services (``core.services.write_many_from_source``): the
permission is checked and the values cleaned before anything reaches here.
"""

from __future__ import annotations

import contextlib
import functools
import json
import operator
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
    reads into ``jsonb`` on PostgreSQL), written once for the row and its
    history record alike (``Inserted``); an empty list or object, the most
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


class Inserted(list):
    """The database values ``insert_rows`` sent, a list per row, and their columns' attribute names.

    ``history_rows`` writes the same values into the history records
    instead of converting them again (the JSON of a row's source, above all).
    """

    def __init__(self, names: list[str], rows: list[list]):
        super().__init__(rows)
        self.names = names


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
    their ids set, and ``rows`` the values sent (``Inserted``, for
    ``history_rows``).
    """

    def __init__(self, model: type[models.Model], count: int):
        self.model, self.count = model, count
        self.objs: list[models.Model] = []
        self.connection = _connection(model)
        self.fields = _insert_fields(model)
        self._convert = [(f.attname, _converter(f, self.connection, inserting=True)) for f in self.fields]
        self.rows = Inserted([name for name, _ in self._convert], [])
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
        self.objs.append(obj)
        self.rows.append(row)

    def _store(self, kind=None, error=None, trace=None) -> None:
        """The rows given so far made rows of the table: the COPY ended, or the INSERTs made."""
        if self._copy is not None:
            self._copy = None
            self._batch.__exit__(kind, error, trace)
        elif kind is None and self._stored < len(self.objs):
            start, self._stored = self._stored, len(self.objs)
            self._storing = True
            try:
                objs, rows = self.objs[start:], self.rows[start:]
                _insert_statements(self.connection, self.model, objs, self.fields, rows, with_ids=True)
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


def insert_rows(model: type[models.Model], objs: Sequence[models.Model]) -> Inserted:
    """INSERT ``objs`` (new, unsaved) in as few statements as the database takes, and set their ids.

    On PostgreSQL the rows are sent with ``COPY`` (their ids drawn from the
    table's sequence first), several times faster than an INSERT with tens
    of thousands of parameters; elsewhere with multi-row INSERTs. Returns
    the values sent (``Inserted``), for ``history_rows``. ``Inserting`` does
    the same for rows still being prepared.
    """
    with Inserting(model, len(objs)) as insert:
        for obj in objs:
            insert(obj)
    return insert.rows


def insert_values(model: type[models.Model], rows: Sequence[dict[str, Any]]) -> None:
    """INSERT rows given as {field name: value}, without making instances or reading their ids back.

    For rows nobody reads back at once (history records, the steps of a
    delegation's life): a field not given takes its default, a timestamp
    now.
    """
    if not rows:
        return
    _inside_a_service()
    connection = _connection(model)
    fields = _insert_fields(model)
    now = timezone.now()
    columns = []  # (name, its conversion, the database value of its default)
    for field in fields:
        to_db = _converter(field, connection, inserting=True)
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            default = now
        elif field.has_default():
            default = field.get_default()  # converted at once: a default list is never shared as a value
        else:
            default = None
        columns.append((field.name, to_db, to_db(default)))
    missing = object()
    prepared = (  # on PostgreSQL each row converted as the COPY takes it, while the server writes the last
        [
            default if (value := row.get(name, missing)) is missing else to_db(value)
            for name, to_db, default in columns
        ]
        for row in rows
    )
    _insert_prepared(connection, model, fields, prepared)


def _insert_prepared(connection, model, fields, rows: Iterable[list]) -> None:
    """INSERT ``rows`` (database values of ``fields``, a list per row): one COPY or one ``executemany``."""
    if connection.vendor == "postgresql":
        _copy_rows(connection, model, fields, rows)
    else:
        _insert_statements(connection, model, [], fields, list(rows), with_ids=False)


def _insert_statements(connection, model, objs, fields, rows, with_ids: bool) -> None:
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    with connection.cursor() as cursor:
        if not with_ids:
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES {one}", rows)
            return
        pk = model._meta.pk
        limit = min(connection.features.max_query_params or PARAMETERS_LIMIT, PARAMETERS_LIMIT)
        size = max(1, limit // len(fields))
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([one] * len(batch))} "
                f"RETURNING {quote(pk.column)}",
                [value for row in batch for value in row],
            )
            for obj, (value,) in zip(objs[start : start + size], cursor.fetchall(), strict=True):
                setattr(obj, pk.attname, value)


def _copy_rows(connection, model, fields, rows: Iterable[list]) -> None:
    """COPY ``rows`` (database values of ``fields``, a list per row) into the table, which sets the ids."""
    with _copy(connection, model, [f.column for f in fields]) as copy:
        for row in rows:
            copy.write_row(row)


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


def history_rows(
    model: type[models.Model],
    objs: Sequence[models.Model],
    *,
    user,
    reason: str,
    kind: str,
    inserted: Inserted | None = None,
) -> None:
    """The django-simple-history records of ``objs`` just created (``kind`` "+") or changed ("~").

    ``inserted``: what ``insert_rows`` sent for ``objs``, taken as it is
    for the columns the history shares with the row (all but the id, which
    ``insert_rows`` learnt after).
    """
    if not objs:
        return
    _inside_a_service()
    history = model.history.model
    now = timezone.now()
    user_id = getattr(user, "pk", None)
    tracked = [(field.name, field.attname) for field in history.tracked_fields]
    common = {
        "history_date": now,
        "history_user": user_id,
        "history_change_reason": reason,
        "history_type": kind,
    }
    if (
        inserted is not None
        and len(inserted) == len(objs)
        and _history_from_inserted(history, objs, inserted, common, tracked)
    ):
        return
    rows = [{**common, **{name: getattr(obj, attname) for name, attname in tracked}} for obj in objs]
    insert_values(history, rows)


def _history_from_inserted(history, objs, inserted: Inserted, common: dict, tracked: list) -> bool:
    """The history records as lists, the values ``insert_rows`` sent taken in one step (itemgetter).

    False, writing nothing, when the history has a column none of these give.
    """
    connection = _connection(history)
    field = {f.name: f for f in _insert_fields(history)}
    position = {attname: index for index, attname in enumerate(inserted.names)}
    shared = [name for name, attname in tracked if attname in position]
    own = [(name, attname) for name, attname in tracked if attname not in position]
    columns = [*common, *shared, *(name for name, _ in own)]
    if set(columns) != set(field):
        return False
    heads = [_converter(field[name], connection, inserting=True)(value) for name, value in common.items()]
    take = _getter([position[field[name].attname] for name in shared])
    owns = [(attname, _converter(field[name], connection, inserting=True)) for name, attname in own]
    rows = (
        [*heads, *take(values), *(to_db(getattr(obj, attname)) for attname, to_db in owns)]
        for obj, values in zip(objs, inserted, strict=True)
    )
    _insert_prepared(connection, history, [field[name] for name in columns], rows)
    return True


def _getter(indexes: list[int]) -> Callable[[Sequence], Sequence]:
    """The values at ``indexes`` of a sequence (for one index, ``itemgetter`` gives a value, not a tuple)."""
    if len(indexes) > 1:
        return operator.itemgetter(*indexes)
    return lambda values: [values[index] for index in indexes]
