"""The work queue page: everything waiting for the person, by kind, each with its link."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from daihoi.workqueue.queue import groups_of_request


@require_GET
@login_required
def work_queue(request: HttpRequest) -> HttpResponse:
    groups = groups_of_request(request)
    return render(request, "workqueue/page.html", {"groups": groups})
