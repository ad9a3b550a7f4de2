"""What a held congress must have recorded before it reports its results.

The elected committee (recorded from an announced election on the personnel page, or
reported here by a unit that ran no election in the app), each member's composition
facts, the standing committee (a committee of nine or more) and the secretary, and
the delegates to the higher congress where its superior holds one in the campaign.
The rule is lib/results.missing; this module counts the records in two queries.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from daihoi.campaigns.models import Campaign, Congress, CongressState
from daihoi.elections.models import ElectionKind
from daihoi.lib.results import Missing, Recorded, missing
from daihoi.orgs.models import Organisation
from daihoi.personnel.models import ElectedMember

K = ElectionKind


def needs_delegates(congress: Congress) -> bool:
    """Whether the congress elects delegates: its superior holds a congress in the campaign."""
    parent_path = congress.org_path[: -Organisation.steplen]
    if not parent_path:
        return False
    return Congress.objects.filter(campaign_id=congress.campaign_id, org_path=parent_path).exists()


def parents_holding(campaign: Campaign, paths: list[str]) -> set[str]:
    """Of the parents of these paths, those whose congress is in the campaign (one query)."""
    parents = {p[: -Organisation.steplen] for p in paths} - {""}
    return set(
        Congress.objects.filter(campaign=campaign, org_path__in=parents).values_list(
            "org_path", flat=True
        )
    )


def recorded(congress: Congress) -> Recorded:
    """Count what the congress's results hold now."""
    rows = {
        r["kind"]: r
        for r in ElectedMember.objects.filter(congress=congress)
        .values("kind")
        .annotate(
            n=Count("pk"),
            standing=Count("pk", filter=Q(standing=True)),
            without_age=Count("pk", filter=Q(age__isnull=True)),
        )
    }
    committee = rows.get(K.COMMITTEE, {})
    return Recorded(
        committee=committee.get("n", 0),
        without_age=committee.get("without_age", 0),
        # The announced election of the standing committee where there is one, else the
        # flags on the committee's members (a report, a list's "dự kiến tham gia BTV").
        standing=rows.get(K.STANDING, {}).get("n", 0) or committee.get("standing", 0),
        secretaries=rows.get(K.SECRETARY, {}).get("n", 0),
        delegates=rows.get(K.DELEGATES, {}).get("n", 0),
        needs_delegates=needs_delegates(congress),
    )


def reasons(found: list[Missing], facts: Recorded) -> list[tuple[str, str]]:
    """(code, Vietnamese reason) for each missing piece."""
    text = {
        Missing.NO_COMMITTEE: _(
            "Chưa có danh sách Ban Chấp hành trúng cử (ghi từ cuộc bầu cử đã công bố, "
            "hoặc báo cáo kết quả bằng biểu mẫu hay tệp)."
        ),
        Missing.COMPOSITION_INCOMPLETE: ngettext(
            "Chưa đủ số liệu cơ cấu: %(n)s ủy viên Ban Chấp hành chưa có ngày sinh.",
            "Chưa đủ số liệu cơ cấu: %(n)s ủy viên Ban Chấp hành chưa có ngày sinh.",
            facts.without_age,
        )
        % {"n": facts.without_age},
        Missing.NO_STANDING: _(
            "Chưa có Ban Thường vụ (Ban Chấp hành có %(n)s ủy viên, từ 9 ủy viên trở lên "
            "phải bầu Ban Thường vụ)."
        )
        % {"n": facts.committee},
        Missing.NO_SECRETARY: _("Chưa có Bí thư."),
        Missing.NO_DELEGATES: _("Chưa có danh sách đại biểu chính thức dự đại hội cấp trên."),
    }
    return [(str(code), text[code]) for code in found]


def problems(congress: Congress) -> list[tuple[str, str]]:
    """(code, reason) for each piece the congress's results lack."""
    facts = recorded(congress)
    return reasons(missing(facts), facts)


def transition_check(congress: Congress, target: str) -> list[tuple[str, str]]:
    """The lifecycle's hook: results reported waits for the results."""
    if target != CongressState.REPORTED:
        return []
    return problems(congress)
