"""The tasks a conclusion assigns, with their lead agency."""

from __future__ import annotations

import re

from .draft import Task

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
