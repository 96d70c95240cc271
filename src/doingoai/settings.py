"""Django settings for the doingoai web application.

SQLite in a data folder by default (``DOINGOAI_DATA_DIR``, default ``./data``);
PostgreSQL when ``DATABASE_URL`` is set. Everything an officer sees is in
Vietnamese, the time zone is Asia/Ho_Chi_Minh, and every static asset is
served from the project itself (government networks are often offline).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("DOINGOAI_DATA_DIR", Path.cwd() / "data")).resolve()

SECRET_KEY = os.environ.get("DOINGOAI_SECRET_KEY", "doingoai-dev-key-change-me-in-production")
DEBUG = os.environ.get("DOINGOAI_DEBUG", "1") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("DOINGOAI_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "django_tables2",
    "drf_spectacular",
    "simple_history",
    "doingoai.core",
    "doingoai.organization",
    "doingoai.accounts",
    "doingoai.plans",
    "doingoai.partners",
    "doingoai.people",
    "doingoai.delegations",
    "doingoai.agreements",
    "doingoai.tasks",
    "doingoai.inbox",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "doingoai.urls"
WSGI_APPLICATION = "doingoai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "doingoai.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(default=f"sqlite:///{DATA_DIR / 'doingoai.sqlite3'}", conn_max_age=60)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several officers save at once: the write-ahead log lets readers go on while one writes,
    # IMMEDIATE transactions take the write lock when they begin (so two writers queue instead
    # of failing with "database is locked" when one upgrades its read lock), and a writer waits
    # up to 20 s for its turn.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
    )
    # Tests run on a file too (not in memory), so that a live server's threads each have their
    # own connection, as a deployed server's do.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-doingoai.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# Assets are served from the apps (WHITENOISE_USE_FINDERS); the folder only has to exist.
with contextlib.suppress(OSError):  # a read-only deployment has run collectstatic beforehand
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
WHITENOISE_USE_FINDERS = True
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 60 * 1024 * 1024
# The import preview posts one input per corrected value of every row.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "inbox:inbox"
LOGOUT_REDIRECT_URL = "login"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["doingoai.accounts.permissions.RolePermission"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "doingoai.core.api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "doingoai API",
    "DESCRIPTION": "API của hệ thống quản lý công tác đối ngoại",
    "VERSION": "0.1.0",
    "ENUM_NAME_OVERRIDES": {"UnitKindEnum": "doingoai.organization.models.Unit.Kind"},
}
DJANGO_TABLES2_TEMPLATE = "core/table.html"

# The reason of each change (a transition's reason, "Nhập từ văn bản …") can be long.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Attachments (invitations, decisions, reports: usually scans) are refused above this size.
DOINGOAI_ATTACHMENT_MAX_BYTES = int(os.environ.get("DOINGOAI_ATTACHMENT_MAX_MB", "20")) * 1024 * 1024
