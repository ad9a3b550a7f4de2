"""The counting board: someone added (or their role or team changed), someone taken off."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from daihoi.accounts.actions.accounts import do_reissue_passwords
from daihoi.accounts.models import User
from daihoi.accounts.sheets import sheets_response
from daihoi.core.errors import ActionRefused
from daihoi.elections import access
from daihoi.elections.actions.board import (
    OPEN_TO_ORGANISERS,
    do_add_board_member,
    do_remove_board_member,
)
from daihoi.elections.forms import BoardMemberForm
from daihoi.elections.models import ElectionState
from daihoi.elections.views.common import detail_page
from daihoi.orgs import scope


@login_required
@require_POST
def election_board_add(request: HttpRequest, pk: int) -> HttpResponse:
    election = access.get_election_for_user(request.user, pk)
    form = BoardMemberForm(request.POST, auto_id="id_board_%s", election=election)
    if not form.is_valid():
        return detail_page(request, election, name="board_form", form=form)
    try:
        # Never trust a client id: an account the congress's organisation cannot see
        # is as if it did not exist; whether the person may sit is the action's rule.
        member = User.objects.filter(pk=form.cleaned_data["person"]).first()
        if member is None or not scope.can_see(member, election.congress.organisation):
            raise ActionRefused(
                [_("Người được chọn không thuộc tổ chức này.")], ["no_such_account"]
            )
        do_add_board_member(
            election,
            member,
            role=form.cleaned_data["role"],
            team=form.cleaned_data["team"],
            may_rule=form.cleaned_data["may_rule"],
            reason=form.cleaned_data["reason"],
            acting_user=scope.acting_user(request),
        )
    except ActionRefused as exc:
        return detail_page(request, election, name="board_form", form=form, refused=exc)
    messages.success(request, _("Đã cập nhật ban kiểm phiếu."))
    return redirect("election_detail", pk=election.pk)


@login_required
@require_POST
def election_board_remove(request: HttpRequest, pk: int, member: int) -> HttpResponse:
    """Take someone off the board (before counting starts; the page asks first)."""
    election = access.get_election_for_user(request.user, pk, write=True)
    try:
        do_remove_board_member(election, member, acting_user=scope.acting_user(request))
    except ActionRefused as exc:
        return detail_page(request, election, name="board_form", refused=exc)
    messages.success(request, _("Đã bỏ người này ra khỏi ban kiểm phiếu."))
    return redirect("election_detail", pk=election.pk)


@never_cache
@login_required
@require_POST
def election_board_sheets(request: HttpRequest, pk: int) -> HttpResponse:
    """Sign-in sheets for the board members who have never signed in (the page asks
    first): new one-time passwords for all of them or none, printed once."""
    election = access.get_election_for_user(request.user, pk, write=True)
    waiting = [
        m.user
        for m in election.board.select_related("user__organisation").order_by("team", "role")
        if m.user.last_login is None
    ]
    try:
        if election.state not in (*OPEN_TO_ORGANISERS, ElectionState.COUNTING):
            raise ActionRefused(
                [_("Đã kiểm phiếu xong; không cấp phiếu đăng nhập cho ban kiểm phiếu nữa.")],
                ["board_closed"],
            )
        if not waiting:
            raise ActionRefused(
                [_("Mọi thành viên ban kiểm phiếu đều đã đăng nhập; không cần in phiếu.")],
                ["nothing_to_print"],
            )
        issued = do_reissue_passwords(waiting, acting_user=scope.acting_user(request))
    except ActionRefused as exc:
        return detail_page(request, election, name="board_form", refused=exc)
    back = reverse("election_detail", args=[election.pk])
    title = _("Phiếu đăng nhập của ban kiểm phiếu")
    return sheets_response(request, issued, title=title, back_url=back)
