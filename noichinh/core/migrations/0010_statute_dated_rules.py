"""The time-limit rules as the statutes say, dated (issue 16 §2–§4).

Data only (the schema is 0005). Idempotent: ``seed`` writes the whole table as of this
migration, so tests that flush the table re-seed it from here (tests/conftest.py).

What changes against 0003 and why:
- CPC 2015 art. 134 moves the end of a period off a day off only in its sentence on months:
  CPC limits in days no longer move (``shift_to_working_day`` off), limits in months still do;
  a variant counted in another unit than its rule carries its own ``shift``.
- Art. 240(1): especially serious crimes, extension up to 30 days (not 15).
- Art. 147(2): the procuracy head's further extension (``extended_further``).
- Art. 172(3): one more extension for especially serious crimes and for crimes against
  national security (``requires``: the case's flag).
- New rules: resumption of a crime report (art. 149), resumed and supplementary
  investigation (art. 174), trial preparation after a file came back (art. 277(2)), appeal
  period (art. 333), appellate trial preparation (art. 346), the decision to enforce (art. 364).
- Every rule is dated from its statute's entry into force; where that date was not confirmed
  the row applies from 01/01/1990 (the calendar's first day) and its note says so.
"""

import datetime

from django.db import migrations

WD, D, M = "working_days", "days", "months"
FLOOR = datetime.date(1990, 1, 1)  # 0005's default: "since before any register"
CPC = datetime.date(2018, 1, 1)  # BLTTHS 101/2015/QH13 in force (hethongphapluat.com: "Ngày hiệu lực: 01/01/2018")
COMPLAINTS = datetime.date(2012, 7, 1)  # Luật Khiếu nại 02/2011/QH13 "có hiệu lực từ ngày 01/7/2012"
DENUNCIATIONS = datetime.date(2019, 1, 1)  # Luật Tố cáo 25/2018/QH14 "có hiệu lực thi hành từ ngày 01/01/2019"

CIVIL_SHIFT = "Điều 148 khoản 5 Bộ luật Dân sự 2015"
CPC_SHIFT = "Điều 134 BLTTHS 2015"
CPC_134 = (
    "Điều 134 BLTTHS 2015: “Khi tính thời hạn theo ngày thì thời hạn hết vào lúc 24 giờ ngày "
    "cuối cùng của thời hạn”; “Khi tính thời hạn theo tháng thì thời hạn hết vào ngày trùng "
    "của tháng sau; … nếu thời hạn hết vào ngày nghỉ thì ngày làm việc đầu tiên tiếp theo được "
    "tính là ngày cuối cùng của thời hạn.” Nên thời hạn theo ngày không lùi, thời hạn theo "
    "tháng được lùi."
)
LAW_99 = (
    " Luật 99/2025/QH15 sửa đổi BLTTHS từ 01/07/2025 (chủ yếu tổ chức bộ máy tố tụng hai cấp): "
    "chưa đọc được điều sửa đổi của điều này; thời hạn giữ nguyên — cần kiểm tra."
)
LAW_136 = (
    " Luật 136/2025/QH15 (thông qua 10/12/2025, hiệu lực 01/07/2026) sửa Luật Tiếp công dân, "
    "Khiếu nại, Tố cáo; phần văn bản đọc được và bản tin thông qua không nêu thay đổi thời hạn "
    "này — chưa đối chiếu được điều khoản, cần kiểm tra."
)
NS = "national_security"

# code, name, count, unit, variants, source, verify, note, shift, shift_source, valid_from
RULES = [
    ("petition.handle", "Xử lý đơn (phân loại, thụ lý, chuyển, hướng dẫn)", 10, WD, {},
     "Thông tư 05/2021/TT-TTCP", True,
     "Điều khoản cụ thể cần kiểm tra; ngày có hiệu lực của Thông tư chưa đối chiếu nên áp dụng "
     "cho mọi hồ sơ. Luật 136/2025/QH15 giao Chính phủ quy định thủ tục xử lý đơn (bản tin "
     "thông qua ngày 10/12/2025): khi có nghị định, thêm quy tắc mới có ngày áp dụng.",
     True, CIVIL_SHIFT, FLOOR),
    ("complaint.first.accept", "Thụ lý giải quyết khiếu nại lần đầu", 10, D, {},
     "Luật Khiếu nại 2011, Điều 27", True,
     "Đơn vị (ngày hay ngày làm việc) cần kiểm tra: Nghị định 124/2020 có thể quy định ngày làm "
     "việc." + LAW_136, True, CIVIL_SHIFT, COMPLAINTS),
    ("complaint.first.resolve", "Giải quyết khiếu nại lần đầu", 30, D,
     {"complex": {"count": 45}, "remote": {"count": 45}, "remote_complex": {"count": 60}},
     "Luật Khiếu nại 2011, Điều 28", False, LAW_136.strip(), True, CIVIL_SHIFT, COMPLAINTS),
    ("complaint.second.accept", "Thụ lý giải quyết khiếu nại lần hai", 10, D, {},
     "Luật Khiếu nại 2011, Điều 36", False, LAW_136.strip(), True, CIVIL_SHIFT, COMPLAINTS),
    ("complaint.second.resolve", "Giải quyết khiếu nại lần hai", 45, D,
     {"complex": {"count": 60}, "remote": {"count": 60}, "remote_complex": {"count": 70}},
     "Luật Khiếu nại 2011, Điều 37", False, LAW_136.strip(), True, CIVIL_SHIFT, COMPLAINTS),
    ("complaint.lodge", "Thời hiệu khiếu nại", 90, D, {},
     "Luật Khiếu nại 2011, Điều 9", False,
     "Tính từ ngày nhận được hoặc biết được quyết định, hành vi." + LAW_136,
     True, CIVIL_SHIFT, COMPLAINTS),
    ("denunciation.intake", "Tiếp nhận, thụ lý tố cáo", 7, WD, {"multi_site": {"count": 10}},
     "Luật Tố cáo 2018, Điều 24 khoản 1", False,
     "multi_site: xác minh ở nhiều nơi hoặc ủy quyền." + LAW_136, True, CIVIL_SHIFT, DENUNCIATIONS),
    ("denunciation.resolve", "Giải quyết tố cáo", 30, D,
     {"extended_once": {"plus_count": 30}, "extended_twice": {"plus_count": 60}},
     "Luật Tố cáo 2018, Điều 30", False,
     "Vụ việc phức tạp gia hạn một lần 30 ngày; đặc biệt phức tạp hai lần, mỗi lần 30 ngày."
     + LAW_136, True, CIVIL_SHIFT, DENUNCIATIONS),
    # --- criminal procedure -------------------------------------------------------------
    ("crime_report.resolve", "Giải quyết tố giác, tin báo về tội phạm", 20, D,
     {"extended": {"count": 2, "unit": M, "shift": True},
      "extended_further": {"count": 2, "unit": M, "plus_count": 2, "shift": True}},
     "Bộ luật Tố tụng hình sự 2015, Điều 147", False,
     "Điều 147 khoản 1: “Trong thời hạn 20 ngày kể từ ngày nhận được tố giác, tin báo về tội "
     "phạm, kiến nghị khởi tố…”; khoản 2: vụ việc phức tạp hoặc phải xác minh nhiều nơi “có thể "
     "kéo dài nhưng không quá 02 tháng… Viện trưởng Viện kiểm sát cùng cấp hoặc Viện trưởng Viện "
     "kiểm sát có thẩm quyền có thể gia hạn một lần nhưng không quá 02 tháng” (extended_further: "
     "tổng 04 tháng từ ngày nhận). " + CPC_134 + LAW_99, False, CPC_SHIFT, CPC),
    ("crime_report.resumed", "Giải quyết tiếp tố giác, tin báo sau khi phục hồi", 1, M, {},
     "Bộ luật Tố tụng hình sự 2015, Điều 149", False,
     "Điều 149 khoản 1: “Thời hạn giải quyết tố giác, tin báo về tội phạm, kiến nghị khởi tố "
     "tiếp không quá 01 tháng kể từ ngày ra quyết định phục hồi.” Tạm đình chỉ (Điều 148) dừng "
     "thời hạn; khi phục hồi tính thời hạn mới này. " + CPC_134 + LAW_99, True, CPC_SHIFT, CPC),
]

_NS_NOTE = (
    " national: Điều 172 khoản 3 — “Đối với tội xâm phạm an ninh quốc gia thì Viện trưởng "
    "V[iện kiểm sát nhân dân tối cao]…” (chỉ đọc được một phần câu); ghi là gia hạn thêm một "
    "lần không quá 04 tháng sau các lần gia hạn khác — cần kiểm tra."
)
_172 = (
    "Điều 172 khoản 1: “không quá 02 tháng đối với tội phạm ít nghiêm trọng, không quá 03 tháng "
    "đối với tội phạm nghiêm trọng, không quá 04 tháng đối với tội phạm rất nghiêm trọng và tội "
    "phạm đặc biệt nghiêm trọng kể từ khi khởi tố vụ án”; khoản 2: gia hạn ít nghiêm trọng một "
    "lần ≤ 02 tháng; nghiêm trọng hai lần ≤ 03 và ≤ 02 tháng; rất nghiêm trọng hai lần, mỗi lần "
    "≤ 04 tháng; đặc biệt nghiêm trọng ba lần, mỗi lần ≤ 04 tháng."
)
for severity, label, base, steps in [
    ("less_serious", "ít nghiêm trọng", 2, [2]),
    ("serious", "nghiêm trọng", 3, [3, 2]),
    ("very_serious", "rất nghiêm trọng", 4, [4, 4]),
    ("especially_serious", "đặc biệt nghiêm trọng", 4, [4, 4, 4, 4]),
]:
    variants, total = {}, 0
    names = ["extended"] if len(steps) == 1 else [f"extended_{i + 1}" for i in range(len(steps))]
    for name, step in zip(names, steps):
        total += step
        variants[name] = {"plus_count": total}
    variants["extended_ns"] = {"plus_count": total + 4, "requires": NS}
    extra = (
        " extended_4: Điều 172 khoản 3 — “Đối với tội phạm đặc biệt nghiêm trọng mà thời hạn gia "
        "hạn điều tra đã hết nhưng do tính chất rất phức tạp của vụ án mà chưa thể kết thúc việc "
        "điều tra thì Viện trưởng Viện kiểm sát nhân dân tối cao có thể gia hạn thêm một lần không "
        "quá 04 tháng.”" if severity == "especially_serious" else ""
    )
    RULES.append((
        f"investigation.{severity}", f"Điều tra tội phạm {label}", base, M, variants,
        "Bộ luật Tố tụng hình sự 2015, Điều 172", True,
        _172 + extra + _NS_NOTE.replace(" national", " extended_ns") + " " + CPC_134 + LAW_99,
        True, CPC_SHIFT, CPC,
    ))

_174 = (
    "Điều 174 khoản 1: phục hồi điều tra “thời hạn điều tra tiếp không quá 02 tháng đối với tội "
    "phạm ít nghiêm trọng, tội phạm nghiêm trọng và không quá 03 tháng đối với tội phạm rất "
    "nghiêm trọng, tội phạm đặc biệt nghiêm trọng kể từ khi có quyết định phục hồi điều tra”; "
    "gia hạn một lần: ít nghiêm trọng ≤ 01 tháng; nghiêm trọng và rất nghiêm trọng ≤ 02 tháng; "
    "đặc biệt nghiêm trọng ≤ 03 tháng. "
)
for severity, label, base, ext in [
    ("less_serious", "ít nghiêm trọng", 2, 1),
    ("serious", "nghiêm trọng", 2, 2),
    ("very_serious", "rất nghiêm trọng", 3, 2),
    ("especially_serious", "đặc biệt nghiêm trọng", 3, 3),
]:
    RULES.append((
        f"investigation.resumed.{severity}", f"Điều tra tiếp sau khi phục hồi ({label})", base, M,
        {"extended_resumed": {"plus_count": ext}}, "Bộ luật Tố tụng hình sự 2015, Điều 174 khoản 1",
        False, _174 + CPC_134 + LAW_99, True, CPC_SHIFT, CPC,
    ))

_174_2 = (
    "Điều 174 khoản 2: “Trường hợp vụ án do Viện kiểm sát trả lại để yêu cầu điều tra bổ sung "
    "thì thời hạn điều tra bổ sung không quá 02 tháng; nếu do Tòa án trả lại để yêu cầu điều tra "
    "bổ sung thì thời hạn điều tra bổ sung không quá 01 tháng. Viện kiểm sát chỉ được trả lại hồ "
    "sơ để điều tra bổ sung hai lần… Thời hạn điều tra bổ sung tính từ ngày Cơ quan điều tra nhận "
    "lại hồ sơ vụ án.” (Trả hồ sơ: Điều 245 — Viện kiểm sát; Điều 280 — Tòa án.) "
)
RULES += [
    ("supplementary_investigation.procuracy", "Điều tra bổ sung (Viện kiểm sát trả hồ sơ)", 2, M,
     {}, "Bộ luật Tố tụng hình sự 2015, Điều 174 khoản 2; Điều 245", False,
     _174_2 + CPC_134 + LAW_99, True, CPC_SHIFT, CPC),
    ("supplementary_investigation.court", "Điều tra bổ sung (Tòa án trả hồ sơ)", 1, M,
     {}, "Bộ luật Tố tụng hình sự 2015, Điều 174 khoản 2; Điều 280", False,
     _174_2 + CPC_134 + LAW_99, True, CPC_SHIFT, CPC),
]

_240 = (
    "Điều 240 khoản 1: “Trong thời hạn 20 ngày đối với tội phạm ít nghiêm trọng và tội phạm "
    "nghiêm trọng, 30 ngày đối với tội phạm rất nghiêm trọng và tội phạm đặc biệt nghiêm trọng kể "
    "từ ngày nhận hồ sơ vụ án và bản kết luận điều tra… Trường hợp cần thiết, Viện trưởng Viện "
    "kiểm sát có thể gia hạn thời hạn quyết định việc truy tố nhưng không quá 10 ngày đối với tội "
    "phạm ít nghiêm trọng và tội phạm nghiêm trọng, không quá 15 ngày đối với tội phạm rất nghiêm "
    "trọng, không quá 30 ngày đối với tội phạm đặc biệt nghiêm trọng.” "
)
for severity, label, base, ext in [
    ("less_serious", "ít nghiêm trọng", 20, 10),
    ("serious", "nghiêm trọng", 20, 10),
    ("very_serious", "rất nghiêm trọng", 30, 15),
    ("especially_serious", "đặc biệt nghiêm trọng", 30, 30),
]:
    RULES.append((
        f"prosecution.decide.{severity}", f"Quyết định truy tố ({label})", base, D,
        {"extended": {"plus_count": ext}}, "Bộ luật Tố tụng hình sự 2015, Điều 240", False,
        _240 + CPC_134 + LAW_99, False, CPC_SHIFT, CPC,
    ))

_277 = (
    "Điều 277 khoản 1: “Trong thời hạn 30 ngày đối với tội phạm ít nghiêm trọng, 45 ngày đối với "
    "tội phạm nghiêm trọng, 02 tháng đối với tội phạm rất nghiêm trọng, 03 tháng đối với tội phạm "
    "đặc biệt nghiêm trọng kể từ ngày thụ lý vụ án… Đối với vụ án phức tạp, Chánh án Tòa án có "
    "thể quyết định gia hạn thời hạn chuẩn bị xét xử nhưng không quá 15 ngày đối với tội phạm ít "
    "nghiêm trọng và tội phạm nghiêm trọng, không quá 30 ngày đối với tội phạm rất nghiêm trọng "
    "và tội phạm đặc biệt nghiêm trọng.” Gia hạn tính theo ngày nên không lùi. "
)
for severity, label, base, unit, ext in [
    ("less_serious", "ít nghiêm trọng", 30, D, 15),
    ("serious", "nghiêm trọng", 45, D, 15),
    ("very_serious", "rất nghiêm trọng", 2, M, 30),
    ("especially_serious", "đặc biệt nghiêm trọng", 3, M, 30),
]:
    variant = {"plus_count": ext, "shift": False}
    if unit == M:
        variant["plus_unit"] = D
    RULES.append((
        f"trial_prep.{severity}", f"Chuẩn bị xét xử sơ thẩm ({label})", base, unit,
        {"extended": variant}, "Bộ luật Tố tụng hình sự 2015, Điều 277", False,
        _277 + CPC_134 + LAW_99, unit == M, CPC_SHIFT, CPC,
    ))

RULES += [
    ("trial_prep.after_supplement", "Đưa vụ án ra xét xử sau khi nhận lại hồ sơ điều tra bổ sung",
     15, D, {}, "Bộ luật Tố tụng hình sự 2015, Điều 277 khoản 2", False,
     "Điều 277: “Đối với vụ án được trả lại để yêu cầu điều tra bổ sung thì trong thời hạn 15 "
     "ngày kể từ ngày nhận lại hồ sơ, Thẩm phán chủ tọa phiên tòa phải ra quyết định đưa vụ án ra "
     "xét xử.” (baodongkhoi.vn, 09/09/2018, dẫn Điều 277; số khoản cần kiểm tra.) "
     + CPC_134 + LAW_99, False, CPC_SHIFT, CPC),
    ("appeal.lodge", "Thời hạn kháng cáo bản án sơ thẩm", 15, D, {},
     "Bộ luật Tố tụng hình sự 2015, Điều 333 khoản 1", False,
     "Điều 333 khoản 1: thời hạn kháng cáo đối với bản án sơ thẩm là 15 ngày kể từ ngày tuyên án; "
     "bị cáo, đương sự vắng mặt thì tính từ ngày nhận được bản án hoặc ngày bản án được niêm yết. "
     "Chưa gắn vào hồ sơ vụ án (sổ chưa ghi ngày tuyên án). " + CPC_134 + LAW_99,
     False, CPC_SHIFT, CPC),
    ("appeal.trial_prep", "Chuẩn bị xét xử phúc thẩm", 60, D, {},
     "Bộ luật Tố tụng hình sự 2015, Điều 346", True,
     "Thời hạn mở phiên tòa phúc thẩm tính từ ngày nhận được hồ sơ vụ án: 60 ngày (Tòa án cấp "
     "tỉnh); 90 ngày ở Tòa án cấp cao/Tòa án nhân dân tối cao (chưa có quy tắc riêng). Chỉ "
     "đọc được lời văn Điều 242 BLTTHS 2003 (60/90 ngày); lời văn Điều 346 BLTTHS 2015 và tên tòa "
     "sau Luật 99/2025/QH15 cần kiểm tra. " + CPC_134, False, CPC_SHIFT, CPC),
    ("enforcement.decide", "Ra quyết định thi hành án hình sự", 7, D, {},
     "Bộ luật Tố tụng hình sự 2015, Điều 364 khoản 1", False,
     "Điều 364 khoản 1: thời hạn ra quyết định thi hành án là 07 ngày kể từ ngày bản án, quyết "
     "định sơ thẩm có hiệu lực pháp luật hoặc kể từ ngày nhận được bản án, quyết định phúc thẩm, "
     "giám đốc thẩm, tái thẩm (cpdanluat.thuvienphapluat.vn). " + CPC_134 + LAW_99,
     False, CPC_SHIFT, CPC),
]


# CPC art. 174(2): "Viện kiểm sát chỉ được trả lại hồ sơ để điều tra bổ sung hai lần. Thẩm phán
# chủ tọa phiên tòa chỉ được trả hồ sơ để điều tra bổ sung một lần và Hội đồng xét xử chỉ được
# trả hồ sơ để điều tra bổ sung một lần" (the court: twice in all).
MAX_USES = {
    "supplementary_investigation.procuracy": 2,
    "supplementary_investigation.court": 2,
}


def seed(apps, schema_editor=None):
    Rule = apps.get_model("core", "TimeLimitRule")
    for code, name, count, unit, variants, source, verify, note, shift, basis, since in RULES:
        # 0005 dated every existing row 01/01/1990: date it from its statute.
        if since != FLOOR:
            Rule.objects.filter(code=code, valid_from=FLOOR).update(valid_from=since)
        Rule.objects.update_or_create(
            code=code,
            valid_from=since,
            defaults=dict(name=name, count=count, unit=unit, variants=variants, source=source,
                          needs_verification=verify, note=note, shift_to_working_day=shift,
                          shift_source=basis, valid_until=None,
                          max_uses=MAX_USES.get(code)),
        )


def unseed(apps, schema_editor):
    """Back to 0003's table (every rule moves; one row per code, dated 01/01/1990)."""
    import importlib

    old = importlib.import_module("noichinh.core.migrations.0003_seed_time_limit_rules")
    Rule = apps.get_model("core", "TimeLimitRule")
    Rule.objects.all().delete()
    for code, name, count, unit, variants, source, verify, note in old.RULES:
        Rule.objects.create(code=code, name=name, count=count, unit=unit, variants=variants,
                            source=source, needs_verification=verify, note=note,
                            shift_to_working_day=True, valid_from=FLOOR)


class Migration(migrations.Migration):
    dependencies = [("core", "0009_dated_time_limit_rules")]
    operations = [migrations.RunPython(seed, unseed)]
