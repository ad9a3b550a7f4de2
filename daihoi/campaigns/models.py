"""Campaigns, their governing documents, and one congress record per organisation."""

from __future__ import annotations

from django.conf import settings
from django.db import connection, models
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from daihoi.lib.roman import to_roman
from daihoi.orgs.models import Level, Organisation, Structure


class DocumentType(models.Model):
    """A kind of Party document (CT chỉ thị, KH kế hoạch …); users add more."""

    code = models.CharField(_("mã"), max_length=10, unique=True)
    name = models.CharField(_("tên"), max_length=100)

    class Meta:
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("các loại văn bản")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class Issuer(models.Model):
    """An issuer code of Party document numbers (TW, TU, ĐU …); users add more."""

    code = models.CharField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("tên"), max_length=150)

    class Meta:
        verbose_name = _("cơ quan ban hành")
        verbose_name_plural = _("các cơ quan ban hành")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class GoverningDocument(models.Model):
    """A directive, plan, guidance or decision, numbered `{number}-{type}/{issuer}`."""

    number = models.PositiveIntegerField(_("số"))
    # As written on the document: "09" keeps its leading zero.
    number_text = models.CharField(_("số (như trên văn bản)"), max_length=10)
    doc_type = models.ForeignKey(DocumentType, on_delete=models.PROTECT, verbose_name=_("loại"))
    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, verbose_name=_("ký hiệu cơ quan"))
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="governing_documents",
        verbose_name=_("tổ chức ban hành"),
    )
    date = models.DateField(_("ngày ban hành"))
    title = models.CharField(_("trích yếu"), max_length=500)
    file = models.FileField(_("tệp đính kèm"), upload_to="van-ban/%Y/", blank=True)
    implements = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="implementations",
        verbose_name=_("thực hiện văn bản"),
    )
    amends = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="amended_by",
        verbose_name=_("sửa đổi, bổ sung"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("văn bản chỉ đạo")
        verbose_name_plural = _("các văn bản chỉ đạo")
        ordering = ["-date", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "doc_type", "issuer", "number", "date"],
                name="document_number_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.date:%d/%m/%Y})"

    @property
    def code(self) -> str:
        return f"{self.number_text}-{self.doc_type.code}/{self.issuer.code}"


class Campaign(models.Model):
    """A round of congresses at every level, e.g. the 2020–2025 term towards the XIII Congress."""

    slug = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên"), max_length=300)
    structure = models.ForeignKey(Structure, on_delete=models.PROTECT, verbose_name=_("cơ cấu"))
    term_start = models.PositiveSmallIntegerField(_("nhiệm kỳ từ năm"))
    term_end = models.PositiveSmallIntegerField(_("nhiệm kỳ đến năm"))
    directive = models.ForeignKey(
        GoverningDocument,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="campaigns",
        verbose_name=_("chỉ thị"),
    )
    # Ages in composition targets are computed as of this day.
    reference_date = models.DateField(_("ngày tính tuổi"), null=True, blank=True)

    class Meta:
        verbose_name = _("đợt đại hội")
        verbose_name_plural = _("các đợt đại hội")
        ordering = ["-term_start", "slug"]

    def __str__(self) -> str:
        return self.name

    @property
    def term(self) -> str:
        return f"{self.term_start}–{self.term_end}"


class LevelPlan(models.Model):
    """The plan for one level of a campaign: its deadline, days allowed and term."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="level_plans")
    level = models.ForeignKey(Level, on_delete=models.PROTECT, verbose_name=_("cấp"))
    deadline = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    max_days = models.PositiveSmallIntegerField(_("số ngày tối đa"), default=2)
    term = models.CharField(_("nhiệm kỳ"), max_length=20, blank=True)
    # DHIS2's "waiting for lower levels": what the units directly below a unit of this
    # level must have done before the superior approves that unit's submission.
    lower_first = models.CharField(
        _("cấp dưới phải xong trước"),
        max_length=20,
        choices=[
            ("", _("Không chờ cấp dưới")),
            ("approved", _("Cấp dưới trực tiếp đã được duyệt cùng nội dung")),
            ("held", _("Cấp dưới trực tiếp đã tổ chức đại hội")),
        ],
        blank=True,
        default="",
    )

    class Meta:
        verbose_name = _("kế hoạch theo cấp")
        verbose_name_plural = _("kế hoạch theo cấp")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "level"], name="level_plan_unique")
        ]

    def __str__(self) -> str:
        return f"{self.campaign.slug}: {self.level}"


class CompositionTarget(models.Model):
    """A composition target of a campaign (women ≥ 15% …), used by personnel checks."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets")
    code = models.SlugField(_("mã"), max_length=40)
    label = models.CharField(_("chỉ tiêu"), max_length=200)
    minimum = models.DecimalField(
        _("tối thiểu (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    maximum = models.DecimalField(
        _("tối đa (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    hard = models.BooleanField(_("bắt buộc"), default=False)
    source = models.CharField(_("căn cứ"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("chỉ tiêu cơ cấu")
        verbose_name_plural = _("các chỉ tiêu cơ cấu")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="target_code_unique")
        ]

    def __str__(self) -> str:
        return self.label


class CongressState(models.TextChoices):
    PLANNED = "planned", _("Đã lên kế hoạch")
    PREPARING = "preparing", _("Đang chuẩn bị")
    DOCUMENTS_APPROVED = "documents_approved", _("Văn kiện đã được duyệt")
    PERSONNEL_APPROVED = "personnel_approved", _("Nhân sự đã được duyệt")
    HELD = "held", _("Đã tổ chức")
    REPORTED = "reported", _("Đã báo cáo kết quả")


STATE_ORDER = list(CongressState)
# A congress in one of these has met; the partial index congress_unheld holds the others.
MET_STATES = (CongressState.HELD, CongressState.REPORTED)


class Congress(models.Model):
    """One organisation's congress in one campaign."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="congresses")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="congresses", verbose_name=_("tổ chức")
    )
    # Copies of the organisation's path and level, kept in step by the orgs
    # actions (see receivers.py), so progress is counted from one index alone.
    org_path = models.CharField(max_length=255, editable=False)
    level = models.ForeignKey(Level, on_delete=models.PROTECT, editable=False)
    ordinal = models.PositiveSmallIntegerField(_("lần thứ"), null=True, blank=True)
    term = models.CharField(_("nhiệm kỳ"), max_length=20, blank=True)
    planned_date = models.DateField(_("ngày dự kiến"), null=True, blank=True)
    held_date = models.DateField(_("ngày tổ chức"), null=True, blank=True)
    held_end_date = models.DateField(_("ngày bế mạc"), null=True, blank=True)
    pilot = models.BooleanField(_("đại hội điểm"), default=False)
    pilot_lessons = models.TextField(_("rút kinh nghiệm"), blank=True)
    direct_secretary = models.BooleanField(_("thí điểm bầu trực tiếp bí thư"), default=False)
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=CongressState.choices, default=CongressState.PLANNED
    )
    preparing_at = models.DateTimeField(null=True, blank=True)
    documents_approved_at = models.DateTimeField(null=True, blank=True)
    personnel_approved_at = models.DateTimeField(null=True, blank=True)
    held_at = models.DateTimeField(null=True, blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)
    # Bumped on every change: an edit made on a stale copy is refused, not lost.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("đại hội")
        verbose_name_plural = _("các đại hội")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "organisation"], name="congress_unique")
        ]
        indexes = [
            # Covers the progress counts: per level, a path range, both dates.
            models.Index(
                fields=["campaign", "level", "org_path", "planned_date", "held_date"],
                name="congress_progress",
            ),
            # Upcoming congresses and the late list walk the planned days in order.
            models.Index(fields=["campaign", "planned_date"], name="congress_planned"),
            # The day a dashboard opens on (progress.opening_day): is any congress still
            # waiting, and the last day one was held, each one seek.
            models.Index(fields=["campaign", "held_date"], name="congress_held"),
            # The congresses not yet held: the work queue's late and unready scans. A
            # finished campaign has none, so its 300,000 rows cost nothing there.
            models.Index(
                fields=["planned_date", "org_path", "held_date"],
                condition=~models.Q(state__in=MET_STATES),
                name="congress_unheld",
            ),
            # Pilots are a few dozen among hundreds of thousands.
            models.Index(
                fields=["campaign", "org_path"],
                condition=models.Q(pilot=True),
                name="congress_pilots",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.campaign.term}"

    @property
    def ordinal_roman(self) -> str:
        return to_roman(self.ordinal) if self.ordinal else ""


def not_met() -> RawSQL:
    """A filter for the congresses not yet held, in the words of the index congress_unheld.

    Written out with its values: the ORM binds them as parameters, and SQLite cannot
    prove a partial index applies to `state IN (?, ?)`, so it read every congress of
    the country (a finished campaign has 331,000) to find the few not yet held.
    """
    table = connection.ops.quote_name(Congress._meta.db_table)
    states = ", ".join(f"'{state}'" for state in MET_STATES)
    sql = f'NOT ({table}."state" IN ({states}))'
    return RawSQL(sql, [], output_field=models.BooleanField())  # noqa: S611 - our own constants


class ApprovalKind(models.TextChoices):
    DOCUMENTS = "documents", _("Duyệt văn kiện")
    PERSONNEL = "personnel", _("Duyệt nhân sự")


class SubmissionState(models.TextChoices):
    WAITING = "waiting", _("Chờ cấp trên duyệt")
    RETURNED = "returned", _("Cấp trên trả lại")
    APPROVED = "approved", _("Đã được duyệt")
    WITHDRAWN = "withdrawn", _("Cấp trên đã rút duyệt")


class Submission(models.Model):
    """A unit asking its superior to approve its documents or personnel plan.

    `content` freezes what was sent (the ids and versions of the documents and
    candidate lists, or the paper documents named); `fingerprint` is its hash, so an
    approval of something changed since is refused. Each resubmission is a new row:
    the history of returns and withdrawals, with their reasons, stays readable.
    """

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="submissions")
    kind = models.CharField(max_length=20, choices=ApprovalKind.choices)
    state = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=SubmissionState.choices,
        default=SubmissionState.WAITING,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("gửi lúc"))
    content = models.JSONField(default=dict)
    fingerprint = models.CharField(max_length=64)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # Why it was returned, or why its approval was withdrawn.
    reason = models.TextField(_("lý do"), blank=True)

    class Meta:
        verbose_name = _("hồ sơ xin duyệt")
        verbose_name_plural = _("các hồ sơ xin duyệt")
        ordering = ["submitted_at", "pk"]
        constraints = [
            # One open request per congress and kind: a second click does not ask twice.
            models.UniqueConstraint(
                fields=["congress", "kind"],
                condition=models.Q(state="waiting"),
                name="submission_one_waiting",
            )
        ]
        indexes = [models.Index(fields=["state", "congress"], name="submission_state")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.congress}"


class Approval(models.Model):
    """The superior's standing approval of a congress's documents or personnel: who and when.

    A withdrawal deletes it (the lifecycle reads "approved" as "a row exists"); the
    submission it approved keeps the history, with the reason.
    """

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="approvals")
    submission = models.OneToOneField(
        Submission, on_delete=models.PROTECT, null=True, blank=True, related_name="approval"
    )
    kind = models.CharField(max_length=20, choices=ApprovalKind.choices)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("người duyệt")
    )
    approver_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("cấp duyệt")
    )
    at = models.DateTimeField(_("thời điểm"))
    note = models.TextField(_("ý kiến"), blank=True)

    class Meta:
        verbose_name = _("phê duyệt")
        verbose_name_plural = _("các phê duyệt")
        ordering = ["at"]
        constraints = [models.UniqueConstraint(fields=["congress", "kind"], name="approval_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.congress}"
