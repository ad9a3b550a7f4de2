import pytest

from daihoi.drafts.demo import load_demo_drafts
from daihoi.drafts.models import DraftDocument, RoundState, SourceGroup

pytestmark = pytest.mark.django_db


def test_the_demo_holds_soc_trangs_seventh_draft_with_comments_from_below(demo_campaign):
    lines: list[str] = []
    load_demo_drafts(demo_campaign, None, lines.append)
    load_demo_drafts(demo_campaign, None, lines.append)  # idempotent
    assert len(lines) == 1
    report = DraftDocument.objects.get(congress__organisation__code="94")
    states = list(report.rounds.order_by("number").values_list("number", "state"))
    assert states == [(n, RoundState.CLOSED) for n in range(1, 7)] + [(7, RoundState.CIRCULATING)]
    closed = report.rounds.filter(state=RoundState.CLOSED)
    assert not closed.filter(comments__handling="").exists()
    latest = report.rounds.get(number=7)
    assert latest.comments.filter(source_group=SourceGroup.UNIT).exists()
    assert DraftDocument.objects.filter(congress__organisation__code="34-KCQ-SCT").exists()
