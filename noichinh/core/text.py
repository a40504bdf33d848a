"""Vietnamese text folding for accent-insensitive search.

NFC, đ/Đ → d/D, NFD, drop combining marks, lower case, collapse white space. The same
function fills the stored ``*_folded`` columns and folds queries, on both databases.
"""

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=4096)
def fold(text: str | None) -> str:
    # Cached: names, places and queries repeat (bulk loaders fold the same names many times).
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return _SPACES.sub(" ", text).strip().lower()


def search_terms(query: str | None) -> list[str]:
    """Folded words of a query; every word must match (AND)."""
    return [w for w in fold(query).split(" ") if w]
