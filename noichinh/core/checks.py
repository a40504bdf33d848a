"""Production refuses published secrets.

The settings fall back to local-only values so that `make run` works with no set-up. Those
values, and every other value written anywhere in this repository (.env.example, tests, docs),
are public: with DEBUG off a server using one of them would sign sessions and seal identities
with a key anybody can read. `secrets_are_private` is a deployment check (`check --deploy`), and
`refuse_published_secrets` runs it when the WSGI application loads (gunicorn, runserver), so
such a server does not start.
"""

import os
from functools import cache
from pathlib import Path

from cryptography.fernet import Fernet
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

# name -> (how to generate a value, several comma-separated keys allowed for rotation)
SECRETS = {
    "SECRET_KEY": ('python -c "import secrets; print(secrets.token_urlsafe(50))"', False),
    "FIELD_ENCRYPTION_KEY": (
        'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"',
        True,
    ),
    # Added by the keyed audit chain; checked only where that setting exists.
    "AUDIT_KEY": ('python -c "import secrets; print(secrets.token_urlsafe(32))"', True),
}
_SKIP_DIRS = {".git", ".venv", "venv", "var", "node_modules", "__pycache__", ".ruff_cache",
              ".pytest_cache", "test-results"}
_MAX_FILE = 2 * 1024 * 1024


def _is_local_env_file(name: str) -> bool:
    """A deployment's own environment file inside the checkout is not published."""
    if name == ".env.example":
        return False
    return name == ".env" or name.startswith(".env.") or name.endswith(".env")


@cache
def _repository_text() -> str:
    """Every text file of the checkout (what `git clone` publishes), as one string."""
    base = Path(settings.BASE_DIR)
    skip = {Path(p).resolve() for p in (settings.VAR_DIR, settings.STATIC_ROOT, settings.MEDIA_ROOT)}
    parts = []
    for root, dirs, files in os.walk(base):
        dirs[:] = [d for d in dirs if d not in _SKIP_DIRS and (Path(root) / d).resolve() not in skip]
        for name in files:
            path = Path(root) / name
            if _is_local_env_file(name):
                continue
            try:
                if path.stat().st_size > _MAX_FILE:
                    continue
                parts.append(path.read_text(encoding="utf-8", errors="ignore"))
            except OSError:
                continue
    return "\n".join(parts)


def is_published(value: str) -> bool:
    value = value.strip()
    return not value or value.startswith("django-insecure-") or value in _repository_text()


def _set_in_environment(name: str) -> bool:
    return bool(os.environ.get(name, "").strip() or os.environ.get(f"{name}_FILE", "").strip())


def _hint(name: str, how: str) -> str:
    return (
        f"Tạo một giá trị bằng lệnh: {how}  rồi đặt vào biến môi trường {name} "
        f"(hoặc đặt {name}_FILE là đường dẫn tới tệp chứa giá trị, chế độ 0600). "
        "Xem docs/deploy.md."
    )


def _secret_messages() -> list[checks.CheckMessage]:
    found: list[checks.CheckMessage] = []
    for name, (how, rotatable) in SECRETS.items():
        if not hasattr(settings, name):
            continue
        value = str(getattr(settings, name) or "").strip()
        keys = [k.strip() for k in value.split(",")] if rotatable else [value]
        current, older = keys[0], [k for k in keys[1:] if k]
        if not current or not _set_in_environment(name):
            found.append(checks.Error(
                f"{name} chưa được đặt (hoặc rỗng): giá trị mặc định công khai chỉ dùng khi "
                "chạy thử trên máy mình.",
                hint=_hint(name, how), id=f"noichinh.E00{_index(name)}",
            ))
            continue
        if is_published(current):
            found.append(checks.Error(
                f"{name} là một giá trị đã công bố (có trong mã nguồn, .env.example, tài liệu "
                "hoặc kiểm thử): ai cũng đọc được.",
                hint=_hint(name, how), id=f"noichinh.E00{_index(name)}",
            ))
            continue
        if name == "FIELD_ENCRYPTION_KEY":
            try:
                for key in [current, *older]:
                    Fernet(key)
            except (ValueError, TypeError):
                found.append(checks.Error(
                    "FIELD_ENCRYPTION_KEY không phải danh sách khóa Fernet hợp lệ "
                    "(32 byte, base64 an toàn cho URL, các khóa cách nhau bằng dấu phẩy).",
                    hint=_hint(name, how), id="noichinh.E004",
                ))
                continue
        if any(is_published(k) for k in older):
            found.append(checks.Warning(
                f"{name} còn giữ một khóa cũ đã công bố (chỉ để giải mã).",
                hint="Mã hóa lại bằng khóa mới (manage.py rotate_field_key với "
                "FIELD_ENCRYPTION_KEY; theo docs/deploy.md với các khóa khác) rồi bỏ khóa cũ.",
                id=f"noichinh.W00{_index(name)}",
            ))
    return found


def _index(name: str) -> int:
    return list(SECRETS).index(name) + 1


@checks.register(checks.Tags.security, deploy=True)
def secrets_are_private(app_configs=None, **kwargs):
    """With DEBUG off: every secret is set, not empty and not a value published here."""
    if settings.DEBUG:
        return []
    return _secret_messages()


def refuse_published_secrets() -> None:
    """Called when the WSGI application loads: a production server does not start at all."""
    errors = [m for m in secrets_are_private() if m.level >= checks.ERROR]
    if errors:
        raise ImproperlyConfigured(
            "Không khởi động với khóa bí mật chưa đặt hoặc đã công bố:\n"
            + "\n".join(f"- {m.msg}\n  {m.hint}" for m in errors)
        )
