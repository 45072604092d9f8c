"""maison's one settings module, driven by environment variables.

Nothing secret lives here: a real deployment sets DJANGO_SECRET_KEY, DATABASE_URL,
REDIS_URL and the mail settings in its environment. Importing this module never
fails for want of them (tests and the demo import it too); the production entry
point refuses to start without them (`maison/production.py`).
"""

import os
from email.utils import getaddresses
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from maison.production import DEV_SECRET_KEY_PREFIX
from maison.terms.policy import POLICY

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("MAISON_VAR_DIR", BASE_DIR / "var"))


def env_flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("DJANGO_DEBUG")
# The single-process demo on a developer's machine (bin/serve-demo): DEBUG off, so
# shoppers see the store's own error pages, yet no Redis nor secret key required.
# Never set it on a real store.
MAISON_DEMO = env_flag("MAISON_DEMO")
# A development key is made up per checkout, never committed (see `make demo`);
# with DEBUG off, gunicorn refuses to start on it (maison/production.py).
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or DEV_SECRET_KEY_PREFIX + str(BASE_DIR)
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    # Before the admin, so translated fields show in both languages there.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "django_tasks_rq",
    "maison.terms",
    "maison.markets",
    "maison.catalog",
    "maison.inventory",
    "maison.shipping",
    "maison.payments",
    "maison.notifications",
    "maison.basket",
    "maison.invoicing",
    "maison.orders",
    "maison.aftersales",
    "maison.checkout",
    "maison.accounts",
    "maison.support",
    "maison.alerts",
    "maison.scheduler",
    "maison.storefront",
    "maison.backoffice",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "maison.storefront.middleware.RefuseNulBytes",
    "csp.middleware.CSPMiddleware",
    "maison.storefront.middleware.PrivatePages",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "maison.storefront.language.StoreLocaleMiddleware",
    "maison.storefront.middleware.ExplainRefusedMethod",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "maison.urls"
WSGI_APPLICATION = "maison.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Before the apps' own: the admin's header, with its language choice, is the back
        # office's (django.contrib.admin comes before the shop's apps in INSTALLED_APPS).
        "DIRS": [BASE_DIR / "maison" / "backoffice" / "overrides"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "maison.storefront.context_processors.store",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'maison.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        # A connection the server lost (restart, failover, pg_terminate_backend)
        # is noticed and replaced at the next request, instead of answering 500.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A busy timeout lets the web server and the task worker share the file.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# The test provider keeps its ledger on a connection of its own, as a remote
# provider keeps it on its own servers: a store transaction rolled back never
# erases what the provider did. The same server and database (on PostgreSQL one
# database, two connections); tests on SQLite give it its own in-memory database.
DATABASES["payment_provider"] = {**DATABASES["default"]}
DATABASE_ROUTERS = ["maison.payments.routers.ProviderLedgerRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

# Customers and staff sign in with their email, whatever its case (ACC-4).
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["maison.accounts.backends.EmailBackend"]
# The password rule of ACC-1, read from the policy by the validator; the two
# others refuse passwords close to the person's own details or widely leaked.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "maison.accounts.validators.PolicyPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# A reset link expires after the policy's hours (ACC-2).
PASSWORD_RESET_TIMEOUT = POLICY.reset_link_hours * 3600
LOGIN_URL = "storefront:sign-in"
LOGIN_REDIRECT_URL = "storefront:account"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français")]
# Catalogue text (django-modeltranslation): English is the fallback of French.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
LOCALE_PATHS = [BASE_DIR / "maison" / "locale"]
# Where the store writes dates differently from Django's formats ("7 décembre 2026 à 05:19").
FORMAT_MODULE_PATH = ["maison.formats"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# Issued invoice PDFs and product photographs go through Django's storage API:
# a local directory by default, which every app server and worker must share (a
# volume), or S3-compatible storage (below).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Product photographs (docs/operations.md): files under var/media/ by default,
# served by the store itself (MAISON_SERVE_MEDIA) or by the web server in front;
# an S3-compatible bucket when MAISON_MEDIA_BUCKET is set (`pip install maison[s3]`).
# Every file is named by its content, so it is cached for a year, immutable.
MEDIA_URL = os.environ.get("MAISON_MEDIA_URL", "/media/")
MEDIA_ROOT = os.environ.get("MAISON_MEDIA_ROOT", str(VAR_DIR / "media"))
MEDIA_CACHE_CONTROL = "public, max-age=31536000, immutable"
MAISON_SERVE_MEDIA = env_flag("MAISON_SERVE_MEDIA", default=True)
if media_bucket := os.environ.get("MAISON_MEDIA_BUCKET", ""):
    # Credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, read by boto3.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": media_bucket,
            "endpoint_url": os.environ.get("MAISON_MEDIA_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MAISON_MEDIA_REGION") or None,
            "custom_domain": os.environ.get("MAISON_MEDIA_DOMAIN") or None,
            "location": os.environ.get("MAISON_MEDIA_PREFIX", ""),
            "querystring_auth": False,
            "file_overwrite": True,
            "object_parameters": {"CacheControl": MEDIA_CACHE_CONTROL},
        },
    }
    MAISON_SERVE_MEDIA = False
# What an upload may be (maison/catalog/uploads.py), and the widths pages choose from.
MAISON_IMAGE_MAX_BYTES = int(os.environ.get("MAISON_IMAGE_MAX_BYTES", str(25 * 1024 * 1024)))
MAISON_IMAGE_MAX_PIXELS = int(os.environ.get("MAISON_IMAGE_MAX_PIXELS", "40000000"))
MAISON_IMAGE_WIDTHS = (320, 640, 960, 1280)
# How wide `load_demo` draws its pictures: 640 keeps `make demo` and its worker
# within a minute on two cores; tests draw them small.
MAISON_DEMO_PICTURE_WIDTH = 640

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_flag("DJANGO_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# State every server process must agree on: rate-limit counters (ACC-7), sessions
# and any shared cache live in Redis when REDIS_URL is set, which production
# requires. Without it (the single-process demo) counters stay in local memory
# and sessions in the database, which the demo's web process and worker share.
# Never the database cache for counters: its incr is a read then a write, so
# attempts made at once are lost (maison/accounts/throttle.py refuses it).
REDIS_URL = os.environ.get("REDIS_URL", "")
# Keys start with the prefix, so two stores can share one Redis.
MAISON_CACHE_PREFIX = os.environ.get("MAISON_CACHE_PREFIX", "maison")
if REDIS_URL:
    REDIS_OPTIONS = {
        # A Redis outage answers errors within seconds instead of hanging workers;
        # errors are never ignored, so a limit cannot silently stop counting.
        "SOCKET_CONNECT_TIMEOUT": 2,
        "SOCKET_TIMEOUT": 2,
    }
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": MAISON_CACHE_PREFIX,
            "OPTIONS": REDIS_OPTIONS,
        },
        # Sessions under a prefix of their own, told apart from throwaway entries.
        "sessions": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": MAISON_CACHE_PREFIX + ":sessions",
            "OPTIONS": REDIS_OPTIONS,
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    SESSION_CACHE_ALIAS = "sessions"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Emails leave through the outbox (DATA-3); this is only the last hop.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "Maison Orvane <orders@orvane.example>"
)

# Tasks (the outbox's emails) run in the database queue by default; with REDIS_URL
# they go through Redis and RQ workers (`manage.py rqworker --job-class
# django_tasks_rq.Job --with-scheduler`, see docs/operations.md).
MAISON_TASKS_BACKEND = os.environ.get(
    "MAISON_TASKS_BACKEND",
    "django_tasks_rq.RQBackend" if REDIS_URL else "django_tasks_db.DatabaseBackend",
)
TASKS = {"default": {"BACKEND": MAISON_TASKS_BACKEND, "QUEUES": ["default"]}}
RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0"}}

# --- Production hardening (issue #13): HTTPS, headers, errors. See docs/operations.md.
# Behind a TLS-terminating proxy: the header it sets, e.g. "X-Forwarded-Proto"
# (its value must be "https"). Set it only if the proxy always sets or strips it.
if proxy_header := os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER", ""):
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + proxy_header.upper().replace("-", "_"), "https")
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_flag("DJANGO_SECURE_HSTS_PRELOAD")
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True

# Pictures from a bucket's own address are the store's too.
MEDIA_ORIGINS = []
if MEDIA_URL.startswith("https://"):
    MEDIA_ORIGINS.append("/".join(MEDIA_URL.split("/", 3)[:3]))
if media_domain := os.environ.get("MAISON_MEDIA_DOMAIN", ""):
    MEDIA_ORIGINS.append(f"https://{media_domain}")
# No inline script or style anywhere: the policy allows the store's own files only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Powerful browser features the store never uses, refused to every frame.
MAISON_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# Who is mailed a 500's traceback: "Name <a@example.com>, b@example.com".
ADMINS = getaddresses([os.environ.get("DJANGO_ADMINS", "")])
ADMINS = [(name, address) for name, address in ADMINS if address]
SERVER_EMAIL = os.environ.get("DJANGO_SERVER_EMAIL", "maison@localhost")

# Errors (every 500, with its traceback) go to stderr, where gunicorn and systemd
# keep them, and by mail to ADMINS when DEBUG is off.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "errors": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "level": "WARNING",
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "loggers": {
        "maison": {"handlers": ["console"], "level": "INFO"},
        "django": {"handlers": ["errors", "mail_admins"], "level": "WARNING", "propagate": False},
    },
}
# --- End of production hardening.

# Country names in both languages come from django-countries; these read better on
# a parcel and in a sentence than the official long forms.
COUNTRIES_OVERRIDE = {"US": _("United States"), "GB": _("United Kingdom")}

# How many reverse proxies stand in front of the store (0: none); rate limits then
# read the shopper's address from X-Forwarded-For.
MAISON_TRUSTED_PROXIES = int(os.environ.get("MAISON_TRUSTED_PROXIES", "0"))

# Where links in emails point: the store's public address.
MAISON_BASE_URL = os.environ.get("MAISON_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# The payment provider the store talks to (PAY-5). Only the test provider ships.
MAISON_PAYMENT_PROVIDER = os.environ.get(
    "MAISON_PAYMENT_PROVIDER", "maison.payments.providers.testing.TestProvider"
)
# Days an authorisation of the test provider holds before it lapses (PAY-5).
MAISON_TEST_PROVIDER_AUTH_DAYS = int(os.environ.get("MAISON_TEST_PROVIDER_AUTH_DAYS", "7"))
# Milliseconds the test provider waits before each answer, as one across a network
# would: benchmarks and the oversell proof set it (0: answer at once).
MAISON_TEST_PROVIDER_LATENCY_MS = int(os.environ.get("MAISON_TEST_PROVIDER_LATENCY_MS", "0"))
# The shared secret that signs the payment provider's webhooks (HMAC-SHA256).
# Required with DEBUG off (maison.E003); a development value otherwise.
MAISON_PAYMENT_WEBHOOK_SECRET = os.environ.get("MAISON_PAYMENT_WEBHOOK_SECRET", "")
# Where the test provider posts its notifications (empty: it sends none).
MAISON_TEST_PROVIDER_WEBHOOK_URL = os.environ.get(
    "MAISON_TEST_PROVIDER_WEBHOOK_URL", MAISON_BASE_URL + "/payments/webhook/test/"
)
# `make bench` mounts a bare view beside the store to measure the framework floor.
MAISON_BENCH_VIEWS = env_flag("MAISON_BENCH_VIEWS")

# The demo house is fictional; a real store sets its own identity here.
MAISON_STORE = {
    "name": os.environ.get("MAISON_STORE_NAME", "Maison Orvane"),
    "address": "7 passage des Lisières, 75003 Paris, France",
    "phone": "+33 1 00 00 00 00",
    "email": "service@orvane.example",
}
