"""Word lists the extractor matches against: provinces, units, titles, blocs.

underthesea's NER tags "UBND tỉnh" and "Thường trực Tỉnh ủy" as places and misses
many person names, so places, titles and agencies come from these lists; the
tagger is only used to confirm a person's name (see ``extract._person_name``).

Provinces are the 63 units in force until the 2025 merger (the 34 merged units keep
names from this list, so old and new articles both resolve).
"""

from __future__ import annotations

import re
import unicodedata

PROVINCES: dict[str, tuple[str, ...]] = {
    # canonical name: aliases as they are written in articles
    "Hà Nội": ("Hà Nội",),
    "Hải Phòng": ("Hải Phòng",),
    "Đà Nẵng": ("Đà Nẵng",),
    "Cần Thơ": ("Cần Thơ",),
    "Thành phố Hồ Chí Minh": (
        "Thành phố Hồ Chí Minh",
        "TP. Hồ Chí Minh",
        "TP Hồ Chí Minh",
        "TP.HCM",
        "TPHCM",
    ),
    "An Giang": ("An Giang",),
    "Bà Rịa - Vũng Tàu": ("Bà Rịa - Vũng Tàu", "Bà Rịa – Vũng Tàu", "Bà Rịa-Vũng Tàu"),
    "Bắc Giang": ("Bắc Giang",),
    "Bắc Kạn": ("Bắc Kạn", "Bắc Cạn"),
    "Bạc Liêu": ("Bạc Liêu",),
    "Bắc Ninh": ("Bắc Ninh",),
    "Bến Tre": ("Bến Tre",),
    "Bình Định": ("Bình Định",),
    "Bình Dương": ("Bình Dương",),
    "Bình Phước": ("Bình Phước",),
    "Bình Thuận": ("Bình Thuận",),
    "Cà Mau": ("Cà Mau",),
    "Cao Bằng": ("Cao Bằng",),
    "Đắk Lắk": ("Đắk Lắk", "Đắc Lắc", "Đăk Lăk"),
    "Đắk Nông": ("Đắk Nông", "Đăk Nông"),
    "Điện Biên": ("Điện Biên",),
    "Đồng Nai": ("Đồng Nai",),
    "Đồng Tháp": ("Đồng Tháp",),
    "Gia Lai": ("Gia Lai",),
    "Hà Giang": ("Hà Giang",),
    "Hà Nam": ("Hà Nam",),
    "Hà Tĩnh": ("Hà Tĩnh",),
    "Hải Dương": ("Hải Dương",),
    "Hậu Giang": ("Hậu Giang",),
    "Hòa Bình": ("Hòa Bình", "Hoà Bình"),
    "Hưng Yên": ("Hưng Yên",),
    "Khánh Hòa": ("Khánh Hòa", "Khánh Hoà"),
    "Kiên Giang": ("Kiên Giang",),
    "Kon Tum": ("Kon Tum",),
    "Lai Châu": ("Lai Châu",),
    "Lâm Đồng": ("Lâm Đồng",),
    "Lạng Sơn": ("Lạng Sơn",),
    "Lào Cai": ("Lào Cai",),
    "Long An": ("Long An",),
    "Nam Định": ("Nam Định",),
    "Nghệ An": ("Nghệ An",),
    "Ninh Bình": ("Ninh Bình",),
    "Ninh Thuận": ("Ninh Thuận",),
    "Phú Thọ": ("Phú Thọ",),
    "Phú Yên": ("Phú Yên",),
    "Quảng Bình": ("Quảng Bình",),
    "Quảng Nam": ("Quảng Nam",),
    "Quảng Ngãi": ("Quảng Ngãi",),
    "Quảng Ninh": ("Quảng Ninh",),
    "Quảng Trị": ("Quảng Trị",),
    "Sóc Trăng": ("Sóc Trăng",),
    "Sơn La": ("Sơn La",),
    "Tây Ninh": ("Tây Ninh",),
    "Thái Bình": ("Thái Bình",),
    "Thái Nguyên": ("Thái Nguyên",),
    "Thanh Hóa": ("Thanh Hóa", "Thanh Hoá"),
    "Thừa Thiên Huế": ("Thừa Thiên Huế", "Thừa Thiên - Huế", "Thừa Thiên – Huế"),
    "Tiền Giang": ("Tiền Giang",),
    "Trà Vinh": ("Trà Vinh",),
    "Tuyên Quang": ("Tuyên Quang",),
    "Vĩnh Long": ("Vĩnh Long",),
    "Vĩnh Phúc": ("Vĩnh Phúc",),
    "Yên Bái": ("Yên Bái",),
}

# Common Vietnamese family names (including those frequent in the northern mountain
# provinces); a person's name is 2-4 capitalised syllables starting with one of them.
SURNAMES = frozenset(
    """Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Lương
    Trịnh Đào Mai Tạ Lâm Hà Triệu Chu Cao Vi Nông Lò Lục Hứa Sầm Quan Ma Hầu Giàng Sùng
    Thào Vàng Lù Tô Thái Kiều Khổng Phùng Tăng Vương Quách Lại La Đoàn Trương Từ Mạc
    Nghiêm Tống Âu Lưu Thân Đàm Bế Doãn Chẩu Ninh Mông Diệp Khúc Kim Văn Lã Lữ Ông Tôn
    Giáp Nhữ Phí Thạch Danh Sơn Y Hoàng Bạch Cù Đồng Hán Hàn Khương Lèo Lường Mùa Nùng
    Phí Quàng Rơ Ksor Siu Rmah H' Bàn Triệu Lộc Đới Chế Cầm Vì Tòng Mè Hờ Cứ Thò""".split()
)

# Words that begin an official title ("Phó Bí thư Thường trực Tỉnh ủy", "Trưởng Ban ...").
TITLE_HEADS = (
    "Phó",
    "Bí thư",
    "Bí Thư",
    "Chủ tịch",
    "Trưởng",
    "Ủy viên",
    "Uỷ viên",
    "Giám đốc",
    "Bộ trưởng",
    "Thứ trưởng",
    "Tổng",
    "Chánh",
    "Viện trưởng",
    "Thường trực",
    "Chủ nhiệm",
    "Đại biểu",
    "Thiếu tướng",
    "Trung tướng",
    "Đại tá",
    "Thượng tá",
    "Đại tướng",
    "Chỉ huy trưởng",
    "Tư lệnh",
    "Chính ủy",
    "Thủ trưởng",
    "Cục trưởng",
    "Vụ trưởng",
    "Thành viên",
    "Người phát ngôn",
)

# Verbs that end a "name, title, title" run.
SPEECH_VERBS = (
    "chủ trì",
    "đồng chủ trì",
    "phát biểu",
    "trao",
    "nhấn mạnh",
    "đề nghị",
    "yêu cầu",
    "kết luận",
    "dự",
    "tham dự",
    "cho biết",
    "chỉ đạo",
    "ghi nhận",
    "khẳng định",
    "giao",
    "biểu dương",
    "đánh giá",
    "lưu ý",
    "tặng",
    "đã",
    "điều hành",
)

# Units of a count or amount. Longest first when matched. The first element is the
# canonical unit written in the draft; the rest are spellings that map to it.
UNITS: tuple[tuple[str, ...], ...] = (
    ("lượt đoàn", "lượt đoàn"),
    ("lượt", "lượt người", "lượt công dân", "lượt"),
    ("vụ án", "vụ án"),
    ("vụ việc", "vụ việc"),
    ("vụ", "vụ"),
    ("bị can", "bị can"),
    ("bị cáo", "bị cáo"),
    ("đối tượng", "đối tượng", "đối tuợng"),
    ("tập thể", "tập thể"),
    ("cá nhân", "cá nhân"),
    ("đơn", "đơn thư", "đơn", "lá đơn"),
    ("người", "người"),
    ("trường hợp", "trường hợp"),
    ("cơ sở", "cơ sở"),
    ("đoàn", "đoàn"),
    ("cuộc", "cuộc"),
    ("đồng", "đồng", "VNĐ", "VND"),
    ("USD", "USD", "đô la Mỹ"),
    ("%", "%", "phần trăm"),
    ("kg", "kg", "ki-lô-gam", "kilôgam", "kilogam"),
    ("gam", "gam", "gram"),
    ("tấn", "tấn"),
    ("bánh", "bánh"),
    ("viên", "viên"),
    ("khẩu", "khẩu"),
    ("ha", "ha", "héc-ta", "hécta"),
    ("m2", "m2", "m²"),
    ("km", "km"),
    ("phương tiện", "phương tiện"),
    ("hộ", "hộ gia đình", "hộ"),
    ("doanh nghiệp", "doanh nghiệp"),
    ("tổ chức", "tổ chức"),
    ("đảng viên", "đảng viên"),
    ("cán bộ", "cán bộ"),
    ("cơ quan", "cơ quan"),
    ("đơn vị", "đơn vị"),
    ("văn bản", "văn bản"),
    ("buổi", "buổi"),
    ("lớp", "lớp"),
    ("hội nghị", "hội nghị"),
    ("tin báo", "tin báo", "nguồn tin"),
    ("tin bài", "tin bài", "tin, bài", "tin"),
    ("điểm", "điểm", "tụ điểm"),
    ("xã", "xã"),
    ("lần", "lần"),
    ("hồ sơ", "hồ sơ"),
    ("nhà", "căn nhà", "ngôi nhà", "nhà"),
    ("quyết định", "quyết định"),
    ("kiến nghị", "kiến nghị"),
    ("tài khoản", "tài khoản"),
    ("con nghiện", "người nghiện", "con nghiện"),
    # Civil judgment enforcement counts in "việc" (and in money).
    ("việc", "việc"),
    # Award forms counted as such ("gần 180 Kỷ niệm chương").
    ("bằng khen", "bằng khen"),
    ("giấy khen", "giấy khen"),
    ("kỷ niệm chương", "kỷ niệm chương"),
    ("huy hiệu", "huy hiệu"),
    ("cờ thi đua", "cờ thi đua"),
)

# Spelling (lower case) -> canonical unit, longest spelling first.
UNIT_SPELLINGS: list[tuple[str, str]] = sorted(
    ((spelling.lower(), entry[0]) for entry in UNITS for spelling in entry[1:]),
    key=lambda pair: -len(pair[0]),
)

# Units that may be glued to the number ("1,4kg", "13,2%").
GLUED_UNITS = ("%", "kg", "km", "ha", "m2", "m²", "gam", "tấn", "đồng")

# Units that are also very common ordinary words; a number before them is still
# a count, but never a number written in words ("hai cơ quan").
WORD_NUMBERS = {
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
}

# Words after a number that are never its counted noun when the unit is read openly
# (``extract.indicators._open_unit``): function words, and nouns that count parts of a plan or a
# text rather than things a report measures ("3 tiêu chí", "sáp nhập 3 tỉnh").
OPEN_UNIT_STOP = frozenset(
    w.strip()
    for w in """và, với, của, trong, là, có, được, đã, đang, sẽ, các, những, này, đó, về, tại,
    từ, đến, cho, theo, trên, dưới, khi, thì, mà, như, hay, hoặc, nên, vì, do, bị, so, còn,
    gồm, nhưng, rồi, cùng, đều, lại, ra, vào, lên, xuống, nữa, thêm, nay, qua, sau, trước,
    đầu, cuối, giữa, mới, cũ, khác, tiêu chí, nội dung, lĩnh vực, nhóm, giải pháp, mục tiêu,
    chỉ tiêu, cấp, mặt, bước, khâu, phần, chương, khoản, tỉnh, thành phố, kỳ, khóa, khoá,
    nhiệm kỳ, tuổi, lần thứ, năm, tháng, ngày, giờ, quý, tuần, phút, giây, h""".split(",")
)

# Time words after a number: not a unit, never a warning ("9 tháng", "6 tháng đầu năm").
TIME_WORDS = ("tháng", "năm", "ngày", "giờ", "quý", "tuần", "phút", "giây", "h")

BLOCS = (
    # code, pattern matched after "khối" (case-insensitive), name
    ("noi_chinh", r"nội\s+chính", "Nội chính"),
    ("dan_van", r"dân\s+vận", "Dân vận"),
    ("dang", r"(?:các\s+cơ\s+quan\s+)?đảng", "Đảng"),
    ("doan_the", r"đoàn\s+thể", "Đoàn thể"),
)
BLOC_ORDER = tuple(code for code, _, _ in BLOCS)

STEERING_COMMITTEES = (
    # code, regex (case-insensitive) over the text after "Ban Chỉ đạo"/"BCĐ"
    ("bcd_138", r"138|phòng,?\s+chống\s+tội\s+phạm"),
    ("bcd_389", r"389|chống\s+buôn\s+lậu"),
    ("bcd_ccpt", r"(?:về\s+)?cải\s+cách\s+tư\s+pháp"),
    ("bcd_pctn", r"(?:về\s+)?phòng,?\s+chống\s+tham\s+nhũng"),
    ("bcd_35", r"35|bảo\s+vệ\s+nền\s+tảng\s+tư\s+tưởng"),
)


def fold(text: str) -> str:
    """Accent-insensitive, lower-case form that keeps the length of ``text``.

    Every character maps to exactly one character, so positions in the folded text
    are positions in ``text``.
    """
    out = []
    for ch in text:
        if ch in "đĐ":
            out.append("d")
            continue
        base = unicodedata.normalize("NFD", ch)[:1] or ch
        if unicodedata.combining(base):
            base = ch
        out.append(base.lower()[:1] or base)
    return "".join(out)


def province_regex() -> re.Pattern[str]:
    alternatives = sorted(
        {alias for aliases in PROVINCES.values() for alias in aliases}, key=len, reverse=True
    )
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(a) for a in alternatives) + r")(?![\w])")


ALIAS_TO_PROVINCE = {alias: name for name, aliases in PROVINCES.items() for alias in aliases}
