"""Show-of-hands votes: recorded against the hall as it is, corrected against the hall as it was."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.core.errors import ActionRefused
from daihoi.lib import votes
from daihoi.lib.text import clean
from daihoi.proceedings.actions.common import TITLE_MAX, locked
from daihoi.proceedings.hall import hall
from daihoi.proceedings.models import AgendaItem, ShowOfHands

if TYPE_CHECKING:
    from daihoi.accounts.models import User


def vote_snapshot(vote: ShowOfHands) -> dict[str, Any]:
    return {
        "motion": vote.motion,
        "agree": vote.agree,
        "disagree": vote.disagree,
        "abstain": vote.abstain,
        "present": vote.present,
        "summoned": vote.summoned,
        "rule": vote.rule,
        "needed": vote.needed,
        "adopted": vote.adopted,
    }


def _count_problems(
    agree: int, disagree: int, abstain: int, present: int
) -> tuple[list[str], list[str]]:
    """What is wrong with the three counts against the delegates present: (reasons, codes)."""
    total = agree + disagree + abstain
    reasons: list[str] = []
    codes: list[str] = []
    for problem in votes.count_problems(agree, disagree, abstain, present):
        if problem == votes.CountProblem.NEGATIVE:
            reasons.append(_("Số biểu quyết không được âm."))
        elif problem == votes.CountProblem.MORE_THAN_PRESENT:
            reasons.append(
                _(
                    "Tổng số biểu quyết là %(total)s (tán thành %(agree)s, không tán thành "
                    "%(disagree)s, không biểu quyết %(abstain)s), nhiều hơn số đại biểu có mặt "
                    "là %(present)s."
                )
                % {
                    "total": total,
                    "agree": agree,
                    "disagree": disagree,
                    "abstain": abstain,
                    "present": present,
                }
            )
        else:
            reasons.append(_("Chưa nhập số biểu quyết nào."))
        codes.append(str(problem))  # the rule's own name: negative, more_than_present, …
    return reasons, codes


@transaction.atomic(durable=True)
def do_record_vote(
    item: AgendaItem,
    *,
    agree: int,
    disagree: int,
    abstain: int,
    motion: str = "",
    acting_user: User,
) -> ShowOfHands:
    """Record a show of hands counted by the secretariat, against the hall as it is now.

    Refused when the counts add up to more than the delegates present, when the
    hall has no quorum, or when the item is not put to a vote.
    """
    current = locked(item.congress, acting_user)
    fresh = AgendaItem.objects.get(pk=item.pk, congress=current)
    if not fresh.vote_rule:
        raise ActionRefused(
            [
                _("Mục «%(title)s» không có biểu quyết; hãy chọn cách biểu quyết cho mục trước.")
                % {"title": fresh.title}
            ],
            codes=["no_vote_rule"],
        )
    seen = hall(current)
    reasons, codes = _count_problems(agree, disagree, abstain, seen.present)
    if not seen.has_quorum:
        reasons.append(
            _(
                "Đại hội chưa đủ số đại biểu: có mặt %(present)s trên %(summoned)s được triệu "
                "tập, cần ít nhất %(required)s."
            )
            % {"present": seen.present, "summoned": seen.summoned, "required": seen.required}
        )
        codes.append("no_quorum")
    if reasons:
        raise ActionRefused(reasons, codes=codes)
    rule = votes.RULES[fresh.vote_rule]
    try:
        outcome = votes.decide(
            agree, disagree, abstain, present=seen.present, summoned=seen.summoned, rule=rule
        )
    except ValueError as exc:
        raise ActionRefused(
            [
                _("Số có mặt %(present)s nhiều hơn số được triệu tập %(summoned)s.")
                % {"present": seen.present, "summoned": seen.summoned}
            ],
            codes=["more_present_than_summoned"],
        ) from exc
    text = clean(motion) or fresh.title
    vote = ShowOfHands.objects.create(
        item=fresh,
        congress=current,
        motion=text[:TITLE_MAX],
        agree=agree,
        disagree=disagree,
        abstain=abstain,
        present=seen.present,
        summoned=seen.summoned,
        rule=fresh.vote_rule,
        needed=outcome.needed,
        adopted=outcome.adopted,
        recorded_at=timezone.now(),
        recorded_by=acting_user,
        recorded_by_name=acting_user.username,
    )
    log.record(
        "proceedings.vote_recorded",
        actor=acting_user,
        organisation=current.organisation,
        target=vote.motion,
        after=vote_snapshot(vote),
    )
    return vote


@transaction.atomic(durable=True)
def do_correct_vote(
    vote: ShowOfHands,
    *,
    agree: int,
    disagree: int,
    abstain: int,
    reason: str,
    acting_user: User,
) -> ShowOfHands:
    """Correct figures typed wrong, against the hall as it was when the hands were counted.

    The outcome is decided again under the vote's own rule; a reason is required
    and the audit entry keeps the figures before and after.
    """
    current = locked(vote.congress, acting_user)
    fresh = ShowOfHands.objects.select_for_update().get(pk=vote.pk, congress=current)
    why = clean(reason)
    reasons, codes = _count_problems(agree, disagree, abstain, fresh.present)
    if not why:
        reasons.append(_("Hãy ghi lý do sửa (ví dụ: nhập nhầm số tán thành)."))
        codes.append("reason_missing")
    if (agree, disagree, abstain) == (fresh.agree, fresh.disagree, fresh.abstain):
        reasons.append(_("Số liệu không khác số đã ghi; không có gì để sửa."))
        codes.append("unchanged")
    if reasons:
        raise ActionRefused(reasons, codes=codes)
    outcome = votes.decide(
        agree,
        disagree,
        abstain,
        present=fresh.present,
        summoned=fresh.summoned,
        rule=votes.RULES[fresh.rule],
    )
    with log.audited(
        "proceedings.vote_corrected",
        actor=acting_user,
        organisation=current.organisation,
        target=fresh.motion,
        snapshot=lambda: vote_snapshot(fresh),
        extra={"reason": why[:TITLE_MAX]},
    ):
        fresh.agree, fresh.disagree, fresh.abstain = agree, disagree, abstain
        fresh.needed, fresh.adopted = outcome.needed, outcome.adopted
        fresh.corrected_at = timezone.now()
        fresh.corrected_by_name = acting_user.username
        fresh.correction_reason = why[:TITLE_MAX]
        fresh.save()
    return fresh
