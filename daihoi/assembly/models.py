"""The congress day: the delegate register, credentials, sittings and check-ins."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from daihoi.campaigns.models import Congress
from daihoi.lib.quorum import Rule
from daihoi.orgs.models import Organisation


class AssemblySettings(models.Model):
    """A congress's rules for the day (data, not code) and its designated desk staff."""

    congress = models.OneToOneField(
        Congress, on_delete=models.CASCADE, related_name="assembly_settings"
    )
    # The quorum: at least (or more than) numerator/denominator of those summoned.
    quorum_numerator = models.PositiveSmallIntegerField(_("tỉ lệ tối thiểu: tử số"), default=2)
    quorum_denominator = models.PositiveSmallIntegerField(_("tỉ lệ tối thiểu: mẫu số"), default=3)
    quorum_strict = models.BooleanField(_("phải vượt quá tỉ lệ (không chỉ bằng)"), default=False)
    desk_staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="assembly_desks",
        verbose_name=_("người làm bàn điểm danh"),
    )

    class Meta:
        verbose_name = _("thiết lập ngày đại hội")
        verbose_name_plural = _("thiết lập ngày đại hội")

    def __str__(self) -> str:
        return str(self.congress)

    @property
    def quorum_rule(self) -> Rule:
        return Rule(self.quorum_numerator, self.quorum_denominator, self.quorum_strict)


class Allotment(models.Model):
    """The number of delegates the superior allots to one unit for this congress."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="allotments")
    unit = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    officials = models.PositiveSmallIntegerField(_("số đại biểu chính thức được phân bổ"))
    alternates = models.PositiveSmallIntegerField(
        _("số đại biểu dự khuyết được phân bổ"), default=0
    )

    class Meta:
        verbose_name = _("phân bổ đại biểu")
        verbose_name_plural = _("phân bổ đại biểu")
        ordering = ["congress", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "unit"], name="allotment_unit_once")
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.officials} + {self.alternates}"


class DelegateKind(models.TextChoices):
    OFFICIAL = "official", _("Đại biểu chính thức")
    ALTERNATE = "alternate", _("Đại biểu dự khuyết")
    GUEST = "guest", _("Khách mời")


class DelegateBasis(models.TextChoices):
    EX_OFFICIO = "ex_officio", _("Đương nhiên (cấp ủy khóa đương nhiệm)")
    ELECTED = "elected", _("Được bầu")
    APPOINTED = "appointed", _("Được chỉ định")
    INVITED = "invited", _("Được mời")


class CredentialState(models.TextChoices):
    PENDING = "pending", _("Chưa thẩm tra")
    VALID = "valid", _("Đủ tư cách")
    INVALID = "invalid", _("Không đủ tư cách")


class Absence(models.TextChoices):
    NONE = "", _("Có mặt")
    WITH_REASON = "with_reason", _("Vắng mặt có lý do")
    WITHOUT_REASON = "without_reason", _("Vắng mặt không có lý do")


class Gender(models.TextChoices):
    UNKNOWN = "", _("Chưa rõ")
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class Delegate(models.Model):
    """One person on the register: an official or alternate delegate, or a guest."""

    congress = models.ForeignKey(Congress, on_delete=models.PROTECT, related_name="delegates")
    full_name = models.CharField(_("họ và tên"), max_length=150)
    # Lower-cased, without diacritics: the desk's search by name.
    folded_name = models.CharField(max_length=150, editable=False, db_index=True)
    kind = models.CharField(
        _("loại"), max_length=12, choices=DelegateKind.choices, default=DelegateKind.OFFICIAL
    )
    basis = models.CharField(
        _("tư cách"), max_length=12, choices=DelegateBasis.choices, default=DelegateBasis.ELECTED
    )
    # The lower unit whose congress elected the delegate (none for ex-officio and guests).
    unit = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đoàn đại biểu"),
    )
    # Alternates: their rank in the vote order of their unit (1 is called first).
    alternate_order = models.PositiveSmallIntegerField(_("thứ tự dự khuyết"), null=True, blank=True)
    votes = models.PositiveIntegerField(_("số phiếu bầu"), null=True, blank=True)
    # Where an imported delegate came from, e.g. "election:12:3"; empty for typed-in rows.
    source = models.CharField(max_length=64, blank=True, editable=False)
    gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices, blank=True)
    ethnic_minority = models.BooleanField(_("dân tộc thiểu số"), default=False)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    position = models.CharField(_("chức vụ, đơn vị công tác"), max_length=300, blank=True)
    credential = models.CharField(
        _("thẩm tra tư cách"),
        max_length=10,
        choices=CredentialState.choices,
        default=CredentialState.PENDING,
    )
    credential_reason = models.CharField(_("lý do"), max_length=500, blank=True)
    credential_at = models.DateTimeField(null=True, blank=True)
    # Absent for the whole congress, as the credentials committee records it.
    absence = models.CharField(
        _("vắng mặt cả đại hội"), max_length=16, choices=Absence.choices, blank=True
    )
    absence_reason = models.CharField(_("lý do vắng mặt"), max_length=300, blank=True)
    # An absent official replaced by an alternate: the alternate becomes official.
    replaced_by = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("được thay bằng"),
    )
    promoted = models.BooleanField(_("dự khuyết được thay vào chính thức"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đại biểu")
        verbose_name_plural = _("danh sách đại biểu")
        ordering = ["congress", "kind", "unit__path", "alternate_order", "pk"]
        constraints = [
            # An import run twice adds nothing: one row per source per congress.
            models.UniqueConstraint(
                fields=["congress", "source"],
                condition=~models.Q(source=""),
                name="delegate_source_once",
            )
        ]
        indexes = [models.Index(fields=["congress", "kind"], name="delegate_kind")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def counted(self) -> bool:
        """Whether this delegate is among the summoned: official, not invalid, not replaced."""
        return (
            self.kind == DelegateKind.OFFICIAL
            and self.credential != CredentialState.INVALID
            and self.replaced_by_id is None
        )


def counted_q(prefix: str = "") -> models.Q:
    """The summoned official delegates, as a filter (`prefix` reaches the delegate)."""
    p = f"{prefix}__" if prefix else ""
    return (
        models.Q(**{f"{p}kind": DelegateKind.OFFICIAL})
        & ~models.Q(**{f"{p}credential": CredentialState.INVALID})
        & models.Q(**{f"{p}replaced_by__isnull": True})
    )


class SittingKind(models.TextChoices):
    PREPARATORY = "preparatory", _("Phiên trù bị")
    OFFICIAL = "official", _("Phiên chính thức")


class SittingPart(models.TextChoices):
    MORNING = "morning", _("Buổi sáng")
    AFTERNOON = "afternoon", _("Buổi chiều")


class Sitting(models.Model):
    """A session of the congress: preparatory or official, one morning or afternoon."""

    congress = models.ForeignKey(Congress, on_delete=models.PROTECT, related_name="sittings")
    kind = models.CharField(_("phiên"), max_length=12, choices=SittingKind.choices)
    date = models.DateField(_("ngày"))
    part = models.CharField(_("buổi"), max_length=10, choices=SittingPart.choices)
    ordinal = models.PositiveSmallIntegerField(_("thứ tự"))
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("phiên họp")
        verbose_name_plural = _("các phiên họp")
        ordering = ["congress", "ordinal"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "ordinal"], name="sitting_ordinal"),
            models.UniqueConstraint(
                fields=["congress", "kind", "date", "part"], name="sitting_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.get_part_display().lower()} {self.date:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.opened_at is not None and self.closed_at is None


class CheckIn(models.Model):
    """A delegate's presence at a sitting: one row, whoever scans the card again."""

    delegate = models.ForeignKey(Delegate, on_delete=models.PROTECT, related_name="checkins")
    sitting = models.ForeignKey(Sitting, on_delete=models.PROTECT, related_name="checkins")
    at = models.DateTimeField()
    desk = models.CharField(_("bàn điểm danh"), max_length=40, blank=True)
    # The row is its own audit trail (who, where, when): a check-in is not also
    # written to the audit log, which would double the writes of the busiest minute.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    method = models.CharField(max_length=10, default="scan")

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        ordering = ["sitting", "at"]
        constraints = [models.UniqueConstraint(fields=["delegate", "sitting"], name="checkin_once")]
        indexes = [models.Index(fields=["sitting", "delegate"], name="checkin_sitting")]

    def __str__(self) -> str:
        return f"{self.delegate} @ {self.sitting}"


class CheckInUndo(models.Model):
    """A check-in taken back at the desk (a wrong card, a wrong name picked), and why.

    The CheckIn row goes, so the quorum, the search and the one-row-per-sitting
    rule see the delegate as not yet checked in (and checkable again); what the
    row said is kept here, beside who took it back, when and for what reason.
    """

    # The removed CheckIn's id (ids are never reused): a second undo finds it here.
    checkin_id = models.PositiveBigIntegerField(unique=True)
    delegate = models.ForeignKey(Delegate, on_delete=models.PROTECT, related_name="checkin_undos")
    sitting = models.ForeignKey(Sitting, on_delete=models.PROTECT, related_name="checkin_undos")
    checked_in_at = models.DateTimeField()
    desk = models.CharField(_("bàn điểm danh"), max_length=40, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    method = models.CharField(max_length=10, blank=True)
    undone_at = models.DateTimeField()
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("lý do hoàn tác"), max_length=300)

    class Meta:
        verbose_name = _("hoàn tác điểm danh")
        verbose_name_plural = _("hoàn tác điểm danh")
        ordering = ["sitting", "undone_at"]

    def __str__(self) -> str:
        return f"{self.delegate} @ {self.sitting} ({self.undone_at:%H:%M})"
