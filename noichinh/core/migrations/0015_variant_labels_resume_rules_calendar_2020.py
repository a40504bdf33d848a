"""Issue 16 remainders (data only).

- Every rule variant gets its Vietnamese name (``label``): pages show it, never the code.
- Resumption of a suspended case at the indictment stage (CPC 2015 art. 250) and at the trial
  stage (art. 283): a new period counted from the resumption decision. The texts found
  (luatminhkhue.vn on art. 250, conganquangbinh.gov.vn on art. 283) describe the resumption
  itself but were not read word for word on the period: the rows reuse the limits of art. 240
  and art. 277 counted from the resumption decision and are marked to verify.
- The procuracy's protest period against a first-instance judgment (art. 337), 15 days and
  30 days for the procuracy directly above, from the pronouncement (marked to verify).
- The official schedule of 2020: Tết Canh Tý by notice 4544/TB-LĐTBXH of 25/10/2019 of the
  Ministry of Labour, Invalids and Social Affairs (hongthuong.thuathienhue.gov.vn 28/10/2019;
  tinbong247news.net): the year becomes official. Its days are unchanged (23–29/01/2020), so
  no due date moves. 2026's Tết notice number and 2/9/2026 were not found: left as they were.
"""

import datetime as dt

from django.db import migrations

LABELS = {
    "complex": "Vụ việc phức tạp",
    "remote": "Vùng sâu, vùng xa, đi lại khó khăn",
    "remote_complex": "Vùng sâu, vùng xa và phức tạp",
    "multi_site": "Xác minh nhiều nơi hoặc ủy quyền",
    "extended_once": "Gia hạn một lần (phức tạp)",
    "extended_twice": "Gia hạn hai lần (đặc biệt phức tạp)",
    "extended": "Gia hạn",
    "extended_further": "Gia hạn thêm (Viện trưởng Viện kiểm sát)",
    "extended_1": "Gia hạn lần 1",
    "extended_2": "Gia hạn lần 2",
    "extended_3": "Gia hạn lần 3",
    "extended_4": "Gia hạn thêm (Viện trưởng Viện kiểm sát nhân dân tối cao)",
    "extended_ns": "Gia hạn thêm (tội xâm phạm an ninh quốc gia)",
    "extended_resumed": "Gia hạn sau khi phục hồi",
}

CPC = dt.date(2018, 1, 1)
M, D = "months", "days"
CPC_SHIFT = "Điều 134 BLTTHS 2015"
_VERIFY = (
    " Lời văn về thời hạn sau khi phục hồi chưa đọc được nguyên văn: dùng thời hạn của {base} "
    "tính lại từ ngày quyết định phục hồi — cần kiểm tra."
)
SEVERITIES = [
    ("less_serious", "ít nghiêm trọng"),
    ("serious", "nghiêm trọng"),
    ("very_serious", "rất nghiêm trọng"),
    ("especially_serious", "đặc biệt nghiêm trọng"),
]
RESUMED = [
    # (code prefix, name, base code prefix, source, note)
    (
        "prosecution.resumed",
        "Quyết định truy tố sau khi phục hồi vụ án",
        "prosecution.decide",
        "Bộ luật Tố tụng hình sự 2015, Điều 250; Điều 240",
        "Điều 250: Viện kiểm sát phục hồi vụ án đã tạm đình chỉ khi có lý do hủy bỏ quyết định "
        "tạm đình chỉ, nếu chưa hết thời hiệu truy cứu trách nhiệm hình sự (luatminhkhue.vn)."
        + _VERIFY.format(base="Điều 240"),
    ),
    (
        "trial_prep.resumed",
        "Chuẩn bị xét xử sau khi phục hồi vụ án",
        "trial_prep",
        "Bộ luật Tố tụng hình sự 2015, Điều 283; Điều 277",
        "Điều 283: Tòa án phục hồi vụ án đã tạm đình chỉ khi có lý do hủy bỏ quyết định tạm "
        "đình chỉ, nếu chưa hết thời hiệu truy cứu trách nhiệm hình sự (conganquangbinh.gov.vn)."
        + _VERIFY.format(base="Điều 277"),
    ),
]

TET_2020 = {
    "number": "4544/TB-LĐTBXH",
    "issued_on": dt.date(2019, 10, 25),
    "issuer": "Bộ Lao động - Thương binh và Xã hội",
    "found_in": "hongthuong.thuathienhue.gov.vn 28/10/2019; tinbong247news.net",
}
TET_2020_NOTE = (
    "Lịch nghỉ Tết Canh Tý theo Thông báo 4544/TB-LĐTBXH ngày 25/10/2019 của Bộ Lao động - "
    "Thương binh và Xã hội (thực hiện ý kiến của Thủ tướng Chính phủ)."
)


PROTEST = dict(
    name="Thời hạn kháng nghị bản án sơ thẩm",
    count=15,
    unit=D,
    variants={"higher": {"count": 30, "label": "Viện kiểm sát cấp trên trực tiếp"}},
    source="Bộ luật Tố tụng hình sự 2015, Điều 337 khoản 1",
    needs_verification=True,
    note=(
        "Thời hạn kháng nghị của Viện kiểm sát cùng cấp đối với bản án sơ thẩm là 15 ngày, của "
        "Viện kiểm sát cấp trên trực tiếp là 30 ngày, kể từ ngày tuyên án (theo legal.md và đề "
        "bài; chưa đọc được nguyên văn Điều 337 — cần kiểm tra). Bản án sơ thẩm không bị kháng "
        "cáo, kháng nghị có hiệu lực khi hết các thời hạn này (Điều 343, cần kiểm tra). Thời hạn "
        "theo ngày của BLTTHS không lùi khi ngày cuối là ngày nghỉ (Điều 134)."
    ),
    shift_to_working_day=False,
    shift_source=CPC_SHIFT,
    valid_until=None,
)


def forwards(apps, schema_editor):
    Rule = apps.get_model("core", "TimeLimitRule")
    Rule.objects.update_or_create(code="appeal.protest", valid_from=CPC, defaults=PROTEST)
    for rule in Rule.objects.all():
        variants = dict(rule.variants or {})
        changed = False
        for name, spec in variants.items():
            if isinstance(spec, dict) and name in LABELS and not spec.get("label"):
                variants[name] = {**spec, "label": LABELS[name]}
                changed = True
        if changed:
            rule.variants = variants
            rule.save(update_fields=["variants"])
    for prefix, name, base, source, note in RESUMED:
        for severity, label in SEVERITIES:
            row = (
                Rule.objects.filter(code=f"{base}.{severity}", valid_from=CPC).first()
                or Rule.objects.filter(code=f"{base}.{severity}").order_by("-valid_from").first()
            )
            if row is None:
                continue
            Rule.objects.update_or_create(
                code=f"{prefix}.{severity}",
                valid_from=row.valid_from,
                defaults=dict(
                    name=f"{name} ({label})",
                    count=row.count,
                    unit=row.unit,
                    variants=row.variants,
                    source=source,
                    needs_verification=True,
                    note=note + " " + (row.note or ""),
                    shift_to_working_day=row.shift_to_working_day,
                    shift_source=row.shift_source or CPC_SHIFT,
                    valid_until=row.valid_until,
                ),
            )
    Year = apps.get_model("core", "CalendarYear")
    Notice = apps.get_model("core", "CalendarNotice")
    year = Year.objects.filter(year=2020).first()
    if year is not None:
        notice = Notice.objects.filter(calendar_year=year, key="tet2020").first()
        if notice is not None and not notice.number:
            for field, value in TET_2020.items():
                setattr(notice, field, value)
            notice.save()
        year.status = "official"
        year.note = TET_2020_NOTE
        year.save(update_fields=["status", "note"])


def backwards(apps, schema_editor):
    Rule = apps.get_model("core", "TimeLimitRule")
    Rule.objects.filter(code="appeal.protest").delete()
    for prefix, *_rest in RESUMED:
        Rule.objects.filter(code__startswith=prefix + ".").delete()
    for rule in Rule.objects.all():
        variants = {
            k: {kk: vv for kk, vv in v.items() if kk != "label"} if isinstance(v, dict) else v
            for k, v in (rule.variants or {}).items()
        }
        if variants != rule.variants:
            rule.variants = variants
            rule.save(update_fields=["variants"])


class Migration(migrations.Migration):
    dependencies = [("core", "0014_signed_pdf")]
    operations = [migrations.RunPython(forwards, backwards)]
