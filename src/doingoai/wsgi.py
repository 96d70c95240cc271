"""WSGI entry point for production servers."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doingoai.settings")
application = get_wsgi_application()

from doingoai.core.serving import settle  # noqa: E402 - needs Django set up

settle()
