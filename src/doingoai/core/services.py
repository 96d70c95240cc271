"""The one write path: what every domain's service functions share.

Every change to a record goes through a service function of its app
(``delegations/services.py``, ``agreements/services.py``…): pages, the API,
the importer and the commands all call the same functions; forms and
serializers only parse input. A service function:

1. locks the stored row and reads it afresh (``lock``), so that what it
   checks and writes is what is stored now, not what a page loaded earlier;
2. checks the permission (raises ``NotAllowed``) and, when the caller sends
   the version it had, that nobody saved since (``check_version``, raises
   ``StaleVersion`` with what changed);
3. cleans the values (``clean_values``: Unicode NFC, invisible characters
   removed) and validates them (raises ``InvalidInput``);
4. sets only the fields whose value changes and saves only those
   (``save_record``), the version increased, the user and the reason written
   into the history.

All of it inside one transaction (``@service``). On SQLite the transactions
are IMMEDIATE (see settings), so two writers queue instead of failing with
"database is locked"; on PostgreSQL the row lock serialises them. Either way
two people saving different fields of one record at once both keep their
change.

``in_service()`` tells whether the current code runs inside a service: the
tests use it to prove no write bypasses the services.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connections, models, transaction
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, empty

from doingoai.core.errors import NotAllowed, StaleVersion
from doingoai.core.responses import after_response

log = logging.getLogger(__name__)

_SERVICE: ContextVar[str | None] = ContextVar("doingoai_service", default=None)
#: files stored by the outermost running service, removed again if it fails
_STORED: ContextVar[list[str] | None] = ContextVar("doingoai_stored_files", default=None)
#: what the outermost running service has looked up once (a user's provinces): its transaction sees one state
_MEMO: ContextVar[dict | None] = ContextVar("doingoai_service_memo", default=None)
#: work asked for by the running services, done once before the outermost one's transaction ends
_BEFORE_LEAVING: ContextVar[dict | None] = ContextVar("doingoai_before_leaving", default=None)

#: zero-width and direction-control characters: invisible, yet they make "Sở Ngoại vụ" another name
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")


def in_service() -> str | None:
    """The name of the service function the current code runs in, or None."""
    return _SERVICE.get()


def memoized(key: tuple, compute: Callable[[], Any]) -> Any:
    """``compute()`` once per running service (a user's provinces, asked for every row of an import).

    Outside a service it is computed each time: a page's request may follow
    a change.
    """
    memo = _MEMO.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def before_leaving(key: tuple, work: Callable[[], Any]) -> None:
    """Do ``work`` once, at the end of the outermost running service, inside its transaction.

    For what follows from many changes at once (the warnings of a plan year
    after an import of 2,000 rows): asked for with the same ``key`` any
    number of times, it runs once, after the changes, before the commit; if
    it fails, nothing of the service is saved. Outside a service it runs at
    once.
    """
    pending = _BEFORE_LEAVING.get()
    if pending is None:
        work()
    else:
        pending.setdefault(key, work)


def derived_soon(key: tuple, work: Callable[[], Any]) -> None:
    """``before_leaving`` for what is derived from the records (warnings, partners' links).

    Inside ``derived_after_saving`` (the browser's import of a plan) it is
    only noted, and done once the records are committed.
    """
    noted = _AFTER_SAVING.get()
    if noted is None:
        before_leaving(key, work)
    else:
        noted.setdefault(key, work)


#: derived work noted for after the commit by ``derived_soon`` (None: done before leaving the service)
_AFTER_SAVING: ContextVar[dict | None] = ContextVar("doingoai_after_saving", default=None)
#: the threads doing derived work, for ``wait_for_derived``
_DERIVING: list[threading.Thread] = []


@contextmanager
def derived_after_saving():
    """What the records saved in the block imply is worked out once they are committed, in the background.

    An import of thousands of rows is saved as soon as its records are: the
    officer waits for those, not for the rules' check of the plan and the
    partners' links, which take as long again on a large plan and appear a
    moment later. With ``DOINGOAI_DERIVED_IN_BACKGROUND`` off (the tests)
    the work is done at once, after the block. A block that fails does
    nothing more: nothing was saved. Commands do not use it: they end with
    everything written.
    """
    noted: dict = {}
    token = _AFTER_SAVING.set(noted)
    try:
        yield
    finally:
        _AFTER_SAVING.reset(token)
    if not noted:
        return
    works = list(noted.values())
    if getattr(settings, "DOINGOAI_DERIVED_IN_BACKGROUND", True):
        transaction.on_commit(lambda: _derive_in_thread(works))
    else:
        for work in works:
            service(work)()  # one transaction each, like any write


def _derive_in_thread(works: list[Callable[[], Any]]) -> None:
    """The derived work in a thread of its own, started once the request's response has gone out.

    Started at the commit, it would take the interpreter from the last steps
    of the answer the officer is waiting for (``core.responses``).
    """

    def start() -> None:
        thread = threading.Thread(target=_derive, args=(works,), name="doingoai-derived", daemon=False)
        _DERIVING[:] = [t for t in _DERIVING if t.is_alive()]
        _DERIVING.append(thread)
        thread.start()

    after_response(start)


def _derive(works: list[Callable[[], Any]]) -> None:
    try:
        for work in works:
            service(work)()
    except Exception:  # the records are saved; the next change of the plan works it out again
        log.exception("derived work after saving failed")
    finally:
        connections.close_all()  # this thread's own connections


def wait_for_derived(timeout: float = 60) -> None:
    """Wait until the derived work started so far has ended (tests, the benchmark)."""
    for thread in list(_DERIVING):
        thread.join(timeout)


def _leave(pending: dict) -> None:
    while pending:
        key = next(iter(pending))
        pending.pop(key)()


def unwrapped(user):
    """The user itself when ``user`` is a request's lazy one (``request.user``).

    Every attribute of the lazy object goes through a proxy; a check made on
    each of 2,000 rows (the role, the provinces) pays it thousands of times.
    """
    if isinstance(user, SimpleLazyObject):
        if user._wrapped is empty:
            user._setup()
        return user._wrapped
    return user


def service(function: Callable) -> Callable:
    """Run ``function`` as a service: in one transaction, known to ``in_service()``."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        outermost = _STORED.get() is None
        token = _SERVICE.set(function.__qualname__)
        files_token = _STORED.set([]) if outermost else None
        memo_token = _MEMO.set({}) if outermost else None
        pending_token = _BEFORE_LEAVING.set({}) if outermost else None
        try:
            with transaction.atomic():
                result = function(*args, **kwargs)
                if outermost:
                    _leave(_BEFORE_LEAVING.get())
                return result
        except BaseException:
            if outermost:
                _remove_files(_STORED.get() or [])
            raise
        finally:
            _SERVICE.reset(token)
            if files_token is not None:
                _STORED.reset(files_token)
                _MEMO.reset(memo_token)
                _BEFORE_LEAVING.reset(pending_token)

    return wrapper


def forget_on_failure(name: str) -> None:
    """Remove the stored file ``name`` again if the running service fails (its row is rolled back)."""
    stored = _STORED.get()
    if stored is not None:
        stored.append(name)


def _remove_files(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            log.warning("could not remove %s after a failed write", name)


# --------------------------------------------------------------------------- values


def clean_text(value: str) -> str:
    """Text as stored: Unicode NFC, without invisible characters, trimmed."""
    if value.isascii():  # nothing to compose, nothing invisible (all of those are beyond ASCII)
        return value.strip()
    return _INVISIBLE.sub("", unicodedata.normalize("NFC", value)).strip()


def clean_values(values: dict[str, Any]) -> dict[str, Any]:
    """Every text value (and every text in a list) through ``clean_text``; other values as they are."""
    out = {}
    for name, value in values.items():
        if isinstance(value, str):
            value = clean_text(value)
        elif isinstance(value, list) and all(isinstance(item, str) for item in value):
            value = [text for text in (clean_text(item) for item in value) if text]
        out[name] = value
    return out


def require(condition: bool, message: str) -> None:
    """``NotAllowed(message)`` unless ``condition``."""
    if not condition:
        raise NotAllowed(message)


# --------------------------------------------------------------------------- rows


def lock(obj: models.Model) -> models.Model:
    """``obj`` read again from the database, its row locked until the transaction ends.

    Deleted rows included (``_base_manager``): a service on a hidden row
    decides itself what to answer. ``FOR NO KEY UPDATE`` on PostgreSQL: it
    keeps other writers of the row out, yet lets another transaction insert
    a row that refers to it (a warning of the plan year naming this
    delegation), which a plain ``FOR UPDATE`` would make wait, and deadlock.
    """
    return type(obj)._base_manager.select_for_update(no_key=True).get(pk=obj.pk)


def check_version(obj: models.Model, version: int | None) -> None:
    """``StaleVersion`` when the caller had ``version`` and the row has moved on since."""
    if version is None:
        return
    try:
        version = int(version)
    except (TypeError, ValueError):
        version = -1
    if version != obj.version:
        from doingoai.core.history import changes_since

        raise StaleVersion(obj.version, changes_since(obj, version) if version > 0 else [])


def set_fields(obj: models.Model, values: dict[str, Any]) -> set[str]:
    """Set the values that differ from ``obj``'s; the names of the fields changed.

    Foreign keys may be given as instances or as ids (``owner`` or ``owner_id``).
    """
    changed: set[str] = set()
    kinds = _field_kinds(type(obj))
    for name, value in values.items():
        kind, attname = kinds.get(name) or _field_kind(obj._meta.get_field(name))
        if kind == _MANY:
            continue
        if kind == _RELATION:
            new_id = value.pk if isinstance(value, models.Model) else value
            if getattr(obj, attname) != new_id:
                if isinstance(value, models.Model) or value is None:
                    setattr(obj, name, value)
                else:
                    setattr(obj, attname, value)
                changed.add(name)
            continue
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.add(name)
    return changed


_PLAIN_FIELD, _RELATION, _MANY = "plain", "relation", "many"


def _field_kind(field) -> tuple[str, str]:
    if field.many_to_many:
        return _MANY, field.name
    if field.is_relation:
        return _RELATION, field.attname
    return _PLAIN_FIELD, field.name


@functools.cache
def _field_kinds(model: type[models.Model]) -> dict[str, tuple[str, str]]:
    """Each field's name → how ``set_fields`` sets it (2,000 rows of an import ask 45 fields each)."""
    return {field.name: _field_kind(field) for field in model._meta.get_fields() if hasattr(field, "attname")}


def set_many(obj: models.Model, values: dict[str, Any]) -> set[str]:
    """Set the many-to-many values that differ; the names of those changed (after the row is saved)."""
    changed: set[str] = set()
    for name, value in values.items():
        field = obj._meta.get_field(name)
        if not field.many_to_many:
            continue
        wanted = {item.pk if isinstance(item, models.Model) else item for item in value or []}
        manager = getattr(obj, name)
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(wanted)
            changed.add(name)
    return changed


def save_record(obj: models.Model, fields: Iterable[str] | None, *, user, reason: str) -> models.Model:
    """Save ``obj`` (only ``fields`` when it exists), its version increased, with user and reason.

    ``fields`` None saves every column (a new row). The history record of the
    save carries ``user`` and ``reason``.
    """
    obj._history_user = user
    obj._change_reason = reason
    if obj.pk is None or fields is None:
        obj.save()
    elif hasattr(obj, "version"):
        obj.version += 1
        obj.save(update_fields={*fields, "version"})
    else:  # a model of Django's own (an account): no version to increase
        obj.save(update_fields=set(fields))
    return obj


def hide_record(obj: models.Model, *, user, reason: str) -> models.Model:
    """Soft delete: the row stays, hidden from lists, with its history."""
    obj.deleted_at = timezone.now()
    return save_record(obj, {"deleted_at"}, user=user, reason=reason)


def delete_record(
    obj: models.Model, *, user, version: int | None, reason: str, allowed: Callable[[Any, models.Model], None]
) -> models.Model:
    """The delete every service makes: lock, check the permission and the version, hide the row."""
    current = lock(obj)
    allowed(user, current)
    check_version(current, version)
    return hide_record(current, user=user, reason=reason)


def write_from_source(
    obj: models.Model,
    *,
    user,
    values: dict[str, Any],
    reason: str,
    allowed: Callable[[Any, models.Model], None],
    derive: Callable[[models.Model, set[str]], set[str]] | None = None,
) -> tuple[models.Model, bool]:
    """Update a row with what its source document says (the importer's way): no version, no officer's edit.

    The permission is checked on the row as stored and as it would be saved;
    only the fields that change are written. Returns the row and whether
    anything was saved.
    """
    return write_many_from_source(
        type(obj), [(obj, values)], user=user, reason=reason, allowed=allowed, derive=derive
    )[0]


def write_many_from_source(
    model: type[models.Model],
    items: list[tuple[models.Model | None, dict[str, Any]]],
    *,
    user,
    reason: str,
    allowed: Callable[[Any, models.Model], None],
    derive: Callable[[models.Model, set[str]], set[str]] | None = None,
) -> list[tuple[models.Model, bool]]:
    """``write_from_source`` for a whole document at once, in a fixed number of queries.

    ``items`` are (the stored row or None for a new one, the values its
    source says). The stored rows are locked in one query; every row is
    checked as ``write_from_source`` and ``create_record`` check it
    (``allowed`` on the row as stored and as it would be saved, the values
    cleaned, the derived fields set); each new one is sent as soon as it is
    checked (``Inserting``: on PostgreSQL the server writes it while the next
    is checked), the changed ones are updated a batch at a time after, each
    with its history record (the user, the reason) written in the same way:
    an import of 2,000 rows takes a handful of queries per table, not two
    per row. Returns, in order, each row and whether it was written.
    """
    from doingoai.core.bulk import Inserting, history_rows, update_rows

    user = unwrapped(user)  # asked for on every row: a request's user through its lazy proxy costs
    stored_ids = [obj.pk for obj, _ in items if obj is not None]
    locked = model._base_manager.select_for_update(no_key=True).in_bulk(stored_ids) if stored_ids else {}
    out: list[tuple[models.Model, bool]] = []
    updated: list[models.Model] = []
    fields: set[str] = set()
    now = timezone.now()
    # each new row goes to the database as soon as it is checked, while the next ones are (``Inserting``)
    with Inserting(model, len(items) - len(stored_ids)) as insert:
        for obj, values in items:
            values = clean_values(values)
            current = model() if obj is None else locked[obj.pk]
            if obj is not None:
                allowed(user, current)
            changed = set_fields(current, values)
            if changed and derive is not None:
                changed |= derive(current, changed)
            if obj is None or changed:
                allowed(user, current)
                current.fill_derived()
                if obj is None:
                    insert(current)
                else:
                    current.version += 1
                    current.updated_at = now
                    updated.append(current)
                    fields |= changed
            out.append((current, obj is None or bool(changed)))
    history_rows(model, insert.objs, user=user, reason=reason, kind="+")
    if updated:
        columns = {model._meta.get_field(name).name for name in fields}
        update_rows(model, updated, {*columns, *model.derived_fields, "version", "updated_at"})
        history_rows(model, updated, user=user, reason=reason, kind="~")
    return out


def update_record(
    obj: models.Model,
    *,
    user,
    values: dict[str, Any],
    version: int | None,
    reason: str,
    allowed: Callable[[Any, models.Model], None],
    validate: Callable[[models.Model, set[str]], None] | None = None,
    derive: Callable[[models.Model, set[str]], set[str]] | None = None,
) -> tuple[models.Model, set[str]]:
    """The update every service makes: lock, check, set what differs, validate, save.

    ``allowed(user, row)`` raises ``NotAllowed``; it is asked on the row as
    stored and again on the row as it would be saved; ``validate(row, changed)``
    raises ``InvalidInput`` on the row as it would be saved; ``derive(row,
    changed)`` sets the fields computed from others and returns their names.
    Returns the saved row and the names of the fields that changed (nothing is
    saved, and the version stays, when none did).
    """
    current = lock(obj)
    allowed(user, current)
    check_version(current, version)
    values = clean_values(values)
    changed = set_fields(current, values)
    if derive is not None:
        changed |= derive(current, changed)
    if validate is not None:
        validate(current, changed)
    if changed:
        allowed(user, current)  # again, on the row as it would be saved (handed to another unit?)
    many = {name: value for name, value in values.items() if current._meta.get_field(name).many_to_many}
    if changed or many:
        if changed:
            save_record(current, changed, user=user, reason=reason)
        current._history_user, current._change_reason = user, reason  # for the many-to-many's record too
        changed_many = set_many(current, many)
        if changed_many and not changed:
            save_record(current, set(), user=user, reason=reason)
        changed |= changed_many
    return current, changed


def create_record(
    model: type[models.Model],
    *,
    user,
    values: dict[str, Any],
    reason: str,
    allowed: Callable[[Any, models.Model], None],
    validate: Callable[[models.Model, set[str]], None] | None = None,
    derive: Callable[[models.Model, set[str]], set[str]] | None = None,
) -> models.Model:
    """A new row from ``values``, checked like an update (``allowed`` sees the row as it would be saved)."""
    values = clean_values(values)
    obj = model()
    changed = set_fields(obj, values)
    if derive is not None:
        changed |= derive(obj, changed)
    allowed(user, obj)
    if validate is not None:
        validate(obj, set(changed))
    save_record(obj, None, user=user, reason=reason)
    set_many(obj, {name: value for name, value in values.items() if model._meta.get_field(name).many_to_many})
    return obj


@dataclass(frozen=True)
class Operations:
    """The service functions of one kind of record, for the generic pages and API views.

    ``create(*, user, values, reason="")``, ``update(obj, *, user, values,
    version=None, reason="")`` and ``delete(obj, *, user, version=None,
    reason="")`` write; ``can_create(user)``, ``can_change(user, obj)`` and
    ``can_delete(user, obj)`` say beforehand whether they would refuse, so
    that pages show only the buttons that work.
    """

    can_create: Callable[[Any], bool]
    can_change: Callable[[Any, models.Model], bool]
    create: Callable[..., models.Model] | None = None
    update: Callable[..., models.Model] | None = None
    delete: Callable[..., models.Model] | None = None
    can_delete: Callable[[Any, models.Model], bool] | None = None
    #: what a refused user is told (the services' own message for the same refusal)
    denied: str = "Bạn không có quyền thêm hoặc sửa bản ghi này."

    def may_delete(self, user, obj) -> bool:
        if self.delete is None:
            return False
        return (self.can_delete or self.can_change)(user, obj)


def allowed_by(
    rule: Callable[[Any, models.Model], bool], message: str
) -> Callable[[Any, models.Model], None]:
    """A check for ``update_record``/``create_record`` from a yes/no rule: ``NotAllowed(message)`` on no."""

    def check(user, obj) -> None:
        require(rule(user, obj), message)

    return check
