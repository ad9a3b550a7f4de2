"""Downloads of the progress reports: an Excel workbook and a Party-format Word report."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _

from daihoi.campaigns.models import Campaign
from daihoi.campaigns.progress import Progress
from daihoi.campaigns.progress import progress as compute_progress
from daihoi.core.letterhead import letterhead_for
from daihoi.orgs.scope import get_org_for_user
from daihoi.reports.progress_docx import progress_document
from daihoi.reports.progress_xlsx import progress_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d")
_NUMBER = re.compile(r"^\d{1,5}$")


class BadDate(ValueError):
    pass


def parse_day(text: str | None) -> dt.date:
    """Read ?ngay= as dd/mm/yyyy (or yyyy-mm-dd from a date input); today when absent."""
    if text is None or not text.strip():
        return timezone.localdate()
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()  # noqa: DTZ007 - a plain date
        except ValueError:
            continue
    raise BadDate(text)


def _bad_date(text: str) -> HttpResponse:
    message = _(
        "Ngày “%(value)s” không hợp lệ. Hãy ghi ngày theo dạng ngày/tháng/năm, ví dụ 25/05/2020."
    ) % {"value": text[:40]}
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def _export(
    request: HttpRequest,
    campaign: str,
    code: str,
    *,
    extension: str,
    content_type: str,
    render: Callable[[HttpRequest, Progress], bytes],
) -> HttpResponse:
    # The organisation first: a code outside the user's subtree is a 404 whatever else is wrong.
    found = Campaign.objects.select_related("structure", "directive").filter(slug=campaign).first()
    if found is None:
        raise Http404(_("Không tìm thấy đợt đại hội."))
    org = get_org_for_user(request.user, found.structure.code, code)
    raw = request.GET.get("ngay")
    try:
        as_of = parse_day(raw)
    except BadDate:
        return _bad_date(raw or "")
    result = compute_progress(found, org, as_of)
    body = render(request, result)
    filename = f"tien-do-{slugify(org.code) or org.pk}-{as_of:%Y-%m-%d}.{extension}"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename) or ""
    response["Cache-Control"] = "private, no-store"
    return response


def _docx(request: HttpRequest, result: Progress) -> bytes:
    number = request.GET.get("so", "").strip()
    if not _NUMBER.match(number):
        return progress_document(result)
    blank = letterhead_for(result.root, doc_type="BC", day=result.as_of, number=number)
    return progress_document(result, number=blank.number)


@login_required
def progress_xlsx(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    """The progress under an organisation as an Excel workbook, as of ?ngay=dd/mm/yyyy."""
    return _export(
        request,
        campaign,
        code,
        extension="xlsx",
        content_type=XLSX,
        render=lambda _request, result: progress_workbook(result),
    )


@login_required
def progress_docx(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    """The progress report in the Party's format, as of ?ngay=; ?so=15 fills in its number."""
    return _export(request, campaign, code, extension="docx", content_type=DOCX, render=_docx)
