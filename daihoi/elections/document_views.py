"""Downloads of an election's papers: the printable ballots and the counting minutes (DOCX).

Scoped like every other page: an election of an organisation outside the
user's subtree does not exist (404). A paper that cannot be written yet (an
empty list, no number of ballots, minutes before reconciliation) is a 409
with the reason in Vietnamese. Printing records nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import gettext as _

from daihoi.core.downloads import attachment
from daihoi.core.numbers import local_int
from daihoi.elections.access import get_election_for_user
from daihoi.elections.ballots_docx import ballot_document
from daihoi.elections.minutes_docx import minutes_document
from daihoi.elections.models import Election

MAX_COPIES = 10_000


def _download(
    request: HttpRequest, pk: int, stem: str, render: Callable[[Election], bytes]
) -> HttpResponseBase:
    election = get_election_for_user(request.user, pk)
    try:
        body = render(election)
    except ValueError as exc:
        return HttpResponse(str(exc), status=409, content_type="text/plain; charset=utf-8")
    return attachment(body, f"{stem}-{election.pk}.docx")


def _copies(request: HttpRequest) -> int | None | str:
    """Read ?so-ban= (how many ballots to print); a message when it is not a usable number."""
    raw = request.GET.get("so-ban", "").strip()
    if not raw:
        return None
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_COPIES:
        return _("Số bản cần in phải là số từ 1 đến %(max)s.") % {"max": local_int(MAX_COPIES)}
    return int(raw)


@login_required
def election_ballots_docx(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The ballots, unnumbered, as many as were issued (or ?so-ban=N), several to a sheet."""
    copies = _copies(request)
    if isinstance(copies, str):
        get_election_for_user(request.user, pk)  # outside the subtree stays a 404 whatever
        return HttpResponse(copies, status=400, content_type="text/plain; charset=utf-8")
    return _download(
        request,
        pk,
        "phieu-bau",
        lambda election: ballot_document(election, copies=copies),
    )


@login_required
def election_minutes_docx(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The counting minutes in the Party's format, once the entries are reconciled."""
    return _download(request, pk, "bien-ban-kiem-phieu", minutes_document)
