"""Each reason of the rule in Vietnamese, with the page where the department acts on it."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from daihoi.campaigns.models import Campaign
from daihoi.core.numbers import local_percent, vn_date
from daihoi.earlywarning.facts import Unit
from daihoi.lib.risk import (
    COMPLAINT_HIGH_DAYS,
    DOCUMENTS_DAYS,
    DOCUMENTS_HIGH_DAYS,
    ESCALATE_AT,
    MIN_PEERS,
    PEER_SHARE,
    PERSONNEL_DAYS,
    PERSONNEL_HIGH_DAYS,
    Finding,
    Level,
    Reason,
    Step,
)
from daihoi.orgs.models import Organisation

LEVEL_LABELS = {Level.HIGH: gettext_lazy("Cao"), Level.MEDIUM: gettext_lazy("Trung bình")}
REASON_LABELS = {
    Reason.OVERDUE: gettext_lazy("Quá ngày dự kiến"),
    Reason.NO_DATE: gettext_lazy("Chưa có ngày dự kiến"),
    Reason.DOCUMENTS: gettext_lazy("Văn kiện chưa được duyệt"),
    Reason.PERSONNEL: gettext_lazy("Nhân sự chưa được duyệt"),
    Reason.RETURNED: gettext_lazy("Hồ sơ bị trả lại"),
    Reason.COMPLAINTS: gettext_lazy("Đơn thư chưa giải quyết"),
    Reason.FINDINGS: gettext_lazy("Yêu cầu sau kiểm tra chưa khắc phục"),
    Reason.NO_SITTING: gettext_lazy("Đến ngày chưa khai mạc"),
    Reason.DOCUMENTS_BEHIND: gettext_lazy("Văn kiện chậm hơn đơn vị cùng cấp"),
    Reason.PERSONNEL_BEHIND: gettext_lazy("Nhân sự chậm hơn đơn vị cùng cấp"),
}


@dataclass(frozen=True)
class Line:
    """One reason as the page prints it: the sentence, its level, where to act."""

    reason: Reason
    level: Level
    text: str
    url: str
    action: str


@dataclass(frozen=True)
class Rights:
    """What the reader may open beyond the congress page: a link only where it opens."""

    writer: bool  # the bulk date editor (the tree's writers)
    personnel: bool  # complaints and inspection teams (personnel staff)


@dataclass(frozen=True)
class Where:
    """What the links of one unit need: its campaign, its code and its superior's."""

    campaign: Campaign
    org: Organisation
    parent_code: str
    rights: Rights


def rule_lines() -> list[str]:
    """The rule the page applies, in the words of its legend (from lib/risk's constants)."""
    return [
        _(
            "Cao: đã quá ngày dự kiến; văn kiện chưa được duyệt khi còn %(d)s ngày; phương án "
            "nhân sự chưa được duyệt khi còn %(p)s ngày; đơn thư chưa giải quyết khi còn "
            "%(c)s ngày; hoặc có từ %(n)s lý do mức trung bình trở lên."
        )
        % {
            "d": DOCUMENTS_HIGH_DAYS,
            "p": PERSONNEL_HIGH_DAYS,
            "c": COMPLAINT_HIGH_DAYS,
            "n": ESCALATE_AT,
        },  # fmt: skip
        _(
            "Trung bình: văn kiện chưa được duyệt khi còn %(d)s ngày; phương án nhân sự chưa "
            "được duyệt khi còn %(p)s ngày; hồ sơ bị trả lại chưa gửi lại; đơn thư đang giải "
            "quyết; yêu cầu khắc phục sau kiểm tra chưa xong; đến ngày mà chưa khai mạc phiên "
            "họp nào; chưa có ngày dự kiến; chậm hơn %(share)s số đại hội cùng cấp đã tổ chức "
            "(khi có từ %(peers)s đại hội trở lên để so sánh)."
        )
        % {
            "d": DOCUMENTS_DAYS,
            "p": PERSONNEL_DAYS,
            "share": local_percent(PEER_SHARE, 0),
            "peers": MIN_PEERS,
        },  # fmt: skip
    ]


def _days(days: int | None) -> str:
    if days is None:
        return _("chưa có ngày đại hội")
    if days > 0:
        return ngettext("còn %(n)s ngày đến đại hội", "còn %(n)s ngày đến đại hội", days) % {
            "n": days
        }
    if days == 0:
        return _("đại hội dự kiến hôm nay")
    return _("đã quá ngày dự kiến")


def _step_text(what: Reason, step: Step, days: int | None) -> str:
    values = {"when": _days(days)}
    if what is Reason.DOCUMENTS:
        texts = {
            Step.NOT_SENT: _("Văn kiện chưa gửi cấp trên duyệt, %(when)s."),
            Step.WAITING: _("Văn kiện đang chờ cấp trên duyệt, %(when)s."),
            Step.RETURNED: _("Văn kiện bị cấp trên trả lại, chưa gửi lại, %(when)s."),
        }
    else:
        texts = {
            Step.NOT_SENT: _("Phương án nhân sự chưa gửi cấp trên duyệt, %(when)s."),
            Step.WAITING: _("Phương án nhân sự đang chờ cấp trên duyệt, %(when)s."),
            Step.RETURNED: _("Phương án nhân sự bị cấp trên trả lại, chưa gửi lại, %(when)s."),
        }
    return texts[step] % values


def _behind_text(what: Reason, finding: Finding, days: int) -> str:
    values = {
        "share": local_percent(finding.share or Fraction(0), 0),
        "n": finding.peers,
        "days": days,
    }
    if what is Reason.DOCUMENTS_BEHIND:
        text = _(
            "%(share)s trong %(n)s đại hội cùng cấp đã tổ chức được duyệt văn kiện từ %(days)s "
            "ngày trước đại hội trở lên; đơn vị này còn %(days)s ngày mà chưa được duyệt."
        )
    else:
        text = _(
            "%(share)s trong %(n)s đại hội cùng cấp đã tổ chức được duyệt phương án nhân sự từ "
            "%(days)s ngày trước đại hội trở lên; đơn vị này còn %(days)s ngày mà chưa được duyệt."
        )
    return text % values


def describe(unit: Unit, finding: Finding, where: Where) -> Line:
    """The sentence for one reason of one unit, and the link to act on it."""
    facts = unit.facts
    slug, code = where.campaign.slug, where.org.code
    congress = reverse("congress_detail", args=[slug, code])
    url, action = congress, _("Mở đại hội")
    reason = finding.reason
    if reason is Reason.OVERDUE:
        day = unit.planned_date
        if day is not None:
            text = _("Đã quá ngày dự kiến %(day)s mà chưa tổ chức đại hội.") % {"day": vn_date(day)}
        else:
            text = _("Đã quá hạn của cấp mà chưa có ngày tổ chức đại hội.")
    elif reason is Reason.NO_DATE:
        text = _("Chưa có ngày dự kiến tổ chức đại hội.")
        if where.rights.writer:
            url, action = reverse("congress_bulk", args=[slug, where.parent_code]), _("Ghi ngày")
    elif reason in (Reason.DOCUMENTS, Reason.PERSONNEL):
        step = facts.documents if reason is Reason.DOCUMENTS else facts.personnel
        text = _step_text(reason, step, facts.days_left)
        url, action = _approval_link(where, reason, step, congress)
    elif reason is Reason.RETURNED:
        text = _("Cấp trên đã trả lại hồ sơ kèm lý do; đơn vị chưa sửa và gửi lại.")
        url, action = congress + "#approvals", _("Xem lý do")
    elif reason is Reason.COMPLAINTS:
        text = ngettext(
            "%(n)s đơn thư về nhân sự đang giải quyết: phương án nhân sự chưa thể duyệt.",
            "%(n)s đơn thư về nhân sự đang giải quyết: phương án nhân sự chưa thể duyệt.",
            facts.open_complaints,
        ) % {"n": facts.open_complaints}
        if where.rights.personnel:
            url, action = reverse("personnel_congress", args=[slug, code]), _("Xem đơn thư")
    elif reason is Reason.FINDINGS:
        text = ngettext(
            "%(n)s yêu cầu khắc phục sau kiểm tra chưa hoàn thành.",
            "%(n)s yêu cầu khắc phục sau kiểm tra chưa hoàn thành.",
            facts.open_findings,
        ) % {"n": facts.open_findings}
        if where.rights.personnel:
            by = unit.inspected_by or where.parent_code
            url, action = reverse("personnel_inspections", args=[slug, by]), _("Xem đoàn kiểm tra")
    elif reason is Reason.NO_SITTING:
        text = _("Đến ngày đại hội mà chưa khai mạc phiên họp nào trên hệ thống.")
        url, action = reverse("assembly_quorum", args=[slug, code]), _("Khai mạc phiên họp")
    else:
        step = facts.documents if reason is Reason.DOCUMENTS_BEHIND else facts.personnel
        text = _behind_text(reason, finding, facts.days_left or 0)
        kind = Reason.DOCUMENTS if reason is Reason.DOCUMENTS_BEHIND else Reason.PERSONNEL
        url, action = _approval_link(where, kind, step, congress)
    return Line(reason, finding.level, text, url, str(action))


def _approval_link(where: Where, kind: Reason, step: Step, congress: str) -> tuple[str, str]:
    """A request waiting is the superior's to decide (its approvals page); else the unit's."""
    if step is Step.WAITING:
        page = reverse("approvals_page", args=[where.campaign.slug, where.parent_code])
        param = "van-kien" if kind is Reason.DOCUMENTS else "nhan-su"
        return f"{page}?noi-dung={param}", _("Duyệt")
    return congress + "#approvals", _("Nhắc gửi duyệt")
