"""Work left for after the response: what the officer need not wait for runs once the answer has gone.

A request that saves a plan of 2,000 rows leaves work behind: the rules'
check of the plan year and the partners' links (``services.derived_after_saving``),
and the cycle collector's pass over the objects the import made
(``collection.without_collections``). Started before the response is sent,
that work takes the interpreter from the last steps of the answer (the
session, the redirect): measured on the import, the collector's one pass
after the save added ~50 ms to the officer's wait. ``after_response(work)``
runs ``work`` once the response being served has been sent (its ``close()``,
which every WSGI server calls, and Django's test client too), or at once
outside a request (commands, the shell, tests calling a function directly).
Per thread: a server with several threads serves one request in each.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from django.core.signals import request_finished, request_started
from django.dispatch import receiver

log = logging.getLogger(__name__)

#: per thread: the work the request being served leaves for after its response (None outside a request)
_LEFT = threading.local()


def after_response(work: Callable[[], object]) -> None:
    """``work()`` once the current request's response has been sent; at once outside a request."""
    waiting = getattr(_LEFT, "works", None)
    if waiting is None:
        work()
    else:
        waiting.append(work)


@receiver(request_started, dispatch_uid="doingoai-after-response-started")
def _request_started(**kwargs) -> None:
    _run(getattr(_LEFT, "works", None))  # a response never closed: its work runs now rather than never
    _LEFT.works = []


@receiver(request_finished, dispatch_uid="doingoai-after-response-finished")
def _request_finished(**kwargs) -> None:
    works, _LEFT.works = getattr(_LEFT, "works", None), None
    _run(works)


def _run(works: list[Callable[[], object]] | None) -> None:
    for work in works or ():
        try:
            work()
        except Exception:  # the response is gone: the others still run, the failure is logged
            log.exception("work left for after the response failed")
