"""Adding people to the register: one typed in, the lower congresses' elected, a file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from daihoi.assembly import queries
from daihoi.assembly.access import require_manager
from daihoi.assembly.models import Delegate, DelegateBasis, DelegateKind, Gender
from daihoi.assembly.register_import import plan_delegate_import
from daihoi.assembly.rules import delegate_problems, new_delegate
from daihoi.audit import log
from daihoi.campaigns.models import Congress
from daihoi.core.errors import ActionRefused
from daihoi.jobs.exports import quiet
from daihoi.orgs.models import Organisation

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.core.tables import Table
    from daihoi.jobs.runner import Progress


def snapshot(delegate: Delegate) -> dict[str, Any]:
    """The audited fields of a delegate."""
    return {
        "full_name": delegate.full_name,
        "kind": delegate.kind,
        "basis": delegate.basis,
        "unit": delegate.unit.code if delegate.unit_id else None,  # type: ignore[union-attr]
        "alternate_order": delegate.alternate_order,
        "credential": delegate.credential,
        "credential_reason": delegate.credential_reason,
        "absence": delegate.absence,
        "absence_reason": delegate.absence_reason,
        "replaced_by": delegate.replaced_by_id,
        "promoted": delegate.promoted,
    }


@transaction.atomic(durable=True)
def do_add_delegate(
    congress: Congress,
    *,
    full_name: str,
    kind: str = DelegateKind.OFFICIAL,
    basis: str = DelegateBasis.ELECTED,
    unit: Organisation | None = None,
    alternate_order: int | None = None,
    votes: int | None = None,
    gender: str = Gender.UNKNOWN,
    ethnic_minority: bool = False,
    birth_year: int | None = None,
    position: str = "",
    source: str = "",
    acting_user: User,
) -> Delegate:
    """Add one person to the register."""
    require_manager(acting_user, congress)
    problems = delegate_problems(
        congress, full_name=full_name, kind=kind, basis=basis, unit=unit, birth_year=birth_year
    )
    if problems:
        raise ActionRefused([p.message for p in problems], [p.code for p in problems])
    if kind == DelegateKind.ALTERNATE and alternate_order is None and unit is not None:
        # Typed in without a rank: after the unit's last alternate.
        alternate_order = queries.next_alternate_order(congress, unit)
    delegate = new_delegate(
        congress,
        full_name=full_name,
        kind=kind,
        basis=basis,
        unit=unit,
        alternate_order=alternate_order,
        votes=votes,
        gender=gender,
        ethnic_minority=ethnic_minority,
        birth_year=birth_year,
        position=position,
        source=source,
    )
    delegate.save()
    log.record(
        "assembly.add_delegate",
        actor=acting_user,
        organisation=congress.organisation,
        target=str(delegate),
        after=snapshot(delegate),
    )
    return delegate


@transaction.atomic(durable=True)
def do_import_elected(
    congress: Congress, *, acting_user: User, progress: Progress | None = None
) -> int:
    """Add the delegates elected by the lower congresses' announced elections; idempotent.

    Officials come from the DELEGATES elections, alternates from the ALTERNATES
    ones, keeping their vote order (a further round's alternates come after the
    first round's). Returns how many were added. Grouped reads and one bulk
    write, whatever the number of lower congresses; `progress` hears each election.
    """
    from daihoi.elections.models import Election, ElectionKind, ElectionState

    require_manager(acting_user, congress)
    report = progress or quiet
    report(_("Đang tìm đại hội cấp dưới"), 0, 0)
    lower = queries.feeding_congresses(congress)
    units = {c.pk: c.organisation for c in lower}
    elections = list(
        Election.objects.filter(
            congress_id__in=list(units),
            kind__in=[ElectionKind.DELEGATES, ElectionKind.ALTERNATES],
            state__in=[ElectionState.ANNOUNCED, ElectionState.SEALED],
            result__isnull=False,
        )
        .only("pk", "kind", "result", "congress_id", "round_no")
        .order_by("congress__org_path", "round_no", "pk")
    )
    existing = set(
        Delegate.objects.filter(congress=congress)
        .exclude(source="")
        .values_list("source", flat=True)
    )
    added: list[Delegate] = []
    next_order = queries.next_alternate_orders(congress)
    label = _("Đang đọc kết quả bầu cử")
    for done, election in enumerate(elections):
        if done % 100 == 0:
            report(label, done, len(elections))
        unit = units[election.congress_id]
        result = election.outcome
        by_no = {c.no: c for c in (result.candidates if result else [])}
        alternate = election.kind == ElectionKind.ALTERNATES
        # result.elected lists the elected in vote order, highest first.
        for no in result.elected if result else []:
            source = f"election:{election.pk}:{no}"
            if source in existing:
                continue
            line = by_no[no]
            order = None
            if alternate:
                order = next_order.get(unit.pk, 1)
                next_order[unit.pk] = order + 1
            added.append(
                new_delegate(
                    congress,
                    full_name=line.full_name,
                    kind=DelegateKind.ALTERNATE if alternate else DelegateKind.OFFICIAL,
                    basis=DelegateBasis.ELECTED,
                    unit=unit,
                    alternate_order=order,
                    votes=line.votes,
                    source=source,
                )
            )
            existing.add(source)
    report(label, len(elections), len(elections))
    report(_("Đang ghi danh sách đại biểu"), 0, len(added))
    Delegate.objects.bulk_create(added, batch_size=1000)
    log.record(
        "assembly.import_elected",
        actor=acting_user,
        organisation=congress.organisation,
        target=str(congress),
        after={
            "added": len(added),
            "officials": sum(d.kind == DelegateKind.OFFICIAL for d in added),
            "alternates": sum(d.kind == DelegateKind.ALTERNATE for d in added),
            "elections": [e.pk for e in elections],
        },
    )
    report(_("Đang ghi danh sách đại biểu"), len(added), len(added))
    return len(added)


@transaction.atomic(durable=True)
def do_import_register(
    congress: Congress, table: Table, *, acting_user: User, source: str = ""
) -> int:
    """Add every row of a checked file to the register, or none; returns how many.

    Raises RegisterImportRejected with the rows' errors. `source` is the file's
    name, for the audit entry.
    """
    require_manager(acting_user, congress)
    # Lock the congress row: a second click on the button waits, then finds every
    # person already on the register, instead of adding them all twice.
    Congress.objects.select_for_update().get(pk=congress.pk)
    delegates = plan_delegate_import(congress, table)
    Delegate.objects.bulk_create(delegates)
    log.record(
        "assembly.import_register",
        actor=acting_user,
        organisation=congress.organisation,
        target=source or str(congress),
        after={
            "added": len(delegates),
            "officials": sum(d.kind == DelegateKind.OFFICIAL for d in delegates),
            "alternates": sum(d.kind == DelegateKind.ALTERNATE for d in delegates),
            "guests": sum(d.kind == DelegateKind.GUEST for d in delegates),
            # Ids, never names: the trail is not a copy of the register (issue 15.2).
            "ids": [d.pk for d in delegates],
        },
    )
    return len(delegates)
