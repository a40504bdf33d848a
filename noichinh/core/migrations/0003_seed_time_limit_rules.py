"""Seed the time-limit rules from ../shared/domain/legal.md §2."""

from django.db import migrations

WD, D, M = "working_days", "days", "months"
CPC_SHIFT = "Lùi sang ngày làm việc kế tiếp khi ngày cuối là ngày nghỉ: Điều 134 BLTTHS 2015 — cần kiểm tra."

RULES = [
    ("petition.handle", "Xử lý đơn (phân loại, thụ lý, chuyển, hướng dẫn)", 10, WD, {},
     "Thông tư 05/2021/TT-TTCP", True, "Điều khoản cụ thể cần kiểm tra."),
    ("complaint.first.accept", "Thụ lý giải quyết khiếu nại lần đầu", 10, D, {},
     "Luật Khiếu nại 2011, Điều 27", True, "Đơn vị (ngày hay ngày làm việc) cần kiểm tra: Nghị định 124/2020 có thể quy định ngày làm việc."),
    ("complaint.first.resolve", "Giải quyết khiếu nại lần đầu", 30, D,
     {"complex": {"count": 45}, "remote": {"count": 45}, "remote_complex": {"count": 60}},
     "Luật Khiếu nại 2011, Điều 28", False, ""),
    ("complaint.second.accept", "Thụ lý giải quyết khiếu nại lần hai", 10, D, {},
     "Luật Khiếu nại 2011, Điều 36", False, ""),
    ("complaint.second.resolve", "Giải quyết khiếu nại lần hai", 45, D,
     {"complex": {"count": 60}, "remote": {"count": 60}, "remote_complex": {"count": 70}},
     "Luật Khiếu nại 2011, Điều 37", False, ""),
    ("complaint.lodge", "Thời hiệu khiếu nại", 90, D, {},
     "Luật Khiếu nại 2011, Điều 9", False, "Tính từ ngày nhận được hoặc biết được quyết định, hành vi."),
    ("denunciation.intake", "Tiếp nhận, thụ lý tố cáo", 7, WD, {"multi_site": {"count": 10}},
     "Luật Tố cáo 2018, Điều 24 khoản 1", False, "multi_site: xác minh ở nhiều nơi hoặc ủy quyền."),
    ("denunciation.resolve", "Giải quyết tố cáo", 30, D,
     {"extended_once": {"plus_count": 30}, "extended_twice": {"plus_count": 60}},
     "Luật Tố cáo 2018, Điều 30", False, "Vụ việc phức tạp gia hạn một lần 30 ngày; đặc biệt phức tạp hai lần, mỗi lần 30 ngày."),
    ("crime_report.resolve", "Giải quyết tố giác, tin báo về tội phạm", 20, D,
     {"extended": {"count": 2, "unit": M}},
     "Bộ luật Tố tụng hình sự 2015, Điều 147", True, CPC_SHIFT),
    ("investigation.less_serious", "Điều tra tội phạm ít nghiêm trọng", 2, M,
     {"extended": {"plus_count": 2}},
     "Bộ luật Tố tụng hình sự 2015, Điều 172", True, CPC_SHIFT),
    ("investigation.serious", "Điều tra tội phạm nghiêm trọng", 3, M,
     {"extended_1": {"plus_count": 3}, "extended_2": {"plus_count": 5}},
     "Bộ luật Tố tụng hình sự 2015, Điều 172", True, CPC_SHIFT),
    ("investigation.very_serious", "Điều tra tội phạm rất nghiêm trọng", 4, M,
     {"extended_1": {"plus_count": 4}, "extended_2": {"plus_count": 8}},
     "Bộ luật Tố tụng hình sự 2015, Điều 172", True, CPC_SHIFT),
    ("investigation.especially_serious", "Điều tra tội phạm đặc biệt nghiêm trọng", 4, M,
     {"extended_1": {"plus_count": 4}, "extended_2": {"plus_count": 8}, "extended_3": {"plus_count": 12}},
     "Bộ luật Tố tụng hình sự 2015, Điều 172", True, CPC_SHIFT),
    ("prosecution.decide.less_serious", "Quyết định truy tố (ít nghiêm trọng)", 20, D,
     {"extended": {"plus_count": 10}}, "Bộ luật Tố tụng hình sự 2015, Điều 240", True, "Cần kiểm tra. " + CPC_SHIFT),
    ("prosecution.decide.serious", "Quyết định truy tố (nghiêm trọng)", 20, D,
     {"extended": {"plus_count": 10}}, "Bộ luật Tố tụng hình sự 2015, Điều 240", True, "Cần kiểm tra. " + CPC_SHIFT),
    ("prosecution.decide.very_serious", "Quyết định truy tố (rất nghiêm trọng)", 30, D,
     {"extended": {"plus_count": 15}}, "Bộ luật Tố tụng hình sự 2015, Điều 240", True, "Cần kiểm tra. " + CPC_SHIFT),
    ("prosecution.decide.especially_serious", "Quyết định truy tố (đặc biệt nghiêm trọng)", 30, D,
     {"extended": {"plus_count": 15}}, "Bộ luật Tố tụng hình sự 2015, Điều 240", True, "Cần kiểm tra. " + CPC_SHIFT),
    ("trial_prep.less_serious", "Chuẩn bị xét xử sơ thẩm (ít nghiêm trọng)", 30, D,
     {"extended": {"plus_count": 15}}, "Bộ luật Tố tụng hình sự 2015, Điều 277", True, CPC_SHIFT),
    ("trial_prep.serious", "Chuẩn bị xét xử sơ thẩm (nghiêm trọng)", 45, D,
     {"extended": {"plus_count": 15}}, "Bộ luật Tố tụng hình sự 2015, Điều 277", True, CPC_SHIFT),
    ("trial_prep.very_serious", "Chuẩn bị xét xử sơ thẩm (rất nghiêm trọng)", 2, M,
     {"extended": {"plus_count": 30, "plus_unit": D}}, "Bộ luật Tố tụng hình sự 2015, Điều 277", True, CPC_SHIFT),
    ("trial_prep.especially_serious", "Chuẩn bị xét xử sơ thẩm (đặc biệt nghiêm trọng)", 3, M,
     {"extended": {"plus_count": 30, "plus_unit": D}}, "Bộ luật Tố tụng hình sự 2015, Điều 277", True, CPC_SHIFT),
]


def seed(apps, schema_editor):
    Rule = apps.get_model("core", "TimeLimitRule")
    for code, name, count, unit, variants, source, verify, note in RULES:
        Rule.objects.update_or_create(
            code=code,
            defaults=dict(name=name, count=count, unit=unit, variants=variants, source=source,
                          needs_verification=verify, note=note, shift_to_working_day=True),
        )


def unseed(apps, schema_editor):
    apps.get_model("core", "TimeLimitRule").objects.filter(code__in=[r[0] for r in RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0002_initial")]
    operations = [migrations.RunPython(seed, unseed)]
