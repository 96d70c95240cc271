"""``POST /api/token/``: a username and a password in, a token out (for other systems' scripts).

Throttled like the login page: after too many wrong passwords the answer is
429 with the wait, in Vietnamese (``accounts.lockout``).
"""

from __future__ import annotations

from axes.exceptions import AxesBackendPermissionDenied
from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from doingoai.accounts.lockout import lockout_response


class Credentials(serializers.Serializer):
    username = serializers.CharField(
        error_messages={"required": "Phải ghi tên đăng nhập.", "blank": "Phải ghi tên đăng nhập."}
    )
    password = serializers.CharField(
        trim_whitespace=False,
        error_messages={"required": "Phải ghi mật khẩu.", "blank": "Phải ghi mật khẩu."},
    )


class ObtainTokenView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        summary="Lấy mã xác thực (token) bằng tên đăng nhập và mật khẩu",
        request=Credentials,
        responses={200: inline_serializer("Token", {"token": serializers.CharField()})},
    )
    def post(self, request):
        form = Credentials(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            user = authenticate(
                request._request,
                username=form.validated_data["username"],
                password=form.validated_data["password"],
            )
        except AxesBackendPermissionDenied:
            user = None
        if getattr(request._request, "axes_locked_out", False):
            return lockout_response(request._request)
        if user is None or not user.is_active:
            return Response(
                {"detail": "Tên đăng nhập hoặc mật khẩu không đúng."}, status=status.HTTP_400_BAD_REQUEST
            )
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
