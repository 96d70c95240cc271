"""The production entry point settles its process before the first request (``core.serving``)."""

from __future__ import annotations

import subprocess
import sys


def test_the_wsgi_module_loads_the_views_and_freezes_the_start_up_objects(tmp_path):
    """In a process of its own, as a server imports it: the views are loaded, the objects frozen."""
    code = (
        "import gc, sys; import doingoai.wsgi; "
        "print(gc.get_freeze_count(), 'doingoai.delegations.views' in sys.modules, gc.isenabled())"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DOINGOAI_DATA_DIR": str(tmp_path),
        "DOINGOAI_SECRET_KEY": "x" * 50,
        "DOINGOAI_ALLOWED_HOSTS": "localhost",
    }
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    frozen, views_loaded, collecting = out.stdout.split()
    assert int(frozen) > 10_000 and views_loaded == "True"
    assert collecting == "True"  # the collector still runs, for what the requests make
