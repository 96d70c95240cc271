"""The seed plans written to real Word and Excel files read back to the same records.

The files are made by python-docx and openpyxl (``tests/extraction/builders``)
with what converted documents have: headers repeated after a page break,
section and unit rows merged across the table, equal values merged down a
column, titles in merged cells, one sheet per appendix or all on one sheet.
"""

from pathlib import Path

import pytest

from doingoai.extraction import extract_bytes, extract_path
from tests.conftest import SAMPLES
from tests.extraction.builders import document_from_text, write_docx, write_xlsx

SEEDS = sorted(SAMPLES.glob("*.txt"))
#: what is compared: every field of the schema but the file name
FIELDS = [
    "table",
    "table_title",
    "direction",
    "level",
    "year",
    "section",
    "unit",
    "tt",
    "name",
    "leader",
    "countries",
    "countries_open",
    "partners",
    "activities",
    "people_min",
    "people_max",
    "delegations",
    "duration_min",
    "duration_max",
    "duration_unit",
    "period_start",
    "period_end",
    "period_tentative",
    "funding",
    "notes",
    "host_unit",
    "localities",
    "funding_categories",
]
AGREEMENT_FIELDS = [
    "tt",
    "proposer",
    "signing_capacity",
    "kind",
    "countries",
    "title",
    "partner",
    "period_start",
    "period_end",
    "notes",
]


def _words(value):
    """Lists from Word come back as "A; B" where the text printed "- A - B"."""
    if isinstance(value, str):
        return " ".join("".join(ch if ch.isalnum() else " " for ch in value).split()).casefold()
    return value


def _same(expected: list[dict], got: list[dict], fields: list[str]) -> None:
    assert len(got) == len(expected)
    for want, have in zip(expected, got, strict=True):
        for field in fields:
            assert _words(have[field]) == _words(want[field]), (want["tt"], field)


WRITERS = {
    "docx": lambda path, blocks: write_docx(path, blocks),
    "docx-plain": lambda path, blocks: write_docx(path, blocks, merge=False, repeat_header=False),
    "xlsx": lambda path, blocks: write_xlsx(path, blocks),
    "xlsx-one-sheet": lambda path, blocks: write_xlsx(path, blocks, one_sheet=True),
    "docx-fused-units": lambda path, blocks: write_docx(path, blocks, fuse_section_number=True),
}


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_round_trip(seed: Path, writer: str, tmp_path: Path):
    expected = extract_path(seed)
    suffix = writer.split("-")[0]
    path = WRITERS[writer](tmp_path / f"{seed.stem}.{suffix}", document_from_text(seed))
    got = extract_bytes(path.read_bytes(), path.name)
    assert got.format == suffix
    _same(expected.delegations, got.delegations, FIELDS)
    _same(expected.agreements, got.agreements, AGREEMENT_FIELDS)
    for field in ("kind", "number", "date", "issuer", "province", "year"):
        assert got.document[field] == expected.document[field], field


def test_file_extension_does_not_decide_the_format(tmp_path: Path):
    seed = SEEDS[0]
    path = write_xlsx(tmp_path / "ke-hoach.docx", document_from_text(seed))
    result = extract_path(path)
    assert result.format == "xlsx"
    assert len(result.delegations) == len(extract_path(seed).delegations)
