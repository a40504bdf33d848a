"""Award counts by level and form (Bằng khen, Giấy khen…)."""

from __future__ import annotations

import re

from .draft import Award

_FORM = (
    r"(?P<form>Bằng\s+khen|Giấy\s+khen|Cờ\s+thi\s+đua|Kỷ\s+niệm\s+chương|Huy\s+hiệu|"
    r"Huân\s+chương\s+(?:Lao\s+động|Bảo\s+vệ\s+Tổ\s+quốc|Chiến\s+công|Độc\s+lập|Quân\s+công)(?:\s+hạng\s+(?:Nhất|Nhì|Ba))?)"
)


_COUNTS = (
    r"(?P<counts>\d+\s+(?:tập\s+thể|cá\s+nhân)(?:\s*(?:,|và)\s*\d+\s+(?:tập\s+thể|cá\s+nhân))?)"
)


_AWARD_PATTERNS = (
    re.compile(
        _COUNTS
        + r"\s+(?:đã\s+)?(?:được|nhận)\s+(?P<issuer>[^,;.]{3,90}?)\s+(?:trao\s+tặng|tặng|khen\s+thưởng|trao)\s+"
        + _FORM,
        re.IGNORECASE,
    ),
    re.compile(
        _COUNTS
        + r"\s+(?:đã\s+)?(?:được|nhận)\s+(?:trao\s+tặng|tặng|nhận)?\s*"
        + _FORM
        + r"(?:\s+của\s+(?P<issuer>[^,;.]{3,90}?))?(?=\s*[,;.\n]|\s+vì|\s+do|\s+về|\s+đã|$)",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?P<issuer>[^,;.\n]{3,90}?)\s+(?:đã\s+)?(?:trao\s+tặng|tặng|trao)\s+"
        + _FORM
        + r"\s+cho\s+"
        + _COUNTS,
        re.IGNORECASE,
    ),
    re.compile(
        r"(?:trao\s+tặng|tặng|trao)\s+"
        + _FORM
        + r"\s+của\s+(?P<issuer>[^,;.\n]{3,90}?)\s+cho\s+"
        + _COUNTS,
        re.IGNORECASE,
    ),
)


_FORM_RE = re.compile(_FORM, re.IGNORECASE)


def _award_windows(text: str) -> list[tuple[int, int]]:
    """Stretches of text around each award form ("Bằng khen"...), merged.

    Every award pattern contains a form and spans well under 400 characters before it
    and 200 after, so matching only inside these windows finds the same awards as
    matching the whole text, without trying the lazy issuer group at every position of
    a long text.
    """
    windows: list[list[int]] = []
    for m in _FORM_RE.finditer(text):
        lo, hi = max(0, m.start() - 400), min(len(text), m.end() + 200)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    return [(lo, hi) for lo, hi in windows]


def _awards(text: str) -> list[Award]:
    found: list[tuple[int, int, str | None, str, int, int]] = []
    windows = _award_windows(text)
    for pattern in _AWARD_PATTERNS:
        for m in (m for lo, hi in windows for m in pattern.finditer(text, lo, hi)):
            if any(s < m.end() and m.start() < e for s, e, *_ in found):
                continue
            collectives = individuals = 0
            for count in re.finditer(
                r"(\d+)\s+(tập\s+thể|cá\s+nhân)", m.group("counts"), re.IGNORECASE
            ):
                if count.group(2).lower().startswith("tập"):
                    collectives += int(count.group(1))
                else:
                    individuals += int(count.group(1))
            issuer = m.group("issuer")
            if issuer:
                issuer = re.sub(
                    r"^(?:nhân\s+dịp\s+này\s*,?\s*)?(?:đồng\s+chí\s+)?",
                    "",
                    " ".join(issuer.split()),
                    flags=re.IGNORECASE,
                )
                issuer = issuer or None
            form = " ".join(m.group("form").split())
            form = form[:1].upper() + form[1:]
            found.append((m.start(), m.end(), issuer, form, collectives, individuals))
    found.sort()
    merged: dict[tuple[str | None, str], Award] = {}
    for start, end, issuer, form, collectives, individuals in found:
        key = (issuer, form)
        if key in merged:
            award = merged[key]
            award.collectives += collectives
            award.individuals += individuals
            award.span = [award.span[0], end]
        else:
            merged[key] = Award(issuer, form, collectives, individuals, [start, end])
    return list(merged.values())
