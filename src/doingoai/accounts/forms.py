"""The account forms: they parse; ``accounts.services`` checks and saves."""

from __future__ import annotations

from django import forms

from doingoai.accounts.models import Profile
from doingoai.core.forms import ServiceFormMixin
from doingoai.organization.models import Province, Unit


class AccountForm(ServiceFormMixin, forms.Form):
    username = forms.CharField(
        label="Tên đăng nhập",
        max_length=150,
        help_text="Không dấu, không dấu cách; ví dụ: ngoaivu.hoa, sct.nam.",
    )
    full_name = forms.CharField(label="Họ và tên", max_length=150, required=False)
    email = forms.EmailField(
        label="Thư điện tử", required=False, error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ."}
    )
    role = forms.ChoiceField(label="Vai trò", choices=Profile.Role.choices)
    unit = forms.ModelChoiceField(
        label="Đơn vị",
        required=False,
        empty_label="— Không —",
        queryset=Unit.objects.filter(deleted_at__isnull=True)
        .select_related("province")
        .order_by("province__name", "name"),
        help_text="Bắt buộc với cán bộ đơn vị.",
    )
    provinces = forms.ModelMultipleChoiceField(
        label="Tỉnh được xem",
        required=False,
        queryset=Province.objects.filter(deleted_at__isnull=True),
        widget=forms.CheckboxSelectMultiple,
        help_text="Quản trị hệ thống không chọn tỉnh nào thì xem mọi tỉnh.",
    )
    password = forms.CharField(
        label="Mật khẩu ban đầu",
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text="Ít nhất 10 ký tự, không phổ biến, không toàn chữ số, không giống tên.",
    )

    def __init__(self, *args, account=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].label_from_instance = lambda unit: f"{unit.name} ({unit.province.name})"
        if account is not None:
            del self.fields["password"]
            profile = getattr(account, "profile", None)
            self.initial.update(
                username=account.username,
                email=account.email,
                full_name=" ".join(part for part in (account.last_name, account.first_name) if part),
                role=profile.role if profile else Profile.Role.UNIT,
                unit=profile.unit_id if profile else None,
                provinces=list(profile.provinces.values_list("pk", flat=True)) if profile else [],
            )

    def account_values(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("username", "full_name", "email", "role", "unit", "provinces")
        }


class PasswordForm(ServiceFormMixin, forms.Form):
    password = forms.CharField(
        label="Mật khẩu mới",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Phải nhập mật khẩu mới."},
    )
    confirm = forms.CharField(
        label="Nhập lại mật khẩu mới",
        strip=False,
        widget=forms.PasswordInput,
        error_messages={"required": "Phải nhập lại mật khẩu mới."},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password") and cleaned.get("confirm") and cleaned["password"] != cleaned["confirm"]:
            self.add_error("confirm", "Hai lần nhập mật khẩu không giống nhau.")
        return cleaned


class OwnAccountForm(ServiceFormMixin, forms.Form):
    full_name = forms.CharField(
        label="Họ và tên", max_length=150, error_messages={"required": "Phải ghi họ và tên."}
    )
    email = forms.EmailField(
        label="Thư điện tử",
        required=False,
        help_text="Thư nhắc việc (hạn gửi đề xuất, báo cáo, hộ chiếu) được gửi tới địa chỉ này.",
        error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ."},
    )


class OwnPasswordForm(PasswordForm):
    current = forms.CharField(
        label="Mật khẩu hiện tại",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Phải nhập mật khẩu hiện tại."},
    )
    field_order = ["current", "password", "confirm"]
