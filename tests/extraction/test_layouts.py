"""Documents laid out differently from the seeds, read by meaning (``tests/extraction/layouts.py``).

Each document is written as a real file (Word, Excel or text) and read back;
its records are compared field by field with ``layouts_expected.jsonl``,
written by hand, with the comparison rules of the gold scorer
(``shared/gold/score.py``, copied below so that the test runs without the
shared folder): text as its sequence of words, countries as a set, numbers
as numbers. Review reasons are checked where the documents contradict
themselves or where the reader had to guess.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

from doingoai.extraction import extract_path
from doingoai.extraction.layout import column_role, is_column_number_row
from doingoai.extraction.normalize.periods import parse_period
from doingoai.extraction.normalize.places import resolve_countries
from doingoai.extraction.normalize.text import fold
from doingoai.extraction.records import NOTE_SEVERITY, REVIEW, REVIEW_SEVERITY, needs_review
from tests.extraction.layouts import DOCUMENTS, build
from tests.extraction.test_roundtrip import FIELDS as ROUNDTRIP_FIELDS

EXPECTED = Path(__file__).with_name("layouts_expected.jsonl")

# --------------------------------------------------------------------------- the gold scorer's rules

TEXT = ["section", "unit", "tt", "name", "leader", "partners", "activities", "funding", "notes", "host_unit"]
NUMBERS = ["people_min", "people_max", "delegations", "duration_min", "duration_max", "year"]
#: the round trip's fields, but those the hand-written records leave out
FIELDS = [
    f for f in ROUNDTRIP_FIELDS if f not in ("table", "table_title", "localities", "funding_categories")
]
#: what the hand-written records leave out
DEFAULTS = {
    "section": None,
    "unit": None,
    "partners": None,
    "notes": None,
    "host_unit": None,
    "countries_open": False,
    "delegations": 1,
    "duration_unit": "day",
    "period_tentative": False,
}
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+")


def words(value) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(_WORD.findall(unicodedata.normalize("NFC", _TAG.sub(" ", str(value))).casefold()))


def _number(value):
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return value


def same(field: str, gold: dict, pred: dict) -> bool:
    g, p = gold.get(field), pred.get(field)
    if field in TEXT:
        return words(g) == words(p)
    if field == "countries":
        return sorted(g or []) == sorted(p or [])
    if field in NUMBERS:
        return _number(g) == _number(p)
    return g == p


def _key(record: dict) -> tuple:
    return (record["doc"], record["direction"], record["level"], str(record["tt"]).rstrip("."))


def match(gold: list[dict], pred: list[dict]) -> tuple[list[tuple[dict, dict | None]], list[dict]]:
    pool: dict[tuple, list[dict]] = defaultdict(list)
    for p in pred:
        pool[_key(p)].append(p)
    pairs = []
    for g in gold:
        candidates = pool.get(_key(g), [])
        if not candidates:
            pairs.append((g, None))
            continue
        best = max(
            candidates,
            key=lambda p: difflib.SequenceMatcher(
                None, " ".join(words(g["name"])), " ".join(words(p["name"]))
            ).ratio(),
        )
        candidates.remove(best)
        pairs.append((g, best))
    return pairs, [p for ps in pool.values() for p in ps]


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def read(tmp_path_factory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("layouts")
    return {name: extract_path(build(name, folder)) for name in DOCUMENTS}


def _expected() -> list[dict]:
    records = []
    for line in EXPECTED.read_text("utf-8").splitlines():
        if line.strip():
            records.append({**DEFAULTS, **json.loads(line)})
    return records


def _record(read, doc: str, direction: str, tt: str, table: int = 1) -> dict:
    found = [
        r
        for r in read[doc].delegations
        if r["direction"] == direction and r["tt"] == tt and r["table"] == table
    ]
    assert len(found) == 1, (doc, direction, tt, table)
    return found[0]


def _codes(record: dict) -> dict[str, str]:
    return {item["code"]: item["severity"] for item in record["review"]}


# --------------------------------------------------------------------------- the documents, field by field


def test_expected_records_cover_every_document():
    assert {r["doc"] for r in _expected()} == set(DOCUMENTS)
    assert len(DOCUMENTS) >= 6


@pytest.mark.parametrize("doc", DOCUMENTS)
def test_each_document_reads_as_expected(read, doc):
    gold = [r for r in _expected() if r["doc"] == doc]
    pred = [{**r, "doc": doc} for r in read[doc].delegations]
    pairs, extra = match(gold, pred)
    missed = [g for g, p in pairs if p is None]
    assert not missed and not extra, (missed, extra)
    wrong = [
        (g["tt"], field, g.get(field), p.get(field))
        for g, p in pairs
        for field in FIELDS
        if not same(field, g, p)
    ]
    accuracy = 1 - len(wrong) / (len(pairs) * len(FIELDS))
    assert accuracy >= 0.99, wrong


def test_field_accuracy_over_all_documents(read):
    gold = _expected()
    pred = [{**r, "doc": name} for name, result in read.items() for r in result.delegations]
    pairs, extra = match(gold, pred)
    right = sum(1 for g, p in pairs for field in FIELDS if p is not None and same(field, g, p))
    accuracy = right / ((len(pairs) + len(extra)) * len(FIELDS))
    assert accuracy >= 0.99
    assert len(pairs) == len(gold) >= 30


# --------------------------------------------------------------------------- layouts


def test_header_synonyms_and_column_order(read):
    record = _record(read, "word_synonyms_reordered.docx", "out", "3")
    assert record["host_unit"] == "Sở Văn hóa, Thể thao và Du lịch"  # "Đơn vị chủ trì", second column
    assert (
        record["period_start"] == "2026-09" and record["people_max"] == 20
    )  # "Thời điểm" before "Số thành viên"
    assert record["source"]["values"]["funding"] == "Xã hội hóa"  # "Dự toán kinh phí"


def test_two_row_header_labels_the_two_funding_columns(read):
    record = _record(read, "word_two_row_header_continued.docx", "in", "1")
    assert record["duration_min"] == 4  # "Số ngày" under "Thời gian"
    assert record["period_start"] == "2026-03"  # "Thời điểm" under "Thời gian"
    assert record["funding"].startswith("Phía đối tác: Tự túc")
    assert "Phía Việt Nam: Ngân sách tỉnh" in record["funding"]
    assert record["funding_categories"]


def test_table_continued_after_a_page_break(read):
    result = read["word_two_row_header_continued.docx"]
    assert [r["tt"] for r in result.delegations] == ["1", "2", "3", "4", "5"]
    assert {r["table"] for r in result.delegations} == {1}
    assert {r["source"]["physical_table"] for r in result.delegations} == {1, 2}
    repeated = read["word_contradictions.docx"].delegations
    assert [(r["table"], r["tt"]) for r in repeated] == [
        (1, "1"),
        (1, "2"),
        (1, "3"),
        (1, "4"),
        (1, "5"),
        (2, "1"),
    ]


def test_unit_rows_in_excel(read):
    units = [r["unit"] for r in read["excel_units_numbered.xlsx"].delegations]
    assert units == ["Sở Ngoại vụ", "Sở Ngoại vụ", "UBND huyện Sơn Tịnh", "Trường Đại học Phạm Văn Đồng"]
    record = read["excel_units_numbered.xlsx"].delegations[0]
    assert record["proposing_unit"] == {"name": "Sở Ngoại vụ", "source": "dòng tiêu đề đơn vị"}


def test_lettered_groups_are_sections(read):
    sections = [words(r["section"]) for r in read["excel_two_row_letters.xlsx"].delegations]
    assert sections[0] == words("A. Đoàn vào của các sở, ngành") and sections[2][0] == "b"


def test_a_units_proposal_under_its_letterhead(read):
    result = read["word_unit_proposal.docx"]
    assert result.document["issuer"] == "SỞ Y TẾ" and result.document["number"] == "215/SYT-KHTC"
    first = _record(read, "word_unit_proposal.docx", "out", "1")
    assert first["level"] == "department" and first["proposing_unit"]["name"] == "SỞ Y TẾ"
    assert _codes(first) == {"leader_from_members": NOTE_SEVERITY, "level_from_issuer": NOTE_SEVERITY}
    assert not needs_review(first)


# --------------------------------------------------------------------------- review reasons


def test_contradictions_are_marked_for_review(read):
    doc = "word_contradictions.docx"
    first = _record(read, doc, "out", "1")
    conflict = next(item for item in first["review"] if item["code"] == "country_conflict")
    assert conflict["field"] == "countries" and conflict["severity"] == REVIEW_SEVERITY
    assert (
        "Nam Kinh" in conflict["reason"]
        and "Trung Quốc" in conflict["reason"]
        and "Hàn Quốc" in conflict["reason"]
    )
    second = _codes(_record(read, doc, "out", "2"))
    assert second == {"country_conflict": REVIEW_SEVERITY, "period_outside_year": REVIEW_SEVERITY}
    third = _codes(_record(read, doc, "out", "3"))
    assert third == {
        "countries_fuzzy": REVIEW_SEVERITY,
        "period_approximate": REVIEW_SEVERITY,
        "period_year_assumed": NOTE_SEVERITY,
    }
    for tt in ("4", "5"):
        assert _record(read, doc, "out", tt)["review"] == []
    inbound = _record(read, doc, "in", "1", table=2)
    assert _codes(inbound) == {"direction_conflict": REVIEW_SEVERITY}
    assert read[doc].review_count == 4


def test_guessed_values_carry_their_own_reason(read):
    approximate = _record(read, "text_transliterated_periods.txt", "out", "6")
    assert [(i["field"], i["code"]) for i in approximate["review"]] == [("period", "period_approximate")]
    assumed = _record(read, "word_synonyms_reordered.docx", "out", "5")
    assert _codes(assumed) == {"period_year_assumed": NOTE_SEVERITY}
    assert not needs_review(assumed)


def test_every_review_item_has_a_severity(read):
    for result in read.values():
        for record in result.delegations:
            for item in record["review"]:
                assert set(item) == {"field", "code", "reason", "severity"}
                assert item["severity"] == REVIEW[item["code"]][0]
                assert item["severity"] in (REVIEW_SEVERITY, NOTE_SEVERITY)


# --------------------------------------------------------------------------- the pieces


@pytest.mark.parametrize(
    "cells",
    [
        ("1", "2", "3", "4", "5", "6", "7", "8", "9", "10"),
        ("", "(1)", "(2)", "(3)", "(4)", "(5)"),
        ("[1]", "[2]", "[3]", "[4]"),
        ("Cột 1", "Cột 2", "Cột 3", "Cột 4"),
        ("<i>1</i>", "<i>2</i>", "<i>3</i>", "<i>4</i>"),
        ("1", "2", "3", "4=2+3", "5"),
        ("A", "B", "C", "D", "E"),
    ],
)
def test_column_number_rows(cells):
    assert is_column_number_row(cells)


@pytest.mark.parametrize(
    "cells",
    [
        ("1", "Đoàn Sở Y tế", "Giám đốc", "Lào"),
        ("2", "10", "5", "2024"),
        ("3", "2", "1", "5"),
        ("1", "", ""),
    ],
)
def test_rows_that_are_not_column_numbers(cells):
    assert not is_column_number_row(cells)


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("STT", "tt"),
        ("Số TT", "tt"),
        ("Số thứ tự", "tt"),
        ("Tên đoàn công tác", "name"),
        ("Đoàn (cấp, loại đoàn)", "name"),
        ("Cấp trưởng đoàn", "leader"),
        ("Họ tên, chức vụ Trưởng đoàn", "leader"),
        ("Người dẫn đầu đoàn", "leader"),
        ("Thành phần đoàn", "members"),
        ("Nước đến", "countries"),
        ("Quốc gia", "countries"),
        ("Nước, vùng lãnh thổ", "countries"),
        ("Đến từ nước", "countries"),
        ("Nước cử đoàn", "countries"),
        ("Quốc tịch", "countries"),
        ("Đối tác làm việc", "partners"),
        ("Cơ quan, tổ chức đối tác", "partners"),
        ("Mục đích", "activities"),
        ("Nội dung làm việc", "activities"),
        ("Số lượng", "people"),
        ("Số thành viên", "people"),
        ("Số người (bao gồm Trưởng đoàn)", "people"),
        ("Số ngày", "duration"),
        ("Thời gian lưu trú", "duration"),
        ("Thời gian (số ngày)", "duration"),
        ("Thời gian dự kiến (số ngày)", "duration"),
        ("Thời gian dự kiến", "period"),
        ("Thời điểm", "period"),
        ("Thời gian thực hiện (tháng, quý)", "period"),
        ("Tháng/Quý", "period"),
        ("Nguồn kinh phí", "funding"),
        ("Dự toán kinh phí", "funding"),
        ("Kinh phí (phía đối tác)", "funding"),
        ("Chi phí dự kiến", "funding"),
        ("Cơ quan chủ trì", "host_unit"),
        ("Đơn vị chủ trì", "host_unit"),
        ("Đơn vị tiếp đón", "host_unit"),
        ("Cơ quan đón tiếp", "host_unit"),
        ("Đơn vị phối hợp", "coordinating"),
        ("Ghi chú", "notes"),
        ("Mẫu 05", "ignore"),
    ],
)
def test_column_names_by_meaning(header, role):
    assert column_role(fold(header)) == role


@pytest.mark.parametrize(
    ("text", "start", "end", "approximate"),
    [
        ("Quý 2/2025", "2025-04", "2025-06", False),
        ("Quý II năm 2025", "2025-04", "2025-06", False),
        ("6 tháng đầu năm", "2025-01", "2025-06", False),
        ("6 tháng cuối năm 2025", "2025-07", "2025-12", False),
        ("Sáu tháng cuối năm", "2025-07", "2025-12", False),
        ("tháng 6-7/2025", "2025-06", "2025-07", False),
        ("Tháng 6, 7/2025", "2025-06", "2025-07", False),
        ("Tháng Sáu năm 2025", "2025-06", "2025-06", False),
        ("Đầu năm 2025", "2025-01", "2025-03", True),
        ("Cuối năm", "2025-10", "2025-12", True),
        ("Những tháng cuối năm 2025", "2025-10", "2025-12", True),
        ("Giữa năm 2025", "2025-05", "2025-08", True),
    ],
)
def test_period_forms(text, start, end, approximate):
    period = parse_period(text, 2025)
    assert (period.start, period.end, period.approximate) == (start, end, approximate)


def test_a_month_in_words_needs_its_place():
    assert parse_period("2 tháng từ tháng 5/2025", 2025).start != "2025-04"  # "tháng từ" is not April
    assert parse_period("6 tháng một lần", 2025).start is None


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Đại Hàn Dân Quốc", ["KR"]),
        ("Xinh-ga-po", ["SG"]),
        ("Ô-xtrây-li-a", ["AU"]),
        ("Cộng hòa Liên bang Đức", ["DE"]),
        ("Hợp chủng quốc Hoa Kỳ", ["US"]),
        ("Niu Di-lân", ["NZ"]),
        ("Cu-ba", ["CU"]),
        ("Mông Cổ", ["MN"]),
        ("Liên bang Nga", ["RU"]),
        ("Cộng hòa Dân chủ Nhân dân Lào", ["LA"]),
        ("Vương quốc Cam-pu-chia", ["KH"]),
        ("Ma-lai-xi-a, In-đô-nê-xi-a", ["MY", "ID"]),
    ],
)
def test_formal_and_transliterated_country_names(text, codes):
    resolution = resolve_countries(text)
    assert resolution.codes == codes and not resolution.fuzzy and not resolution.unresolved


def test_caches_are_bounded():
    """Memory must not grow with the number of files read in one run: every cache keyed by text has a size."""
    import importlib
    import inspect
    import pkgutil

    import doingoai.extraction as package

    unbounded = []
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        loaded = importlib.import_module(module.name)
        for name, value in vars(loaded).items():
            if not hasattr(value, "cache_parameters") or getattr(value, "__module__", None) != module.name:
                continue
            parameters = inspect.signature(value).parameters
            keyed_by_text = any(
                p.name in ("text", "raw", "folded", "word", "query", "cell") for p in parameters.values()
            )
            if value.cache_parameters()["maxsize"] is None and keyed_by_text:
                unbounded.append(f"{module.name}.{name}")
    assert unbounded == []
    from doingoai.extraction.normalize import places

    assert places._WORD_FOLDS_MAX and len(places._WORD_FOLDS) <= places._WORD_FOLDS_MAX + 1
