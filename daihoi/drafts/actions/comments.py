"""Comments on a round: one entered by hand, or a spreadsheet of them, all or nothing."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.core.errors import ActionRefused
from daihoi.core.numbers import vn_date
from daihoi.drafts.access import can_edit
from daihoi.drafts.actions.common import require_edit
from daihoi.drafts.comment_import import plan_comments
from daihoi.drafts.models import Comment, Round, RoundState, SourceGroup
from daihoi.drafts.queries import circulated_to
from daihoi.orgs import scope

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.core.tables import Table
    from daihoi.orgs.models import Organisation


def _check_comment(
    round_: Round, paragraph: str, source_group: str, text: str, received_on: dt.date | None
) -> ActionRefused | None:
    problems: list[str] = []
    codes: list[str] = []
    if paragraph and paragraph not in round_.block_map():
        problems.append(
            _("Dự thảo lần %(n)s không có đoạn «%(p)s».") % {"n": round_.number, "p": paragraph}
        )
        codes.append("unknown_paragraph")
    if source_group not in SourceGroup.values:
        problems.append(_("Nhóm góp ý «%(g)s» không có trong danh mục.") % {"g": source_group})
        codes.append("unknown_group")
    if not text.strip():
        problems.append(_("Nội dung góp ý đang trống."))
        codes.append("empty_text")
    if received_on is None:
        problems.append(_("Thiếu ngày góp ý."))
        codes.append("no_date")
    elif received_on > timezone.localdate():
        problems.append(_("Ngày góp ý %(d)s ở tương lai.") % {"d": vn_date(received_on)})
        codes.append("future_date")
    return ActionRefused(problems, codes) if problems else None


def _open_for_comments(round_: Round) -> None:
    if round_.state != RoundState.CIRCULATING:
        raise ActionRefused(
            [
                _("Dự thảo lần %(n)s không trong thời gian lấy ý kiến (%(state)s).")
                % {"n": round_.number, "state": round_.get_state_display()}
            ],
            ["round_not_open"],
        )


def _may_comment_for(user: User, round_: Round, source_org: Organisation | None) -> None:
    """The owner's drafters enter any comment; a subordinate unit only its own (upward flow)."""
    document = round_.document
    if source_org is None or source_org.path == document.org_path:
        require_edit(user, document)
        return
    if not can_edit(user, source_org):
        raise PermissionDenied(_("Bạn không có quyền gửi ý kiến thay đơn vị này."))
    if not circulated_to(round_, source_org) and not can_edit(user, document.congress.organisation):
        raise ActionRefused(
            [_("Dự thảo này không được gửi lấy ý kiến tới %(org)s.") % {"org": source_org.name}],
            ["not_circulated_to_unit"],
        )


def _fresh(round_: Round) -> Round:
    return Round.objects.select_related("document__congress__organisation").get(pk=round_.pk)


@transaction.atomic(durable=True)
def do_add_comment(
    round_: Round,
    *,
    text: str,
    received_on: dt.date | None,
    paragraph: str = "",
    source_group: str = SourceGroup.MEMBERS,
    source_name: str = "",
    source_org: Organisation | None = None,
    acting_user: User,
) -> Comment:
    """Record one comment; a subordinate unit's comment goes straight to this round."""
    round_ = _fresh(round_)
    _may_comment_for(acting_user, round_, source_org)
    _open_for_comments(round_)
    refusal = _check_comment(round_, paragraph, source_group, text, received_on)
    if refusal is not None:
        raise refusal
    assert received_on is not None  # noqa: S101 - checked above
    if source_org is not None and source_org.path != round_.document.org_path:
        source_group = SourceGroup.UNIT
        source_name = source_name or source_org.name
    comment = Comment.objects.create(
        round=round_,
        paragraph=paragraph,
        source_group=source_group,
        source_name=source_name.strip(),
        source_org=source_org,
        source_path=source_org.path if source_org is not None else round_.document.org_path,
        received_on=received_on,
        text=text.strip(),
        entered_by=acting_user,
    )
    log.record(
        "drafts.comment",
        actor=acting_user,
        organisation=source_org or round_.document.congress.organisation,
        target=str(round_),
        after={"id": comment.pk, "paragraph": paragraph, "group": source_group},
    )
    return comment


@transaction.atomic(durable=True)
def do_import_comments(
    round_: Round,
    table: Table,
    *,
    file_name: str,
    source_org: Organisation | None = None,
    acting_user: User,
) -> int:
    """Check every row of a comments table, then write them all at once; one audit entry.

    Raises CommentImportRejected, naming each bad cell, when any row is wrong: then
    nothing is written. A subordinate unit's rows (source_org) come from its subtree.
    """
    round_ = _fresh(round_)
    _may_comment_for(acting_user, round_, source_org)
    _open_for_comments(round_)
    rows = plan_comments(
        round_,
        table,
        today=timezone.localdate(),
        scope_root=source_org or scope.scope_root(acting_user),
        default_unit=source_org,
    )
    for row in rows:
        row.round = round_
        row.entered_by = acting_user
    Comment.objects.bulk_create(rows, batch_size=2000)
    log.record(
        "drafts.import_comments",
        actor=acting_user,
        organisation=source_org or round_.document.congress.organisation,
        target=str(round_),
        after={"file": file_name, "rows": len(rows)},
    )
    return len(rows)
