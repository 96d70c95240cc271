"""Django settings for the doingoai web application, read from the environment.

SQLite in a data folder by default (``DOINGOAI_DATA_DIR``, default ``./data``);
PostgreSQL when ``DATABASE_URL`` is set. Everything an officer sees is in
Vietnamese, the time zone is Asia/Ho_Chi_Minh, and every static asset is
served from the project itself (government networks are often offline).

Production (see the README, "Triển khai"): debugging is off unless
``DOINGOAI_DEBUG=1`` (the demo turns it on); ``DOINGOAI_SECRET_KEY`` must be
set, or the system refuses to start rather than use a known key;
``DOINGOAI_ALLOWED_HOSTS`` names the site's host names; ``DOINGOAI_HTTPS=1``
turns on what running behind an HTTPS proxy needs (secure cookies, HSTS, the
proxy's HTTPS header, trusted origins). Logins are throttled (django-axes).
"""

from __future__ import annotations

import contextlib
import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def _flag(name: str, default: str = "0") -> bool:
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "on")


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("DOINGOAI_DATA_DIR", Path.cwd() / "data")).resolve()

DEBUG = _flag("DOINGOAI_DEBUG")
SECRET_KEY = os.environ.get("DOINGOAI_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Chưa đặt khóa bí mật: hãy đặt biến môi trường DOINGOAI_SECRET_KEY (một chuỗi ngẫu nhiên dài, "
            "ví dụ tạo bằng: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'). "
            "Hệ thống không chạy với khóa mặc định khi tắt chế độ gỡ lỗi."
        )
    SECRET_KEY = "doingoai-khoa-chi-dung-khi-go-loi-khong-dung-cho-may-chu-that"
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("DOINGOAI_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
]

# Behind the province's web server, which terminates HTTPS and forwards with X-Forwarded-Proto.
HTTPS = _flag("DOINGOAI_HTTPS")
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DOINGOAI_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_TRUSTED_ORIGINS = [
        f"https://{host.lstrip('.')}" if not host.startswith(".") else f"https://*{host}"
        for host in ALLOWED_HOSTS
        if host != "*"
    ]
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

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
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
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
    "doingoai.reports",
    "doingoai.rules",
    "doingoai.collection",
    "doingoai.consolidation",
    "doingoai.calendars",
    "doingoai.documents",
    "doingoai.dashboard",
    "doingoai.search",
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
    # last, as its documentation asks: it turns a locked-out login into the Vietnamese lockout page
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # first: refuses a locked-out login before any password is checked
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
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
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Logins throttled (django-axes): after AXES_FAILURE_LIMIT wrong passwords from one address, or for one
# account, that address or account waits AXES_COOLOFF_TIME; the same for the pages, the administration
# and POST /api/token/. The wait is explained in Vietnamese (accounts/lockout.py).
AXES_FAILURE_LIMIT = int(os.environ.get("DOINGOAI_LOGIN_ATTEMPTS", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("DOINGOAI_LOGIN_WAIT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "doingoai.accounts.lockout.lockout_response"
AXES_IPWARE_PROXY_COUNT = 1 if HTTPS else 0
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if HTTPS else ["REMOTE_ADDR"]

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
    "DEFAULT_PAGINATION_CLASS": "doingoai.core.api.pagination.CappedLimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "doingoai.core.api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API của doingoai",
    "DESCRIPTION": (
        "API của hệ thống quản lý công tác đối ngoại của tỉnh: đoàn ra, đoàn vào và các bước xử lý, thỏa "
        "thuận quốc tế, nhiệm vụ, đối tác, đơn vị, văn bản kế hoạch. Xác thực bằng phiên đăng nhập hoặc mã "
        '(POST /api/token/ với tên đăng nhập và mật khẩu; gửi tiêu đề "Authorization: Token <mã>"). '
        "Mỗi bản ghi có `version`: gửi kèm khi sửa để không ghi đè thay đổi của người khác (409)."
    ),
    "VERSION": "0.1.0",
    "ENUM_NAME_OVERRIDES": {
        "UnitKindEnum": "doingoai.organization.models.Unit.Kind",
        "PartnerKindEnum": "doingoai.partners.models.Partner.Kind",
        "DelegationStatusEnum": "doingoai.delegations.models.Delegation.Status",
        "AgreementStatusEnum": "doingoai.agreements.models.Agreement.Status",
        "TaskStatusEnum": "doingoai.tasks.models.Task.Status",
        "MemberRoleEnum": "doingoai.delegations.models.DelegationMember.Role",
        "PassportKindEnum": "doingoai.delegations.models.DelegationMember.PassportKind",
    },
    # the schema and its viewer need a login like the rest, and load nothing from the internet
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SERVE_AUTHENTICATION": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    # each group of operations (named by its path) described in Vietnamese
    "TAGS": [
        {
            "name": "delegations",
            "description": "Đoàn ra, đoàn vào: hồ sơ, các bước xử lý, thành viên, báo cáo",
        },
        {"name": "agreements", "description": "Thỏa thuận quốc tế"},
        {"name": "tasks", "description": "Nhiệm vụ: đơn vị chủ trì, phối hợp, thời hạn"},
        {"name": "partners", "description": "Đối tác nước ngoài"},
        {"name": "people", "description": "Người đi, người đón: cán bộ trong các đoàn"},
        {"name": "plan-documents", "description": "Văn bản kế hoạch đã nhập"},
        {"name": "units", "description": "Đơn vị của tỉnh"},
        {"name": "provinces", "description": "Tỉnh"},
        {"name": "token", "description": "Lấy mã xác thực bằng tên đăng nhập và mật khẩu"},
        {"name": "schema", "description": "Lược đồ OpenAPI của API này"},
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
DJANGO_TABLES2_TEMPLATE = "core/table.html"

# The reason of each change (a transition's reason, "Nhập từ văn bản …") can be long.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Attachments (invitations, decisions, reports: usually scans) are refused above this size.
# What a plan imported in the browser implies (the rules' check, the partners' links) is worked out
# after its records are saved, in a thread of its own (core.services.derived_after_saving); off, at
# once after the save, before the page answers.
DOINGOAI_DERIVED_IN_BACKGROUND = _flag("DOINGOAI_DERIVED_IN_BACKGROUND", "1")

DOINGOAI_ATTACHMENT_MAX_BYTES = int(os.environ.get("DOINGOAI_ATTACHMENT_MAX_MB", "20")) * 1024 * 1024


# E-mail (reminders): any SMTP server DOINGOAI_EMAIL_HOST names; without one, the messages are
# written to the console (the demo shows them there).
EMAIL_HOST = os.environ.get("DOINGOAI_EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("DOINGOAI_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("DOINGOAI_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("DOINGOAI_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = _flag("DOINGOAI_EMAIL_TLS", "1")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DOINGOAI_EMAIL_FROM", "doingoai <khong-tra-loi@localhost>")
