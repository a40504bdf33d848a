"""Reporting periods and dates in Vietnamese text.

Period codes: "2022-Q3" (quý III), "2021-H1" (6 tháng đầu năm), "2021-H2"
(6 tháng cuối năm), "2022-9M" (9 tháng [đầu năm]), "2022-Y" (năm 2022, only where the
year is the subject of the meeting: "tổng kết công tác năm 2022", "Trong năm 2022"),
"2022-M09" (tháng 9/2022, a monthly meeting).

Choices:
- A period that follows "nhiệm vụ", "phương hướng", "thời gian tới", "cuối năm" or "cùng
  kỳ" is the NEXT period or a comparison, not the one reported on; it is only used to
  find the year of a reported period written without one ("Trong quý III" + "nhiệm vụ
  trọng tâm quý IV/2021" -> 2021-Q3).
- The reported period is the first remaining candidate in the text (the headline comes
  first), its year taken from a year in the same sentence, then from another mention of
  the same period, then from a forward period, then from the publication line or the
  reference date (the latest such period that has started by then).
- An event date without a year ("Sáng ngày 8/7", "Sáng 11-1") takes the year that puts
  it closest after the end of the period (a meeting on 11 January reviews the year
  before); without a period, the latest such date on or before the publication date or
  the reference date. "Đến ngày 15/6" and other cut-off dates are not event dates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}

_YEAR = r"(?:19|20)\d{2}"
_YEAR_TAIL = r"(?:\s*(?:/|-|năm)?\s*(?P<year>" + _YEAR + r")(?!\d))?"
_QUARTER = r"(?P<q>(?-i:IV|I{1,3})|[1-4])(?![\w])"

PERIOD_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Q", re.compile(r"(?<![\w])quý\s+" + _QUARTER + _YEAR_TAIL, re.IGNORECASE)),
    ("9M", re.compile(r"(?<![\w])(?:9|chín)\s+tháng(?:\s+đầu\s+năm)?" + _YEAR_TAIL, re.IGNORECASE)),
    ("H1", re.compile(r"(?<![\w])(?:6|sáu)\s+tháng\s+đầu\s+năm" + _YEAR_TAIL, re.IGNORECASE)),
    ("H2", re.compile(r"(?<![\w])(?:6|sáu)\s+tháng\s+cuối\s+năm" + _YEAR_TAIL, re.IGNORECASE)),
    (
        "M",
        re.compile(
            r"(?<![\w])tháng\s+(?P<m>\d{1,2})\s*(?:/|-|–|năm)\s*(?P<year>" + _YEAR + r")(?!\d)",
            re.IGNORECASE,
        ),
    ),
    (
        # "kết quả công tác tháng 1", "phiên họp ... tháng 7": a month with no year written;
        # never "12 tháng 5" or "ngày 12 tháng 5" (a date), see find_periods.
        "M",
        re.compile(r"(?<![\w])tháng\s+(?P<m>\d{1,2})(?![\d/\-–]|[.,]\d)(?P<year>)", re.IGNORECASE),
    ),
    (
        # "từ đầu năm [2024] đến nay": resolved against the date line or reference date.
        "YTD",
        re.compile(
            r"(?<![\w])từ\s+đầu\s+năm(?:\s+(?P<year>" + _YEAR + r"))?\s+(?:đến|tới)\s+nay",
            re.IGNORECASE,
        ),
    ),
    (
        "Y",
        re.compile(
            r"(?:tổng\s+kết(?:\s+công\s+tác)?(?:\s+năm)?|(?<![\w])trong\s+năm|kết\s+quả\s+công\s+tác\s+năm|công\s+tác\s+năm)\s+(?P<year>"
            + _YEAR
            + r")(?!\d)",
            re.IGNORECASE,
        ),
    ),
    (
        # "Tổng kết công tác Nội chính, ... và cải cách tư pháp năm 2020"
        "Y",
        re.compile(
            r"tổng\s+kết(?![\s\d]+năm\s+(?:thực|triển))[^.;\n]{0,120}?\s+năm\s+(?P<year>"
            + _YEAR
            + r")(?!\d)",
            re.IGNORECASE,
        ),
    ),
    (
        # "Theo số liệu của Cục ..., năm 2024, toàn tỉnh ...": the year set off by commas as
        # the time of the sentence (a plan's year is a forward mention, see FORWARD_CONTEXT).
        "Y",
        re.compile(r"(?<=,)\s*năm\s+(?P<year>" + _YEAR + r")\s*,(?!\s*\d)", re.IGNORECASE),
    ),
    (
        # "báo cáo [về] công tác phòng, chống tội phạm năm 2023": a report on a year's work
        # (never a dated one: "... ngày 5 tháng 3 năm 2021", see the digit before "năm").
        "Y",
        re.compile(
            r"báo\s+cáo(?:\s+về)?(?:\s+tình\s+hình,?)?(?:\s+kết\s+quả)?\s+công\s+tác"
            r"(?!\s+số\s)[^.;\n]{0,100}?(?<!\d)\s+năm\s+(?P<year>" + _YEAR + r")(?!\d)",
            re.IGNORECASE,
        ),
    ),
    (
        # "Năm 2019, toàn tỉnh ..." at the start of a sentence
        "Y",
        re.compile(
            r"(?:^|(?<=[.!?]\s)|(?<=\n)|(?<=\)-)|(?<=\)\s-)|(?<=\)-\s)|(?<=\)\s-\s))\s*năm\s+(?P<year>"
            + _YEAR
            + r")\s*,",
            re.IGNORECASE | re.MULTILINE,
        ),
    ),
)

FORWARD_CONTEXT = re.compile(
    r"(nhiệm\s+vụ|phương\s+hướng|thời\s+gian\s+tới|những\s+tháng\s+cuối|kế\s+hoạch|triển\s+khai|cùng\s+kỳ|so\s+với)[^.;\n]{0,40}$",
    re.IGNORECASE,
)
ANY_YEAR = re.compile(r"(?<![\d.,/])(" + _YEAR + r")(?!\d|[.,]\d)")
# The year of a comparison ("so với cùng kỳ năm 2019", "so với năm 2016", "cùng kỳ 2021"):
# the period compared with, so the reported one is the year after.
COMPARISON_YEAR = re.compile(
    r"(?:cùng\s+kỳ|so\s+với)\s+(?:năm\s+)?(" + _YEAR + r")(?!\d|[.,]\d)", re.IGNORECASE
)


@dataclass
class PeriodMention:
    kind: str  # Q, H1, H2, 9M, Y, M, YTD (from the start of the year to the article's date)
    number: int | None  # quarter or month
    year: int | None
    span: tuple[int, int]
    forward: bool


def period_bounds(kind: str, number: int | None, year: int) -> tuple[dt.date, dt.date]:
    if kind == "Q":
        assert number is not None
        start = dt.date(year, 3 * number - 2, 1)
        end_month = 3 * number
    elif kind == "H1":
        start, end_month = dt.date(year, 1, 1), 6
    elif kind == "H2":
        start, end_month = dt.date(year, 7, 1), 12
    elif kind == "9M":
        start, end_month = dt.date(year, 1, 1), 9
    elif kind == "M":
        assert number is not None
        start, end_month = dt.date(year, number, 1), number
    else:
        start, end_month = dt.date(year, 1, 1), 12
    if end_month == 12:
        end = dt.date(year, 12, 31)
    else:
        end = dt.date(year, end_month + 1, 1) - dt.timedelta(days=1)
    return start, end


def period_code(kind: str, number: int | None, year: int) -> str:
    if kind == "Q":
        return f"{year}-Q{number}"
    if kind == "M":
        return f"{year}-M{number:02d}"
    return f"{year}-{kind}"


def find_periods(text: str) -> list[PeriodMention]:
    mentions: list[PeriodMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PERIOD_PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            number = None
            if kind == "Q":
                q = m.group("q")
                number = ROMAN.get(q.upper(), None) if not q.isdigit() else int(q)
            elif kind == "M":
                number = int(m.group("m"))
                if not 1 <= number <= 12:
                    continue
                if re.search(r"\d\s*$", text[max(0, m.start() - 4) : m.start()]):
                    continue  # "ngày 12 tháng 5 [năm 2021]": a date, not a month reported on
                if re.search(
                    r"(?:từ|đến|tới)(?:\s+hết)?\s*$",
                    text[max(0, m.start() - 12) : m.start()],
                    re.IGNORECASE,
                ):
                    continue  # "từ tháng 10/2022 đến hết tháng 9/2023": a range of months
            year = int(m.group("year")) if m.group("year") else None
            before = text[max(0, m.start() - 60) : m.start()]
            forward = bool(FORWARD_CONTEXT.search(before)) or kind == "H2" and "cuối" in m.group(0)
            mentions.append(PeriodMention(kind, number, year, (m.start(), m.end()), forward))
            taken.append((m.start(), m.end()))
    mentions.sort(key=lambda p: p.span[0])
    return mentions


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(".", 0, pos), text.rfind("\n", 0, pos), text.rfind(";", 0, pos)) + 1
    ends = [i for i in (text.find(".", pos), text.find("\n", pos), text.find(";", pos)) if i != -1]
    return start, min(ends) if ends else len(text)


def _previous_period(kind: str, number: int | None, year: int) -> tuple[str, int | None, int]:
    """The period just before a forward period (reported on before planning it)."""
    if kind == "Q":
        assert number is not None
        return ("Q", number - 1, year) if number > 1 else ("Q", 4, year - 1)
    if kind == "H2":
        return ("H1", None, year)
    if kind == "M":
        assert number is not None
        return ("M", number - 1, year) if number > 1 else ("M", 12, year - 1)
    return ("Y", None, year - 1)


def resolve_period(
    text: str,
    mentions: list[PeriodMention],
    *,
    publication: dt.date | None,
    reference: dt.date | None,
) -> tuple[str | None, PeriodMention | None, tuple[dt.date, dt.date] | None, list[str]]:
    """Choose the reported period. Returns (code, mention, bounds, warnings)."""
    warnings: list[str] = []
    reported = [m for m in mentions if not m.forward]
    if not reported:
        return None, None, None, warnings
    chosen = reported[0]
    if chosen.kind == "YTD":
        return _resolve_year_to_date(chosen, publication=publication, reference=reference)

    def year_near(mention: PeriodMention) -> int | None:
        if mention.year:
            return mention.year
        s, e = _sentence_bounds(text, mention.span[0])
        same = [m.year for m in mentions if m.year and not m.forward and s <= m.span[0] < e]
        if same:
            return same[0]
        sentence = text[s:e]
        compared = {m.start(1) for m in COMPARISON_YEAR.finditer(sentence)}
        own = [int(m.group(1)) for m in ANY_YEAR.finditer(sentence) if m.start(1) not in compared]
        if own:
            return own[0]
        # Only the year compared with: the period reported on is the one a year later.
        later = [int(m.group(1)) + 1 for m in COMPARISON_YEAR.finditer(sentence)]
        return later[0] if later else None

    year = year_near(chosen)
    if year is None:
        for other in reported[1:40]:
            if other.kind == chosen.kind and other.number == chosen.number:
                year = year_near(other)
                if year:
                    break
    if year is None:
        for m in mentions:
            if m.forward and m.year:
                prev_kind, prev_num, prev_year = _previous_period(m.kind, m.number, m.year)
                if prev_kind == chosen.kind and prev_num == chosen.number:
                    year = prev_year
                else:
                    year = m.year if m.kind != "Y" else m.year - 1
                break
    if year is None and chosen.kind == "Y":
        year = None
    if year is None:
        anchor = publication or reference
        if anchor is not None:
            for candidate in (anchor.year, anchor.year - 1):
                start, _ = period_bounds(chosen.kind, chosen.number, candidate)
                if start <= anchor:
                    year = candidate
                    break
            warnings.append(
                f"Năm của kỳ báo cáo suy ra từ ngày {'đăng bài' if publication else 'tham chiếu'} {anchor.isoformat()}."
            )
    if year is None:
        warnings.append("Không xác định được năm của kỳ báo cáo.")
        return None, chosen, None, warnings
    return (
        period_code(chosen.kind, chosen.number, year),
        chosen,
        period_bounds(chosen.kind, chosen.number, year),
        warnings,
    )


# The reporting period a "từ đầu năm đến nay" figure is read as, by the month of the
# article's date: the standard period just ended (or under way at the turn of a quarter).
_YEAR_TO_DATE = {3: ("Q", 1), 4: ("Q", 1), 6: ("H1", None), 7: ("H1", None), 9: ("9M", None)}
_YEAR_TO_DATE |= {10: ("9M", None), 12: ("Y", None)}


def _resolve_year_to_date(
    chosen: PeriodMention, *, publication: dt.date | None, reference: dt.date | None
) -> tuple[str | None, PeriodMention | None, tuple[dt.date, dt.date] | None, list[str]]:
    anchor = publication or reference
    if anchor is None or (chosen.year and chosen.year != anchor.year):
        return (
            None,
            chosen,
            None,
            [
                "“Từ đầu năm đến nay” mà không có ngày đăng bài hay ngày tham chiếu: "
                "không xác định được năm và kỳ báo cáo."
            ],
        )
    kind, number = _YEAR_TO_DATE.get(anchor.month, ("M", anchor.month))
    return (
        period_code(kind, number, anchor.year),
        chosen,
        period_bounds(kind, number, anchor.year),
        [f"“Từ đầu năm đến nay” được hiểu theo ngày {anchor.strftime('%d/%m/%Y')}."],
    )


# ---------------------------------------------------------------------------
# Dates

PUBLICATION = re.compile(
    r"(?:(?:Thứ\s+\w+|Chủ\s+nhật)\s*,\s*)?(?P<d>\d{1,2})[/-](?P<m>\d{1,2})[/-](?P<y>"
    + _YEAR
    + r")(?:\s*,?\s*(?:\d{1,2}[:h]\d{2}))?",
    re.IGNORECASE,
)

EVENT_DATE = re.compile(
    r"(?P<lead>(?<![\w])(?:sáng|chiều|trưa|tối|hôm)(?:\s+nay)?\s+(?:(?:thứ\s+\w+|chủ\s+nhật)\s*,?\s*)?(?:ngày\s+)?|(?:^|(?<=[\n.]\s)|(?<=\n)|(?<=-\s))ngày\s+|(?<![\w])vào\s+ngày\s+)"
    r"(?:(?P<d>\d{1,2})\s*[/-]\s*(?P<m>\d{1,2})(?:\s*[/-]\s*(?P<y>" + _YEAR + r"))?(?![\d/])"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})(?:\s+năm\s+(?P<y2>" + _YEAR + r"))?)",
    re.IGNORECASE | re.MULTILINE,
)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_publication_date(text: str) -> tuple[dt.date | None, tuple[int, int] | None]:
    """A dateline such as "Thứ Năm, 02/07/2020, 14:52 [GMT+7]" on a short line near the top."""
    for line_match in re.finditer(r"[^\n]+", text[:3000]):
        line = line_match.group(0)
        if len(line.strip()) > 90:
            continue
        m = PUBLICATION.search(line)
        if m:
            found = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if found:
                start = line_match.start() + m.start()
                return found, (start, line_match.start() + m.end())
    return None, None


def find_event_date(
    text: str,
    *,
    bounds: tuple[dt.date, dt.date] | None,
    publication: dt.date | None,
    reference: dt.date | None,
    limit: int = 6000,
) -> tuple[str | None, tuple[int, int] | None, list[str]]:
    warnings: list[str] = []
    for m in EVENT_DATE.finditer(text[:limit]):
        day = int(m.group("d") or m.group("d2"))
        month = int(m.group("m") or m.group("m2"))
        year_text = m.group("y") or m.group("y2")
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        span = (m.start(), m.end())
        if year_text:
            found = _safe_date(int(year_text), month, day)
            if found:
                return found.isoformat(), span, warnings
            continue
        if bounds is not None:
            start, end = bounds
            options = [
                d
                for y in (end.year - 1, end.year, end.year + 1)
                if (d := _safe_date(y, month, day)) and d >= start
            ]
            if options:
                best = min(options, key=lambda d: (abs((d - end).days), d < end))
                return best.isoformat(), span, warnings
        anchor = publication or reference
        if anchor is not None:
            for y in (anchor.year, anchor.year - 1):
                found = _safe_date(y, month, day)
                if found and found <= anchor:
                    return found.isoformat(), span, warnings
        warnings.append("Có ngày diễn ra hội nghị nhưng không xác định được năm.")
        return None, span, warnings
    return None, None, warnings
