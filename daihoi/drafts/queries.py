"""Reads of draft documents, rounds and comments, each scoped to what the user may see."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from daihoi.campaigns.models import ApprovalKind, Congress
from daihoi.drafts.models import REQUIRED_KINDS, Comment, DocKind, DraftDocument, Round, RoundState
from daihoi.orgs import scope
from daihoi.orgs.models import Organisation
from daihoi.orgs.tree import children, subtree_q

if TYPE_CHECKING:
    from collections.abc import Sequence

    from django.contrib.auth.models import AnonymousUser

    from daihoi.accounts.models import User


def path_scope_q(user: User | AnonymousUser, field: str) -> Q:
    """Limit a copied path column (org_path, source_path) to the user's subtree.

    scope.scope_q filters through an organisation relation; these columns copy
    the path so a count over thousands of units needs no join.
    """
    if scope.sees_everything(user):
        return Q()
    root = scope.scope_root(user)
    if root is None:
        return Q(pk__in=[])
    return subtree_q(root.path, prefix=field.removesuffix("path"))


def _ancestor_paths(org: Organisation) -> list[str]:
    return [org.path[: d * org.steplen] for d in range(1, org.depth)]


def superior_documents(org: Organisation, campaign_id: int) -> QuerySet[DraftDocument]:
    """Documents of the congresses above org (its committee's superiors) in one campaign."""
    return DraftDocument.objects.filter(
        congress__campaign_id=campaign_id, org_path__in=_ancestor_paths(org)
    ).select_related("congress__organisation")


def circulated_to(round_: Round, org: Organisation) -> bool:
    """Return whether a circulating round reaches org (a named unit, or below one)."""
    if round_.state != RoundState.CIRCULATING:
        return False
    if not org.path.startswith(round_.document.org_path) or org.path == round_.document.org_path:
        return False
    paths = list(round_.circulated_units.values_list("path", flat=True))
    return not paths or any(org.path.startswith(p) for p in paths)


def latest_round(document: DraftDocument) -> Round | None:
    return document.rounds.order_by("-number").first()


def unhandled(round_: Round) -> QuerySet[Comment]:
    return round_.comments.filter(handling="")


def visible_comments(user: User | AnonymousUser, round_: Round) -> QuerySet[Comment]:
    """A round's comments the user may see: all for the owner's people, else their subtree's."""
    comments = round_.comments.all()
    if scope.can_see(user, round_.document.congress.organisation):
        return comments
    return comments.filter(path_scope_q(user, "source_path"))


def document_rows(congress: Congress) -> list[dict[str, Any]]:
    """Each document of a congress with its latest round and open comments."""
    documents = list(
        DraftDocument.objects.filter(congress=congress).annotate(
            round_count=Count("rounds", distinct=True)
        )
    )
    rows = []
    for document in documents:
        last = latest_round(document)
        rows.append(
            {
                "document": document,
                "last": last,
                "open": unhandled(last).count() if last else 0,
                "comments": last.comments.count() if last else 0,
            }
        )
    return rows


def approval_check(congress: Congress, kind: str) -> list[str]:
    """Reasons the superior may not approve a congress's documents yet: unapproved types.

    The gate holds once a congress keeps its documents here (it has opened at
    least one): from then on every required type's final round must carry the
    superior's approval. A congress whose documents never entered the app (a
    cell that drafts on paper, records imported from before) is approved as before.
    """
    if kind != ApprovalKind.DOCUMENTS:
        return []
    kept = dict(DraftDocument.objects.filter(congress=congress).values_list("kind", "approved_at"))
    if not kept:
        return []
    approved = {k for k, at in kept.items() if at is not None}
    missing = [DocKind(k).label for k in DocKind.values if k in REQUIRED_KINDS - approved]
    if not missing:
        return []
    return [
        _(
            "Cấp trên chưa thông qua dự thảo cuối của các văn kiện bắt buộc: %(kinds)s. "
            "Hãy thông qua từng văn kiện ở mục «Văn kiện đại hội»."
        )
        % {"kinds": ", ".join(str(m) for m in missing)}
    ]


def submission_items(congress: Congress, kind: str) -> list[dict[str, Any]]:
    """What a documents submission freezes: each document, its last round and that text's hash.

    The superior's own approval of a round does not count as a change; a new round,
    a corrected text or another file does.
    """
    if kind != ApprovalKind.DOCUMENTS:
        return []
    items = []
    for document in DraftDocument.objects.filter(congress=congress).order_by("kind"):
        last = latest_round(document)
        text = json.dumps(last.blocks, sort_keys=True) + last.file_name if last else ""
        items.append(
            {
                "what": "document",
                "id": document.pk,
                "label": document.title,
                "version": f"{last.number if last else 0}:"
                + hashlib.sha256(text.encode()).hexdigest()[:20],
            }
        )
    return items


def counts_by_child(round_: Round, org: Organisation) -> list[tuple[Organisation, int, int]]:
    """Comments of the round from each direct child of org: (child, comments, unhandled)."""
    kids = list(children(org))
    if not kids:
        return []
    rows = (
        round_.comments.filter(subtree_q(org.path, prefix="source_", include_self=False))
        .values("source_path")
        .annotate(n=Count("pk"), open=Count("pk", filter=Q(handling="")))
    )
    width = len(org.path) + org.steplen
    totals: dict[str, list[int]] = {}
    for row in rows:
        key = row["source_path"][:width]
        pair = totals.setdefault(key, [0, 0])
        pair[0] += row["n"]
        pair[1] += row["open"]
    return [(k, *totals.get(k.path, [0, 0])) for k in kids]  # type: ignore[misc]


def units_that_sent(round_: Round, units: Sequence[Organisation]) -> int:
    """How many of the units have at least one comment from their subtree on the round."""
    prefixes: set[str] = set()
    for path in (
        round_.comments.exclude(source_path="").values_list("source_path", flat=True).distinct()
    ):
        step = Organisation.steplen
        prefixes.update(path[:i] for i in range(step, len(path) + 1, step))
    return sum(1 for u in units if u.path in prefixes)
