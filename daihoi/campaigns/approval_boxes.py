"""The approvals section of a congress page: per kind, where it stands and the forms offered."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.forms import Form
from django.urls import reverse
from django.utils.translation import gettext_lazy

from daihoi.campaigns import access, submissions
from daihoi.campaigns.approval_forms import ReasonForm, SubmitForm
from daihoi.campaigns.forms import ApprovalForm
from daihoi.campaigns.models import Approval, ApprovalKind, Congress, Submission, SubmissionState

if TYPE_CHECKING:
    from daihoi.accounts.models import User

TITLES = {
    ApprovalKind.DOCUMENTS: gettext_lazy("Văn kiện đại hội"),
    ApprovalKind.PERSONNEL: gettext_lazy("Phương án nhân sự"),
}


@dataclass
class Box:
    kind: ApprovalKind
    title: str
    approval: Approval | None
    latest: Submission | None
    history: list[Submission]
    forms: dict[str, Form] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def waiting(self) -> bool:
        return self.latest is not None and self.latest.state == SubmissionState.WAITING


def boxes(congress: Congress, user: User, bound: dict[str, Form] | None = None) -> list[Box]:
    """One box per kind; a refused write comes back bound in `bound` ("approve-documents")."""
    bound = bound or {}
    args = [congress.campaign.slug, congress.organisation.code]
    approvals = {
        a.kind: a for a in congress.approvals.select_related("approved_by", "approver_organisation")
    }
    subs = list(
        congress.submissions.select_related("submitted_by", "decided_by").order_by(
            "-submitted_at", "-pk"
        )
    )
    superior = access.may_approve(user, congress)
    writer = access.may_submit(user, congress)
    held = congress.state in submissions.HELD
    found = []
    for kind in ApprovalKind:
        history = [s for s in subs if s.kind == kind]
        box = Box(
            kind, str(TITLES[kind]), approvals.get(kind), history[0] if history else None, history
        )
        offered: dict[str, type[Form]] = {}
        if writer and not held and box.approval is None and not box.waiting:
            offered["submit"] = SubmitForm
        if superior and box.waiting:
            offered["approve"] = ApprovalForm
            offered["return"] = ReasonForm
        if superior and box.approval is not None and not held:
            offered["withdraw"] = ReasonForm
        for name, form_class in offered.items():
            key = f"{name}-{kind.value}"
            initial = (
                {"paper": "\n".join(box.latest.content.get("paper", []))} if box.latest else {}
            )
            box.forms[name] = bound.get(key) or form_class(initial=initial)
            box.urls[name] = reverse(f"congress_{name}_{kind.value}", args=args)
        # A refusal of a write no longer offered (approved meanwhile): shown above the box.
        box.errors = [
            str(e)
            for key, form in bound.items()
            if key.endswith(kind.value) and key.split("-")[0] not in offered
            for e in form.non_field_errors()
        ]
        found.append(box)
    return found
