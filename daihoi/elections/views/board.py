"""The counting board: someone added (or their role or team changed), someone taken off."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from daihoi.accounts.models import User
from daihoi.core.errors import ActionRefused
from daihoi.elections import access
from daihoi.elections.actions.board import do_add_board_member, do_remove_board_member
from daihoi.elections.forms import BoardMemberForm
from daihoi.elections.views.common import detail_page
from daihoi.orgs import scope


@login_required
@require_POST
def election_board_add(request: HttpRequest, pk: int) -> HttpResponse:
    election = access.get_election_for_user(request.user, pk)
    form = BoardMemberForm(request.POST, auto_id="id_board_%s")
    if not form.is_valid():
        return detail_page(request, election, name="board_form", form=form)
    try:
        username = form.cleaned_data["username"].strip()
        member = User.objects.filter(username=username).first()
        if member is None or not scope.can_see(member, election.congress.organisation):
            raise ActionRefused(
                [_("Không có tài khoản «%(name)s» thuộc tổ chức này.") % {"name": username}],
                ["no_such_account"],
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
