"""Which partners a delegation or an agreement names: its localities by code, its organisations by name.

Pure functions (no database): the importer's service (``partners.services.
partners_link_document``) turns their candidates into partner rows.

- A foreign locality is known by its ISO 3166-2 code, which the reader
  already gives (``localities``): every spelling of it is one partner, named
  by its Vietnamese name, its other spellings kept as ``aliases``.
- An organisation is a piece of the partners text (split at ";", lines and
  "- " bullets) that starts with an organisation's word ("Đại học", "Cục",
  "Công ty" …, ``data/organisation_words.json``) and is not a collective,
  an activity, Viet Nam's own mission or a locality's government. It is
  known by its folded name; an officer merges the spellings the rule keeps
  apart, and the merge makes later imports find the kept partner.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from doingoai.extraction.normalize.locality_names import locality_name_vi, locality_spellings
from doingoai.extraction.normalize.places import resolve_countries
from doingoai.extraction.normalize.text import fold

LOCALITY, ORGANISATION, ENTERPRISE = "locality", "organisation", "enterprise"
#: pieces longer than this are sentences, not names
LONGEST_NAME = 160
_PIECES = re.compile(r"[;\n]+|(?:^|\s)[-–+•]\s+")


@dataclass(frozen=True)
class Candidate:
    """A partner a record names: ``key`` says who it is whatever the spelling."""

    key: str
    name: str
    kind: str
    country: str = ""
    subdivision: str = ""
    aliases: tuple[str, ...] = ()


def partner_key(name: str, subdivision: str = "") -> str:
    """``loc:LA-AT`` for a locality with a code, else ``org:<the folded name>``."""
    if subdivision:
        return f"loc:{subdivision.upper()}"
    folded = fold(name).strip(" .,;:-")
    return f"org:{folded}"[:300] if folded else ""


@lru_cache(maxsize=1)
def _words() -> tuple[tuple[str, ...], ...]:
    data = json.loads(
        resources.files("doingoai.partners").joinpath("data/organisation_words.json").read_text("utf-8")
    )

    def folded(words) -> tuple[str, ...]:
        # longest first: "tổng cục" before "cục"; a trailing space (a whole word) is kept
        forms = {fold(w) + (" " if w.endswith(" ") else "") for w in words}
        return tuple(sorted(forms, key=len, reverse=True))

    return (
        folded(data["heads"]),
        folded(data["enterprise_heads"]),
        folded(data["not_partners"]),
        tuple(fold(w) for w in data["collectives"]),
    )


def _starts_with(folded: str, words: tuple[str, ...]) -> str:
    """The first of ``words`` that ``folded`` starts with as whole words ("" for none)."""
    for word in words:
        if folded.startswith(word) and (word.endswith(" ") or folded[len(word) : len(word) + 1] in ("", " ")):
            return word
    return ""


def _without_country(piece: str) -> str:
    """ "Đại học Khon Kaen, Thái Lan" → "Đại học Khon Kaen": a trailing part that is only a country goes."""
    head, sep, tail = piece.rpartition(",")
    if sep and head.strip() and len(tail.split()) <= 4:
        resolution = resolve_countries(tail.strip())
        if resolution.codes and not resolution.unresolved:
            return head.strip()
    return piece


def organisation_names(text: str) -> list[tuple[str, str]]:
    """(name as printed, kind) of every organisation ``text`` names, in order, each once."""
    heads, enterprise, not_partners, collectives = _words()
    found: dict[str, tuple[str, str]] = {}
    for piece in _PIECES.split(text or ""):
        piece = " ".join(piece.split()).strip(" .,;:-–")
        if not piece or len(piece) > LONGEST_NAME:
            continue
        piece = _without_country(piece)
        folded = fold(piece)
        if _starts_with(folded, not_partners) or not _starts_with(folded, heads):
            continue
        if any(word in folded for word in collectives):
            continue
        kind = ENTERPRISE if _starts_with(folded, enterprise) else ORGANISATION
        found.setdefault(partner_key(piece), (piece, kind))
    return list(found.values())


def _country_of(piece: str, countries: list[str]) -> str:
    named = [code for code in resolve_countries(piece).codes if len(code) == 2]
    if len(named) == 1:
        return named[0]
    own = [code for code in countries if len(code) == 2 and code.isalpha()]
    return own[0] if len(own) == 1 else ""


def localities_named(text: str) -> list[str]:
    """The ISO 3166-2 codes of the foreign localities ``text`` names (an agreement's partner cell)."""
    return [place.code for place in resolve_countries(text or "").localities if "-" in place.code]


def candidates(*, localities, countries, partners_text: str) -> list[Candidate]:
    """The partners a record names: its localities (by code), then its organisations (by name)."""
    countries = list(countries or [])
    out = [
        Candidate(
            key=partner_key("", code),
            name=locality_name_vi(code),
            kind=LOCALITY,
            country=code.split("-", 1)[0],
            subdivision=code,
            aliases=tuple(s for s in locality_spellings(code) if s != locality_name_vi(code)),
        )
        for code in dict.fromkeys(localities or [])
        if "-" in code
    ]
    for name, kind in organisation_names(partners_text):
        country = _country_of(name, countries)
        out.append(Candidate(key=partner_key(name), name=name, kind=kind, country=country))
    return out
