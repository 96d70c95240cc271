"""The API's answer to a service's refusal: the same status and message as the pages give.

``NotAllowed`` → 403, ``InvalidInput`` → 400 (``{field: [messages]}``, as DRF's own),
``StaleVersion`` → 409 (``{"detail", "version", "changes"}``: what was changed
since the version the client sent), ``StateConflict`` → 409. Anything else is
DRF's own handling.
"""

from __future__ import annotations

from django.http import Http404
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from doingoai.core.errors import InvalidInput, ServiceError, StaleVersion


def service_error_response(error: ServiceError) -> Response:
    if isinstance(error, InvalidInput):  # the shape of DRF's own validation errors
        return Response(
            {
                "non_field_errors" if name == "__all__" else name: messages
                for name, messages in error.errors.items()
            },
            status=error.status,
        )
    body: dict = {"detail": error.message}
    if isinstance(error, StaleVersion):
        body["version"] = error.current_version
        body["changes"] = [{**change, "date": change["date"].isoformat()} for change in error.changes]
    return Response(body, status=error.status)


NOT_FOUND = "Không tìm thấy bản ghi (không có, đã bị xóa, hoặc nằm ngoài phạm vi tài khoản của bạn)."


def exception_handler(exc, context):
    if isinstance(exc, ServiceError):
        return service_error_response(exc)
    if isinstance(exc, Http404):  # Django's message names the model in English ("No Delegation matches …")
        return Response({"detail": NOT_FOUND}, status=status.HTTP_404_NOT_FOUND)
    response = drf_exception_handler(exc, context)
    if response is not None and response.status_code == status.HTTP_405_METHOD_NOT_ALLOWED:
        response.data = {"detail": "Phương thức này không được hỗ trợ ở địa chỉ này."}
    return response
