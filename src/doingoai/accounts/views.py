"""Pages where an administrator manages accounts: list, add, change, deactivate, set a password.

Only administrators reach them (403 for everyone else). Each page hands its
form's values to ``accounts.services``; the account's page shows its history
(its own fields and its role, unit and provinces), who changed what.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views import View

from doingoai.accounts import services
from doingoai.accounts.forms import AccountForm, OwnAccountForm, OwnPasswordForm, PasswordForm
from doingoai.accounts.models import Profile
from doingoai.core.errors import InvalidInput, NotAllowed, ServiceError
from doingoai.core.history import history_entries
from doingoai.core.views import permission_denied
from doingoai.extraction.normalize.text import fold


class AdminOnly(LoginRequiredMixin, View):
    template_name = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not services.can_manage_accounts(request.user):
            return permission_denied(request, NotAllowed(services.ADMIN_ONLY))
        try:
            return super().dispatch(request, *args, **kwargs)
        except NotAllowed as error:
            return permission_denied(request, error)

    def account(self):
        return get_object_or_404(
            get_user_model().objects.select_related("profile", "profile__unit"), pk=self.kwargs["pk"]
        )

    def render(self, context: dict, status: int = 200):
        return TemplateResponse(
            self.request, self.template_name, {"nav_active": "accounts", **context}, status=status
        )


class AccountListView(AdminOnly):
    template_name = "accounts/account_list.html"

    def get(self, request):
        accounts = (
            get_user_model()
            .objects.select_related("profile", "profile__unit")
            .prefetch_related("profile__provinces")
            .order_by("-is_active", "username")
        )
        q, role, active = (
            request.GET.get("q", "").strip(),
            request.GET.get("role", ""),
            request.GET.get("active", ""),
        )
        if role in Profile.Role.values:
            accounts = accounts.filter(profile__role=role)
        if active in ("1", "0"):
            accounts = accounts.filter(is_active=active == "1")
        rows = list(accounts)
        if q:
            words = fold(q).split()
            rows = [
                a
                for a in rows
                if all(
                    w
                    in fold(
                        f"{a.username} {a.last_name} {a.first_name} {a.email} "
                        f"{getattr(getattr(a, 'profile', None), 'unit', '') or ''}"
                    )
                    for w in words
                )
            ]
        page = Paginator(rows, 50).get_page(request.GET.get("page"))
        return self.render(
            {
                "page": page,
                "q": q,
                "role": role,
                "active": active,
                "roles": Profile.Role.choices,
                "title": "Tài khoản",
            }
        )


class AccountEditView(AdminOnly):
    template_name = "accounts/account_edit.html"

    def get(self, request, pk=None):
        account = self.account() if pk else None
        return self.render(
            {
                "form": AccountForm(account=account),
                "account": account,
                "title": f"Sửa tài khoản {account.username}" if account else "Thêm tài khoản",
            }
        )

    def post(self, request, pk=None):
        account = self.account() if pk else None
        form = AccountForm(request.POST, account=account)
        context = {
            "form": form,
            "account": account,
            "title": f"Sửa tài khoản {account.username}" if account else "Thêm tài khoản",
        }
        if not form.is_valid():
            return self.render(context, status=400)
        try:
            if account is None:
                account = services.account_create(
                    user=request.user, values=form.account_values(), password=form.cleaned_data["password"]
                )
            else:
                account = services.account_update(account, user=request.user, values=form.account_values())
        except InvalidInput as error:
            form.add_service_errors(error)
            return self.render(context, status=400)
        except ServiceError as error:
            messages.error(request, error.message)
            return self.render(context, status=error.status)
        messages.success(request, f"Đã lưu tài khoản {account.username}.")
        return redirect("accounts:account", pk=account.pk)


class AccountView(AdminOnly):
    template_name = "accounts/account_detail.html"

    def get(self, request, pk):
        account = self.account()
        history = history_entries(account)
        profile = getattr(account, "profile", None)
        if profile is not None:
            history += history_entries(profile)
        history.sort(key=lambda entry: entry["date"], reverse=True)
        return self.render(
            {
                "account": account,
                "profile": profile,
                "history": history,
                "title": f"Tài khoản {account.username}",
            }
        )


class AccountActiveView(AdminOnly):
    def post(self, request, pk):
        account = self.account()
        active = request.POST.get("active") == "1"
        try:
            services.account_set_active(account, user=request.user, active=active)
        except ServiceError as error:
            if isinstance(error, NotAllowed):
                raise
            messages.error(request, error.message)
        else:
            messages.success(request, f"Đã {'mở lại' if active else 'khóa'} tài khoản {account.username}.")
        return redirect("accounts:account", pk=account.pk)


class AccountPasswordView(AdminOnly):
    template_name = "accounts/account_password.html"

    def get(self, request, pk):
        return self.render({"form": PasswordForm(), "account": self.account(), "title": "Đặt lại mật khẩu"})

    def post(self, request, pk):
        account = self.account()
        form = PasswordForm(request.POST)
        context = {"form": form, "account": account, "title": "Đặt lại mật khẩu"}
        if not form.is_valid():
            return self.render(context, status=400)
        try:
            services.account_set_password(account, user=request.user, password=form.cleaned_data["password"])
        except InvalidInput as error:
            form.add_service_errors(error)
            return self.render(context, status=400)
        messages.success(request, f"Đã đặt mật khẩu mới cho {account.username}.")
        return redirect("accounts:account", pk=account.pk)


class OwnAccountView(LoginRequiredMixin, View):
    """Every officer's own page: their name and e-mail (where reminders go), their password."""

    template_name = "accounts/own_account.html"

    def render(self, form, password_form, status: int = 200):
        return TemplateResponse(
            self.request,
            self.template_name,
            {"form": form, "password_form": password_form, "nav_active": ""},
            status=status,
        )

    def get(self, request):
        user = request.user
        form = OwnAccountForm(
            initial={
                "full_name": " ".join(part for part in (user.last_name, user.first_name) if part),
                "email": user.email,
            }
        )
        return self.render(form, OwnPasswordForm())

    def post(self, request):
        if request.POST.get("what") == "password":
            password_form = OwnPasswordForm(request.POST)
            if password_form.is_valid():
                try:
                    services.own_password_change(
                        user=request.user,
                        current=password_form.cleaned_data["current"],
                        password=password_form.cleaned_data["password"],
                    )
                except InvalidInput as error:
                    password_form.add_service_errors(error)
                else:
                    update_session_auth_hash(request, request.user.__class__.objects.get(pk=request.user.pk))
                    messages.success(request, "Đã đổi mật khẩu.")
                    return redirect("accounts:own_account")
            return self.render(OwnAccountForm(initial={"email": request.user.email}), password_form, 400)
        form = OwnAccountForm(request.POST)
        if form.is_valid():
            try:
                services.own_account_update(user=request.user, values=form.cleaned_data)
            except InvalidInput as error:
                form.add_service_errors(error)
            else:
                messages.success(request, "Đã lưu thông tin tài khoản.")
                return redirect("accounts:own_account")
        return self.render(form, OwnPasswordForm(), 400)
