"""Printable delegates' cards, four A6 per A4, each with its signed QR code."""

from __future__ import annotations

import segno
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from daihoi.assembly import access, queries
from daihoi.assembly.tokens import card_token
from daihoi.assembly.views.common import congress_for_cards, context
from daihoi.core.paging import paginate
from daihoi.orgs import scope

# A page prints this many cards (25 A4 sheets of four): the page's cost stays bounded
# whatever the congress (a national one registers about 1,600), and a stack of 25
# sheets is what an office printer takes at once.
CARDS_PER_PAGE = 100
# One data mask for every card: segno otherwise scores all eight for each code (4.3 of
# its 5.8 ms); every mask is valid and readers try them all.
QR_MASK = 0


def qr_svg(token: str) -> str:
    # Medium error correction: a card folded in a pocket still scans. A viewBox instead of
    # a pixel size, so the stylesheet's 55 mm scales the code and centres it on the card.
    code = segno.make(token, error="m", micro=False, mask=QR_MASK)
    return str(code.svg_inline(scale=3, border=2, omitsize=True))


@never_cache
@login_required
@require_GET
def cards(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    """Show the cards with their signed QR codes: all to the register's keepers, a delegate's own.

    A delegate sees their own card only (issue 17.1): its token checks its bearer in.
    """
    congress = congress_for_cards(request, campaign, code)
    if access.may_manage(request.user, congress):
        delegates = queries.card_delegates(
            congress, unit=request.GET.get("don-vi", ""), kind=request.GET.get("loai", "")
        )
    else:
        own = queries.own_delegate(scope.acting_user(request), congress)
        delegates = [own] if own is not None else []
    page = paginate(request, delegates, per_page=CARDS_PER_PAGE)
    rows = [{"d": d, "qr": qr_svg(card_token(d))} for d in page.object_list]
    return render(request, "assembly/cards.html", context(request, congress, rows=rows, page=page))
