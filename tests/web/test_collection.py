"""The importer's heavy work runs without the cycle collector, and gives it back afterwards."""

import gc
import threading

import pytest

from doingoai.core.collection import fewer_collections, without_collections


@pytest.fixture(autouse=True)
def _collector_back_on():
    yield
    gc.enable()


def test_off_inside_and_back_on_after_even_on_error():
    assert gc.isenabled()
    with pytest.raises(ValueError), fewer_collections():
        assert not gc.isenabled()
        raise ValueError
    assert gc.isenabled()


def test_nested_and_concurrent_uses_switch_it_on_only_when_the_last_ends():
    inside, leave = threading.Event(), threading.Event()

    def other():
        with fewer_collections():
            inside.set()
            leave.wait(5)

    thread = threading.Thread(target=other)
    with fewer_collections():
        thread.start()
        assert inside.wait(5)
    assert not gc.isenabled()  # the other thread's work is still under way
    leave.set()
    thread.join(5)
    assert gc.isenabled()


def test_left_off_when_it_was_off_before():
    gc.disable()
    with fewer_collections():
        pass
    assert not gc.isenabled()


def test_decorator_keeps_the_function():
    @without_collections
    def work(value):
        """Doc."""
        return value, gc.isenabled()

    assert work(3) == (3, False) and work.__doc__ == "Doc." and gc.isenabled()


def test_around_a_view_it_stays_off_until_the_response_is_sent():
    from django.core.signals import request_finished, request_started

    @without_collections
    def view():
        return gc.isenabled()

    request_started.send(sender=None)
    try:
        assert view() is False
        assert not gc.isenabled()  # the answer is not sent yet: the collector's pass would delay it
    finally:
        request_finished.send(sender=None)
    assert gc.isenabled()
