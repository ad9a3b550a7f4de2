"""The list of names on the ballot: set while in draft, and a floor nomination voted in."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.core.errors import ActionRefused
from daihoi.db.limits import within_limits
from daihoi.elections.actions.common import managed
from daihoi.elections.guards import sealed_guard
from daihoi.elections.models import Candidate, Election, ElectionState
from daihoi.elections.queries import names, snapshot
from daihoi.lib.names import sort_ballot_order
from daihoi.lib.nominations import enters_list
from daihoi.lib.text import clean, fold
from daihoi.orgs.names import checked_name, name_messages

if TYPE_CHECKING:
    from daihoi.accounts.models import User

S = ElectionState


def _checked_list(current: Election, full_names: Iterable[str]) -> list[str]:
    """The names cleaned, refused if unreadable, repeated, or on the counting board."""
    typed = [n for n in full_names if clean(n)]
    # An invisible or lookalike letter makes two names on the list look the same.
    unreadable = [m for n in typed for m in name_messages(n, field=_("Họ và tên"))[1]]
    if unreadable:
        raise ActionRefused(unreadable, ["unreadable_name"] * len(unreadable))
    cleaned = [clean(n) for n in typed]
    folded = [fold(n) for n in cleaned]
    repeated = sorted({n for n in cleaned if folded.count(fold(n)) > 1})
    if repeated:
        raise ActionRefused(
            [_("Tên trùng trong danh sách: %(names)s.") % {"names": ", ".join(repeated)}],
            ["repeated_name"],
        )
    board_names = {
        fold(m.user.full_name or m.user.username) for m in current.board.select_related("user")
    }
    on_board = [n for n in cleaned if fold(n) in board_names]
    if on_board:
        raise ActionRefused(
            [
                _("%(name)s đang ở ban kiểm phiếu, không thể có tên trong danh sách bầu.")
                % {"name": n}
                for n in on_board
            ],
            ["on_board"] * len(on_board),
        )
    return cleaned


@sealed_guard("set_candidates")
@transaction.atomic(durable=True)
def do_set_candidates(election: Election, full_names: Iterable[str], *, acting_user: User) -> None:
    """Replace the draft list; the ballot order is Vietnamese alphabetical by given name."""
    current = managed(election, acting_user)
    if current.state != S.DRAFT:
        raise ActionRefused([_("Danh sách chỉ sửa được khi còn là dự thảo.")], ["not_draft"])
    cleaned = _checked_list(current, full_names)
    before = snapshot(current)
    current.candidates.all().delete()
    Candidate.objects.bulk_create(
        within_limits(
            Candidate(election=current, full_name=name, position=i)
            for i, name in enumerate(sort_ballot_order(cleaned), start=1)
        )
    )
    log.record(
        "election.candidates",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=str(current),
        before=before,
        after=snapshot(current),
    )


def _add_to_list(current: Election, name: str) -> None:
    listed = names(current)
    if fold(name) in {fold(n) for n in listed}:
        raise ActionRefused([_("%(name)s đã có trong danh sách.") % {"name": name}], ["listed"])
    floor = set(
        current.candidates.filter(floor_nomination=True).values_list("full_name", flat=True)
    )
    current.candidates.all().delete()
    Candidate.objects.bulk_create(
        within_limits(
            Candidate(
                election=current,
                full_name=n,
                position=i,
                floor_nomination=n in floor or n == name,
            )
            for i, n in enumerate(sort_ballot_order([*listed, name]), start=1)
        )
    )


@sealed_guard("floor_nomination")
@transaction.atomic(durable=True)
def do_record_floor_nomination(
    election: Election, full_name: str, *, agree: int, present: int, acting_user: User
) -> bool:
    """Record the opinion vote on a floor nomination; the name enters the list above 30%."""
    current = managed(election, acting_user)
    if current.state != S.DRAFT:
        raise ActionRefused([_("Chỉ đề cử thêm khi danh sách còn là dự thảo.")], ["not_draft"])
    name = checked_name(full_name, field=_("Họ và tên người được đề cử"))
    if not name:
        raise ActionRefused([_("Chưa ghi họ và tên người được đề cử.")], ["no_name"])
    try:
        entered = enters_list(agree, present)
    except ValueError as exc:
        raise ActionRefused(
            [
                _("Số biểu quyết không hợp lệ: %(agree)s đồng ý trên %(present)s có mặt.")
                % {"agree": agree, "present": present}
            ],
            ["bad_vote"],
        ) from exc
    if entered:
        _add_to_list(current, name)
    log.record(
        "election.floor_nomination",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=str(current),
        after={"name": name, "agree": agree, "present": present, "entered": entered},
    )
    return entered
