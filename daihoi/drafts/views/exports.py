"""A round's summary of comments (XLSX, DOCX) and the import template, as downloads."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest

from daihoi.core.downloads import attachment
from daihoi.drafts import reports
from daihoi.drafts.queries import visible_comments
from daihoi.drafts.views.common import get_round


@login_required
def summary_xlsx(
    request: HttpRequest, campaign: str, code: str, kind: str, number: int
) -> FileResponse:
    round_ = get_round(request, campaign, code, kind, number)
    comments = visible_comments(request.user, round_)
    return attachment(
        reports.summary_xlsx(round_, comments), f"tong-hop-gop-y-{kind}-lan-{number}.xlsx"
    )


@login_required
def summary_docx(
    request: HttpRequest, campaign: str, code: str, kind: str, number: int
) -> FileResponse:
    round_ = get_round(request, campaign, code, kind, number)
    comments = visible_comments(request.user, round_)
    return attachment(
        reports.summary_docx(round_, comments), f"tong-hop-gop-y-{kind}-lan-{number}.docx"
    )


@login_required
def import_template(
    request: HttpRequest, campaign: str, code: str, kind: str, number: int
) -> FileResponse:
    """A spreadsheet to fill in: the import's columns and one example row of this round."""
    round_ = get_round(request, campaign, code, kind, number)
    return attachment(reports.import_template(round_), f"mau-gop-y-{kind}-lan-{number}.xlsx")
