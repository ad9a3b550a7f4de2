"""Designating users at the congress's check-in desks, and taking them off."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from daihoi.accounts.models import User
from daihoi.assembly.actions.desk_staff import do_set_desk_staff
from daihoi.assembly.forms import DeskStaffForm, refuse_into
from daihoi.assembly.views.common import congress_to_manage, refused
from daihoi.assembly.views.register import page
from daihoi.core.errors import ActionRefused
from daihoi.orgs import scope


@require_POST
@login_required
def desk_staff_add(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    """Designate a user, by username, at the congress's desks."""
    congress = congress_to_manage(request, campaign, code)
    form = DeskStaffForm(request.POST)
    if form.is_valid():
        username = form.cleaned_data["username"].strip()
        try:
            target = User.objects.filter(username=username).first()
            if target is None:
                raise ActionRefused(
                    [_("Không có tài khoản “%(u)s”.") % {"u": username}], ["user_unknown"]
                )
            do_set_desk_staff(congress, target, desk=True, acting_user=scope.acting_user(request))
        except ActionRefused as exc:
            refuse_into(
                form,
                exc.reasons,
                exc.codes,
                {"user_unknown": "username", "user_outside": "username"},
            )
        else:
            messages.success(request, _("Đã cập nhật người làm bàn điểm danh."))
            return redirect("assembly_register", campaign=campaign, code=code)
    return page(request, congress, 400, desk_form=form)


@require_POST
@login_required
def desk_staff_remove(request: HttpRequest, campaign: str, code: str, user: int) -> HttpResponse:
    """Take a designated user off the desks; they may be designated again."""
    congress = congress_to_manage(request, campaign, code)
    target = get_object_or_404(User, pk=user)
    try:
        do_set_desk_staff(congress, target, desk=False, acting_user=scope.acting_user(request))
    except ActionRefused as exc:
        refused(request, exc)
    else:
        messages.success(request, _("Đã cập nhật người làm bàn điểm danh."))
    return redirect("assembly_register", campaign=campaign, code=code)
