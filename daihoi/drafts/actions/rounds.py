"""A round's life: sent out for comments, then closed once every comment is handled."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.core.errors import ActionRefused
from daihoi.core.numbers import vn_date
from daihoi.drafts.actions.common import locked_round, require_edit, stamp
from daihoi.drafts.models import Round, RoundState, SourceGroup
from daihoi.drafts.queries import unhandled
from daihoi.notifications.actions import notify
from daihoi.notifications.events import Event
from daihoi.notifications.models import Notification
from daihoi.notifications.recipients import holders
from daihoi.notifications.reminders import REMIND_DAYS

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.orgs.models import Organisation

# How many unhandled comments a refusal names before it says "and N more".
NAMED_IN_REFUSAL = 10


@transaction.atomic(durable=True)
def do_circulate_round(
    round_: Round,
    *,
    groups: Sequence[str],
    units: Sequence[Organisation] = (),
    deadline: dt.date | None,
    acting_user: User,
) -> Round:
    """Send a round for comments to named groups and units, with a comment deadline."""
    current = locked_round(round_)
    require_edit(acting_user, current.document)
    problems: list[str] = []
    codes: list[str] = []
    if current.state != RoundState.DRAFT:
        problems.append(_("Dự thảo lần %(n)s đã được gửi lấy ý kiến rồi.") % {"n": current.number})
        codes.append("round_not_draft")
    bad = [g for g in groups if g not in SourceGroup.values]
    if bad:
        problems.append(_("Nhóm lấy ý kiến không hợp lệ: %(g)s.") % {"g": ", ".join(bad)})
        codes.append("unknown_group")
    if not groups and not units:
        problems.append(_("Hãy chọn ít nhất một nhóm hoặc một đơn vị được lấy ý kiến."))
        codes.append("no_recipients")
    outside = [u.name for u in units if not u.path.startswith(current.document.org_path)]
    if outside:
        problems.append(
            _("Các đơn vị không thuộc tổ chức này: %(u)s.") % {"u": ", ".join(outside[:5])}
        )
        codes.append("unit_outside")
    if problems:
        raise ActionRefused(problems, codes)
    current.state = RoundState.CIRCULATING
    current.circulated_by = acting_user
    current.circulated_at = timezone.now()
    current.circulated_groups = list(groups)
    current.comment_deadline = deadline
    current.save()
    current.circulated_units.set(units)
    log.record(
        "drafts.circulate",
        actor=acting_user,
        organisation=current.document.congress.organisation,
        target=str(current),
        after={
            "groups": list(groups),
            "units": [u.code for u in units][:200],
            "unit_count": len(units),
            "deadline": str(deadline or ""),
        },
    )
    _tell_units(current, units, acting_user)
    return current


def _unhandled_refusal(current: Round) -> ActionRefused | None:
    missing = unhandled(current).order_by("pk")
    count = missing.count()
    if not count:
        return None
    named = [
        _("#%(id)s (%(where)s, %(source)s)")
        % {
            "id": c.pk,
            "where": c.where,
            "source": c.source_name or c.get_source_group_display(),
        }
        for c in missing[:NAMED_IN_REFUSAL]
    ]
    more = (
        _(" và %(n)s ý kiến khác") % {"n": count - NAMED_IN_REFUSAL}
        if count > NAMED_IN_REFUSAL
        else ""
    )
    return ActionRefused(
        [
            _(
                "Chưa khép lại được dự thảo lần %(n)s: còn %(count)s ý kiến chưa có hình thức "
                "xử lý (tiếp thu hoặc giải trình): %(list)s%(more)s."
            )
            % {"n": current.number, "count": count, "list": ", ".join(named), "more": more}
        ],
        ["comments_unhandled"],
    )


@transaction.atomic(durable=True)
def do_close_round(round_: Round, *, acting_user: User) -> Round:
    """Close a round's comments; refused while any comment has no handling."""
    current = locked_round(round_)
    require_edit(acting_user, current.document)
    if current.state == RoundState.CLOSED:
        raise ActionRefused(
            [_("Dự thảo lần %(n)s đã khép lại rồi.") % {"n": current.number}], ["round_closed"]
        )
    refusal = _unhandled_refusal(current)
    if refusal is not None:
        raise refusal
    with log.audited(
        "drafts.close",
        actor=acting_user,
        organisation=current.document.congress.organisation,
        target=str(current),
        snapshot=lambda: {"state": current.state},
        extra=stamp(acting_user),
    ):
        current.state = RoundState.CLOSED
        current.closed_by = acting_user
        current.closed_at = timezone.now()
        current.save()
    return current


def _pages_for(round_: Round, units: Sequence[Organisation]) -> Callable[[User], str]:
    """Each unit's own page for commenting on the round (people are found by their unit)."""
    document = round_.document
    slug = document.congress.campaign.slug
    code_of = {unit.pk: unit.code for unit in units}

    def page_of(user: User) -> str:
        return reverse("drafts_upward", args=[slug, code_of[user.organisation_id], document.pk])

    return page_of


def _tell_units(round_: Round, units: Sequence[Organisation], acting_user: User) -> None:
    """Tell the departments of the units asked for comments, each with its own page."""
    document = round_.document
    congress = document.congress
    until = round_.comment_deadline
    notify(
        Event.ROUND_OPENED,
        holders(units),
        url=_pages_for(round_, units),
        params={
            "unit": congress.organisation.name,
            "what": document.kind,
            "until": vn_date(until) if until else "…",
        },
        organisation=congress.organisation,
        exclude=acting_user,
    )


def remind_comment_deadlines(today: dt.date) -> int:
    """Tell the units asked for comments that the round closes in REMIND_DAYS days; once.

    Run by `daihoi send-digests` each day. A round already reminded of (a notification
    naming it) is skipped, so running it twice a day tells nobody twice.
    """
    due = today + dt.timedelta(days=REMIND_DAYS)
    rounds = (
        Round.objects.filter(state=RoundState.CIRCULATING, comment_deadline=due)
        .select_related("document__congress__organisation", "document__congress__campaign")
        .prefetch_related("circulated_units")
    )
    told = 0
    for round_ in rounds:
        if Notification.objects.filter(kind=Event.DEADLINE_SOON, params__round=round_.pk).exists():
            continue
        units = list(round_.circulated_units.all())
        congress = round_.document.congress
        with transaction.atomic(durable=True):
            made = notify(
                Event.DEADLINE_SOON,
                holders(units),
                url=_pages_for(round_, units),
                params={
                    "unit": congress.organisation.name,
                    "what": "comments",
                    "until": vn_date(due),
                    "round": round_.pk,
                },
                organisation=congress.organisation,
            )
        told += len(made)
    return told
