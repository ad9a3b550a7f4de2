"""The register of what each level of a campaign owes upward and by when."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from daihoi.campaigns.models import Campaign
from daihoi.lib.completeness import Anchor, Obligation, Rule
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
