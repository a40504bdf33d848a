"""A realistic, deterministic province for benchmarks and load tests (`manage.py generate_province`).

The demo organisation (noichinh/devdata/demo/org.py) plus more districts (abolished on 1/7/2025) with
their communes and the communes they became, district police, people's committees and
inspectorates, and an officer or two per agency. Then each register app that offers a
generator is called: ``noichinh.devdata.generate.<app>.generate_<app>(**kwargs)`` (or ``generate``)
receives only the keyword arguments its signature names among: ``ctx`` (the org dict of
demo.load() plus "units_old", "units_new", "officers" by agency code), ``n`` / ``petitions``
(the number of petitions), ``years``, ``seed``, ``rng`` (a random.Random), ``batch_size``,
``workers`` (processes writing petitions; PostgreSQL only), ``progress`` (bool: show a tqdm
bar), ``stdout``.

Everything is keyed by code or user name, so a second run over the same database adds no
organisation twice; record generators append.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import random
import time

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from noichinh.devdata.demo import org as demo
from noichinh.org.models import Agency, AreaSuccession, AreaUnit, User

REFORM = demo.REFORM
DECISION = "Nghị quyết sắp xếp đơn vị hành chính cấp xã năm 2025"

# Extra old districts of Tỉnh Hòa Sơn (abolished on 1/7/2025): code, name, communes.
EXTRA_DISTRICTS = [
    ("HS-TX", "Thị xã Tây Xuyên", ["Phường Tây Sơn", "Phường Xuân Hòa", "Xã Mỹ Lộc", "Xã An Phú"]),
    ("HS-LS", "Huyện Lạc Sơn", ["Thị trấn Lạc Sơn", "Xã Vĩnh Đồng", "Xã Ngọc Lâu", "Xã Tân Lập"]),
    ("HS-KB", "Huyện Kim Bôi", ["Thị trấn Bo", "Xã Đú Sáng", "Xã Nật Sơn", "Xã Hợp Tiến"]),
    (
        "HS-YT",
        "Huyện Yên Thủy",
        ["Thị trấn Hàng Trạm", "Xã Lạc Thịnh", "Xã Phú Lai", "Xã Đoàn Kết"],
    ),
    ("HS-TL", "Huyện Tân Lạc", ["Thị trấn Mãn Đức", "Xã Phong Phú", "Xã Quyết Chiến", "Xã Mỹ Hòa"]),
    (
        "HS-CP",
        "Huyện Cao Phong",
        ["Thị trấn Cao Phong", "Xã Thu Phong", "Xã Bắc Phong", "Xã Tân Phong"],
    ),
]
EXTRA_AGENCIES = [
    ("SNV", "Sở Nội vụ tỉnh Hòa Sơn", "Sở Nội vụ", Agency.OTHER, "UBND"),
    ("STNMT", "Sở Nông nghiệp và Môi trường tỉnh Hòa Sơn", "Sở NN&MT", Agency.OTHER, "UBND"),
    ("SXD", "Sở Xây dựng tỉnh Hòa Sơn", "Sở Xây dựng", Agency.OTHER, "UBND"),
    ("STC", "Sở Tài chính tỉnh Hòa Sơn", "Sở Tài chính", Agency.OTHER, "UBND"),
    ("SYT", "Sở Y tế tỉnh Hòa Sơn", "Sở Y tế", Agency.OTHER, "UBND"),
    ("SGDDT", "Sở Giáo dục và Đào tạo tỉnh Hòa Sơn", "Sở GD&ĐT", Agency.OTHER, "UBND"),
]
SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
]
MIDDLE = ["Văn", "Thị", "Minh", "Quang", "Thanh", "Hữu", "Đức", "Ngọc", "Thu", "Hồng"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Khánh", "Lan"]
GIVEN += ["Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phương", "Quân", "Sơn", "Tâm", "Thảo"]
GIVEN += ["Thắng", "Trang", "Trung", "Tuấn", "Vân", "Việt", "Yến"]


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _unit(code, name, level, parent=None, valid_from=None, valid_to=None) -> AreaUnit:
    unit, _ = AreaUnit.objects.update_or_create(
        code=code,
        defaults=dict(
            name=name, level=level, parent=parent, valid_from=valid_from, valid_to=valid_to
        ),
    )
    return unit


def generate_org(*, rng: random.Random, officers_per_agency: int = 2) -> dict:
    """The demo organisation plus extra districts, communes, agencies and officers."""
    ctx = demo.load()
    province = ctx["province"]
    units_old, units_new = [], []
    for dcode, dname, communes in EXTRA_DISTRICTS:
        district = _unit(dcode, dname, AreaUnit.DISTRICT, province, valid_to=REFORM)
        olds = [
            _unit(f"{dcode}-{i}", cname, AreaUnit.COMMUNE, district, valid_to=REFORM)
            for i, cname in enumerate(communes, 1)
        ]
        units_old += olds
        # Two new communes per old district, each from two old ones (named after the first).
        for j in range(0, len(olds), 2):
            base = communes[j].split(" ", 2)[-1] if communes[j].startswith("Thị trấn") else None
            new_name = f"Xã {base or communes[j].split(' ', 1)[1]}"
            new = _unit(f"{dcode}-N{j // 2 + 1}", new_name, AreaUnit.COMMUNE, province, REFORM)
            units_new.append(new)
            for old in olds[j : j + 2]:
                AreaSuccession.objects.update_or_create(
                    predecessor=old,
                    successor=new,
                    defaults=dict(
                        kind=AreaSuccession.MERGE,
                        effective_date=REFORM,
                        decision=DECISION,
                        is_primary=True,
                    ),
                )
        for code_t, name_t, kind, parent_t in demo.DISTRICT_AGENCIES:
            code = code_t.format(d=dcode)
            Agency.objects.update_or_create(
                code=code,
                defaults=dict(
                    name=name_t.format(n=dname[0].lower() + dname[1:]),
                    short_name="",
                    kind=kind,
                    area=district,
                    parent=Agency.objects.get(code=parent_t.format(d=dcode)),
                    valid_to=REFORM,
                ),
            )
    for code, name, short, kind, parent in EXTRA_AGENCIES:
        Agency.objects.update_or_create(
            code=code,
            defaults=dict(
                name=name,
                short_name=short,
                kind=kind,
                area=province,
                parent=Agency.objects.get(code=parent),
            ),
        )
    # Old communes and new communes of the demo districts count too.
    units_old += list(
        AreaUnit.objects.filter(level=AreaUnit.COMMUNE, valid_to=REFORM).exclude(
            pk__in=[u.pk for u in units_old]
        )
    )
    units_new += list(
        AreaUnit.objects.filter(level=AreaUnit.COMMUNE, valid_from=REFORM).exclude(
            pk__in=[u.pk for u in units_new]
        )
    )
    agencies = {a.code: a for a in Agency.objects.all()}
    password = make_password(settings.DEMO_PASSWORD)
    existing = set(User.objects.values_list("username", flat=True))
    new_users = []
    for code in sorted(agencies):
        for i in range(1, officers_per_agency + 1):
            username = f"cb_{code.lower().replace('-', '_')}_{i}"
            if username in existing:
                continue
            new_users.append(
                User(
                    username=username,
                    password=password,
                    full_name=person_name(rng),
                    title="Chuyên viên",
                    role=User.OFFICER,
                    agency=agencies[code],
                )
            )
    User.objects.bulk_create(new_users, batch_size=500)
    officers: dict[str, list[User]] = {}
    for user in User.objects.filter(role=User.OFFICER).select_related("agency").order_by("pk"):
        officers.setdefault(user.agency.code, []).append(user)
    ctx.update(
        agencies=agencies,
        units_old=sorted(units_old, key=lambda u: u.code),
        units_new=sorted(units_new, key=lambda u: u.code),
        officers=officers,
    )
    return ctx


APPS = ["petitions", "cases", "briefings", "reports"]


def _generator(app: str):
    try:
        module = importlib.import_module(f"noichinh.devdata.generate.{app}")
    except ModuleNotFoundError as exc:
        if exc.name != f"noichinh.devdata.generate.{app}":
            raise
        return None
    return getattr(module, f"generate_{app}", None) or getattr(module, "generate", None)


def generate(
    *,
    petitions: int,
    years: int = 3,
    seed: int = 1,
    batch_size: int = 5000,
    workers: int | None = None,
    progress: bool = True,
    stdout=None,
) -> dict:
    """Generate the province; returns {"org_s", "<app>_s", "skipped": [...]} timings."""
    rng = random.Random(seed)
    timings: dict = {"skipped": []}
    started = time.perf_counter()
    with transaction.atomic():
        ctx = generate_org(rng=rng)
    timings["org_s"] = round(time.perf_counter() - started, 2)
    available = {
        "ctx": ctx,
        "n": petitions,
        "petitions": petitions,
        "years": years,
        "seed": seed,
        "batch_size": batch_size,
        "workers": workers,
        "progress": progress,
        "stdout": stdout,
        "end": dt.date(2026, 10, 31),
    }
    for app in APPS:
        fn = _generator(app)
        if fn is None:
            timings["skipped"].append(app)
            continue
        params = inspect.signature(fn).parameters
        kwargs = {k: v for k, v in available.items() if k in params}
        if "rng" in params:
            kwargs["rng"] = random.Random(f"{seed}:{app}")
        started = time.perf_counter()
        result = fn(**kwargs)
        timings[f"{app}_s"] = round(time.perf_counter() - started, 2)
        if isinstance(result, dict):
            ctx.update(result)
    return timings
