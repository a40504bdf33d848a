"""Who chaired the meeting, with their titles, and the co-chairs."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from .. import gazetteer as gz

logger = logging.getLogger(__name__)


NER_MAX_CALLS = 3


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
        self.pos_tag: Callable[[str], list[tuple[str, str]]] | None = None
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
            lead = _GROUP_LEAD_RE.match(text, lo, hi)
            assert lead is not None  # every part of the pattern is optional: it always matches
            lo += lead.end() - lo
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
    name: str | None
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
