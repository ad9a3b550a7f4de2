"""People, candidate lists, the five-step introduction, complaints, inspections, results."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from daihoi.campaigns.models import Campaign, Congress
from daihoi.elections.models import ElectionKind
from daihoi.orgs.models import Organisation


class Gender(models.TextChoices):
    MALE = "M", _("Nam")
    FEMALE = "F", _("Nữ")


class TheoryLevel(models.TextChoices):
    NONE = "", _("Chưa qua đào tạo")
    PRIMARY = "so-cap", _("Sơ cấp")
    INTERMEDIATE = "trung-cap", _("Trung cấp")
    ADVANCED = "cao-cap", _("Cao cấp")
    BACHELOR = "cu-nhan", _("Cử nhân")


class Person(models.Model):
    """A cadre or party member of an organisation: personal data, seen by personnel staff only."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="people", verbose_name=_("tổ chức")
    )
    # A copy of the organisation's path, kept in step by receivers.py, so a subtree's
    # people are one range query on an index.
    org_path = models.CharField(max_length=255, editable=False, db_index=True)
    full_name = models.CharField(_("họ và tên"), max_length=150)
    # The name folded for diacritic-free search ("nguyen van an" finds "Nguyễn Văn An").
    search_name = models.CharField(max_length=150, editable=False, db_index=True)
    gender = models.CharField(_("giới tính"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("ngày sinh"))
    ethnicity = models.CharField(_("dân tộc"), max_length=50, default="Kinh")
    education = models.CharField(_("trình độ chuyên môn"), max_length=150, blank=True)
    theory_level = models.CharField(
        _("lý luận chính trị"), max_length=20, choices=TheoryLevel.choices, blank=True
    )
    position = models.CharField(_("chức vụ hiện nay"), max_length=200, blank=True)
    party_joined = models.DateField(_("ngày vào Đảng"), null=True, blank=True)
    outgoing_committee = models.BooleanField(_("cấp ủy viên khóa đương nhiệm"), default=False)
    planned = models.BooleanField(_("trong quy hoạch"), default=False)
    science_tech = models.BooleanField(_("cán bộ khoa học, công nghệ"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cán bộ, đảng viên")
        verbose_name_plural = _("cán bộ, đảng viên")
        ordering = ["organisation", "search_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def female(self) -> bool:
        return self.gender == Gender.FEMALE

    @property
    def ethnic_minority(self) -> bool:
        from daihoi.lib.text import fold

        return fold(self.ethnicity) not in ("kinh", "")


class PersonnelSettings(models.Model):
    """A campaign's age rules; ages are computed on the reference date (else the congress day)."""

    campaign = models.OneToOneField(
        Campaign, on_delete=models.CASCADE, related_name="personnel_settings"
    )
    reference_date = models.DateField(_("ngày tính tuổi"), null=True, blank=True)
    first_time_born_from = models.DateField(
        _("tham gia lần đầu: sinh từ tháng"), null=True, blank=True
    )
    reelection_born_from = models.DateField(_("tái cử: sinh từ tháng"), null=True, blank=True)
    retirement_months_male = models.PositiveSmallIntegerField(
        _("tuổi nghỉ hưu của nam (tháng)"), null=True, blank=True
    )
    retirement_months_female = models.PositiveSmallIntegerField(
        _("tuổi nghỉ hưu của nữ (tháng)"), null=True, blank=True
    )
    first_time_min_months = models.PositiveSmallIntegerField(
        _("lần đầu: thời gian công tác còn lại tối thiểu (tháng)"), null=True, blank=True
    )
    reelection_min_months = models.PositiveSmallIntegerField(
        _("tái cử: thời gian công tác còn lại tối thiểu (tháng)"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("thiết lập nhân sự của đợt")
        verbose_name_plural = _("thiết lập nhân sự của đợt")

    def __str__(self) -> str:
        return str(self.campaign)


class ListState(models.TextChoices):
    DRAFT = "draft", _("Dự kiến")
    ADOPTED = "adopted", _("Đã thông qua")


class CandidateList(models.Model):
    """The list of people proposed for one body at one congress."""

    congress = models.ForeignKey(Congress, on_delete=models.PROTECT, related_name="candidate_lists")
    kind = models.CharField(_("cơ quan bầu"), max_length=20, choices=ElectionKind.choices)
    seats = models.PositiveSmallIntegerField(_("số lượng được bầu"))
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=ListState.choices, default=ListState.DRAFT
    )
    adopted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("danh sách nhân sự")
        verbose_name_plural = _("các danh sách nhân sự")
        constraints = [
            models.UniqueConstraint(fields=["congress", "kind"], name="candidate_list_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.congress}"


class ListMember(models.Model):
    candidate_list = models.ForeignKey(
        CandidateList, on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="list_entries")
    first_time = models.BooleanField(_("tham gia lần đầu"), default=True)
    standing = models.BooleanField(_("dự kiến tham gia ban thường vụ"), default=False)
    # Ballot order by the shared Vietnamese sort; rewritten on every change.
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["candidate_list", "position"]
        constraints = [
            models.UniqueConstraint(fields=["candidate_list", "person"], name="list_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.person}"


class Track(models.TextChoices):
    REELECTION = "reelection", _("Tái cử")
    FIRST_TIME = "first_time", _("Tham gia lần đầu")


STEP_BODIES = {
    1: _("Ban Thường vụ rà soát, lập danh sách"),
    2: _("Hội nghị cán bộ chủ chốt giới thiệu (bỏ phiếu kín)"),
    3: _("Ban Chấp hành giới thiệu (bỏ phiếu kín)"),
    4: _("Ban Thường vụ biểu quyết danh sách (bỏ phiếu kín)"),
    5: _("Ban Chấp hành phân tích kết quả, biểu quyết (bỏ phiếu kín)"),
}


class IntroductionProcess(models.Model):
    """The five-step introduction (quy trình 5 bước) for one body and one track."""

    congress = models.ForeignKey(Congress, on_delete=models.PROTECT, related_name="introductions")
    kind = models.CharField(_("cơ quan bầu"), max_length=20, choices=ElectionKind.choices)
    track = models.CharField(_("đối tượng"), max_length=12, choices=Track.choices)
    fed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("quy trình giới thiệu nhân sự")
        verbose_name_plural = _("các quy trình giới thiệu nhân sự")
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "kind", "track"], name="introduction_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.get_track_display()}"


class IntroductionStep(models.Model):
    process = models.ForeignKey(IntroductionProcess, on_delete=models.CASCADE, related_name="steps")
    number = models.PositiveSmallIntegerField(_("bước"))
    date = models.DateField(_("ngày"))
    body = models.CharField(_("cơ quan, hội nghị"), max_length=200)
    # The base of the >50% rule: those summoned to vote at this step.
    voters = models.PositiveIntegerField(_("số người được triệu tập"))
    ballots = models.PositiveIntegerField(_("số phiếu thu vào"))

    class Meta:
        ordering = ["process", "number"]
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="introduction_step_once")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.body}"


class StepVote(models.Model):
    step = models.ForeignKey(IntroductionStep, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="step_votes")
    votes = models.PositiveIntegerField(_("số phiếu giới thiệu"))
    passed = models.BooleanField()
    # Why the person dropped out here, kept as written when the step was recorded.
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["step", "-votes"]
        constraints = [models.UniqueConstraint(fields=["step", "person"], name="step_vote_once")]

    def __str__(self) -> str:
        return f"{self.person}: {self.votes}"


class ComplaintKind(models.TextChoices):
    COMPLAINT = "khieu-nai", _("Khiếu nại")
    DENUNCIATION = "to-cao", _("Tố cáo")
    PETITION = "phan-anh", _("Phản ánh, kiến nghị")


class ComplaintStatus(models.TextChoices):
    OPEN = "open", _("Đang giải quyết")
    SETTLED = "settled", _("Đã giải quyết xong")


class Complaint(models.Model):
    """A complaint or denunciation about a person, to be settled before the congress."""

    congress = models.ForeignKey(Congress, on_delete=models.PROTECT, related_name="complaints")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="complaints")
    received = models.DateField(_("ngày nhận"))
    sender = models.CharField(_("người gửi"), max_length=200, blank=True)
    anonymous = models.BooleanField(_("đơn nặc danh, mạo danh"), default=False)
    content = models.TextField(_("nội dung"))
    classification = models.CharField(_("phân loại"), max_length=12, choices=ComplaintKind.choices)
    handler = models.CharField(_("người, bộ phận giải quyết"), max_length=200, blank=True)
    deadline = models.DateField(_("hạn giải quyết"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"),
        max_length=10,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.OPEN,
    )
    outcome = models.TextField(_("kết quả giải quyết"), blank=True)
    settled_at = models.DateTimeField(null=True, blank=True)
    override_reason = models.TextField(_("lý do cấp trên cho phép duyệt"), blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    overridden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("đơn thư")
        verbose_name_plural = _("đơn thư")
        ordering = ["-received", "pk"]
        indexes = [
            # Open complaints past their deadline (the work queue, early warning): a
            # handful among the country's, found before the congresses are joined.
            models.Index(fields=["status", "deadline"], name="complaint_status_deadline"),
        ]

    def __str__(self) -> str:
        return f"{self.get_classification_display()} – {self.person}"

    @property
    def blocking(self) -> bool:
        return self.status == ComplaintStatus.OPEN and self.overridden_at is None


class InspectionTeam(models.Model):
    """An inspection team (đoàn kiểm tra) a superior sends to the units below it."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="inspection_teams"
    )
    org_path = models.CharField(max_length=255, editable=False, db_index=True)
    name = models.CharField(_("tên đoàn"), max_length=200)
    members = models.TextField(_("thành viên (mỗi dòng một người)"))
    start_date = models.DateField(_("ngày bắt đầu"))

    class Meta:
        verbose_name = _("đoàn kiểm tra")
        verbose_name_plural = _("các đoàn kiểm tra")
        ordering = ["start_date", "name"]

    def __str__(self) -> str:
        return self.name

    def member_names(self) -> list[str]:
        return [line.strip() for line in self.members.splitlines() if line.strip()]


class InspectionVisit(models.Model):
    team = models.ForeignKey(InspectionTeam, on_delete=models.CASCADE, related_name="visits")
    unit = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("ngày làm việc"))
    findings = models.TextField(_("kết quả kiểm tra"), blank=True)
    follow_up = models.TextField(_("yêu cầu khắc phục, theo dõi"), blank=True)
    follow_up_done = models.BooleanField(_("đã khắc phục"), default=False)

    class Meta:
        ordering = ["team", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.team}: {self.unit} ({self.date:%d/%m/%Y})"


class ElectedMember(models.Model):
    """A member elected to a committee at a congress; the roll-up counts these."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="elected")
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    # Copy of the congress's organisation path (kept in step by receivers.py).
    org_path = models.CharField(max_length=255, editable=False)
    elected_on = models.DateField(_("ngày bầu"))
    kind = models.CharField(
        max_length=20, choices=ElectionKind.choices, default=ElectionKind.COMMITTEE
    )
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    full_name = models.CharField(_("họ và tên"), max_length=150)
    female = models.BooleanField(_("nữ"), default=False)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    # Age in whole years on the day of the election, so "under 40" needs no date arithmetic in SQL.
    age = models.PositiveSmallIntegerField(null=True, blank=True)
    first_time = models.BooleanField(_("tham gia lần đầu"), default=False)
    ethnic_minority = models.BooleanField(_("dân tộc thiểu số"), default=False)
    science_tech = models.BooleanField(default=False)
    standing = models.BooleanField(_("ủy viên ban thường vụ"), default=False)

    class Meta:
        verbose_name = _("cấp ủy viên trúng cử")
        verbose_name_plural = _("cấp ủy viên trúng cử")
        ordering = ["congress", "full_name"]
        indexes = [
            # Covers the roll-up: a path range and a date, then the flags summed.
            models.Index(
                fields=[
                    "campaign",
                    "kind",
                    "org_path",
                    "elected_on",
                    "female",
                    "first_time",
                    "ethnic_minority",
                    "age",
                ],
                name="elected_rollup",
            )
        ]

    def __str__(self) -> str:
        return self.full_name
