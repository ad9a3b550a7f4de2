"""A round's life: do_circulate_round (sent out), do_close_round (every comment handled)."""

import pytest

from daihoi.audit.models import AuditEntry
from daihoi.drafts.actions.handling import do_handle_comments
from daihoi.drafts.actions.rounds import do_circulate_round, do_close_round
from daihoi.drafts.models import Handling, RoundState
from daihoi.orgs import tree
from daihoi.orgs.models import Organisation
from tests.drafts.helpers import (
    DAY,
    comment,
    document_with_round,
    forbidden,
    reader,
    refused,
    user,
)

pytestmark = pytest.mark.django_db


def test_it_sends_a_round_to_groups_and_units_with_a_deadline(campaign):
    _document, first = document_with_round(campaign, circulate=False)
    communes = list(tree.children(Organisation.objects.get(code="188")))[:2]
    sent = do_circulate_round(
        first, groups=["members"], units=communes, deadline=DAY, acting_user=user("locbinh")
    )
    assert sent.state == RoundState.CIRCULATING and sent.comment_deadline == DAY
    assert set(sent.circulated_units.all()) == set(communes)
    after = AuditEntry.objects.get(action="drafts.circulate").after
    assert after["unit_count"] == 2 and after["groups"] == ["members"]


def test_a_round_is_sent_once(campaign):
    _document, first = document_with_round(campaign)
    refused(
        lambda: do_circulate_round(
            first, groups=["members"], deadline=None, acting_user=user("locbinh")
        ),
        "round_not_draft",
    )


def test_a_round_goes_to_someone_and_only_below_its_owner(campaign):
    _document, first = document_with_round(campaign, circulate=False)
    refused(
        lambda: do_circulate_round(first, groups=[], deadline=None, acting_user=user("locbinh")),
        "no_recipients",
    )
    elsewhere = Organisation.objects.get(code="20")
    refused(
        lambda: do_circulate_round(
            first, groups=["aliens"], units=[elsewhere], deadline=None, acting_user=user("locbinh")
        ),
        "unknown_group",
        "unit_outside",
    )


def test_only_the_drafters_send_a_round(campaign):
    _document, first = document_with_round(campaign, circulate=False)
    forbidden(
        lambda: do_circulate_round(first, groups=["members"], deadline=None, acting_user=reader())
    )


def test_a_round_closes_once_every_comment_is_handled(campaign):
    _document, first = document_with_round(campaign)
    done = comment(first)
    do_handle_comments(
        first, [done.pk], handling=Handling.ACCEPTED, response="", acting_user=user("locbinh")
    )
    closed = do_close_round(first, acting_user=user("locbinh"))
    assert closed.state == RoundState.CLOSED and closed.closed_by == user("locbinh")
    entry = AuditEntry.objects.get(action="drafts.close")
    assert entry.before == {"state": "circulating"}
    assert entry.after["state"] == "closed" and entry.after["by"] == "locbinh"


def test_a_round_cannot_close_while_a_comment_has_no_handling(campaign):
    _document, round_ = document_with_round(campaign)
    done = comment(round_)
    left = comment(round_, text="Làm rõ nguyên nhân.", paragraph="", source_name="Ông Nguyễn Văn A")
    do_handle_comments(
        round_, [done.pk], handling=Handling.ACCEPTED, response="", acting_user=user("locbinh")
    )
    exc = refused(lambda: do_close_round(round_, acting_user=user("locbinh")), "comments_unhandled")
    assert "còn 1 ý kiến chưa có hình thức xử lý" in exc.reasons[0]
    assert f"#{left.pk} (Ý kiến chung, Ông Nguyễn Văn A)" in exc.reasons[0]
    do_handle_comments(
        round_,
        [left.pk],
        handling=Handling.EXPLAINED,
        response="Đã có ở mục 2.",
        acting_user=user("locbinh"),
    )
    assert do_close_round(round_, acting_user=user("locbinh")).state == RoundState.CLOSED


def test_the_refusal_names_ten_comments_and_counts_the_rest(campaign):
    _document, round_ = document_with_round(campaign)
    for i in range(12):
        comment(round_, text=f"Ý kiến {i}")
    exc = refused(lambda: do_close_round(round_, acting_user=user("locbinh")), "comments_unhandled")
    assert "còn 12 ý kiến" in exc.reasons[0] and "và 2 ý kiến khác" in exc.reasons[0]


def test_a_closed_round_does_not_close_again(campaign):
    _document, round_ = document_with_round(campaign)
    do_close_round(round_, acting_user=user("locbinh"))
    refused(lambda: do_close_round(round_, acting_user=user("locbinh")), "round_closed")


def test_only_the_drafters_close_a_round(campaign):
    _document, round_ = document_with_round(campaign)
    forbidden(lambda: do_close_round(round_, acting_user=reader()))
    forbidden(lambda: do_close_round(round_, acting_user=user("daibieu")))
