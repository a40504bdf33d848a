import datetime
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from noichinh.core import calendar as cal

RULES_FLOOR = datetime.date(1990, 1, 1)


class TimeLimitRule(models.Model):
    """A legal time limit, as data (legal.md §2). Code is what the registers refer to.

    Rules are dated: a record uses the row of its code in force on its start date
    (``valid_from`` ≤ start ≤ ``valid_until``). A change of law closes the old row
    (``valid_until``) and adds a new one; rows are never rewritten for a new law.
    """

    class Unit(models.TextChoices):
        WORKING_DAYS = cal.WORKING_DAYS, _("ngày làm việc")
        DAYS = cal.DAYS, _("ngày")
        MONTHS = cal.MONTHS, _("tháng")

    UNIT_CHOICES = Unit.choices
    code = models.CharField(_("mã"), max_length=80, db_index=True)
    name = models.CharField(_("tên"), max_length=255)
    count = models.PositiveIntegerField(_("số lượng"))
    unit = models.CharField(_("đơn vị tính"), max_length=20, choices=UNIT_CHOICES)
    shift_to_working_day = models.BooleanField(
        _("lùi sang ngày làm việc kế tiếp khi ngày cuối là ngày nghỉ"), default=True
    )
    variants = models.JSONField(_("biến thể"), default=dict, blank=True)
    source = models.CharField(_("căn cứ pháp lý"), max_length=255)
    note = models.TextField(_("ghi chú"), blank=True)
    needs_verification = models.BooleanField(_("căn cứ cần kiểm tra"), default=False)
    shift_source = models.CharField(
        _("căn cứ tính ngày cuối rơi vào ngày nghỉ"), max_length=255, blank=True
    )
    # How many times a record may go through this period (e.g. the procuracy may send a file
    # back for supplementary investigation twice, CPC art. 174(2)); empty: no limit.
    max_uses = models.PositiveIntegerField(_("số lần tối đa"), null=True, blank=True)
    # 01/01/1990, the calendar's first day, stands for "every record" (no start recorded).
    valid_from = models.DateField(
        _("áp dụng từ ngày"),
        default=RULES_FLOOR,
        help_text=_("Hồ sơ bắt đầu từ ngày này trở đi dùng quy tắc này."),
    )
    valid_until = models.DateField(
        _("áp dụng đến hết ngày"),
        null=True,
        blank=True,
        help_text=_("Để trống khi quy tắc còn hiệu lực."),
    )

    class Meta:
        ordering = ["code", "valid_from"]
        verbose_name = _("quy tắc thời hạn")
        verbose_name_plural = _("quy tắc thời hạn")
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="core_rule_code_from"),
        ]

    def __str__(self):
        return f"{self.name} ({self.count} {self.get_unit_display()})"

    def in_force_on(self, day) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    def clean(self):
        if not isinstance(self.variants, dict):
            raise ValidationError({"variants": _("Biến thể phải là một đối tượng JSON.")})
        for name, spec in self.variants.items():
            if not isinstance(spec, dict) or not ({"count", "plus_count"} & set(spec)):
                raise ValidationError(
                    {"variants": _("Biến thể %(name)s cần count hoặc plus_count.") % {"name": name}}
                )
            if "shift" in spec and not isinstance(spec["shift"], bool):
                raise ValidationError(
                    {
                        "variants": _("Biến thể %(name)s: shift phải là true hoặc false.")
                        % {"name": name}
                    }
                )
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("Ngày hết áp dụng không được trước ngày bắt đầu áp dụng.")}
            )
        if self.code and self.valid_from:
            others = TimeLimitRule.objects.filter(code=self.code).exclude(pk=self.pk)
            for other in others:
                ends_before = self.valid_until is not None and self.valid_until < other.valid_from
                starts_after = other.valid_until is not None and self.valid_from > other.valid_until
                if not (ends_before or starts_after):
                    raise ValidationError(
                        {
                            "valid_from": _(
                                "Khoảng áp dụng trùng với quy tắc cùng mã áp dụng từ %(day)s; "
                                "hãy cho quy tắc cũ hết áp dụng trước."
                            )
                            % {"day": other.valid_from.strftime("%d/%m/%Y")}
                        }
                    )

    def spec(self) -> cal.RuleSpec:
        return cal.RuleSpec(
            code=self.code,
            count=self.count,
            unit=self.unit,
            source=self.source,
            shift_to_working_day=self.shift_to_working_day,
            variants=self.variants or {},
            shift_source=self.shift_source,
        )


class CalendarException(models.Model):
    """An administrator's exception to the package calendar: an extra day off or working day."""

    date = models.DateField(_("ngày"), unique=True)
    is_day_off = models.BooleanField(_("ngày nghỉ"), default=True)
    reason = models.CharField(_("lý do"), max_length=255)

    class Meta:
        ordering = ["date"]
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("ngày nghỉ, ngày làm bù")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.reason}"


class CalendarYear(models.Model):
    """The working calendar of one year for public servants, official once its notice is in.

    A year without a row uses the ``holidays`` package's guess and is provisional.
    """

    class Status(models.TextChoices):
        OFFICIAL = cal.OFFICIAL, _("chính thức")
        PROVISIONAL = cal.PROVISIONAL, _("tạm tính")

    OFFICIAL, PROVISIONAL = Status.OFFICIAL, Status.PROVISIONAL
    STATUS_CHOICES = Status.choices
    year = models.PositiveIntegerField(_("năm"), unique=True)
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=STATUS_CHOICES, default=PROVISIONAL
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("lịch năm")
        verbose_name_plural = _("lịch năm")

    def __str__(self):
        return f"{self.year} ({self.get_status_display()})"


class CalendarNotice(models.Model):
    """A document that fixes days off or swapped working days of a year (the Prime Minister's
    decision as sent by the Government Office, or the ministry's notice)."""

    calendar_year = models.ForeignKey(
        CalendarYear, on_delete=models.CASCADE, related_name="notices", verbose_name=_("năm")
    )
    key = models.CharField(max_length=40, blank=True)
    number = models.CharField(_("số văn bản"), max_length=80, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255)
    summary = models.TextField(_("nội dung"), blank=True)
    found_in = models.CharField(_("nguồn tra cứu"), max_length=500, blank=True)

    class Meta:
        ordering = ["calendar_year", "issued_on", "id"]
        verbose_name = _("văn bản về lịch nghỉ")
        verbose_name_plural = _("văn bản về lịch nghỉ")

    def __str__(self):
        return self.label()

    def label(self) -> str:
        return cal.notice_label(
            {
                "number": self.number,
                "date": self.issued_on.isoformat() if self.issued_on else None,
                "issuer": self.issuer,
            }
        )


class CalendarDay(models.Model):
    """A day of a year's schedule that differs from a plain Monday–Friday week."""

    calendar_year = models.ForeignKey(
        CalendarYear, on_delete=models.CASCADE, related_name="days", verbose_name=_("năm")
    )
    date = models.DateField(_("ngày"), unique=True)
    is_day_off = models.BooleanField(_("ngày nghỉ"), default=True)
    reason = models.CharField(_("lý do"), max_length=255)
    notice = models.ForeignKey(
        CalendarNotice,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="days",
        verbose_name=_("văn bản"),
    )
    source = models.CharField(_("căn cứ"), max_length=255, blank=True)
    provisional = models.BooleanField(_("tạm tính"), default=False)

    class Meta:
        ordering = ["date"]
        verbose_name = _("ngày trong lịch năm")
        verbose_name_plural = _("ngày trong lịch năm")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.reason}"

    def source_label(self) -> str:
        return self.notice.label() if self.notice is not None else self.source


class AppendOnlyError(Exception):
    pass


class AuditEntry(models.Model):
    """Append-only history of every change to a domain record and every identity reveal.

    Entries are numbered without gaps (``seq``) and each is signed with HMAC-SHA256 under a
    key from the environment (``key_id`` names which of AUDIT_KEY's keys), over its content
    and the signature of the entry before it (``prev_hash``). Checkpoints of the head kept
    outside the database anchor the chain; `manage.py verify_audit` checks all of it
    (core/audit.py).
    """

    seq = models.PositiveBigIntegerField(_("số thứ tự"), unique=True)
    at = models.DateTimeField(_("thời điểm"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(_("người dùng"), max_length=150, blank=True)
    action = models.CharField(_("thao tác"), max_length=40, db_index=True)
    model = models.CharField(_("loại hồ sơ"), max_length=80, db_index=True)
    object_id = models.CharField(_("hồ sơ"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("mô tả"), max_length=255, blank=True)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    key_id = models.CharField(max_length=16, blank=True)
    # HMAC-SHA256 (hex) of the previous entry and of this one.
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("nhật ký")
        verbose_name_plural = _("nhật ký thay đổi")
        indexes = [models.Index(fields=["model", "object_id", "id"])]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries cannot be deleted.")

    def payload(self) -> bytes:
        """The signed bytes: every column but the signature itself."""
        data = {
            "seq": self.seq,
            "key_id": self.key_id,
            "at": self.at.isoformat(),
            "actor": self.actor_id,
            "actor_name": self.actor_name,
            "action": self.action,
            "model": self.model,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "changes": self.changes,
            "reason": self.reason,
            "prev": self.prev_hash,
        }
        return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()


class JobState(models.Model):
    """The state of one periodic job of ``core.jobs.JOBS`` (one row per job name).

    A run claims the row by one conditional UPDATE (due and not held by a live run), so two
    schedulers started at once run a job once; a run that died leaves its lease, which
    expires after the job's ``lease``."""

    class Status(models.TextChoices):
        OK = "ok", _("thành công")
        FAILED = "failed", _("lỗi")
        RUNNING = "running", _("đang chạy")

    OK, FAILED, RUNNING = Status.OK, Status.FAILED, Status.RUNNING
    STATUSES = Status.choices
    name = models.CharField(_("tên"), max_length=80, unique=True)
    status = models.CharField(_("kết quả"), max_length=10, choices=STATUSES, blank=True)
    started_at = models.DateTimeField(_("bắt đầu lần chạy gần nhất"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc lần chạy gần nhất"), null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    token = models.CharField(max_length=32, blank=True, editable=False)
    result = models.TextField(_("kết quả lần chạy gần nhất"), blank=True)
    error = models.TextField(_("lỗi lần chạy gần nhất"), blank=True)
    failed_at = models.DateTimeField(_("lần lỗi gần nhất"), null=True, blank=True)
    runs = models.PositiveIntegerField(_("số lần chạy"), default=0)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tác vụ định kỳ")
        verbose_name_plural = _("tác vụ định kỳ")

    def __str__(self):
        return self.name

    @property
    def error_line(self) -> str:
        """The last line of the traceback (the exception), for the home page."""
        lines = [line for line in self.error.strip().splitlines() if line.strip()]
        return lines[-1][:300] if lines else ""


class SignedPdfQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Văn bản đã ký không được sửa.")

    def delete(self):
        raise AppendOnlyError("Văn bản đã ký không được xóa.")


class SignedPdf(models.Model):
    """A digitally signed copy (PAdES) of a PDF the system issued: a report version, a
    conclusion notice, a petition notice. Stored beside the issued file, which stays as it
    was (the signed file begins with its bytes: a signature is an incremental update).
    Append-only; signing again adds another."""

    class Kind(models.TextChoices):
        REPORT_VERSION = "report_version", _("bản báo cáo đã ban hành")
        CONCLUSION_NOTICE = "conclusion_notice", _("thông báo kết luận")
        PETITION_NOTICE = "petition_notice", _("văn bản về đơn")

    REPORT_VERSION = Kind.REPORT_VERSION
    CONCLUSION_NOTICE = Kind.CONCLUSION_NOTICE
    PETITION_NOTICE = Kind.PETITION_NOTICE
    KINDS = Kind.choices

    kind = models.CharField(_("loại văn bản"), max_length=30, choices=KINDS)
    object_id = models.CharField(_("văn bản"), max_length=64)
    variant = models.CharField(_("mẫu"), max_length=40, blank=True)
    source_sha256 = models.CharField(_("SHA-256 tệp gốc"), max_length=64)
    pdf = models.BinaryField(_("tệp PDF đã ký"))
    sha256 = models.CharField(_("SHA-256 tệp đã ký"), max_length=64)
    signer_name = models.CharField(_("người ký"), max_length=255)
    certificate_subject = models.CharField(_("chứng thư số"), max_length=500)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField(_("thời điểm ký"))

    objects = SignedPdfQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "object_id", "signed_at", "id"]
        verbose_name = _("văn bản ký số")
        verbose_name_plural = _("văn bản ký số")
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.object_id} · {self.signer_name}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Văn bản đã ký không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Văn bản đã ký không được xóa.")
