"""Groups of comments that say the same thing: proposed by the machine, confirmed or split."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.core.errors import ActionRefused
from daihoi.drafts.actions.common import locked_round, require_edit
from daihoi.drafts.models import Comment, CommentGroup, Round, RoundState
from daihoi.lib import similarity

if TYPE_CHECKING:
    from daihoi.accounts.models import User


def _refuse_closed(round_: Round) -> None:
    if round_.state == RoundState.CLOSED:
        raise ActionRefused(
            [_("Dự thảo lần %(n)s đã khép lại; không sửa nhóm ý kiến.") % {"n": round_.number}],
            ["round_closed"],
        )


@transaction.atomic(durable=True)
def do_propose_groups(
    round_: Round, *, threshold: float = similarity.DEFAULT_THRESHOLD, acting_user: User
) -> int:
    """Propose groups among the round's ungrouped, unhandled comments; returns how many."""
    current = locked_round(round_)
    require_edit(acting_user, current.document)
    _refuse_closed(current)
    rows = list(
        current.comments.filter(group__isnull=True, handling="")
        .order_by("pk")
        .values_list("pk", "paragraph", "text")
    )
    found = similarity.group_texts([(p, t) for _pk, p, t in rows], threshold=threshold)
    shared = [g for g in found if len(g.members) > 1]
    created = CommentGroup.objects.bulk_create(
        [
            CommentGroup(round=current, paragraph=rows[g.leader][1], summary=rows[g.leader][2])
            for g in shared
        ],
        batch_size=2000,
    )
    # One statement run for many rows: an UPDATE per group is 20,000 round trips.
    table = Comment._meta.db_table
    column = Comment._meta.get_field("group").column
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET {column} = %s WHERE id = %s",  # noqa: S608 - names from the model
            [
                (made.pk, rows[i][0])
                for g, made in zip(shared, created, strict=True)
                for i in g.members
            ],
        )
    made = len(created)
    log.record(
        "drafts.propose_groups",
        actor=acting_user,
        organisation=current.document.congress.organisation,
        target=str(current),
        after={"groups": made, "comments": len(rows), "threshold": threshold},
    )
    return made


def _locked_group(group: CommentGroup, user: User) -> CommentGroup:
    current = (
        CommentGroup.objects.select_for_update()
        .select_related("round__document__congress__organisation")
        .get(pk=group.pk)
    )
    require_edit(user, current.round.document)
    _refuse_closed(current.round)
    return current


@transaction.atomic(durable=True)
def do_confirm_group(group: CommentGroup, *, summary: str = "", acting_user: User) -> CommentGroup:
    """A person confirms that the group's comments say the same thing (and words it)."""
    current = _locked_group(group, acting_user)
    current.confirmed = True
    if summary.strip():
        current.summary = summary.strip()
    current.save()
    log.record(
        "drafts.confirm_group",
        actor=acting_user,
        organisation=current.round.document.congress.organisation,
        target=str(current.round),
        after={"group": current.pk, "size": current.comments.count()},
    )
    return current


@transaction.atomic(durable=True)
def do_split_group(
    group: CommentGroup, comment_ids: Iterable[int], *, acting_user: User
) -> CommentGroup | None:
    """Take comments out of a group (they stand alone again); a group of one dissolves."""
    current = _locked_group(group, acting_user)
    ids = list(comment_ids)
    if not ids or current.comments.filter(pk__in=ids).count() != len(set(ids)):
        raise ActionRefused(
            [_("Hãy chọn các ý kiến của nhóm này để tách ra.")], ["comments_not_in_group"]
        )
    taken = current.comments.filter(pk__in=ids).update(group=None)
    left = current.comments.count()
    log.record(
        "drafts.split_group",
        actor=acting_user,
        organisation=current.round.document.congress.organisation,
        target=str(current.round),
        after={"group": current.pk, "taken": taken, "left": left},
    )
    if left < 2:
        current.comments.update(group=None)
        current.delete()
        return None
    return current
