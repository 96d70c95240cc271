"""What someone locked out after too many wrong passwords is told: how long to wait, in Vietnamese.

django-axes counts wrong passwords per address and per account
(``AXES_LOCKOUT_PARAMETERS``) for the login page, the administration and
``POST /api/token/`` alike, and calls ``lockout_response`` once the limit is
reached. The API gets JSON, the pages a page; both answer 429 (too many
requests) with a ``Retry-After`` header.
"""

from __future__ import annotations

from axes.helpers import get_cool_off
from django.http import JsonResponse
from django.template.response import TemplateResponse


def wait_message(request) -> tuple[str, int]:
    """The Vietnamese explanation and the wait in seconds."""
    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds()) if cool_off else 15 * 60
    minutes = max(1, round(seconds / 60))
    message = (
        f"Đăng nhập sai quá nhiều lần nên tạm thời bị khóa. Vui lòng thử lại sau {minutes} phút, "
        "hoặc liên hệ quản trị hệ thống nếu bạn quên mật khẩu."
    )
    return message, seconds


def lockout_response(request, original_response=None, credentials=None):
    message, seconds = wait_message(request)
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=429)
    else:
        response = TemplateResponse(request, "core/locked.html", {"message": message}, status=429).render()
    response["Retry-After"] = str(seconds)
    return response
