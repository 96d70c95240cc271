"""What a server process does once it has started, before its first request (``doingoai.wsgi``).

It loads what the first request would (the URLs and every view module they
import), then moves the objects made so far out of the cyclic garbage
collector's reach (``gc.freeze``): Python's full collections, which a page
building a few thousand model instances sets off, then scan only what the
requests make, not the whole of Django and the application. On the dashboard
at 200,000 delegations this took the 95th percentile from about 290 ms to
about 150 ms, the median unchanged (``benchmarks/dashboard.py``). Under a
forking server with ``--preload`` the frozen objects are also never written
to again, so the workers keep sharing their memory pages.
"""

from __future__ import annotations

import gc


def settle() -> None:
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every view module, as the first request would
    gc.collect()
    gc.freeze()
