"""Numbers and their units: the figures of a text (qualifier, change, reference, catalogue
code), and the numbers that are not figures (years, dates, document numbers)."""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from decimal import Decimal

from .. import gazetteer as gz
from ..catalogue import CATALOGUE
from ..numbers import (
    MULTIPLIER_WORD,
    NUMBER_CORE,
    apply_multipliers,
    number_core_value,
    to_python_number,
)
from .draft import DraftWarning, Indicator

logger = logging.getLogger(__name__)


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
            assert previous is not None and previous[1] is not None  # ``inherited`` says so
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
