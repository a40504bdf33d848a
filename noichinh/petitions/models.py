"""Citizen reception book, petitions, their time limits, transitions and attachments.

Sources: Law on Citizen Reception 2013 (art. 30: mass visits), Circular 05/2021/TT-TTCP
(classification and handling), Law on Complaints 2011, Law on Denunciations 2018 (art. 9:
the denouncer's identity is confidential). See shared/domain/legal.md §3–4.

A denunciation's sender identity is stored ONLY in ``sealed_identity`` (core.sealed, a
Fernet token of a JSON object); the plain ``sender_*`` columns stay empty for it. The
non-identifying ``sender_hash`` (HMAC with SECRET_KEY) lets duplicate detection match the
same sender without revealing who it is.
"""

import hashlib
import hmac
import json
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from noichinh.core import sealed
from noichinh.core.text import fold


def mass_min_people() -> int:
    """People on the same content from which a visit or petition is "đông người".

    Law on Citizen Reception 2013 art. 30 (5 or more people); a setting so the rule stays data.
    """
    return int(getattr(settings, "PETITIONS_MASS_MIN_PEOPLE", 5))


def sender_hash_of(name: str, id_number: str) -> str:
    """Non-identifying key of a sender: HMAC-SHA256 of folded name + ID number."""
    name_f, id_f = fold(name), "".join(ch for ch in (id_number or "") if ch.isalnum()).lower()
    if not name_f and not id_f:
        return ""
    msg = f"{name_f}|{id_f}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), msg, hashlib.sha256).hexdigest()


def id_hash_of(id_number: str) -> str:
    """Non-identifying key of an ID number alone (CCCD), for duplicate proposals."""
    id_f = "".join(ch for ch in (id_number or "") if ch.isalnum()).lower()
    if not id_f:
        return ""
    return hmac.new(settings.SECRET_KEY.encode(), f"id|{id_f}".encode(), hashlib.sha256).hexdigest()


class PetitionType(models.TextChoices):
    COMPLAINT = "complaint", "Khiếu nại"
    DENUNCIATION = "denunciation", "Tố cáo"
    RECOMMENDATION = "recommendation", "Kiến nghị"
    REFLECTION = "reflection", "Phản ánh"
    MIXED = "mixed", "Nhiều nội dung"


class PetitionField(models.TextChoices):
    LAND = "land", "Đất đai"
    COMPENSATION = "compensation_resettlement", "Bồi thường, hỗ trợ, tái định cư"
    POLICY = "policy", "Chế độ, chính sách"
    JUSTICE = "justice", "Tư pháp"
    CORRUPTION = "corruption", "Tham nhũng, tiêu cực"
    ADMINISTRATION = "administration", "Hành chính"
    OTHER = "other", "Lĩnh vực khác"


class RemembersFigureDays:
    """Keeps the dates a record was loaded with (``FIGURE_DATES``), so that a save moving it
    to another day marks both days of the daily figures (``noichinh.petitions.daily``)."""

    FIGURE_DATES: tuple[str, ...] = ()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # __dict__: a field left out by .only() is not fetched for this.
        instance._figure_days = {f: instance.__dict__.get(f) for f in cls.FIGURE_DATES}
        return instance


class Visit(RemembersFigureDays, models.Model):
    """One entry of the citizen reception book (sổ tiếp công dân): one visit (lượt)."""

    class Kind(models.TextChoices):
        REGULAR = "regular", "Tiếp thường xuyên"
        LEADER_DAY = "leader_day", "Lãnh đạo tiếp định kỳ"
        UNSCHEDULED = "unscheduled", "Tiếp đột xuất"

    class Answer(models.TextChoices):
        GUIDED = "guided", "Hướng dẫn, giải thích"
        RECEIVED = "received", "Tiếp nhận đơn"
        REFUSED = "refused", "Từ chối tiếp"

    AUDIT_EXCLUDE = ("sealed_identity", "visitor_hash")
    FIGURE_DATES = ("visited_on",)

    visited_on = models.DateField("ngày tiếp", db_index=True)
    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="visits", verbose_name="cơ quan tiếp"
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người tiếp",
    )
    kind = models.CharField("hình thức tiếp", max_length=20, choices=Kind, default=Kind.REGULAR)
    petition_type = models.CharField(
        "loại nội dung", max_length=20, choices=PetitionType, default=PetitionType.COMPLAINT
    )
    field = models.CharField(
        "lĩnh vực", max_length=30, choices=PetitionField, default=PetitionField.OTHER
    )
    people_count = models.PositiveIntegerField("số người", default=1)
    is_mass = models.BooleanField("đoàn đông người", default=False, editable=False)
    representatives = models.TextField("người đại diện", blank=True)
    representative_count = models.PositiveSmallIntegerField("số người đại diện", default=0)
    # Visitor identity: plain for non-denunciations; sealed only for denunciations.
    visitor_name = models.CharField("họ tên công dân", max_length=255, blank=True)
    visitor_address = models.CharField("địa chỉ", max_length=255, blank=True)
    visitor_id_number = models.CharField("số CCCD", max_length=20, blank=True)
    sealed_identity = models.TextField(blank=True, editable=False)
    visitor_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    unit = models.ForeignKey(
        "org.AreaUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="visits",
        verbose_name="địa bàn",
    )
    content = models.TextField("nội dung")
    content_folded = models.TextField(editable=False, blank=True)
    repeat_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repeats",
        verbose_name="tiếp lại vụ việc của lượt",
        help_text="Lượt tiếp về vụ việc đã được tiếp trước đó (không tính là vụ việc mới).",
    )
    answer = models.CharField("kết quả tiếp", max_length=20, choices=Answer, default=Answer.GUIDED)
    answer_reason = models.TextField("lý do / nội dung hướng dẫn", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    # The exchange format's key and cursor (exchange.exporting): stable across instances.
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-visited_on", "-id"]
        verbose_name = "lượt tiếp công dân"
        verbose_name_plural = "sổ tiếp công dân"
        indexes = [
            models.Index(fields=["agency", "visited_on"], name="visit_agency_date"),
            models.Index(fields=["visited_on", "is_mass"], name="visit_date_mass"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(people_count__gte=1), name="visit_people_at_least_one"
            ),
            models.CheckConstraint(
                condition=~Q(petition_type="denunciation")
                | (Q(visitor_name="") & Q(visitor_id_number="") & Q(visitor_address="")),
                name="visit_denunciation_identity_sealed_only",
            ),
        ]

    def __str__(self):
        return f"Lượt tiếp {self.visited_on:%d/%m/%Y} #{self.pk or ''}"

    def save(self, *args, **kwargs):
        self.compute()
        super().save(*args, **kwargs)

    @property
    def is_denunciation(self) -> bool:
        return self.petition_type == PetitionType.DENUNCIATION

    def clean(self):
        super().clean()
        if self.answer == self.Answer.REFUSED and not (self.answer_reason or "").strip():
            raise ValidationError({"answer_reason": "Từ chối tiếp phải ghi rõ lý do."})
        if self.people_count and self.people_count >= mass_min_people():
            if not (self.representatives or "").strip() and not self.representative_count:
                raise ValidationError(
                    {"representatives": "Đoàn đông người phải cử người đại diện."}
                )

    def set_identity(self, *, name="", id_number="", address=""):
        """Store the visitor's identity: sealed for a denunciation, plain otherwise."""
        data = {
            "name": (name or "").strip(),
            "id_number": (id_number or "").strip(),
            "address": (address or "").strip(),
        }
        self.visitor_hash = sender_hash_of(data["name"], data["id_number"])
        if self.is_denunciation:
            self.sealed_identity = (
                sealed.seal(json.dumps(data, ensure_ascii=False)) if any(data.values()) else ""
            )
            self.visitor_name = self.visitor_id_number = self.visitor_address = ""
        else:
            self.sealed_identity = ""
            self.visitor_name = data["name"]
            self.visitor_id_number = data["id_number"]
            self.visitor_address = data["address"]

    def identity(self) -> dict:
        """The visitor's identity; UNSEALS for a denunciation (check permission first)."""
        if self.is_denunciation:
            return json.loads(sealed.unseal(self.sealed_identity)) if self.sealed_identity else {}
        return {
            "name": self.visitor_name,
            "id_number": self.visitor_id_number,
            "address": self.visitor_address,
        }

    def compute(self):
        self.is_mass = bool(self.people_count and self.people_count >= mass_min_people())
        self.content_folded = fold(self.content)
        if self.is_denunciation and (
            self.visitor_name or self.visitor_id_number or self.visitor_address
        ):
            self.set_identity(
                name=self.visitor_name,
                id_number=self.visitor_id_number,
                address=self.visitor_address,
            )


# Petition.OPEN_STATES as plain strings, for the partial indexes of Petition.Meta.
OPEN = ["received", "classified", "accepted", "suspended"]


class Petition(RemembersFigureDays, models.Model):
    """A petition (đơn) in one agency's register; a forwarded one starts a new record there."""

    AUDIT_EXCLUDE = ("sealed_identity", "sender_hash", "sender_id_hash")
    FIGURE_DATES = ("received_on", "resolved_on")

    class Channel(models.TextChoices):
        VISIT = "visit", "Trực tiếp (qua tiếp công dân)"
        POST = "post", "Qua bưu chính"
        FORWARDED = "forwarded", "Cơ quan khác chuyển đến"
        PORTAL = "portal", "Cổng trực tuyến"

    class SenderKind(models.TextChoices):
        PERSON = "person", "Cá nhân"
        ORGANISATION = "organisation", "Cơ quan, tổ chức"

    class State(models.TextChoices):
        RECEIVED = "received", "Mới tiếp nhận"
        CLASSIFIED = "classified", "Đã phân loại"
        ACCEPTED = "accepted", "Đã thụ lý"
        FORWARDED = "forwarded", "Đã chuyển đơn"
        GUIDED = "guided", "Đã hướng dẫn"
        RETURNED = "returned", "Đã trả lại đơn"
        ARCHIVED = "archived", "Lưu đơn"
        SUSPENDED = "suspended", "Tạm đình chỉ"
        RESOLVED = "resolved", "Đã giải quyết"
        CLOSED = "closed", "Kết thúc"

    class Outcome(models.TextChoices):
        ACCEPT = "accept", "Thụ lý giải quyết"
        FORWARD = "forward", "Chuyển đơn"
        GUIDE = "guide", "Hướng dẫn"
        RETURN = "return", "Trả lại đơn"
        ARCHIVE = "archive", "Lưu đơn"

    class Result(models.TextChoices):
        RIGHT = "right", "Đúng"
        PARTLY_RIGHT = "partly_right", "Có đúng, có sai"
        WRONG = "wrong", "Sai"

    OPEN_STATES = (State.RECEIVED, State.CLASSIFIED, State.ACCEPTED, State.SUSPENDED)
    FINAL_STATES = (
        State.FORWARDED,
        State.GUIDED,
        State.RETURNED,
        State.ARCHIVED,
        State.RESOLVED,
        State.CLOSED,
    )

    # Stable identifier across instances (the exchange format keys records by it).
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    receipt_no = models.CharField("số vào sổ", max_length=40)
    received_on = models.DateField("ngày nhận")
    channel = models.CharField("nguồn đơn", max_length=20, choices=Channel, default=Channel.POST)
    visit = models.ForeignKey(
        Visit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="petitions",
        verbose_name="lượt tiếp",
    )
    agency = models.ForeignKey(
        "org.Agency",
        on_delete=models.PROTECT,
        related_name="petitions",
        verbose_name="cơ quan xử lý",
    )
    addressed_to = models.CharField("nơi gửi đơn", max_length=255, blank=True)
    sender_kind = models.CharField(
        "người gửi là", max_length=20, choices=SenderKind, default=SenderKind.PERSON
    )
    # Plain sender fields: never filled for a denunciation (see sealed_identity).
    sender_name = models.CharField("người gửi", max_length=255, blank=True)
    sender_id_number = models.CharField("số CCCD", max_length=20, blank=True)
    sender_address = models.CharField("địa chỉ", max_length=255, blank=True)
    sender_phone = models.CharField("điện thoại", max_length=30, blank=True)
    sender_email = models.CharField("thư điện tử", max_length=254, blank=True)
    sealed_identity = models.TextField(blank=True, editable=False)
    sender_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    sender_id_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    sender_folded = models.CharField(max_length=255, blank=True, editable=False)
    is_anonymous = models.BooleanField("đơn nặc danh", default=False)
    co_senders = models.PositiveIntegerField("số người cùng ký", default=0)
    unit = models.ForeignKey(
        "org.AreaUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
        verbose_name="địa bàn",
    )
    summary = models.CharField("trích yếu", max_length=255, blank=True)
    content = models.TextField("nội dung")
    content_folded = models.TextField(editable=False, blank=True)
    type = models.CharField(
        "loại đơn", max_length=20, choices=PetitionType, default=PetitionType.COMPLAINT
    )
    field = models.CharField(
        "lĩnh vực", max_length=30, choices=PetitionField, default=PetitionField.OTHER
    )
    complaint_round = models.PositiveSmallIntegerField(
        "lần giải quyết", default=1, help_text="Khiếu nại lần đầu (1) hay lần hai (2)."
    )
    is_complex = models.BooleanField("vụ việc phức tạp", default=False)
    is_remote = models.BooleanField("vùng sâu, vùng xa", default=False)
    meets_conditions = models.BooleanField("đủ điều kiện xử lý", null=True, blank=True)
    in_competence = models.BooleanField("thuộc thẩm quyền", null=True, blank=True)
    state = models.CharField("trạng thái", max_length=20, choices=State, default=State.RECEIVED)
    state_before_suspension = models.CharField(max_length=20, blank=True, editable=False)
    outcome = models.CharField("hướng xử lý", max_length=20, choices=Outcome, blank=True)
    outcome_doc_no = models.CharField("số văn bản xử lý", max_length=60, blank=True)
    outcome_date = models.DateField("ngày văn bản xử lý", null=True, blank=True)
    forwarded_to = models.ForeignKey(
        "org.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="chuyển đến cơ quan",
    )
    forwarded_to_name = models.CharField("chuyển đến (ngoài hệ thống)", max_length=255, blank=True)
    is_mass = models.BooleanField("đông người", default=False)
    is_over_level = models.BooleanField("vượt cấp", default=False)
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        verbose_name="trùng với đơn",
    )
    is_repeat = models.BooleanField(
        "đơn gửi lại",
        default=False,
        help_text="Gửi lại/nhiều lần cùng nội dung (không phải vụ việc mới).",
    )
    forwarded_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forwards",
        verbose_name="đơn của cơ quan chuyển",
    )
    answer_received_on = models.DateField(
        "ngày nhận kết quả từ nơi được chuyển", null=True, blank=True
    )
    answer_note = models.TextField("kết quả nơi được chuyển trả lời", blank=True)
    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_petitions",
        verbose_name="cán bộ được giao",
    )
    current_step = models.CharField("bước hiện tại (mã thời hạn)", max_length=80, blank=True)
    next_due = models.DateField("hạn xử lý tiếp theo", null=True, blank=True)
    decision_received_on = models.DateField(
        "ngày nhận hoặc biết quyết định, hành vi bị khiếu nại",
        null=True,
        blank=True,
        help_text="Thời hiệu khiếu nại tính từ ngày này (quy tắc complaint.lodge).",
    )
    next_due_provisional = models.BooleanField(
        "hạn tạm tính",
        default=False,
        db_default=False,
        help_text="Hạn dựa vào ngày, năm chưa có thông báo lịch nghỉ chính thức.",
    )
    paused_days = models.PositiveIntegerField("số ngày tạm dừng", default=0)
    result = models.CharField("kết quả giải quyết", max_length=20, choices=Result, blank=True)
    resolution_doc_no = models.CharField("số quyết định/kết luận", max_length=60, blank=True)
    resolved_on = models.DateField("ngày giải quyết", null=True, blank=True)
    resolved_on_time = models.BooleanField("giải quyết đúng hạn", null=True, blank=True)
    recovered_vnd = models.BigIntegerField("tiền kiến nghị thu hồi (đồng)", default=0)
    recovered_land_m2 = models.BigIntegerField("đất kiến nghị thu hồi (m²)", default=0)
    people_handled = models.PositiveIntegerField("số người kiến nghị xử lý", default=0)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = "đơn"
        verbose_name_plural = "đơn thư"
        indexes = [
            models.Index(fields=["agency", "received_on"], name="pet_agency_received"),
            models.Index(fields=["received_on"], name="pet_received"),
            models.Index(fields=["agency", "state", "next_due"], name="pet_agency_state_due"),
            models.Index(fields=["state", "next_due"], name="pet_state_due"),
            # Lists sorted by due date (ORDER BY next_due NULLS LAST, id): the index gives
            # the whole order, so LIMIT 25 stops early even among the rows without a limit.
            models.Index(fields=["next_due", "id"], name="pet_due_id"),
            # Running limits (open, not suspended): the overdue / due-soon lists and their
            # counts read only this small index.
            models.Index(
                fields=["next_due", "id"],
                condition=Q(state__in=["received", "classified", "accepted"]),
                name="pet_running_due",
            ),
            # An agency's list by type: counted without reading the table, and sorted by due
            # date by walking the index (the busiest agency has 16,000 complaints at 1e6).
            models.Index(fields=["agency", "type", "next_due", "id"], name="pet_agency_type_due"),
            # The overdue figure of a period: the open rows received in it (spelled as
            # selectors.RUNNING, like pet_running_due).
            # The state as a column too: SQLite reads a column of the index's condition from
            # the table, unless the index holds it (PostgreSQL does not need it).
            models.Index(
                fields=["received_on", "next_due", "agency", "state"],
                name="pet_running_received",
                condition=Q(state__in=["received", "classified", "accepted"]),
            ),
            # The dashboard's open mass and over-level petitions: small partial indexes
            # searched by state, instead of reading every open petition (a province-year has
            # tens of thousands). With the state as a column (not in the condition) SQLite's
            # planner takes them even when pet_state_due offers the same state=? search.
            models.Index(
                fields=["state", "agency"], condition=Q(is_mass=True), name="pet_mass_state"
            ),
            models.Index(
                fields=["state", "agency"],
                condition=Q(is_over_level=True),
                name="pet_over_level_state",
            ),
            # "To urge" (home page, ?flag=to_urge): records forwarded to another agency in the
            # system that are past their limit there. Only forwarded records are in it.
            models.Index(
                fields=["state", "next_due", "forwarded_from"],
                condition=Q(forwarded_from__isnull=False),
                name="pet_forwarded_due",
            ),
            # A list filtered by type and sorted by due date: walked in order, LIMIT 25 stops
            # early; SQLite also reads ORDER BY next_due NULLS LAST, id from it.
            models.Index(fields=["type", "next_due", "id"], name="pet_type_due"),
            models.Index(fields=["type", "received_on"], name="pet_type_received"),
            models.Index(fields=["field"], name="pet_field"),
            models.Index(fields=["duplicate_of"], name="pet_duplicate_of"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "receipt_no"], name="petition_receipt_unique"
            ),
            models.CheckConstraint(
                condition=~Q(type="denunciation")
                | (
                    Q(sender_name="")
                    & Q(sender_id_number="")
                    & Q(sender_address="")
                    & Q(sender_phone="")
                    & Q(sender_email="")
                ),
                name="petition_denunciation_identity_sealed_only",
            ),
        ]

    def __str__(self):
        return f"Đơn số {self.receipt_no}"

    def save(self, *args, **kwargs):
        self.seal_if_denunciation()
        self.compute()
        super().save(*args, **kwargs)

    @property
    def is_denunciation(self) -> bool:
        return self.type == PetitionType.DENUNCIATION

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    @property
    def is_new_matter(self) -> bool:
        return self.duplicate_of_id is None and not self.is_repeat

    def identity(self) -> dict:
        """The sender's identity. For a denunciation this UNSEALS: call only after
        ``org.permissions.petitions.can_reveal_identity`` and log the reveal."""
        if self.is_denunciation:
            if not self.sealed_identity:
                return {}
            return json.loads(sealed.unseal(self.sealed_identity))
        return {
            "name": self.sender_name,
            "id_number": self.sender_id_number,
            "address": self.sender_address,
            "phone": self.sender_phone,
            "email": self.sender_email,
        }

    def set_identity(self, *, name="", id_number="", address="", phone="", email=""):
        """Store the sender's identity: sealed for a denunciation, plain otherwise."""
        data = {
            "name": (name or "").strip(),
            "id_number": (id_number or "").strip(),
            "address": (address or "").strip(),
            "phone": (phone or "").strip(),
            "email": (email or "").strip(),
        }
        self.sender_hash = sender_hash_of(data["name"], data["id_number"])
        self.sender_id_hash = id_hash_of(data["id_number"])
        if self.is_denunciation:
            self.sealed_identity = (
                sealed.seal(json.dumps(data, ensure_ascii=False)) if any(data.values()) else ""
            )
            self.sender_name = self.sender_id_number = self.sender_address = ""
            self.sender_phone = self.sender_email = ""
            self.sender_folded = ""
        else:
            self.sealed_identity = ""
            self.sender_name = data["name"]
            self.sender_id_number = data["id_number"]
            self.sender_address = data["address"]
            self.sender_phone = data["phone"]
            self.sender_email = data["email"]
            self.sender_folded = fold(data["name"])[:255]

    def seal_if_denunciation(self):
        """When a petition becomes a denunciation (reclassification), move identity under seal."""
        if self.is_denunciation and (
            self.sender_name
            or self.sender_id_number
            or self.sender_address
            or self.sender_phone
            or self.sender_email
        ):
            self.set_identity(
                name=self.sender_name,
                id_number=self.sender_id_number,
                address=self.sender_address,
                phone=self.sender_phone,
                email=self.sender_email,
            )

    def compute(self):
        self.content_folded = fold(f"{self.summary} {self.content}")
        if self.co_senders + 1 >= mass_min_people():
            self.is_mass = True


class Deadline(models.Model):
    """One time-limited step of a petition: its legal rule, start, due date and why."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="deadlines")
    rule = models.CharField("mã thời hạn", max_length=80)
    variant = models.CharField("trường hợp", max_length=40, blank=True)
    started_on = models.DateField("ngày bắt đầu")
    due = models.DateField("hạn", db_index=True)
    explanation = models.TextField("cách tính", blank=True)
    provisional = models.BooleanField("hạn tạm tính", default=False, db_default=False)
    paused_from = models.DateField("tạm dừng từ", null=True, blank=True)
    paused_until = models.DateField("tiếp tục từ", null=True, blank=True)
    pause_decision = models.CharField("quyết định tạm đình chỉ", max_length=60, blank=True)
    pause_reason = models.TextField("lý do tạm đình chỉ", blank=True)
    paused_days = models.PositiveIntegerField("số ngày tạm dừng", default=0)
    # Every finished suspension of this step, oldest first: [{"from", "until", "decision",
    # "reason"}] with ISO dates ("until" is the day the clock restarts). paused_from/paused_until
    # keep the latest one; paused_days is the total calendar days of them all.
    paused_spans = models.JSONField("các lần tạm dừng", default=list, blank=True)
    done_on = models.DateField("hoàn thành ngày", null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["started_on", "id"]
        verbose_name = "thời hạn"
        verbose_name_plural = "thời hạn"
        indexes = [models.Index(fields=["done_on", "due"], name="deadline_open_due")]

    def __str__(self):
        return f"{self.rule} → {self.due:%d/%m/%Y}"

    @property
    def is_paused(self) -> bool:
        return self.paused_from is not None and self.paused_until is None

    @property
    def rule_name(self) -> str:
        """The rule's Vietnamese name (as in force on the step's start), never its code."""
        from noichinh.core.selectors import rule_name

        return rule_name(self.rule, on=self.started_on) or "Thời hạn"

    @property
    def on_time(self) -> bool | None:
        if self.done_on is None:
            return None
        return self.done_on <= self.due


# What an officer reads for each ``Transition.action`` (pages and documents use this one map;
# the code itself never reaches a page).
TRANSITION_ACTION_LABELS = {
    "receive": "Tiếp nhận đơn",
    "classify": "Phân loại đơn",
    "accept": "Thụ lý giải quyết",
    "forward": "Chuyển đơn",
    "guide": "Hướng dẫn",
    "return": "Trả lại đơn",
    "archive": "Lưu đơn",
    "extend": "Gia hạn giải quyết",
    "suspend": "Tạm đình chỉ",
    "resume": "Tiếp tục giải quyết",
    "resolve": "Ghi kết quả giải quyết",
    "close": "Kết thúc hồ sơ",
    "urge": "Đôn đốc",
    "answer_received": "Ghi kết quả trả lời",
    "link_duplicate": "Đánh dấu đơn trùng",
    "unlink_duplicate": "Bỏ đánh dấu trùng",
    "recompute_due": "Tính lại hạn theo lịch nghỉ chính thức",
}


class Transition(models.Model):
    """A dated, attributed move of a petition from one state to another (kept forever)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="transitions")
    # Stable identifier across instances (the exchange format keys records by it).
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20)
    action = models.CharField("thao tác", max_length=40, blank=True)
    at = models.DateTimeField("thời điểm")
    on_date = models.DateField("ngày")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    doc_no = models.CharField("số văn bản", max_length=60, blank=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "chuyển trạng thái"
        verbose_name_plural = "lịch sử xử lý"

    def __str__(self):
        return f"{self.from_state or '∅'} → {self.to_state}"

    @property
    def action_label(self) -> str:
        return TRANSITION_ACTION_LABELS.get(self.action, "Cập nhật")

    @property
    def from_state_label(self) -> str:
        return _state_label(self.from_state)

    @property
    def to_state_label(self) -> str:
        return _state_label(self.to_state)


def _state_label(code: str) -> str:
    if not code:
        return ""
    try:
        return Petition.State(code).label
    except ValueError:
        return "—"


def attachment_path(instance, filename):
    # Stored under MEDIA_ROOT (var/private), outside the web root, served only through views.
    return f"petitions/{instance.petition_id or 'new'}/{filename}"


class Attachment(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("tệp", upload_to=attachment_path, max_length=255)
    name = models.CharField("tên tệp", max_length=255)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    is_identifying = models.BooleanField(
        "chứa thông tin nhận diện người gửi",
        default=False,
        help_text="Tệp này lộ danh tính người tố cáo: chỉ người có quyền được mở.",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"

    def __str__(self):
        return self.name


class Notification(models.Model):
    """An in-app notice for a user (reminders of near or overdue time limits)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="petition_notifications"
    )
    petition = models.ForeignKey(
        Petition, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=30)
    key = models.CharField(max_length=120, help_text="Idempotency key: one notice per key.")
    message = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_unique_key")
        ]

    def __str__(self):
        return self.message[:80]


class ContentBand(models.Model):
    """MinHash LSH band keys of a petition's folded content (near-duplicate look-up by index).

    Filled by ``petitions.duplicates.index_petition``; a petition has one row per band.
    """

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="bands")
    band = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["band"], name="petition_band")]
        verbose_name = "khóa LSH nội dung"
        verbose_name_plural = "khóa LSH nội dung"

    def __str__(self):
        return f"{self.petition_id}:{self.band}"


class DailyFigures(models.Model):
    """The register's figures of one day, for one agency (``agency_id`` 0: the whole
    province), on one axis (visits by date of visit, petitions by date of receipt, petitions
    by date of resolution): ``values`` = {figure code: value}, zeros left out.

    A summary kept by ``noichinh.petitions.daily`` so that a period's figures read one row a
    day instead of every record of the period; the records stay the source (a day is
    recomputed from them whenever one of its records changes)."""

    axis = models.CharField(max_length=10)
    day = models.DateField()
    agency_id = models.IntegerField()  # 0: the whole province (no foreign key: a summary)
    values = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["axis", "agency_id", "day"], name="daily_fig_key"),
        ]

    def __str__(self):
        return f"{self.axis} {self.day:%d/%m/%Y} ({self.agency_id or 'toàn tỉnh'})"


class DailyFiguresStale(models.Model):
    """A day of an axis whose records changed since its ``DailyFigures`` were computed:
    written in the same transaction as the change, removed by the refresh that reads it."""

    axis = models.CharField(max_length=10)
    day = models.DateField()

    def __str__(self):
        return f"{self.axis} {self.day:%d/%m/%Y}"


class DailyFiguresState(models.Model):
    """One row per axis: the figure definitions (``signature``) its summary was built with.
    No row, or another signature: the summary is rebuilt from the records."""

    axis = models.CharField(max_length=10, primary_key=True)
    signature = models.CharField(max_length=64)
    built_at = models.DateTimeField()

    def __str__(self):
        return self.axis


class OverdueTally(models.Model):
    """Per agency, how many running petitions (open, not suspended) had their limit end
    before ``before`` (issue 21 §4): the long-overdue part of the home page's "overdue by
    agency", kept so the page reads only the petitions due since ``before``
    (``noichinh.petitions.overdue``). ``version`` is bumped by every change of the agency's
    petitions; the count is fresh while ``counted_version`` equals it."""

    agency = models.OneToOneField(
        "org.Agency", on_delete=models.CASCADE, primary_key=True, related_name="overdue_tally"
    )
    before = models.DateField()
    n = models.PositiveIntegerField(default=0)
    version = models.PositiveBigIntegerField(default=0)
    counted_version = models.BigIntegerField(default=-1)

    def __str__(self):
        return f"{self.agency_id}: {self.n} < {self.before}"


class ReceptionDay(models.Model):
    """A day of an agency's published reception schedule (lịch tiếp công dân): which leader
    receives citizens, where and when. Published on the portal; a visit recorded by that
    leader in that agency on that day is a "Lãnh đạo tiếp định kỳ" visit
    (``Visit.Kind.LEADER_DAY``), counted in the visits figures by kind.

    Law on Citizen Reception 2013 (Law 42/2013/QH13): heads of agencies receive citizens on
    a periodic schedule that is published; the article numbers (art. 12–18 for the heads'
    reception days, the duty to publish the schedule) were not checked against the text
    here: verify."""

    agency = models.ForeignKey(
        "org.Agency",
        on_delete=models.PROTECT,
        related_name="reception_days",
        verbose_name="cơ quan",
    )
    day = models.DateField("ngày tiếp", db_index=True)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="tài khoản lãnh đạo",
    )
    leader_name = models.CharField("lãnh đạo tiếp", max_length=150)
    leader_title = models.CharField("chức vụ", max_length=150, blank=True)
    place = models.CharField("địa điểm", max_length=255)
    hours = models.CharField("thời gian", max_length=100, blank=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)
    cancelled = models.BooleanField("hủy lịch", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["day", "agency__name", "id"]
        verbose_name = "ngày tiếp công dân định kỳ"
        verbose_name_plural = "lịch tiếp công dân"
        indexes = [models.Index(fields=["agency", "day"], name="reception_day_agency")]

    def __str__(self):
        return f"{self.leader_name} tiếp công dân ngày {self.day:%d/%m/%Y}"


class EscalationRule(models.Model):
    """Who is told, at which point of a time limit (law as data, like the time limits).

    A rule fires for an open record once per due date (``share``: when that share of the
    limit has passed; ``due_day``: on the due day), or, for ``overdue``, on the first day
    past the limit and again every ``repeat_working_days`` working days while it stays
    overdue. ``source`` says where the rule comes from (a document, or the province's own
    choice)."""

    class Subject(models.TextChoices):
        PETITION = "petition", "Đơn thư"
        TASK = "task", "Nhiệm vụ theo kết luận"
        CASE_STAGE = "case_stage", "Giai đoạn tố tụng của vụ án được theo dõi"

    class Trigger(models.TextChoices):
        SHARE = "share", "Khi đã qua một tỷ lệ thời hạn"
        DUE_DAY = "due_day", "Vào ngày đến hạn"
        OVERDUE = "overdue", "Khi quá hạn"

    class Recipient(models.TextChoices):
        OFFICER = "officer", "Cán bộ được giao xử lý"
        HEAD = "head", "Thủ trưởng cơ quan"
        SUPERVISOR = "supervisor", "Cơ quan giám sát, cấp trên"
        FORWARDER = "forwarder", "Cơ quan đã chuyển đơn"
        SECRETARIAT = "secretariat", "Cơ quan thường trực theo dõi"

    # The short names callers use (``EscalationRule.PETITION``, ``EscalationRule.SUBJECTS``).
    PETITION, TASK, CASE_STAGE = Subject.PETITION, Subject.TASK, Subject.CASE_STAGE
    SUBJECTS = Subject.choices
    SHARE, DUE_DAY, OVERDUE = Trigger.SHARE, Trigger.DUE_DAY, Trigger.OVERDUE
    TRIGGERS = Trigger.choices
    OFFICER, HEAD, SUPERVISOR, FORWARDER, SECRETARIAT = (
        Recipient.OFFICER,
        Recipient.HEAD,
        Recipient.SUPERVISOR,
        Recipient.FORWARDER,
        Recipient.SECRETARIAT,
    )
    RECIPIENTS = Recipient.choices
    code = models.CharField("mã", max_length=60, unique=True)
    name = models.CharField("tên", max_length=255)
    subject = models.CharField("áp dụng cho", max_length=20, choices=Subject)
    trigger = models.CharField("thời điểm", max_length=20, choices=Trigger)
    share_percent = models.PositiveSmallIntegerField(
        "tỷ lệ thời hạn đã qua (%)", null=True, blank=True
    )
    repeat_working_days = models.PositiveSmallIntegerField(
        "nhắc lại sau mỗi (ngày làm việc)", null=True, blank=True
    )
    recipient = models.CharField("người nhận", max_length=20, choices=Recipient)
    source = models.TextField("căn cứ")
    active = models.BooleanField("đang áp dụng", default=True)

    class Meta:
        ordering = ["subject", "code"]
        verbose_name = "quy tắc cảnh báo, báo cáo cấp trên"
        verbose_name_plural = "quy tắc cảnh báo, báo cáo cấp trên"
        constraints = [
            models.CheckConstraint(
                condition=~Q(trigger="share") | Q(share_percent__gt=0, share_percent__lt=100),
                name="escalation_share_in_range",
            )
        ]

    def __str__(self):
        return self.name


class Escalation(models.Model):
    """One notice of a rule to one person about one record and one due date (kept forever:
    the record's history and the "escalated" figure read it). Unique, so a job run twice,
    or two runs at once, tell nobody twice."""

    rule = models.ForeignKey(EscalationRule, on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(max_length=20, choices=EscalationRule.Subject)
    object_id = models.PositiveBigIntegerField()
    petition = models.ForeignKey(
        Petition, null=True, blank=True, on_delete=models.CASCADE, related_name="escalations"
    )
    # The agency that is late (counted in the "escalated" figure).
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="escalations_received"
    )
    recipient_agency = models.ForeignKey(
        "org.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due = models.DateField("hạn")
    occurrence = models.PositiveSmallIntegerField(default=0)
    on_date = models.DateField("ngày")
    message = models.CharField(max_length=500)
    notification = models.ForeignKey(
        Notification, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on_date", "id"]
        verbose_name = "cảnh báo, báo cáo cấp trên"
        verbose_name_plural = "cảnh báo, báo cáo cấp trên"
        constraints = [
            models.UniqueConstraint(
                fields=["subject", "object_id", "rule", "due", "occurrence", "recipient"],
                name="escalation_once",
            )
        ]
        indexes = [
            models.Index(fields=["subject", "object_id"], name="esc_object"),
            models.Index(fields=["agency", "on_date"], name="esc_agency_day"),
            models.Index(fields=["recipient", "on_date"], name="esc_recipient_day"),
        ]

    def __str__(self):
        return self.message[:80]


class NotificationPreference(models.Model):
    """What a user wants by e-mail (the in-app inbox always has everything)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email_digest = models.BooleanField("thư tổng hợp hằng ngày", default=True)
    email_escalations = models.BooleanField(
        "thư ngay khi có cảnh báo, báo cáo cấp trên gửi tới tôi", default=False
    )
    email_reminders = models.BooleanField("thư nhắc hạn xử lý đơn", default=True)
    # The day of the last digest sent: claimed by a conditional UPDATE, one digest a day.
    last_digest_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "cài đặt thông báo"
        verbose_name_plural = "cài đặt thông báo"

    def __str__(self):
        return f"{self.user}"
