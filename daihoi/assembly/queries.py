"""Reads of the register, the credentials, the desks and the sittings, for pages and actions."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Count, Max

from daihoi.assembly.models import (
    Allotment,
    AssemblySettings,
    CheckIn,
    CheckInUndo,
    CredentialState,
    Delegate,
    DelegateKind,
    Sitting,
)
from daihoi.campaigns import queries as campaign_queries
from daihoi.campaigns.models import Congress
from daihoi.lib import credentials as rules
from daihoi.lib.text import clean, fold
from daihoi.orgs import tree
from daihoi.orgs.models import Organisation

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.elections.models import Election

# Ids per `__in` query: below SQLite's 32,766 parameters.
CHUNK = 10_000
REGISTER_ORDER = ("kind", "unit__path", "alternate_order", "full_name", "pk")
SEARCH_LIMIT = 12
RECENT_LIMIT = 15


def register(congress: Congress) -> list[Delegate]:
    """Everyone on the register, by kind, unit and rank."""
    return list(
        Delegate.objects.filter(congress=congress).select_related("unit").order_by(*REGISTER_ORDER)
    )


def own_delegate(user: User, congress: Congress) -> Delegate | None:
    """The register's row of a delegate account at this congress, or None.

    An account made from the register names its row ("delegate:<congress>:<row>",
    issue 17.5). An account made by hand is the person on its unit's delegation
    who bears its full name, and only if exactly one does: a namesake's card
    (its QR code checks its bearer in) is never shown to the wrong person.
    """
    key = getattr(user, "register_key", "") or ""
    kind, _sep, rest = key.partition(":")
    if kind == "delegate":
        congress_id, _sep, row = rest.partition(":")
        if congress_id == str(congress.pk) and row.isdigit():
            return Delegate.objects.filter(congress=congress, pk=int(row)).first()
        return None
    if not user.full_name or user.organisation_id is None:
        return None
    namesakes = Delegate.objects.filter(
        congress=congress, unit_id=user.organisation_id, folded_name=fold(user.full_name)
    ).select_related("unit")
    # Folding drops diacritics (Tâm, Tám): the name must be the same letter for letter.
    found = [d for d in namesakes[:10] if clean(d.full_name) == clean(user.full_name)]
    return found[0] if len(found) == 1 else None


def credential_delegates(congress: Congress) -> list[Delegate]:
    """The delegates the credentials committee looks at: all but the guests."""
    return list(
        Delegate.objects.filter(congress=congress)
        .exclude(kind=DelegateKind.GUEST)
        .select_related("unit", "replaced_by")
        .order_by(*REGISTER_ORDER)
    )


def card_delegates(congress: Congress, *, unit: str = "", kind: str = "") -> list[Delegate]:
    """The delegates whose cards are printed, of one unit or kind if given."""
    found = Delegate.objects.filter(congress=congress).select_related("unit")
    if unit:
        found = found.filter(unit__code=unit)
    if kind in DelegateKind.values:
        found = found.filter(kind=kind)
    return list(found.order_by(*REGISTER_ORDER))


def unit_suggestions(congress: Congress) -> tuple[list[tuple[str, str]], bool]:
    """The units the register's code fields suggest, and whether there are more (bounded)."""
    return campaign_queries.unit_suggestions(congress.organisation)


def unit_below(congress: Congress, code: str) -> Organisation | None:
    """The unit of this code below the congress's organisation, or None."""
    return (
        Organisation.objects.filter(
            tree.subtree_q(congress.organisation.path, include_self=False),
            structure_id=congress.organisation.structure_id,
            code=code,
        )
        .select_related("level")
        .first()
    )


def desk_staff(congress: Congress) -> list[User]:
    """The users designated at the congress's desks (besides its keepers)."""
    found = AssemblySettings.objects.filter(congress=congress).first()
    return list(found.desk_staff.order_by("username")) if found is not None else []


def next_alternate_order(congress: Congress, unit: Organisation) -> int:
    """The rank after the unit's last alternate on the register."""
    top = Delegate.objects.filter(
        congress=congress, unit=unit, kind=DelegateKind.ALTERNATE
    ).aggregate(m=Max("alternate_order"))["m"]
    return (top or 0) + 1


def allotment_check(congress: Congress) -> list[tuple[Organisation, rules.AllotmentLine]]:
    """Per unit: allotted against registered (officials as first elected, alternates)."""
    allotted = {
        a.unit_id: (a.officials, a.alternates) for a in Allotment.objects.filter(congress=congress)
    }
    registered: dict[int, list[int]] = {}
    rows = Delegate.objects.filter(
        congress=congress,
        unit__isnull=False,
        kind__in=[DelegateKind.OFFICIAL, DelegateKind.ALTERNATE],
    ).values_list("unit_id", "kind", "promoted")
    for unit_id, kind, promoted in rows:
        counts = registered.setdefault(unit_id, [0, 0])
        # A promoted alternate was elected as an alternate: the allotment counts it there.
        counts[0 if kind == DelegateKind.OFFICIAL and not promoted else 1] += 1
    lines = rules.check_allotment(
        {str(k): v for k, v in allotted.items()},
        {str(k): (v[0], v[1]) for k, v in registered.items()},
    )
    found = Organisation.objects.in_bulk([int(line.unit) for line in lines])
    return sorted(((found[int(line.unit)], line) for line in lines), key=lambda pair: pair[0].path)


def feeding_congresses(congress: Congress) -> list[Congress]:
    """The lower congresses whose delegates come to this one: nearest congress above is it.

    Each congress below walks up its own path (a few steps, one per level) to the
    first path holding a congress: linear in the congresses below. Comparing each
    with every other was quadratic, over 90 s of processor for the national
    congress of three provinces.
    """
    below = list(
        Congress.objects.filter(
            tree.subtree_q(congress.org_path, prefix="org_", include_self=False),
            campaign=congress.campaign,
        ).values_list("pk", "org_path")
    )
    held = {path for _pk, path in below}
    step, top = Organisation.steplen, len(congress.org_path)
    feeding: list[int] = []
    for pk, path in below:
        above = path[:-step]
        while len(above) > top and above not in held:
            above = above[:-step]
        if len(above) == top:
            feeding.append(pk)
    found: list[Congress] = []
    # In chunks: SQLite takes at most 32,766 parameters in one query.
    for start in range(0, len(feeding), CHUNK):
        found += Congress.objects.filter(pk__in=feeding[start : start + CHUNK]).select_related(
            "organisation"
        )
    return sorted(found, key=lambda c: c.org_path)


def next_alternate_orders(congress: Congress) -> dict[int | None, int]:
    """Per unit, the rank after its last alternate on the register (one grouped query)."""
    rows = (
        Delegate.objects.filter(congress=congress, kind=DelegateKind.ALTERNATE)
        .values("unit_id")
        .annotate(top=Max("alternate_order"))
        .values_list("unit_id", "top")
    )
    return {unit_id: (top or 0) + 1 for unit_id, top in rows}


def replacement_queue(official: Delegate) -> list[Delegate]:
    """The alternates of the official's unit who could replace them, in the order called."""
    pool = list(
        Delegate.objects.filter(
            congress_id=official.congress_id,
            unit_id=official.unit_id,
            kind=DelegateKind.ALTERNATE,
        ).exclude(credential=CredentialState.INVALID)
    )
    by_id = {d.pk: d for d in pool}
    order = rules.replacement_order(
        [rules.Alternate(d.pk, str(d.unit_id), d.alternate_order or 0) for d in pool],
        str(official.unit_id),
    )
    return [by_id[a.id] for a in order]


def sittings(congress: Congress) -> list[Sitting]:
    """The congress's sittings in order."""
    return list(Sitting.objects.filter(congress=congress).order_by("ordinal"))


def sittings_with_counts(congress: Congress) -> list[Sitting]:
    """The congress's sittings in order, each with `n`, its number of check-ins."""
    return list(
        Sitting.objects.filter(congress=congress).annotate(n=Count("checkins")).order_by("ordinal")
    )


def recent_check_ins(sitting: Sitting) -> list[CheckIn]:
    """The sitting's latest check-ins, newest first."""
    return list(
        CheckIn.objects.filter(sitting=sitting)
        .select_related("delegate")
        .order_by("-at", "-pk")[:RECENT_LIMIT]
    )


def undos(congress: Congress) -> list[CheckInUndo]:
    """Every check-in taken back at the congress, newest first."""
    return list(
        CheckInUndo.objects.filter(sitting__congress=congress)
        .select_related("delegate", "sitting", "undone_by", "checked_in_by")
        .order_by("-undone_at", "-pk")
    )


def elections(congress: Congress) -> list[Election]:
    """The congress's elections, whose base the presidium sets from the register."""
    from daihoi.elections.models import Election

    return list(Election.objects.filter(congress=congress).order_by("pk"))


def search(sitting: Sitting, text: str) -> list[tuple[Delegate, dt.datetime | None]]:
    """Delegates whose name contains the text, diacritics ignored, with their check-in time."""
    query = fold(text)[:60]
    if len(query) < 2:
        return []
    found = list(
        Delegate.objects.filter(congress_id=sitting.congress_id, folded_name__contains=query)
        .select_related("unit")
        .order_by("folded_name", "pk")[:SEARCH_LIMIT]
    )
    done = dict(
        CheckIn.objects.filter(sitting=sitting, delegate__in=[d.pk for d in found]).values_list(
            "delegate_id", "at"
        )
    )
    return [(d, done.get(d.pk)) for d in found]
