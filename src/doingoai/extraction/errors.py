"""The one error the reader raises for a file it cannot read."""


class ExtractionError(Exception):
    """A file could not be read; ``message`` is for the officer, in Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
