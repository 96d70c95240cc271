"""Funding sources as categories, several per row, the text kept.

The Kinh phí cell says who pays and from which source ("Ngân sách nhà nước,
Ngân sách Công đoàn", "Một phần ngân sách tỉnh, một phần … Thái Lan đài
thọ"). Officers count delegations by source (Party budget, State budget,
provincial, district, the unit's own funds, partner pays, private funding,
self-funded, trade union, defence), so each cell is classified into every
category it names, matching on folded text so that OCR slips ("Ngân sách
Đăng") still count. The categories and their signals live in ``funding.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from doingoai.extraction.normalize.text import fold

_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True, slots=True)
class Funding:
    categories: list[str]
    text: str


@cache
def _rules() -> tuple[list[tuple[str, str, list[re.Pattern]]], tuple[str, ...]]:
    data = json.loads(
        resources.files("doingoai.extraction.data").joinpath("funding.json").read_text("utf-8")
    )
    rules = [
        (item["key"], item["label"], [re.compile(p) for p in item["patterns"]])
        for item in data["categories"]
    ]
    return rules, tuple(data["funding_words"])


def categories() -> list[tuple[str, str]]:
    """(key, Vietnamese label) of every category, in order."""
    return [(key, label) for key, label, _ in _rules()[0]]


def funding_label(category: str) -> str:
    return dict(categories()).get(category, category)


@lru_cache(maxsize=8192)
def _classify(folded: str) -> tuple[str, ...]:
    found = []
    for key, _, patterns in _rules()[0]:
        if any(p.search(folded) for p in patterns):
            found.append(key)
    return tuple(found)


def classify_funding(text: str) -> Funding:
    """Every category the Kinh phí text names, in the categories' order."""
    text = text or ""
    folded = fold(_TAG.sub(" ", text)).strip(" .;")
    return Funding(categories=list(_classify(folded)) if folded else [], text=text)


def looks_like_funding(text: str) -> bool:
    """A cheap test used when realigning shifted cells."""
    folded = fold(_TAG.sub(" ", text or ""))
    return bool(folded) and any(word in folded for word in _rules()[1])
