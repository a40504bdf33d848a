"""Receipt codes the citizen can keep, read out and type: Crockford base32 in groups of four.

Crockford's alphabet (https://www.crockford.com/base32.html) leaves out I, L, O and U; when a
code is read back, I and L count as 1, O as 0, case is ignored and hyphens or spaces are only
for the eye. A code is 28 symbols = 140 random bits (≥ 128), shown as seven groups of four.

Only the hash of the canonical form (upper case, no separators) is stored. Codes handed out
before (``secrets.token_urlsafe``, case-sensitive) were hashed exactly as issued, so a lookup
tries both the canonical form and the text as typed (``lookup_hashes``).
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
SYMBOLS = 28
GROUP = 4
_FOLD = str.maketrans({"I": "1", "L": "1", "O": "0"})
_SEPARATORS = str.maketrans("", "", " -_.\t\n")


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(SYMBOLS))
    return display(raw)


def display(canonical: str) -> str:
    return "-".join(canonical[i : i + GROUP] for i in range(0, len(canonical), GROUP))


def normalise(typed: str) -> str | None:
    """The canonical form of a typed code, or None when it cannot be a Crockford code."""
    text = (typed or "").upper().translate(_SEPARATORS).translate(_FOLD)
    if not text or any(ch not in ALPHABET for ch in text):
        return None
    return text


def lookup_forms(typed: str) -> list[str]:
    """What a typed code may have been issued as: its canonical Crockford form (new codes)
    and the text as typed, trimmed (older codes). Always two entries, so every lookup does the
    same work."""
    as_typed = (typed or "").strip()[:200]
    canonical = normalise(as_typed[:200]) or as_typed
    return [canonical, as_typed]
