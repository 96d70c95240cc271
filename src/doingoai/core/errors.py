"""What a service refuses, and why, in words an officer reads.

Every write goes through a service function (``<app>/services.py``); when it
cannot do what it was asked it raises one of these. Each door turns them into
its own answer, the same everywhere:

=====================  ======  ==============================================
exception              HTTP    the page shows
=====================  ======  ==============================================
``NotAllowed``         403     the Vietnamese 403 page
``InvalidInput``       400     the form again, each message beside its field
``StaleVersion``       409     the form again, with what changed meanwhile
``StateConflict``      409     the record's page, with the message
=====================  ======  ==============================================

(``doingoai.core.api.exceptions`` for the API, ``doingoai.core.views`` for
the pages.)
"""

from __future__ import annotations


class ServiceError(Exception):
    """A refused write; ``message`` is for the officer, in Vietnamese."""

    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotAllowed(ServiceError):
    """The user's role, unit or province does not allow this."""

    status = 403


class InvalidInput(ServiceError):
    """A value is missing or wrong; ``errors`` maps each field to its messages."""

    status = 400

    def __init__(self, errors: dict[str, str | list[str]] | str, message: str | None = None):
        if isinstance(errors, str):
            errors = {"__all__": [errors]}
        self.errors = {name: [text] if isinstance(text, str) else list(text) for name, text in errors.items()}
        first = next((texts[0] for texts in self.errors.values() if texts), "")
        super().__init__(message or first or "Dữ liệu chưa hợp lệ.")


class StaleVersion(ServiceError):
    """Someone saved the record after this user opened it; ``changes`` says what they changed.

    ``changes`` is a list of ``{"label", "old", "new", "user", "date"}`` read
    from the record's history between the version the user had and now.
    """

    status = 409

    def __init__(self, current_version: int, changes: list[dict]):
        self.current_version = current_version
        self.changes = changes
        names = ", ".join(dict.fromkeys(change["label"] for change in changes)) or "một số trường"
        super().__init__(
            f"Bản ghi đã được người khác sửa sau khi bạn mở trang ({names}). "
            "Chưa lưu thay đổi của bạn: hãy xem các thay đổi đó rồi sửa lại."
        )


class StateConflict(ServiceError):
    """The record's state does not allow the action (a delegation already approved, say)."""

    status = 409
