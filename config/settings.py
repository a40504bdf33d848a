"""Settings, all from the environment (see .env.example). Defaults are safe for local use only."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import envbool, envint, envlist, envsecret, envstr

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(envstr("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = envbool("DEBUG", False)
_LOCAL_SECRET = "local-only-insecure-secret-key-change-me-0123456789abcdefghijklmnop"  # noqa: S105
# Secrets: NAME or NAME_FILE (see config/env.py); the local defaults are published, and with
# DEBUG off the check noichinh.core.checks.secrets_are_private refuses them.
SECRET_KEY = envsecret("SECRET_KEY", _LOCAL_SECRET)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

# 32 url-safe base64 bytes (Fernet). Several keys separated by commas: the first encrypts,
# all decrypt (key rotation). The default is for local demo use only.
FIELD_ENCRYPTION_KEY = envsecret(
    "FIELD_ENCRYPTION_KEY", "bG9jYWwtb25seS1kZW1vLWtleS0wMDAwMDAwMDAwMDA="
)

# HMAC-SHA256 keys of the audit chain (AUDIT_KEY, or a file named by AUDIT_KEY_FILE), comma
# separated: the first signs new entries, all verify (key rotation). Never in the database.
# Checkpoints of the chain's head are appended to AUDIT_CHECKPOINT_FILE (and logged) every
# AUDIT_CHECKPOINT_EVERY entries and on demand. The default key is for local demo use only.
_LOCAL_AUDIT_KEY = "local-only-audit-key-change-me-0123456789abcdefghijklmnopqrstuv"  # noqa: S105
AUDIT_KEY = envsecret("AUDIT_KEY", _LOCAL_AUDIT_KEY)
AUDIT_CHECKPOINT_FILE = Path(
    envstr("AUDIT_CHECKPOINT_FILE", str(VAR_DIR / "audit" / "checkpoints.jsonl"))
)
AUDIT_CHECKPOINT_EVERY = envint("AUDIT_CHECKPOINT_EVERY", 100)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "noichinh.core",
    "noichinh.org",
    "noichinh.petitions",
    "noichinh.cases",
    "noichinh.reports",
    "noichinh.briefings",
    "noichinh.textimport",
    "noichinh.portal",
    "noichinh.exchange",
    # Dev only (demo data, generators: load_demo, generate_province); production imports none.
    "noichinh.devdata",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "noichinh.core.middleware.VietnameseByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "noichinh.core.middleware.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "noichinh" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "noichinh.org.context_processors.shell",
            ],
            "builtins": ["noichinh.core.templatetags.vn"],
        },
    }
]
# Every form and field is drawn by the project's templates ({{ form }}, {{ field.as_field_group }}).
FORM_RENDERER = "noichinh.core.renderers.FormRenderer"

# Connections are kept a minute by default: opening one per request cost +9 to +15 ms on every
# PostgreSQL page (issue 21). DB_POOL=1 uses psycopg's pool instead (needs ``psycopg[pool]``;
# Django refuses persistent connections with a pool). Server-side prepared statements stay off:
# a generic plan made the accent-insensitive search 10x slower.
DB_POOL = envbool("DB_POOL", False)
DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{VAR_DIR / 'noichinh.sqlite3'}"),
        conn_max_age=0 if DB_POOL else envint("CONN_MAX_AGE", 60),
    )
}
if DB_POOL and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "timeout": 20}
    )
    DATABASES["default"]["TEST"] = {"NAME": envstr("SQLITE_TEST_NAME", "") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "org.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lockout after repeated failures (django-axes).
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", 15) / 60  # hours
# Locked: a user name from one address (the combination). Five wrong passwords typed
# elsewhere do not lock an officer out of their own office, and locking a whole address would
# lock every officer behind the same office NAT. The address is the one the portal limits use
# (X-Forwarded-For only behind the trusted proxy).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "noichinh.org.auth.axes_client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = envbool("AXES_ENABLED", True)

LANGUAGE_CODE = "vi"
# Vietnamese only for now (docs/decisions/0003-vietnamese-only.md): most templates write
# Vietnamese directly, so English would change only a few headings. The English catalogue and
# LocaleMiddleware stay, for the day every string is marked; add ("en", "English") back then.
LANGUAGES = [("vi", "Tiếng Việt")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing
STATICFILES_DIRS = [BASE_DIR / "noichinh" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG and envbool("STATIC_MANIFEST", False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = True
# Uploaded files live outside any web root and are served only through permission checks.
MEDIA_ROOT = VAR_DIR / "private"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

TASKS = {"default": {"BACKEND": envstr("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "noichinh@localhost")
# The province's SMTP relay (digests, reminders, escalations: issue 19 §3).
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
# A mail server that does not answer must not hold a worker for long.
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 20)

# Text messages to citizens (noichinh.core.sms): a class path like EMAIL_BACKEND; the province
# plugs in its provider's class (docs/deploy.md). The file backend writes under SMS_FILE_PATH.
SMS_BACKEND = envstr("SMS_BACKEND", "noichinh.core.sms.ConsoleBackend")
SMS_FILE_PATH = envstr("SMS_FILE_PATH", str(VAR_DIR / "sms"))
# The portal's public address, for the links in messages to citizens (no trailing slash).
PUBLIC_BASE_URL = envstr("PUBLIC_BASE_URL", "http://localhost:8000").rstrip("/")
if not PUBLIC_BASE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(
        f"PUBLIC_BASE_URL must start with http:// or https://, got {PUBLIC_BASE_URL!r}"
    )

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not DEBUG and SECRET_KEY != _LOCAL_SECRET)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

NINJA_PAGINATION_PER_PAGE = 50
# A bound on ?limit= (an unbounded one overflows the database integer: a 500, found by fuzzing).
NINJA_PAGINATION_MAX_LIMIT = 500

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "WARNING")},
    "loggers": {
        "axes": {"level": "ERROR"},
        # Audit checkpoints go to the log as well as to their file: a second copy off the DB.
        "noichinh.audit": {"level": "INFO"},
    },
}

# Demo logins are printed by `make run`; this is the one password they share.
DEMO_PASSWORD = envstr("DEMO_PASSWORD", "NoiChinh@2026")


# --- Accounts: API tokens, second factor, access log (issue 15) ----------------------------
# A personal API token works this many days after it is issued (and until a password change).
API_TOKEN_DAYS = envint("API_TOKEN_DAYS", 90)
if API_TOKEN_DAYS < 1:
    raise ImproperlyConfigured(f"API_TOKEN_DAYS must be at least 1, got {API_TOKEN_DAYS}")

# The access log keeps no query string (search terms, receipt codes): runserver's requests here,
# gunicorn's through --logger-class noichinh.core.gunicorn_log.GunicornLogger (docs/deploy.md).
LOGGING["filters"] = {"no_query_string": {"()": "noichinh.core.accesslog.StripQueryStringFilter"}}
LOGGING["formatters"] = {
    "django.server": {
        "()": "django.utils.log.ServerFormatter",
        "format": "[{server_time}] {message}",
        "style": "{",
    }
}
LOGGING["handlers"]["django.server"] = {
    "level": "INFO",
    "class": "logging.StreamHandler",
    "formatter": "django.server",
}
LOGGING["loggers"]["django.server"] = {
    "handlers": ["django.server"],
    "filters": ["no_query_string"],
    "level": "INFO",
    "propagate": False,
}

# Second factor (django-otp: TOTP, recovery codes from the static-token plugin). With
# OTP_REQUIRED (by default whenever DEBUG is off) the roles that may reveal identities or manage
# accounts pass it before any page (noichinh.org.auth.SecondFactorRequiredMiddleware).
OTP_REQUIRED = envbool("OTP_REQUIRED", not DEBUG)
OTP_TOTP_ISSUER = "Nội chính"
INSTALLED_APPS.insert(
    INSTALLED_APPS.index("django_otp.plugins.otp_totp") + 1, "django_otp.plugins.otp_static"
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
    "noichinh.org.auth.SecondFactorRequiredMiddleware",
)

# --- Proxy, shared rate-limit store, SQLite writers (issue 15 §5 and §8) ----------------------
# BEHIND_PROXY: how many proxies in front of gunicorn add to X-Forwarded-For and are trusted
# (docs/deploy.md's nginx: 1). 0: no proxy; REMOTE_ADDR is the client, X-Forwarded-* are ignored.
# The old boolean spelling (true/false) still reads as 1/0.
_hops = envstr("BEHIND_PROXY", "0").strip().lower()
if _hops in {"true", "yes", "on"}:
    _hops = "1"
elif _hops in {"false", "no", "off", ""}:
    _hops = "0"
if not _hops.isdigit():
    raise ImproperlyConfigured(
        f"BEHIND_PROXY must be a number of proxies (0, 1, 2…), got {_hops!r}"
    )
BEHIND_PROXY = int(_hops)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None

# The portal's rate-limit counters must be shared by every gunicorn worker and survive a
# restart: Redis when REDIS_URL is set (needs the `redis` package), else the database
# (table noichinh_cache, created by core's migration 0005 or `manage.py createcachetable`).
_redis_url = envstr("REDIS_URL", "")
if _redis_url:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _redis_url,
            "KEY_PREFIX": "noichinh",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "noichinh.core.cache.AtomicDatabaseCache",
            "LOCATION": "noichinh_cache",
            # Culling at the default 300 entries would let many addresses evict each other's
            # counters; expired rows are culled on writes beyond this.
            "OPTIONS": {"MAX_ENTRIES": 200_000},
        }
    }

# PORTAL_RATE_LIMITS="lookup_ip=30/600,submit_ip=10/3600": change some of the portal's limits
# (uses per seconds); the scopes and defaults are in noichinh/portal/ratelimit.py.
PORTAL_RATE_LIMITS = {}
for _item in envlist("PORTAL_RATE_LIMITS", []):
    _scope, _, _limit = _item.partition("=")
    _count, _, _seconds = _limit.partition("/")
    if not (_scope.strip() and _count.strip().isdigit() and _seconds.strip().isdigit()):
        raise ImproperlyConfigured(
            f"PORTAL_RATE_LIMITS: each item is scope=count/seconds, got {_item!r}"
        )
    PORTAL_RATE_LIMITS[_scope.strip()] = (int(_count), int(_seconds))

# Public statistics on the portal: a count from 1 to PUBLIC_STATS_MIN_CELL - 1 is shown as
# "<N" (small cells could point at a person).
PUBLIC_STATS_MIN_CELL = envint("PUBLIC_STATS_MIN_CELL", 5)
# Where the retention job writes its encrypted archive bundles (portal.retention).
RETENTION_ARCHIVE_DIR = Path(envstr("RETENTION_ARCHIVE_DIR", "") or VAR_DIR / "archive")

# SQLite: a writer waits for the lock (busy timeout, seconds) instead of failing with
# "database is locked"; IMMEDIATE takes the write lock when the transaction begins, so a
# transaction that read first cannot fail when it then writes (Django 5.1+).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"].update({"transaction_mode": "IMMEDIATE", "timeout": 20})

# --- Digital signatures on issued PDFs (issue 20 §3) ----------------------------------------
# Verification trusts only these roots (PEM or DER files, comma separated): the national
# root CA of the public signature service and the government's specialised CA, as the
# province receives them. A PDF signed under any other root shows as not trusted.
SIGNING_TRUST_ROOTS = envlist("SIGNING_TRUST_ROOTS", [])
# An agency's key on the server (PKCS#12 file and its passphrase, or the _FILE forms); when
# empty, each signing uploads the signer's own .p12/.pfx file.
SIGNING_PKCS12_FILE = envstr("SIGNING_PKCS12_FILE", "")
SIGNING_PKCS12_PASSPHRASE = envsecret("SIGNING_PKCS12_PASSPHRASE", "")
# A PKCS#11 token or HSM attached to the server: the vendor's library, the token's label and
# the key's (and certificate's) label; the PIN is typed for each signing.
SIGNING_PKCS11_LIB = envstr("SIGNING_PKCS11_LIB", "")
SIGNING_PKCS11_TOKEN_LABEL = envstr("SIGNING_PKCS11_TOKEN_LABEL", "")
SIGNING_PKCS11_KEY_LABEL = envstr("SIGNING_PKCS11_KEY_LABEL", "")
SIGNING_PKCS11_CERT_LABEL = envstr("SIGNING_PKCS11_CERT_LABEL", "")

# --- Past one machine: read replica, PgBouncer, object storage (issue 20 §5) ----------------
# DATABASE_REPLICA_URL: a streaming replica of DATABASE_URL. The pages marked read-only
# (lists, figures, reports, exports: noichinh.core.dbrouting.replica_reads) read from it;
# writes, and a browser's reads for REPLICA_STICKY_SECONDS after it wrote, stay on the primary.
_replica_url = envstr("DATABASE_REPLICA_URL", "")
if _replica_url:
    DATABASES["replica"] = dj_database_url.parse(
        _replica_url, conn_max_age=DATABASES["default"].get("CONN_MAX_AGE", 0)
    )
    # Tests: the replica alias is the test database itself (a real replica is started by
    # tests/hardening/test_replica.py).
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["noichinh.core.dbrouting.ReplicaRouter"]
    MIDDLEWARE.append("noichinh.core.dbrouting.ReplicaMiddleware")
REPLICA_STICKY_SECONDS = envint("REPLICA_STICKY_SECONDS", 10)

# PGBOUNCER=1: the database URLs go through PgBouncer in transaction pooling mode, where a
# server-side cursor (what .iterator() uses on PostgreSQL) cannot outlive its transaction.
if envbool("PGBOUNCER", False):
    for _alias in DATABASES.values():
        if _alias["ENGINE"] == "django.db.backends.postgresql":
            _alias["DISABLE_SERVER_SIDE_CURSORS"] = True

# Uploaded files (attachments, already encrypted) and issued documents on S3-compatible
# object storage (django-storages) when S3_BUCKET is set; local files under MEDIA_ROOT else.
_s3_bucket = envstr("S3_BUCKET", "")
if _s3_bucket:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _s3_bucket,
            "endpoint_url": envstr("S3_ENDPOINT_URL", "") or None,
            "region_name": envstr("S3_REGION", "") or None,
            "access_key": envsecret("S3_ACCESS_KEY", ""),
            "secret_key": envsecret("S3_SECRET_KEY", ""),
            "location": envstr("S3_PREFIX", ""),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
