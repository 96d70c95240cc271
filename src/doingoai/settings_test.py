"""The test suite's settings: the application's own, with a throwaway data folder and a test-only key.

Tests never write into the user's data folder: each run gets its own folder
in the system's temporary folder, removed when the run ends. Passwords hash
fast (dozens of users sign in) and login throttling is off except in the
tests of throttling, which turn it on.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

_FOLDER = tempfile.mkdtemp(prefix="doingoai-tests-")
atexit.register(shutil.rmtree, _FOLDER, ignore_errors=True)
os.environ["DOINGOAI_DATA_DIR"] = _FOLDER
os.environ.setdefault("DOINGOAI_SECRET_KEY", "cac-bai-kiem-thu-" + "k" * 50)

from doingoai.settings import *  # noqa: E402,F403 - the application's settings, then the test's changes

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AXES_ENABLED = False
DOINGOAI_DERIVED_IN_BACKGROUND = False  # each test sees the warnings and partners of its import at once
