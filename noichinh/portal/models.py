"""The public portal's access codes and messages, and denouncers' protection requests.

- A receipt code is shown once to the sender; only its SHA-256 is stored (``PortalAccess``).
- Messages between the handler and the sender (``PortalMessage``) hang on the petition.
- Protection requests (Law on Denunciations 2018 chapter VI, art. 47 onward): the people to
  protect other than the denouncer (relatives) are sealed like the identity itself.

Identity reveals are written to core's hash-chained audit history (action
``reveal_identity``), not to a table of this app: one tamper-evident chain for everything.
"""

import hashlib
import json

from django.conf import settings
from django.db import models

from noichinh.core import sealed
from noichinh.petitions.grounds import RevealGround  # noqa: F401  (importable here, as before)


def code_hash(code: str) -> str:
    return hashlib.sha256((code or "").encode()).hexdigest()


class PortalAccess(models.Model):
    """The hash of the receipt code with which a sender follows their petition."""

    petition = models.OneToOneField(
        "petitions.Petition", on_delete=models.CASCADE, related_name="portal_access"
    )
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    AUDIT_EXCLUDE = ("code_hash",)

    class Meta:
        verbose_name = "mã tra cứu"
        verbose_name_plural = "mã tra cứu"

    def __str__(self):
        return f"Mã tra cứu của đơn #{self.petition_id}"


class PortalSubmission(models.Model):
    """One portal form sent once: the hash of the form's one-time key and the petition it made.

    The submit form carries a random key; the same key sent again (a double click, a reload,
    two requests at once) gives back the petition it made instead of a second one. The
    receipt code is kept sealed for a short while, so the repeated request can show it
    too; after that only the hash of the key stays.
    """

    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    petition = models.ForeignKey(
        "petitions.Petition", null=True, on_delete=models.CASCADE, related_name="+"
    )
    code_sealed = models.TextField(blank=True, default="", editable=False)
    created_at = models.DateTimeField(db_index=True)

    AUDIT_EXCLUDE = ("key_hash", "code_sealed")

    class Meta:
        verbose_name = "lần gửi đơn qua cổng"
        verbose_name_plural = "lần gửi đơn qua cổng"

    def __str__(self):
        return f"Lần gửi đơn #{self.petition_id}"


class PortalMessage(models.Model):
    class Kind(models.TextChoices):
        ANSWER = "answer", "Trả lời của cơ quan"
        QUESTION = "question", "Cơ quan đề nghị bổ sung, làm rõ"
        REPLY = "reply", "Phản hồi của người gửi"

    petition = models.ForeignKey(
        "petitions.Petition", on_delete=models.CASCADE, related_name="portal_messages"
    )
    kind = models.CharField("loại", max_length=20, choices=Kind)
    text = models.TextField("nội dung")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="cán bộ",
    )
    agency = models.ForeignKey(
        "org.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("thời điểm", auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "trao đổi qua cổng"
        verbose_name_plural = "trao đổi qua cổng"

    def __str__(self):
        return f"{self.get_kind_display()} · đơn #{self.petition_id}"

    @property
    def from_citizen(self) -> bool:
        return self.kind == self.Kind.REPLY


class Measure(models.TextChoices):
    """Protection measures, Law on Denunciations 2018 art. 47 onward (legal.md §4)."""

    POSITION = "position", "Bảo vệ vị trí công tác"
    JOB = "job", "Bảo vệ việc làm"
    LIFE = "life", "Bảo vệ tính mạng"
    HEALTH = "health", "Bảo vệ sức khỏe"
    PROPERTY = "property", "Bảo vệ tài sản"
    HONOUR = "honour", "Bảo vệ danh dự, nhân phẩm"


class ProtectionRequest(models.Model):
    """A request to protect a denouncer (and relatives), its decision and follow-up.

    Time limits are editable dates: the core rule table has no code for deciding on a
    protection request yet (``protection.decide``); when such a rule exists it is used.
    """

    AUDIT_EXCLUDE = ("sealed_people",)

    class State(models.TextChoices):
        REQUESTED = "requested", "Đã đề nghị, chờ quyết định"
        APPLIED = "applied", "Đang áp dụng biện pháp bảo vệ"
        REFUSED = "refused", "Không áp dụng"
        ENDED = "ended", "Đã chấm dứt bảo vệ"

    class Channel(models.TextChoices):
        PORTAL = "portal", "Qua cổng trực tuyến"
        PAPER = "paper", "Văn bản, trực tiếp"

    petition = models.ForeignKey(
        "petitions.Petition", on_delete=models.PROTECT, related_name="protection_requests"
    )
    channel = models.CharField("nguồn", max_length=20, choices=Channel, default=Channel.PAPER)
    requested_on = models.DateField("ngày đề nghị")
    measures = models.JSONField("biện pháp đề nghị", default=list)
    grounds = models.TextField(
        "căn cứ, nguy cơ bị trả thù",
        help_text="Không ghi họ tên, địa chỉ người tố cáo vào đây.",
    )
    # People to protect besides the denouncer (spouse, children…): identity, sealed.
    sealed_people = models.TextField(blank=True, editable=False)
    state = models.CharField(
        "trạng thái", max_length=20, choices=State, default=State.REQUESTED, db_index=True
    )
    decision_due = models.DateField("hạn quyết định", null=True, blank=True, db_index=True)
    due_explanation = models.TextField("cách tính hạn", blank=True)
    decided_on = models.DateField("ngày quyết định", null=True, blank=True)
    decision_doc_no = models.CharField("số quyết định", max_length=60, blank=True)
    decision_note = models.TextField("nội dung quyết định, lý do", blank=True)
    measures_applied = models.JSONField("biện pháp áp dụng", default=list, blank=True)
    protecting_agency = models.CharField("cơ quan thực hiện bảo vệ", max_length=255, blank=True)
    applied_until = models.DateField("áp dụng đến ngày", null=True, blank=True)
    follow_up_due = models.DateField("hạn kiểm tra tiếp", null=True, blank=True, db_index=True)
    ended_on = models.DateField("ngày chấm dứt", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-requested_on", "-id"]
        verbose_name = "đề nghị bảo vệ người tố cáo"
        verbose_name_plural = "đề nghị bảo vệ người tố cáo"

    def __str__(self):
        return f"Đề nghị bảo vệ #{self.pk or ''} (đơn #{self.petition_id})"

    @property
    def measure_labels(self) -> list[str]:
        return [Measure(m).label for m in self.measures if m in Measure.values]

    @property
    def applied_labels(self) -> list[str]:
        return [Measure(m).label for m in self.measures_applied if m in Measure.values]

    @property
    def next_due(self):
        if self.state == self.State.REQUESTED:
            return self.decision_due
        if self.state == self.State.APPLIED:
            return self.follow_up_due
        return None

    def set_people(self, text: str):
        text = (text or "").strip()
        self.sealed_people = sealed.seal(json.dumps({"people": text})) if text else ""

    def people(self) -> str:
        """UNSEALS: only within the identity reveal flow."""
        if not self.sealed_people:
            return ""
        return json.loads(sealed.unseal(self.sealed_people)).get("people", "")


class ProtectionEvent(models.Model):
    """A dated step of a protection request: decision, check, extension, end (kept forever)."""

    class Kind(models.TextChoices):
        REQUESTED = "requested", "Tiếp nhận đề nghị"
        DECIDED = "decided", "Quyết định"
        CHECK = "check", "Kiểm tra, theo dõi"
        DUE_CHANGED = "due_changed", "Điều chỉnh thời hạn"
        ENDED = "ended", "Chấm dứt"

    request = models.ForeignKey(ProtectionRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind)
    on_date = models.DateField("ngày")
    note = models.TextField("nội dung", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on_date", "id"]
        verbose_name = "diễn biến bảo vệ"
        verbose_name_plural = "diễn biến bảo vệ"

    def __str__(self):
        return f"{self.get_kind_display()} {self.on_date:%d/%m/%Y}"


# --- retention ---------------------------------------------------------------------------------


class RetentionRule(models.Model):
    """How long one kind of portal data of a CLOSED file is kept, and what then happens to it.

    Law is data: each row names its legal source, or says it is the province's own choice
    (``is_province_choice``). The period runs from the day the file was closed (the last
    move of the petition into a final state). Seeded by migration ``0004_seed_retention_rules``;
    administrators change a row in the admin (audited), never the code.
    """

    class Target(models.TextChoices):
        RECEIPT_CODE = "receipt_code", "Mã tra cứu của người gửi"
        MESSAGES = "messages", "Trao đổi qua cổng trực tuyến"
        ATTACHMENTS = "attachments", "Tệp đính kèm"
        SEALED_IDENTITY = "sealed_identity", "Danh tính người tố cáo đã niêm phong"

    class Action(models.TextChoices):
        DELETE = "delete", "Xóa"
        ARCHIVE = "archive", "Chuyển vào kho lưu trữ (mã hóa) rồi xóa khỏi hệ thống"

    target = models.CharField("dữ liệu", max_length=30, choices=Target, unique=True)
    months = models.PositiveIntegerField("thời hạn giữ (tháng, kể từ ngày kết thúc hồ sơ)")
    action = models.CharField("khi hết hạn", max_length=20, choices=Action, default=Action.DELETE)
    notice_days = models.PositiveIntegerField(
        "báo trước (ngày)",
        default=0,
        help_text="Người gửi được báo trước bao nhiêu ngày (chỉ với mã tra cứu).",
    )
    legal_source = models.CharField("căn cứ", max_length=500, blank=True)
    is_province_choice = models.BooleanField(
        "lựa chọn của tỉnh",
        default=False,
        help_text="Không có văn bản quy định thời hạn này: tỉnh tự chọn.",
    )
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        ordering = ["target"]
        verbose_name = "thời hạn lưu giữ dữ liệu"
        verbose_name_plural = "thời hạn lưu giữ dữ liệu"

    def __str__(self):
        return f"{self.get_target_display()}: {self.months} tháng"

    @property
    def source_label(self) -> str:
        if self.is_province_choice:
            return "Lựa chọn của tỉnh" + (
                f" (tham khảo: {self.legal_source})" if self.legal_source else ""
            )
        return self.legal_source


class RetentionHold(models.Model):
    """A closed file kept whole whatever its retention period: an appeal, a complaint about
    its resolution, a lawsuit, a monitored case it belongs to. Released, never deleted."""

    class Reason(models.TextChoices):
        APPEAL = "appeal", "Đang khiếu nại tiếp, khởi kiện hoặc kháng nghị"
        COMPLAINT = "complaint", "Có khiếu nại, tố cáo về việc giải quyết"
        MONITORED = "monitored", "Liên quan vụ án, vụ việc thuộc diện theo dõi"
        OTHER = "other", "Lý do khác"

    petition = models.ForeignKey(
        "petitions.Petition", on_delete=models.CASCADE, related_name="retention_holds"
    )
    reason = models.CharField("lý do giữ", max_length=20, choices=Reason)
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="vụ án, vụ việc theo dõi",
    )
    note = models.CharField("ghi chú", max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    released_at = models.DateTimeField("bỏ giữ lúc", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "giữ hồ sơ không xóa"
        verbose_name_plural = "giữ hồ sơ không xóa"

    def __str__(self):
        return f"Giữ hồ sơ đơn #{self.petition_id}: {self.get_reason_display()}"


class RetentionNotice(models.Model):
    """The sender is told before their receipt code expires: one notice per petition and
    expiry day, pending until a channel to the citizen sends it (``sent_at``). The portal's
    follow-up page shows it meanwhile."""

    petition = models.ForeignKey(
        "petitions.Petition", on_delete=models.CASCADE, related_name="retention_notices"
    )
    expires_on = models.DateField("mã hết hiệu lực ngày")
    noticed_on = models.DateField("ngày báo")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    channel = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "báo trước hết hạn mã tra cứu"
        verbose_name_plural = "báo trước hết hạn mã tra cứu"
        constraints = [
            models.UniqueConstraint(fields=["petition"], name="retention_notice_one_per_petition")
        ]

    def __str__(self):
        return f"Báo hết hạn mã đơn #{self.petition_id} ({self.expires_on:%d/%m/%Y})"


class RetentionRun(models.Model):
    """One run of the retention job and what it removed (counts and records, never content
    nor identity)."""

    started_at = models.DateTimeField("bắt đầu")
    finished_at = models.DateTimeField("kết thúc", null=True, blank=True)
    as_of = models.DateField("tính đến ngày")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    trigger = models.CharField("chạy bởi", max_length=20, default="command")
    counts = models.JSONField("số lượng", default=dict)
    held = models.JSONField("hồ sơ được giữ", default=dict)
    items = models.JSONField("chi tiết", default=list)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = "lần áp dụng thời hạn lưu giữ"
        verbose_name_plural = "các lần áp dụng thời hạn lưu giữ"

    def __str__(self):
        return f"Lưu giữ {self.as_of:%d/%m/%Y}"

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class CitizenNotice(models.Model):
    """One message to a sender about their petition (e-mail or SMS), and whether it went.

    It holds no address and no text: the address is read from the petition's identity (sealed
    for a denunciation) when the message is sent, and the text is composed then from the
    receipt number and the event (``portal.notices``), so nothing here identifies anyone.
    """

    class Event(models.TextChoices):
        ACCEPTED = "accepted", "Đơn được thụ lý"
        REFUSED = "refused", "Đơn không được thụ lý"
        FORWARDED = "forwarded", "Đơn được chuyển đến cơ quan khác"
        INFO_REQUESTED = "info_requested", "Cơ quan đề nghị bổ sung, làm rõ"
        EXTENDED = "extended", "Gia hạn thời hạn giải quyết"
        SUSPENDED = "suspended", "Tạm đình chỉ việc giải quyết"
        RESUMED = "resumed", "Tiếp tục giải quyết"
        ANSWERED = "answered", "Cơ quan đã trả lời"
        CODE_EXPIRING = "code_expiring", "Mã tra cứu sắp hết hiệu lực"

    class Channel(models.TextChoices):
        EMAIL = "email", "Thư điện tử"
        SMS = "sms", "Tin nhắn SMS"

    class State(models.TextChoices):
        PENDING = "pending", "Chờ gửi"
        SENDING = "sending", "Đang gửi"
        SENT = "sent", "Đã gửi"
        FAILED = "failed", "Gửi không được"

    petition = models.ForeignKey(
        "petitions.Petition", on_delete=models.CASCADE, related_name="citizen_notices"
    )
    # The record the event happened on (a forwarded hop), and what made it.
    about = models.ForeignKey(
        "petitions.Petition", on_delete=models.CASCADE, related_name="+", null=True
    )
    source = models.CharField(max_length=60, editable=False)
    event = models.CharField("sự việc", max_length=20, choices=Event)
    channel = models.CharField("kênh", max_length=10, choices=Channel)
    state = models.CharField(
        "tình trạng", max_length=10, choices=State, default=State.PENDING, db_index=True
    )
    error = models.CharField("lỗi", max_length=300, blank=True)
    created_at = models.DateTimeField("thời điểm", auto_now_add=True)
    sent_at = models.DateTimeField("gửi lúc", null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "thông báo cho người gửi"
        verbose_name_plural = "thông báo cho người gửi"
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "source", "channel"], name="citizen_notice_once"
            )
        ]

    def __str__(self):
        return (
            f"{self.get_event_display()} · {self.get_channel_display()} · đơn #{self.petition_id}"
        )


class CitizenFeedback(models.Model):
    """The sender's word on the answer: resolved or not, with a short comment.

    Kept on the record that answered (the last hop of a forward), so the head of the agency
    that answered sees it; one per record, the sender may change it.
    """

    COMMENT_MAX = 500

    petition = models.OneToOneField(
        "petitions.Petition", on_delete=models.CASCADE, related_name="citizen_feedback"
    )
    satisfied = models.BooleanField("hài lòng")
    comment = models.TextField("ý kiến", blank=True)
    created_at = models.DateTimeField("thời điểm", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = "đánh giá của người gửi"
        verbose_name_plural = "đánh giá của người gửi"

    def __str__(self):
        return f"{'Hài lòng' if self.satisfied else 'Không hài lòng'} · đơn #{self.petition_id}"
