"""Opening a congress document (one per kind)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.campaigns.models import ApprovalKind
from daihoi.campaigns.submissions import refuse_if_approved
from daihoi.core.errors import ActionRefused
from daihoi.drafts.access import can_edit
from daihoi.drafts.models import DocKind, DraftDocument
from daihoi.orgs import scope

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.campaigns.models import Congress
    from daihoi.orgs.models import Organisation

DEFAULT_OWNER = "Tiểu ban Văn kiện"


@transaction.atomic(durable=True)
def do_create_document(
    congress: Congress,
    kind: str,
    *,
    title: str = "",
    owner: str = "",
    owner_organisation: Organisation | None = None,
    deadline: dt.date | None = None,
    acting_user: User,
) -> DraftDocument:
    """Open a document of a congress; one per kind."""
    if not can_edit(acting_user, congress.organisation):
        raise PermissionDenied(_("Bạn không có quyền soạn văn kiện của tổ chức này."))
    refuse_if_approved(congress, ApprovalKind.DOCUMENTS)
    if kind not in DocKind.values:
        raise ActionRefused(
            [_("Loại văn kiện «%(kind)s» không có trong danh mục.") % {"kind": kind}],
            ["unknown_kind"],
        )
    if DraftDocument.objects.filter(congress=congress, kind=kind).exists():
        raise ActionRefused(
            [
                _("Đại hội này đã có «%(kind)s»; mỗi loại văn kiện chỉ có một.")
                % {"kind": DocKind(kind).label}
            ],
            ["kind_exists"],
        )
    if owner_organisation is not None and not scope.can_see(acting_user, owner_organisation):
        raise ActionRefused(
            [_("Đơn vị của tiểu ban nằm ngoài phạm vi của bạn.")], ["owner_outside_scope"]
        )
    document = DraftDocument.objects.create(
        congress=congress,
        kind=kind,
        title=title.strip() or str(DocKind(kind).label),
        org_path=congress.organisation.path,
        owner=owner.strip() or DEFAULT_OWNER,
        owner_organisation=owner_organisation,
        deadline=deadline,
    )
    log.record(
        "drafts.create",
        actor=acting_user,
        organisation=congress.organisation,
        target=document.title,
        after={"kind": kind, "owner": document.owner, "deadline": str(deadline or "")},
    )
    return document
