"""Names in free text matched to the organisation's records, for the user to confirm.

An article names who must act the way people speak: "Công an tỉnh", "VKSND tỉnh", "các cơ
quan trong khối", "thành viên Ban Chỉ đạo 138 các cấp". ``match_agency`` proposes the
agency (and, for a bloc or committee, its standing body as lead with the other members
coordinating) and says why; the review page shows the proposal in a select the user
confirms or changes. Nothing here writes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from noichinh.core.text import fold
from noichinh.org.models import Agency, Bloc, BlocMembership

# Abbreviations as articles write them (folded) → the words they stand for (folded).
ABBREVIATIONS = {
    "vksnd": "vien kiem sat nhan dan",
    "vks": "vien kiem sat",
    "tand": "toa an nhan dan",
    "ubkt": "uy ban kiem tra",
    "mttq": "mat tran to quoc",
    "ubmttq": "uy ban mat tran to quoc",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "thads": "thi hanh an dan su",
    "bchqs": "bo chi huy quan su",
    "bo chqs": "bo chi huy quan su",
    "lhpn": "lien hiep phu nu",
    "ccb": "cuu chien binh",
    "bcd": "ban chi dao",
}
_ABBR_RE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, ABBREVIATIONS), key=len, reverse=True)) + r")\b"
)
# Words around a name that do not designate anyone in particular.
_FILLER = re.compile(
    r"^(?:(?:cac|nhung|toan the|tat ca|moi|thanh vien|co quan|don vi|dia phuong|nganh|cap|"
    r"luc luong|va|,)\s*)+"
)
# "the agencies of the bloc": the conference's own blocs.
_GENERIC = re.compile(
    r"^(?:cac\s+)?(?:co quan|don vi|dia phuong|nganh|cap)(?:[\s,]+(?:va\s+)?"
    r"(?:co quan|don vi|dia phuong|nganh|cap|trong khoi|thuoc khoi|thanh vien))*\s*$"
    r"|trong khoi|thuoc khoi|cac co quan khoi\s*$"
)


def expand(text: str) -> str:
    """Folded ``text`` with abbreviations written out (VKSND tỉnh → vien kiem sat nhan dan tinh)."""
    key = " ".join(fold(text).split())
    return _ABBR_RE.sub(lambda m: ABBREVIATIONS[m.group(1)], key)


@dataclass
class AgencyMatch:
    lead: Agency | None
    coordinators: list[Agency] = field(default_factory=list)
    why: str = ""
    candidates: list[Agency] = field(default_factory=list)


def _bloc_in(key: str, blocs: list[Bloc]) -> Bloc | None:
    """The bloc or committee a name stands for ("thanh vien ban chi dao 138 cac cap")."""
    for bloc in blocs:
        name = expand(bloc.name)
        for suffix in (" tinh", ""):
            core = name.removesuffix(suffix).removeprefix("khoi ")
            if core and (f"khoi {core}" in key or (bloc.kind != Bloc.BLOC and core in key)):
                return bloc
    return None


def _members(bloc: Bloc, on: dt.date) -> tuple[Agency | None, list[Agency]]:
    memberships = (
        BlocMembership.objects.filter(BlocMembership.valid_on_q(on), bloc=bloc)
        .filter(Agency.valid_on_q(on, "agency__"))
        .select_related("agency")
        .order_by("agency__name")
    )
    standing, others = None, []
    for m in memberships:
        if m.is_standing_body and standing is None:
            standing = m.agency
        else:
            others.append(m.agency)
    return standing, others


def _province_level(agency: Agency) -> bool:
    return agency.parent_id is None or "tinh" in fold(agency.name)


def match_agency(
    name: str | None, *, conference_blocs: Sequence[Bloc] = (), on: dt.date | None = None
) -> AgencyMatch:
    """The agency ``name`` designates on ``on`` (the conference date), or candidates."""
    from noichinh.core import clock

    on = on or clock.today()
    key = expand(name or "")
    all_blocs = list(Bloc.objects.all())
    if not key:
        # The article names nobody: the conclusions of a bloc's meeting go to the bloc.
        if conference_blocs:
            lead, others = _members(conference_blocs[0], on)
            if lead:
                return AgencyMatch(
                    lead,
                    others,
                    f"Văn bản không nêu cơ quan: đề xuất cơ quan thường trực {conference_blocs[0]}",
                )
        return AgencyMatch(None, why="Văn bản không nêu cơ quan thực hiện: chọn cơ quan chủ trì.")
    bloc = _bloc_in(key, all_blocs)
    if bloc is None and _GENERIC.search(key) and conference_blocs:
        bloc = conference_blocs[0]
    if bloc is not None:
        lead, others = _members(bloc, on)
        if lead:
            coordinators = others
            if bloc in conference_blocs:
                for extra in conference_blocs:
                    if extra != bloc:
                        coordinators += [a for a in _members(extra, on)[1] if a not in coordinators]
            coordinators = [a for a in coordinators if a != lead]
            return AgencyMatch(
                lead, coordinators, f"Cơ quan thường trực {bloc}, các thành viên phối hợp"
            )
    query = _FILLER.sub("", key).strip(" ,.;")
    if not query:
        return AgencyMatch(None, why="Không xác định được cơ quan: chọn cơ quan chủ trì.")
    agencies = list(Agency.objects.filter(Agency.valid_on_q(on)))
    scored = []
    for agency in agencies:
        names = {expand(agency.name), expand(agency.short_name), expand(agency.code)} - {""}
        if query in names:
            score = 3
        elif any(n.startswith(query + " ") for n in names) or any(
            query.startswith(n + " ") and len(n) >= 8 for n in names
        ):
            score = 2 if _province_level(agency) else 1
        else:
            continue
        scored.append((score, agency))
    if not scored:
        return AgencyMatch(None, why=f"“{name}” không khớp cơ quan nào: chọn cơ quan chủ trì.")
    best = max(s for s, _a in scored)
    top = [a for s, a in scored if s == best]
    if len(top) == 1:
        how = "theo tên" if best == 3 else "theo tên (cấp tỉnh)"
        return AgencyMatch(top[0], why=f"Khớp {how}: {top[0]}")
    return AgencyMatch(
        None,
        candidates=sorted(top, key=lambda a: a.name),
        why=f"“{name}” khớp nhiều cơ quan: chọn cơ quan chủ trì.",
    )


# --- award context ------------------------------------------------------------------------

_MOVEMENT_RE = re.compile(
    r"phong\s+trào\s*[\"“]([^\"”\n]{3,200})[\"”](?:\s*(?:năm\s*)?(\d{4}))?", re.IGNORECASE
)
_DECISION_NO_RE = re.compile(
    r"Quyết\s+định\s+(?:số\s+)?(\d{1,6}/(?:\d{4}/)?QĐ-[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)*)"
)


def award_context(text: str, span: list[int] | None) -> dict:
    """What the sentence of an award count names besides the counts: the movement (and its
    year) and a decision number. Empty when it names none (the counts stay figures)."""
    if not span:
        return {}
    start = max(text.rfind("\n", 0, span[0]), text.rfind(". ", 0, span[0])) + 1
    end_candidates = [i for i in (text.find("\n", span[1]),) if i != -1]
    end = min(end_candidates) if end_candidates else len(text)
    sentence = text[start:end]
    out: dict[str, str | int] = {}
    if m := _MOVEMENT_RE.search(sentence):
        out["movement"] = " ".join(m.group(1).split())
        if m.group(2):
            out["movement_year"] = int(m.group(2))
    if m := _DECISION_NO_RE.search(sentence):
        out["number"] = m.group(1)
    return out
