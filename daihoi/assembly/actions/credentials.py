"""The credentials committee's decisions: valid or not, absent, replaced by an alternate."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.assembly import queries
from daihoi.assembly.access import require_manager
from daihoi.assembly.actions.delegates import snapshot
from daihoi.assembly.models import (
    Absence,
    CredentialState,
    Delegate,
    DelegateBasis,
    DelegateKind,
)
from daihoi.audit import log
from daihoi.core.errors import ActionRefused
from daihoi.lib.text import clean

if TYPE_CHECKING:
    from daihoi.accounts.models import User


def _locked(delegate: Delegate) -> Delegate:
    # of=("self",): the unit is an outer join (a guest has none), which PostgreSQL
    # cannot lock; the delegate's own row is the one two clerks would race on.
    return (
        Delegate.objects.select_for_update(of=("self",))
        .select_related("congress__organisation", "unit")
        .get(pk=delegate.pk)
    )


@transaction.atomic(durable=True)
def do_decide_credential(
    delegate: Delegate, *, valid: bool, reason: str = "", acting_user: User
) -> Delegate:
    """The credentials committee's decision: valid, or not valid with a reason."""
    current = _locked(delegate)
    require_manager(acting_user, current.congress)
    reason = clean(reason)
    if not valid and not reason:
        raise ActionRefused(
            [_("Ghi lý do đại biểu %(name)s không đủ tư cách.") % {"name": current.full_name}],
            ["reason_required"],
        )
    if current.kind == DelegateKind.GUEST:
        raise ActionRefused(
            [_("Khách mời không thuộc diện thẩm tra tư cách.")], ["guest_not_examined"]
        )
    with log.audited(
        "assembly.credential",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=str(current),
        snapshot=lambda: snapshot(current),
    ):
        current.credential = CredentialState.VALID if valid else CredentialState.INVALID
        current.credential_reason = "" if valid else reason
        current.credential_at = timezone.now()
        current.save(update_fields=["credential", "credential_reason", "credential_at"])
    return current


@transaction.atomic(durable=True)
def do_record_absence(
    delegate: Delegate, *, absence: str, reason: str = "", acting_user: User
) -> Delegate:
    """Record that an official is absent for the whole congress (with or without reason)."""
    current = _locked(delegate)
    require_manager(acting_user, current.congress)
    if absence not in Absence.values:
        raise ActionRefused(
            [_("Tình trạng vắng mặt “%(value)s” không hợp lệ.") % {"value": absence}],
            ["absence_invalid"],
        )
    reason = clean(reason)
    if absence == Absence.WITH_REASON and not reason:
        raise ActionRefused(
            [_("Ghi lý do vắng mặt của đại biểu %(name)s.") % {"name": current.full_name}],
            ["reason_required"],
        )
    with log.audited(
        "assembly.absence",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=str(current),
        snapshot=lambda: snapshot(current),
    ):
        current.absence = absence
        current.absence_reason = reason if absence else ""
        current.save(update_fields=["absence", "absence_reason"])
    return current


def _replace_problems(current: Delegate) -> tuple[list[str], list[str]]:
    name = {"name": current.full_name}
    if current.kind != DelegateKind.OFFICIAL or current.replaced_by_id is not None:
        return [_("%(name)s không phải đại biểu chính thức đang được triệu tập.") % name], [
            "not_summoned_official"
        ]
    if current.basis == DelegateBasis.EX_OFFICIO or current.unit_id is None:
        return [_("Đại biểu đương nhiên %(name)s không có đại biểu dự khuyết thay thế.") % name], [
            "no_alternates_for_ex_officio"
        ]
    if not current.absence:
        return [_("Ghi nhận %(name)s vắng mặt trước khi thay bằng đại biểu dự khuyết.") % name], [
            "not_absent"
        ]
    return [], []


@transaction.atomic(durable=True)
def do_replace_with_alternate(official: Delegate, *, acting_user: User) -> Delegate:
    """Replace an absent official by the next alternate of the same unit, in vote order."""
    current = _locked(official)
    congress = current.congress
    require_manager(acting_user, congress)
    problems, codes = _replace_problems(current)
    if problems:
        raise ActionRefused(problems, codes)
    # Lock the unit's alternates too, so two clerks cannot promote the same one.
    list(
        Delegate.objects.select_for_update().filter(
            congress=congress, unit_id=current.unit_id, kind=DelegateKind.ALTERNATE
        )
    )
    queue = queries.replacement_queue(current)
    if not queue:
        raise ActionRefused(
            [
                _("Đoàn %(unit)s không còn đại biểu dự khuyết để thay %(name)s.")
                % {"unit": current.unit.name, "name": current.full_name}  # type: ignore[union-attr]
            ],
            ["no_alternate_left"],
        )
    alternate = queue[0]
    alternate.kind = DelegateKind.OFFICIAL
    alternate.promoted = True
    alternate.save(update_fields=["kind", "promoted"])
    before = snapshot(current)
    current.replaced_by = alternate
    current.save(update_fields=["replaced_by"])
    log.record(
        "assembly.replace",
        actor=acting_user,
        organisation=congress.organisation,
        target=str(current),
        before=before,
        after={
            "replaced_by": alternate.full_name,
            "alternate_id": alternate.pk,
            "alternate_order": alternate.alternate_order,
        },
    )
    return alternate
