"""Field encryption for sealed data (a denouncer's identity), with key rotation.

FIELD_ENCRYPTION_KEY holds one or more Fernet keys separated by commas: the first encrypts,
all decrypt. Values are stored as Fernet tokens (text) and decrypted only by `unseal`,
which callers reach through permission checks.
"""

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class SealError(Exception):
    pass


@lru_cache(maxsize=8)
def _fernet(keys: str) -> MultiFernet:
    try:
        return MultiFernet([Fernet(k.strip()) for k in keys.split(",") if k.strip()])
    except (ValueError, TypeError) as exc:
        raise SealError("FIELD_ENCRYPTION_KEY is not a valid Fernet key list") from exc


def _current() -> MultiFernet:
    return _fernet(settings.FIELD_ENCRYPTION_KEY)


def seal(text: str | None) -> str:
    if not text:
        return ""
    return _current().encrypt(text.encode()).decode()


def unseal(token: str | None) -> str:
    if not token:
        return ""
    try:
        return _current().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise SealError("Không giải mã được dữ liệu niêm phong (sai khóa?)") from exc


def rotate(token: str | None) -> str:
    """Re-encrypt ``token`` with the first key (decrypting with any key)."""
    if not token:
        return ""
    return _current().rotate(token.encode()).decode()


def generate_key() -> str:
    return Fernet.generate_key().decode()
