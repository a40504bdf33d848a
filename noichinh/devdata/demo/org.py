"""The demo province: a fictional province whose structure mirrors the seed articles.

Idempotent: every object is keyed by its code or user name, so a second run changes nothing.
"""

import datetime as dt

from django.conf import settings

from noichinh.org.models import (
    Agency,
    AreaSuccession,
    AreaUnit,
    Bloc,
    BlocMembership,
    ProvinceSettings,
    User,
)

REFORM = dt.date(2025, 7, 1)

PROVINCE = ("HS", "Tỉnh Hòa Sơn")
MERGED_PROVINCE = ("LB", "Tỉnh Lâm Bắc")
# Old districts (abolished on 1/7/2025) and their communes; the new communes they became.
DISTRICTS = {
    "HS-TP": ("Thành phố Hòa Sơn", ["Phường Trung Tâm", "Phường Đồng Quang", "Xã Quyết Thắng"]),
    "HS-PB": ("Huyện Phú Bình", ["Thị trấn Hương Sơn", "Xã Kha Sơn", "Xã Tân Hòa"]),
    "HS-DT": ("Huyện Đại Lâm", ["Thị trấn Hùng Sơn", "Xã Tiên Hội", "Xã Bản Ngoại"]),
}
NEW_COMMUNES = {
    "HS-P-HS": ("Phường Hòa Sơn", ["HS-TP-1", "HS-TP-2"]),
    "HS-X-QT": ("Xã Quyết Thắng", ["HS-TP-3"]),
    "HS-X-PB": ("Xã Phú Bình", ["HS-PB-1", "HS-PB-2", "HS-PB-3"]),
    "HS-X-DL": ("Xã Đại Lâm", ["HS-DT-1", "HS-DT-2", "HS-DT-3"]),
}

P = Agency
AGENCIES = [
    # code, name, short name, kind, parent code
    ("TU", "Tỉnh ủy Hòa Sơn", "Tỉnh ủy", P.PARTY_COMMITTEE, None),
    ("BTV", "Ban Thường vụ Tỉnh ủy", "Ban Thường vụ", P.STANDING_COMMITTEE, "TU"),
    ("BNC", "Ban Nội chính Tỉnh ủy", "Ban Nội chính", P.INTERNAL_AFFAIRS, "TU"),
    ("BDV", "Ban Dân vận Tỉnh ủy", "Ban Dân vận", P.MASS_MOBILISATION, "TU"),
    ("BTC", "Ban Tổ chức Tỉnh ủy", "Ban Tổ chức", P.OTHER, "TU"),
    ("UBKT", "Ủy ban Kiểm tra Tỉnh ủy", "UBKT Tỉnh ủy", P.OTHER, "TU"),
    ("BTG", "Ban Tuyên giáo Tỉnh ủy", "Ban Tuyên giáo", P.OTHER, "TU"),
    ("UBND", "Ủy ban nhân dân tỉnh Hòa Sơn", "UBND tỉnh", P.PEOPLES_COMMITTEE, None),
    ("CA", "Công an tỉnh Hòa Sơn", "Công an tỉnh", P.POLICE, None),
    ("VKS", "Viện Kiểm sát nhân dân tỉnh Hòa Sơn", "VKSND tỉnh", P.PROCURACY, None),
    ("TAND", "Tòa án nhân dân tỉnh Hòa Sơn", "TAND tỉnh", P.COURT, None),
    ("TTT", "Thanh tra tỉnh Hòa Sơn", "Thanh tra tỉnh", P.INSPECTORATE, "UBND"),
    ("BTCD", "Ban Tiếp công dân tỉnh Hòa Sơn", "Ban Tiếp công dân", P.RECEPTION_BOARD, "UBND"),
    ("THADS", "Cục Thi hành án dân sự tỉnh Hòa Sơn", "Cục THADS", P.JUDGMENT_ENFORCEMENT, None),
    ("STP", "Sở Tư pháp tỉnh Hòa Sơn", "Sở Tư pháp", P.JUSTICE, "UBND"),
    ("BCHQS", "Bộ Chỉ huy Quân sự tỉnh Hòa Sơn", "Bộ CHQS tỉnh", P.MILITARY, None),
    (
        "MTTQ",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hòa Sơn",
        "Ủy ban MTTQ tỉnh",
        P.FATHERLAND_FRONT,
        None,
    ),
    ("HND", "Hội Nông dân tỉnh", "Hội Nông dân", P.MASS_ORGANISATION, None),
    ("HLHPN", "Hội Liên hiệp Phụ nữ tỉnh", "Hội LHPN", P.MASS_ORGANISATION, None),
    ("TDTN", "Tỉnh đoàn Hòa Sơn", "Tỉnh đoàn", P.MASS_ORGANISATION, None),
    ("LDLD", "Liên đoàn Lao động tỉnh", "LĐLĐ tỉnh", P.MASS_ORGANISATION, None),
    ("HCCB", "Hội Cựu chiến binh tỉnh", "Hội CCB", P.MASS_ORGANISATION, None),
]
DISTRICT_AGENCIES = [
    ("CA-{d}", "Công an {n}", P.POLICE, "CA"),
    ("UBND-{d}", "Ủy ban nhân dân {n}", P.PEOPLES_COMMITTEE, "UBND"),
    ("TT-{d}", "Thanh tra {n}", P.INSPECTORATE, "UBND-{d}"),
]
BLOCS = [
    (
        "NOI_CHINH",
        "Khối Nội chính",
        Bloc.BLOC,
        "BNC",
        ["BNC", "CA", "VKS", "TAND", "TTT", "BTCD", "THADS", "STP", "BCHQS"],
    ),
    (
        "DAN_VAN",
        "Khối Dân vận",
        Bloc.BLOC,
        "BDV",
        ["BDV", "MTTQ", "HND", "HLHPN", "TDTN", "LDLD", "HCCB"],
    ),
    ("DANG", "Khối Đảng", Bloc.BLOC, "BTC", ["BTC", "UBKT", "BTG", "BDV", "BNC"]),
    (
        "DOAN_THE",
        "Khối Đoàn thể",
        Bloc.BLOC,
        "MTTQ",
        ["MTTQ", "HND", "HLHPN", "TDTN", "LDLD", "HCCB"],
    ),
    (
        "BCD138",
        "Ban Chỉ đạo 138 tỉnh",
        Bloc.STEERING,
        "CA",
        ["CA", "VKS", "TAND", "BCHQS", "MTTQ", "TDTN", "HLHPN", "STP", "UBND"],
    ),
    (
        "BCD_CCTP",
        "Ban Chỉ đạo cải cách tư pháp tỉnh",
        Bloc.STEERING,
        "BNC",
        ["BNC", "CA", "VKS", "TAND", "THADS", "STP"],
    ),
    (
        "BCD_PCTN",
        "Ban Chỉ đạo phòng, chống tham nhũng, tiêu cực tỉnh",
        Bloc.STEERING,
        "BNC",
        ["BNC", "UBKT", "CA", "VKS", "TAND", "TTT"],
    ),
]
USERS = [
    # user name, full name, title, role, agency, bloc
    ("admin", "Quản trị hệ thống", "Quản trị viên", User.ADMIN, "BNC", None),
    (
        "thuky",
        "Nguyễn Thị Thu",
        "Chuyên viên Ban Nội chính (thư ký khối)",
        User.SECRETARIAT,
        "BNC",
        "NOI_CHINH",
    ),
    ("canbo", "Trần Văn Bình", "Thanh tra viên", User.OFFICER, "TTT", None),
    ("truongdonvi", "Lê Quang Hải", "Giám đốc Công an tỉnh", User.HEAD, "CA", None),
    ("lanhdao", "Phạm Minh Đức", "Phó Bí thư Thường trực Tỉnh ủy", User.LEADERSHIP, "TU", None),
    # Further demo accounts the stories use.
    ("canbo_ca", "Hoàng Văn Nam", "Cán bộ Công an tỉnh", User.OFFICER, "CA", None),
    ("truong_tt", "Đỗ Thị Lan", "Chánh Thanh tra tỉnh", User.HEAD, "TTT", None),
    ("canbo_tcd", "Vũ Thị Hoa", "Chuyên viên Ban Tiếp công dân", User.OFFICER, "BTCD", None),
    ("canbo_vks", "Ngô Văn Tùng", "Kiểm sát viên", User.OFFICER, "VKS", None),
    ("canbo_dv", "Bùi Thị Mai", "Chuyên viên Ban Dân vận", User.OFFICER, "BDV", None),
]
DEMO_LOGINS = [u[0] for u in USERS[:5]]


def _unit(code, name, level, parent=None, valid_from=None, valid_to=None):
    unit, _ = AreaUnit.objects.update_or_create(
        code=code,
        defaults=dict(
            name=name, level=level, parent=parent, valid_from=valid_from, valid_to=valid_to
        ),
    )
    return unit


def _succession(pred, succ, kind, decision):
    AreaSuccession.objects.update_or_create(
        predecessor=pred,
        successor=succ,
        defaults=dict(kind=kind, effective_date=REFORM, decision=decision, is_primary=True),
    )


def load_areas() -> AreaUnit:
    decision = "Nghị quyết 202/2025/QH15 và các nghị quyết sắp xếp đơn vị hành chính cấp xã"
    province = _unit(*PROVINCE, AreaUnit.PROVINCE)
    merged = _unit(*MERGED_PROVINCE, AreaUnit.PROVINCE, valid_to=REFORM)
    _succession(merged, province, AreaSuccession.MERGE, decision)
    old = {}
    for dcode, (dname, communes) in DISTRICTS.items():
        district = _unit(dcode, dname, AreaUnit.DISTRICT, province, valid_to=REFORM)
        for i, cname in enumerate(communes, 1):
            old[f"{dcode}-{i}"] = _unit(
                f"{dcode}-{i}", cname, AreaUnit.COMMUNE, district, valid_to=REFORM
            )
    lb_district = _unit("LB-TP", "Thành phố Lâm Bắc", AreaUnit.DISTRICT, merged, valid_to=REFORM)
    old["LB-TP-1"] = _unit(
        "LB-TP-1", "Phường Bắc Sơn", AreaUnit.COMMUNE, lb_district, valid_to=REFORM
    )
    for ncode, (nname, preds) in NEW_COMMUNES.items():
        new = _unit(ncode, nname, AreaUnit.COMMUNE, province, valid_from=REFORM)
        for pcode in preds:
            _succession(old[pcode], new, AreaSuccession.MERGE, decision)
    new_lb = _unit("HS-P-LB", "Phường Lâm Bắc", AreaUnit.COMMUNE, province, valid_from=REFORM)
    _succession(old["LB-TP-1"], new_lb, AreaSuccession.MERGE, decision)
    return province


def load_agencies(province: AreaUnit) -> dict[str, Agency]:
    agencies: dict[str, Agency] = {}
    for code, name, short, kind, parent in AGENCIES:
        agencies[code], _ = Agency.objects.update_or_create(
            code=code,
            defaults=dict(
                name=name,
                short_name=short,
                kind=kind,
                area=province,
                parent=agencies.get(parent) if parent else None,
            ),
        )
    for dcode, (dname, _communes) in DISTRICTS.items():
        district = AreaUnit.objects.get(code=dcode)
        for code_t, name_t, kind, parent_t in DISTRICT_AGENCIES:
            code = code_t.format(d=dcode)
            agencies[code], _ = Agency.objects.update_or_create(
                code=code,
                defaults=dict(
                    name=name_t.format(n=dname[0].lower() + dname[1:]),
                    short_name="",
                    kind=kind,
                    area=district,
                    parent=agencies[parent_t.format(d=dcode)],
                    valid_to=REFORM,
                ),
            )
    return agencies


def load_blocs(agencies: dict[str, Agency]) -> dict[str, Bloc]:
    blocs = {}
    for code, name, kind, standing, members in BLOCS:
        bloc, _ = Bloc.objects.update_or_create(code=code, defaults=dict(name=name, kind=kind))
        blocs[code] = bloc
        for member in members:
            BlocMembership.objects.update_or_create(
                bloc=bloc,
                agency=agencies[member],
                defaults=dict(
                    is_standing_body=(member == standing), valid_from=dt.date(2015, 1, 1)
                ),
            )
    return blocs


def load_users(agencies, blocs) -> dict[str, User]:
    users = {}
    for username, full_name, title, role, agency, bloc in USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults=dict(
                full_name=full_name,
                title=title,
                role=role,
                agency=agencies.get(agency),
                bloc=blocs.get(bloc) if bloc else None,
                is_staff=role == User.ADMIN,
                is_superuser=role == User.ADMIN,
            ),
        )
        if created:
            user.set_password(settings.DEMO_PASSWORD)
            user.save()
        users[username] = user
    return users


PROFILE = dict(
    name="Tỉnh Hòa Sơn",
    place_name="Hòa Sơn",
    party_committee_line="TỈNH ỦY HÒA SƠN",
    header_lines="",
    portal_title="Cổng tiếp nhận đơn trực tuyến tỉnh Hòa Sơn",
    signer_title="",
    signer_name="",
    contact_lines="Ban Tiếp công dân tỉnh Hòa Sơn (tỉnh giả định để trình diễn)",
)


def load_profile(province: AreaUnit) -> ProvinceSettings:
    """The demo province's names on pages and documents (the code has none of its own)."""
    profile = ProvinceSettings.objects.order_by("pk").first() or ProvinceSettings()
    for key, value in PROFILE.items():
        setattr(profile, key, value)
    profile.province = province
    profile.save()
    return profile


def load() -> dict:
    province = load_areas()
    load_profile(province)
    agencies = load_agencies(province)
    blocs = load_blocs(agencies)
    users = load_users(agencies, blocs)
    return {"province": province, "agencies": agencies, "blocs": blocs, "users": users}
