"""Groups of like comments: do_propose_groups, do_confirm_group, do_split_group."""

import pytest

from daihoi.audit.models import AuditEntry
from daihoi.drafts.actions.groups import do_confirm_group, do_propose_groups, do_split_group
from daihoi.drafts.actions.rounds import do_close_round
from daihoi.drafts.models import CommentGroup
from tests.drafts.helpers import (
    comment,
    document_with_round,
    forbidden,
    group_of,
    reader,
    refused,
    user,
)

pytestmark = pytest.mark.django_db


def _alike(round_):
    return [
        comment(round_, text="Đề nghị bổ sung số liệu về chuyển đổi số."),
        comment(round_, text="Cần bổ sung số liệu chuyển đổi số"),
        comment(round_, text="de nghi bo sung so lieu ve chuyen doi so"),
    ]


def test_similar_comments_are_proposed_as_one_group(campaign):
    _document, round_ = document_with_round(campaign)
    same = _alike(round_)
    comment(round_, text="Nên rút gọn phần đánh giá quốc phòng, an ninh.")
    assert do_propose_groups(round_, acting_user=user("locbinh")) == 1
    group = round_.groups.get()
    assert sorted(group.comments.values_list("pk", flat=True)) == sorted(c.pk for c in same)
    assert AuditEntry.objects.get(action="drafts.propose_groups").after["groups"] == 1


def test_no_groups_are_proposed_on_a_closed_round(campaign):
    _document, round_ = document_with_round(campaign)
    do_close_round(round_, acting_user=user("locbinh"))
    refused(lambda: do_propose_groups(round_, acting_user=user("locbinh")), "round_closed")


def test_only_the_drafters_propose_groups(campaign):
    _document, round_ = document_with_round(campaign)
    forbidden(lambda: do_propose_groups(round_, acting_user=reader()))


def test_a_person_confirms_a_group_and_words_it(campaign):
    _document, round_ = document_with_round(campaign)
    group = group_of(round_, *_alike(round_))
    confirmed = do_confirm_group(group, summary=" Bổ sung số liệu ", acting_user=user("locbinh"))
    assert (confirmed.confirmed, confirmed.summary) == (True, "Bổ sung số liệu")
    assert AuditEntry.objects.get(action="drafts.confirm_group").after == {
        "group": group.pk,
        "size": 3,
    }


def test_a_group_of_a_closed_round_is_not_confirmed(campaign):
    _document, round_ = document_with_round(campaign)
    group = group_of(round_, *_alike(round_))
    round_.comments.update(handling="accepted")
    do_close_round(round_, acting_user=user("locbinh"))
    refused(lambda: do_confirm_group(group, acting_user=user("locbinh")), "round_closed")


def test_only_the_drafters_confirm_a_group(campaign):
    _document, round_ = document_with_round(campaign)
    group = group_of(round_, *_alike(round_))
    forbidden(lambda: do_confirm_group(group, acting_user=user("soctrang")))


def test_comments_split_out_stand_alone_and_a_group_of_one_dissolves(campaign):
    _document, round_ = document_with_round(campaign)
    same = _alike(round_)
    group = group_of(round_, *same)
    assert do_split_group(group, [same[2].pk], acting_user=user("locbinh")) is not None
    assert group.comments.count() == 2
    assert do_split_group(group, [same[1].pk], acting_user=user("locbinh")) is None
    assert not CommentGroup.objects.exists()
    assert not round_.comments.filter(group__isnull=False).exists()


def test_a_split_names_comments_of_the_group(campaign):
    _document, round_ = document_with_round(campaign)
    same = _alike(round_)
    outsider = comment(round_, text="Khác hẳn")
    group = group_of(round_, *same)
    refused(lambda: do_split_group(group, [], acting_user=user("locbinh")), "comments_not_in_group")
    refused(
        lambda: do_split_group(group, [outsider.pk], acting_user=user("locbinh")),
        "comments_not_in_group",
    )
    round_.comments.update(handling="accepted")
    do_close_round(round_, acting_user=user("locbinh"))
    refused(
        lambda: do_split_group(group, [same[0].pk], acting_user=user("locbinh")), "round_closed"
    )


def test_only_the_drafters_split_a_group(campaign):
    _document, round_ = document_with_round(campaign)
    same = _alike(round_)
    group = group_of(round_, *same)
    forbidden(lambda: do_split_group(group, [same[0].pk], acting_user=reader()))
