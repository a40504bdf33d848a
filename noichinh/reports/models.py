"""Periodic reports: report types with their cut-off rule, periods, the indicator catalogue,
agency submissions and their values, reminders and issued report documents.

Law is data: the cut-off dates of a period come from its report type's rule (legal.md §6,
Decree 09/2019/NĐ-CP art. 12 for Government reports, calendar periods for Party bodies).
"""

import calendar as _calendar
import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from noichinh.core.models import AppendOnlyError
from noichinh.core.text import fold
from noichinh.org.models import Agency, Bloc

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


class ReportType(models.Model):
    """A kind of periodic report and its cut-off rule.

    The nominal period (e.g. July–September) is shifted by the rule: the first day is
    ``start_day`` of the month ``months_before`` months before the first nominal month, the
    last day is ``end_day`` of the last nominal month (empty = its last day). Decree 09/2019:
    15th of the month before to the 14th of the last month; calendar: 1st to the last day.
    For 6 months, 9 months and the year the count starts in the year's first quarter.
    """

    code = models.CharField("mã", max_length=40, unique=True)
    name = models.CharField("tên loại báo cáo", max_length=255)
    start_day = models.PositiveSmallIntegerField("ngày bắt đầu chốt số liệu", default=1)
    months_before = models.PositiveSmallIntegerField("số tháng lùi khi bắt đầu", default=0)
    end_day = models.PositiveSmallIntegerField(
        "ngày kết thúc chốt số liệu", null=True, blank=True, help_text="Để trống: ngày cuối tháng."
    )
    legal_source = models.CharField("căn cứ", max_length=255, blank=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "loại báo cáo"
        verbose_name_plural = "loại báo cáo"

    def __str__(self):
        return self.name

    def cutoff(self, first_month: tuple[int, int], last_month: tuple[int, int]):
        sy, sm = _add_months(*first_month, -self.months_before)
        start = dt.date(sy, sm, min(self.start_day, _calendar.monthrange(sy, sm)[1]))
        ey, em = last_month
        last = _calendar.monthrange(ey, em)[1]
        end = dt.date(ey, em, min(self.end_day or last, last))
        return start, end


class PeriodKind(models.TextChoices):
    QUARTER = "Q", "Quý"
    HALF = "H1", "6 tháng"
    NINE = "9M", "9 tháng"
    YEAR = "Y", "Năm"


class PeriodStatus(models.TextChoices):
    PLANNED = "planned", "Chưa mở"
    OPEN = "open", "Đang nhận báo cáo"
    CLOSED = "closed", "Đã khóa sổ"


class Period(models.Model):
    QUARTER, HALF, NINE, YEAR = (
        PeriodKind.QUARTER,
        PeriodKind.HALF,
        PeriodKind.NINE,
        PeriodKind.YEAR,
    )
    KINDS = PeriodKind.choices
    PLANNED, OPEN, CLOSED = PeriodStatus.PLANNED, PeriodStatus.OPEN, PeriodStatus.CLOSED
    STATUSES = PeriodStatus.choices

    report_type = models.ForeignKey(
        ReportType, on_delete=models.PROTECT, related_name="periods", verbose_name="loại báo cáo"
    )
    kind = models.CharField("loại kỳ", max_length=2, choices=KINDS)
    year = models.PositiveSmallIntegerField("năm")
    number = models.PositiveSmallIntegerField("quý", null=True, blank=True)
    start = models.DateField("từ ngày", editable=False)
    end = models.DateField("đến ngày", editable=False)
    due = models.DateField("hạn gửi báo cáo", null=True, blank=True)
    status = models.CharField("trạng thái", max_length=10, choices=STATUSES, default=PLANNED)
    blocs = models.ManyToManyField(Bloc, related_name="report_periods", verbose_name="khối")
    last_reason = models.CharField("lý do mở lại", max_length=500, blank=True)
    title_folded = models.CharField(max_length=120, editable=False, db_index=True, default="")

    class Meta:
        ordering = ["-year", "-end", "kind"]
        verbose_name = "kỳ báo cáo"
        verbose_name_plural = "kỳ báo cáo"
        constraints = [
            models.UniqueConstraint(
                fields=["report_type", "kind", "year", "number"], name="unique_report_period"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.compute_dates()
        self.title_folded = fold(f"{self.title} {self.year}")
        super().save(*args, **kwargs)

    @property
    def title(self) -> str:
        if self.kind == self.QUARTER:
            return f"Quý {ROMAN.get(self.number, self.number)}/{self.year}"
        if self.kind == self.HALF:
            return f"6 tháng đầu năm {self.year}"
        if self.kind == self.NINE:
            return f"9 tháng năm {self.year}"
        return f"Năm {self.year}"

    @property
    def title_in_sentence(self) -> str:
        """'quý III/2022', '6 tháng đầu năm 2022', 'năm 2022' (inside a sentence)."""
        return self.title[0].lower() + self.title[1:]

    @property
    def short_title(self) -> str:
        if self.kind == self.QUARTER:
            return f"Quý {ROMAN.get(self.number, self.number)}/{self.year}"
        return self.title

    def nominal_months(self) -> tuple[tuple[int, int], tuple[int, int]]:
        if self.kind == self.QUARTER:
            return (self.year, 3 * self.number - 2), (self.year, 3 * self.number)
        last = {self.HALF: 6, self.NINE: 9, self.YEAR: 12}[self.kind]
        return (self.year, 1), (self.year, last)

    def clean(self):
        if self.kind == self.QUARTER and self.number not in (1, 2, 3, 4):
            raise ValidationError({"number": "Quý phải từ I đến IV."})
        if self.kind != self.QUARTER:
            self.number = None

    def compute_dates(self):
        self.start, self.end = self.report_type.cutoff(*self.nominal_months())

    @property
    def is_open(self) -> bool:
        return self.status == self.OPEN

    def previous_key(self) -> tuple | None:
        """(kind, year, number) of the previous period: the quarter before; None otherwise."""
        if self.kind != self.QUARTER:
            return None
        if self.number == 1:
            return (self.QUARTER, self.year - 1, 4)
        return (self.QUARTER, self.year, self.number - 1)

    def same_last_year_key(self) -> tuple:
        return (self.kind, self.year - 1, self.number)


class Section(models.Model):
    """A section of the report (Tiếp công dân, Phòng, chống tham nhũng, …)."""

    code = models.CharField("mã", max_length=40, unique=True)
    title = models.CharField("tên mục", max_length=255)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = "mục báo cáo"
        verbose_name_plural = "mục báo cáo"

    def __str__(self):
        return self.title


class IndicatorSource(models.TextChoices):
    ENTERED = "entered", "Cơ quan nhập"
    COMPUTED = "computed", "Tính từ sổ theo dõi"


class Indicator(models.Model):
    """An indicator: entered by agencies, or computed live from a register through
    ``noichinh.<app>.figures.FIGURES[figure_code]``."""

    ENTERED, COMPUTED = IndicatorSource.ENTERED, IndicatorSource.COMPUTED
    SOURCES = IndicatorSource.choices
    code = models.CharField("mã", max_length=80, unique=True)
    name = models.CharField("tên chỉ tiêu", max_length=255)
    unit = models.CharField("đơn vị tính", max_length=30)
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, related_name="indicators", verbose_name="mục"
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
        verbose_name="thuộc chỉ tiêu tổng",
        help_text="Chỉ tiêu thành phần không được lớn hơn chỉ tiêu tổng.",
    )
    agency_kinds = models.JSONField(
        "loại cơ quan báo cáo", default=list, blank=True, help_text="Trống: mọi cơ quan."
    )
    source = models.CharField("nguồn", max_length=10, choices=SOURCES, default=ENTERED)
    figure_code = models.CharField("mã hàm số liệu", max_length=80, blank=True)
    jump_percent = models.PositiveIntegerField(
        "ngưỡng biến động (%)",
        default=100,
        help_text="Giá trị thay đổi quá ngưỡng này so với kỳ trước được đánh dấu để kiểm tra lại.",
    )
    province_wide = models.BooleanField(
        "số liệu toàn tỉnh",
        default=False,
        help_text="Chỉ tiêu tính từ sổ theo dõi: báo cáo của khối ghi số liệu của toàn tỉnh "
        "(như sổ tiếp công dân, sổ đơn thư), không chỉ của các cơ quan trong khối.",
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    active = models.BooleanField("đang dùng", default=True)

    class Meta:
        ordering = ["section__order", "order", "code"]
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"

    def __str__(self):
        return f"{self.name} ({self.unit})"

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    @property
    def is_money(self) -> bool:
        return self.unit == "đồng"

    @property
    def is_computed(self) -> bool:
        return self.source == self.COMPUTED

    def applies_to(self, agency: Agency) -> bool:
        return not self.agency_kinds or agency.kind in self.agency_kinds


class CommitteePart(models.Model):
    """A part of a steering committee's report (Ban Chỉ đạo 138: phòng, chống tội phạm; phong
    trào Toàn dân bảo vệ an ninh Tổ quốc; …): the committee's own catalogue of parts, in
    place of the blocs' sections, each with the indicators it reports (an indicator's
    "Trong đó" rows follow it)."""

    bloc = models.ForeignKey(
        Bloc,
        on_delete=models.CASCADE,
        related_name="report_parts",
        limit_choices_to={"kind": Bloc.STEERING},
        verbose_name="ban chỉ đạo",
    )
    title = models.CharField("tên phần", max_length=255)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    indicators = models.ManyToManyField(
        Indicator, related_name="committee_parts", blank=True, verbose_name="chỉ tiêu"
    )

    class Meta:
        ordering = ["bloc", "order", "id"]
        verbose_name = "phần báo cáo của ban chỉ đạo"
        verbose_name_plural = "phần báo cáo của ban chỉ đạo"

    def __str__(self):
        return f"{self.bloc}: {self.title}"


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã gửi, chờ duyệt"
    APPROVED = "approved", "Thủ trưởng đã duyệt"
    RETURNED = "returned", "Trả lại để sửa"


class Submission(models.Model):
    DRAFT, SUBMITTED = SubmissionStatus.DRAFT, SubmissionStatus.SUBMITTED
    APPROVED, RETURNED = SubmissionStatus.APPROVED, SubmissionStatus.RETURNED
    STATUSES = SubmissionStatus.choices
    FORM, XLSX = "form", "xlsx"
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="submissions")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="report_submissions")
    status = models.CharField("trạng thái", max_length=10, choices=STATUSES, default=DRAFT)
    results = models.TextField("kết quả nổi bật", blank=True)
    shortcomings = models.TextField("tồn tại, hạn chế", blank=True)
    proposals = models.TextField("đề xuất, kiến nghị", blank=True)
    return_comment = models.TextField("ý kiến trả lại", blank=True)
    source = models.CharField("cách nhập", max_length=10, default=FORM)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["period", "agency__name"]
        verbose_name = "báo cáo của cơ quan"
        verbose_name_plural = "báo cáo của cơ quan"
        constraints = [
            models.UniqueConstraint(fields=["period", "agency"], name="unique_submission"),
        ]

    def __str__(self):
        return f"{self.agency} · {self.period}"

    @property
    def is_editable(self) -> bool:
        return self.status in (self.DRAFT, self.RETURNED)


class SubmissionValue(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    value = models.DecimalField(max_digits=20, decimal_places=2)
    flagged = models.BooleanField("biến động bất thường", default=False)

    class Meta:
        verbose_name = "số liệu"
        verbose_name_plural = "số liệu"
        constraints = [
            models.UniqueConstraint(fields=["submission", "indicator"], name="unique_value"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="value_not_negative"),
        ]

    def __str__(self):
        return f"{self.indicator.code} = {self.value}"


class Reminder(models.Model):
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="reminders")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="report_reminders")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField()
    message = models.CharField("nội dung", max_length=500)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = "nhắc nộp báo cáo"
        verbose_name_plural = "nhắc nộp báo cáo"

    def __str__(self):
        return f"{self.agency} · {self.period}"


class ReportDocument(models.Model):
    """A briefing report issued for a period and a scope (blocs, or the whole province)."""

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="documents")
    blocs = models.ManyToManyField(Bloc, blank=True, related_name="+", verbose_name="khối")
    whole_province = models.BooleanField("toàn tỉnh", default=False)
    number = models.CharField("số, ký hiệu", max_length=60)
    place = models.CharField("địa danh", max_length=80)
    issued_on = models.DateField("ngày ban hành")
    summary = models.CharField("trích yếu", max_length=255)
    signer_name = models.CharField("người ký", max_length=150, blank=True)
    signer_title = models.CharField(
        "chức vụ người ký",
        max_length=150,
        blank=True,
        help_text="Mỗi dòng một dòng chức danh, ví dụ “K/T TRƯỞNG BAN” rồi “PHÓ TRƯỞNG BAN”.",
    )
    # The secretariat's own text of each part (pre-filled with a draft from the figures and
    # the agencies' texts, edited in the page before issuing).
    results_text = models.TextField("kết quả thực hiện nhiệm vụ", blank=True)
    limitations_text = models.TextField("hạn chế, nguyên nhân", blank=True)
    directions_text = models.TextField("phương hướng, nhiệm vụ kỳ tới", blank=True)
    recipients = models.TextField("nơi nhận", blank=True, help_text="Mỗi dòng một nơi nhận.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "báo cáo tổng hợp"
        verbose_name_plural = "báo cáo tổng hợp"

    def __str__(self):
        return f"{self.number} · {self.period}"


class ReportVersionQuerySet(models.QuerySet):
    """Issued versions are never changed nor deleted, not even in bulk."""

    def update(self, **kwargs):
        raise AppendOnlyError("Bản báo cáo đã ban hành không được sửa.")

    def delete(self):
        raise AppendOnlyError("Bản báo cáo đã ban hành không được xóa.")


class ReportVersion(models.Model):
    """One issued version of a report document, frozen at the moment it was built: its
    figures, its text, the bytes of its files with their SHA-256, and the audit-chain
    checkpoint of that moment. Append-only (like ``AuditEntry``): a correction is a new
    version with the next number, marked "điều chỉnh"."""

    document = models.ForeignKey(
        ReportDocument, on_delete=models.PROTECT, related_name="versions", verbose_name="báo cáo"
    )
    number = models.PositiveSmallIntegerField("lần ban hành")
    reason = models.CharField("lý do điều chỉnh", max_length=500, blank=True)
    figures = models.JSONField("số liệu", default=dict)
    text = models.TextField("nội dung")
    docx = models.BinaryField("tệp DOCX")
    docx_sha256 = models.CharField("SHA-256 DOCX", max_length=64)
    pdf = models.BinaryField("tệp PDF")
    pdf_sha256 = models.CharField("SHA-256 PDF", max_length=64)
    xlsx = models.BinaryField("tệp XLSX", null=True, blank=True)
    xlsx_sha256 = models.CharField("SHA-256 XLSX", max_length=64, blank=True)
    audit_seq = models.BigIntegerField("số thứ tự nhật ký", null=True, blank=True)
    audit_head = models.CharField("mã băm nhật ký", max_length=64, blank=True)
    audit_at = models.DateTimeField("thời điểm chốt nhật ký", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("thời điểm ban hành")

    objects = ReportVersionQuerySet.as_manager()

    class Meta:
        ordering = ["document", "number"]
        verbose_name = "bản báo cáo đã ban hành"
        verbose_name_plural = "bản báo cáo đã ban hành"
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="unique_report_version"),
        ]

    def __str__(self):
        return f"{self.document.number} · {self.label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Bản báo cáo đã ban hành không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Bản báo cáo đã ban hành không được xóa.")

    @property
    def is_correction(self) -> bool:
        return self.number > 1

    @property
    def label(self) -> str:
        if self.is_correction:
            return f"Bản điều chỉnh lần {self.number - 1}"
        return "Bản ban hành"

    @property
    def checkpoint_text(self) -> str:
        if self.audit_seq is None:
            return "nhật ký trống"
        return f"nhật ký #{self.audit_seq} · {self.audit_head[:16]}"

    def content(self, fmt: str) -> tuple[bytes, str] | None:
        """The stored bytes of ``fmt`` and their SHA-256 (None when not issued)."""
        data = getattr(self, fmt, None) if fmt in ("docx", "pdf", "xlsx") else None
        if data is None:
            return None
        return bytes(data), getattr(self, f"{fmt}_sha256")


class BuildStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ dựng"
    RUNNING = "running", "Đang dựng tệp"
    DONE = "done", "Đã xong"
    FAILED = "failed", "Lỗi khi dựng tệp"


class ReportBuild(models.Model):
    """The background build of one version of a report document (progress for the page)."""

    QUEUED, RUNNING = BuildStatus.QUEUED, BuildStatus.RUNNING
    DONE, FAILED = BuildStatus.DONE, BuildStatus.FAILED
    STATUSES = BuildStatus.choices
    document = models.ForeignKey(ReportDocument, on_delete=models.CASCADE, related_name="builds")
    number = models.PositiveSmallIntegerField("lần ban hành")
    reason = models.CharField("lý do điều chỉnh", max_length=500, blank=True)
    status = models.CharField("trạng thái", max_length=10, choices=STATUSES, default=QUEUED)
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    step = models.CharField("bước", max_length=120, blank=True)
    error = models.TextField("lỗi", blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    version = models.OneToOneField(
        ReportVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="build"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = "lượt dựng báo cáo"
        verbose_name_plural = "lượt dựng báo cáo"
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="unique_report_build"),
        ]

    def __str__(self):
        return f"{self.document.number} · lần {self.number} · {self.get_status_display()}"

    @property
    def pending(self) -> bool:
        return self.status in (self.QUEUED, self.RUNNING)


class LateChange(models.Model):
    """A register record entered or changed, with a reason, after its period was closed:
    listed on the period's page and reported as an adjustment in the next report. Kept as
    a record of what happened (append-only)."""

    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, related_name="late_changes", verbose_name="kỳ"
    )
    model = models.CharField("loại hồ sơ", max_length=80)
    object_id = models.CharField("hồ sơ", max_length=64)
    object_repr = models.CharField("mô tả", max_length=255)
    summary = models.CharField("nội dung thay đổi", max_length=255, blank=True)
    on = models.DateField("ngày của hồ sơ")
    action = models.CharField("thao tác", max_length=40)
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField("lý do")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("thời điểm")

    class Meta:
        ordering = ["period", "at", "id"]
        verbose_name = "thay đổi sau khóa sổ"
        verbose_name_plural = "thay đổi sau khóa sổ"

    def __str__(self):
        return f"{self.period} · {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Thay đổi sau khóa sổ đã ghi không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Thay đổi sau khóa sổ đã ghi không được xóa.")


ZERO = Decimal(0)
