"""Work on thousands of records without the garbage collector's pauses.

Reading a 2,000-row plan, or saving it, makes hundreds of thousands of small
objects (the records, their sources, the rows to insert) while the process
already holds Django's and the request's. CPython's cycle collector then
runs again and again over all of them, though refcounting frees nearly all of
this work's garbage by itself: measured on the import, a third of the time
of reading and of saving went to the collector. ``fewer_collections`` turns
it off around one such piece of work (bounded by the import's row limit) and
lets it run once after; nested and concurrent uses switch it back on only
when the last one ends. Around a view, "after" is once its response has been
sent (``core.responses``): that one pass over the import's objects is not
part of the officer's wait.
"""

from __future__ import annotations

import functools
import gc
import threading
from contextlib import contextmanager

from doingoai.core.responses import after_response

_lock = threading.Lock()
_active = 0  # pieces of work under way
_was_enabled = True  # the collector's state before the first of them


def _hold() -> None:
    global _active, _was_enabled
    with _lock:
        if _active == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _active += 1


def _release() -> None:
    global _active
    with _lock:
        _active -= 1
        if _active == 0 and _was_enabled:
            gc.enable()


@contextmanager
def fewer_collections():
    """The cycle collector held off for the duration (see the module's docstring)."""
    _hold()
    try:
        yield
    finally:
        _release()


def without_collections(function):
    """``function`` run with the collector held off; while a request is served, until its response is sent.

    Views and the importer's steps they call alike: outside a request (the
    command line) the collector is back as soon as ``function`` returns.
    """

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        _hold()
        try:
            return function(*args, **kwargs)
        finally:
            after_response(_release)

    return wrapper
