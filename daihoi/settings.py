"""Settings for the Đại hội project.

Everything that differs between a laptop demo and a server comes from the
environment: DATABASE_URL, DAIHOI_SECRET_KEY, DAIHOI_DEBUG, DAIHOI_HTTPS,
DAIHOI_ALLOWED_HOSTS, DAIHOI_DATA_DIR.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from daihoi.ops import proxies as _proxies
from daihoi.ops import secret_key as _secret_key

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
DATA_DIR = Path(os.environ.get("DAIHOI_DATA_DIR", PROJECT_DIR / "var"))


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _flag("DAIHOI_DEBUG")
# DAIHOI_SECRET_KEY, or else a random key made on the first start and kept in
# DATA_DIR/secret_key (daihoi.ops.secret_key). The published demo key is only a
# name to refuse: under DAIHOI_HTTPS=1 here, beyond loopback in `daihoi serve`.
DEMO_SECRET_KEY = _secret_key.DEMO_SECRET_KEY
try:
    SECRET_KEY = _secret_key.secret_key(os.environ.get("DAIHOI_SECRET_KEY"), DATA_DIR)
except _secret_key.SecretKeyError as _exc:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(str(_exc)) from _exc
ALLOWED_HOSTS = os.environ.get("DAIHOI_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "treebeard",
    "django_htmx",
    # Swagger UI's files from the package, served by us (not from a CDN) at /api/docs.
    "ninja",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "daihoi.accounts",
    "daihoi.orgs",
    "daihoi.audit",
    "daihoi.notifications",
    "daihoi.campaigns",
    "daihoi.elections",
    "daihoi.personnel",
    "daihoi.drafts",
    "daihoi.assembly",
    "daihoi.results",
    "daihoi.proceedings",
    "daihoi.jobs",
    "daihoi.ops",
    "daihoi.workqueue",
    "daihoi.completeness",
    "daihoi.earlywarning",
    "daihoi.web",
    "daihoi.api",
]

MIDDLEWARE = [
    "daihoi.web.headers.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "daihoi.web.middleware.SessionRefreshMiddleware",
    "daihoi.web.middleware.LanguageMiddleware",
    "daihoi.web.errors.ErrorPageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "daihoi.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # A lock timeout in a view becomes a 503 with Retry-After, never a 500.
    "daihoi.web.busy.BusyDatabaseMiddleware",
    # Axes must come last so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "daihoi.urls"
WSGI_APPLICATION = "daihoi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "daihoi.notifications.context.unread",
                "daihoi.workqueue.context.work_count",
            ],
        },
    },
]

DEFAULT_SQLITE = DATA_DIR / "daihoi.sqlite3"
if not os.environ.get("DATABASE_URL"):
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE}", conn_max_age=60
    )
}
# Connections are kept for a minute (and checked before reuse): opening one costs a
# SQLite server its PRAGMAs and a fresh schema read, ~20 ms of a 36 ms check-in.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers run while a counting desk writes. synchronous=FULL
        # fsyncs the WAL on every commit, so an acknowledged write survives a
        # power cut; NORMAL would be faster but may lose the last commits.
        # IMMEDIATE transactions take the write lock up front instead of
        # failing mid-transaction with "database is locked".
        "init_command": (
            "PRAGMA journal_mode=WAL;PRAGMA synchronous=FULL;"
            "PRAGMA foreign_keys=ON;PRAGMA busy_timeout=10000;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["ENGINE"] = "daihoi.db.sqlite3"
    # In memory, named so that pytest-django (which knows only the stock engine) leaves it be.
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The health check above without a round trip while the server is quiet.
    DATABASES["default"]["ENGINE"] = "daihoi.db.postgresql"
    # Parameters bound on the server, and a statement run five times on a connection
    # prepared (psycopg's default threshold): PostgreSQL then only executes a stored
    # plan. Django's own options; bench/binding.py measured the database's processor
    # time per check-in statement at 0.52 of client-side binding, the same as the
    # hand-made prepared cursor they replace, and 0.52 on ORM queries too.
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "server_side_binding": True,
        "prepare_threshold": 5,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "daihoi.accounts.backends.UserBackend",
]
OTP_TOTP_ISSUER = "Đại hội"
LOGIN_URL = "login"
# A reset link made by a unit's administrator is handed over the same day (accounts.views).
PASSWORD_RESET_TIMEOUT = 24 * 3600
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: five failures lock that username from that address for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
# Behind nginx, name it here (DAIHOI_TRUSTED_PROXIES=127.0.0.1): `daihoi serve` then
# believes X-Forwarded-For/-Proto from that address only (daihoi.ops.proxies), and
# the throttle counts the client's address rather than the proxy's.
try:
    TRUSTED_PROXIES = _proxies.parse(os.environ.get("DAIHOI_TRUSTED_PROXIES"))
except ValueError as _exc:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(str(_exc)) from _exc
AXES_CLIENT_IP_CALLABLE = "daihoi.accounts.client_ip.client_ip"

# Cookies: never readable by scripts, same-site only; "Secure" as soon as the
# site is served over HTTPS (a laptop demo on http://127.0.0.1 is not).
HTTPS = _flag("DAIHOI_HTTPS")
# A server behind TLS names its key (several machines, or a restore, must share it).
if HTTPS and (not os.environ.get("DAIHOI_SECRET_KEY") or _secret_key.weakness(SECRET_KEY)):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "DAIHOI_HTTPS=1 needs DAIHOI_SECRET_KEY (a long random value, not the demo key)."
    )
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
# A Party committee's site and its subdomains are served over HTTPS only.
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# Only behind a named proxy: `daihoi serve` strips the header from everyone else, but a
# server started some other way would let any client claim https.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS and TRUSTED_PROXIES else None
# Venue computers are shared: a session ends with the browser, and after
# DAIHOI_SESSION_MINUTES (default 120) without a request.
SESSION_COOKIE_AGE = int(os.environ.get("DAIHOI_SESSION_MINUTES", "120")) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# The idle clock is pushed on by web.middleware.SessionRefreshMiddleware at most once
# a minute; saving the session on every request would add a commit (an fsync on
# SQLite) to every scan at a check-in desk and every keyed ballot.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_ENGINE = "daihoi.web.sessions"
SESSION_REFRESH_SECONDS = 60
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A refused CSRF token gets the site's Vietnamese 403 page, not Django's English one.
CSRF_FAILURE_VIEW = "daihoi.web.errors.csrf_failure"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
FORMAT_MODULE_PATH = ["daihoi.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "media"

# Uploads: an organisation list of 100,000 rows is a few MB; refuse more. One cap for
# every upload and import (daihoi/orgs/uploads.py checks them all before parsing).
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Above this an upload goes to a temporary file, not memory; nothing is kept past the cap.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "daihoi.core.uploads.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DAIHOI_MAX_UPLOAD_BYTES = int(os.environ.get("DAIHOI_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))
# Rows of one import (blank ones included); 200,000 holds a whole province's cells.
DAIHOI_MAX_IMPORT_ROWS = int(os.environ.get("DAIHOI_MAX_IMPORT_ROWS", 200_000))
# A DOCX or XLSX is a zip of XML: what it may unzip to, how much one part may be
# compressed (text XML is 5-20×, a bomb thousands), how many parts it may have.
DAIHOI_MAX_UNZIPPED_BYTES = 150 * 1024 * 1024
DAIHOI_MAX_DOCX_UNZIPPED_BYTES = 40 * 1024 * 1024
DAIHOI_MAX_ZIP_RATIO = 100
DAIHOI_MAX_ZIP_PARTS = 1000
DAIHOI_MAX_DOCX_PARAGRAPHS = 20_000
# Reading one uploaded table or draft stops after this long (orgs.uploads.parse_deadline);
# the largest file the caps accept takes about 4 s (bench/uploads.py).
DAIHOI_MAX_PARSE_SECONDS = int(os.environ.get("DAIHOI_MAX_PARSE_SECONDS", 30))
# On SQLite an import holds the one write lock until it ends: while a sitting is open
# today, a bigger organisation import is refused (daihoi/orgs/hall.py).
DAIHOI_IMPORT_ROWS_DURING_SITTING = 5_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "daihoi.ops.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Notification mail (daihoi/notifications): printed on the console unless an SMTP
# server is named; `daihoi send-digests` (a daily timer, docs/operations.md) retries
# failed sends and mails the digests.
EMAIL_BACKEND = os.environ.get(
    "DAIHOI_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("DAIHOI_EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("DAIHOI_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DAIHOI_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("DAIHOI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DAIHOI_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("DAIHOI_EMAIL_TLS", "1") == "1"
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DAIHOI_EMAIL_FROM", "daihoi@localhost")
# The address people reach the app at, for links in mail.
DAIHOI_SITE_URL = os.environ.get("DAIHOI_SITE_URL", "http://localhost:8000").rstrip("/")
