"""Monitored cases: the register, the supervision list, procedural stages and time limits.

Law is data: a stage's time limit comes from ``core.TimeLimitRule`` by code. ``STAGE_RULES``
only says which rule family applies to which stage (legal.md §2, §5); the severity class of
the case picks the member of the family (Criminal Code 2015 art. 9).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from noichinh.core.text import fold
from noichinh.org.models import Agency, AreaUnit


class CaseKind(models.TextChoices):
    CRIMINAL = "criminal", _("Vụ án")
    INCIDENT = "incident", _("Vụ việc")


class CaseField(models.TextChoices):
    CORRUPTION = "corruption", _("Tham nhũng")
    ECONOMIC = "economic", _("Kinh tế")
    PUBLIC_CONCERN = "public_concern", _("Dư luận xã hội quan tâm")


class Severity(models.TextChoices):
    """The class of the crime (Criminal Code 2015 art. 9): it picks the stages' time limits."""

    LESS_SERIOUS = "less_serious", _("Ít nghiêm trọng")
    SERIOUS = "serious", _("Nghiêm trọng")
    VERY_SERIOUS = "very_serious", _("Rất nghiêm trọng")
    ESPECIALLY_SERIOUS = "especially_serious", _("Đặc biệt nghiêm trọng")


class DecisionKind(models.TextChoices):
    ADD = "add", _("Đưa vào diện theo dõi, chỉ đạo")
    REMOVE = "remove", _("Đưa ra khỏi diện theo dõi")


class SupervisionCategory(models.TextChoices):
    CORRUPTION = "corruption", _("Tham nhũng, tiêu cực nghiêm trọng, phức tạp")
    ECONOMIC = "economic", _("Kinh tế nghiêm trọng, phức tạp")
    PUBLIC_CONCERN = "public_concern", _("Dư luận xã hội quan tâm")
    OTHER = "other", _("Khác")


class Stage(models.TextChoices):
    """Procedural stages, in their order."""

    ACCUSATION = "accusation", _("Tiếp nhận, xác minh nguồn tin")
    PROSECUTION = "prosecution", _("Khởi tố")
    INVESTIGATION = "investigation", _("Điều tra")
    SUPPLEMENT_BY_PROCURACY = (
        "supplement_procuracy",
        _("Điều tra bổ sung (Viện kiểm sát trả hồ sơ)"),
    )
    INDICTMENT = "indictment", _("Truy tố")
    TRIAL = "trial", _("Xét xử sơ thẩm")
    SUPPLEMENT_BY_COURT = "supplement_court", _("Điều tra bổ sung (Tòa án trả hồ sơ)")
    APPEAL = "appeal", _("Xét xử phúc thẩm")
    ENFORCEMENT = "enforcement", _("Thi hành án")


class Case(models.Model):
    CRIMINAL, INCIDENT = CaseKind.CRIMINAL, CaseKind.INCIDENT
    KINDS = CaseKind.choices

    CORRUPTION, ECONOMIC, PUBLIC_CONCERN = (
        CaseField.CORRUPTION,
        CaseField.ECONOMIC,
        CaseField.PUBLIC_CONCERN,
    )
    FIELDS = CaseField.choices

    LESS_SERIOUS, SERIOUS = Severity.LESS_SERIOUS, Severity.SERIOUS
    VERY_SERIOUS, ESPECIALLY_SERIOUS = Severity.VERY_SERIOUS, Severity.ESPECIALLY_SERIOUS
    SEVERITIES = Severity.choices

    # Stable identifier across instances (the exchange format keys records by it).
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField(_("số hồ sơ"), max_length=40, blank=True)
    title = models.CharField(_("tên vụ án, vụ việc"), max_length=300)
    title_folded = models.CharField(max_length=600, editable=False, db_index=True)
    kind = models.CharField(_("loại"), max_length=10, choices=KINDS, default=CRIMINAL)
    field = models.CharField(_("lĩnh vực"), max_length=20, choices=FIELDS)
    crimes = models.CharField(
        _("tội danh (điều của Bộ luật Hình sự)"),
        max_length=300,
        blank=True,
        help_text=_("Ví dụ: Điều 353 - Tham ô tài sản; Điều 356"),
    )
    severity = models.CharField(
        _("loại tội phạm"), max_length=20, choices=SEVERITIES, default=SERIOUS
    )
    # Crimes against national security get one more investigation extension (CPC art. 172(3)).
    national_security = models.BooleanField(_("tội xâm phạm an ninh quốc gia"), default=False)
    summary = models.TextField(_("tóm tắt"), blank=True)
    following_agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followed_cases",
        verbose_name=_("cơ quan theo dõi, đôn đốc"),
    )
    followed_from = models.DateField(_("theo dõi từ ngày"), null=True, blank=True)
    followed_until = models.DateField(_("theo dõi đến ngày"), null=True, blank=True)
    defendants_count = models.PositiveIntegerField(_("số bị can"), default=0)
    managers_count = models.PositiveIntegerField(_("trong đó cán bộ lãnh đạo, quản lý"), default=0)
    party_members_count = models.PositiveIntegerField(_("trong đó đảng viên"), default=0)
    damage_vnd = models.BigIntegerField(_("thiệt hại (đồng)"), default=0)
    recovered_vnd = models.BigIntegerField(_("đã thu hồi (đồng)"), default=0)
    arisen_on = models.DateField(_("ngày phát sinh"), null=True, blank=True)
    carried_over_from_year = models.PositiveIntegerField(
        _("chuyển tiếp từ năm"), null=True, blank=True
    )
    area_unit = models.ForeignKey(
        AreaUnit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("địa bàn"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-arisen_on", "-id"]
        verbose_name = _("vụ án, vụ việc")
        verbose_name_plural = _("vụ án, vụ việc")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.title_folded = fold(f"{self.title} {self.number} {self.crimes}")[:600]
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.managers_count > self.defendants_count:
            errors["managers_count"] = _(
                "Số cán bộ lãnh đạo, quản lý không được lớn hơn số bị can."
            )
        if self.party_members_count > self.defendants_count:
            errors["party_members_count"] = _("Số đảng viên không được lớn hơn số bị can.")
        if self.damage_vnd < 0:
            errors["damage_vnd"] = _("Số tiền thiệt hại không được âm.")
        if self.recovered_vnd < 0:
            errors["recovered_vnd"] = _("Số tiền thu hồi không được âm.")
        if self.followed_from and self.followed_until and self.followed_until < self.followed_from:
            errors["followed_until"] = _("Ngày kết thúc theo dõi phải sau ngày bắt đầu theo dõi.")
        if (self.followed_from or self.followed_until) and not self.following_agency_id:
            errors["following_agency"] = _("Chọn cơ quan theo dõi, đôn đốc.")
        if self.carried_over_from_year and self.arisen_on:
            if self.carried_over_from_year < self.arisen_on.year:
                errors["carried_over_from_year"] = _(
                    "Năm chuyển tiếp không thể trước năm phát sinh vụ việc."
                )
        if errors:
            raise ValidationError(errors)


class SupervisionDecision(models.Model):
    """A dated, numbered decision that puts cases on the supervision list or takes them off."""

    ADD, REMOVE = DecisionKind.ADD, DecisionKind.REMOVE
    KINDS = DecisionKind.choices
    number = models.CharField(_("số quyết định"), max_length=60)
    date = models.DateField(_("ngày quyết định"), db_index=True)
    kind = models.CharField(_("loại quyết định"), max_length=10, choices=KINDS)
    issuer = models.CharField(
        _("cơ quan ban hành"), max_length=200, default="Ban Thường vụ Tỉnh ủy", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("quyết định về danh sách theo dõi")
        verbose_name_plural = _("quyết định về danh sách theo dõi")
        constraints = [
            models.UniqueConstraint(fields=["number", "date"], name="cases_unique_decision"),
        ]

    def __str__(self):
        return f"{self.number} ({self.date:%d/%m/%Y})"


class SupervisionEntry(models.Model):
    """One case in one decision. The list on a day D is the set of cases whose latest entry
    dated on or before D is an addition (see ``selectors.on_list_q``)."""

    ADD, REMOVE = SupervisionDecision.ADD, SupervisionDecision.REMOVE
    CATEGORIES = SupervisionCategory.choices
    decision = models.ForeignKey(
        SupervisionDecision, on_delete=models.PROTECT, related_name="entries"
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="supervision_entries")
    # Copied from the decision so the "as of" queries need no join; never edited.
    date = models.DateField(_("ngày quyết định"), db_index=True)
    kind = models.CharField(_("loại"), max_length=10, choices=SupervisionDecision.KINDS)
    category = models.CharField(_("tiêu chí"), max_length=20, choices=CATEGORIES, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("vụ án trong quyết định")
        verbose_name_plural = _("vụ án trong quyết định")
        constraints = [
            models.UniqueConstraint(fields=["case", "date"], name="cases_one_decision_per_day"),
        ]

    def __str__(self):
        return f"{self.case} · {self.get_kind_display()} · {self.decision}"


class CaseStage(models.Model):
    """A procedural stage of a case, with the agency in charge and its legal time limit."""

    ACCUSATION = Stage.ACCUSATION
    PROSECUTION = Stage.PROSECUTION
    INVESTIGATION = Stage.INVESTIGATION
    INDICTMENT = Stage.INDICTMENT
    TRIAL = Stage.TRIAL
    APPEAL = Stage.APPEAL
    ENFORCEMENT = Stage.ENFORCEMENT
    SUPPLEMENT_BY_PROCURACY = Stage.SUPPLEMENT_BY_PROCURACY
    SUPPLEMENT_BY_COURT = Stage.SUPPLEMENT_BY_COURT
    STAGES = Stage.choices
    ORDER = {code: i for i, (code, _label) in enumerate(STAGES)}
    # Which rule family of the time-limit table applies; "{severity}" is the case's class.
    # Accusation: CPC 2015 art. 147; investigation: art. 172; supplementary investigation after
    # the procuracy (art. 245) or the court (art. 280) sent the file back: art. 174(2);
    # indictment (the procuracy's decision whether to indict): art. 240; first-instance trial
    # preparation: art. 277 (its second paragraph when the file came back from a supplementary
    # investigation); appeal: art. 346; enforcement (the decision to enforce): art. 364.
    # Prosecution (khởi tố) is a decision, not a period.
    STAGE_RULES: dict[str, str] = {
        ACCUSATION: "crime_report.resolve",
        INVESTIGATION: "investigation.{severity}",
        SUPPLEMENT_BY_PROCURACY: "supplementary_investigation.procuracy",
        SUPPLEMENT_BY_COURT: "supplementary_investigation.court",
        INDICTMENT: "prosecution.decide.{severity}",
        TRIAL: "trial_prep.{severity}",
        APPEAL: "appeal.trial_prep",
        ENFORCEMENT: "enforcement.decide",
    }
    # A trial stage that follows a supplementary investigation the court asked for.
    TRIAL_AFTER_SUPPLEMENT_RULE = "trial_prep.after_supplement"
    # After a suspension (tạm đình chỉ) the law gives a new period from the resumption
    # decision: art. 149(1) for a crime report, art. 174(1) for an investigation; art. 250
    # (the procuracy resumes a case) and art. 283 (the court) count the limits of art. 240 and
    # art. 277 again from the resumption (rows marked to verify, core migration 0013). Stages
    # not listed have no resumption period in the table: the limit is then shown as not set.
    RESUME_RULES: dict[str, str] = {
        ACCUSATION: "crime_report.resumed",
        INVESTIGATION: "investigation.resumed.{severity}",
        INDICTMENT: "prosecution.resumed.{severity}",
        TRIAL: "trial_prep.resumed.{severity}",
    }
    # Stages whose legal limit is for one act at their start, not for the whole stage: the
    # enforcement stage runs until the sentence is served, its limit is the court's decision to
    # enforce (art. 364). Such a stage is overdue when that act (``act_on``) is not recorded by
    # its due date, or was recorded after it; its end date does not count.
    LIMIT_FOR_AN_ACT: set[str] = {ENFORCEMENT}
    # Stages ending with a judgment pronounced (tuyên án): the appeal (art. 333) and protest
    # (art. 337) periods run from the pronouncement.
    PRONOUNCED: set[str] = {TRIAL}
    APPEAL_RULE = "appeal.lodge"
    PROTEST_RULE = "appeal.protest"
    # Stages that may follow each stage (the register may start at any stage).
    NEXT: dict[str, set[str]] = {
        ACCUSATION: {PROSECUTION},
        PROSECUTION: {INVESTIGATION},
        INVESTIGATION: {INDICTMENT},
        SUPPLEMENT_BY_PROCURACY: {INDICTMENT},
        INDICTMENT: {TRIAL, SUPPLEMENT_BY_PROCURACY},
        TRIAL: {APPEAL, ENFORCEMENT, SUPPLEMENT_BY_COURT},
        SUPPLEMENT_BY_COURT: {INDICTMENT, TRIAL},
        APPEAL: {ENFORCEMENT},
        ENFORCEMENT: set(),
    }

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="stages")
    # Stable identifier across instances (the exchange format keys records by it).
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stage = models.CharField(_("giai đoạn"), max_length=20, choices=STAGES)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="case_stages",
        verbose_name=_("cơ quan thụ lý"),
    )
    started_on = models.DateField(_("ngày bắt đầu"))
    start_decision = models.CharField(_("văn bản, quyết định"), max_length=120, blank=True)
    ended_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    outcome = models.CharField(_("kết quả"), max_length=300, blank=True)
    rule_code = models.CharField(_("quy tắc thời hạn"), max_length=80, blank=True)
    variant = models.CharField(_("biến thể (gia hạn)"), max_length=40, blank=True)
    due_on = models.DateField(_("hạn"), null=True, blank=True, db_index=True)
    due_explanation = models.TextField(_("cách tính hạn"), blank=True)
    due_provisional = models.BooleanField(_("hạn tạm tính"), default=False, db_default=False)
    note = models.TextField(_("ghi chú"), blank=True)
    # Suspension (tạm đình chỉ) and resumption (phục hồi) by numbered decisions: while
    # suspended no limit runs; a resumption counts the resumption rule from its date.
    suspended_on = models.DateField(_("tạm đình chỉ từ ngày"), null=True, blank=True)
    suspend_decision = models.CharField(_("quyết định tạm đình chỉ"), max_length=120, blank=True)
    suspend_reason = models.TextField(_("lý do tạm đình chỉ"), blank=True)
    resumed_on = models.DateField(_("phục hồi từ ngày"), null=True, blank=True)
    resume_decision = models.CharField(_("quyết định phục hồi"), max_length=120, blank=True)
    # A first-instance trial ends with its judgment pronounced: the appeal and protest periods.
    pronounced_on = models.DateField(_("ngày tuyên án"), null=True, blank=True)
    appeal_due_on = models.DateField(_("hạn kháng cáo"), null=True, blank=True)
    protest_due_on = models.DateField(_("hạn kháng nghị"), null=True, blank=True)
    appeal_explanation = models.TextField(_("cách tính hạn kháng cáo, kháng nghị"), blank=True)
    # The act a LIMIT_FOR_AN_ACT stage's limit is for (the decision to enforce, art. 364).
    act_on = models.DateField(_("ngày ra quyết định thi hành án"), null=True, blank=True)
    act_decision = models.CharField(_("quyết định thi hành án"), max_length=120, blank=True)

    class Meta:
        ordering = ["case", "started_on", "id"]
        verbose_name = _("giai đoạn tố tụng")
        verbose_name_plural = _("giai đoạn tố tụng")
        # The stages whose limit runs (the escalation job, issue 19): the job reads this small
        # partial index, not the stages of every case ever followed.
        indexes = [
            models.Index(
                fields=["due_on", "id"],
                condition=models.Q(ended_on__isnull=True, due_on__isnull=False),
                name="stage_running_due",
            )
        ]

    def __str__(self):
        return f"{self.case} · {self.get_stage_display()}"

    @property
    def order(self) -> int:
        return self.ORDER[self.stage]

    @property
    def is_suspended(self) -> bool:
        return self.suspended_on is not None and self.resumed_on is None

    @property
    def limit_start(self):
        """The day the running limit counts from: the resumption date after a suspension."""
        return self.resumed_on or self.started_on

    @property
    def is_overdue_today(self) -> bool:
        from noichinh.core import clock

        return self.is_overdue_on(clock.today())

    def appeal_period_over_on(self, day) -> bool:
        """Both the appeal and the protest periods have ended on ``day``."""
        last = max(filter(None, [self.appeal_due_on, self.protest_due_on]), default=None)
        return last is not None and day > last

    def is_overdue_on(self, day) -> bool:
        if not self.due_on or self.is_suspended:
            return False
        if self.stage in self.LIMIT_FOR_AN_ACT:
            if self.act_on:
                return self.act_on > self.due_on
            return day > self.due_on
        if self.ended_on:
            return self.ended_on > self.due_on
        return day > self.due_on


class StageExtension(models.Model):
    """An extension of a stage's time limit, by a numbered decision (a rule variant)."""

    stage = models.ForeignKey(CaseStage, on_delete=models.CASCADE, related_name="extensions")
    variant = models.CharField(_("lần gia hạn"), max_length=40)
    decision_number = models.CharField(_("số quyết định gia hạn"), max_length=120)
    decision_date = models.DateField(_("ngày quyết định"))
    due_on = models.DateField(_("hạn mới"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["stage", "decision_date", "id"]
        verbose_name = _("gia hạn")
        verbose_name_plural = _("gia hạn")
        constraints = [
            models.UniqueConstraint(fields=["stage", "variant"], name="cases_one_extension_each"),
        ]

    def __str__(self):
        return f"{self.stage} · {self.variant} · {self.decision_number}"


class ProgressReport(models.Model):
    """A periodic update on a case by the agency in charge."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="progress_reports")
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan báo cáo")
    )
    reported_on = models.DateField(_("ngày báo cáo"))
    content = models.TextField(_("nội dung"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reported_on", "-id"]
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")

    def __str__(self):
        return f"{self.case} · {self.reported_on:%d/%m/%Y}"


class ExplanationRequest(models.Model):
    """The secretariat asks an agency in charge to explain (e.g. a delay); the agency answers."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="explanation_requests")
    addressed_to = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan giải trình")
    )
    requested_on = models.DateField(_("ngày yêu cầu"))
    answer_by = models.DateField(_("hạn trả lời"), null=True, blank=True)
    question = models.TextField(_("nội dung yêu cầu giải trình"))
    answer = models.TextField(_("nội dung giải trình"), blank=True)
    answered_on = models.DateField(_("ngày giải trình"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-requested_on", "-id"]
        verbose_name = _("yêu cầu giải trình")
        verbose_name_plural = _("yêu cầu giải trình")

    def __str__(self):
        return f"{self.case} · {self.addressed_to} · {self.requested_on:%d/%m/%Y}"
