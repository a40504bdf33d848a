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

The stages live in the modules of this package: ``segmentation`` (input checks, offsets),
``indicators`` (numbers, units, changes), ``event`` (type, blocs, province, steering
committee), ``people`` (chair and co-chairs), ``tasks``, ``awards``; ``draft`` holds the
result's types. The dates and periods come from ``textimport.periods``. ``extract`` below
assembles them.
"""

from __future__ import annotations

import datetime as dt
import logging

from ..periods import find_event_date, find_periods, find_publication_date, resolve_period
from .awards import _awards
from .draft import (
    MAX_TEXT_BYTES,
    Award,
    Draft,
    DraftWarning,
    ExtractionError,
    Indicator,
    Task,
)
from .event import MEETING_TYPES, _blocs, _event_type, _province, _steering_committee
from .indicators import _indicators
from .people import NER_MAX_CALLS, _chair
from .segmentation import _Offsets, _validate
from .tasks import _tasks

__all__ = [
    "MAX_TEXT_BYTES",
    "NER_MAX_CALLS",
    "MEETING_TYPES",
    "Award",
    "Draft",
    "DraftWarning",
    "ExtractionError",
    "Indicator",
    "Task",
    "extract",
]

logger = logging.getLogger(__name__)


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
