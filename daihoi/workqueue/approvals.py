"""Which lower congresses wait for their superior's approval, read from the lifecycle state.

A stand-in until campaigns has the submit/approve flow of its own (issue 17): today a
unit asks for nothing explicitly, so a congress preparing without its documents
approved, or with its documents approved and not its personnel, is one whose next
step waits on the committee directly above it (campaigns/lifecycle.py's blockers
`documents_not_approved` and `personnel_not_approved`). sources.py reads
`approvals_waiting` from here; when campaigns.queries has its own (rows with
`.congress` and `.kind`, a submission each), the assignment at the end of this module
is the one line to change: `asked()` reads either kind of row.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Length

from daihoi.campaigns.models import Approval, ApprovalKind, Congress, CongressState
from daihoi.orgs.models import Organisation
from daihoi.orgs.tree import subtree_q


def _has(kind: str) -> Exists:
    return Exists(Approval.objects.filter(congress=OuterRef("pk"), kind=kind))


def waiting_by_lifecycle(org: Organisation) -> QuerySet[Congress]:
    """The congresses of the units directly under `org` whose next step needs its approval."""
    return (
        # The children by the length of the congress's copied path: no join with the tree.
        Congress.objects.alias(depth=Length("org_path"))
        .filter(
            subtree_q(org.path, prefix="org_", include_self=False),
            depth=(org.depth + 1) * org.steplen,
        )
        .alias(
            has_documents=_has(ApprovalKind.DOCUMENTS), has_personnel=_has(ApprovalKind.PERSONNEL)
        )
        .filter(
            Q(state=CongressState.PREPARING, has_documents=False)
            | Q(state=CongressState.DOCUMENTS_APPROVED, has_personnel=False)
        )
        .select_related("organisation", "campaign")
        .order_by(F("planned_date").asc(nulls_last=True), "org_path")
    )


def asked(row: Any) -> tuple[Congress, str]:
    """The congress and the approval kind a row of `approvals_waiting` asks for.

    A submission row says both; a congress of this stand-in asks for the approval its
    state waits on: documents first, then personnel.
    """
    if isinstance(row, Congress):
        if row.state == CongressState.PREPARING:
            return row, ApprovalKind.DOCUMENTS
        return row, ApprovalKind.PERSONNEL
    return row.congress, row.kind


# The query the work queue asks; to read campaigns' own submissions instead:
# `from daihoi.campaigns.queries import approvals_waiting`.
approvals_waiting = waiting_by_lifecycle
