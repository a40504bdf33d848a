import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from noichinh.core import clock
from noichinh.core.text import fold


class Dated(models.Model):
    """Valid from ``valid_from`` (inclusive) until ``valid_to`` (exclusive); None = open."""

    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to <= self.valid_from:
            raise ValidationError({"valid_to": _("Ngày kết thúc phải sau ngày bắt đầu.")})

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day < self.valid_to
        )

    @staticmethod
    def valid_on_q(day: dt.date, prefix: str = "") -> Q:
        return (
            Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})
        ) & (Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": day}))


class AreaUnit(Dated):
    """An administrative unit (province, district, commune) with its validity period.

    Records keep the unit they were made under; successions say where a unit's records go
    after a merger, split or abolition (legal.md §8).
    """

    class Level(models.TextChoices):
        PROVINCE = "province", _("cấp tỉnh")
        DISTRICT = "district", _("cấp huyện")
        COMMUNE = "commune", _("cấp xã")

    PROVINCE, DISTRICT, COMMUNE = Level.PROVINCE, Level.DISTRICT, Level.COMMUNE
    LEVELS = Level.choices
    code = models.CharField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("tên"), max_length=150)
    name_folded = models.CharField(max_length=150, editable=False, db_index=True)
    level = models.CharField(_("cấp"), max_length=10, choices=LEVELS)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("đơn vị cấp trên"),
    )
    # The statistics office's code (Bảng danh mục và mã số các đơn vị hành chính Việt Nam:
    # 2 digits for a province, 5 for a commune from 1/7/2025; districts kept their 3-digit
    # code until then). Empty for a unit not in the published list (the demo province).
    official_code = models.CharField(
        _("mã số đơn vị hành chính"), max_length=10, blank=True, db_index=True
    )

    class Meta:
        ordering = ["level", "name"]
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)


class AreaSuccession(models.Model):
    """From ``effective_date``, ``predecessor``'s territory (or part of it) belongs to ``successor``."""

    class Kind(models.TextChoices):
        MERGE = "merge", _("sáp nhập")
        SPLIT = "split", _("chia tách")
        RENAME = "rename", _("đổi tên")
        ABOLISH = "abolish", _("giải thể")

    MERGE, SPLIT, RENAME, ABOLISH = Kind.MERGE, Kind.SPLIT, Kind.RENAME, Kind.ABOLISH
    KINDS = Kind.choices
    predecessor = models.ForeignKey(AreaUnit, on_delete=models.PROTECT, related_name="successions")
    successor = models.ForeignKey(AreaUnit, on_delete=models.PROTECT, related_name="predecessions")
    kind = models.CharField(_("loại"), max_length=10, choices=KINDS)
    effective_date = models.DateField(_("ngày hiệu lực"))
    decision = models.CharField(_("quyết định"), max_length=255, blank=True)
    is_primary = models.BooleanField(
        _("đơn vị kế thừa chính"),
        default=True,
        help_text=_("Nơi hồ sơ của đơn vị cũ được tính sau khi thay đổi."),
    )

    class Meta:
        ordering = ["effective_date"]
        verbose_name = _("kế thừa địa giới")
        verbose_name_plural = _("kế thừa địa giới")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="unique_succession"),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor} ({self.effective_date:%d/%m/%Y})"


# Agencies are listed as officers know them: the party committee and its boards, then the
# inspectorate, reception, the judicial bodies..., each kind in this order, then by name.
AGENCY_KIND_ORDER = [
    "party_committee",
    "standing_committee",
    "internal_affairs",
    "mass_mobilisation",
    "inspectorate",
    "reception_board",
    "police",
    "procuracy",
    "court",
    "judgment_enforcement",
    "justice",
    "military",
    "peoples_committee",
    "fatherland_front",
    "mass_organisation",
    "other",
]
AGENCY_ORDERING: list[str | models.expressions.Combinable] = [
    models.Case(
        *[models.When(kind=k, then=models.Value(i)) for i, k in enumerate(AGENCY_KIND_ORDER)],
        default=models.Value(len(AGENCY_KIND_ORDER)),
        output_field=models.IntegerField(),
    ).asc(),
    "name",
]


class Agency(Dated):
    """A body of the bloc (cơ quan, đơn vị)."""

    class Kind(models.TextChoices):
        PARTY_COMMITTEE = "party_committee", _("Cấp ủy Đảng")
        STANDING_COMMITTEE = "standing_committee", _("Ban Thường vụ")
        INTERNAL_AFFAIRS = "internal_affairs", _("Ban Nội chính")
        INSPECTORATE = "inspectorate", _("Thanh tra")
        RECEPTION_BOARD = "reception_board", _("Ban Tiếp công dân")
        POLICE = "police", _("Công an")
        PROCURACY = "procuracy", _("Viện kiểm sát")
        COURT = "court", _("Tòa án")
        JUDGMENT_ENFORCEMENT = "judgment_enforcement", _("Thi hành án dân sự")
        JUSTICE = "justice", _("Tư pháp")
        MILITARY = "military", _("Cơ quan quân sự")
        MASS_MOBILISATION = "mass_mobilisation", _("Ban Dân vận")
        FATHERLAND_FRONT = "fatherland_front", _("Mặt trận Tổ quốc")
        MASS_ORGANISATION = "mass_organisation", _("Tổ chức chính trị - xã hội")
        PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
        OTHER = "other", _("Khác")

    # The short names the services, selectors and loaders use.
    PARTY_COMMITTEE = Kind.PARTY_COMMITTEE
    STANDING_COMMITTEE = Kind.STANDING_COMMITTEE
    INTERNAL_AFFAIRS = Kind.INTERNAL_AFFAIRS
    INSPECTORATE = Kind.INSPECTORATE
    RECEPTION_BOARD = Kind.RECEPTION_BOARD
    POLICE = Kind.POLICE
    PROCURACY = Kind.PROCURACY
    COURT = Kind.COURT
    JUDGMENT_ENFORCEMENT = Kind.JUDGMENT_ENFORCEMENT
    JUSTICE = Kind.JUSTICE
    MILITARY = Kind.MILITARY
    MASS_MOBILISATION = Kind.MASS_MOBILISATION
    FATHERLAND_FRONT = Kind.FATHERLAND_FRONT
    MASS_ORGANISATION = Kind.MASS_ORGANISATION
    PEOPLES_COMMITTEE = Kind.PEOPLES_COMMITTEE
    OTHER = Kind.OTHER
    KINDS = Kind.choices
    code = models.CharField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=80, blank=True)
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)
    kind = models.CharField(_("loại"), max_length=30, choices=KINDS)
    area = models.ForeignKey(
        AreaUnit, on_delete=models.PROTECT, related_name="agencies", verbose_name=_("địa bàn")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("cơ quan cấp trên"),
    )
    # Mã định danh điện tử của cơ quan, tổ chức (Decision 20/2020/QĐ-TTg), where issued.
    official_code = models.CharField(
        _("mã định danh điện tử"), max_length=40, blank=True, db_index=True
    )

    class Meta:
        ordering = AGENCY_ORDERING
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan, đơn vị")

    def __str__(self):
        return self.short_name or self.name

    def save(self, *args, **kwargs):
        self.name_folded = fold(f"{self.name} {self.short_name} {self.code}")
        super().save(*args, **kwargs)


class Bloc(models.Model):
    """A bloc (khối) or a steering committee (Ban Chỉ đạo): a dated grouping of agencies."""

    class Kind(models.TextChoices):
        BLOC = "bloc", _("khối")
        STEERING = "steering_committee", _("ban chỉ đạo")

    BLOC, STEERING = Kind.BLOC, Kind.STEERING
    KINDS = Kind.choices
    code = models.CharField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=20, choices=KINDS, default=BLOC)
    agencies = models.ManyToManyField(Agency, through="BlocMembership", related_name="blocs")

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("khối hoặc ban chỉ đạo")
        verbose_name_plural = _("khối và ban chỉ đạo")

    def __str__(self):
        return self.name


class BlocMembership(Dated):
    bloc = models.ForeignKey(Bloc, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    is_standing_body = models.BooleanField(_("cơ quan thường trực"), default=False)

    class Meta:
        ordering = ["bloc", "agency__name"]
        verbose_name = _("thành viên")
        verbose_name_plural = _("thành viên")

    def __str__(self):
        return f"{self.agency} ∈ {self.bloc}"


class User(AbstractUser):
    # Never in the history: the password hash, and the time of each login.
    AUDIT_EXCLUDE = ("password", "last_login")

    class Role(models.TextChoices):
        ADMIN = "admin", _("quản trị hệ thống")
        SECRETARIAT = "secretariat", _("cơ quan thường trực")
        OFFICER = "officer", _("cán bộ cơ quan")
        HEAD = "head", _("thủ trưởng cơ quan")
        LEADERSHIP = "leadership", _("lãnh đạo")

    ADMIN, SECRETARIAT, OFFICER = Role.ADMIN, Role.SECRETARIAT, Role.OFFICER
    HEAD, LEADERSHIP = Role.HEAD, Role.LEADERSHIP
    ROLES = Role.choices
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    title = models.CharField(_("chức vụ"), max_length=150, blank=True)
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name=_("cơ quan"),
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=ROLES, default=OFFICER)
    bloc = models.ForeignKey(
        Bloc,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="secretaries",
        verbose_name=_("khối điều phối"),
        help_text=_("Với cơ quan thường trực: khối mà cán bộ điều phối."),
    )

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self):
        return self.full_name or self.username

    @property
    def is_system_admin(self) -> bool:
        """A superuser or the administrator role (``core.permissions`` asks this: the ground
        floor knows no roles)."""
        return self.is_superuser or self.role == self.ADMIN

    def save(self, *args, **kwargs):
        # set_password() keeps the new raw password in _password until the save: however the
        # password changes (the password page, the admin, `changepassword`, a reset), the old
        # API tokens stop working with the old password.
        # AbstractBaseUser sets _password in set_password() (not in django-stubs).
        password_changed = self._password is not None and self.pk is not None  # type: ignore[attr-defined]
        super().save(*args, **kwargs)
        if password_changed:
            self.api_tokens.filter(revoked=False).update(revoked=True)

    def clean(self):
        super().clean()
        if self.role in (self.OFFICER, self.HEAD) and not self.agency_id:
            raise ValidationError({"agency": _("Cán bộ và thủ trưởng phải thuộc một cơ quan.")})
        if self.role == self.SECRETARIAT and not self.bloc_id:
            raise ValidationError({"bloc": _("Cơ quan thường trực phải gắn với một khối.")})


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 is stored.

    It expires API_TOKEN_DAYS after it is issued and is revoked when its owner's password
    changes (User.save).
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("tên"), max_length=100, blank=True)
    prefix = models.CharField(max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    # Null only for a token issued before expiry existed and not yet given a date: refused.
    expires_at = models.DateTimeField(_("hết hạn"), null=True, blank=True)
    revoked = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("Mã truy cập API")
        verbose_name_plural = _("Mã truy cập API")

    def __str__(self):
        return f"{self.user} {self.prefix}…"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User, name: str = "") -> tuple["ApiToken", str]:
        key = "nc_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            prefix=key[:8],
            key_hash=cls.hash_key(key),
            expires_at=clock.now() + dt.timedelta(days=settings.API_TOKEN_DAYS),
        )
        return token, key

    @staticmethod
    def usable_q(now: dt.datetime) -> Q:
        return Q(revoked=False, expires_at__gt=now, user__is_active=True)


class ProvinceSettings(models.Model):
    """The province this instance serves: every name, place and header line on pages and
    documents comes from here (one row), never from templates or code.

    Set in the admin (audited) or by ``manage.py setup_province`` from the official code list;
    the demo data writes the fictional demo province.
    """

    province = models.ForeignKey(
        AreaUnit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị hành chính cấp tỉnh"),
    )
    name = models.CharField(_("tên tỉnh"), max_length=150, help_text=_("Ví dụ: Tỉnh Lâm Đồng"))
    place_name = models.CharField(
        _("địa danh trên văn bản"),
        max_length=80,
        help_text=_("Địa danh ghi trước ngày tháng trên văn bản, ví dụ: Lâm Đồng"),
    )
    party_committee_line = models.CharField(
        _("tên cơ quan ban hành (văn bản của Đảng)"),
        max_length=150,
        blank=True,
        help_text=_("Dòng đầu văn bản của Tỉnh ủy, ví dụ: TỈNH ỦY LÂM ĐỒNG"),
    )
    header_lines = models.TextField(
        _("dòng tiêu đề văn bản"),
        blank=True,
        help_text=_("Các dòng tên cơ quan chủ quản trên văn bản, mỗi dòng một hàng"),
    )
    portal_title = models.CharField(
        _("tiêu đề cổng tiếp nhận đơn"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: Cổng tiếp nhận đơn trực tuyến tỉnh Lâm Đồng"),
    )
    signer_title = models.CharField(_("chức vụ người ký mặc định"), max_length=255, blank=True)
    signer_name = models.CharField(_("họ tên người ký mặc định"), max_length=150, blank=True)
    contact_lines = models.TextField(
        _("thông tin liên hệ"), blank=True, help_text=_("Địa chỉ, điện thoại, thư điện tử")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("thông tin tỉnh")
        verbose_name_plural = _("thông tin tỉnh")

    def __str__(self):
        return self.name

    @property
    def header(self) -> list[str]:
        return [line.strip() for line in self.header_lines.splitlines() if line.strip()]

    @property
    def contacts(self) -> list[str]:
        return [line.strip() for line in self.contact_lines.splitlines() if line.strip()]
