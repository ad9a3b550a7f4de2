"""Downloads of the progress reports: an Excel workbook and a Party-format Word report."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import BinaryIO

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from daihoi.campaigns.models import Campaign
from daihoi.campaigns.progress import Progress, late, levels_below
from daihoi.campaigns.progress import progress as compute_progress
from daihoi.core.letterhead import letterhead_for
from daihoi.jobs import exports, runner
from daihoi.orgs.models import Organisation
from daihoi.orgs.scope import get_org_for_user
from daihoi.reports.progress_docx import progress_document
from daihoi.reports.progress_xlsx import write_progress_workbook

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


Render = Callable[[BinaryIO, Progress, runner.Progress], int]


def _export(
    request: HttpRequest,
    campaign: str,
    code: str,
    *,
    extension: str,
    rows: Callable[[Campaign, Organisation, dt.date], int],
    render: Render,
) -> HttpResponseBase:
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

    def write(out: BinaryIO, progress: runner.Progress) -> int:
        # Counting the subtree is part of the work: in the job, not in the request.
        progress(_("Đang tính số liệu"), 0, 0)
        return render(out, compute_progress(found, org, as_of), progress)

    filename = f"tien-do-{slugify(org.code) or org.pk}-{as_of:%Y-%m-%d}.{extension}"
    return exports.deliver(request, exports.Export(org, filename, rows(found, org, as_of), write))


def _xlsx_rows(campaign: Campaign, org: Organisation, as_of: dt.date) -> int:
    """Each child on each level's sheet, and every late congress (counts, nothing built)."""
    levels = len(levels_below(campaign, org))
    return org.numchild * levels + late(campaign, org, as_of).count()


def _docx_rows(_campaign: Campaign, org: Organisation, _as_of: dt.date) -> int:
    # The Word report lists the children; its late list stops at LATE_SHOWN.
    return org.numchild


@login_required
def progress_xlsx(request: HttpRequest, campaign: str, code: str) -> HttpResponseBase:
    """The progress under an organisation as an Excel workbook, as of ?ngay=dd/mm/yyyy."""
    return _export(
        request,
        campaign,
        code,
        extension="xlsx",
        rows=_xlsx_rows,
        render=write_progress_workbook,
    )


@login_required
def progress_docx(request: HttpRequest, campaign: str, code: str) -> HttpResponseBase:
    """The progress report in the Party's format, as of ?ngay=; ?so=15 fills in its number."""
    number = request.GET.get("so", "").strip()

    def render(out: BinaryIO, result: Progress, progress: runner.Progress) -> int:
        numbered = None
        if _NUMBER.match(number):
            blank = letterhead_for(result.root, doc_type="BC", day=result.as_of, number=number)
            numbered = blank.number
        out.write(progress_document(result, number=numbered, report=progress))
        return len(result.children)

    return _export(request, campaign, code, extension="docx", rows=_docx_rows, render=render)
