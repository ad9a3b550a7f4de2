"""Checking a card in at a sitting: the desk's scan, kept to a few statements.

No audit entry: the CheckIn row records who scanned, at which desk and when, and is
the trail. Not atomic as a whole: the one INSERT is its own short transaction.
"""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.assembly.access import may_check_in
from daihoi.assembly.models import (
    AssemblySettings,
    CheckIn,
    CredentialState,
    Delegate,
    DelegateKind,
    Sitting,
)
from daihoi.assembly.tokens import TokenError, read_token
from daihoi.campaigns.models import Congress, CongressState
from daihoi.db import raw
from daihoi.lib.text import fold
from daihoi.orgs import scope
from daihoi.orgs.models import Organisation

if TYPE_CHECKING:
    from daihoi.accounts.models import User

# A congress in these states is over: its cards no longer check anyone in.
CLOSED_STATES = frozenset({CongressState.HELD, CongressState.REPORTED})


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


def hhmm(at: dt.datetime) -> str:
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
    with queued, connection.cursor() as cursor:
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
    row = raw.fetchone(
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
        % {"name": delegate.full_name, "time": hhmm(existing_at)}
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


def _forget_partial_organisation(user: User) -> None:
    """Drop the user's organisation read with the scan (its id and path only).

    A refused scan answers with the 404 or 403 page, whose header reads the whole
    organisation (its level, for the work queue's count); from the database, not
    from this partial copy.
    """
    field = user._meta.get_field("organisation")
    if field.is_cached(user):  # type: ignore[union-attr]
        field.delete_cached_value(user)  # type: ignore[union-attr]


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
    row = raw.fetchone(
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
        _forget_partial_organisation(acting_user)
        return None
    if not may_check_in(acting_user, congress, desk_staff=desk_staff):
        _forget_partial_organisation(acting_user)
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
