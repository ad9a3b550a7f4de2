"""Draft documents at Lộc Bình (188) and Lạng Sơn (20), built through the action layer.

And the one way the drafts tests check a refusal: `refused` (an action's, by its
codes) and `forbidden` (no permission), each asserting that nothing was written.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from docx import Document

from daihoi.accounts.models import Role, User
from daihoi.audit.models import AuditEntry
from daihoi.campaigns.models import Campaign, Congress
from daihoi.core.errors import ActionRefused
from daihoi.drafts.actions.comments import do_add_comment
from daihoi.drafts.actions.documents import do_create_document
from daihoi.drafts.actions.rounds import do_circulate_round
from daihoi.drafts.actions.versions import do_add_round
from daihoi.drafts.models import (
    Comment,
    CommentGroup,
    DocKind,
    DraftDocument,
    Round,
    SourceGroup,
)
from daihoi.lib.paragraphs import parse_text
from daihoi.orgs.models import Organisation

TEXT_1 = """# PHẦN I. ĐÁNH GIÁ
Kinh tế tăng trưởng khá, bình quân 6,5%/năm.
Văn hóa – xã hội có tiến bộ.
# PHẦN II. PHƯƠNG HƯỚNG
Phấn đấu tăng trưởng 7%/năm.
"""
TEXT_2 = """# PHẦN I. ĐÁNH GIÁ
Kinh tế tăng trưởng khá nhanh và bền vững, bình quân 6,5%/năm.
Văn hóa – xã hội có tiến bộ.
Chuyển đổi số bước đầu có kết quả.
# PHẦN II. PHƯƠNG HƯỚNG
Phấn đấu tăng trưởng 7%/năm.
"""
DAY = dt.date(2020, 3, 2)


def user(name: str) -> User:
    return User.objects.get(username=name)


def reader() -> User:
    """A counting board member of Lộc Bình: sees its documents, drafts none."""
    found, _created = User.objects.get_or_create(
        username="bkp",
        defaults={
            "organisation": Organisation.objects.get(code="188"),
            "roles": [Role.COUNTING_BOARD],
        },
    )
    return found


def congress_of(campaign: Campaign, code: str) -> Congress:
    org = Organisation.objects.get(structure=campaign.structure, code=code)
    found, _created = Congress.objects.get_or_create(
        campaign=campaign,
        organisation=org,
        defaults={"org_path": org.path, "level": org.level},
    )
    return found


def docx_bytes(text: str) -> bytes:
    """A Word file of an editing-form text: '# ' lines as Heading 1, the rest as paragraphs."""
    doc = Document()
    for line in text.splitlines():
        if line.startswith("# "):
            doc.add_heading(line[2:], level=1)
        elif line.strip():
            doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def document_with_round(
    campaign: Campaign,
    code: str = "188",
    *,
    kind: str = DocKind.POLITICAL_REPORT,
    staff: str = "locbinh",
    circulate: bool = True,
    units: list[Organisation] | None = None,
) -> tuple[DraftDocument, Round]:
    congress = congress_of(campaign, code)
    document = do_create_document(congress, kind, acting_user=user(staff))
    round_ = do_add_round(document, parse_text(TEXT_1), acting_user=user(staff))
    if circulate:
        round_ = do_circulate_round(
            round_,
            groups=[SourceGroup.MEMBERS, SourceGroup.PUBLIC],
            units=units or [],
            deadline=DAY,
            acting_user=user(staff),
        )
    return document, round_


def comment(round_: Round, text: str = "Bổ sung số liệu.", paragraph: str = "1:1", **kw: Any):
    return do_add_comment(
        round_, text=text, received_on=DAY, paragraph=paragraph, acting_user=user("locbinh"), **kw
    )


def group_of(round_: Round, *comments: Comment) -> CommentGroup:
    """A proposed group of the given comments (as do_propose_groups would make it)."""
    group = CommentGroup.objects.create(round=round_, paragraph="1:1", summary=comments[0].text)
    Comment.objects.filter(pk__in=[c.pk for c in comments]).update(group=group)
    return group


def _written() -> dict[str, int]:
    """Every drafts table's rows, and the audit trail's: what a refusal must leave alone."""
    return {
        "documents": DraftDocument.objects.count(),
        "rounds": Round.objects.count(),
        "comments": Comment.objects.count(),
        "handled": Comment.objects.exclude(handling="").count(),
        "groups": CommentGroup.objects.count(),
        "grouped": Comment.objects.filter(group__isnull=False).count(),
        "confirmed": CommentGroup.objects.filter(confirmed=True).count(),
        "audit": AuditEntry.objects.count(),
    }


def states() -> list[tuple[object, ...]]:
    """Each round's state and each document's review and approval."""
    return [
        *Round.objects.order_by("pk").values_list("pk", "state", "blocks"),
        *DraftDocument.objects.order_by("pk").values_list("pk", "reviewed_at", "approved_at"),
    ]


def refused(call: Callable[[], object], *codes: str) -> ActionRefused:
    """Run an action that must refuse with exactly these codes, writing nothing."""
    before = (_written(), states())
    with pytest.raises(ActionRefused) as info:
        call()
    assert info.value.codes == list(codes), info.value.reasons
    assert (_written(), states()) == before
    return info.value


def forbidden(call: Callable[[], object]) -> None:
    """Run an action the user has no right to: PermissionDenied, nothing written."""
    before = (_written(), states())
    with pytest.raises(PermissionDenied):
        call()
    assert (_written(), states()) == before


def unchanged(call: Callable[[], Any]) -> Any:
    """Run a request that must write nothing; return its response."""
    before = (_written(), states())
    response = call()
    assert (_written(), states()) == before
    return response
