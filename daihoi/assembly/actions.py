"""Every change to the register, the credentials, the sittings and the check-ins.

Each action checks who may act and writes an audit entry, except check-ins:
the CheckIn row records who scanned, at which desk and when, and is the trail.
"""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.assembly.models import (
    Absence,
    Allotment,
    AssemblySettings,
    CheckIn,
    CheckInUndo,
    CredentialState,
    Delegate,
    DelegateBasis,
    DelegateKind,
    Gender,
    Sitting,
    SittingKind,
    SittingPart,
)
from daihoi.audit import log
from daihoi.campaigns.models import Congress, CongressState
from daihoi.core.errors import ActionRefused
from daihoi.db import prepared
from daihoi.lib import credentials as rules
from daihoi.lib.text import clean, fold
from daihoi.orgs import scope
from daihoi.orgs.models import Organisation
from daihoi.orgs.names import name_messages

if TYPE_CHECKING:
    from daihoi.accounts.models import User

CARD_SALT = "daihoi.assembly.card"
# A congress in these states is over: its cards no longer check anyone in.
CLOSED_STATES = frozenset({CongressState.HELD, CongressState.REPORTED})
UNDO_REASON_MAX = 300


# ---------------------------------------------------------------- permissions


def may_manage(user: User | Any, congress: Congress) -> bool:
    """Staff of the congress's organisation or of its superiors keep the register."""
    return scope.can_write(user, congress.organisation)


def is_desk_staff(user: User | Any, congress: Congress) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return AssemblySettings.desk_staff.through.objects.filter(
        assemblysettings__congress_id=congress.pk, user_id=user.pk
    ).exists()


def may_check_in(user: User | Any, congress: Congress, *, desk_staff: bool | None = None) -> bool:
    """The register's keepers, and the users designated at the congress's desks.

    `desk_staff`, when the caller has read it already (the scan's one SELECT),
    saves the query.
    """
    if may_manage(user, congress):
        return True
    if not scope.can_see(user, congress.organisation):
        return False
    return is_desk_staff(user, congress) if desk_staff is None else desk_staff


def _require_manager(user: User, congress: Congress) -> None:
    if not may_manage(user, congress):
        raise PermissionDenied


def settings_for(congress: Congress) -> AssemblySettings:
    found, _created = AssemblySettings.objects.get_or_create(congress=congress)
    return found


# ---------------------------------------------------------------- register


def snapshot(delegate: Delegate) -> dict[str, Any]:
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


def _unit_problems(
    congress: Congress, unit: Organisation | None, kind: str, basis: str
) -> list[tuple[str, str]]:
    """The unit and kind rules, each as (field, message): the import names the column."""
    problems: list[tuple[str, str]] = []
    if unit is not None and not unit.path.startswith(congress.organisation.path):
        problems.append(
            (
                "unit",
                _("Đơn vị %(unit)s không thuộc %(org)s.")
                % {"unit": unit.name, "org": congress.organisation.name},
            )
        )
    if kind == DelegateKind.ALTERNATE and unit is None:
        problems.append(("unit", _("Đại biểu dự khuyết phải thuộc một đoàn (đơn vị bầu ra).")))
    if kind == DelegateKind.GUEST and basis != DelegateBasis.INVITED:
        problems.append(("kind", _("Khách mời có tư cách “được mời”.")))
    if kind != DelegateKind.GUEST and basis == DelegateBasis.INVITED:
        problems.append(("kind", _("Chỉ khách mời có tư cách “được mời”.")))
    return problems


def delegate_problems(
    congress: Congress,
    *,
    full_name: str,
    kind: str,
    basis: str,
    unit: Organisation | None,
    birth_year: int | None,
) -> list[tuple[str, str]]:
    """What stops a person joining the register, typed in or imported, as (field, message).

    The fields are full_name, kind, unit and birth_year.
    """
    problems: list[tuple[str, str]] = []
    if not clean(full_name):
        problems.append(("full_name", _("Họ và tên không được để trống.")))
    problems.extend(("full_name", m) for m in name_messages(full_name, field=_("Họ và tên"))[1])
    problems.extend(_unit_problems(congress, unit, kind, basis))
    if birth_year is not None and not 1900 <= birth_year <= 2100:
        problems.append(("birth_year", _("Năm sinh %(year)s không hợp lệ.") % {"year": birth_year}))
    return problems


def next_alternate_order(congress: Congress, unit: Organisation) -> int:
    """The rank after the unit's last alternate on the register."""
    top = Delegate.objects.filter(
        congress=congress, unit=unit, kind=DelegateKind.ALTERNATE
    ).aggregate(m=Max("alternate_order"))["m"]
    return (top or 0) + 1


def new_delegate(
    congress: Congress,
    *,
    full_name: str,
    kind: str,
    alternate_order: int | None = None,
    position: str = "",
    **fields: Any,
) -> Delegate:
    """An unsaved delegate, its name cleaned and folded for the desk's search.

    `fields` are the Delegate's other columns as given (basis, unit, votes, …).
    """
    name = clean(full_name)
    return Delegate(
        congress=congress,
        full_name=name,
        folded_name=fold(name)[:150],
        kind=kind,
        alternate_order=alternate_order if kind == DelegateKind.ALTERNATE else None,
        position=clean(position),
        **fields,
    )


@transaction.atomic
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
    _require_manager(acting_user, congress)
    problems = delegate_problems(
        congress, full_name=full_name, kind=kind, basis=basis, unit=unit, birth_year=birth_year
    )
    if problems:
        raise ActionRefused([message for _field, message in problems])
    if kind == DelegateKind.ALTERNATE and alternate_order is None and unit is not None:
        # Typed in without a rank: after the unit's last alternate.
        alternate_order = next_alternate_order(congress, unit)
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


@transaction.atomic
def do_set_allotment(
    congress: Congress, unit: Organisation, *, officials: int, alternates: int, acting_user: User
) -> Allotment | None:
    """Set (or with 0 and 0 remove) the number of delegates allotted to one unit."""
    _require_manager(acting_user, congress)
    problems = [
        message
        for _field, message in _unit_problems(
            congress, unit, DelegateKind.OFFICIAL, DelegateBasis.ELECTED
        )
    ]
    if unit.pk == congress.organisation_id:
        problems.append(_("Phân bổ đại biểu cho các đơn vị trực thuộc, không cho chính cấp mình."))
    if officials < 0 or alternates < 0:
        problems.append(_("Số đại biểu phân bổ không được âm."))
    if problems:
        raise ActionRefused(problems)
    before = Allotment.objects.filter(congress=congress, unit=unit).first()
    before_data = (
        {"officials": before.officials, "alternates": before.alternates} if before else None
    )
    if officials == 0 and alternates == 0:
        Allotment.objects.filter(congress=congress, unit=unit).delete()
        row = None
    else:
        row, _created = Allotment.objects.update_or_create(
            congress=congress,
            unit=unit,
            defaults={"officials": officials, "alternates": alternates},
        )
    log.record(
        "assembly.allotment",
        actor=acting_user,
        organisation=congress.organisation,
        target=f"{congress}: {unit.name}",
        before=before_data,
        after={"officials": officials, "alternates": alternates},
    )
    return row


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
    units = Organisation.objects.in_bulk([int(line.unit) for line in lines])
    return sorted(((units[int(line.unit)], line) for line in lines), key=lambda pair: pair[0].path)


def _feeding_congresses(congress: Congress) -> list[Congress]:
    """The lower congresses whose delegates come to this one: nearest congress above is it."""
    from daihoi.orgs.tree import subtree_q

    below = list(
        Congress.objects.filter(
            subtree_q(congress.org_path, prefix="organisation__", include_self=False),
            campaign=congress.campaign,
        ).select_related("organisation")
    )
    paths = {c.org_path for c in below} | {congress.org_path}
    feeding = []
    for lower in below:
        above = [p for p in paths if lower.org_path.startswith(p) and p != lower.org_path]
        if max(above, key=len) == congress.org_path:
            feeding.append(lower)
    return feeding


@transaction.atomic
def do_import_elected(congress: Congress, *, acting_user: User) -> int:
    """Add the delegates elected by the lower congresses' announced elections; idempotent.

    Officials come from the DELEGATES elections, alternates from the ALTERNATES
    ones, keeping their vote order (a further round's alternates come after the
    first round's). Returns how many were added.
    """
    from daihoi.elections.models import Election, ElectionKind, ElectionState

    _require_manager(acting_user, congress)
    lower = _feeding_congresses(congress)
    elections = (
        Election.objects.filter(
            congress__in=lower,
            kind__in=[ElectionKind.DELEGATES, ElectionKind.ALTERNATES],
            state__in=[ElectionState.ANNOUNCED, ElectionState.SEALED],
            result__isnull=False,
        )
        .select_related("congress__organisation")
        .order_by("congress__org_path", "round_no", "pk")
    )
    existing = set(
        Delegate.objects.filter(congress=congress)
        .exclude(source="")
        .values_list("source", flat=True)
    )
    added: list[Delegate] = []
    next_order: dict[int, int] = {}
    for election in elections:
        unit = election.congress.organisation
        result = election.result or {}
        by_no = {c["no"]: c for c in result.get("candidates", [])}
        alternate = election.kind == ElectionKind.ALTERNATES
        if alternate and unit.pk not in next_order:
            next_order[unit.pk] = next_alternate_order(congress, unit)
        # result["elected"] lists the elected in vote order, highest first.
        for no in result.get("elected", []):
            source = f"election:{election.pk}:{no}"
            if source in existing:
                continue
            line = by_no[no]
            order = None
            if alternate:
                order = next_order[unit.pk]
                next_order[unit.pk] += 1
            added.append(
                new_delegate(
                    congress,
                    full_name=line["full_name"],
                    kind=DelegateKind.ALTERNATE if alternate else DelegateKind.OFFICIAL,
                    basis=DelegateBasis.ELECTED,
                    unit=unit,
                    alternate_order=order,
                    votes=line["votes"],
                    source=source,
                )
            )
            existing.add(source)
    Delegate.objects.bulk_create(added)
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
    return len(added)


# ---------------------------------------------------------------- credentials


def _locked(delegate: Delegate) -> Delegate:
    # of=("self",): the unit is an outer join (a guest has none), which PostgreSQL
    # cannot lock; the delegate's own row is the one two clerks would race on.
    return (
        Delegate.objects.select_for_update(of=("self",))
        .select_related("congress__organisation", "unit")
        .get(pk=delegate.pk)
    )


@transaction.atomic
def do_decide_credential(
    delegate: Delegate, *, valid: bool, reason: str = "", acting_user: User
) -> Delegate:
    """The credentials committee's decision: valid, or not valid with a reason."""
    current = _locked(delegate)
    _require_manager(acting_user, current.congress)
    reason = clean(reason)
    if not valid and not reason:
        raise ActionRefused(
            [_("Ghi lý do đại biểu %(name)s không đủ tư cách.") % {"name": current.full_name}]
        )
    if current.kind == DelegateKind.GUEST:
        raise ActionRefused([_("Khách mời không thuộc diện thẩm tra tư cách.")])
    before = snapshot(current)
    current.credential = CredentialState.VALID if valid else CredentialState.INVALID
    current.credential_reason = "" if valid else reason
    current.credential_at = timezone.now()
    current.save(update_fields=["credential", "credential_reason", "credential_at"])
    log.record(
        "assembly.credential",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=str(current),
        before=before,
        after=snapshot(current),
    )
    return current


@transaction.atomic
def do_record_absence(
    delegate: Delegate, *, absence: str, reason: str = "", acting_user: User
) -> Delegate:
    """Record that an official is absent for the whole congress (with or without reason)."""
    current = _locked(delegate)
    _require_manager(acting_user, current.congress)
    if absence not in Absence.values:
        raise ActionRefused(
            [_("Tình trạng vắng mặt “%(value)s” không hợp lệ.") % {"value": absence}]
        )
    reason = clean(reason)
    if absence == Absence.WITH_REASON and not reason:
        raise ActionRefused(
            [_("Ghi lý do vắng mặt của đại biểu %(name)s.") % {"name": current.full_name}]
        )
    before = snapshot(current)
    current.absence = absence
    current.absence_reason = reason if absence else ""
    current.save(update_fields=["absence", "absence_reason"])
    log.record(
        "assembly.absence",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=str(current),
        before=before,
        after=snapshot(current),
    )
    return current


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


@transaction.atomic
def do_replace_with_alternate(official: Delegate, *, acting_user: User) -> Delegate:
    """Replace an absent official by the next alternate of the same unit, in vote order."""
    current = _locked(official)
    congress = current.congress
    _require_manager(acting_user, congress)
    problems = []
    if current.kind != DelegateKind.OFFICIAL or current.replaced_by_id is not None:
        problems.append(
            _("%(name)s không phải đại biểu chính thức đang được triệu tập.")
            % {"name": current.full_name}
        )
    elif current.basis == DelegateBasis.EX_OFFICIO or current.unit_id is None:
        problems.append(
            _("Đại biểu đương nhiên %(name)s không có đại biểu dự khuyết thay thế.")
            % {"name": current.full_name}
        )
    elif not current.absence:
        problems.append(
            _("Ghi nhận %(name)s vắng mặt trước khi thay bằng đại biểu dự khuyết.")
            % {"name": current.full_name}
        )
    if problems:
        raise ActionRefused(problems)
    # Lock the unit's alternates too, so two clerks cannot promote the same one.
    list(
        Delegate.objects.select_for_update().filter(
            congress=congress, unit_id=current.unit_id, kind=DelegateKind.ALTERNATE
        )
    )
    queue = replacement_queue(current)
    if not queue:
        raise ActionRefused(
            [
                _("Đoàn %(unit)s không còn đại biểu dự khuyết để thay %(name)s.")
                % {"unit": current.unit.name, "name": current.full_name}  # type: ignore[union-attr]
            ]
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


# ---------------------------------------------------------------- sittings


@transaction.atomic
def do_open_sitting(
    congress: Congress, *, kind: str, date: dt.date, part: str, acting_user: User
) -> Sitting:
    """Open a sitting (creating it the first time); any other open sitting is closed."""
    _require_manager(acting_user, congress)
    problems = []
    if kind not in SittingKind.values:
        problems.append(_("Loại phiên “%(value)s” không hợp lệ.") % {"value": kind})
    if part not in SittingPart.values:
        problems.append(_("Buổi “%(value)s” không hợp lệ.") % {"value": part})
    if problems:
        raise ActionRefused(problems)
    # Lock the congress row: two presidium members opening at once get one sitting.
    Congress.objects.select_for_update().get(pk=congress.pk)
    now = timezone.now()
    sitting = Sitting.objects.filter(congress=congress, kind=kind, date=date, part=part).first()
    for other in Sitting.objects.filter(
        congress=congress, opened_at__isnull=False, closed_at__isnull=True
    ):
        if sitting is None or other.pk != sitting.pk:
            other.closed_at = now
            other.save(update_fields=["closed_at"])
    if sitting is None:
        top = Sitting.objects.filter(congress=congress).aggregate(m=Max("ordinal"))["m"]
        sitting = Sitting.objects.create(
            congress=congress, kind=kind, date=date, part=part, ordinal=(top or 0) + 1
        )
    sitting.opened_at = sitting.opened_at or now
    sitting.closed_at = None
    sitting.save(update_fields=["opened_at", "closed_at"])
    log.record(
        "assembly.open_sitting",
        actor=acting_user,
        organisation=congress.organisation,
        target=str(sitting),
        after={"sitting": sitting.pk, "kind": kind, "date": date.isoformat(), "part": part},
    )
    return sitting


@transaction.atomic
def do_close_sitting(sitting: Sitting, *, acting_user: User) -> Sitting:
    current = (
        Sitting.objects.select_for_update()
        .select_related("congress__organisation")
        .get(pk=sitting.pk)
    )
    _require_manager(acting_user, current.congress)
    if current.closed_at is None:
        current.closed_at = timezone.now()
        current.opened_at = current.opened_at or current.closed_at
        current.save(update_fields=["opened_at", "closed_at"])
        log.record(
            "assembly.close_sitting",
            actor=acting_user,
            organisation=current.congress.organisation,
            target=str(current),
            after={"sitting": current.pk},
        )
    return current


@transaction.atomic
def do_set_quorum_rule(
    congress: Congress, *, numerator: int, denominator: int, strict: bool, acting_user: User
) -> AssemblySettings:
    _require_manager(acting_user, congress)
    if denominator < 1 or not 0 < numerator <= denominator:
        raise ActionRefused(
            [
                _("Tỉ lệ %(n)s/%(d)s không hợp lệ: tử số từ 1 đến mẫu số.")
                % {"n": numerator, "d": denominator}
            ]
        )
    found = settings_for(congress)
    before = {"rule": found.quorum_rule.text, "strict": found.quorum_strict}
    found.quorum_numerator, found.quorum_denominator = numerator, denominator
    found.quorum_strict = strict
    found.save()
    log.record(
        "assembly.quorum_rule",
        actor=acting_user,
        organisation=congress.organisation,
        target=str(congress),
        before=before,
        after={"rule": found.quorum_rule.text, "strict": strict},
    )
    return found


@transaction.atomic
def do_set_desk_staff(congress: Congress, user: User, *, desk: bool, acting_user: User) -> None:
    """Designate (or remove) a user who may check delegates in at this congress."""
    _require_manager(acting_user, congress)
    if desk and not scope.can_see(user, congress.organisation):
        raise ActionRefused(
            [
                _("Tài khoản %(user)s không thuộc %(org)s nên không thể làm bàn điểm danh.")
                % {"user": user.username, "org": congress.organisation.name}
            ]
        )
    found = settings_for(congress)
    if desk:
        found.desk_staff.add(user)
    else:
        found.desk_staff.remove(user)
    log.record(
        "assembly.desk_staff",
        actor=acting_user,
        organisation=congress.organisation,
        target=str(congress),
        after={"user": user.username, "desk": desk},
    )


# ---------------------------------------------------------------- cards and check-in


def _salt(congress_id: int) -> str:
    # A salt per congress: a token can only ever verify for the congress it was made for.
    return f"{CARD_SALT}:{congress_id}"


def card_token(delegate: Delegate) -> str:
    """The signed token printed in the card's QR code: "<congress>.<delegate>:<signature>"."""
    value = f"{delegate.congress_id}.{delegate.pk}"
    return signing.Signer(salt=_salt(delegate.congress_id)).sign(value)


class TokenError(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def read_token(token: str) -> tuple[int, int]:
    """Return (congress id, delegate id) of a genuine token; TokenError("forged") otherwise."""
    token = token.strip()
    value = token.rsplit(signing.Signer().sep, 1)[0] if ":" in token else ""
    congress_part, dot, delegate_part = value.partition(".")
    if not (dot and congress_part.isdigit() and delegate_part.isdigit()) or len(token) > 120:
        raise TokenError("forged")
    try:
        signing.Signer(salt=_salt(int(congress_part))).unsign(token)
    except signing.BadSignature as exc:
        raise TokenError("forged") from exc
    return int(congress_part), int(delegate_part)


@dataclass(frozen=True)
class CheckInResult:
    ok: bool  # the delegate is checked in (now or before)
    created: bool  # this call wrote the row
    # checked_in, already, forged, other_congress, expired, unknown, mismatch,
    # invalid, replaced or closed
    code: str
    message: str
    delegate: Delegate | None = None
    at: dt.datetime | None = None
    # The CheckIn row this call wrote: what the desk's "Hoàn tác" names.
    checkin_id: int | None = None

    def as_json(self) -> dict[str, Any]:
        d = self.delegate
        return {
            "ok": self.ok,
            "created": self.created,
            "code": self.code,
            "message": self.message,
            "delegate": None
            if d is None
            else {
                "id": d.pk,
                "full_name": d.full_name,
                "kind": d.kind,
                "kind_label": str(d.get_kind_display()),
            },
            "at": timezone.localtime(self.at).strftime("%H:%M:%S") if self.at else None,
            "checkin": self.checkin_id,
        }


def _hhmm(at: dt.datetime) -> str:
    return timezone.localtime(at).strftime("%H:%M")


def _insert_check_in(
    delegate: Delegate, sitting: Sitting, at: dt.datetime, desk: str, user: User, method: str
) -> int | None:
    """INSERT … ON CONFLICT DO NOTHING: one statement, its own short transaction.

    Returns the new row's id, or None where it was not written. SQLite (3.35+)
    and PostgreSQL both take this form, and the unique (delegate, sitting)
    constraint decides a race. The
    transaction is explicit on SQLite so that the desks' writers queue on the
    backend's writer lock (daihoi.db.sqlite3) rather than in SQLite's busy sleeps.
    """
    table = connection.ops.quote_name(CheckIn._meta.db_table)
    # On PostgreSQL the statement alone is its transaction; BEGIN and COMMIT around
    # it would be two more round trips for nothing.
    queued = transaction.atomic() if connection.vendor == "sqlite" else nullcontext()
    with queued, prepared.cursor(connection) as cursor:
        cursor.execute(
            f"INSERT INTO {table} (delegate_id, sitting_id, at, desk, by_id, method) "  # noqa: S608 - our table name
            "VALUES (%s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (delegate_id, sitting_id) DO NOTHING RETURNING id",
            [
                delegate.pk,
                sitting.pk,
                connection.ops.adapt_datetimefield_value(at),
                desk,
                user.pk,
                method,
            ],
        )
        written = cursor.fetchone()
        return None if written is None else int(written[0])


def do_check_in(
    token: str,
    *,
    sitting: Sitting,
    desk: str,
    acting_user: User,
    method: str = "scan",
    query: str | None = None,
    shown: int | None = None,
) -> CheckInResult:
    """Check a card in at a sitting; a repeat returns the first check-in, never a second row.

    Kept small for the busiest minutes: one read of the delegate, and one
    INSERT … ON CONFLICT DO NOTHING in its own short transaction. A check-in
    picked from the name search gives the text in the search box (`query`) and
    the delegate id its row showed (`shown`): a delegate matching neither is
    refused (see _mismatch).
    """
    congress = sitting.congress
    if not may_check_in(acting_user, congress):
        raise PermissionDenied
    try:
        congress_id, delegate_id = read_token(token)
    except TokenError:
        return _forged()
    if congress_id != congress.pk:
        return _other_congress(congress)
    if congress.state in CLOSED_STATES:
        return _expired(congress)
    delegate = (
        Delegate.objects.only(
            "congress_id", "full_name", "kind", "credential", "credential_reason", "replaced_by_id"
        )
        .filter(pk=delegate_id, congress_id=congress.pk)
        # No default ordering: it would join the unit for a single row.
        .order_by()
        .first()
    )
    existing_at = None if delegate is None else _checked_in_at(delegate.pk, sitting.pk)
    return _check_in(
        delegate, sitting, desk, acting_user, method, existing_at, query=query, shown=shown
    )


def _aware(value: Any) -> dt.datetime | None:
    """A datetime read by a plain cursor: SQLite gives text or a naive UTC value."""
    if value is None or isinstance(value, dt.datetime) and timezone.is_aware(value):
        return value
    if not isinstance(value, dt.datetime):
        value = dt.datetime.fromisoformat(str(value))
    return timezone.make_aware(value, dt.UTC)


def _checked_in_at(delegate_pk: int, sitting_pk: int) -> dt.datetime | None:
    """When the delegate was checked in at the sitting; one plain SELECT."""
    table = connection.ops.quote_name(CheckIn._meta.db_table)
    row = prepared.fetchone(
        connection,
        f"SELECT at FROM {table} WHERE delegate_id = %s AND sitting_id = %s",  # noqa: S608 - our table name
        [delegate_pk, sitting_pk],
    )
    return None if row is None else _aware(row[0])


def _forged() -> CheckInResult:
    return CheckInResult(
        False, False, "forged", _("Mã thẻ không hợp lệ: thẻ giả hoặc mã bị đọc sai.")
    )


def _other_congress(congress: Congress) -> CheckInResult:
    return CheckInResult(
        False,
        False,
        "other_congress",
        _("Thẻ này của một đại hội khác, không dùng được tại %(org)s.")
        % {"org": congress.organisation.name},
    )


def _expired(congress: Congress) -> CheckInResult:
    return CheckInResult(
        False,
        False,
        "expired",
        _("Đại hội %(org)s đã kết thúc; thẻ đại biểu không còn dùng để điểm danh.")
        % {"org": congress.organisation.name},
    )


def _mismatch(delegate: Delegate, query: str | None, shown: int | None) -> CheckInResult | None:
    """Refuse a check-in picked from a name search that no longer matches it.

    The desk sends the delegate id of the row clicked and the text in the search
    box at the click. A row left over from an earlier search (a late answer, a
    click while the next search was under way) names someone the box no longer
    finds: nobody is checked in, and the clerk searches again.
    """
    if shown is not None and shown != delegate.pk:
        wrong = True
    elif query is not None:
        wanted = fold(query)[:60]
        wrong = len(wanted) < 2 or wanted not in fold(delegate.full_name)
    else:
        return None
    if not wrong:
        return None
    return CheckInResult(
        False,
        False,
        "mismatch",
        _(
            "%(name)s không khớp với tên đang tìm “%(query)s”; chưa điểm danh ai. "
            "Hãy tìm lại rồi chọn đúng người."
        )
        % {"name": delegate.full_name, "query": query or ""},
        delegate,
    )


def _check_in(
    delegate: Delegate | None,
    sitting: Sitting,
    desk: str,
    acting_user: User,
    method: str,
    existing_at: dt.datetime | None = None,
    *,
    query: str | None = None,
    shown: int | None = None,
) -> CheckInResult:
    """The rules of a scan once the card is genuine, of this congress, not expired.

    `existing_at` is the time of the delegate's check-in at this sitting when the
    caller has read it already: a repeated scan then writes nothing at all.
    `query` and `shown` come with a check-in picked from the name search.
    """
    if delegate is None:
        return CheckInResult(False, False, "unknown", _("Đại biểu này không còn trong danh sách."))
    refused = _mismatch(delegate, query, shown)
    if refused is not None:
        return refused
    # Delegates queue before the sitting opens, so only a closed sitting refuses.
    if sitting.closed_at is not None:
        return CheckInResult(
            False,
            False,
            "closed",
            _("%(sitting)s đã kết thúc; không điểm danh được nữa.") % {"sitting": sitting},
            delegate,
        )
    if delegate.credential == CredentialState.INVALID:
        return CheckInResult(
            False,
            False,
            "invalid",
            _("%(name)s không đủ tư cách đại biểu: %(reason)s")
            % {"name": delegate.full_name, "reason": delegate.credential_reason},
            delegate,
        )
    if delegate.replaced_by_id is not None:
        return CheckInResult(
            False,
            False,
            "replaced",
            _("%(name)s đã được thay bằng đại biểu dự khuyết.") % {"name": delegate.full_name},
            delegate,
        )
    created = False
    checkin_id = None
    if existing_at is None:
        at = timezone.now()
        checkin_id = _insert_check_in(delegate, sitting, at, desk[:40], acting_user, method[:10])
        created = checkin_id is not None
        # Not created: another desk (or this one, resending) was first by a hair.
        existing_at = at if created else (_checked_in_at(delegate.pk, sitting.pk) or at)
    note = ""
    if delegate.kind == DelegateKind.ALTERNATE:
        note = " " + _("(đại biểu dự khuyết, không tính vào số có mặt)")
    elif delegate.kind == DelegateKind.GUEST:
        note = " " + _("(khách mời)")
    if created:
        message = _("%(name)s: đã điểm danh.") % {"name": delegate.full_name} + note
        return CheckInResult(True, True, "checked_in", message, delegate, existing_at, checkin_id)
    message = (
        _("%(name)s đã điểm danh lúc %(time)s.")
        % {"name": delegate.full_name, "time": _hhmm(existing_at)}
        + note
    )
    return CheckInResult(True, False, "already", message, delegate, existing_at)


_SCAN_SQL = """
SELECT s.kind, s.date, s.part, s.ordinal, s.closed_at, s.congress_id,
       c.campaign_id, c.organisation_id, c.org_path, c.state,
       o.path, o.name, o.code, o.structure_id,
       d.id, d.full_name, d.kind, d.credential, d.credential_reason, d.replaced_by_id,
       (SELECT u.path FROM {org} u WHERE u.id = %s),
       ch.at,
       EXISTS (SELECT 1 FROM {settings} a JOIN {desk_staff} ds ON ds.assemblysettings_id = a.id
               WHERE a.congress_id = c.id AND ds.user_id = %s)
FROM {sitting} s
JOIN {congress} c ON c.id = s.congress_id
JOIN {org} o ON o.id = c.organisation_id
LEFT JOIN {delegate} d ON d.id = %s AND d.congress_id = c.id
LEFT JOIN {checkin} ch ON ch.delegate_id = d.id AND ch.sitting_id = s.id
WHERE s.id = %s
"""


def check_in_scan(
    sitting_pk: int,
    token: str,
    *,
    desk: str,
    acting_user: User,
    method: str = "scan",
    query: str | None = None,
    shown: int | None = None,
) -> CheckInResult | None:
    """do_check_in for the desk's endpoint: the same rules, read in one statement.

    The sitting, its congress and organisation, the card's delegate, whether and
    when that delegate is checked in already, whether the user is designated at
    the desks, and the user's own organisation come back from one SELECT (no ORM
    query to build); then the INSERT for a new check-in only. With the session's
    and the user's reads, a scan is four statements, a repeated scan three.
    Returns None where the user may not see the sitting (the view answers 404).
    """
    try:
        congress_id, delegate_id = read_token(token)
        genuine = True
    except TokenError:
        congress_id, delegate_id, genuine = 0, 0, False
    q = connection.ops.quote_name
    sql = _SCAN_SQL.format(
        org=q(Organisation._meta.db_table),
        sitting=q(Sitting._meta.db_table),
        congress=q(Congress._meta.db_table),
        delegate=q(Delegate._meta.db_table),
        checkin=q(CheckIn._meta.db_table),
        settings=q(AssemblySettings._meta.db_table),
        desk_staff=q(AssemblySettings.desk_staff.through._meta.db_table),
    )
    row = prepared.fetchone(
        connection, sql, [acting_user.organisation_id, acting_user.pk, delegate_id, sitting_pk]
    )
    if row is None:
        return None
    kind, day, part, ordinal, closed_at, sitting_congress = row[:6]
    campaign_id, org_id, org_path, state, o_path, o_name, o_code, o_structure = row[6:14]
    d_id, d_name, d_kind, d_credential, d_reason, d_replaced, user_path = row[14:21]
    existing_at, desk_staff = _aware(row[21]), bool(row[22])
    org = Organisation(id=org_id, path=o_path, name=o_name, code=o_code, structure_id=o_structure)
    congress = Congress(
        id=sitting_congress,
        campaign_id=campaign_id,
        organisation=org,
        org_path=org_path,
        state=state,
    )
    if acting_user.organisation_id is not None:
        # The user's organisation as read above, so the scope rules need no query of their own.
        own = Organisation(id=acting_user.organisation_id, path=user_path or "")
        acting_user._meta.get_field("organisation").set_cached_value(acting_user, own)  # type: ignore[union-attr]
    if not scope.can_see(acting_user, org):
        return None
    if not may_check_in(acting_user, congress, desk_staff=desk_staff):
        raise PermissionDenied
    if not genuine:
        return _forged()
    if congress_id != congress.pk:
        return _other_congress(congress)
    # The congress's state came with the same SELECT: expiry costs no query.
    if congress.state in CLOSED_STATES:
        return _expired(congress)
    sitting = Sitting(
        id=sitting_pk,
        congress=congress,
        kind=kind,
        date=day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)),
        part=part,
        ordinal=ordinal,
    )
    # Only whether it is closed matters here; the value's type differs by database.
    sitting.closed_at = closed_at
    delegate = None
    if d_id is not None:
        delegate = Delegate(
            id=d_id,
            congress=congress,
            full_name=d_name,
            kind=d_kind,
            credential=d_credential,
            credential_reason=d_reason,
            replaced_by_id=d_replaced,
        )
    return _check_in(
        delegate, sitting, desk, acting_user, method, existing_at, query=query, shown=shown
    )


# ---------------------------------------------------------------- undoing a check-in


def _undo_problems(reason: str, name: str) -> list[str]:
    if not reason:
        return [_("Ghi lý do hoàn tác điểm danh của %(name)s.") % {"name": name}]
    if len(reason) > UNDO_REASON_MAX:
        return [
            _("Lý do hoàn tác dài %(n)s ký tự; tối đa %(max)s ký tự.")
            % {"n": len(reason), "max": UNDO_REASON_MAX}
        ]
    return []


@transaction.atomic
def do_undo_check_in(
    sitting: Sitting, checkin_id: int, *, reason: str, acting_user: User
) -> CheckInUndo:
    """Take back a check-in made by mistake, while its sitting is not closed, with a reason.

    Whoever may check in at the congress may undo. The CheckIn row is replaced by
    a CheckInUndo keeping what it said, so the quorum no longer counts the
    delegate, who can be checked in again; a second undo of the same row is
    refused and names who undid it first.
    """
    # The sitting's row first: closing it and undoing one of its check-ins queue.
    current = (
        Sitting.objects.select_for_update(of=("self",))
        .select_related("congress__organisation")
        .filter(pk=sitting.pk)
        .first()
    )
    if current is None:
        raise ActionRefused([_("Không tìm thấy phiên họp.")])
    congress = current.congress
    if not may_check_in(acting_user, congress):
        raise PermissionDenied
    row = (
        CheckIn.objects.select_for_update(of=("self",))
        .select_related("delegate")
        .filter(pk=checkin_id, sitting=current)
        .first()
    )
    if row is None:
        earlier = (
            CheckInUndo.objects.filter(checkin_id=checkin_id, sitting=current)
            .select_related("delegate", "undone_by")
            .first()
        )
        if earlier is not None:
            raise ActionRefused(
                [
                    _("Lượt điểm danh của %(name)s đã được %(user)s hoàn tác lúc %(time)s.")
                    % {
                        "name": earlier.delegate.full_name,
                        "user": earlier.undone_by.get_username(),
                        "time": _hhmm(earlier.undone_at),
                    }
                ]
            )
        raise ActionRefused(
            [
                _("Không có lượt điểm danh số %(id)s trong %(sitting)s.")
                % {"id": checkin_id, "sitting": current}
            ]
        )
    name = row.delegate.full_name
    problems: list[str] = []
    if congress.state in CLOSED_STATES:
        problems.append(
            _("Đại hội %(org)s đã kết thúc; không hoàn tác điểm danh được nữa.")
            % {"org": congress.organisation.name}
        )
    elif current.closed_at is not None:
        problems.append(
            _("%(sitting)s đã kết thúc; không hoàn tác điểm danh của %(name)s được nữa.")
            % {"sitting": current, "name": name}
        )
    reason = clean(reason)
    problems.extend(_undo_problems(reason, name))
    if problems:
        raise ActionRefused(problems)
    undo = CheckInUndo.objects.create(
        checkin_id=row.pk,
        delegate_id=row.delegate_id,
        sitting=current,
        checked_in_at=row.at,
        desk=row.desk,
        checked_in_by_id=row.by_id,
        method=row.method,
        undone_at=timezone.now(),
        undone_by=acting_user,
        reason=reason,
    )
    row.delete()
    # Ids only: the reason may name people, and stays in the CheckInUndo row.
    log.record(
        "assembly.checkin_undo",
        actor=acting_user,
        organisation=congress.organisation,
        target=f"checkin:{undo.checkin_id}",
        after={
            "checkin": undo.checkin_id,
            "undo": undo.pk,
            "delegate": undo.delegate_id,
            "sitting": current.pk,
        },
    )
    return undo
