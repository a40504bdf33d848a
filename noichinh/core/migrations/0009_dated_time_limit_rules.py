"""Time-limit rules become dated: code is unique with its start of application.

Existing rows get 01/01/1990 (the calendar's earliest day) as their start; the next data
migration dates them from their statute.
"""

import datetime

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("core", "0008_rate_limit_cache_table")]

    operations = [
        migrations.AlterField(
            model_name="timelimitrule",
            name="code",
            field=models.CharField(db_index=True, max_length=80, verbose_name="mã"),
        ),
        migrations.AddField(
            model_name="timelimitrule",
            name="valid_from",
            field=models.DateField(
                default=datetime.date(1990, 1, 1),
                help_text="Hồ sơ bắt đầu từ ngày này trở đi dùng quy tắc này.",
                verbose_name="áp dụng từ ngày",
            ),
        ),
        migrations.AddField(
            model_name="timelimitrule",
            name="valid_until",
            field=models.DateField(
                blank=True,
                help_text="Để trống khi quy tắc còn hiệu lực.",
                null=True,
                verbose_name="áp dụng đến hết ngày",
            ),
        ),
        migrations.AddField(
            model_name="timelimitrule",
            name="shift_source",
            field=models.CharField(
                blank=True, max_length=255, verbose_name="căn cứ tính ngày cuối rơi vào ngày nghỉ"
            ),
        ),
        migrations.AddField(
            model_name="timelimitrule",
            name="max_uses",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="số lần tối đa"),
        ),
        migrations.AlterModelOptions(
            name="timelimitrule",
            options={
                "ordering": ["code", "valid_from"],
                "verbose_name": "quy tắc thời hạn",
                "verbose_name_plural": "quy tắc thời hạn",
            },
        ),
        migrations.AddConstraint(
            model_name="timelimitrule",
            constraint=models.UniqueConstraint(
                fields=("code", "valid_from"), name="core_rule_code_from"
            ),
        ),
    ]
