"""The export endpoints take ``format=docx|xlsx|pdf`` as the file's format, not as DRF's renderer choice.

DRF reads a ``format`` query parameter as the renderer to answer with, and
answers 404 when none is called so; the file endpoints answer files
themselves, and their errors in JSON.
"""

from __future__ import annotations

from rest_framework.negotiation import DefaultContentNegotiation


class FileFormatNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        renderer = renderers[0]
        return renderer, renderer.media_type
