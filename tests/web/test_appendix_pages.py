"""The Word appendix as printed: converted to PDF by LibreOffice (tests only) and rendered to PNG.

A department-level table of 150 delegations, long enough for several pages,
is written, converted (``soffice --headless``) and looked at: every page is
landscape A4; the font the document names (Times New Roman) is the one the
PDF was set in (LibreOffice substitutes its metric twin Liberation Serif
where Times New Roman is not installed, as the PDF's font list shows); the
two header rows stand at the top of every page; no delegation's row is cut
between two pages (each row's first and last words are on the same page).
The pages are saved as PNG under ``artifacts/appendix/`` to be looked at (``DOINGOAI_ARTIFACTS``
moves the ``artifacts`` folder).

LibreOffice and poppler-utils come from Debian (``.ci/run`` installs them);
without them the test skips, unless ``DOINGOAI_REQUIRE_OFFICE=1`` (CI).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from benchmarks.export_appendix import delegations
from doingoai.documents import appendix
from tests.conftest import ARTIFACTS

PAGES = ARTIFACTS / "appendix"
TOOLS = ("soffice", "pdftoppm", "pdftotext", "pdfinfo", "pdffonts")
missing = [tool for tool in TOOLS if shutil.which(tool) is None]
if missing:
    reason = f"{', '.join(missing)} not installed (apt-get install libreoffice-writer poppler-utils)"
    if os.environ.get("DOINGOAI_REQUIRE_OFFICE") == "1":
        raise RuntimeError(f"DOINGOAI_REQUIRE_OFFICE=1 but {reason}")
    pytestmark = pytest.mark.skip(reason=reason)


def run(*command: str, cwd: Path) -> str:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=180, check=True)
    return done.stdout


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The docx, its PDF, the text of each page, the PDF's fonts and page sizes."""
    folder = tmp_path_factory.mktemp("appendix")
    province, rows = delegations(150)
    for row in rows:  # the row's tallest cell ends with its own words: a row cut in two leaves them apart
        row.activities = (
            f"{row.activities}; khảo sát, làm việc với các đối tác trong nhiều ngày, hết hàng {row.pk}"
        )
    table = appendix.build(rows, province=province, year=2027, direction="out", level="department")
    source = folder / "phu-luc.docx"
    source.write_bytes(appendix.write([table], "docx"))
    profile = folder / "lo-profile"
    run(
        "soffice",
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder),
        str(source),
        cwd=folder,
    )
    pdf = folder / "phu-luc.pdf"
    info = run("pdfinfo", str(pdf), cwd=folder)
    count = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    pages = [
        run("pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-", cwd=folder)
        for n in range(1, count + 1)
    ]
    sizes = run("pdfinfo", "-f", "1", "-l", str(count), str(pdf), cwd=folder)
    PAGES.mkdir(parents=True, exist_ok=True)
    run("pdftoppm", "-png", "-r", "60", str(pdf), str(PAGES / "trang"), cwd=folder)
    return {
        "docx": Document(str(source)),
        "table": table,
        "pages": pages,
        "sizes": re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", sizes),
        "fonts": run("pdffonts", str(pdf), cwd=folder),
    }


def test_every_page_is_landscape_a4(printed):
    assert len(printed["pages"]) >= 3
    assert len(printed["sizes"]) == len(printed["pages"])
    for width, height in printed["sizes"]:
        assert (round(float(width)), round(float(height))) == (842, 595)


def test_the_font_named_is_the_font_printed(printed):
    assert printed["docx"].styles["Normal"].font.name == "Times New Roman"
    fonts = printed["fonts"]
    assert re.search(r"TimesNewRoman|LiberationSerif", fonts), fonts  # Times New Roman, or its metric twin
    assert "DejaVu" not in fonts and "Sans" not in fonts, fonts


def test_the_header_rows_stand_on_every_page(printed):
    for number, text in enumerate(printed["pages"], start=1):
        top = "\n".join(line for line in text.splitlines() if line.strip())[:1200]
        assert "Tên đoàn" in top and "Trưởng đoàn" in top and "Thời gian" in top, number


def test_no_row_is_cut_between_two_pages(printed):
    pages = printed["pages"]
    table = printed["table"]
    tts = [values[0] for group in table.groups for values in group.rows]
    for tt, delegation in zip(tts, table.delegations, strict=True):
        starts = [
            n for n, text in enumerate(pages) if re.search(rf"^\s*{re.escape(tt)}\s", text, re.MULTILINE)
        ]
        ends = [n for n, text in enumerate(pages) if re.search(rf"hết\s+hàng\s+{delegation.pk}\b", text)]
        assert len(starts) == 1 and starts == ends, (tt, starts, ends)
    assert sorted(PAGES.glob("trang-*.png")), "the pages are saved as PNG to be looked at"
