"""The register of what each level of a campaign owes upward and by when."""

from __future__ import annotations

from collections import defaultdict

from django.db import models
from django.utils.translation import gettext_lazy as _

from daihoi.campaigns.models import Campaign
from daihoi.lib.completeness import DEFAULT_RULES, Anchor, Obligation, Rule
from daihoi.orgs.models import Level

OBLIGATION_LABELS = {
    Obligation.PLAN: _("Kế hoạch đại hội"),
    Obligation.DOCUMENTS: _("Văn kiện trình duyệt"),
    Obligation.PERSONNEL: _("Phương án nhân sự"),
    Obligation.RESULTS: _("Báo cáo kết quả đại hội"),
    Obligation.DELEGATES: _("Danh sách đại biểu dự đại hội cấp trên"),
}
ANCHOR_LABELS = {
    Anchor.BEFORE_PLANNED: _("ngày trước ngày dự kiến đại hội"),
    Anchor.AFTER_HELD: _("ngày sau ngày tổ chức đại hội"),
}


class Due(models.Model):
    """One line of the register: a level's obligation and its due day, relative to the congress.

    A campaign without lines uses lib.completeness.DEFAULT_RULES for every level.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="dues")
    level = models.ForeignKey(Level, on_delete=models.PROTECT, verbose_name=_("cấp"))
    obligation = models.CharField(
        _("nội dung phải báo cáo"),
        max_length=20,
        choices=[(o.value, label) for o, label in OBLIGATION_LABELS.items()],
    )
    anchor = models.CharField(
        _("tính hạn"),
        max_length=20,
        choices=[(a.value, label) for a, label in ANCHOR_LABELS.items()],
    )
    days = models.PositiveSmallIntegerField(_("số ngày"))

    class Meta:
        verbose_name = _("hạn báo cáo lên")
        verbose_name_plural = _("hạn báo cáo lên")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "level", "obligation"], name="due_unique")
        ]

    def __str__(self) -> str:
        return f"{self.campaign.slug}: {self.level} {self.obligation}"

    def rule(self) -> Rule:
        return Rule(Obligation(self.obligation), Anchor(self.anchor), self.days)


def rules_for(campaign_id: int) -> dict[int | None, list[Rule]]:
    """The register by level id; the key None holds the rules for a level without lines."""
    rules: dict[int | None, list[Rule]] = defaultdict(list)
    for due in Due.objects.filter(campaign_id=campaign_id).order_by("pk"):
        rules[due.level_id].append(due.rule())
    rules[None] = list(DEFAULT_RULES)
    return rules


# The roll-up (rollup.py): what lets the national summary answer without reading every
# congress. Derived data, rebuilt by `daihoi completeness_rollup`; never edited by hand.


class Built(models.Model):
    """A campaign whose roll-up has been built and is kept exact by every write since."""

    campaign = models.OneToOneField(
        Campaign, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    built_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.campaign_id} @ {self.built_at:%Y-%m-%d %H:%M}"


class Ledger(models.Model):
    """What one congress counts for, as last added to the roll-up: each obligation's due
    day and the day it came in. A write is applied as the difference from this row."""

    congress_id = models.BigIntegerField(primary_key=True)  # no key: it outlives a deletion
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    org_path = models.CharField(max_length=255)
    level_id = models.BigIntegerField()
    due_plan = models.DateField(null=True)
    got_plan = models.DateField(null=True)
    due_documents = models.DateField(null=True)
    got_documents = models.DateField(null=True)
    due_personnel = models.DateField(null=True)
    got_personnel = models.DateField(null=True)
    due_results = models.DateField(null=True)
    got_results = models.DateField(null=True)
    due_delegates = models.DateField(null=True)
    got_delegates = models.DateField(null=True)
    # The congress's planned and held days, for the dashboard's progress (ProgressRollup).
    planned = models.DateField(null=True)
    held = models.DateField(null=True)

    class Meta:
        indexes = [models.Index(fields=["campaign", "org_path"], name="ledger_path")]

    def __str__(self) -> str:
        return f"{self.congress_id}"


class Rollup(models.Model):
    """Counts of the congresses under `ancestor` (strictly), by direct child, level,
    obligation and day: expected on its due day, on time (also on the due day, when it
    came by then), received on the later of its due day and the day it came. The
    figures as of any day are the sums over the days up to it."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    ancestor = models.CharField(max_length=255)
    child = models.CharField(max_length=255)
    level_id = models.BigIntegerField()
    obligation = models.CharField(max_length=20)
    day = models.DateField()
    expected = models.IntegerField(default=0)
    received = models.IntegerField(default=0)
    on_time = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "ancestor", "child", "level_id", "obligation", "day"],
                name="rollup_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.ancestor}/{self.child} {self.obligation} {self.day}"


class ProgressRollup(models.Model):
    """The dashboard's progress counts of the congresses under `ancestor` (strictly), by
    direct child, level and day, kept with the ledger by the same writes. As of a day D a
    congress planned on p and held on h counts

        total    on every day (its row's day is EPOCH, before any day looked at)
        planned  ⇔  p ≤ D
        held     ⇔  h ≤ D
        late     ⇔  p < D and not h ≤ D  ⇔  p + 1 ≤ D, less max(p + 1, h) ≤ D
        ahead    ⇔  h ≤ D and h < p

    each "some day of its own ≤ D" (late as +1 on one day and -1 on a later one), so the
    figures of any day are the sums over the days up to it (campaigns.progress counts
    the same from the congress table)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    ancestor = models.CharField(max_length=255)
    child = models.CharField(max_length=255)
    level_id = models.BigIntegerField()
    day = models.DateField()
    total = models.IntegerField(default=0)
    planned = models.IntegerField(default=0)
    held = models.IntegerField(default=0)
    late = models.IntegerField(default=0)
    ahead = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "ancestor", "child", "level_id", "day"],
                name="progress_rollup_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.ancestor}/{self.child} {self.level_id} {self.day}"
