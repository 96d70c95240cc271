"""Shared paths for the tests: the sample plans, the team's gold records, and where pictures go."""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "plans"
GOLD = ROOT.parent / "shared" / "gold"
# Screenshots and rendered pages, to be looked at; DOINGOAI_ARTIFACTS moves them so that two runs
# from one checkout at once (CI's SQLite and PostgreSQL runs) do not write over each other.
ARTIFACTS = Path(os.environ.get("DOINGOAI_ARTIFACTS") or ROOT / "artifacts")


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


def sample(prefix: str) -> Path:
    """The sample plan whose file name starts with ``prefix`` ("000"…"004")."""
    return next(SAMPLES.glob(f"{prefix}_*.txt"))
