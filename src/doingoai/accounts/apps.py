from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "doingoai.accounts"
    verbose_name = "Tài khoản"
