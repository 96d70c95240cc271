"""Foreign localities by name: the Vietnamese name to show for an ISO 3166-2 code, and every spelling.

Delegations store the localities they name as codes ("LA-CH"); a page shows
their Vietnamese names ("Chăm-pa-xắc") and the search box finds them by any
spelling ("champasak", "Chămpasắc"). The names come from the reader's own
data (``data/localities.json``: Vietnamese spellings first) and, for codes
it does not list, from pycountry.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

#: flags a spelling may carry in the data file (how the reader matches it), not part of the name
_FLAGS = "=^!"


@lru_cache(maxsize=1)
def _localities() -> dict[str, dict]:
    data = json.loads(
        resources.files("doingoai.extraction.data").joinpath("localities.json").read_text("utf-8")
    )
    return data.get("localities", {})


def _plain(spelling: str) -> str:
    return spelling.lstrip(_FLAGS).strip()


@lru_cache(maxsize=4096)
def _pycountry_name(code: str) -> str | None:
    import pycountry

    subdivision = pycountry.subdivisions.get(code=code)
    return subdivision.name if subdivision is not None else None


@lru_cache(maxsize=4096)
def locality_name_vi(code: str) -> str:
    """The name a Vietnamese reader knows a locality by: the data's first spelling, else its ISO name."""
    entry = _localities().get(code)
    if entry:
        variants = [_plain(v) for v in entry.get("variants", []) if _plain(v)]
        return variants[0] if variants else entry.get("name", code)
    return _pycountry_name(code) or code


@lru_cache(maxsize=4096)
def locality_spellings(code: str) -> tuple[str, ...]:
    """Every way the locality ``code`` is written (Vietnamese, romanized, ISO), without duplicates."""
    entry = _localities().get(code) or {}
    names = [
        entry.get("name", ""),
        *(_plain(v) for v in entry.get("variants", [])),
        _pycountry_name(code) or "",
    ]
    return tuple(dict.fromkeys(name for name in names if name))
