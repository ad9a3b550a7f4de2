"""Elections at a congress: the list, the counting board, keyed ballots and the result."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from daihoi.campaigns.models import Congress
from daihoi.elections.outcome import Outcome


class ElectionKind(models.TextChoices):
    COMMITTEE = "committee", _("Ban Chấp hành")
    STANDING = "standing", _("Ban Thường vụ")
    SECRETARY = "secretary", _("Bí thư")
    DEPUTY = "deputy", _("Phó Bí thư")
    INSPECTION = "inspection", _("Ủy ban Kiểm tra")
    INSPECTION_CHAIR = "inspection_chair", _("Chủ nhiệm Ủy ban Kiểm tra")
    DELEGATES = "delegates", _("Đại biểu chính thức dự đại hội cấp trên")
    ALTERNATES = "alternates", _("Đại biểu dự khuyết dự đại hội cấp trên")


class RuleSet(models.TextChoices):
    QD190 = "qd190-2024", _("Quy định 190-QĐ/TW (2024)")
    QD244 = "qd244-2014", _("Quy định 244-QĐ/TW (2014)")


class ElectionState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo danh sách")
    LIST_ADOPTED = "list_adopted", _("Đại hội đã thông qua danh sách")
    BALLOTS_ISSUED = "ballots_issued", _("Đã phát phiếu")
    COUNTING = "counting", _("Đang kiểm phiếu")
    RECONCILED = "reconciled", _("Đã đối chiếu xong")
    ANNOUNCED = "announced", _("Đã công bố kết quả")
    SEALED = "sealed", _("Đã niêm phong")


class Election(models.Model):
    congress = models.ForeignKey(Congress, on_delete=models.PROTECT, related_name="elections")
    kind = models.CharField(_("bầu"), max_length=20, choices=ElectionKind.choices)
    title = models.CharField(_("tên cuộc bầu cử"), max_length=300)
    seats = models.PositiveSmallIntegerField(_("số lượng được bầu"))
    rule_set = models.CharField(
        _("quy chế"), max_length=20, choices=RuleSet.choices, default=RuleSet.QD190
    )
    round_no = models.PositiveSmallIntegerField(_("lần bầu"), default=1)
    previous = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next_rounds"
    )
    direct = models.BooleanField(_("bầu trực tiếp tại đại hội"), default=False)
    # The base of the majority rule: summoned official delegates (or members) less
    # the exclusions of the rules; entered as a number or computed (actions).
    base = models.PositiveIntegerField(_("cơ sở tính kết quả"), null=True, blank=True)
    teams = models.PositiveSmallIntegerField(_("số tổ nhập phiếu"), default=2)
    ballots_issued = models.PositiveIntegerField(_("số phiếu phát ra"), null=True, blank=True)
    ballots_collected = models.PositiveIntegerField(_("số phiếu thu vào"), null=True, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=ElectionState.choices, default=ElectionState.DRAFT
    )
    list_adopted_at = models.DateTimeField(null=True, blank=True)
    ballots_issued_at = models.DateTimeField(null=True, blank=True)
    counting_at = models.DateTimeField(null=True, blank=True)
    reconciled_at = models.DateTimeField(null=True, blank=True)
    announced_at = models.DateTimeField(null=True, blank=True)
    sealed_at = models.DateTimeField(null=True, blank=True)
    # Frozen when counting starts: the election block the chain begins from, and its hash.
    chain_block = models.JSONField(null=True, blank=True, editable=False)
    chain_start = models.CharField(max_length=64, blank=True, editable=False)
    # Frozen at announcement: the result, the head (which covers the block, every
    # entry, their number and the result) and the installation's signature of it.
    # `result` is the signed JSON as stored; read and write it through `outcome`.
    result = models.JSONField(null=True, blank=True, editable=False)
    chain_head = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    signature = models.JSONField(null=True, blank=True, editable=False)
    # An election imported from a venue laptop keeps the record as signed there,
    # so exporting it again gives the same verifiable file.
    imported_record = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("cuộc bầu cử")
        verbose_name_plural = _("các cuộc bầu cử")
        ordering = ["congress", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def outcome(self) -> Outcome | None:
        """The stored result, typed; None before it is announced."""
        return Outcome.from_json(self.result) if self.result is not None else None

    @outcome.setter
    def outcome(self, value: Outcome | None) -> None:
        self.result = value.to_json() if value is not None else None

    @property
    def no_surplus(self) -> bool:
        """The agree/disagree form is used when the list has exactly as many names as seats."""
        return self.candidates.count() == self.seats


class Candidate(models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidates")
    full_name = models.CharField(_("họ và tên"), max_length=150)
    position = models.PositiveSmallIntegerField(_("số thứ tự trên phiếu"))
    floor_nomination = models.BooleanField(_("đề cử tại đại hội"), default=False)

    class Meta:
        verbose_name = _("người trong danh sách bầu cử")
        verbose_name_plural = _("danh sách bầu cử")
        ordering = ["election", "position"]
        constraints = [
            models.UniqueConstraint(fields=["election", "position"], name="candidate_position")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.full_name}"


class BoardRole(models.TextChoices):
    HEAD = "head", _("Trưởng ban kiểm phiếu")
    MEMBER = "member", _("Ủy viên ban kiểm phiếu")
    TECHNICAL = "technical", _("Tổ kỹ thuật nhập phiếu")


class BoardMember(models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="board")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    role = models.CharField(max_length=20, choices=BoardRole.choices, default=BoardRole.MEMBER)
    team = models.PositiveSmallIntegerField(_("tổ nhập phiếu"), null=True, blank=True)
    # Besides the head, the members the board names to rule on disputed papers.
    may_rule = models.BooleanField(_("được quyết định phiếu chênh lệch"), default=False)

    class Meta:
        verbose_name = _("thành viên ban kiểm phiếu")
        verbose_name_plural = _("ban kiểm phiếu")
        constraints = [
            models.UniqueConstraint(fields=["election", "user"], name="board_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class EntryAction(models.TextChoices):
    KEY = "key", _("nhập")
    CORRECT = "correct", _("sửa")
    UNREADABLE = "unreadable", _("không đọc được")
    RULE = "rule", _("quyết định của ban")
    VOID = "void", _("hủy lượt nhập")
    BOARD = "board", _("thay đổi ban kiểm phiếu")


class BallotEntry(models.Model):
    """One line of the chain (lib.electionrecord.Action): a team's reading of a paper,
    its correction, the board's ruling (team 0), a void or a board change. Never changed."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="entries")
    seq = models.PositiveIntegerField()
    action = models.CharField(max_length=12, choices=EntryAction.choices, default=EntryAction.KEY)
    team = models.PositiveSmallIntegerField()
    serial = models.PositiveIntegerField(_("số phiếu"))
    reason = models.CharField(_("lý do"), max_length=300, blank=True)
    # A board change: the member's username, name, role, team and may_rule.
    member = models.JSONField(default=dict, blank=True)
    crossed = models.JSONField(default=list)
    void_lines = models.JSONField(default=list)
    flags = models.JSONField(default=list)
    # The account that keyed it; the name is what the chain covers, so a record
    # counted on a laptop at the venue imports even where that account is unknown.
    keyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    keyed_by_name = models.CharField(max_length=150)
    keyed_at = models.DateTimeField()
    # A desk may resend a write it did not see acknowledged; the key makes that safe.
    # NULL, not "", when absent: the unique constraint must allow many entries without one.
    idempotency_key = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("lượt nhập phiếu")
        verbose_name_plural = _("nhật ký nhập phiếu")
        ordering = ["election", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["election", "seq"], name="entry_seq"),
            models.UniqueConstraint(
                fields=["election", "idempotency_key"], name="entry_idempotency"
            ),
        ]
        indexes = [models.Index(fields=["election", "serial"], name="entry_serial")]

    def __str__(self) -> str:
        return f"#{self.seq} tổ {self.team} phiếu {self.serial}"
