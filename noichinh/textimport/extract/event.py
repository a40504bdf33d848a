"""What kind of event the text reports, of which blocs, province and steering committee."""

from __future__ import annotations

import re

from .. import gazetteer as gz

EVENT_TYPES = (
    ("briefing", re.compile(r"giao\s+ban", re.IGNORECASE)),
    ("review", re.compile(r"sơ\s+kết", re.IGNORECASE)),
    ("review", re.compile(r"tổng\s+kết\s+\d+\s+năm", re.IGNORECASE)),
    (
        "annual_summary",
        re.compile(
            r"tổng\s+kết(?:\s+công\s+tác)?\s+(?:năm\s+)?(?:19|20)\d{2}(?!\d)", re.IGNORECASE
        ),
    ),
    ("annual_summary", re.compile(r"tổng\s+kết\s+(?:công\s+tác\s+)?năm", re.IGNORECASE)),
    (
        "annual_summary",
        re.compile(r"tổng\s+kết\s+công\s+tác[^.;\n]{0,120}?\s+năm\s+(?:19|20)\d{2}", re.IGNORECASE),
    ),
    ("press_release", re.compile(r"họp\s+báo|thông\s+cáo\s+báo\s+chí", re.IGNORECASE)),
    (
        "award_ceremony",
        re.compile(
            r"(?<![\w])lễ\s+(?:trao|tuyên\s+dương|khen\s+thưởng|vinh\s+danh|đón\s+nhận|biểu\s+dương)|"
            r"biểu\s+dương\s+(?:các\s+|những\s+)?(?:tập\s+thể|cá\s+nhân|điển\s+hình|gương|mô\s+hình)|"
            r"biểu\s+dương,?\s+khen\s+thưởng",
            re.IGNORECASE,
        ),
    ),
)


# A text that names no kind above is a meeting ("conference") when it speaks of one, and
# otherwise a report of figures: only a meeting has a chair.
MEETING_RE = re.compile(
    r"hội\s+nghị|phiên\s+họp|kỳ\s+họp|cuộc\s+họp|buổi\s+làm\s+việc|(?<![\w])họp(?![\w])|"
    r"chủ\s+trì(?:\s+buổi)?\s+làm\s+việc|"
    r"phát\s+biểu\s+(?:kết\s+luận|chỉ\s+đạo|giao\s+nhiệm\s+vụ)",
    re.IGNORECASE,
)


MEETING_TYPES = ("briefing", "review", "annual_summary", "conference")


def _event_type(head: str) -> tuple[str, tuple[int, int] | None]:
    best: tuple[int, str, tuple[int, int]] | None = None
    for kind, pattern in EVENT_TYPES:
        m = pattern.search(head)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), kind, (m.start(), m.end()))
    if best is not None:
        return best[1], best[2]
    meeting = MEETING_RE.search(head)
    if meeting:
        return "conference", (meeting.start(), meeting.end())
    return "report", None


_BLOC_PATTERNS = [(code, re.compile(pattern, re.IGNORECASE)) for code, pattern, _ in gz.BLOCS]


_BLOC_SEP = re.compile(r"\s*(?:,|và|&)\s*(?:(?:các\s+cơ\s+quan\s+)?khối\s+)?", re.IGNORECASE)


_KHOI = re.compile(r"(?<![\w])khối\s+", re.IGNORECASE)


def _blocs(text: str, head: str) -> list[str]:
    found: set[str] = set()
    for m in _KHOI.finditer(text[:20000]):
        pos = m.end()
        while True:
            for code, pattern in _BLOC_PATTERNS:
                hit = pattern.match(text, pos)
                if hit and not text[hit.end() : hit.end() + 1].isalpha():
                    found.add(code)
                    pos = hit.end()
                    break
            else:
                break
            sep = _BLOC_SEP.match(text, pos)
            if not sep:
                break
            pos = sep.end()
    if not found:
        for code, words in (
            ("noi_chinh", r"công\s+tác\s+nội\s+chính"),
            ("dan_van", r"công\s+tác\s+dân\s+vận"),
        ):
            if re.search(words, head, re.IGNORECASE):
                found.add(code)
    return [code for code in gz.BLOC_ORDER if code in found]


_PROVINCE_RE = gz.province_regex()


_STRONG_PROVINCE_BEFORE = re.compile(
    r"(?:tỉnh|Tỉnh|Tỉnh ủy|Tỉnh uỷ|UBND tỉnh|HĐND tỉnh|Công an tỉnh|Báo|Đài)\s+$"
)


def _province(text: str) -> tuple[str | None, tuple[int, int] | None]:
    scores: dict[str, float] = {}
    first: dict[str, tuple[int, int]] = {}
    first_line_end = text.find("\n", text.find(next((c for c in text if not c.isspace()), " ")))
    for m in _PROVINCE_RE.finditer(text):
        name = gz.ALIAS_TO_PROVINCE[m.group(0)]
        weight = 1.0
        if _STRONG_PROVINCE_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
            weight = 3.0
        if m.start() < max(first_line_end, 0) and text[m.end() : m.end() + 1] == ":":
            weight = 3.0
        scores[name] = scores.get(name, 0.0) + weight
        first.setdefault(name, (m.start(), m.end()))
    if not scores:
        return None, None
    best = max(scores, key=lambda n: (scores[n], -first[n][0]))
    return best, first[best]


_SC_RE = re.compile(r"(?<![\w])(?:Ban\s+Chỉ\s+đạo|BCĐ)\s*", re.IGNORECASE)


_SC_PATTERNS = [
    (code, re.compile(r"\(?\s*(?:" + pattern + r")", re.IGNORECASE))
    for code, pattern in gz.STEERING_COMMITTEES
]


def _steering_committee(
    text: str, excluded: list[tuple[int, int]]
) -> tuple[str | None, tuple[int, int] | None]:
    for m in _SC_RE.finditer(text[:20000]):
        if any(s <= m.start() < e for s, e in excluded):
            continue
        for code, pattern in _SC_PATTERNS:
            hit = pattern.match(text, m.end())
            if hit:
                return code, (m.start(), hit.end())
    return None, None
