"""Synthetic reception-book and petition records in bulk (demo data, benchmarks, the
province-year generator). Deterministic for a given seed; uses bulk_create only.

    generate_visits(n, seed=1, agencies=[...], start=date, end=date)
    generate_petitions(n, seed=1, agencies=[...], start=date, end=date, duplicate_share=0.05)

Due dates come from the rule table through the pure calendar (one rule fetch, no query
per row). Receipt numbers are ``G<seed>-<n>/<year>`` so several runs with different seeds
never collide, and a run with the same seed refuses to run twice (returns 0).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import random
import uuid

from django.db import transaction

from noichinh.core import bulkload, clock, sealed
from noichinh.core import calendar as cal
from noichinh.core.selectors import DatedSpecs, work_calendar
from noichinh.core.text import fold
from noichinh.petitions import daily
from noichinh.petitions.duplicates import insert_bands
from noichinh.petitions.models import (
    ContentBand,
    Deadline,
    Petition,
    PetitionField,
    PetitionType,
    Transition,
    Visit,
    id_hash_of,
    mass_min_people,
    sender_hash_of,
)

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Ngọc", "Quang", "Thu", "Hữu", "Thanh"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hải",
    "Hạnh",
    "Hùng",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trung",
    "Tuấn",
    "Yến",
]
PLACES = [
    "xã Kha Sơn",
    "xã Tân Hòa",
    "thị trấn Hương Sơn",
    "phường Trung Tâm",
    "phường Đồng Quang",
    "xã Quyết Thắng",
    "xã Tiên Hội",
    "xã Bản Ngoại",
    "thị trấn Hùng Sơn",
]
TOPICS = {
    PetitionField.LAND: [
        "việc cấp giấy chứng nhận quyền sử dụng đất cho thửa đất số {n} tại {place}",
        "tranh chấp ranh giới thửa đất số {n} với hộ liền kề tại {place}",
        "việc thu hồi đất nông nghiệp tại {place} không đúng quy định",
    ],
    PetitionField.COMPENSATION: [
        "mức bồi thường, hỗ trợ khi thu hồi đất làm dự án đường tỉnh {n} tại {place} quá thấp",
        "chưa được bố trí tái định cư sau khi bị thu hồi đất ở tại {place}",
    ],
    PetitionField.POLICY: [
        "việc chậm chi trả chế độ trợ cấp cho người có công tại {place}",
        "việc xét hộ nghèo năm {year} tại {place} không công khai",
    ],
    PetitionField.JUSTICE: [
        "việc chậm thi hành bản án dân sự số {n} liên quan đến gia đình tại {place}",
        "quá trình giải quyết tin báo tố giác tội phạm số {n} tại {place} kéo dài",
    ],
    PetitionField.CORRUPTION: [
        "cán bộ địa chính {place} nhận tiền khi làm thủ tục đất đai cho người dân",
        "sai phạm trong quản lý kinh phí xây dựng nhà văn hóa tại {place}",
    ],
    PetitionField.ADMINISTRATION: [
        "thái độ của cán bộ bộ phận một cửa tại {place} khi giải quyết hồ sơ số {n}",
        "việc chậm giải quyết thủ tục hành chính hồ sơ số {n} tại {place}",
    ],
    PetitionField.OTHER: [
        "ô nhiễm môi trường từ cơ sở sản xuất tại {place}",
        "việc xây dựng công trình trái phép tại {place}",
    ],
}
TYPE_WEIGHTS = [
    (PetitionType.COMPLAINT, 40),
    (PetitionType.DENUNCIATION, 15),
    (PetitionType.RECOMMENDATION, 25),
    (PetitionType.REFLECTION, 18),
    (PetitionType.MIXED, 2),
]
VERB = {
    PetitionType.COMPLAINT: "Khiếu nại",
    PetitionType.DENUNCIATION: "Tố cáo",
    PetitionType.RECOMMENDATION: "Kiến nghị",
    PetitionType.REFLECTION: "Phản ánh",
    PetitionType.MIXED: "Khiếu nại, kiến nghị",
}


def _name(rng) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _day(rng, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def _content(rng, ptype, field, year) -> str:
    topic = rng.choice(TOPICS[field]).format(
        n=rng.randint(10, 999), place=rng.choice(PLACES), year=year
    )
    return f"{VERB[ptype]} {topic}; đề nghị cơ quan có thẩm quyền xem xét, giải quyết."


_VALID: dict = {}


def _agency_for(rng, agencies, day):
    # The agencies valid on a day, worked out once per day and agency list (a province-year
    # has a few hundred days and a million petitions).
    key = (id(agencies), day)
    valid = _VALID.get(key)
    if valid is None or valid[0] is not agencies:
        valid = _VALID[key] = (agencies, [a for a in agencies if a.is_valid_on(day)] or agencies)
    return rng.choice(valid[1])


_FOLD_CACHE: dict[str, str] = {}


def _f(text: str) -> str:
    out = _FOLD_CACHE.get(text)
    if out is None:
        out = _FOLD_CACHE[text] = fold(text)
    return out


def _content_pair(rng, ptype, field, year) -> tuple[str, str]:
    """(content, folded content) built from pre-folded parts (fold is per character)."""
    template = rng.choice(TOPICS[field])
    n, place = rng.randint(10, 999), rng.choice(PLACES)
    tail = "; đề nghị cơ quan có thẩm quyền xem xét, giải quyết."
    text = f"{VERB[ptype]} {template.format(n=n, place=place, year=year)}{tail}"
    folded = f"{_f(VERB[ptype])} {_f(template).format(n=n, place=_f(place), year=year)}{_f(tail)}"
    return text, folded


_VISIT_COLUMNS = (
    "visited_on",
    "agency_id",
    "officer_id",
    "kind",
    "petition_type",
    "field",
    "people_count",
    "is_mass",
    "representatives",
    "representative_count",
    "visitor_name",
    "visitor_address",
    "visitor_id_number",
    "sealed_identity",
    "visitor_hash",
    "unit_id",
    "content",
    "content_folded",
    "repeat_of_id",
    "answer",
    "answer_reason",
    "created_at",
    "created_by_id",
    "version",
)


def _load_visits(rows: list[list], first_id: int) -> None:
    """COPY (PostgreSQL) or executemany (SQLite) through core.bulkload, ids given."""
    bulkload.load(Visit, ("id", *_VISIT_COLUMNS), ([first_id + i, *r] for i, r in enumerate(rows)))


@transaction.atomic
def generate_visits(n: int, **kwargs) -> int:
    """``n`` reception-book entries (see ``_generate_visits``), with the daily figures of
    visits rebuilt afterwards."""
    made = _generate_visits(n, **kwargs)
    daily.rebuild(["visit"])
    return made


@transaction.atomic  # repeats may point at visits of a later batch (deferred foreign keys)
def _generate_visits(
    n: int,
    *,
    seed: int = 1,
    agencies,
    start: dt.date,
    end: dt.date,
    mass_share: float = 0.01,
    repeat_share: float = 0.08,
    units=(),
    batch_size: int = 5000,
) -> int:
    """``n`` reception-book entries between ``start`` and ``end`` (some mass, some repeats)."""
    rng = random.Random(seed)
    agencies = list(agencies)
    units = list(units)
    mass_min = mass_min_people()
    now = clock.now()
    kinds, answers = list(Visit.Kind), list(Visit.Answer)
    types, weights = [t for t, _w in TYPE_WEIGHTS], [w for _t, w in TYPE_WEIGHTS]
    fields = list(PetitionField)
    refused = "Không thuộc thẩm quyền; đã hướng dẫn đến cơ quan có thẩm quyền"
    rows = []
    for _ in range(n):
        day = _day(rng, start, end)
        while day.weekday() >= 5 and rng.random() < 0.9:
            day = _day(rng, start, end)
        ptype = rng.choices(types, weights)[0]
        field = rng.choice(fields)
        is_mass = rng.random() < mass_share
        people = (
            rng.randint(mass_min, 40) if is_mass else rng.choices([1, 2, 3, 4], [70, 18, 8, 4])[0]
        )
        content, folded = _content_pair(rng, ptype, field, day.year)
        answer = rng.choices(answers, [55, 40, 5])[0]
        name = _name(rng)
        mass = people >= mass_min
        agency = _agency_for(rng, agencies, day)
        unit = rng.choice(units) if units else None
        if ptype == PetitionType.DENUNCIATION:
            sealed_identity = sealed.seal(json.dumps({"name": name}, ensure_ascii=False))
            visitor_name = visitor_address = ""
        else:
            sealed_identity, visitor_name, visitor_address = "", name, rng.choice(PLACES)
        rows.append(
            [
                day,
                agency.pk,
                None,
                rng.choices(kinds, [80, 15, 5])[0].value,
                ptype.value,
                field.value,
                people,
                mass,
                f"{_name(rng)}, {_name(rng)}" if mass else "",
                2 if mass else 0,
                visitor_name,
                visitor_address,
                "",
                sealed_identity,
                sender_hash_of(name, ""),
                unit.pk if unit else None,
                content,
                folded,
                None,
                answer.value,
                refused if answer != Visit.Answer.RECEIVED else "",
                now,
                None,
                1,
            ]
        )
    # Some visits come back about a matter already received (tiếp lại): not a new matter.
    # Ids are reserved first so the repeats point at earlier visits of the same agency
    # (by date, then id) before anything is written: one load, no update pass.
    first = bulkload.reserve_ids(Visit, len(rows))
    d_at, a_at = _VISIT_COLUMNS.index("visited_on"), _VISIT_COLUMNS.index("agency_id")
    r_at = _VISIT_COLUMNS.index("repeat_of_id")
    by_agency: dict[int, list[int]] = {}
    for i in sorted(range(len(rows)), key=lambda i: (rows[i][d_at], i)):
        by_agency.setdefault(rows[i][a_at], []).append(i)
    for indexes in by_agency.values():
        for j, i in enumerate(indexes):
            if j and rng.random() < repeat_share:
                rows[i][r_at] = first + indexes[rng.randrange(max(0, j - 50), j)]
    _load_visits(rows, first)
    return len(rows)


def _due_cache() -> cal.DueDateCache:
    """Due dates of the rule table with the rules and calendar fetched once."""
    return cal.DueDateCache(specs=DatedSpecs(), calendar=work_calendar())


PROVINCE_HANDLERS = ("TTT", "BTCD", "CA", "UBND", "VKS", "THADS", "STP")
PROVINCE_HANDLER_PREFIXES = ("CA-", "TT-", "UBND-")


def _handlers_from_ctx(ctx) -> list:
    agencies = ctx["agencies"]
    out = [agencies[c] for c in PROVINCE_HANDLERS if c in agencies]
    out += [a for c, a in sorted(agencies.items()) if c.startswith(PROVINCE_HANDLER_PREFIXES)]
    return out


def _units_from_ctx(ctx) -> list:
    from noichinh.org.models import AreaUnit

    return list(AreaUnit.objects.filter(level=AreaUnit.COMMUNE))


def generate_petitions(
    n: int,
    *,
    seed: int = 1,
    agencies=None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    units=(),
    ctx: dict | None = None,
    years: int = 1,
    visits: int | None = None,
    duplicate_share: float = 0.05,
    mass_share: float = 0.03,
    over_level_share: float = 0.04,
    with_bands: bool = True,
    with_history: bool = True,
    today: dt.date | None = None,
    batch_size: int = 5000,
    chunk: int = 50_000,
    workers: int | None = None,
    progress: bool = False,
    stdout=None,
) -> int:
    """Create ``n`` petitions received between ``start`` and ``end`` in ``agencies``.

    States follow the received date: old ones are mostly handled (resolved on time or
    late, forwarded, guided, archived), recent ones still open (some overdue). Called by
    ``manage.py generate_province`` with ``ctx`` (agencies and units are taken from it, the
    period is the ``years`` before ``end``, and ``visits`` defaults to n/2 reception-book
    entries). Works in chunks so a province-year of a million rows fits in memory.
    """
    today = today or clock.today()
    end = min(end or today, today)
    if start is None:
        start = end - dt.timedelta(days=365 * max(1, years))
    if agencies is None:
        if ctx is None:
            raise ValueError("generate_petitions needs agencies or ctx")
        agencies = _handlers_from_ctx(ctx)
    if not units and ctx is not None:
        units = _units_from_ctx(ctx)
    if visits is None:
        visits = n // 2 if ctx is not None else 0
    prefix = f"G{seed}-"
    if Petition.objects.filter(receipt_no__startswith=prefix).exists():
        return 0
    agencies = list(agencies)
    units = list(units)
    shared = dict(
        prefix=prefix,
        agencies=agencies,
        units=units,
        start=start,
        end=end,
        today=today,
        duplicate_share=duplicate_share,
        mass_share=mass_share,
        over_level_share=over_level_share,
        with_bands=with_bands,
        with_history=with_history,
        batch_size=batch_size,
    )
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=n + visits, desc="đơn và lượt tiếp", unit="bản ghi")
    if ctx is not None:
        _province(n, visits, seed=seed, chunk=chunk, workers=workers, bar=bar, shared=shared)
    else:
        _sequential(n, visits, seed=seed, chunk=chunk, bar=bar, shared=shared)
    if bar is not None:
        bar.set_description("đang tính số liệu theo ngày")
    # Written without save(): the daily figures are rebuilt from the records.
    daily.rebuild()
    if bar is not None:
        bar.close()
    if stdout is not None:
        stdout.write(f"Đơn: {n}; lượt tiếp: {visits}")
    return n


def _sequential(n, visits, *, seed, chunk, bar, shared):
    """One random stream for everything (the demo province and the tests rely on it)."""
    rng = random.Random(seed)
    due = _due_cache()
    seq: dict[tuple[int, int], int] = {}
    window: list[_Gen] = []
    done = 0
    while done < n:
        size = min(chunk, n - done)
        with transaction.atomic():
            first_id = bulkload.reserve_ids(Petition, size)
            window = _petition_chunk(
                size, rng=rng, due=due, seq=seq, window=window, first_id=first_id, **shared
            )
        done += size
        if bar is not None:
            bar.update(size)
    if visits:
        _visits(visits, seed, shared)
        if bar is not None:
            bar.update(visits)


def _visits(n, seed, shared) -> None:
    """``n`` reception-book entries over the agencies, units and dates of the petitions."""
    _generate_visits(
        n,
        seed=seed,
        agencies=shared["agencies"],
        start=shared["start"],
        end=shared["end"],
        units=shared["units"],
        batch_size=shared["batch_size"],
    )


# What the worker processes of _province read (set before they are forked).
_PLAN: dict = {}


def _province(n, visits, *, seed, chunk, workers, bar, shared):
    """The generated province: independent chunks, each with its own random stream
    (``seed:k``) and receipt numbers (``G<seed>-<k>-<n>/<year>``), so the data depend on the
    seed alone and the chunks can be written by several processes at once. On PostgreSQL
    the secondary indexes and foreign keys of the tables written are set aside while the
    chunks load and built once at the end (core.bulkload.deferred_indexes; on SQLite the
    secondary indexes only)."""
    from django.db import connection, connections

    jobs = [("p", k, min(chunk, n - at)) for k, at in enumerate(range(0, n, chunk))]
    jobs += [("v", k, min(chunk, visits - at)) for k, at in enumerate(range(0, visits, chunk))]
    with transaction.atomic():
        first_id = bulkload.reserve_ids(Petition, n) if n else 0
    pg = connection.vendor == "postgresql"
    workers = (2 if workers is None else workers) if pg else 1  # SQLite: one writer at a time
    _PLAN.update(shared=shared, seed=seed, chunk=chunk, first_id=first_id)
    big = n + visits >= 50_000
    tables = (Petition, Deadline, Transition, ContentBand, Visit)
    with bulkload.deferred_indexes(tables) if big else contextlib.nullcontext():
        if workers > 1:
            import multiprocessing

            connections.close_all()  # each process opens its own connection
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                for size in pool.imap_unordered(_job, jobs):
                    if bar is not None:
                        bar.update(size)
        else:
            for job in jobs:
                size = _job(job, close=False)
                if bar is not None:
                    bar.update(size)
        if big and bar is not None:
            bar.set_description("đang dựng lại chỉ mục")
    # Fresh statistics, or the planner guesses at empty tables (seen: a reception-book search
    # sorting every row instead of using its index). On PostgreSQL also VACUUM, which sets the
    # visibility map: without it the figures' index-only scans still read every table page.
    vacuum = "VACUUM ANALYZE" if pg and not connection.in_atomic_block else "ANALYZE"
    with connection.cursor() as cursor:
        for model in tables:
            cursor.execute(f"{vacuum} {connection.ops.quote_name(model._meta.db_table)}")  # nosec B608


def _job(job, close: bool = True) -> int:
    from django.db import connection

    kind, k, size = job
    shared, seed = _PLAN["shared"], _PLAN["seed"]
    try:
        with connection.cursor() as cursor:
            # Generated data: a crash loses the chunk, nothing else (no fsync wait).
            if connection.vendor == "postgresql":
                cursor.execute("SET synchronous_commit TO OFF")
            elif connection.vendor == "sqlite" and not connection.in_atomic_block:
                cursor.execute("PRAGMA synchronous = OFF")
        if kind == "v":
            _visits(size, f"{seed}:v{k}", shared)
            return size
        with transaction.atomic():
            _petition_chunk(
                size,
                rng=random.Random(f"{seed}:{k}"),
                due=_due_cache(),
                seq={},
                window=[],
                first_id=_PLAN["first_id"] + k * _PLAN["chunk"],
                **{**shared, "prefix": f"{shared['prefix']}{k + 1}-"},
            )
        return size
    finally:
        if close:
            connection.close()


def _petition_chunk(
    size,
    *,
    rng,
    due,
    seq,
    window,
    prefix,
    agencies,
    units,
    start,
    end,
    today,
    duplicate_share,
    mass_share,
    over_level_share,
    with_bands,
    with_history,
    batch_size,
    first_id,
):
    made: list[_Gen] = []
    steps: list = []
    mass_min = mass_min_people()
    types, weights = [t for t, _w in TYPE_WEIGHTS], [w for _t, w in TYPE_WEIGHTS]
    fields, channels = list(PetitionField), list(Petition.Channel)[:3]
    for _i in range(size):
        received = _day(rng, start, end)
        agency = _agency_for(rng, agencies, received)
        ptype = rng.choices(types, weights)[0]
        field = rng.choice(fields)
        key = (agency.pk, received.year)
        seq[key] = seq.get(key, 0) + 1
        pool = window[-200:] + made[-200:]
        original = None
        if pool and rng.random() < duplicate_share:
            original = rng.choice(pool)
            original = getattr(original, "_dup_obj", None) or original
            ptype, field = original.type, original.field
            content = (
                original.content.replace("đề nghị", "kính đề nghị", 1)
                + " Tôi đã gửi đơn nhưng chưa được trả lời."
            )
            folded = fold(content)
        else:
            content, folded = _content_pair(rng, ptype, field, received.year)
        p = _Gen(
            id=first_id + _i,
            receipt_no=f"{prefix}{seq[key]}/{received.year}",
            received_on=received,
            channel=rng.choices(channels, [30, 60, 10])[0],
            agency_id=agency.pk,
            type=ptype,
            field=field,
            unit_id=rng.choice(units).pk if units else None,
            content=content,
            content_folded=folded,
            is_mass=rng.random() < mass_share,
            is_over_level=rng.random() < over_level_share,
        )
        if original is not None:
            p._dup_obj = original
        if p.is_mass:
            p.co_senders = rng.randint(mass_min - 1, 30)
        anonymous = ptype == PetitionType.DENUNCIATION and rng.random() < 0.15
        p.is_anonymous = anonymous
        if original is not None:
            name, idno = original._gen_identity
        else:
            name, idno = _name(rng), f"0{rng.randint(10, 99)}0{rng.randint(10**8, 10**9 - 1)}"
        p._gen_identity = (name, idno)
        if not anonymous:
            p.sender_hash = sender_hash_of(name, idno)
            p.sender_id_hash = id_hash_of(idno)
            if ptype == PetitionType.DENUNCIATION:
                p.sealed_identity = sealed.seal(
                    json.dumps(
                        {
                            "name": name,
                            "id_number": idno,
                            "address": rng.choice(PLACES),
                            "phone": "",
                            "email": "",
                        },
                        ensure_ascii=False,
                    )
                )
            else:
                p.sender_name = name
                p.sender_id_number = idno
                p.sender_address = rng.choice(PLACES)
                p.sender_folded = fold(name)
        _set_state(p, rng, due, today, steps, len(made))
        made.append(p)
    now = clock.now()
    for p in made:
        original = getattr(p, "_dup_obj", None)
        if original is not None:
            p.duplicate_of_id = original.pk
    bulkload.insert_objects(Petition, made, now=now)
    if with_history:
        bulkload.load(
            Deadline,
            ("petition_id", "rule", "variant", "started_on", "due", "explanation", "done_on"),
            (
                (made[index].pk, rule, variant, started, dd.due, dd.explain(), done)
                for index, rule, variant, started, dd, done in steps
            ),
        )
        note = "Dữ liệu sinh tự động"
        transitions = []
        for p in made:
            transitions.append((p.pk, "", "received", "receive", now, p.received_on, "", note))
            if p.state != "received":
                transitions.append(
                    (
                        p.pk,
                        "received",
                        p.state,
                        p.outcome or "classify",
                        now,
                        p.outcome_date or p.received_on,
                        p.outcome_doc_no,
                        "",
                    )
                )
        bulkload.load(
            Transition,
            ("petition_id", "from_state", "to_state", "action", "at", "on_date", "doc_no", "note"),
            transitions,
        )
    if with_bands:
        insert_bands(made, batch_size=batch_size)
    return made[-200:]


_DEFAULTS: dict = {}


class _Gen:
    """A petition being generated: the model's defaults as plain attributes, since building
    a model instance cost more than everything else about the row."""

    def __init__(self, **values):
        if not _DEFAULTS:
            _DEFAULTS.update((f.attname, f.get_default()) for f in Petition._meta.concrete_fields)
        self.__dict__.update(_DEFAULTS)
        self.uuid = uuid.uuid4()  # a callable default: one per petition
        self.__dict__.update(values)

    @property
    def pk(self):
        return self.id


def _set_state(p, rng, due, today, steps, index):
    """Pick a plausible state for ``p`` and record its time-limit steps."""
    age = (today - p.received_on).days
    handle = due("petition.handle", p.received_on)
    if getattr(p, "_dup_obj", None) is not None:
        p.meets_conditions, p.in_competence = False, True
        if age > 20 or rng.random() < 0.7:
            p.state, p.outcome = "archived", "archive"
            p.outcome_date = min(today, p.received_on + dt.timedelta(days=rng.randint(2, 12)))
            p.outcome_doc_no = "-"
            steps.append((index, "petition.handle", "", p.received_on, handle, p.outcome_date))
        else:
            p.state = "received"
            p.current_step, p.next_due = "petition.handle", handle.due
            p.next_due_provisional = handle.provisional
            steps.append((index, "petition.handle", "", p.received_on, handle, None))
        return
    roll = rng.random()
    if age < 12 and roll < 0.6:
        p.state = "received"
        p.current_step, p.next_due = "petition.handle", handle.due
        p.next_due_provisional = handle.provisional
        steps.append((index, "petition.handle", "", p.received_on, handle, None))
        return
    p.meets_conditions = rng.random() < 0.8
    p.in_competence = rng.random() < 0.55
    decided = min(today, p.received_on + dt.timedelta(days=rng.randint(3, 16)))
    doc = f"{rng.randint(1, 999)}/{'TB' if p.in_competence else 'PC'}"
    if not p.meets_conditions:
        p.state, p.outcome = (
            ("archived", "archive") if rng.random() < 0.6 else ("returned", "return")
        )
        p.outcome_date, p.outcome_doc_no = decided, doc
        steps.append((index, "petition.handle", "", p.received_on, handle, decided))
        return
    if not p.in_competence:
        p.state, p.outcome = ("forwarded", "forward") if rng.random() < 0.6 else ("guided", "guide")
        p.outcome_date, p.outcome_doc_no = decided, doc
        p.forwarded_to_name = "Cơ quan có thẩm quyền" if p.state == "forwarded" else ""
        steps.append((index, "petition.handle", "", p.received_on, handle, decided))
        return
    if p.type not in (PetitionType.COMPLAINT, PetitionType.DENUNCIATION):
        p.state, p.outcome = "accepted", "accept"
        p.outcome_date, p.outcome_doc_no = decided, doc
        steps.append((index, "petition.handle", "", p.received_on, handle, decided))
        if age > 60:
            p.state = "resolved"
            p.resolved_on = min(today, decided + dt.timedelta(days=rng.randint(5, 40)))
            p.resolution_doc_no = f"{rng.randint(1, 999)}/TB-KQ"
        return
    accept_rule = (
        "complaint.first.accept" if p.type == PetitionType.COMPLAINT else "denunciation.intake"
    )
    acc = due(accept_rule, p.received_on)
    steps.append((index, accept_rule, "", p.received_on, acc, decided))
    p.state, p.outcome = "accepted", "accept"
    p.outcome_date, p.outcome_doc_no = decided, doc
    resolve_rule = (
        "complaint.first.resolve" if p.type == PetitionType.COMPLAINT else "denunciation.resolve"
    )
    res = due(resolve_rule, decided)
    took = rng.choices([rng.randint(10, 30), rng.randint(31, 80)], [80, 20])[0]
    resolved = decided + dt.timedelta(days=took)
    if resolved <= today and rng.random() < 0.9:
        p.state = "resolved"
        p.resolved_on = resolved
        p.resolved_on_time = resolved <= res.due
        p.result = rng.choices(list(Petition.Result), [15, 30, 55])[0]
        p.resolution_doc_no = (
            f"{rng.randint(1, 999)}/QĐ-GQKN"
            if p.type == "complaint"
            else f"{rng.randint(1, 999)}/KL-GQTC"
        )
        if p.result != "wrong" and rng.random() < 0.3:
            p.recovered_vnd = rng.randint(1, 500) * 1_000_000
        steps.append((index, resolve_rule, "", decided, res, resolved))
    else:
        p.current_step, p.next_due = resolve_rule, res.due
        p.next_due_provisional = res.provisional
        steps.append((index, resolve_rule, "", decided, res, None))
