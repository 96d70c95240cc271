"""The bulk writes of ``core.bulk``: rows streamed into the table as they are prepared (``Inserting``),
the same on PostgreSQL (an open COPY) and SQLite (multi-row INSERTs); CI runs this file on both."""

from __future__ import annotations

import pytest
from django.utils.functional import SimpleLazyObject

from doingoai.core.bulk import Inserting, history_rows, insert_rows, update_rows
from doingoai.core.services import service, unwrapped
from doingoai.organization.models import Unit

pytestmark = pytest.mark.django_db


def _unit(province, name: str) -> Unit:
    unit = Unit(province=province, name=name, aliases=[f"{name} (tên khác)"])
    unit.fill_derived()
    return unit


@service
def _insert(province, names: list[str], *, between=None, count: int | None = None) -> Inserting:
    """Insert a unit per name through ``Inserting``; ``between(index)`` runs before each row."""
    with Inserting(Unit, len(names) if count is None else count) as insert:
        for index, name in enumerate(names):
            if between is not None:
                between(index)
            insert(_unit(province, name))
    history_rows(Unit, insert.objs, user=None, reason="thử", kind="+")
    return insert


def test_rows_given_are_stored_with_their_ids_values_and_history(province):
    names = [f"Đơn vị {number}" for number in range(25)]
    insert = _insert(province, names)
    stored = {unit.pk: unit for unit in Unit.objects.filter(name__in=names)}
    assert [stored[obj.pk].name for obj in insert.objs] == names  # every id set, in order
    unit = stored[insert.objs[3].pk]
    assert unit.aliases == ["Đơn vị 3 (tên khác)"] and "don  vi  3" in unit.search_text
    assert unit.created_at == insert.objs[0].created_at  # one timestamp for all
    assert not insert.objs[0]._state.adding
    records = Unit.history.filter(id__in=stored, history_type="+", history_change_reason="thử")
    assert records.count() == 25
    assert records.get(id=insert.objs[7].pk).aliases == ["Đơn vị 7 (tên khác)"]


def test_a_query_inside_the_block_sees_every_row_given_before_it(province):
    seen = []

    def count_before(index):
        if index in (0, 2, 3, 5):  # two queries in a row, at the start and at the end
            seen.append(Unit.objects.filter(name__startswith="Hàng ").count())

    _insert(province, [f"Hàng {number}" for number in range(6)], between=count_before)
    assert seen == [0, 2, 3, 5]
    assert Unit.objects.filter(name__startswith="Hàng ").count() == 6


def test_an_error_inside_the_block_stores_nothing(province):
    def fail_at_the_fourth(index):
        if index == 1:
            Unit.objects.count()  # a query: the first row is already in the table
        if index == 3:
            raise ValueError("a row refused")

    with pytest.raises(ValueError):
        _insert(province, [f"Hỏng {number}" for number in range(5)], between=fail_at_the_fourth)
    assert not Unit.objects.filter(name__startswith="Hỏng ").exists()
    assert not Unit.history.filter(name__startswith="Hỏng ").exists()
    assert Unit.objects.count() == 0  # the connection still works after the abandoned COPY


def test_no_more_rows_than_announced(province):
    with pytest.raises(RuntimeError, match="more than the 2 rows"):
        _insert(province, ["Một", "Hai", "Ba"], count=2)
    assert not Unit.objects.exists()


def test_only_inside_a_service(province):
    with pytest.raises(RuntimeError, match="inside a service"), Inserting(Unit, 1) as insert:
        insert(_unit(province, "Ngoài"))
    assert not Unit.objects.exists()


def test_insert_rows_is_the_same_for_rows_ready_at_once(province):
    units = [_unit(province, f"Sẵn {number}") for number in range(3)]
    service(lambda: insert_rows(Unit, units))()
    assert all(unit.pk for unit in units)
    assert sorted(Unit.objects.values_list("name", flat=True)) == ["Sẵn 0", "Sẵn 1", "Sẵn 2"]
    service(lambda: insert_rows(Unit, []))()  # nothing to write: no statement fails on an empty list
    assert Unit.objects.count() == 3


def test_history_records_are_the_rows_as_stored_with_who_and_why(province, office_user):
    """``history_rows`` copies the stored rows: every tracked value, the timestamps to the microsecond."""
    units = [_unit(province, f"Ghi {number}") for number in range(4)]
    service(lambda: insert_rows(Unit, units))()
    service(lambda: history_rows(Unit, units, user=office_user, reason="nhập", kind="+"))()
    units[1].aliases, units[1].version = ["Tên mới", "Tên khác"], units[1].version + 1
    service(lambda: update_rows(Unit, [units[1]], ["aliases", "version", "updated_at"]))()
    service(lambda: history_rows(Unit, [units[1]], user=office_user, reason="sửa", kind="~"))()
    tracked = [field.attname for field in Unit.history.model.tracked_fields]
    for unit in Unit.objects.filter(pk__in=[unit.pk for unit in units]):
        records = list(Unit.history.filter(id=unit.pk).order_by("history_id"))
        stored = {name: getattr(unit, name) for name in tracked}
        assert {name: getattr(records[-1], name) for name in tracked} == stored
        assert records[-1].history_user == office_user
    changed = Unit.history.filter(id=units[1].pk).order_by("history_id")
    assert [(record.history_type, record.history_change_reason) for record in changed] == [
        ("+", "nhập"),
        ("~", "sửa"),
    ]
    assert changed.first().aliases == ["Ghi 1 (tên khác)"]  # the row as it was when recorded
    assert changed.last().aliases == ["Tên mới", "Tên khác"] and changed.last().version == 2
    dates = set(Unit.history.filter(history_change_reason="nhập").values_list("history_date", flat=True))
    assert len(dates) == 1  # one moment for the whole write


def test_a_requests_lazy_user_is_unwrapped_once_for_the_rows(office_user):
    """``write_many_from_source`` asks the user's role for every row: through ``unwrapped``, not the proxy."""
    lazy = SimpleLazyObject(lambda: office_user)
    assert unwrapped(lazy) is office_user
    assert unwrapped(office_user) is office_user and unwrapped(None) is None
