"""Funding sources (Kinh phí) as categories, several per row, the text kept.

The Kinh phí cell says who pays and from which source: "Ngân sách nhà nước,
Ngân sách Công đoàn", "Nguồn ngân sách và xã hội hóa", "Một phần ngân sách
tỉnh, một phần chi phí BQL các khu DTSQ Thái Lan đài thọ", "Trường Cao đẳng …
và phía bạn", "Chi phí vé máy bay … từ nguồn kinh phí đã cấp cho Trường …
Chi phí ăn ở … do đối tác chi trả". Officers count delegations by source, so
each cell is classified into every category it names, in the order the cell
names them; the text itself is kept as printed.

The categories, their labels and the patterns that signal them are reference
data and live in ``data/funding.json`` (its ``_doc`` explains strong and weak
patterns). Matching is on folded text, so OCR slips ("Ngân sách Đăng") and
missing diacritics still classify.

Why weak patterns: a unit named alone in the cell ("Bệnh viện Đa khoa tỉnh")
means the unit's own funds, and a bare "đài thọ" / "chi trả" means someone else
pays; but "Ngân sách tỉnh đài thọ" is the province paying and "BQL các khu DTSQ
Thái Lan đài thọ" is the partner, not a Vietnamese unit. So those signals are
read clause by clause and give way to a stronger one in the same clause.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from doingoai.extraction.normalize.text import fold_cell

_PARTNER = "partner_pays"


@dataclass(frozen=True, slots=True)
class Funding:
    """The categories a Kinh phí cell names (keys, in order found) and its text."""

    categories: list[str]
    text: str


def _load() -> dict:
    return json.loads(resources.files("doingoai.extraction.data").joinpath("funding.json").read_text("utf-8"))


def _compile(patterns: list[str], foreign: str) -> re.Pattern | None:
    """One regex for a category's patterns, leading ``\\b`` removed.

    Python's regex engine skips ahead quickly only to a pattern's literal first
    characters; a leading ``\\b`` hides them and makes a search over a long
    cell several times slower. So it is removed here and every match is
    checked to start a word instead (``_matches``).
    """
    if not patterns:
        return None
    parts = []
    for pattern in patterns:
        pattern = pattern.replace("{foreign}", foreign)
        parts.append(pattern[2:] if pattern.startswith("\\b") else pattern)
    return re.compile("|".join(f"(?:{part})" for part in parts))


def _matches(regex: re.Pattern, text: str, offset: int = 0):
    """Positions (plus offset) where the regex matches at the start of a word."""
    for match in regex.finditer(text):
        start = match.start()
        if start == 0 or not text[start - 1].isalnum():
            yield offset + start


@dataclass(frozen=True, slots=True)
class _Category:
    key: str
    label: str
    strong: re.Pattern | None
    weak: re.Pattern | None


_DATA = _load()
_FOREIGN_ALTERNATION = "(?:" + "|".join(_DATA["foreign_words"]) + ")"
_CATEGORIES: tuple[_Category, ...] = tuple(
    _Category(
        key=item["key"],
        label=item["label"],
        strong=_compile(item["patterns"], _FOREIGN_ALTERNATION),
        weak=_compile(item["weak_patterns"], _FOREIGN_ALTERNATION),
    )
    for item in _DATA["categories"]
)


def _trigger_index() -> tuple[tuple[str, ...], dict[str, frozenset[tuple[int, bool]]]]:
    """Every trigger word, and what it opens: (category index, weak patterns?)."""
    opens: dict[str, set[tuple[int, bool]]] = {}
    for index, item in enumerate(_DATA["categories"]):
        for weak, field in ((False, "triggers"), (True, "weak_triggers")):
            for trigger in item[field]:
                opens.setdefault(trigger, set()).add((index, weak))
    return tuple(opens), {word: frozenset(items) for word, items in opens.items()}


# Plain substring tests (``in``) are the fastest exact way to find a few dozen
# words: about 1.5 µs for a short cell, where one regex alternation is slower
# and misses words that overlap.
_TRIGGER_WORDS, _OPENS = _trigger_index()
_KEYS: tuple[str, ...] = tuple(category.key for category in _CATEGORIES)
_LABELS: dict[str, str] = {category.key: category.label for category in _CATEGORIES}
_ORDER = {key: index for index, key in enumerate(_KEYS)}
_FOREIGN = re.compile(rf"{_FOREIGN_ALTERNATION}\b")
_CLAUSE = re.compile(_DATA["clause_split"])
# Without a leading \b, which would hide the words' first letters from the
# regex engine's fast scan; the word start is checked on the match instead.
_SIGNALS = re.compile(r"(?:" + "|".join(re.escape(w) for w in _DATA["signals"]) + r")")
_VIETNAMESE_SIDE = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in _DATA["vietnamese_side_words"]) + r")\b"
)


def categories() -> list[tuple[str, str]]:
    """(key, Vietnamese label) of every category, in the data file's order."""
    return [(key, _LABELS[key]) for key in _KEYS]


def funding_label(category: str) -> str:
    """The Vietnamese label of a category key; an unknown key is shown as is."""
    return _LABELS.get(category, category)


def _clauses(folded: str) -> list[tuple[int, str]]:
    """(offset, text) of each non-empty clause, without surrounding spaces."""
    result = []
    start = 0
    for match in (*_CLAUSE.finditer(folded), None):
        stop = match.start() if match is not None else len(folded)
        text = folded[start:stop]
        stripped = text.lstrip()
        if stripped:
            result.append((start + len(text) - len(stripped), stripped.rstrip()))
        if match is not None:
            start = match.end()
    return result


def _triggered(folded: str) -> tuple[list[_Category], list[_Category]]:
    """The categories whose (weak) trigger words are in the cell, in the data file's order."""
    opened: set[tuple[int, bool]] = set()
    for word in [w for w in _TRIGGER_WORDS if w in folded]:
        opened |= _OPENS[word]
    strong = [_CATEGORIES[i] for i, weak in sorted(opened) if not weak]
    weak = [_CATEGORIES[i] for i, weak in sorted(opened) if weak]
    return strong, weak


@lru_cache(maxsize=16384)
def _classify(folded: str) -> tuple[str, ...]:
    found: dict[str, int] = {}  # category → first position

    def note(key: str, position: int) -> None:
        if key not in found or found[key] > position:
            found[key] = position

    triggered, weak = _triggered(folded)
    strong: list[tuple[int, str]] = []
    for category in triggered:
        if category.strong is not None:
            for position in _matches(category.strong, folded):
                strong.append((position, category.key))
                note(category.key, position)
    weak = [c for c in weak if c.weak is not None]
    if not weak:
        return _ordered(found)
    for offset, clause in _clauses(folded):
        end = offset + len(clause)
        vietnamese_side = any(offset <= position < end and key != _PARTNER for position, key in strong)
        vietnamese_weak = False
        partner_weak: list[int] = []
        foreign: bool | None = None  # computed when first needed: the search is slow
        for category in weak:
            for position in _matches(category.weak, clause, offset):
                if category.key == _PARTNER:
                    partner_weak.append(position)
                    continue
                if vietnamese_side:
                    continue
                if foreign is None:
                    foreign = next(_matches(_FOREIGN, clause), None) is not None
                if not foreign:
                    vietnamese_weak = True
                    note(category.key, position)
        if (
            partner_weak
            and not vietnamese_side
            and not vietnamese_weak
            and _VIETNAMESE_SIDE.search(clause) is None
        ):
            note(_PARTNER, partner_weak[0])
    return _ordered(found)


def _ordered(found: dict[str, int]) -> tuple[str, ...]:
    return tuple(sorted(found, key=lambda key: (found[key], _ORDER[key])))


def classify_funding(text: str) -> Funding:
    """Every category the Kinh phí text names, in the order the text names them.

    Empty text gives no category; text with no recognisable source too (the
    caller flags it for review). Never raises.
    """
    if not text or not isinstance(text, str):
        return Funding(categories=[], text=text if isinstance(text, str) else "")
    folded = fold_cell(text)
    return Funding(list(_classify(folded)) if folded else [], text)


@lru_cache(maxsize=16384)
def looks_like_funding(text: str) -> bool:
    """Whether a cell reads like a Kinh phí cell ("Ngân sách tỉnh", "Tự túc", "… chi trả").

    Only the words of funding count, not a unit's name: a unit name alone is
    as likely to be a host-unit or notes cell. Used to realign shifted cells.
    """
    if not text or not isinstance(text, str):
        return False
    return next(_matches(_SIGNALS, fold_cell(text)), None) is not None
