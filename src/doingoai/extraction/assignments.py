"""The tasks a plan assigns to units: who leads, who coordinates, what to do, by when.

Plans give work to units in four layouts (``shared/gold/tasks/SCHEMA-tasks.md``),
all read here from the document's prose lines in order (tables are
delegations and agreements, never tasks):

1. **a field of work and its lead**: the paragraphs under a heading (“1. Công
   tác lãnh sự…”) up to a “- Đơn vị chủ trì: …” line are one task, led by the
   units of that line, with the units of the “- Đơn vị phối hợp: …” line
   after it;
2. **a unit as a heading** (“1. Sở Ngoại vụ”, “2. Các sở, ban, ngành, UBND các
   huyện, thành phố”): each item below it (a lettered item, a dash bullet, or
   the paragraph when there is no item) is a task of that unit;
3. **a unit as a label** (“- **Sở Y tế:** …”): the bullet is a task of that unit;
4. **a numbered point of a letter that “Giao” a unit** its work (“2. Giao Sở
   Ngoại vụ chịu trách nhiệm …”).

A unit is recognised by the words its name starts with (``data/
assignments.json``: Sở, Ban, Công an, Liên hiệp…, or a group under one
“các”), never by the names of one province's units. What announces a list
(“… như sau:”), the sections of standing rules (funding, reporting) and the
closing formula are not tasks.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from doingoai.extraction.document import Line, SourceDocument
from doingoai.extraction.normalize.text import fold

_TAG = re.compile(r"<[^>]+>")
_MARKDOWN = re.compile(r"\*\*|__|(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w)")
_HEADING_MARK = re.compile(r"^\s*#{1,6}\s*")
_ROMAN = re.compile(r"^([IVX]{1,5})[.)]\s+(.*)$")
_NUMBER = re.compile(r"^(\d{1,2})[.)]\s+(.*)$")
_LETTER = re.compile(r"^([a-zđ])\)\s+(.*)$")
_BULLET = re.compile(r"^[-–•+]\s*(.*)$")
_LABEL = re.compile(r"^([^:]{2,160}?)\s*:\s*(.+)$")
_SPACES = re.compile(r"\s+")
#: a heading longer than this (in words) is a sentence, not a unit's name
UNIT_NAME_WORDS = 16
_ROMAN_VALUES = {"I": 1, "II": 2, "III": 3, "IV": 4}
#: after these a verb's word is a noun ("Liên hiệp các tổ chức hữu nghị")
_DETERMINERS = {"cac", "nhung", "moi", "cua"}


@lru_cache(maxsize=1)
def _words() -> dict:
    data_file = resources.files("doingoai.extraction.data").joinpath("assignments.json")
    data = json.loads(data_file.read_text("utf-8"))
    out = {}
    for key, values in data.items():
        if key.startswith("_"):
            continue
        out[key] = tuple(sorted({fold(value) for value in values}, key=len, reverse=True))
    return out


def _clean(text: str) -> str:
    """A line as printed, without tags, Markdown marks or heading marks; one space between words."""
    text = text or ""
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "#" in text:
        text = _HEADING_MARK.sub("", text)
    if "*" in text or "_" in text:
        text = _MARKDOWN.sub("", text)
    return " ".join(text.split())


def _starts(folded: str, words: tuple[str, ...]) -> str:
    """The first of ``words`` that ``folded`` starts with, as whole words ("" for none)."""
    for word in _by_initial(words).get(folded[:1], ()):
        if folded.startswith(word) and folded[len(word) : len(word) + 1] in ("", " ", ",", ":", ";", "."):
            return word
    return ""


@lru_cache(maxsize=64)
def _by_initial(words: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """``words`` by their first letter, longest first: a line is compared with a handful, not all."""
    out: dict[str, list[str]] = {}
    for word in words:
        out.setdefault(word[:1], []).append(word)
    return {initial: tuple(group) for initial, group in out.items()}


# --------------------------------------------------------------------------- units


def _unit_starts_at(text: str) -> bool:
    """Whether ``text`` starts with a unit's name ("Sở Y tế…", "Công an tỉnh", "các cơ quan liên quan")."""
    words = _words()
    folded = fold(text)
    if _starts(folded, words["collective_starts"]):
        return True
    head = _starts(folded, words["unit_heads"])
    if not head:
        return False
    if not text[:1].isupper() and not head.startswith("ubnd"):
        return False  # "ban hành", "báo cáo" in the middle of a sentence: verbs, not units
    rest = text[len(head) :].lstrip(" ,")  # the folded head has the printed head's length
    following = rest.split(" ", 1)[0] if rest else ""
    if not following:
        return head in ("ubnd", "hđnd", "hdnd")
    return (
        following[:1].isupper()
        or following[:1].isdigit()
        or bool(_starts(fold(rest), words["unit_next_words"]))
    )


def is_unit_name(text: str) -> bool:
    """A heading or label that names units, not a sentence: short, a unit's name first, no final period."""
    text = text.strip()
    if not text or len(text.split()) > UNIT_NAME_WORDS or text.endswith((".", ";")):
        return False
    return _unit_starts_at(_drop_role(text))


def _drop_role(text: str) -> str:
    """ "Sở Ngoại vụ - Cơ quan thường trực Ban Chỉ đạo" → "Sở Ngoại vụ"; a dash inside a name stays."""
    for dash in (" - ", " – ", " — "):
        head, sep, tail = text.partition(dash)
        if sep and _starts(fold(tail), _words()["roles"]):
            return head.strip()
    return text


def split_units(text: str) -> list[str]:
    """The units a list names, one entry each, as printed.

    Lists are cut at ";" always, and at "," or " và " only where a new unit
    starts ("Sở Văn hóa, Thể thao và Du lịch" stays one; "các sở, ban, ngành,
    UBND các huyện, thành phố" is two). Trailing dots go.
    """
    entries: list[str] = []
    for part in re.split(r"\s*;\s*", text or ""):
        current = ""
        for piece in re.split(r"(,\s*|\s+và\s+)", part):
            if not piece:
                continue
            if re.fullmatch(r",\s*|\s+và\s+", piece):
                current += piece
                continue
            if current and re.search(r"(,\s*|\s+và\s+)$", current) and _unit_starts_at(piece):
                entries.append(re.sub(r"(,\s*|\s+và\s+)$", "", current))
                current = piece
            else:
                current += piece
        entries.append(current)
    out = []
    for entry in entries:
        entry = _drop_role(entry.strip()).rstrip(" .…;,:").strip()
        if entry and entry not in out:
            out.append(entry)
    return out


def _units_until_verb(text: str) -> str:
    """The list of units at the start of ``text``, up to the verb of the work that follows it."""
    ends, closers = _words()["unit_list_ends"], _words()["unit_list_closers"]
    words = text.split(" ")
    folded = [fold(word) for word in words]
    for index in range(1, len(words)):
        if words[index - 1].endswith((".", ";", ":")):
            return " ".join(words[:index])
        rest = " ".join(folded[index : index + 4])  # the longest verb is a few words
        if _starts(rest, ends) and folded[index - 1] not in _DETERMINERS:  # "các tổ chức": a noun
            return " ".join(words[:index])
        before = " ".join(folded[max(0, index - 3) : index])
        if (
            before.endswith(closers)
            and not rest.startswith((",", "va "))
            and not _unit_starts_at(" ".join(words[index:]))
        ):
            return " ".join(words[:index])
    return text


def coordinating_in(content: str) -> list[str]:
    """The units ``content`` says the lead works with ("Chủ trì, phối hợp với Sở Tài chính …")."""
    found: list[str] = []
    folded = fold(content)
    for marker in _words()["coordination"]:
        start = 0
        while (at := folded.find(marker, start)) >= 0:
            start = at + len(marker)
            listed = _units_until_verb(content[start:].lstrip())
            for unit in split_units(listed):
                if _unit_starts_at(unit) and unit not in found:
                    found.append(unit)
    return found


# --------------------------------------------------------------------------- deadlines

_DATE = re.compile(
    r"(?:trước|chậm nhất(?: là)?|hoàn thành trước|xong trước|trong)\s+ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})"
    r"(?:\s*[/.-]\s*(\d{4}))?",
    re.IGNORECASE,
)
_MONTH = re.compile(
    r"(?:trong|trước|chậm nhất(?: là)?|hoàn thành trong|hoàn thành trước)\s+tháng\s+(\d{1,2})"
    r"(?:\s*[/.-]\s*(\d{4})|\s+năm\s+(\d{4}))?",
    re.IGNORECASE,
)
_QUARTER = re.compile(
    r"(?:trong|trước|hoàn thành trong|hoàn thành trước|chậm nhất(?: là)?)\s+quý\s+(I{1,3}V?|IV|[1-4])"
    r"(?:\s*[/.-]\s*(\d{4})|\s+năm\s+(\d{4}))?",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:hoàn thành|xong|kết thúc)\s+(?:trong|trước)\s+năm\s+(\d{4})", re.IGNORECASE)


#: what every time limit starts with: the other patterns are tried only where this is found
_LIMIT = re.compile(
    r"(?:trước|chậm nhất|hoàn thành|xong|kết thúc|trong)\s+(?:là\s+)?(?:ngày|tháng|quý|năm)\b", re.IGNORECASE
)


def deadline_of(content: str, year: int | None) -> tuple[str | None, str | None]:
    """(the deadline normalised, the words it was read from), or (None, None)."""
    if not _LIMIT.search(content):
        return None, None
    if match := _DATE.search(content):
        day, month = int(match.group(1)), int(match.group(2))
        when = int(match.group(3)) if match.group(3) else year
        if when and 1 <= month <= 12:
            try:
                return datetime.date(when, month, day).isoformat(), match.group(0)
            except ValueError:
                pass
    if match := _QUARTER.search(content):
        quarter = match.group(1).upper()
        number = int(quarter) if quarter.isdigit() else _ROMAN_VALUES.get(quarter)
        when = int(match.group(2) or match.group(3) or 0) or year
        if number and when:
            return f"{when}-{number * 3:02d}", match.group(0)
    if match := _MONTH.search(content):
        month = int(match.group(1))
        when = int(match.group(2) or match.group(3) or 0) or year
        if when and 1 <= month <= 12:
            return f"{when}-{month:02d}", match.group(0)
    if match := _YEAR.search(content):
        return f"{match.group(1)}-12", match.group(0)
    return None, None


# --------------------------------------------------------------------------- the document


@dataclass
class _Task:
    tt: str
    lead: list[str]
    parts: list[str]
    location: str
    field: str | None = None
    coordinating: list[str] | None = None  # from a "Đơn vị phối hợp" line: those alone

    def record(self, doc: str, year: int | None) -> dict:
        content = " ".join(part for part in self.parts if part).strip()
        coordinating = self.coordinating
        if coordinating is None:
            leads = {fold(unit) for unit in self.lead}
            coordinating = [unit for unit in coordinating_in(content) if fold(unit) not in leads]
        deadline, deadline_text = deadline_of(content, year)
        return {
            "record": "task",
            "doc": doc,
            "tt": self.tt,
            "field": self.field,
            "content": content,
            "lead_units": self.lead,
            "coordinating_units": coordinating,
            "deadline": deadline,
            "deadline_text": deadline_text,
            "source_location": self.location,
        }


@dataclass
class _State:
    roman: str = ""
    skip: bool = False
    number: str = ""
    letter: str = ""
    unit_lead: list[str] | None = None  # the units of the heading above (layout 2)
    field_title: str | None = None  # the heading of a field of work (layout 1)
    field_parts: list[str] = field(default_factory=list)
    field_location: str = ""
    current: _Task | None = None
    last_field_task: _Task | None = None
    tasks: list[_Task] = field(default_factory=list)

    def tt(self, *, letter: bool = True) -> str:
        parts = [self.roman, self.number, self.letter if letter else ""]
        return ".".join(part for part in parts if part)

    def finish(self) -> None:
        if self.current is not None and any(self.current.parts):
            self.tasks.append(self.current)
        self.current = None

    def new_block(self) -> None:
        self.finish()
        self.unit_lead, self.field_title, self.field_parts = None, None, []
        self.letter, self.last_field_task = "", None


def _is_closing(text: str) -> bool:
    if text.endswith(("./", "./.")):
        return True
    return bool(_starts(fold(text[:40]), _words()["closing_starts"]))


def _announces_list(text: str) -> bool:
    """ "… cụ thể như sau:", "… triển khai một số nội dung nhiệm vụ sau:": the list below is the work."""
    return text.rstrip().endswith(":")


def _marker_value(text: str, markers: tuple[str, ...]) -> str | None:
    """The value of a "Đơn vị chủ trì: …" line (``markers`` folded), or None."""
    label, sep, value = text.partition(":")
    if sep and len(label) <= 40 and fold(label).strip() in markers:
        return value.strip()
    return None


def extract_tasks(source: SourceDocument, year: int | None = None) -> list[dict]:
    """The task records of a document read by a reader (``pipeline.read_source``), in document order."""
    words = _words()
    state = _State()
    for item in source.items:
        if not isinstance(item, Line):
            continue
        text = _clean(item.text)
        if not text:
            continue
        if _step(state, text, item.location, words):
            break
    state.finish()
    return [task.record(source.name, year) for task in state.tasks]


def _step(state: _State, text: str, location: str, words: dict) -> bool:
    """Read one line; True when the document's closing formula ends the reading."""
    if match := _ROMAN.match(text):
        state.new_block()
        state.roman, state.number = match.group(1), ""
        state.skip = bool(_starts(fold(match.group(2)), words["skip_sections"]))
        return False
    if state.skip:
        return False
    lead = _marker_value(text.lstrip("-–•+ "), words["lead_markers"])
    if lead is not None and state.field_title is not None:
        state.finish()
        task = _Task(
            state.tt(letter=False),
            split_units(lead),
            state.field_parts,
            state.field_location,
            field=state.field_title,
        )
        state.tasks.append(task)
        state.last_field_task, state.field_parts = task, []
        return False
    coordinating = _marker_value(text.lstrip("-–•+ "), words["coordinating_markers"])
    if coordinating is not None and state.last_field_task is not None:
        state.last_field_task.coordinating = split_units(coordinating)
        return False
    if match := _NUMBER.match(text):
        state.new_block()
        state.number, body = match.group(1), match.group(2)
        if is_unit_name(body):
            state.unit_lead = split_units(_drop_role(body))
        elif (verb := _starts(fold(body), words["assigning_verbs"])) and _unit_starts_at(
            named := body[len(verb) :].strip()
        ):
            named = _units_until_verb(named)
            state.current = _Task(state.tt(), split_units(named), [body], location)
            state.finish()
        elif not body.endswith((".", ":", ";")):
            state.field_title, state.field_location = body, location
        return False
    if state.unit_lead is not None:
        return _in_unit_block(state, text, location)
    if state.field_title is not None:
        if not _is_closing(text):
            state.field_parts.append(text.lstrip("-–•+ ").strip())
            if not state.field_location:
                state.field_location = location
        return False
    return not _BULLET.match(text) and _is_closing(text) and state.tasks != []


def _in_unit_block(state: _State, text: str, location: str) -> bool:
    """A line below a unit's heading: a new item (a task), its continuation, or the closing formula."""
    if match := _LETTER.match(text):
        state.finish()
        state.letter, body = match.group(1), match.group(2)
        if not _announces_list(body):
            state.current = _Task(state.tt(), list(state.unit_lead), [body], location)
        return False
    if match := _BULLET.match(text):
        state.finish()
        body = match.group(1).strip()
        label = _LABEL.match(body)
        if label and is_unit_name(label.group(1)):
            state.current = _Task(state.tt(), split_units(label.group(1)), [label.group(2).strip()], location)
        elif not _announces_list(body):
            state.current = _Task(state.tt(), list(state.unit_lead), [body], location)
        return False
    if _is_closing(text):
        return True
    if _announces_list(text):
        state.finish()
        return False
    if state.current is None:
        state.current = _Task(state.tt(), list(state.unit_lead), [text], location)
    else:
        state.current.parts.append(text)  # the item goes on (after a page break, say)
    return False
