"""The execution report's charts, drawn as PNG with Pillow in the bundled font (every Vietnamese letter).

``quarter_chart``: the delegations of the plan per quarter, planned (by the
month the plan sets, ``period_start``) against carried out (by the day they
left, ``departed_on``); ``country_chart`` and ``unit_chart``: the ten
countries and units with the most delegations, planned, carried out and
outside the plan. Each is a PNG the Word and the PDF writers insert alike.
"""

from __future__ import annotations

import io
import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from doingoai.documents import page

WIDTH = 1800
BACKGROUND = (255, 255, 255)
INK = (33, 37, 41)
GRID = (215, 219, 224)
MUTED = (108, 117, 125)
TOP = 10


@dataclass(frozen=True)
class Series:
    label: str
    color: tuple[int, int, int]
    values: list[int]


PLANNED = ("Theo kế hoạch", (31, 78, 121))
CARRIED_OUT = ("Đã thực hiện", (46, 139, 87))
OUT_OF_PLAN = ("Phát sinh ngoài kế hoạch", (217, 140, 31))
QUARTERS = ("Quý I", "Quý II", "Quý III", "Quý IV")


@lru_cache(maxsize=8)
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(page.PDF_FONT_FILES["B" if bold else ""]), size)


def _text(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def _scale(top: int) -> tuple[int, int]:
    """(the axis' end, its step): 1, 2 or 5 times a power of ten, five steps or so."""
    if top <= 5:
        return max(top, 1), 1
    raw = top / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return math.ceil(top / step) * step, step


def _fit(draw: ImageDraw.ImageDraw, text: str, width: int, typeface, lines: int = 2) -> list[str]:
    """``text`` broken into at most ``lines`` lines of ``width`` pixels, the last cut with "…"."""
    words, out, current = _text(text).split(), [], ""
    for word in words:
        trial = f"{current} {word}".strip()
        if draw.textlength(trial, font=typeface) <= width or not current:
            current = trial
            continue
        out.append(current)
        current = word
    out.append(current)
    if len(out) > lines:
        out = out[: lines - 1] + [" ".join(out[lines - 1 :])]
    last = out[-1]
    if draw.textlength(last, font=typeface) > width:
        while last and draw.textlength(last + "…", font=typeface) > width:
            last = last[:-1]
        out[-1] = last.rstrip() + "…"
    return out


def _legend(draw: ImageDraw.ImageDraw, series: list[Series], y: int) -> None:
    typeface = font(34)
    widths = [48 + draw.textlength(_text(s.label), font=typeface) + 50 for s in series]
    x = (WIDTH - sum(widths)) / 2
    for item, width in zip(series, widths, strict=True):
        draw.rectangle((x, y - 14, x + 32, y + 14), fill=item.color)
        draw.text((x + 44, y), _text(item.label), font=typeface, fill=INK, anchor="lm")
        x += width


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _empty(image: Image.Image, draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int]) -> bytes:
    middle = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    draw.text(middle, "Không có số liệu", font=font(34), fill=MUTED, anchor="mm")
    return _png(image)


def column_chart(categories: list[str], series: list[Series], height: int = 720) -> bytes:
    """Vertical bars, the series side by side in each category, the value above each bar."""
    image = Image.new("RGB", (WIDTH, height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    _legend(draw, series, 40)
    left, right, top, bottom = 110, WIDTH - 40, 110, height - 80
    highest = max((v for s in series for v in s.values), default=0)
    if not highest:
        return _empty(image, draw, (left, top, right, bottom))
    end, step = _scale(highest)
    small = font(30)
    for tick in range(0, end + 1, step):
        y = bottom - (bottom - top) * tick / end
        draw.line((left, y, right, y), fill=GRID, width=2)
        draw.text((left - 16, y), str(tick), font=small, fill=MUTED, anchor="rm")
    slot = (right - left) / len(categories)
    bar = min(110, slot * 0.7 / len(series))
    for index, category in enumerate(categories):
        start = left + slot * index + (slot - bar * len(series)) / 2
        for number, item in enumerate(series):
            value = item.values[index]
            x0 = start + bar * number
            y = bottom - (bottom - top) * value / end
            if value:
                draw.rectangle((x0 + 4, y, x0 + bar - 4, bottom), fill=item.color)
            if value:
                draw.text((x0 + bar / 2, y - 8), str(value), font=small, fill=INK, anchor="ms")
        draw.text(
            (left + slot * (index + 0.5), bottom + 20), _text(category), font=font(32), fill=INK, anchor="mt"
        )
    draw.line((left, bottom, right, bottom), fill=INK, width=3)
    return _png(image)


def bar_chart(categories: list[str], series: list[Series]) -> bytes:
    """Horizontal bars, one group per category (a long name on two lines), the value after each bar."""
    bar, gap = 30, 34
    row = bar * len(series) + gap
    left, right, top = 600, WIDTH - 90, 100
    bottom = top + max(row * len(categories), 160)
    image = Image.new("RGB", (WIDTH, bottom + 70), BACKGROUND)
    draw = ImageDraw.Draw(image)
    _legend(draw, series, 40)
    highest = max((v for s in series for v in s.values), default=0)
    if not highest:
        return _empty(image, draw, (left, top, right, bottom))
    end, step = _scale(highest)
    small, label = font(30), font(34)
    for tick in range(0, end + 1, step):
        x = left + (right - left) * tick / end
        draw.line((x, top, x, bottom), fill=GRID, width=2)
        draw.text((x, bottom + 12), str(tick), font=small, fill=MUTED, anchor="mt")
    for index, category in enumerate(categories):
        y0 = top + row * index + gap / 2
        lines = _fit(draw, category, left - 40, label)
        middle = y0 + bar * len(series) / 2
        for number, line in enumerate(lines):
            offset = (number - (len(lines) - 1) / 2) * 40
            draw.text((left - 20, middle + offset), line, font=label, fill=INK, anchor="rm")
        for number, item in enumerate(series):
            value = item.values[index]
            y = y0 + bar * number
            x = left + (right - left) * value / end
            if value:
                draw.rectangle((left, y + 2, x, y + bar - 2), fill=item.color)
            if value:
                draw.text((x + 8, y + bar / 2), str(value), font=small, fill=INK, anchor="lm")
    draw.line((left, top, left, bottom), fill=INK, width=3)
    return _png(image)


# --------------------------------------------------------------------------- the report's


def _count(delegation) -> int:
    return max(delegation.delegation_count or 1, 1)


def quarter_figures(report) -> tuple[list[int], list[int]]:
    """(planned, carried out) delegations per quarter of the report's year."""
    planned, carried_out = [0] * 4, [0] * 4
    for delegation in report.groups["planned"]:
        start = delegation.period_start
        if start is not None and start.year == report.year:
            planned[(start.month - 1) // 3] += _count(delegation)
    for delegation in report.groups["carried_out"]:
        day = delegation.departed_on or delegation.period_start
        if day is not None and day.year == report.year:
            carried_out[(day.month - 1) // 3] += _count(delegation)
    return planned, carried_out


def quarter_chart(report) -> bytes:
    planned, carried_out = quarter_figures(report)
    quarters = QUARTERS[:2] if report.half == 1 else QUARTERS
    count = len(quarters)
    return column_chart(
        list(quarters),
        [Series(*PLANNED, planned[:count]), Series(*CARRIED_OUT, carried_out[:count])],
    )


def _top_chart(rows) -> bytes:
    """The ``TOP`` rows of a breakdown with the most delegations (planned and outside the plan)."""

    def total(row) -> int:
        return row.figures["planned"].delegations + row.figures["out_of_plan"].delegations

    chosen = sorted((row for row in rows if total(row)), key=lambda row: (-total(row), row.label))[:TOP]
    return bar_chart(
        [row.label for row in chosen],
        [
            Series(*PLANNED, [row.figures["planned"].delegations for row in chosen]),
            Series(*CARRIED_OUT, [row.figures["carried_out"].delegations for row in chosen]),
            Series(*OUT_OF_PLAN, [row.figures["out_of_plan"].delegations for row in chosen]),
        ],
    )


def country_chart(report) -> bytes:
    return _top_chart(report.by_country)


def unit_chart(report) -> bytes:
    return _top_chart(report.by_unit)
