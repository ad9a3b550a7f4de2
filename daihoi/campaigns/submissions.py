"""What a submission freezes, how it is compared later, and the rules around approving it.

A submission records the ids and versions of what the unit sent (the other apps say
what those are through `hooks.register_submission_content`) and, for documents kept
on paper, their names. Its fingerprint is the hash of that record: the superior's
approval recomputes it and is refused when the two differ.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daihoi.campaigns import hooks
from daihoi.campaigns.models import (
    Approval,
    ApprovalKind,
    Congress,
    CongressState,
    LevelPlan,
    Submission,
    SubmissionState,
)
from daihoi.core.errors import ActionRefused
from daihoi.orgs.tree import subtree_q

# Once held, a congress's documents and personnel are history: no request, no withdrawal.
HELD = (CongressState.HELD, CongressState.REPORTED)
DONE_BELOW = {"approved": gettext_lazy("được duyệt"), "held": gettext_lazy("tổ chức đại hội")}


def frozen_content(congress: Congress, kind: str, paper: list[str] | None = None) -> dict[str, Any]:
    """What a submission of `kind` would freeze now: the apps' items and the paper documents."""
    content: dict[str, Any] = {"items": hooks.submission_items(congress, kind)}
    if kind == ApprovalKind.DOCUMENTS:
        content["paper"] = [line for line in (paper or []) if line]
    return content


def fingerprint(content: dict[str, Any]) -> str:
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def is_empty(content: dict[str, Any]) -> bool:
    return not content.get("items") and not content.get("paper")


def nothing_reason(kind: str) -> str:
    if kind == ApprovalKind.DOCUMENTS:
        return _(
            "Chưa có văn kiện nào để duyệt: đại hội chưa soạn văn kiện trên hệ thống và "
            "chưa ghi văn kiện bản giấy nào."
        )
    return _("Chưa có phương án nhân sự để duyệt: đại hội chưa lập danh sách nhân sự nào.")


def changed_items(submission: Submission, congress: Congress) -> list[str]:
    """Names of what changed since the submission (added, removed or edited), in order."""
    then = {(i["what"], i["id"]): i for i in submission.content.get("items", [])}
    now_items = hooks.submission_items(congress, submission.kind)
    now = {(i["what"], i["id"]): i for i in now_items}
    names = []
    for key in sorted(then.keys() | now.keys()):
        before, after = then.get(key), now.get(key)
        if before is None or after is None or before["version"] != after["version"]:
            names.append(str((after or before or {}).get("label", key[1])))
    return names


def latest(congress: Congress, kind: str) -> Submission | None:
    return congress.submissions.filter(kind=kind).order_by("-submitted_at", "-pk").first()


def waiting(congress: Congress, kind: str) -> Submission | None:
    return congress.submissions.filter(kind=kind, state=SubmissionState.WAITING).first()


def is_approved(congress: Congress, kind: str) -> bool:
    return Approval.objects.filter(congress_id=congress.pk, kind=kind).exists()


def refuse_if_approved(congress: Congress, kind: str) -> None:
    """The lock: what the superior approved is not edited until the approval is withdrawn.

    Called by the drafts and personnel actions before any change to a congress's
    documents or candidate lists.
    """
    if is_approved(congress, kind):
        if kind == ApprovalKind.DOCUMENTS:
            reason = _(
                "Văn kiện của đại hội đã được cấp trên duyệt; muốn sửa phải đề nghị cấp trên "
                "rút duyệt trước."
            )
        else:
            reason = _(
                "Phương án nhân sự đã được cấp trên duyệt; muốn sửa phải đề nghị cấp trên "
                "rút duyệt trước."
            )
        raise ActionRefused([reason], ["approved_locked"])


def lower_rule(congress: Congress) -> str:
    """The level's rule: what the units directly below must have done first ("" for none)."""
    return (
        LevelPlan.objects.filter(campaign_id=congress.campaign_id, level_id=congress.level_id)
        .values_list("lower_first", flat=True)
        .first()
        or ""
    )


def lower_pending(congress: Congress, kind: str, rule: str) -> int:
    """How many congresses directly below have not done what `rule` asks."""
    below = Congress.objects.filter(
        subtree_q(congress.org_path, prefix="org_", include_self=False),
        campaign_id=congress.campaign_id,
        level__rank=congress.level.rank + 1,
    )
    if rule == "held":
        return below.exclude(state__in=HELD).count()
    return below.exclude(approvals__kind=kind).count()


def lower_problem(congress: Congress, kind: str) -> str | None:
    """Why the superior must wait for the units below, if the level's rule says so."""
    rule = lower_rule(congress)
    if not rule:
        return None
    pending = lower_pending(congress, kind, rule)
    if not pending:
        return None
    return _("Còn %(n)s đơn vị cấp dưới trực tiếp chưa %(done)s; cấp này phải chờ cấp dưới.") % {
        "n": pending,
        "done": DONE_BELOW[rule],
    }
