"""Briefing conferences, their figures and conclusion notices, the tasks they assign,
awards (thi đua, khen thưởng) and inspection plans."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from noichinh.core import clock
from noichinh.core.formats import vn_money, vn_number
from noichinh.core.text import fold
from noichinh.core.withdrawal import Withdrawable

# How many days before its deadline a task counts as "due soon" (an office habit, not law).
DUE_SOON_DAYS = 7


class Conference(Withdrawable):
    """A briefing conference (hội nghị giao ban) of one or more blocs or a steering committee."""

    class Kind(models.TextChoices):
        BRIEFING = "briefing", "Hội nghị giao ban"
        REVIEW = "review", "Hội nghị sơ kết"
        ANNUAL = "annual_summary", "Hội nghị tổng kết năm"
        CONFERENCE = "conference", "Hội nghị"
        # Events that are not meetings (issue 18): they have no chair.
        REPORT = "report", "Báo cáo, bài tổng hợp số liệu"
        PRESS_RELEASE = "press_release", "Họp báo, thông cáo báo chí"
        AWARD_CEREMONY = "award_ceremony", "Lễ khen thưởng, biểu dương"

    # The short names the services, imports and templates use.
    BRIEFING, REVIEW, ANNUAL, CONFERENCE = Kind.BRIEFING, Kind.REVIEW, Kind.ANNUAL, Kind.CONFERENCE
    REPORT, PRESS_RELEASE, AWARD_CEREMONY = Kind.REPORT, Kind.PRESS_RELEASE, Kind.AWARD_CEREMONY
    KINDS = Kind.choices
    MEETING_KINDS = (BRIEFING, REVIEW, ANNUAL, CONFERENCE)
    ref = models.CharField("mã tham chiếu", max_length=40, blank=True, db_index=True)
    kind = models.CharField("loại hội nghị", max_length=20, choices=KINDS, default=BRIEFING)
    title = models.CharField("tên hội nghị", max_length=300)
    title_folded = models.CharField(max_length=300, editable=False, db_index=True)
    blocs = models.ManyToManyField(
        "org.Bloc", related_name="conferences", verbose_name="khối, ban chỉ đạo"
    )
    period_code = models.CharField("mã kỳ", max_length=10, blank=True)
    period_label = models.CharField("kỳ", max_length=60, blank=True)
    period_start = models.DateField("từ ngày", null=True, blank=True)
    period_end = models.DateField("đến ngày", null=True, blank=True)
    date = models.DateField("ngày họp")
    place = models.CharField("địa điểm", max_length=255, blank=True)
    chair_name = models.CharField("người chủ trì", max_length=150, blank=True)
    chair_titles = models.CharField("chức vụ người chủ trì", max_length=300, blank=True)
    co_chairs = models.TextField("đồng chủ trì (mỗi dòng một người)", blank=True)
    attendee_agencies = models.ManyToManyField(
        "org.Agency",
        blank=True,
        related_name="attended_conferences",
        verbose_name="cơ quan dự họp",
    )
    attendees = models.TextField("thành phần dự (cá nhân)", blank=True)
    agenda = models.TextField("chương trình", blank=True)
    report_text = models.TextField("báo cáo thảo luận", blank=True)
    report_url = models.CharField("liên kết báo cáo", max_length=500, blank=True)
    minutes = models.TextField("biên bản", blank=True)
    carried_tasks: "models.ManyToManyField[Task, Any]" = models.ManyToManyField(
        "Task",
        blank=True,
        related_name="carried_into",
        verbose_name="nhiệm vụ chưa hoàn thành chuyển sang",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = "hội nghị giao ban"
        verbose_name_plural = "hội nghị giao ban"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.title_folded = fold(self.title)
        super().save(*args, **kwargs)

    @property
    def is_meeting(self) -> bool:
        return self.kind in self.MEETING_KINDS

    @property
    def co_chair_list(self) -> list[str]:
        return [line.strip() for line in self.co_chairs.splitlines() if line.strip()]


# Units that count things, folded (no diacritics): a figure in one of them is a whole number.
COUNT_UNITS = {
    "vu",
    "vu viec",
    "viec",
    "cuoc",
    "nguoi",
    "luot",
    "luot nguoi",
    "don",
    "don thu",
    "tap the",
    "ca nhan",
    "ho so",
    "lan",
    "doi tuong",
    "truong hop",
    "buoi",
    "doan",
    "ho",
    "bi can",
    "bi cao",
    "to chuc",
    "co quan",
    "don vi",
    "cuoc hop",
    "hoi nghi",
    "ke hoach",
    "cuoc thanh tra",
    "cuoc kiem tra",
    "bao cao",
    "van ban",
    "nhiem vu",
    "dang vien",
    "to chuc dang",
}


def unit_is_count(unit: str) -> bool:
    return fold(unit or "").strip() in COUNT_UNITS


class ConferenceFigure(Withdrawable):
    """A figure quoted at the conference, kept as written (not a register count)."""

    class Qualifier(models.TextChoices):
        EQ = "eq", "bằng"
        GT = "gt", "trên"
        APPROX = "approx", "khoảng"

    class Change(models.TextChoices):
        """A change quoted by the text ("giảm 18 vụ so với cùng kỳ"), not a level."""

        INCREASE = "increase", "tăng"
        DECREASE = "decrease", "giảm"

    EQ, GT, APPROX = Qualifier.EQ, Qualifier.GT, Qualifier.APPROX
    QUALIFIERS = Qualifier.choices
    INCREASE, DECREASE = Change.INCREASE, Change.DECREASE
    CHANGES = Change.choices
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="figures")
    indicator_code = models.CharField("mã chỉ tiêu", max_length=80, blank=True)
    text = models.CharField("cụm từ", max_length=500, blank=True)
    value = models.DecimalField("giá trị", max_digits=22, decimal_places=3)
    qualifier = models.CharField("so sánh", max_length=10, choices=QUALIFIERS, default=EQ)
    unit = models.CharField("đơn vị tính", max_length=40, blank=True)
    subject = models.CharField("nội dung", max_length=300, blank=True)
    change = models.CharField("biến động", max_length=10, choices=CHANGES, blank=True)
    reference = models.CharField("so với", max_length=120, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "số liệu hội nghị"
        verbose_name_plural = "số liệu hội nghị"

    def __str__(self):
        return self.display

    @property
    def is_money(self) -> bool:
        return fold(self.unit) in {"dong", "vnd", "d"}

    @property
    def is_count(self) -> bool:
        """Counted things (vụ, cuộc, người, lượt, tập thể…) are whole numbers."""
        return unit_is_count(self.unit)

    @property
    def display_value(self) -> str:
        if self.is_money:
            return vn_money(int(self.value))
        value = self.value
        if value == value.to_integral_value():
            text = vn_number(int(value))
        else:
            decimals = -int(Decimal(value).normalize().as_tuple().exponent)
            text = vn_number(Decimal(value), decimals)
        return f"{text} {self.unit}".strip()

    @property
    def display(self) -> str:
        prefixes: dict[str, str] = {self.GT: "trên ", self.APPROX: "khoảng "}
        prefix = prefixes.get(self.qualifier, "")
        text = f"{prefix}{self.display_value}"
        if self.change:
            word = dict(self.CHANGES)[self.change]
            text = " ".join(p for p in (word, text, self.reference.strip()) if p)
        return text


class ConclusionNotice(Withdrawable):
    """The conclusion notice (thông báo kết luận) of a conference; its items are the tasks."""

    conference = models.OneToOneField(Conference, on_delete=models.CASCADE, related_name="notice")
    number = models.CharField("số", max_length=40, blank=True)
    issued_on = models.DateField("ngày ban hành")
    place = models.CharField("địa danh", max_length=80)
    title = models.CharField("trích yếu", max_length=500)
    body = models.TextField("nội dung kết luận chung", blank=True)
    recipients = models.TextField("nơi nhận", blank=True)
    signer_on_behalf = models.CharField("thẩm quyền ký", max_length=120, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=150, blank=True)
    signer_name = models.CharField("người ký", max_length=150, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "thông báo kết luận"
        verbose_name_plural = "thông báo kết luận"

    def __str__(self):
        return f"Thông báo {self.number or '(chưa số)'}"

    @property
    def reference(self) -> str:
        number = f"số {self.number}" if self.number else ""
        return " ".join(
            p for p in ["Thông báo kết luận", number, f"ngày {self.issued_on:%d/%m/%Y}"] if p
        )


class Task(Withdrawable):
    """A task assigned by a conclusion item (nhiệm vụ), followed until done or cancelled."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Chưa thực hiện"
        IN_PROGRESS = "in_progress", "Đang thực hiện"
        PROPOSED = "proposed", "Đề nghị hoàn thành"
        DONE = "done", "Đã hoàn thành"
        CANCELLED = "cancelled", "Hủy theo quyết định"

    class State(models.TextChoices):
        """Derived states (what the lists show and filter on)."""

        NOT_STARTED = "not_started", "Chưa thực hiện"
        IN_PROGRESS = "in_progress", "Đang thực hiện"
        PROPOSED = "proposed", "Đề nghị hoàn thành"
        DONE_ON_TIME = "done_on_time", "Hoàn thành đúng hạn"
        DONE_LATE = "done_late", "Hoàn thành quá hạn"
        OVERDUE = "overdue", "Quá hạn"
        CANCELLED = "cancelled", "Hủy theo quyết định"

    NOT_STARTED, IN_PROGRESS, PROPOSED = Status.NOT_STARTED, Status.IN_PROGRESS, Status.PROPOSED
    DONE, CANCELLED = Status.DONE, Status.CANCELLED
    STATUSES = Status.choices
    OPEN_STATUSES = (NOT_STARTED, IN_PROGRESS, PROPOSED)
    STATE_NOT_STARTED, STATE_IN_PROGRESS = State.NOT_STARTED, State.IN_PROGRESS
    STATE_PROPOSED, STATE_DONE_ON_TIME = State.PROPOSED, State.DONE_ON_TIME
    STATE_DONE_LATE, STATE_OVERDUE, STATE_CANCELLED = (
        State.DONE_LATE,
        State.OVERDUE,
        State.CANCELLED,
    )
    STATES = State.choices

    conference = models.ForeignKey(
        Conference,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
        verbose_name="hội nghị",
    )
    source_document = models.CharField("văn bản giao", max_length=300, blank=True)
    item_no = models.CharField("mục", max_length=20, blank=True)
    text = models.TextField("nội dung nhiệm vụ")
    text_folded = models.TextField(editable=False, blank=True)
    lead_agency = models.ForeignKey(
        "org.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_tasks",
        verbose_name="cơ quan chủ trì",
    )
    lead_agency_text = models.CharField(
        "cơ quan chủ trì (chưa đối chiếu)", max_length=255, blank=True
    )
    coordinators = models.ManyToManyField(
        "org.Agency", blank=True, related_name="coordinated_tasks", verbose_name="cơ quan phối hợp"
    )
    coordinators_text = models.CharField("cơ quan phối hợp khác", max_length=500, blank=True)
    assigned_on = models.DateField("ngày giao")
    deadline = models.DateField("hạn hoàn thành", null=True, blank=True)
    is_regular = models.BooleanField("thường xuyên", default=False)
    unit = models.ForeignKey(
        "org.AreaUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="briefing_tasks",
        verbose_name="địa bàn",
    )
    status = models.CharField("tình trạng", max_length=20, choices=STATUSES, default=NOT_STARTED)
    completed_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    cancelled_on = models.DateField("ngày hủy", null=True, blank=True)
    cancel_decision = models.CharField("quyết định hủy", max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self):
        return self.text[:120]

    def save(self, *args, **kwargs):
        self.text_folded = fold(f"{self.text} {self.lead_agency_text} {self.item_no}")
        super().save(*args, **kwargs)

    @property
    def lead_display(self) -> str:
        return str(self.lead_agency) if self.lead_agency_id else self.lead_agency_text

    @property
    def deadline_display(self) -> str:
        if self.is_regular:
            return "Thường xuyên"
        return f"{self.deadline:%d/%m/%Y}" if self.deadline else ""

    def state_on(self, day: dt.date) -> str:
        if self.status == self.CANCELLED:
            return self.STATE_CANCELLED
        if self.status == self.DONE:
            if self.deadline and self.completed_on and self.completed_on > self.deadline:
                return self.STATE_DONE_LATE
            return self.STATE_DONE_ON_TIME
        if self.deadline and self.deadline < day:
            return self.STATE_OVERDUE
        return self.status

    @property
    def state(self) -> str:
        return self.state_on(clock.today())

    @property
    def state_label(self) -> str:
        return dict(self.STATES)[self.state]

    @property
    def state_badge(self) -> str:
        state = self.state
        if state in (self.STATE_OVERDUE, self.STATE_DONE_LATE):
            return "overdue"
        if state == self.STATE_DONE_ON_TIME:
            return "ok"
        if self.is_due_soon:
            return "soon"
        return ""

    @property
    def is_due_soon(self) -> bool:
        today = clock.today()
        return bool(
            self.status in self.OPEN_STATUSES
            and self.deadline
            and today <= self.deadline <= today + dt.timedelta(days=DUE_SOON_DAYS)
        )

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @staticmethod
    def open_q() -> Q:
        return Q(status__in=Task.OPEN_STATUSES)

    @staticmethod
    def overdue_q(day: dt.date) -> Q:
        return Task.open_q() & Q(deadline__lt=day)

    @staticmethod
    def due_soon_q(day: dt.date) -> Q:
        return (
            Task.open_q()
            & Q(deadline__gte=day)
            & Q(deadline__lte=day + dt.timedelta(days=DUE_SOON_DAYS))
        )

    @staticmethod
    def state_q(state: str, day: dt.date) -> Q:
        done = Q(status=Task.DONE)
        on_time = Q(deadline__isnull=True) | Q(completed_on__lte=models.F("deadline"))
        states: dict[str, Q] = {
            Task.STATE_CANCELLED: Q(status=Task.CANCELLED),
            Task.STATE_DONE_ON_TIME: done & on_time,
            Task.STATE_DONE_LATE: done & Q(completed_on__gt=models.F("deadline")),
            Task.STATE_OVERDUE: Task.overdue_q(day),
            Task.STATE_NOT_STARTED: Q(status=Task.NOT_STARTED)
            & (Q(deadline__isnull=True) | Q(deadline__gte=day)),
            Task.STATE_IN_PROGRESS: Q(status=Task.IN_PROGRESS)
            & (Q(deadline__isnull=True) | Q(deadline__gte=day)),
            Task.STATE_PROPOSED: Q(status=Task.PROPOSED)
            & (Q(deadline__isnull=True) | Q(deadline__gte=day)),
        }
        return states[state]


def _progress_upload_to(instance, filename):
    return f"briefings/tasks/{instance.task_id}/{clock.now():%Y%m%d%H%M%S}_{filename}"


class TaskUpdate(models.Model):
    """Progress reports, proposals and the secretariat's decisions on a task."""

    class Kind(models.TextChoices):
        PROGRESS = "progress", "Báo cáo tiến độ"
        PROPOSE = "propose", "Đề nghị hoàn thành"
        ACCEPT = "accept", "Xác nhận hoàn thành"
        RETURN = "return", "Trả lại, yêu cầu tiếp tục"
        CANCEL = "cancel", "Hủy theo quyết định"

    PROGRESS, PROPOSE, ACCEPT = Kind.PROGRESS, Kind.PROPOSE, Kind.ACCEPT
    RETURN, CANCEL = Kind.RETURN, Kind.CANCEL
    KINDS = Kind.choices
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(max_length=10, choices=KINDS)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    agency = models.ForeignKey("org.Agency", null=True, blank=True, on_delete=models.SET_NULL)
    at = models.DateTimeField()
    note = models.TextField("nội dung", blank=True)
    attachment = models.FileField("tệp đính kèm", upload_to=_progress_upload_to, blank=True)
    attachment_name = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "cập nhật nhiệm vụ"
        verbose_name_plural = "cập nhật nhiệm vụ"

    def __str__(self):
        return f"{self.get_kind_display()} · {self.task_id}"


class TaskReminder(models.Model):
    """One reminder per task and kind: the reminder job is idempotent."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Sắp đến hạn"
        OVERDUE = "overdue", "Quá hạn"

    DUE_SOON, OVERDUE = Kind.DUE_SOON, Kind.OVERDUE
    KINDS = Kind.choices
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=KINDS)
    sent_on = models.DateField()
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "kind"], name="briefings_one_reminder_per_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.task_id}"


class Movement(models.Model):
    """An emulation movement (phong trào thi đua) in a given year."""

    name = models.CharField("tên phong trào", max_length=255)
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)
    year = models.PositiveIntegerField("năm")

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = "phong trào thi đua"
        verbose_name_plural = "phong trào thi đua"
        constraints = [
            models.UniqueConstraint(fields=["name_folded", "year"], name="briefings_movement_year")
        ]

    def __str__(self):
        return f"{self.name} năm {self.year}"

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)


class AwardDecision(Withdrawable):
    """An award decision: who issued it, which form, number and date; recipients below."""

    class Issuer(models.TextChoices):
        PRESIDENT = "president", "Chủ tịch nước"
        PRIME_MINISTER = "prime_minister", "Thủ tướng Chính phủ"
        MINISTER_PUBLIC_SECURITY = "minister_public_security", "Bộ trưởng Bộ Công an"
        MINISTER_DEFENCE = "minister_defence", "Bộ trưởng Bộ Quốc phòng"
        MINISTER_OTHER = "minister_other", "Bộ trưởng bộ, ngành khác"
        PROVINCIAL_CHAIR = "provincial_chair", "Chủ tịch UBND tỉnh"
        PROVINCIAL_PARTY = "provincial_party", "Ban Thường vụ Tỉnh ủy"
        POLICE_DIRECTOR = "police_director", "Giám đốc Công an tỉnh"
        DISTRICT_CHAIR = "district_chair", "Chủ tịch UBND cấp huyện, xã"
        OTHER = "other", "Cấp khác"

    class Form(models.TextChoices):
        HUAN_CHUONG = "huan_chuong", "Huân chương"
        HUY_CHUONG = "huy_chuong", "Huy chương"
        CO_THI_DUA = "co_thi_dua", "Cờ thi đua"
        CHIEN_SI_THI_DUA = "chien_si_thi_dua", "Chiến sĩ thi đua"
        BANG_KHEN = "bang_khen", "Bằng khen"
        GIAY_KHEN = "giay_khen", "Giấy khen"
        OTHER = "other", "Hình thức khác"

    ISSUERS = Issuer.choices
    FORMS = Form.choices
    movement = models.ForeignKey(
        Movement,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name="phong trào",
    )
    conference = models.ForeignKey(
        Conference,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="award_decisions",
        verbose_name="trao tại hội nghị",
    )
    issuer_level = models.CharField("cấp khen thưởng", max_length=40, choices=ISSUERS)
    issuer_name = models.CharField("người, cơ quan ký", max_length=255, blank=True)
    form = models.CharField("hình thức", max_length=30, choices=FORMS)
    number = models.CharField("số quyết định", max_length=60, blank=True)
    signed_on = models.DateField("ngày ký")
    agency = models.ForeignKey(
        "org.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_decisions",
        verbose_name="cơ quan đề nghị",
    )
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        ordering = ["-signed_on", "id"]
        verbose_name = "quyết định khen thưởng"
        verbose_name_plural = "quyết định khen thưởng"
        constraints = [
            models.UniqueConstraint(
                fields=["issuer_level", "number"],
                condition=~Q(number="") & Q(withdrawn_at__isnull=True),
                name="briefings_award_number_per_issuer",
            )
        ]

    def __str__(self):
        return f"{self.get_form_display()} · {self.get_issuer_level_display()} · {self.number}"


class AwardRecipient(models.Model):
    class Kind(models.TextChoices):
        COLLECTIVE = "collective", "Tập thể"
        INDIVIDUAL = "individual", "Cá nhân"

    COLLECTIVE, INDIVIDUAL = Kind.COLLECTIVE, Kind.INDIVIDUAL
    KINDS = Kind.choices
    decision = models.ForeignKey(AwardDecision, on_delete=models.CASCADE, related_name="recipients")
    kind = models.CharField("loại", max_length=12, choices=KINDS)
    name = models.CharField("tên", max_length=255)
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)
    position = models.CharField("chức vụ, đơn vị", max_length=255, blank=True)
    agency = models.ForeignKey(
        "org.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
        verbose_name="thuộc cơ quan",
    )

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = "người, tập thể được khen"
        verbose_name_plural = "người, tập thể được khen"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)


class InspectionPlan(Withdrawable):
    """A planned inspection or audit of an agency's year, on an agency or an area unit."""

    class Kind(models.TextChoices):
        THANH_TRA = "thanh_tra", "Thanh tra"
        KIEM_TRA = "kiem_tra", "Kiểm tra"
        KIEM_TOAN = "kiem_toan", "Kiểm toán"
        GIAM_SAT = "giam_sat", "Giám sát"

    KINDS = Kind.choices
    agency = models.ForeignKey(
        "org.Agency",
        on_delete=models.PROTECT,
        related_name="inspection_plans",
        verbose_name="cơ quan lập kế hoạch",
    )
    year = models.PositiveIntegerField("năm")
    kind = models.CharField("hình thức", max_length=20, choices=KINDS, default=Kind.THANH_TRA)
    target_agency = models.ForeignKey(
        "org.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspected_by_plans",
        verbose_name="cơ quan, đơn vị được thanh tra",
    )
    unit = models.ForeignKey(
        "org.AreaUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspection_plans",
        verbose_name="địa bàn được thanh tra",
    )
    subject = models.CharField("nội dung", max_length=500)
    subject_folded = models.CharField(max_length=500, editable=False, db_index=True)
    period_text = models.CharField("thời gian dự kiến", max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "agency__name", "id"]
        verbose_name = "kế hoạch thanh tra, kiểm tra"
        verbose_name_plural = "kế hoạch thanh tra, kiểm tra"
        constraints = [
            models.CheckConstraint(
                condition=Q(target_agency__isnull=False) | Q(unit__isnull=False),
                name="briefings_plan_has_target",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.target_display} ({self.year})"

    def save(self, *args, **kwargs):
        self.subject_folded = fold(self.subject)
        super().save(*args, **kwargs)

    @property
    def target_display(self) -> str:
        return str(self.target_agency or self.unit)
