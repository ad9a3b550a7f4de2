"""What a held congress must have recorded before it reports its results.

The elected committee (recorded from an announced election on the personnel page, or
reported here by a unit that ran no election in the app), each member's composition
facts, the standing committee (a committee of nine or more) and the secretary, and
the delegates to the higher congress where its superior holds one in the campaign.
The rule is lib/results.missing; this module counts the records in two queries,
for one congress or for every unit of a file.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from daihoi.campaigns.models import Congress, CongressState
from daihoi.elections.models import ElectionKind
from daihoi.lib.results import Missing, Recorded, missing
from daihoi.orgs.models import Organisation
from daihoi.personnel.models import ElectedMember

K = ElectionKind


def needs_delegates(congress: Congress) -> bool:
    """Whether the congress elects delegates: its superior holds a congress in the campaign."""
    return congress.pk in electing_delegates([congress])


def electing_delegates(congresses: Iterable[Congress]) -> set[int]:
    """The ids of those congresses whose superior holds a congress in their campaign (one query)."""
    by_parent: dict[tuple[int, str], list[int]] = defaultdict(list)
    for c in congresses:
        parent = c.org_path[: -Organisation.steplen]
        if parent:
            by_parent[c.campaign_id, parent].append(c.pk)
    if not by_parent:
        return set()
    found = Congress.objects.filter(
        campaign_id__in={campaign for campaign, _path in by_parent},
        org_path__in={path for _campaign, path in by_parent},
    ).values_list("campaign_id", "org_path")
    return {pk for key in found for pk in by_parent.get(key, [])}


def recorded_of(congresses: Sequence[Congress]) -> dict[int, Recorded]:
    """Count what each congress's results hold now (two queries for any number)."""
    counts: dict[int, dict[str, dict[str, int]]] = defaultdict(dict)
    for r in (
        ElectedMember.objects.filter(congress_id__in=[c.pk for c in congresses])
        .values("congress_id", "kind")
        .annotate(
            n=Count("pk"),
            standing=Count("pk", filter=Q(standing=True)),
            without_age=Count("pk", filter=Q(age__isnull=True)),
        )
        .order_by()
    ):
        counts[r["congress_id"]][r["kind"]] = r
    electing = electing_delegates(congresses)
    found: dict[int, Recorded] = {}
    for congress in congresses:
        rows = counts.get(congress.pk, {})
        committee = rows.get(K.COMMITTEE, {})
        found[congress.pk] = Recorded(
            committee=committee.get("n", 0),
            without_age=committee.get("without_age", 0),
            # The announced election of the standing committee where there is one, else the
            # flags on the committee's members (a report, a list's "dự kiến tham gia BTV").
            standing=rows.get(K.STANDING, {}).get("n", 0) or committee.get("standing", 0),
            secretaries=rows.get(K.SECRETARY, {}).get("n", 0),
            delegates=rows.get(K.DELEGATES, {}).get("n", 0),
            needs_delegates=congress.pk in electing,
        )
    return found


def recorded(congress: Congress) -> Recorded:
    """Count what the congress's results hold now."""
    return recorded_of([congress])[congress.pk]


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
    return problems_of([congress])[congress.pk]


def problems_of(congresses: Sequence[Congress]) -> dict[int, list[tuple[str, str]]]:
    """The same for many congresses at once (a file's units), in two queries."""
    return {pk: reasons(missing(facts), facts) for pk, facts in recorded_of(congresses).items()}


def transition_check(congress: Congress, target: str) -> list[tuple[str, str]]:
    """The lifecycle's hook: results reported waits for the results."""
    if target != CongressState.REPORTED:
        return []
    return problems(congress)
