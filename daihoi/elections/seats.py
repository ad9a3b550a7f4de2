"""A counting-board member's own page: the elections they sit on and what each asks of them.

A typist or the board's head signs in to count, not to browse the province's
tree; this page is their home (web.views.home sends them here) and lists each
seat with the election's state, the link to their own desk or to the
reconciliation, and the board's next step in words.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from daihoi.accounts.models import User
from daihoi.elections.models import BoardMember, BoardRole, Election
from daihoi.elections.models import ElectionState as S
from daihoi.orgs import scope


@dataclass(frozen=True)
class Seat:
    election: Election
    role: str
    team: int | None
    decides: bool  # the head, or a member named to rule on disputed papers
    desk: bool  # their desk is open: counting, on a team
    next_step: str


def _next_step(election: Election, member: BoardMember, decides: bool) -> str:
    """The board's next step as this member sees it."""
    state = election.state
    if state in (S.DRAFT, S.LIST_ADOPTED):
        return _("Chờ đại hội thông qua danh sách và phát phiếu.")
    if state == S.BALLOTS_ISSUED:
        # After the box is opened the board numbers the papers 1…N (issue 14.2).
        return _("Mở hòm phiếu, đánh số các phiếu thu vào từ 1; trưởng ban bắt đầu kiểm phiếu.")
    if state == S.COUNTING:
        if member.team:
            return _("Nhập phiếu tại bàn nhập của tổ %(team)s.") % {"team": member.team}
        if decides:
            return _("Đối chiếu các lượt nhập, quyết định các phiếu chênh lệch.")
        return _("Các tổ đang nhập phiếu.")
    if state == S.RECONCILED:
        return _("Đã đối chiếu xong; chờ công bố kết quả.")
    if state == S.ANNOUNCED:
        return _("Đã công bố; in và ký biên bản kiểm phiếu, rồi niêm phong.")
    return _("Đã niêm phong; hồ sơ không thay đổi được nữa.")


def seats_of(user: User) -> list[Seat]:
    """The user's seats on counting boards, newest election first, within their scope."""
    members = scope.scoped(
        user, BoardMember.objects.filter(user=user), via="election__congress__organisation"
    ).select_related("election__congress__organisation")
    seats = []
    for member in members.order_by("-election__pk"):
        decides = member.role == BoardRole.HEAD or (
            member.role == BoardRole.MEMBER and member.may_rule
        )
        election = member.election
        seats.append(
            Seat(
                election=election,
                role=member.get_role_display(),
                team=member.team,
                decides=decides,
                desk=election.state == S.COUNTING and bool(member.team),
                next_step=_next_step(election, member, decides),
            )
        )
    return seats


@login_required
def my_elections(request: HttpRequest) -> HttpResponse:
    seats = seats_of(scope.acting_user(request))
    return render(request, "elections/my_elections.html", {"seats": seats})
