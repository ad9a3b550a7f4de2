"""The roll-up against the reference: after random writes through the models' saves
(and so the receivers), the figures read from the roll-up (the national root) and from
the ledger (a province, a district, a commune) equal counting.py's grouped statement,
for days before, inside and after the campaign; and a rebuild finds the same rows."""

from __future__ import annotations

import datetime as dt
import io
import random
from collections.abc import Iterator

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from daihoi.accounts.models import User
from daihoi.campaigns import hooks
from daihoi.campaigns.actions.approvals import do_approve_congress
from daihoi.campaigns.actions.congress_import import do_import_congresses
from daihoi.campaigns.actions.submissions import do_return_submission, do_submit_congress
from daihoi.campaigns.congress_import import CongressRow
from daihoi.campaigns.models import (
    ApprovalKind,
    Campaign,
    Congress,
    Submission,
    SubmissionState,
)
from daihoi.campaigns.progress import campaign_root, counts_by_child, cumulative, levels_below
from daihoi.completeness import counting, dashboard, ledger, rollup
from daihoi.completeness.models import Built, Due, Ledger, ProgressRollup, Rollup, rules_for
from daihoi.elections.models import Election, ElectionKind, ElectionState
from daihoi.orgs.models import Level, Organisation
from daihoi.orgs.signals import subtree_moved
from daihoi.orgs.tree import subtree_bounds
from daihoi.personnel.models import ElectedMember
from tests.campaigns.helpers import PAPER, open_congresses, small_campaign

pytestmark = pytest.mark.django_db
START = dt.date(2020, 3, 1)
DAYS = [START + dt.timedelta(days=n) for n in (-90, -30, 0, 20, 45, 70, 100, 160, 400)]


def org(code: str) -> Organisation:
    return Organisation.objects.get(structure__code="2020", code=code)


def _day(rng: random.Random) -> dt.date:
    return START + dt.timedelta(days=rng.randint(-40, 120))


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    # Late at night in Hà Nội is the day before in UTC: the local day must be the one counted.
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def figures(found: Iterator[tuple[int, str, list[tuple[int, int, int]]]]) -> dict[object, object]:
    return {(level, child): cells for level, child, cells in found}


def reference(campaign: Campaign, root: Organisation, day: dt.date) -> dict[object, object]:
    low, high = subtree_bounds(root.path, include_self=False)
    return figures(
        counting.count(
            rules_for(campaign.pk),
            campaign_id=campaign.pk,
            low=low,
            high=high,
            child_len=len(root.path) + Organisation.steplen,
            as_of=day,
        )
    )


def kept(campaign: Campaign, root: Organisation, day: dt.date) -> dict[object, object]:
    return figures(
        rollup.count(rules_for(campaign.pk), campaign_id=campaign.pk, root=root, as_of=day)
    )


def assert_same_as_reference(campaign: Campaign) -> None:
    roots = [campaign_root(campaign), org("20"), org("188"), org("06553")]
    for root in roots:
        for day in DAYS:
            expected = reference(campaign, root, day)
            # Zero cells are rows the reference never groups: compare the non-empty ones.
            got = {k: v for k, v in kept(campaign, root, day).items() if any(map(any, v))}
            assert got == {k: v for k, v in expected.items() if any(map(any, v))}, (root, day)


def assert_progress_same_as_a_scan(campaign: Campaign) -> None:
    """The dashboard's national figures and chart from the progress roll-up equal a scan
    of the congress table (campaigns.progress without the registered counters)."""
    root = campaign_root(campaign)
    levels = levels_below(campaign, root)
    ids = [level.pk for level in levels]
    for day in DAYS:
        kept_figures = dashboard.progress_by_child(campaign, root, day, ids)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(hooks, "progress_counters", [])
            scanned = dict(counts_by_child(campaign, root, day, ids))
        assert kept_figures == scanned, day
        assert dict(counts_by_child(campaign, root, day, ids)) == scanned  # the hook answers
    for level in levels:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(hooks, "series_counters", [])
            scanned_series = cumulative(campaign, root, level)
        assert dashboard.daily_series(campaign, root, level) is not None
        assert cumulative(campaign, root, level) == scanned_series, level


def stored_rollup(campaign: Campaign) -> set[tuple[object, ...]]:
    rows = Rollup.objects.filter(campaign=campaign).exclude(expected=0, received=0, on_time=0)
    return set(
        rows.values_list(
            "ancestor", "child", "level_id", "obligation", "day", "expected", "received", "on_time"
        )
    )


@pytest.fixture
def campaign() -> Campaign:
    """Lạng Sơn's Lộc Bình and Sóc Trăng's units, each with its own dates, built."""
    camp = small_campaign("cuon-so")
    rng = random.Random(18)
    made = open_congresses(camp, "188") + open_congresses(camp, "94")
    for congress in made:
        congress.planned_date = _day(rng) if rng.random() < 0.9 else None
        congress.held_date = (
            congress.planned_date + dt.timedelta(days=rng.randint(-3, 5))
            if congress.planned_date and rng.random() < 0.6
            else None
        )
    Congress.objects.bulk_update(made, ["planned_date", "held_date"])
    ledger.rebuild(camp)
    return camp


def random_writes(campaign: Campaign, rng: random.Random, n: int) -> None:
    """n writes of every kind the summary reads, each through the model's save()."""
    staff = User.objects.get(username="locbinh")
    ids = list(Congress.objects.filter(campaign=campaign).values_list("pk", flat=True))
    for _ in range(n):
        congress = Congress.objects.get(pk=rng.choice(ids))
        kind = rng.randrange(9)
        with transaction.atomic():
            if kind == 0:
                congress.planned_date = _day(rng)
                congress.save()
            elif kind == 1:
                congress.held_date = _day(rng) if rng.random() < 0.8 else None
                congress.save(update_fields=["held_date"])
            elif kind == 2:
                field = rng.choice(["preparing_at", "reported_at", "documents_approved_at"])
                setattr(congress, field, _at(_day(rng), rng.choice([1, 9, 23])))
                congress.save()
            elif kind == 3:
                Submission.objects.create(
                    congress=congress, kind=rng.choice(["documents", "personnel"]),
                    state=SubmissionState.RETURNED, submitted_by=staff,
                    submitted_at=_at(_day(rng), rng.choice([0, 12, 23])), fingerprint="0" * 64,
                )  # fmt: skip
            elif kind == 4:
                first = (
                    Submission.objects.filter(congress=congress).order_by("submitted_at").first()
                )
                if first is not None:
                    first.delete()
            elif kind == 5:
                Election.objects.create(
                    congress=congress, kind=ElectionKind.DELEGATES, title="Bầu đại biểu",
                    seats=3, state=ElectionState.ANNOUNCED, announced_at=_at(_day(rng)),
                )  # fmt: skip
            elif kind == 6:
                congress.save(update_fields=["pilot"])  # nothing the summary reads
            elif kind == 7:
                # Delegates reported with the results, without an election in the app.
                ElectedMember.objects.create(
                    congress=congress, campaign=campaign, org_path=congress.org_path,
                    elected_on=_day(rng), kind=ElectionKind.DELEGATES, full_name="Nguyễn Văn A",
                )  # fmt: skip
            else:
                ElectedMember.objects.filter(congress=congress).delete()


def test_random_writes_keep_the_rollup_equal_to_the_reference_every_day(
    campaign: Campaign,
) -> None:
    assert_same_as_reference(campaign)
    assert_progress_same_as_a_scan(campaign)
    rng = random.Random(2020)
    for _round in range(3):
        random_writes(campaign, rng, 40)
        assert_same_as_reference(campaign)
        assert_progress_same_as_a_scan(campaign)


def test_a_rebuild_finds_the_rows_the_writes_left(campaign: Campaign) -> None:
    random_writes(campaign, random.Random(7), 60)
    after_writes = stored_rollup(campaign)
    ledger.rebuild(campaign)
    assert stored_rollup(campaign) == after_writes
    assert after_writes  # the national root's rows are there


def test_the_national_root_reads_the_rollup_and_a_province_the_ledger(campaign: Campaign) -> None:
    root = campaign_root(campaign)
    rows = Rollup.objects.filter(campaign=campaign, ancestor=root.path)
    # Lộc Bình's and Sóc Trăng's units under the two provinces, nothing finer.
    assert set(rows.values_list("child", flat=True)) == {org("20").path, org("94").path}


def test_a_register_line_counts_every_congress_of_its_level_again(campaign: Campaign) -> None:
    Due.objects.create(
        campaign=campaign,
        level=Level.objects.get(structure__code="2020", code="co-so"),
        obligation="plan",
        anchor="after_held",
        days=3,
    )
    assert_same_as_reference(campaign)


def test_a_deleted_congress_leaves_the_rollup(campaign: Campaign) -> None:
    congress = Congress.objects.filter(campaign=campaign, planned_date__isnull=False).first()
    assert congress is not None
    Submission.objects.filter(congress=congress).delete()
    congress.delete()
    assert_same_as_reference(campaign)


def test_a_moved_subtree_is_counted_under_its_new_province(campaign: Campaign) -> None:
    district = org("188")
    old_path = district.path
    Organisation.objects.move(district, org("94"), "last-child")
    subtree_moved.send(sender=Organisation, old_path=old_path, new_path=org("188").path)
    assert_same_as_reference(campaign)
    children = set(
        Rollup.objects.filter(campaign=campaign).exclude(expected=0).values_list("child", flat=True)
    )
    assert children == {org("94").path}  # Lộc Bình's congresses now count under Sóc Trăng


def test_an_import_of_new_records_is_counted(campaign: Campaign) -> None:
    Congress.objects.filter(campaign=campaign, organisation__code="06553").delete()
    commune = org("06553")
    do_import_congresses(
        campaign,
        [
            CongressRow(
                number=2, org=commune, values={"planned_date": START + dt.timedelta(days=10)}
            )
        ],
        acting_user=None,
    )
    assert Congress.objects.filter(campaign=campaign, organisation=commune).exists()
    assert_same_as_reference(campaign)


def test_a_campaign_not_built_is_read_with_the_reference(campaign: Campaign) -> None:
    Built.objects.filter(campaign=campaign).delete()
    random_writes(campaign, random.Random(3), 20)  # not applied: nothing is kept
    assert_same_as_reference(campaign)


def test_the_command_builds_every_campaign_and_names_an_unknown_one(campaign: Campaign) -> None:
    Built.objects.all().delete()
    out = io.StringIO()
    call_command("completeness_rollup", stdout=out)
    assert Built.objects.filter(campaign=campaign).exists()
    assert "cuon-so" in out.getvalue()
    with pytest.raises(CommandError, match="khong-co"):
        call_command("completeness_rollup", campaign="khong-co")


def test_the_approval_flow_through_its_actions_keeps_the_rollup(campaign: Campaign) -> None:
    dong_buc = Congress.objects.get(campaign=campaign, organisation__code="06553")
    locbinh = User.objects.get(username="locbinh")
    do_submit_congress(dong_buc, ApprovalKind.DOCUMENTS, acting_user=locbinh, paper=PAPER)
    do_return_submission(dong_buc, ApprovalKind.DOCUMENTS, reason="Bổ sung.", acting_user=locbinh)
    do_submit_congress(dong_buc, ApprovalKind.DOCUMENTS, acting_user=locbinh, paper=PAPER)
    do_approve_congress(dong_buc, ApprovalKind.DOCUMENTS, acting_user=locbinh)
    # The first submission is the day the documents came in.
    kept = Ledger.objects.get(congress_id=dong_buc.pk)
    assert kept.got_documents == timezone.localdate()
    assert_same_as_reference(campaign)


def test_delegates_reported_with_the_results_are_the_list_received(campaign: Campaign) -> None:
    congress = Congress.objects.filter(campaign=campaign, held_date__isnull=False).first()
    assert congress is not None
    congress.reported_at = _at(congress.held_date + dt.timedelta(days=2))
    congress.save()
    assert Ledger.objects.get(congress_id=congress.pk).got_delegates is None  # none recorded
    ElectedMember.objects.create(
        congress=congress, campaign=campaign, org_path=congress.org_path,
        elected_on=congress.held_date, kind=ElectionKind.DELEGATES, full_name="Trần Thị B",
    )  # fmt: skip
    kept = Ledger.objects.get(congress_id=congress.pk)
    assert kept.got_delegates == congress.held_date + dt.timedelta(days=2)
    assert kept.due_delegates == congress.held_date + dt.timedelta(days=7)  # on time
    assert_same_as_reference(campaign)


def test_the_check_finds_a_bulk_write_that_bypassed_the_signals(campaign: Campaign) -> None:
    out = io.StringIO()
    call_command("completeness_rollup", campaign="cuon-so", check=True, stdout=out)
    assert "0 đại hội và 0 dòng tổng hợp sai lệch" in out.getvalue()
    moved = Congress.objects.filter(campaign=campaign, planned_date__isnull=False).order_by("pk")
    # update() sends no signal: the kind of write the check is for (a day no fixture date has).
    earlier = START - dt.timedelta(days=100)
    Congress.objects.filter(pk__in=[c.pk for c in moved[:3]]).update(planned_date=earlier)
    assert ledger.check(campaign)[0] == 3
    with pytest.raises(CommandError, match="cuon-so"):
        call_command("completeness_rollup", campaign="cuon-so", check=True, stdout=io.StringIO())
    call_command("completeness_rollup", campaign="cuon-so", stdout=io.StringIO())
    assert ledger.check(campaign) == (0, 0)


def test_the_progress_rollup_answers_the_root_only_and_only_once_built(campaign: Campaign) -> None:
    root, ids = campaign_root(campaign), [lv.pk for lv in Level.objects.all()]
    day = START + dt.timedelta(days=45)
    assert dashboard.progress_by_child(campaign, org("20"), day, ids) is None  # a province
    assert dashboard.progress_by_child(campaign, root, day, ids)
    Built.objects.filter(campaign=campaign).delete()
    assert dashboard.progress_by_child(campaign, root, day, ids) is None


def test_the_check_finds_a_progress_row_gone_astray(campaign: Campaign) -> None:
    assert ledger.check(campaign) == (0, 0)
    row = ProgressRollup.objects.filter(campaign=campaign, held__gt=0).order_by("pk").first()
    assert row is not None
    ProgressRollup.objects.filter(pk=row.pk).update(held=row.held + 1)
    assert ledger.check(campaign) == (0, 1)
    ledger.rebuild(campaign)
    assert ledger.check(campaign) == (0, 0)
