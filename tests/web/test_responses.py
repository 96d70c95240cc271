"""Work left for after the response (``core.responses``): at once outside a request, else once it is sent."""

from __future__ import annotations

import logging

from django.core.signals import request_finished, request_started

from doingoai.core.responses import after_response


def test_outside_a_request_the_work_runs_at_once():
    done = []
    after_response(lambda: done.append("now"))
    assert done == ["now"]


def test_inside_a_request_it_waits_for_the_response_then_runs_in_order(caplog):
    done = []
    request_started.send(sender=None)
    after_response(lambda: done.append(1))
    after_response(lambda: 1 / 0)  # a failure is logged; the work after it still runs
    after_response(lambda: done.append(2))
    assert done == []
    with caplog.at_level(logging.ERROR, logger="doingoai.core.responses"):
        request_finished.send(sender=None)
    assert done == [1, 2]
    assert "work left for after the response failed" in caplog.text
    after_response(lambda: done.append(3))  # the request is over: at once again
    assert done == [1, 2, 3]


def test_a_response_never_closed_leaves_its_work_to_the_next_request():
    done = []
    request_started.send(sender=None)
    after_response(lambda: done.append("left"))
    request_started.send(sender=None)  # the next request in this thread
    assert done == ["left"]
    request_finished.send(sender=None)
    assert done == ["left"]


def test_derived_work_starts_its_thread_once_the_response_is_closed(monkeypatch):
    """As a WSGI server does once it has sent the answer: ``close()``, hence ``request_finished``."""
    from django.http import HttpResponse

    from doingoai.core import services

    ran = []
    monkeypatch.setattr(services, "_derive", lambda works: ran.extend(works))
    request_started.send(sender=None)
    threads = len(services._DERIVING)
    services._derive_in_thread(["rules", "partners"])
    assert len(services._DERIVING) == threads and ran == []  # no thread yet: the answer goes first
    HttpResponse("ok").close()
    services.wait_for_derived()
    assert ran == ["rules", "partners"]
