"""The retention schedule of portal data, as data (see ``portal.models.RetentionRule``).

No period below could be checked against the text of a statute from here: each row is
marked as the province's choice, with the documents to check named in ``legal_source``
(Law on Archives 2024 and the Ministry of Home Affairs' circular on retention periods of
documents, Circular 10/2022/TT-BNV: their numbers and the periods for complaint and
denunciation files are UNVERIFIED). An administrator changes a row in the admin.
"""

from django.db import migrations

TO_CHECK = (
    "Luật Lưu trữ năm 2024; Thông tư 10/2022/TT-BNV về thời hạn lưu trữ tài liệu "
    "(chưa đối chiếu được thời hạn cụ thể, cần kiểm tra)"
)
ROWS = [
    (
        "receipt_code",
        12,
        "delete",
        30,
        "",
        "Mã tra cứu là khóa mở hồ sơ của người gửi; không cần giữ lâu sau khi hồ sơ kết thúc.",
    ),
    ("messages", 180, "archive", 0, TO_CHECK, "15 năm, như hồ sơ giải quyết khiếu nại, tố cáo."),
    ("attachments", 180, "archive", 0, TO_CHECK, "15 năm, như hồ sơ giải quyết khiếu nại, tố cáo."),
    (
        "sealed_identity",
        180,
        "archive",
        0,
        TO_CHECK,
        "Danh tính người tố cáo rời hệ thống cùng hồ sơ; bản lưu trữ vẫn được niêm phong.",
    ),
]


def seed(apps, schema_editor):
    RetentionRule = apps.get_model("portal", "RetentionRule")
    for target, months, action, notice_days, source, note in ROWS:
        RetentionRule.objects.update_or_create(
            target=target,
            defaults=dict(
                months=months,
                action=action,
                notice_days=notice_days,
                legal_source=source,
                is_province_choice=True,
                note=note,
            ),
        )


def unseed(apps, schema_editor):
    apps.get_model("portal", "RetentionRule").objects.filter(
        target__in=[row[0] for row in ROWS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_retention")]
    operations = [migrations.RunPython(seed, unseed)]
