"""The audit trail: one row per change, with who, when, what, before and after."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models, router, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# What each action code means, for people reading the trail.
ACTION_LABELS = {
    "org.create": _("Thêm tổ chức"),
    "org.update": _("Sửa tổ chức"),
    "org.move": _("Chuyển cấp trên"),
    "org.import": _("Nhập danh sách"),
    "user.create": _("Tạo tài khoản"),
    "user.password": _("Đổi mật khẩu"),
    "user.token": _("Cấp khóa API"),
    "user.2fa_on": _("Bật xác thực hai bước"),
    "user.2fa_off": _("Tắt xác thực hai bước"),
    "user.2fa_reset": _("Xóa xác thực hai bước (mất điện thoại)"),
    "unit_type.create": _("Thêm loại hình đơn vị"),
    "campaign.create": _("Tạo đợt đại hội"),
    "campaign.demo": _("Tạo dữ liệu mẫu của đợt đại hội"),
    "congress.create": _("Tạo hồ sơ đại hội"),
    "congress.update": _("Sửa hồ sơ đại hội"),
    "congress.transition": _("Chuyển bước đại hội"),
    "congress.approve": _("Cấp trên phê duyệt"),
    "congress.withdraw_step": _("Rút lại bước đại hội vừa chuyển"),
    "document.register": _("Vào sổ văn bản"),
    "document.amended": _("Sửa văn bản"),
    "document_type.add": _("Thêm loại văn bản"),
    "issuer.add": _("Thêm cơ quan ban hành"),
    "election.create": _("Tạo cuộc bầu cử"),
    "election.candidates": _("Lập danh sách bầu cử"),
    "election.board": _("Cử thành viên ban kiểm phiếu"),
    "election.base": _("Ghi cơ sở tính kết quả bầu cử"),
    "election.transition": _("Chuyển bước bầu cử"),
    "election.ballot_counts": _("Ghi số phiếu phát ra, thu vào"),
    "election.floor_nomination": _("Đề cử, ứng cử tại đại hội"),
    "election.next_round": _("Mở lần bầu tiếp"),
    "election.import": _("Nhập hồ sơ bầu cử"),
    "election.refused_sealed": _("Từ chối ghi vào cuộc bầu cử đã niêm phong"),
    "job.start": _("Bắt đầu việc chạy lâu"),
    "job.cancel": _("Hủy việc chạy lâu"),
    "personnel.view": _("Xem hồ sơ cán bộ"),
    "personnel.list_view": _("Xem danh sách cán bộ"),
    "personnel.person_create": _("Thêm hồ sơ cán bộ"),
    "personnel.person_update": _("Sửa hồ sơ cán bộ"),
    "personnel.import": _("Nhập danh sách cán bộ"),
    "personnel.targets_update": _("Sửa chỉ tiêu cơ cấu"),
    "personnel.list_create": _("Lập danh sách giới thiệu"),
    "personnel.list_add": _("Thêm người vào danh sách"),
    "personnel.list_remove": _("Bỏ người khỏi danh sách"),
    "personnel.list_standing": _("Dự kiến vào Ban Thường vụ"),
    "personnel.list_adopt": _("Thông qua danh sách"),
    "personnel.introduction_start": _("Bắt đầu quy trình giới thiệu"),
    "personnel.introduction_step": _("Ghi kết quả một bước giới thiệu"),
    "personnel.complaint_register": _("Tiếp nhận đơn thư"),
    "personnel.complaint_settle": _("Giải quyết đơn thư"),
    "personnel.complaint_override": _("Cấp trên cho phép bỏ qua đơn thư"),
    "personnel.elected_record": _("Ghi cấp ủy khóa mới"),
    "personnel.team_create": _("Lập đoàn kiểm tra"),
    "personnel.team_visit": _("Ghi lịch làm việc của đoàn kiểm tra"),
    "personnel.team_visit_update": _("Ghi kết quả kiểm tra"),
    "drafts.create": _("Tạo văn kiện"),
    "drafts.round": _("Thêm lần dự thảo"),
    "drafts.correct": _("Sửa lần dự thảo"),
    "drafts.circulate": _("Gửi lấy ý kiến"),
    "drafts.comment": _("Ghi ý kiến góp ý"),
    "drafts.import_comments": _("Nhập ý kiến góp ý"),
    "drafts.propose_groups": _("Gom nhóm ý kiến"),
    "drafts.confirm_group": _("Xác nhận nhóm ý kiến"),
    "drafts.split_group": _("Tách nhóm ý kiến"),
    "drafts.handle": _("Tiếp thu, giải trình ý kiến"),
    "drafts.close": _("Khép lần dự thảo"),
    "drafts.review": _("Cấp trên cho ý kiến"),
    "drafts.approve": _("Cấp trên thông qua văn kiện"),
    "assembly.add_delegate": _("Thêm đại biểu"),
    "assembly.import_elected": _("Nhập đại biểu do cấp dưới bầu"),
    "assembly.import_register": _("Nhập danh sách đại biểu từ tệp"),
    "assembly.allotment": _("Phân bổ số đại biểu"),
    "assembly.credential": _("Thẩm tra tư cách đại biểu"),
    "assembly.replace": _("Thay đại biểu vắng bằng dự khuyết"),
    "assembly.absence": _("Ghi đại biểu vắng mặt"),
    "assembly.desk_staff": _("Cử người điểm danh"),
    "assembly.open_sitting": _("Mở phiên họp"),
    "assembly.close_sitting": _("Đóng phiên họp"),
    "assembly.quorum_rule": _("Sửa quy định tỉ lệ có mặt"),
    "proceedings.programme_created": _("Lập chương trình đại hội"),
    "proceedings.item_added": _("Thêm mục chương trình"),
    "proceedings.item_edited": _("Sửa mục chương trình"),
    "proceedings.item_moved": _("Đổi thứ tự chương trình"),
    "proceedings.item_removed": _("Bỏ mục chương trình"),
    "proceedings.item_state": _("Đánh dấu tiến trình đại hội"),
    "proceedings.speaker_added": _("Đăng ký phát biểu"),
    "proceedings.speaker_moved": _("Đổi thứ tự phát biểu"),
    "proceedings.speaker_removed": _("Bỏ lượt phát biểu"),
    "proceedings.speaker_spoken": _("Đánh dấu đã phát biểu"),
    "proceedings.vote_recorded": _("Ghi kết quả biểu quyết"),
    "proceedings.vote_corrected": _("Sửa kết quả biểu quyết nhập nhầm"),
}


class AppendOnlyError(Exception):
    def __init__(self, entry: object) -> None:
        super().__init__(f"audit log is append-only: {entry}")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("người thực hiện"),
    )
    # Kept as text so the trail still reads after the account is removed.
    actor_name = models.CharField(_("người thực hiện"), max_length=150)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("tổ chức"),
    )
    action = models.CharField(_("thao tác"), max_length=60, db_index=True)
    target = models.CharField(_("đối tượng"), max_length=255, blank=True)
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField(_("sau"), null=True, blank=True)
    # The hash chain (daihoi/audit/chain.py): the entry's place, its seal, and the
    # ids as written, which the links above lose when the account or unit is deleted.
    seq = models.PositiveBigIntegerField(_("số thứ tự"), unique=True, editable=False)
    hash = models.CharField(_("mã băm"), max_length=64, editable=False)
    actor_ref = models.BigIntegerField(_("mã người thực hiện"), null=True, editable=False)
    organisation_ref = models.BigIntegerField(_("mã tổ chức"), null=True, editable=False)

    class Meta:
        verbose_name = _("bản ghi nhật ký")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.target}"

    # The trail only grows: the app refuses here, and the database refuses too
    # (migration 0002), so neither a bug nor a hand-written query can rewrite it.
    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(self)
        if self.seq is None:
            from daihoi.audit.chain import seal

            using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
            with transaction.atomic(using=using, savepoint=False):
                seal([self], using)
                super().save(*args, **kwargs)
            return
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(self)

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))

    def changed_fields(self) -> list[tuple[str, object, object]]:
        """Return (field, before, after) for every field that differs."""
        before = self.before or {}
        after = self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]
