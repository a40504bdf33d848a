"""Turn a Vietnamese report or news article into a draft to confirm (issue 8, story S5).

``extract(text, reference_date=...)`` returns a ``Draft``; nothing is stored. Every
extracted item keeps the character span ``[start, end)`` of the original text it came
from, so the import page can highlight it.

How: rules and word lists (``gazetteer``, ``catalogue``) do most of the work, because
the signal is in syllable patterns (numbers, units, "trên"/"gần", "quý III"). The
underthesea tagger is only asked, on at most a few short sentences, to find a person's
name where the surname list fails; if it is missing or fails, rules alone answer.

Choices where the seed articles are ambiguous (tests in tests/textimport hold them):

- Indicator units are canonical ("lượt người" -> "lượt", "đơn thư" -> "đơn"); the words
  as written stay in ``text``. A unit in no list is the counted noun after the number
  (issue 18: "14 băng nhóm", "9 chuyên án", "1.204 việc"), the longest word of up to three
  syllables that underthesea's Viet74K word list knows, never a function, time or plan
  word (``gazetteer.OPEN_UNIT_STOP``: "3 tiêu chí", "sáp nhập 3 tỉnh"). A number with no
  unit at all is not an indicator (a warning points at it unless it is a year, a date, a
  duration or a document number).
- A qualifier belongs to the number right after it only: "trên 600 cá nhân và 50 cơ sở"
  gives 600 "gt" and 50 "eq". "dưới", "chưa đến", "không quá" give "eq" plus a warning,
  because the draft only knows "gt", "approx" and "eq".
- A change ("giảm 30 vụ", "tăng 12,5%", "nhiều hơn 12 vụ", "ít hơn 3 người") is an
  indicator with ``change`` "increase"/"decrease" and ``reference`` as written ("so với
  cùng kỳ [năm trước]", "so với năm 2022"), never a level and never "more than"; it gets
  no catalogue code (the catalogue holds levels). "giảm 40 lượt tiếp, 35 lượt người"
  shares the direction, and "(3,8%)" right after a change is the same change. A bracket
  of another period ("(6 tháng đầu năm 2019 đã tiếp ...)"), figures alone in brackets
  after a comparison ("tăng so với cùng kỳ (87/64 vụ)") or a pair right after a change
  ("giảm 5,83% (3.389/3.599 vụ)") is a baseline, not a level (a warning); "(trong đó ...)"
  is a breakdown and is kept. A headline figure repeated in the body is one indicator.
- "11 vụ/19 bị can" gives two indicators. Award counts ("7 tập thể", "18 cá nhân") are
  indicators (codes ``awards.collectives``/``awards.individuals``) and also feed
  ``awards``.
- Years, dates, times, quarters, "COVID-19", "Chỉ thị số 27", "Ban Chỉ đạo 138",
  "khóa XV", "lần thứ XVII" are never indicators. A document word ("kết luận", "theo
  hướng dẫn") before a number makes it a document number only with "số", a reference
  shape ("27-CT/TW", "09/2019/NĐ-CP") or no counted noun after it: "kết luận 5 vụ việc"
  is a figure.
- Event type comes from the first of "giao ban" (briefing), "sơ kết" (review), "tổng kết
  [công tác ...] năm" (annual_summary), "họp báo" (press_release), "lễ trao/tuyên
  dương...", "biểu dương các tập thể..." (award_ceremony) in the headline and opening; a
  text that names none is a "conference" when it speaks of a meeting ("hội nghị", "phiên
  họp", "kỳ họp", a leader's concluding speech as in seed 001) and a "report" otherwise.
  Only the meeting kinds (``MEETING_TYPES``) get a chair. Blocs come from "khối X, Y" and, failing that, from
  "công tác X" in the headline. The steering committee is one named outside the chair's
  titles (seed 003's chair heads the judicial-reform committee, but the meeting is the
  Tỉnh ủy's bloc briefing, so ``steering_committee`` is None there).
- The chair is who "chủ trì" the meeting (also "ông X, ..., chủ trì"); everyone else in
  the same "chủ trì" clause ("A; B và C chủ trì", "dưới sự chủ trì của A; B", "A và đồng
  chí B đồng chủ trì", "Các đồng chí: A, ...; B, ... chủ trì") is a co-chair
  (``co_chairs``). An attendee ("Dự hội nghị có đồng chí ...", "Cùng dự có ...") is never
  the chair. Failing a chair, who "kết luận"; failing that the first "đồng chí" named; with no such mention at all, a sentence that opens with the
  titles and names the person right before "chủ trì" ("Phó Trưởng ban ... Lê Văn Hòa
  chủ trì"). Titles are kept as written. A name that is never written (seed 001) is None.
- Tasks are read from the directive after "kết luận"/"nhiệm vụ ... thời gian tới"
  earlier in the same paragraph ("đề nghị", "yêu cầu", "nhấn mạnh"), or from the list
  after "nhiệm vụ trọng tâm ... :"; numbered or bulleted items are items; failing those,
  "Hội nghị đã thống nhất N nhiệm vụ ... cần ..." is one task: one per sentence or ";" item that starts with a
  directive verb or carries "cần"/"phải"; an item that does not (an enumeration after
  "như:") is joined to the previous task. A task with no agency of its own takes the
  addressee named right after the directive verb. Captions and award paragraphs inside
  the conclusion are skipped; "Nhân dịp này", a byline or the end of the text stop it.
- Limits: at most ``MAX_TEXT_BYTES`` of UTF-8 text; empty text, binary or control
  characters raise ``ExtractionError`` with a message in Vietnamese.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from . import gazetteer as gz
from .catalogue import CATALOGUE
from .numbers import (
    MULTIPLIER_WORD,
    NUMBER_CORE,
    apply_multipliers,
    number_core_value,
    to_python_number,
)
from .periods import find_event_date, find_periods, find_publication_date, resolve_period

logger = logging.getLogger(__name__)

MAX_TEXT_BYTES = 1_048_576  # 1 MiB of UTF-8
NER_MAX_CALLS = 3


class ExtractionError(ValueError):
    """The text cannot be read; ``message_vi`` says why, in Vietnamese, for the user."""

    def __init__(self, message_vi: str):
        super().__init__(message_vi)
        self.message_vi = message_vi


# ---------------------------------------------------------------------------
# Draft


@dataclass
class Indicator:
    text: str
    value: int | float
    qualifier: str
    unit: str
    subject: str
    indicator_code: str | None
    span: list[int]
    # A change a report quotes ("tăng 45 vụ", "giảm 18 vụ so với cùng kỳ"): its direction,
    # "increase" or "decrease", and what it is measured against, as written; None for a level.
    change: str | None = None
    reference: str | None = None


@dataclass
class Task:
    text: str
    agency: str | None
    span: list[int]


@dataclass
class Award:
    issuer: str | None
    form: str
    collectives: int
    individuals: int
    span: list[int]


@dataclass
class DraftWarning:
    message: str
    span: list[int] | None = None


@dataclass
class Draft:
    event_type: str = "conference"
    blocs: list[str] = field(default_factory=list)
    province: str | None = None
    date: str | None = None
    period: str | None = None
    steering_committee: str | None = None
    chair_name: str | None = None
    chair_titles: list[str] = field(default_factory=list)
    co_chairs: list[str] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    awards: list[Award] = field(default_factory=list)
    warnings: list[DraftWarning] = field(default_factory=list)
    # Spans of the event and chair fields ("period", "date", "province", "chair", ...),
    # for highlighting; not part of to_dict().
    spans: dict[str, list[int]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "event": {
                "type": self.event_type,
                "blocs": list(self.blocs),
                "province": self.province,
                "date": self.date,
                "period": self.period,
                "steering_committee": self.steering_committee,
            },
            "chair": {
                "name": self.chair_name,
                "titles": list(self.chair_titles),
                "co_chairs": list(self.co_chairs),
            },
            "indicators": [asdict(i) for i in self.indicators],
            "tasks": [asdict(t) for t in self.tasks],
            "awards": [asdict(a) for a in self.awards],
            "warnings": [asdict(w) for w in self.warnings],
        }


# ---------------------------------------------------------------------------
# Input checks and offsets


def _validate(text: object, reference_date: object) -> str:
    if reference_date is not None and not isinstance(reference_date, dt.date):
        raise ExtractionError("Ngày tham chiếu không hợp lệ.")
    if isinstance(text, bytes | bytearray):
        if len(text) > MAX_TEXT_BYTES:
            raise ExtractionError(_too_long_message())
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError:
            raise ExtractionError("Tệp không phải văn bản UTF-8: không đọc được nội dung.")
    if not isinstance(text, str):
        raise ExtractionError("Dữ liệu đưa vào không phải là văn bản.")
    if not text.strip():
        raise ExtractionError("Văn bản trống: hãy dán hoặc tải lên nội dung bài viết, báo cáo.")
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:
        raise ExtractionError("Văn bản chứa ký tự không hợp lệ (không phải văn bản thông thường).")
    if size > MAX_TEXT_BYTES:
        raise ExtractionError(_too_long_message())
    _reject_garbage(text)
    return text


def _too_long_message() -> str:
    return f"Văn bản quá dài: tối đa {MAX_TEXT_BYTES // 1024} KB (1 MB). Hãy tách thành nhiều phần."


def _reject_garbage(text: str) -> None:
    if "\x00" in text:
        raise ExtractionError(
            "Nội dung là dữ liệu nhị phân, không phải văn bản: không trích xuất được."
        )
    sample = text[:200_000]
    bad = 0
    for ch in sample:
        if ch in "\t\n\r\f\v":
            continue
        cat = unicodedata.category(ch)
        if ch == "\ufffd" or cat in ("Cc", "Cs", "Co", "Cn"):
            bad += 1
    if bad > max(2, len(sample) // 200):
        raise ExtractionError(
            "Văn bản chứa nhiều ký tự lạ (có thể là tệp nhị phân hoặc sai bảng mã): không trích xuất được."
        )
    letters = sum(1 for ch in sample if ch.isalpha())
    if letters == 0 and not any(ch.isdigit() for ch in sample):
        raise ExtractionError("Văn bản không có chữ hay số nào để trích xuất.")


class _Offsets:
    """Maps positions in the NFC form of the text back to the original text."""

    def __init__(self, original: str):
        normal = unicodedata.normalize("NFC", original)
        self.text = normal
        self.identity = normal == original
        if self.identity:
            return
        starts: list[int] = []
        ends: list[int] = []
        i = 0
        n = len(original)
        while i < n:
            j = i + 1
            while j < n and unicodedata.combining(original[j]):
                j += 1
            piece = unicodedata.normalize("NFC", original[i:j])
            for _ in piece:
                starts.append(i)
                ends.append(j)
            i = j
        if len(starts) != len(normal):  # pragma: no cover - clusters normalise independently
            self.identity = True
            self.text = original
            return
        self.starts = starts
        self.ends = ends
        self.length = n

    def span(self, start: int, end: int) -> list[int]:
        if self.identity:
            return [start, end]
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else self.length
            return [pos, pos]
        return [self.starts[start], self.ends[end - 1]]


# ---------------------------------------------------------------------------
# Indicators

NUMBER_RE = re.compile(r"(?<![\w.,])" + NUMBER_CORE)
MULT_CHAIN = re.compile(
    r"(?:\s*" + MULTIPLIER_WORD + r"(?:\s+\d+(?:,\d+)?(?=\s*(?:tỷ|tỉ|triệu|nghìn|ngàn)))?)+",
    re.IGNORECASE,
)
WORD_NUMBER_RE = re.compile(
    r"(?<![\w])(" + "|".join(w for w in gz.WORD_NUMBERS if w != "năm") + r")(?=\s)", re.IGNORECASE
)

QUALIFIERS = (
    ("trên dưới", "approx"),
    ("xấp xỉ", "approx"),
    ("khoảng", "approx"),
    ("gần", "approx"),
    ("ước tính", "approx"),
    ("ước", "approx"),
    ("chừng", "approx"),
    ("độ", "approx"),
    ("trên", "gt"),
    ("hơn", "gt"),
    ("vượt", "gt"),
    ("ít nhất", "gt"),
    ("tối thiểu", "gt"),
    ("chưa đến", "lt"),
    ("chưa tới", "lt"),
    ("không quá", "lt"),
    ("dưới", "lt"),
)
QUALIFIER_RE = re.compile(
    r"(?<![\w])(?P<q>" + "|".join(re.escape(q) for q, _ in QUALIFIERS) + r")\s+$", re.IGNORECASE
)
QUALIFIER_KIND = {q: kind for q, kind in QUALIFIERS}
DO_COMPOUND_RE = re.compile(
    r"(?<![\w])(?:tiến|mức|tốc|nhiệt|chế|trình|cường|thái|hạn|giới|nồng)\s+$", re.IGNORECASE
)

CHANGE_RE = re.compile(
    r"(?<![\w])(?P<verb>tăng|giảm|nhiều\s+hơn|ít\s+hơn|cao\s+hơn|thấp\s+hơn)"
    r"(?:\s+(?:thêm|được|so\s+với\s+cùng\s+kỳ|so\s+cùng\s+kỳ))?\s*(?:(?P<q>"
    + "|".join(re.escape(q) for q, _ in QUALIFIERS)
    + r")\s+)?$",
    re.IGNORECASE,
)
CHANGE_VERB_RE = re.compile(r"(?<![\w])(?:tăng|giảm)(?![\w])", re.IGNORECASE)
DECREASE_VERBS = ("giảm", "ít", "thấp")
# What a change is measured against: "so với cùng kỳ [năm trước|năm 2022]", "so với kỳ trước".
REFERENCE_RE = re.compile(
    r"(?<![\w])so\s+(?:với\s+)?(?:cùng\s+kỳ(?:\s+năm\s+(?:trước|ngoái|(?:19|20)\d{2}))?|"
    r"(?:kỳ|tháng|quý|năm)\s+(?:trước|ngoái|(?:19|20)\d{2})|"
    r"(?:6|sáu|9|chín)\s+tháng\s+đầu\s+năm(?:\s+(?:19|20)\d{2})?|(?:19|20)\d{2}|cùng\s+thời\s+điểm(?:\s+năm\s+trước)?)",
    re.IGNORECASE,
)
# A bracket that opens on another period ("(6 tháng đầu năm 2019 đã tiếp ...)") or names a
# comparison holds baselines; "(trong đó 2 vụ án năm 2019 chuyển sang)" is a breakdown.
BASELINE_CONTENT_RE = re.compile(
    r"^\s*(?:(?:6|sáu|9|chín)\s+tháng|quý|tháng|năm\s+(?:19|20)\d{2})|cùng\s+kỳ|kỳ\s+trước|"
    r"năm\s+trước|năm\s+ngoái",
    re.IGNORECASE,
)
COMPARISON_BEFORE_RE = re.compile(
    r"(?:so\s+(?:với\s+)?[^()]{0,40}|(?<![\w])(?:tăng|giảm))\s*$", re.IGNORECASE
)
TARGET_AFTER_RE = re.compile(
    r"\s*(?:so\s+với\s+)?(?P<ref>chỉ\s+tiêu|kế\s+hoạch|mục\s+tiêu)(?![\w])", re.IGNORECASE
)
# "(trong đó ủy thác 35 việc)": a breakdown of this period's figure, never a baseline.
BREAKDOWN_RE = re.compile(r"\s*(?:trong\s+đó|gồm|bao\s+gồm|cụ\s+thể)(?![\w])", re.IGNORECASE)
# "(87/64 vụ)": figures alone in the bracket.
SHORT_FIGURES_RE = re.compile(r"\s*\d[\d.,/\s]*(?:[^\W\d_]+(?:\s+[^\W\d_]+)?)?\s*$")
LIST_JOIN_RE = re.compile(r"^[^.;:()\d]{0,20}?,\s*(?:và\s+)?$|^\s+và\s+$", re.IGNORECASE)
# A document word ("kết luận", "theo hướng dẫn") before a number makes it a document
# number only with "số" or a reference shape ("27-CT/TW", DOC_AFTER_RE), or when no
# counted noun follows: "kết luận 5 vụ việc" is a figure, "Kết luận 14 của ..." is not.
DOC_WORD_BEFORE_RE = re.compile(
    r"(?<![\w])(?:chỉ\s+thị|nghị\s+quyết|quyết\s+định|kết\s+luận|nghị\s+định|thông\s+tư|"
    r"công\s+văn|kế\s+hoạch|quy\s+định|chương\s+trình|đề\s+án|hướng\s+dẫn|"
    r"thông\s+báo|tờ\s+trình|báo\s+cáo)\s*(?P<so>số\s*)?$",
    re.IGNORECASE,
)
DOC_BEFORE_RE = re.compile(
    r"(?<![\w])(?:(?<!tổng\s)(?<!với\s)(?<!có\s)(?<!là\s)số|điều|khoản|"
    r"ban\s+chỉ\s+đạo|bcđ|"
    r"mục|phụ\s+lục|lần\s+thứ|thứ|khóa|khoá|nhiệm\s+kỳ|đội|tổ|phòng|"
    r"trạm|đồn|quốc\s+lộ|ql|tỉnh\s+lộ|phường|tiểu\s+khu|khu|ấp|quý|tháng|ngày|năm|giai\s+đoạn|"
    r"covid|sars|dự\s+án|gói\s+thầu|mã|hotline|điện\s+thoại|đường\s+dây\s+nóng)"
    r"\s*(?:số\s*)?$",
    re.IGNORECASE,
)
HYPHEN_WORD_BEFORE_RE = re.compile(r"[^\W\d_]\s*[-–]\s*$|\+\s*$")
DOC_AFTER_RE = re.compile(r"^(?:\s*/\s*[A-ZĐ]|[-–][A-ZĐ]|/\d{4}/[A-ZĐ])")
DATE_AFTER_RE = re.compile(r"^(?:\s?[/-]\s?\d|[:h]\d)", re.IGNORECASE)
DATE_BEFORE_RE = re.compile(r"\d\s?[/-]\s?$|\d[:h]$")
SUBJECT_STOP_RE = re.compile(
    r"[,;.:()\n\"“”/]|\s(?:và|với|trong\s+đó|so\s+với|tăng|giảm|là|nhưng|còn)\s", re.IGNORECASE
)
PRE_CLAUSE_STRIP_RE = re.compile(
    r"^(?:đến|tính\s+đến|từ)\s+(?:ngày\s+)?[\d/.-]+\s*,?\s*", re.IGNORECASE
)
PRE_TAIL_STRIP_RE = re.compile(
    r"(?:\s+(?:là|đạt|với|có|được|gồm|tổng|tổng\s+cộng|tổng\s+số|lên))+\s*$", re.IGNORECASE
)

_COMPILED_CATALOGUE = [
    (
        entry,
        {entry["unit"], *entry.get("also_units", [])},
        [re.compile(k) for k in entry["keywords"]],
    )
    for entry in CATALOGUE
]


def _match_unit(text: str, pos: int, glued: bool) -> tuple[str, int] | None:
    """The canonical unit at ``pos`` and where it ends."""
    window = text[pos : pos + 24].lower()
    for spelling, canonical in gz.UNIT_SPELLINGS:
        if glued and spelling not in gz.GLUED_UNITS:
            continue
        if window.startswith(spelling):
            end = len(spelling)
            nxt = window[end : end + 1]
            if spelling[-1].isalnum() and nxt and (nxt.isalnum() or nxt == "_"):
                continue
            return canonical, pos + end
    return None


@functools.lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """Vietnamese words (lower case) from the word list underthesea ships (Viet74K)."""
    try:
        from importlib.resources import files

        path = files("underthesea").joinpath("corpus/data/Viet74K.txt")
        return frozenset(line.strip().lower() for line in path.read_text("utf-8").splitlines())
    except Exception:  # noqa: BLE001 - the word list is optional: then single syllables
        logger.warning("underthesea word list unavailable; open units are one syllable")
        return frozenset()


_OPEN_UNIT_WORDS = re.compile(r"([^\W\d_]+)(?:[ \u00a0]+([^\W\d_]+))?(?:[ \u00a0]+([^\W\d_]+))?")


def _open_unit(text: str, pos: int) -> tuple[str, int] | None:
    """The counted noun right after a number when it is in no unit list ("14 băng nhóm").

    The longest run of up to three syllables that the word list knows as one word, starting
    with a lower-case syllable that is neither a function word nor a time or plan word.
    """
    m = _OPEN_UNIT_WORDS.match(text, pos, min(len(text), pos + 40))
    if not m:
        return None
    first = m.group(1)
    if not first[:1].islower() or first.lower() in gz.OPEN_UNIT_STOP:
        return None
    words = [w for w in m.groups() if w]
    known = _dictionary()
    for n in range(len(words), 1, -1):
        phrase = " ".join(words[:n]).lower()
        if phrase in known and phrase not in gz.OPEN_UNIT_STOP:
            end = pos
            for word in words[:n]:
                end = text.index(word, end) + len(word)
            return " ".join(words[:n]).lower(), end
    if (known and first.lower() not in known) or (
        len(words) > 1 and f"{first} {words[1]}".lower() in gz.OPEN_UNIT_STOP
    ):
        return None
    return first.lower(), m.end(1)


_NOUN_LA_RE = re.compile(
    r"(?<![\w])(?:tổng\s+)?số\s+(?:lượng\s+)?(?=[^\W\d_])([^,;.:()\n]{1,60}?)\s+là\s*$",
    re.IGNORECASE,
)


def _unit_before_la(text: str, pos: int) -> tuple[str, int] | None:
    """ "Tổng số bản án đang theo dõi là 37": the counted noun right after "số"."""
    lo = max(0, pos - 80)
    m = _NOUN_LA_RE.search(text, lo, pos)
    if not m:
        return None
    unit = _match_unit(text, m.start(1), glued=False) or _open_unit(text, m.start(1))
    return (unit[0], pos) if unit else None


def _code_for(unit: str, before: str, after: str) -> str | None:
    """The catalogue code whose keywords best fit the figure's clause.

    A keyword right after the figure (up to the first comma, "và", "so với"...) weighs 2;
    one further on or before the figure weighs 1, so in "làm chết 12 người, bị thương
    17 người" 12 counts deaths and 17 injuries.
    """
    stop = SUBJECT_STOP_RE.search(after)
    near_f = gz.fold(after[: stop.start()] if stop else after)
    far_f = gz.fold(after[stop.start() :] if stop else "")
    before_f = gz.fold(before)
    best: tuple[int, int, str] | None = None
    for order, (entry, units, patterns) in enumerate(_COMPILED_CATALOGUE):
        if unit not in units:
            continue
        score = 0
        for pattern in patterns:
            if pattern.search(near_f):
                score += 2
            elif pattern.search(far_f) or pattern.search(before_f):
                score += 1
        if score and (best is None or score > best[0] or (score == best[0] and order < best[1])):
            best = (score, order, entry["code"])
    return best[2] if best else None


def _clause_start(text: str, pos: int, floor: int) -> int:
    lo = max(floor, pos - 200)
    cut = max(text.rfind(ch, lo, pos) for ch in ".;\n")
    return max(cut + 1, lo)


def _clause_end(text: str, pos: int, ceiling: int) -> int:
    hi = min(ceiling, pos + 160, len(text))
    cuts = [i for i in (text.find(ch, pos, hi) for ch in ".;\n") if i != -1]
    return min(cuts) if cuts else hi


@dataclass
class _Candidate:
    start: int  # start of the number (or of the number word)
    end: int  # end of the number and multipliers
    value: Decimal
    unit: str | None
    unit_end: int
    unit_start: int = -1
    dotted_decimal: bool = False
    comma_thousands_like: bool = False
    is_word: bool = False


FRACTION_AFTER_RE = re.compile(r"\s?/\s?(\d{1,3}(?:\.\d{3})+|\d+)(?![\d.,/])")
DATE_WORD_BEFORE_RE = re.compile(
    r"(?<![\w])(?:ngày|sáng|chiều|tối|trưa|đến|từ|hôm|tháng)\s*$", re.IGNORECASE
)


def _fraction(text: str, m: re.Match[str], before: str) -> list[_Candidate] | None:
    """ "215/240 vụ việc": 215 of 240, two figures with the unit written once."""
    frac = FRACTION_AFTER_RE.match(text, m.end())
    if not frac or DATE_WORD_BEFORE_RE.search(before) or m.group("frac") or m.group("dotfrac"):
        return None
    pos = frac.end()
    while pos < len(text) and text[pos] in " \t\u00a0":
        pos += 1
    unit = _match_unit(text, pos, glued=False) or _open_unit(text, pos)
    if unit is None:
        return None
    first = number_core_value(m.group("int"), None, None)
    second = Decimal(frac.group(1).replace(".", ""))
    return [
        _Candidate(m.start(), m.end(), first, unit[0], unit[1], unit_start=pos),
        _Candidate(frac.start(1), frac.end(1), second, unit[0], unit[1], unit_start=pos),
    ]


def _number_candidates(text: str) -> tuple[list[_Candidate], list[DraftWarning]]:
    found: list[_Candidate] = []
    warnings: list[DraftWarning] = []
    consumed = 0  # end of the last figure: "500" in "2 tỷ 500 triệu" is part of it
    for m in NUMBER_RE.finditer(text):
        s, e = m.start(), m.end()
        if s < consumed:
            continue
        before = text[max(0, s - 40) : s]
        after = text[e : e + 30]
        if HYPHEN_WORD_BEFORE_RE.search(before) or DOC_BEFORE_RE.search(before):
            continue
        doc_word = DOC_WORD_BEFORE_RE.search(before)
        if doc_word and doc_word.group("so"):
            continue
        fraction = _fraction(text, m, before)
        if fraction:
            found.extend(fraction)
            consumed = fraction[-1].end
            continue
        if DOC_AFTER_RE.match(after) or DATE_AFTER_RE.match(after) or DATE_BEFORE_RE.search(before):
            continue
        if after[:1].isalpha() and not _match_unit(text, e, glued=True):
            continue  # "19A", "5G": part of a code
        value = number_core_value(m.group("int"), m.group("frac"), m.group("dotfrac"))
        end = e
        chain = MULT_CHAIN.match(text, e)
        has_multiplier = False
        if chain and chain.group(0).strip():
            value = apply_multipliers(value, chain.group(0))
            end = chain.end()
            has_multiplier = True
        glued = end < len(text) and not text[end].isspace()
        unit_pos = end
        if not glued:
            while unit_pos < len(text) and text[unit_pos] in " \t\u00a0":
                unit_pos += 1
        unit = _match_unit(text, unit_pos, glued=glued)
        if unit is None and not glued:
            unit = _open_unit(text, unit_pos)
        plain_int = (
            "." not in m.group("int") and m.group("frac") is None and m.group("dotfrac") is None
        )
        looks_like_year = (
            plain_int
            and not has_multiplier
            and len(m.group("int")) == 4
            and 1900 <= int(value) <= 2100
        )
        if unit is None and not text[end : end + 1].isalnum() and not looks_like_year:
            unit = _unit_before_la(text, s)
            if unit is not None:
                unit_pos = end  # "số bản án đang theo dõi là 37": the unit is written before
        if unit is None and doc_word:
            continue  # "Kết luận 14 của Bộ Chính trị": a document number
        if unit is None:
            next_word = re.match(r"\s*([^\W\d_]+)", text[end : end + 20])
            word = next_word.group(1).lower() if next_word else ""
            if not looks_like_year and word not in gz.TIME_WORDS:
                warnings.append(
                    DraftWarning(
                        f"Số không rõ đơn vị, chưa lấy làm chỉ tiêu: “{text[s:end]}”.", [s, end]
                    )
                )
            continue
        if looks_like_year and re.search(r"năm\s*$", before, re.IGNORECASE):
            continue
        consumed = end
        found.append(
            _Candidate(
                start=s,
                end=end,
                value=value,
                unit=unit[0],
                unit_end=unit[1],
                unit_start=unit_pos,
                dotted_decimal=m.group("dotfrac") is not None,
                comma_thousands_like=m.group("frac") is not None
                and len(m.group("frac")) == 3
                and "." not in m.group("int"),
            )
        )
    for m in WORD_NUMBER_RE.finditer(text):
        pos = m.end()
        while pos < len(text) and text[pos] in " \t\u00a0":
            pos += 1
        unit = _match_unit(text, pos, glued=False)
        if not unit or unit[0] in ("%", "đồng", "kg", "gam", "tấn", "ha", "km", "m2", "USD"):
            continue
        before = text[max(0, m.start() - 20) : m.start()]
        if re.search(r"thứ\s*$", before, re.IGNORECASE):
            continue
        found.append(
            _Candidate(
                start=m.start(),
                end=m.end(),
                value=Decimal(gz.WORD_NUMBERS[m.group(1).lower()]),
                unit=unit[0],
                unit_end=unit[1],
                unit_start=pos,
                is_word=True,
            )
        )
    found.sort(key=lambda c: c.start)
    return found, warnings


def _bracket(text: str, pos: int) -> tuple[int, int] | None:
    """The parenthesis ``pos`` is inside, as (open, close), if any on the same line."""
    line_start = text.rfind("\n", 0, pos) + 1
    open_at = text.rfind("(", line_start, pos)
    if open_at == -1 or text.find(")", open_at, pos) != -1:
        return None
    close = text.find(")", pos)
    newline = text.find("\n", pos)
    if close == -1 or (newline != -1 and newline < close):
        return None
    return open_at, close


def _pair_in_bracket(text: str, pos: int) -> bool:
    bracket = _bracket(text, pos)
    return bool(bracket and re.search(r"\d\s*/\s*\d", text[bracket[0] : bracket[1]]))


def _reference(text: str, lo: int, hi: int) -> str | None:
    """ "so với cùng kỳ [năm trước]" between ``lo`` and ``hi``, as written (lower-cased first letter)."""
    m = REFERENCE_RE.search(text, lo, hi)
    if not m:
        return None
    found = " ".join(m.group(0).split())
    return found[:1].lower() + found[1:]


def _indicators(text: str) -> tuple[list[tuple[Indicator, tuple[int, int]]], list[DraftWarning]]:
    candidates, warnings = _number_candidates(text)
    results: list[tuple[Indicator, tuple[int, int]]] = []
    previous: tuple[_Candidate, Indicator | None] | None = None
    baseline_bracket: tuple[int, int] | None = None
    for index, cand in enumerate(candidates):
        prev_end = candidates[index - 1].unit_end if index else 0
        next_start = candidates[index + 1].start if index + 1 < len(candidates) else len(text)
        before = text[max(0, cand.start - 40) : cand.start]
        change = None
        reference = None
        change_qualifier = None
        start = cand.start
        change_match = CHANGE_RE.search(before)
        between = text[previous[0].unit_end : cand.start] if previous else ""
        inherited = (
            previous is not None
            and previous[1] is not None
            and previous[1].change is not None
            and (LIST_JOIN_RE.match(between) or between.strip() == "(")
            and not CHANGE_VERB_RE.search(between)
        )
        if change_match:
            verb = change_match.group("verb").lower()
            change = "decrease" if verb.startswith(DECREASE_VERBS) else "increase"
            change_qualifier = change_match.group("q")
            start = cand.start - (len(before) - change_match.start())
            clause_lo = _clause_start(text, start, 0)
            clause_hi = _clause_end(text, cand.unit_end, len(text))
            after_verb = CHANGE_VERB_RE.search(text, cand.unit_end, clause_hi)
            reference = _reference(
                text, cand.unit_end, after_verb.start() if after_verb else clause_hi
            ) or _reference(text, max(clause_lo, prev_end), start)
        elif (inherited and between.strip() == "(" and _pair_in_bracket(text, cand.start)) or (
            baseline_bracket is not None and baseline_bracket == _bracket(text, cand.start)
        ):
            # "giảm 5,83% (3.389/3.599 vụ)": this period against the last, the change's
            # baseline, not two levels.
            warnings.append(
                DraftWarning(
                    "Cặp số trong ngoặc sau mức tăng/giảm là mốc so sánh, chưa lấy làm chỉ tiêu: "
                    f"“{text[cand.start : cand.unit_end]}”.",
                    [cand.start, cand.unit_end],
                )
            )
            baseline_bracket = _bracket(text, cand.start)
            previous = (cand, None)
            continue
        elif inherited:
            change, reference = previous[1].change, previous[1].reference
        else:
            bracket = _bracket(text, cand.start)
            if bracket is not None:
                content = text[bracket[0] + 1 : bracket[1]]
                lead = text[max(0, bracket[0] - 60) : bracket[0]]
                if not BREAKDOWN_RE.match(content) and (
                    BASELINE_CONTENT_RE.search(content)
                    or (SHORT_FIGURES_RE.match(content) and COMPARISON_BEFORE_RE.search(lead))
                ):
                    warnings.append(
                        DraftWarning(
                            "Số liệu trong ngoặc là mốc so sánh của kỳ khác, chưa lấy làm chỉ tiêu: "
                            f"“{text[cand.start : cand.unit_end]}”.",
                            [cand.start, cand.unit_end],
                        )
                    )
                    previous = (cand, None)
                    continue
        qualifier = "eq"
        q = None if change_match else QUALIFIER_RE.search(before)
        if q and q.group("q").lower() == "độ" and DO_COMPOUND_RE.search(before, 0, q.start()):
            q = None  # "tiến độ 4,5%", "mức độ": a word, not "about"
        if change_qualifier:
            kind = QUALIFIER_KIND[change_qualifier.lower()]
            qualifier = "eq" if kind == "lt" else kind
        if q:
            kind = QUALIFIER_KIND[q.group("q").lower()]
            start = cand.start - (len(before) - q.start())
            if kind == "lt":
                warnings.append(
                    DraftWarning(
                        f"Giới hạn trên (“{q.group('q')}”) được ghi là số chính xác: “{text[start : cand.unit_end]}”.",
                        [start, cand.unit_end],
                    )
                )
                kind = "eq"
            qualifier = kind
            target = TARGET_AFTER_RE.match(text, cand.unit_end)
            if q.group("q").lower() == "vượt" and target and cand.unit == "%":
                # "vượt 6% chỉ tiêu giao": points above the target, a change against it.
                qualifier, change = "eq", "increase"
                reference = " ".join(target.group("ref").split()).lower()
        if cand.dotted_decimal:
            warnings.append(
                DraftWarning(
                    f"Dấu chấm được hiểu là dấu thập phân: “{text[cand.start : cand.end]}”.",
                    [cand.start, cand.end],
                )
            )
        if cand.comma_thousands_like:
            warnings.append(
                DraftWarning(
                    f"Dấu phẩy được hiểu là dấu thập phân (kiểu Việt Nam): “{text[cand.start : cand.end]}”.",
                    [cand.start, cand.end],
                )
            )
        clause_start = _clause_start(text, start, prev_end)
        clause_end = _clause_end(text, cand.unit_end, next_start)
        after_text = text[cand.unit_end : clause_end]
        stop = SUBJECT_STOP_RE.search(after_text)
        tail = after_text[: stop.start()] if stop else after_text
        tail_words = tail.split()[:14]
        unit_written = text[cand.unit_start : cand.unit_end].strip()
        if tail_words:
            subject = " ".join([unit_written, *tail_words]).strip()
        else:
            # Nothing after the unit: the subject is what precedes the figure.
            pre = text[_clause_start_subject(text, start) : start]
            pre = PRE_TAIL_STRIP_RE.sub("", PRE_CLAUSE_STRIP_RE.sub("", pre.strip())).strip()
            pre = " ".join(pre.split()[-16:])
            if cand.unit in ("đồng", "USD", "%"):
                subject = pre or unit_written
            else:
                subject = f"{pre} {unit_written}".strip()
        # A change is never one of the catalogue's levels: the user maps it, if at all.
        code = (
            None
            if change
            else _code_for(cand.unit or "", text[clause_start:start], text[cand.end : clause_end])
        )
        if change:
            word = "Tăng" if change == "increase" else "Giảm"
            subject = f"{word} {reference or ''}: {subject}".replace("  ", " ").strip()
        indicator = Indicator(
            text=text[start : cand.unit_end],
            value=to_python_number(cand.value),
            qualifier=qualifier,
            unit=cand.unit or "",
            subject=subject,
            indicator_code=code,
            span=[start, cand.unit_end],
            change=change,
            reference=reference,
        )
        results.append((indicator, (start, cand.unit_end)))
        previous = (cand, indicator)
    return _once(text, results), warnings


def _once(
    text: str, results: list[tuple[Indicator, tuple[int, int]]]
) -> list[tuple[Indicator, tuple[int, int]]]:
    """A headline figure repeated in the body is one indicator: the body's."""
    first = next((i for i, ch in enumerate(text) if not ch.isspace()), 0)
    line_end = text.find("\n", first)
    if line_end == -1 or line_end - first > 200:
        return results

    def key(indicator: Indicator) -> tuple:
        return (indicator.value, indicator.qualifier, indicator.unit, indicator.change)

    body = {key(i) for i, span in results if span[0] >= line_end}
    return [(i, span) for i, span in results if span[0] >= line_end or key(i) not in body]


def _clause_start_subject(text: str, pos: int) -> int:
    lo = max(0, pos - 160)
    cut = max(text.rfind(ch, lo, pos) for ch in ".;:,\n(")
    return max(cut + 1, lo)


# ---------------------------------------------------------------------------
# Event: type, blocs, province, steering committee

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
        for code, pattern in (
            ("noi_chinh", r"công\s+tác\s+nội\s+chính"),
            ("dan_van", r"công\s+tác\s+dân\s+vận"),
        ):
            if re.search(pattern, head, re.IGNORECASE):
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


# ---------------------------------------------------------------------------
# Chair

_DONG_CHI = re.compile(r"(?<![\w])(?:đồng\s+chí|đ/c|ông|bà)\s+", re.IGNORECASE)
_CHU_TRI_CUA = re.compile(r"chủ\s+trì\s+(?:của\s+)?(?:(?:đồng\s+chí|đ/c)\s+)?", re.IGNORECASE)
_VERB_RE = re.compile(
    r"(?<![\w])(?:" + "|".join(re.escape(v) for v in gz.SPEECH_VERBS) + r")(?![\w])"
)
_TITLE_HEAD_RE = re.compile(r"^(?:" + "|".join(re.escape(t) for t in gz.TITLE_HEADS) + r")(?![\w])")


@dataclass
class _Mention:
    name: str | None
    titles: list[str]
    span: tuple[int, int]
    titles_span: tuple[int, int] | None
    role: str  # chair, concluder, other


def _name_at(text: str, pos: int) -> tuple[str, int] | None:
    """A Vietnamese personal name starting at ``pos`` (surname + 1-3 capitalised syllables)."""
    m = re.match(r"((?:[^\W\d_]+)(?:[ \u00a0]+[^\W\d_]+){0,4})", text[pos : pos + 60])
    if not m:
        return None
    words = m.group(1).split()
    if not words or words[0] not in gz.SURNAMES:
        return None
    taken = [words[0]]
    for word in words[1:4]:
        if word[:1].isupper() and word[1:] == word[1:].lower():
            taken.append(word)
        else:
            break
    if len(taken) < 2:
        return None
    name = " ".join(taken)
    if name in gz.ALIAS_TO_PROVINCE or any(name.startswith(a) for a in gz.ALIAS_TO_PROVINCE):
        return None
    end = pos
    for word in taken:
        end = text.index(word, end) + len(word)
    return name, end


class _Tagger:
    """underthesea, loaded on first use and asked at most ``NER_MAX_CALLS`` times."""

    def __init__(self) -> None:
        self.calls = 0
        self.pos_tag = None
        self.failed = False

    def proper_nouns(self, sentence: str) -> list[str]:
        if self.failed or self.calls >= NER_MAX_CALLS:
            return []
        self.calls += 1
        try:
            if self.pos_tag is None:
                from underthesea import pos_tag

                self.pos_tag = pos_tag
            return [
                word for word, tag in self.pos_tag(sentence[:300]) if tag == "Np" and " " in word
            ]
        except Exception:  # noqa: BLE001 - the tagger is optional
            logger.warning("underthesea unavailable; rules only", exc_info=True)
            self.failed = True
            return []


def _split_titles(run: str) -> list[str]:
    titles = []
    for piece in run.split(","):
        piece = " ".join(piece.split())
        if piece and len(piece) <= 90:
            titles.append(piece)
    return titles


def _parse_mention(text: str, pos: int, tagger: _Tagger, after_chu_tri: bool) -> _Mention | None:
    sentence_end = min(
        [i for i in (text.find(".", pos), text.find("\n", pos)) if i != -1] or [len(text)]
    )
    sentence_end = min(sentence_end, pos + 400)
    full_end = sentence_end
    # Another person of the same sentence ("...; Phó Bí thư ... Lê Trí Thanh", "... và đồng
    # chí Lý Thị Mai, ...") starts a mention of their own: this one ends before.
    for other in _PERSON_SEP_RE.finditer(text, pos, sentence_end):
        if other.group(0).startswith(";") or _name_at(text, other.end()):
            sentence_end = other.start()
            break
    segment = text[pos:sentence_end]
    name_hit = _name_at(text, pos)
    titles: list[str] = []
    titles_span = None
    name = None
    if (
        name_hit is None
        and re.match(r"[^\W\d_]", segment)
        and segment[:1].isupper()
        and not _TITLE_HEAD_RE.match(segment)
    ):
        # Not a known surname, not a title: ask the tagger for a proper noun.
        for proper in tagger.proper_nouns(segment):
            if segment.startswith(proper) and proper not in gz.ALIAS_TO_PROVINCE:
                name_hit = (proper, pos + len(proper))
                break
    if name_hit is not None:
        name, end = name_hit
        rest = text[end:sentence_end]
        if rest.startswith(","):
            run_start = end + 1
            pieces = []
            cursor = run_start
            for piece in text[run_start:sentence_end].split(","):
                piece_start = cursor
                cursor += len(piece) + 1
                stripped = piece.strip()
                if not _TITLE_HEAD_RE.match(stripped):
                    break
                verb = _VERB_RE.search(piece)
                if verb:
                    if not after_chu_tri:
                        pieces.append((piece_start, piece_start + verb.start()))
                    break
                pieces.append((piece_start, piece_start + len(piece)))
            if pieces:
                titles_span = (pieces[0][0], pieces[-1][1])
                titles = [" ".join(text[s:e].split()) for s, e in pieces if text[s:e].strip()]
        span_end = titles_span[1] if titles_span else end
    else:
        if not _TITLE_HEAD_RE.match(segment):
            return None
        verb = _VERB_RE.search(segment)
        run_end = pos + (verb.start() if verb else len(segment))
        run = text[pos:run_end]
        # Title first, name last: "Phó Chủ tịch UBND tỉnh Hoàng Việt Phương".
        for m in re.finditer(r"(?<=\s)[^\W\d_]+", run):
            hit = _name_at(text, pos + m.start())
            if hit and hit[1] >= run_end - 1:
                name = hit[0]
                run_end = pos + m.start()
                break
        run = text[pos:run_end].rstrip(" ,")
        if not run.strip():
            return None
        titles = _split_titles(run)
        titles_span = (pos, pos + len(run))
        span_end = pos + len(text[pos : (verb.start() + pos) if verb else sentence_end].rstrip())
    sentence_start = max(text.rfind(".", 0, pos), text.rfind("\n", 0, pos)) + 1
    sentence = text[sentence_start:full_end]
    if _ATTENDEE_RE.search(text, sentence_start, pos) and not re.search(
        r"chủ\s+trì", text[sentence_start:pos], re.IGNORECASE
    ):
        role = "attendee"  # "Dự hội nghị có đồng chí ...": never the chair
    elif after_chu_tri or re.search(r"chủ\s+trì", text[pos:full_end], re.IGNORECASE):
        role = "chair"
    elif re.search(
        r"kết\s+luận|đề\s+nghị|nhấn\s+mạnh|yêu\s+cầu|giao\s+nhiệm\s+vụ", sentence, re.IGNORECASE
    ):
        role = "concluder"
    else:
        role = "other"
    return _Mention(name, titles, (pos, span_end), titles_span, role)


_PERSON_SEP_RE = re.compile(
    r";\s*|\s+và\s+(?:(?:đồng\s+chí|đ/c)\s+)?(?=[A-ZĐÂĂÊÔƠƯ])", re.IGNORECASE
)
_ATTENDEE_RE = re.compile(
    r"(?<![\w])(?:cùng\s+)?(?:tham\s+)?dự(?:\s+(?:hội\s+nghị|họp|kỳ\s+họp|phiên\s+họp))?\s+(?:có\s+)?|"
    r"có\s+sự\s+(?:tham\s+)?dự",
    re.IGNORECASE,
)
_CHAIR_VERB_RE = re.compile(r"(?<![\w])(?:đồng\s+)?chủ\s+trì(?![\w])(?:\s+của)?", re.IGNORECASE)
_GROUP_LEAD_RE = re.compile(
    r"\s*(?:(?:sáng|chiều|trưa|tối|ngày|hôm\s+nay)[^,]{0,40},\s*)?(?:các\s+đồng\s+chí\s*:?\s*)?",
    re.IGNORECASE,
)


def _person_in(text: str, s: int, e: int) -> tuple[str, list[str], tuple[int, int]] | None:
    """The one person of a piece "Name, title, title" or "Title title Name"."""
    while s < e and (text[s].isspace() or text[s] in ",;:-–"):
        s += 1
    lead = re.match(r"(?:đồng\s+chí|đ/c)\s+", text[s:e], re.IGNORECASE)
    if lead:
        s += lead.end()
    hit = _name_at(text, s)
    if hit and hit[1] <= e:
        name, end = hit
        rest = text[end:e]
        verb = _VERB_RE.search(rest)
        rest = rest[: verb.start()] if verb else rest
        titles = [
            t
            for t in (" ".join(p.split()).strip(" -–") for p in re.split(r",|\s[-–]\s", rest))
            if t
        ]
        return name, titles, (s, e)
    last = None
    skip_to = s
    for m in re.finditer(r"(?<=\s)[^\W\d_]+", text[s:e]):
        if s + m.start() < skip_to:
            continue  # "Văn Sáu" inside "Hồ Văn Sáu"
        found = _name_at(text, s + m.start())
        if found and found[1] <= e:
            last = (found[0], s + m.start())
            skip_to = found[1]
    if last is None:
        return None
    # "Đoàn công tác do Ủy viên Bộ Chính trị ... Trần Cẩm Tú chủ trì": titles follow "do".
    marks = list(re.finditer(r"(?<![\w])(?:do|của)\s+", text[s : last[1]], re.IGNORECASE))
    if marks:
        s += marks[-1].end()
    titles = [t for t in (" ".join(p.split()) for p in text[s : last[1]].split(",")) if t]
    if not titles or not _TITLE_HEAD_RE.match(titles[0]):
        return None
    return last[0], titles, (s, e)


def _chair_group(text: str) -> list[tuple[str, list[str], tuple[int, int]]]:
    """Everyone who chairs, in order: "A, ...; B, ... và C ... chủ trì", "dưới sự chủ trì của A; B"."""
    for verb in _CHAIR_VERB_RE.finditer(text, 0, min(len(text), 30000)):
        sentence_start = (
            max(text.rfind(".", 0, verb.start()), text.rfind("\n", 0, verb.start())) + 1
        )
        ends = [i for i in (text.find(".", verb.end()), text.find("\n", verb.end())) if i != -1]
        sentence_end = min(ends) if ends else len(text)
        if verb.group(0).lower().endswith("của"):
            lo, hi = verb.end(), sentence_end
        else:
            lo, hi = sentence_start, verb.start()
            lo += _GROUP_LEAD_RE.match(text, lo, hi).end() - lo
        if _ATTENDEE_RE.match(text, lo, hi):
            continue
        people = []
        cursor = lo
        for sep in list(_PERSON_SEP_RE.finditer(text, lo, hi)) + [None]:
            piece_end = sep.start() if sep else hi
            if sep and not (
                sep.group(0).startswith(";")
                or _name_at(text, sep.end())
                or _TITLE_HEAD_RE.match(text[sep.end() : sep.end() + 40])
            ):
                continue
            person = _person_in(text, cursor, piece_end)
            if person:
                people.append(person)
                if sep:
                    cursor = sep.end()  # else the piece is titles of the next person
        if people:
            return people
    return []


_CHU_TRI_PLAIN = re.compile(r"[ \u00a0]+(?:đồng\s+)?chủ\s+trì(?![\w])")


def _chair_titles_then_name(text: str) -> _Mention | None:
    """ "Phó Trưởng ban Thường trực Ban Nội chính Tỉnh ủy Lê Văn Hòa chủ trì." (no "đồng chí").

    Only a sentence that opens with a title and names a person right before "chủ trì".
    """
    for m in _CHU_TRI_PLAIN.finditer(text):
        start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        while start < m.start() and text[start].isspace():
            start += 1
        sentence = text[start : m.start()]
        if not _TITLE_HEAD_RE.match(sentence):
            continue
        words = sentence.split()
        for k in (4, 3, 2):
            if len(words) <= k:
                continue
            name_words = words[-k:]
            if name_words[0] in gz.SURNAMES and all(w[:1].isupper() for w in name_words):
                titles_text = " ".join(words[:-k]).strip(" ,")
                titles = [t.strip() for t in titles_text.split(",") if t.strip()]
                return _Mention(
                    " ".join(name_words),
                    titles,
                    (start, m.start()),
                    (start, start + sentence.rstrip().rfind(name_words[0]) - 1),
                    "chair",
                )
    return None


def _chair(
    text: str,
) -> tuple[str | None, list[str], tuple[int, int] | None, list[tuple[int, int]], list[str]]:
    tagger = _Tagger()
    mentions: list[_Mention] = []
    for m in _CHU_TRI_CUA.finditer(text[:30000]):
        if m.group(0).strip().lower().endswith("trì") and not re.search(
            r"của|đồng\s+chí", m.group(0), re.IGNORECASE
        ):
            continue
        mention = _parse_mention(text, m.end(), tagger, after_chu_tri=True)
        if mention:
            mentions.append(mention)
    for count, m in enumerate(_DONG_CHI.finditer(text[:60000])):
        if count > 200:
            break
        if any(x.span[0] == m.end() for x in mentions):
            continue
        mention = _parse_mention(text, m.end(), tagger, after_chu_tri=False)
        if mention:
            mentions.append(mention)
    if not mentions:
        fallback = _chair_titles_then_name(text[:30000])
        if fallback:
            mentions.append(fallback)
    title_spans = [x.titles_span for x in mentions if x.titles_span]
    group = _chair_group(text)
    by_role = {
        role: [x for x in mentions if x.role == role] for role in ("chair", "concluder", "other")
    }
    if group and not by_role["chair"]:
        name, titles, span = group[0]
        return name, titles, span, title_spans, [p[0] for p in group[1:]]
    if not (by_role["chair"] or by_role["concluder"] or by_role["other"]):
        return None, [], None, title_spans, []
    chosen = (by_role["chair"] or by_role["concluder"] or by_role["other"])[0]
    name, titles = chosen.name, list(chosen.titles)
    if name is None and titles:
        for other in mentions:
            if other.name and set(titles) & set(other.titles):
                name = other.name
                break
    if name and not titles:
        for other in mentions:
            if other.name == name and other.titles:
                titles = list(other.titles)
                break
    names = [p[0] for p in group]
    co_chairs = [n for n in names if n != name] if chosen.role == "chair" and name in names else []
    return name, titles, chosen.span, title_spans, co_chairs


# ---------------------------------------------------------------------------
# Tasks

_TRIGGER_RE = re.compile(
    r"(?<![\w])(đề\s+nghị|yêu\s+cầu|nhấn\s+mạnh|lưu\s+ý|chỉ\s+đạo|giao\s+nhiệm\s+vụ)(?![\w])\s*[:,]?\s*",
    re.IGNORECASE,
)
_ANCHOR_RE = re.compile(
    r"kết\s+luận|nhiệm\s+vụ\s+trọng\s+tâm|nhiệm\s+vụ\s+(?:trong\s+)?thời\s+gian\s+tới|thời\s+gian\s+tới|phát\s+biểu\s+chỉ\s+đạo|những\s+tháng\s+cuối\s+năm",
    re.IGNORECASE,
)
DIRECTIVE_VERBS = (
    "tiếp tục",
    "thực hiện",
    "tăng cường",
    "đẩy mạnh",
    "tích cực",
    "phát huy",
    "tập trung",
    "triển khai",
    "nâng cao",
    "chủ động",
    "làm tốt",
    "giải quyết",
    "bảo đảm",
    "đảm bảo",
    "cần",
    "phải",
    "quan tâm",
    "chỉ đạo",
    "lãnh đạo",
    "rà soát",
    "kiểm tra",
    "đôn đốc",
    "nắm chắc",
    "bám sát",
    "phối hợp",
    "xây dựng",
    "hoàn thành",
    "duy trì",
    "siết chặt",
    "kịp thời",
    "khẩn trương",
    "quyết liệt",
    "đổi mới",
    "chú trọng",
    "củng cố",
    "tổ chức",
    "tham mưu",
    "thường xuyên",
    "đấu tranh",
    "phòng ngừa",
    "sớm",
    "đề cao",
    "nghiêm túc",
    "đẩy nhanh",
    "hướng dẫn",
    "ưu tiên",
    "tuyên truyền",
    "vận động",
    "giữ vững",
    "theo dõi",
    "nghiên cứu",
    "chấn chỉnh",
    "xử lý",
    "tổng hợp",
    "phát hiện",
    "không để",
    "làm rõ",
    "hoàn thiện",
    "ban hành",
    "cải cách",
    "bảo vệ",
    "nắm bắt",
    "phấn đấu",
    "ngăn chặn",
    "chủ trì",
)
_DIRECTIVE_RE = re.compile(
    r"(?:" + "|".join(re.escape(v) for v in DIRECTIVE_VERBS) + r")(?![\w])", re.IGNORECASE
)
# Case-sensitive on purpose: inside an agency name the words are capitalised ("Ban Chỉ đạo").
_DIRECTIVE_ANY_RE = re.compile(
    r"(?<![\w])(?:" + "|".join(re.escape(v) for v in DIRECTIVE_VERBS) + r")(?![\w])"
)
_MODAL_RE = re.compile(r"(?<![\w])(?:cần|phải)(?![\w])", re.IGNORECASE)
_CONNECTOR_RE = re.compile(
    r"(?:đồng\s+thời|trước\s+mắt|bên\s+cạnh\s+đó|ngoài\s+ra|mặt\s+khác|cùng\s+với\s+đó|về\s+lâu\s+dài|trong\s+đó|"
    r"mặt\s+khác|cụ\s+thể|theo\s+đó|do\s+đó|vì\s+vậy)\s*[,:]?\s*",
    re.IGNORECASE,
)
_AGENCY_HEAD_RE = re.compile(
    # "Phòng 1", "Phòng Cảnh sát hình sự": a named office, never "phòng ngừa", "phòng, chống".
    r"^(?:(?-i:Phòng)(?=\s+(?:\d|[A-ZĐ]))|các\s+cơ\s+quan|cơ\s+quan|các\s+đơn\s+vị|đơn\s+vị|các\s+thành\s+viên|thành\s+viên|công\s+an|viện\s+kiểm\s+sát|"
    r"tòa\s+án|toà\s+án|ban|các\s+ban|sở|các\s+sở|ubnd|ủy\s+ban|uỷ\s+ban|mttq|mặt\s+trận|thanh\s+tra|các\s+cấp\s+ủy|"
    r"cấp\s+ủy|đảng\s+ủy|huyện\s+ủy|các\s+huyện|các\s+địa\s+phương|địa\s+phương|các\s+ngành|ngành|hội|các\s+hội|đoàn|"
    r"bộ\s+chỉ\s+huy|cục|chi\s+cục|văn\s+phòng|tỉnh\s+đoàn|hội\s+đồng|các\s+tổ\s+chức|các\s+lực\s+lượng|lực\s+lượng|"
    r"các\s+cấp,\s+các\s+ngành|hệ\s+thống)(?![\w])",
    re.IGNORECASE,
)
_REGION_STOP_RE = re.compile(
    r"^\s*(?:nhân\s+dịp|dịp\s+này|tin,?\s+ảnh|tin\s+cùng|tin\s+liên\s+quan|ảnh\s*:|nguồn\s*:|bài\s+và\s+ảnh|bài,?\s+ảnh)",
    re.IGNORECASE,
)
_REGION_SKIP_RE = re.compile(
    r"bằng\s+khen|giấy\s+khen|cờ\s+thi\s+đua|huân\s+chương|quang\s+cảnh|các\s+đại\s+biểu\s+dự",
    re.IGNORECASE,
)
_AGENCY_TAIL_RE = re.compile(
    r"[\s,]*(?:theo\s+chức\s+năng,?\s+nhiệm\s+vụ(?:\s+được\s+giao)?)?[\s,]*$", re.IGNORECASE
)


def _split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    cursor = start
    for m in re.finditer(r"[.!?]+(?:/\.)?(?=\s+[\"“\w])|\n", text[start:end]):
        boundary = start + m.start()
        after = text[start + m.end() : start + m.end() + 3].lstrip()
        if m.group(0) != "\n" and after and not after[:1].isupper() and after[:1] not in '"“':
            continue
        spans.append((cursor, boundary))
        cursor = start + m.end()
    spans.append((cursor, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


# "các nhiệm vụ trọng tâm cần thực hiện trong tháng 4: ..." - the list after the colon.
_TASK_LIST_RE = re.compile(
    r"(?<![\w])nhiệm\s+vụ(?:\s+trọng\s+tâm|[^.:;\n]{0,60}?(?:thời\s+gian\s+tới|tháng\s+\d{1,2}|quý|cuối\s+năm))"
    r"[^.:;\n]{0,80}:\s*",
    re.IGNORECASE,
)
# "Hội nghị đã thống nhất 5 nhiệm vụ trọng tâm ... mà các đơn vị cần tập trung thực hiện."
_AGREED_TASKS_RE = re.compile(
    r"(?:thống\s+nhất|đề\s+ra|xác\s+định)\s+[^.;\n]{0,20}?nhiệm\s+vụ[^.;\n]*?(?<![\w])(?:cần|phải)(?![\w])",
    re.IGNORECASE,
)


_LIST_MARKER_RE = re.compile(r"[ \t]*(?:\d{1,2}[.)]|[a-zđ][.)]|[-–•+*])[ \t]+", re.IGNORECASE)


def _find_trigger(text: str, limit: int) -> re.Match[str] | None:
    listed = _TASK_LIST_RE.search(text, 0, limit)
    trigger = _find_directive(text, listed.start() if listed else limit)
    return trigger or listed


def _find_directive(text: str, limit: int) -> re.Match[str] | None:
    for m in _TRIGGER_RE.finditer(text, 0, limit):
        # The anchor ("Kết luận hội nghị, ...") may open the paragraph a sentence before.
        paragraph_start = text.rfind("\n", 0, m.start()) + 1
        if _ANCHOR_RE.search(text, paragraph_start, m.start()):
            # "Ban Chỉ đạo" is a name, not a directive.
            if m.group(1).lower().startswith("chỉ") and re.search(
                r"ban\s*$", text[max(0, m.start() - 5) : m.start()], re.IGNORECASE
            ):
                continue
            return m
    return None


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ":,;-–"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".;,/:"):
        e -= 1
    return s, e


def _agency_of(text: str, s: int, e: int) -> tuple[str | None, int]:
    """An agency heading the item ("Các cơ quan, đơn vị cần ...") and where its predicate starts."""
    piece = text[s:e]
    if not _AGENCY_HEAD_RE.match(piece):
        return None, s
    for verb in _DIRECTIVE_ANY_RE.finditer(piece, 0, min(len(piece), 160)):
        if verb.start() == 0:
            continue
        agency = _AGENCY_TAIL_RE.sub("", piece[: verb.start()])
        agency = " ".join(agency.split()).strip(" ,")
        if agency:
            return agency, s + verb.start()
    return None, s


def _tasks(text: str) -> list[Task]:
    limit = min(len(text), 200_000)
    trigger = _find_trigger(text, limit)
    if trigger is None:
        agreed = _AGREED_TASKS_RE.search(text, 0, limit)
        if agreed is None:
            return []
        sentence_start = max(
            text.rfind(".", 0, agreed.start()), text.rfind("\n", 0, agreed.start())
        )
        ends = [i for i in (text.find(".", agreed.end()), text.find("\n", agreed.end())) if i != -1]
        s, e = _strip_span(text, sentence_start + 1, min(ends) if ends else len(text))
        return [Task(text=text[s:e], agency=None, span=[s, e])]
    tasks: list[Task] = []
    default_agency: str | None = None
    paragraph_spans = []
    cursor = trigger.end()
    for m in re.finditer(r"\n", text[cursor:limit]):
        paragraph_spans.append((cursor, trigger.end() + m.start()))
        cursor = trigger.end() + m.end()
    paragraph_spans.append((cursor, limit))
    first = True
    for p_start, p_end in paragraph_spans:
        marker = _LIST_MARKER_RE.match(text, p_start, p_end)
        if marker:
            p_start = marker.end()  # "1. Công an tỉnh ...", "- Các huyện ...": the item
        para = text[p_start:p_end]
        if not para.strip():
            continue
        if not first:
            if _REGION_STOP_RE.match(para):
                break
            stripped = para.strip()
            if len(stripped) < 40 and not (
                marker or _DIRECTIVE_RE.match(stripped) or _AGENCY_HEAD_RE.match(stripped)
            ):
                break
            if _REGION_SKIP_RE.search(para) or (
                re.match(r"\s*đồng\s+chí", para, re.IGNORECASE) and not _MODAL_RE.search(para)
            ):
                continue
        for s_start, s_end in _split_sentences(text, p_start, p_end):
            sentence_first = True
            for piece in re.finditer(r"[^;]+", text[s_start:s_end]):
                ps, pe = _strip_span(text, s_start + piece.start(), s_start + piece.end())
                if ps >= pe:
                    continue
                connector = _CONNECTOR_RE.match(text, ps, pe)
                body = connector.end() if connector else ps
                agency, predicate = _agency_of(text, body, pe)
                if first:
                    default_agency = agency
                    directive = True
                else:
                    directive = bool(_DIRECTIVE_RE.match(text, predicate, pe)) or bool(
                        _MODAL_RE.search(text, body, pe)
                    )
                if directive:
                    tasks.append(
                        Task(text=text[ps:pe], agency=agency or default_agency, span=[ps, pe])
                    )
                elif tasks and not sentence_first:
                    last = tasks[-1]
                    last.span = [last.span[0], pe]
                    last.text = text[last.span[0] : pe]
                first = False
                sentence_first = False
        if "./." in para:
            break
    return tasks


# ---------------------------------------------------------------------------
# Awards

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


# ---------------------------------------------------------------------------
# Entry point


def _head(text: str, size: int = 1500) -> str:
    return text[:size]


def extract(text: str, *, reference_date: dt.date | None = None) -> Draft:
    """Read ``text`` and propose a draft; raises ``ExtractionError`` for unreadable input."""
    text = _validate(text, reference_date)
    try:
        return _extract(text, reference_date)
    except ExtractionError:
        raise
    except Exception as exc:  # noqa: BLE001 - the caller must get a clear answer, never a 500
        logger.exception("text extraction failed")
        raise ExtractionError(
            "Không trích xuất được văn bản này do lỗi xử lý; hãy nhập tay hoặc báo cho quản trị."
        ) from exc


def _extract(original: str, reference_date: dt.date | None) -> Draft:
    offsets = _Offsets(original)
    text = offsets.text
    draft = Draft()

    def orig(span: tuple[int, int] | list[int]) -> list[int]:
        return offsets.span(span[0], span[1])

    def orig_text(span: list[int]) -> str:
        return original[span[0] : span[1]]

    head = _head(text)
    draft.event_type, type_span = _event_type(head)
    if type_span:
        draft.spans["type"] = orig(type_span)
    draft.blocs = _blocs(text, text[:400])
    draft.province, province_span = _province(text)
    if province_span:
        draft.spans["province"] = orig(province_span)

    publication, publication_span = find_publication_date(text)
    if publication_span:
        draft.spans["publication"] = orig(publication_span)
    mentions = find_periods(text[:100_000])
    draft.period, chosen, bounds, period_warnings = resolve_period(
        text, mentions, publication=publication, reference=reference_date
    )
    if chosen:
        draft.spans["period"] = orig(chosen.span)
    draft.warnings.extend(
        DraftWarning(w, orig(chosen.span) if chosen else None) for w in period_warnings
    )
    date, date_span, date_warnings = find_event_date(
        text, bounds=bounds, publication=publication, reference=reference_date
    )
    draft.date = date
    if date_span:
        draft.spans["date"] = orig(date_span)
    draft.warnings.extend(
        DraftWarning(w, orig(date_span) if date_span else None) for w in date_warnings
    )

    name, titles, chair_span, title_spans, co_chairs = _chair(text)
    if draft.event_type not in MEETING_TYPES:
        # Only a meeting has a chair: a report, a press release or a ceremony does not.
        name, titles, chair_span, co_chairs = None, [], None, []
    draft.chair_name, draft.chair_titles, draft.co_chairs = name, titles, co_chairs
    if chair_span:
        draft.spans["chair"] = orig(chair_span)
    draft.steering_committee, sc_span = _steering_committee(text, title_spans)
    if sc_span:
        draft.spans["steering_committee"] = orig(sc_span)

    indicators, indicator_warnings = _indicators(text)
    for indicator, span in indicators:
        indicator.span = orig(span)
        indicator.text = orig_text(indicator.span)
        draft.indicators.append(indicator)
    for warning in indicator_warnings:
        if warning.span:
            warning.span = orig(warning.span)
    draft.warnings.extend(indicator_warnings[:200])
    if len(indicator_warnings) > 200:
        draft.warnings.append(
            DraftWarning(f"Còn {len(indicator_warnings) - 200} cảnh báo về số liệu không hiển thị.")
        )

    for task in _tasks(text):
        task.span = orig(task.span)
        task.text = orig_text(task.span)
        draft.tasks.append(task)
    for award in _awards(text):
        award.span = orig(award.span)
        draft.awards.append(award)

    if not draft.indicators:
        draft.warnings.append(DraftWarning("Không tìm thấy số liệu định lượng nào trong văn bản."))
    return draft
