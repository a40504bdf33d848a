"""The escalation rule table (issue 19 §2). No statute sets these points: the shares, the
due-day notice and the repeat interval are the province's own choice, said so in each row's
source. The supervising bodies follow the bodies' functions named in the source (not
verified article by article, marked "chưa đối chiếu")."""

from django.db import migrations

OWN = "Lựa chọn của tỉnh: không có văn bản quy định mốc cảnh báo này."
RULES = [
    # code, name, subject, trigger, share, repeat, recipient, source
    (
        "petition.officer_half",
        "Nhắc cán bộ xử lý khi đã qua 50% thời hạn",
        "petition",
        "share",
        50,
        None,
        "officer",
        OWN,
    ),
    (
        "petition.head_three_quarters",
        "Báo thủ trưởng cơ quan khi đã qua 75% thời hạn",
        "petition",
        "share",
        75,
        None,
        "head",
        OWN,
    ),
    (
        "petition.head_due_day",
        "Báo thủ trưởng cơ quan vào ngày đến hạn",
        "petition",
        "due_day",
        None,
        None,
        "head",
        OWN,
    ),
    (
        "petition.supervisor_overdue",
        "Báo cơ quan giám sát, cấp trên khi quá hạn (nhắc lại mỗi 5 ngày làm việc)",
        "petition",
        "overdue",
        None,
        5,
        "supervisor",
        OWN + " Cơ quan nhận: Thanh tra (giúp Ủy ban nhân dân quản lý công tác giải quyết "
        "khiếu nại, tố cáo, Luật Thanh tra 2022; chưa đối chiếu điều khoản); cơ quan cấp trên "
        "với đơn được chuyển đến.",
    ),
    (
        "petition.forwarder_overdue",
        "Báo cơ quan đã chuyển đơn khi nơi nhận quá hạn (nhắc lại mỗi 5 ngày làm việc)",
        "petition",
        "overdue",
        None,
        5,
        "forwarder",
        OWN + " Đôn đốc đơn đã chuyển chậm xử lý: Thông tư 05/2021/TT-TTCP (chưa đối chiếu "
        "điều khoản).",
    ),
    (
        "task.officer_half",
        "Nhắc cán bộ cơ quan chủ trì khi nhiệm vụ đã qua 50% thời hạn",
        "task",
        "share",
        50,
        None,
        "officer",
        OWN,
    ),
    (
        "task.head_three_quarters",
        "Báo thủ trưởng cơ quan chủ trì khi nhiệm vụ đã qua 75% thời hạn",
        "task",
        "share",
        75,
        None,
        "head",
        OWN,
    ),
    (
        "task.head_due_day",
        "Báo thủ trưởng cơ quan chủ trì vào ngày nhiệm vụ đến hạn",
        "task",
        "due_day",
        None,
        None,
        "head",
        OWN,
    ),
    (
        "task.secretariat_overdue",
        "Báo cơ quan thường trực theo dõi khi nhiệm vụ quá hạn (nhắc lại mỗi 5 ngày làm việc)",
        "task",
        "overdue",
        None,
        5,
        "secretariat",
        OWN,
    ),
    (
        "case_stage.head_three_quarters",
        "Báo thủ trưởng cơ quan thụ lý khi giai đoạn tố tụng đã qua 75% thời hạn",
        "case_stage",
        "share",
        75,
        None,
        "head",
        OWN,
    ),
    (
        "case_stage.head_due_day",
        "Báo thủ trưởng cơ quan thụ lý vào ngày giai đoạn tố tụng đến hạn",
        "case_stage",
        "due_day",
        None,
        None,
        "head",
        OWN,
    ),
    (
        "case_stage.supervisor_overdue",
        "Báo Ban Nội chính khi giai đoạn tố tụng của vụ án được theo dõi quá hạn "
        "(nhắc lại mỗi 5 ngày làm việc)",
        "case_stage",
        "overdue",
        None,
        5,
        "supervisor",
        OWN + " Cơ quan nhận: Ban Nội chính, cơ quan theo dõi, đôn đốc các vụ án thuộc diện "
        "Ban Thường vụ theo dõi (chưa đối chiếu văn bản quy định).",
    ),
]


def seed(apps, schema_editor):
    Rule = apps.get_model("petitions", "EscalationRule")
    for code, name, subject, trigger, share, repeat, recipient, source in RULES:
        Rule.objects.update_or_create(
            code=code,
            defaults=dict(
                name=name,
                subject=subject,
                trigger=trigger,
                share_percent=share,
                repeat_working_days=repeat,
                recipient=recipient,
                source=source,
            ),
        )


def unseed(apps, schema_editor):
    Rule = apps.get_model("petitions", "EscalationRule")
    Rule.objects.filter(code__in=[r[0] for r in RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("petitions", "0016_escalation_and_inbox")]

    operations = [migrations.RunPython(seed, unseed)]
