"""Sign-in with an optional second step, and the page that turns it on or off."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from daihoi.accounts import twofactor
from daihoi.accounts.forms import LoginForm
from daihoi.orgs.scope import acting_user


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    allowed = twofactor.may_use(user)
    device = twofactor.confirmed_device(user)
    if request.method == "POST" and allowed:
        token = request.POST.get("token", "")
        if device is None:
            if twofactor.do_enable(user, token):
                messages.success(request, _("Đã bật xác thực hai bước cho tài khoản này."))
                return redirect("two_factor")
            messages.error(
                request, _("Mã không đúng; xem lại giờ trên điện thoại rồi nhập mã mới.")
            )
        else:
            if twofactor.do_disable(user, token):
                messages.success(request, _("Đã tắt xác thực hai bước."))
                return redirect("two_factor")
            messages.error(request, _("Mã không đúng; xác thực hai bước vẫn đang bật."))
    pending = twofactor.pending_device(user) if allowed and device is None else None
    context = {
        "allowed": allowed,
        "device": device,
        "qr": twofactor.qr_svg(pending) if pending else "",
        "secret": twofactor.secret_text(pending) if pending else "",
    }
    return render(request, "registration/two_factor.html", context)
