"""The inbox: read, mark read, choose how mail comes. Each write its own URL and form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from daihoi.core.paging import paginate
from daihoi.notifications import actions, queries
from daihoi.notifications.forms import DeliveryForm
from daihoi.orgs import scope

PAGE = 30


@never_cache
@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    user = scope.acting_user(request)
    page = paginate(request, queries.inbox(user), per_page=PAGE)
    form = DeliveryForm(initial={"delivery": queries.delivery_of(user)})
    return render(
        request,
        "notifications/inbox.html",
        {"page": page, "form": form, "has_email": bool(user.email)},
    )


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    user = scope.acting_user(request)
    # Only the user's own notifications exist for them: another's id is a 404.
    note = get_object_or_404(queries.inbox(user), pk=pk)
    actions.do_mark_read(note, acting_user=user)
    if note.url and url_has_allowed_host_and_scheme(note.url, allowed_hosts=None):
        return redirect(note.url)
    return redirect("notifications_inbox")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = actions.do_mark_all_read(acting_user=scope.acting_user(request))
    messages.success(request, _("Đã đánh dấu %(count)s thông báo là đã đọc.") % {"count": count})
    return redirect("notifications_inbox")


@login_required
@require_POST
def set_delivery(request: HttpRequest) -> HttpResponse:
    user = scope.acting_user(request)
    form = DeliveryForm(request.POST)
    if not form.is_valid():
        page = paginate(request, queries.inbox(user), per_page=PAGE)
        context = {"page": page, "form": form, "has_email": bool(user.email)}
        return render(request, "notifications/inbox.html", context, status=400)
    actions.do_set_delivery(form.cleaned_data["delivery"], acting_user=user)
    messages.success(request, _("Đã lưu cách nhận thông báo."))
    return redirect("notifications_inbox")
