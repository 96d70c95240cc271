"""Shared paths for the tests: the sample plans and the team's gold records."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "plans"
GOLD = ROOT.parent / "shared" / "gold"


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


def sample(prefix: str) -> Path:
    """The sample plan whose file name starts with ``prefix`` ("000"…"004")."""
    return next(SAMPLES.glob(f"{prefix}_*.txt"))
