"""The default programme of a congress: data, not code; the presidium edits it after."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from daihoi.proceedings.models import ItemKind, SessionKind, VoteRule

PREP, OFFICIAL = SessionKind.PREPARATORY, SessionKind.OFFICIAL


@dataclass(frozen=True)
class Step:
    session: str
    kind: str
    title: str | Promise
    vote_rule: str = ""


# The order of DOMAIN.md §6 and the congresses' scripts (kịch bản điều hành):
# the preparatory session elects the bodies that run the congress and adopts its
# rules by show of hands; the official session hears the reports, discusses,
# elects, and adopts the resolution.
DEFAULT_PROGRAMME: tuple[Step, ...] = (
    Step(PREP, ItemKind.PROCEDURE, _("Chào cờ; tuyên bố lý do, giới thiệu đại biểu")),
    Step(PREP, ItemKind.VOTE, _("Bầu Đoàn Chủ tịch đại hội"), VoteRule.PRESENT_HALF),
    Step(PREP, ItemKind.VOTE, _("Bầu Đoàn Thư ký đại hội"), VoteRule.PRESENT_HALF),
    Step(PREP, ItemKind.VOTE, _("Bầu Ban Thẩm tra tư cách đại biểu"), VoteRule.PRESENT_HALF),
    Step(PREP, ItemKind.VOTE, _("Thông qua chương trình đại hội"), VoteRule.PRESENT_HALF),
    Step(PREP, ItemKind.VOTE, _("Thông qua quy chế làm việc của đại hội"), VoteRule.PRESENT_HALF),
    Step(PREP, ItemKind.VOTE, _("Thông qua quy chế bầu cử"), VoteRule.PRESENT_HALF),
    Step(OFFICIAL, ItemKind.PROCEDURE, _("Diễn văn khai mạc đại hội")),
    Step(
        OFFICIAL,
        ItemKind.VOTE,
        _("Báo cáo thẩm tra tư cách đại biểu"),
        VoteRule.PRESENT_HALF,
    ),
    Step(OFFICIAL, ItemKind.REPORT, _("Báo cáo chính trị của Ban Chấp hành")),
    Step(OFFICIAL, ItemKind.REPORT, _("Báo cáo kiểm điểm của Ban Chấp hành")),
    Step(OFFICIAL, ItemKind.DISCUSSION, _("Thảo luận các văn kiện")),
    Step(
        OFFICIAL, ItemKind.PROCEDURE, _("Phát biểu chỉ đạo của đồng chí đại diện cấp ủy cấp trên")
    ),
    Step(OFFICIAL, ItemKind.VOTE, _("Bầu Ban Kiểm phiếu"), VoteRule.PRESENT_HALF),
    Step(OFFICIAL, ItemKind.ELECTIONS, _("Bầu cử Ban Chấp hành và đại biểu dự đại hội cấp trên")),
    Step(OFFICIAL, ItemKind.RESOLUTION, _("Thông qua nghị quyết đại hội"), VoteRule.SUMMONED_HALF),
    Step(OFFICIAL, ItemKind.PROCEDURE, _("Bế mạc đại hội; chào cờ")),
)

# The rule a new item of each kind proposes; the presidium may change it.
DEFAULT_RULE: dict[str, str] = {
    ItemKind.VOTE: VoteRule.PRESENT_HALF,
    ItemKind.RESOLUTION: VoteRule.SUMMONED_HALF,
}
