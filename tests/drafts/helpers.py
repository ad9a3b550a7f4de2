"""Draft documents at Lộc Bình (188) and Lạng Sơn (20), built through the action layer."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document

from daihoi.accounts.models import User
from daihoi.campaigns.models import Campaign, Congress
from daihoi.drafts import actions
from daihoi.drafts.models import DocKind, DraftDocument, Round, SourceGroup
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
    document = actions.do_create_document(congress, kind, acting_user=user(staff))
    round_ = actions.do_add_round(document, parse_text(TEXT_1), acting_user=user(staff))
    if circulate:
        round_ = actions.do_circulate_round(
            round_,
            groups=[SourceGroup.MEMBERS, SourceGroup.PUBLIC],
            units=units or [],
            deadline=DAY,
            acting_user=user(staff),
        )
    return document, round_
