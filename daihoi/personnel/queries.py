"""Reads of personnel records shared by the actions and the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from daihoi.campaigns.models import Congress
from daihoi.lib.text import fold
from daihoi.orgs.tree import subtree_q
from daihoi.personnel.models import (
    CandidateList,
    Complaint,
    ComplaintStatus,
    IntroductionProcess,
    ListMember,
    Person,
    StepVote,
    Track,
)


def people_for(congress: Congress) -> QuerySet[Person]:
    """The people who may stand at a congress: those of its organisation's subtree."""
    return Person.objects.filter(subtree_q(congress.org_path, prefix="org_"))


def search(queryset: Any, query: str) -> Any:
    """Narrow to the names containing the query, typed with or without diacritics."""
    folded = fold(query)
    return queryset.filter(search_name__contains=folded) if folded else queryset


def flagged_people(congress: Congress) -> dict[int, list[Complaint]]:
    """Open complaints about the people of the congress's subtree, by person.

    A complaint flags the person on every list, whichever congress recorded it.
    """
    found: dict[int, list[Complaint]] = {}
    complaints = Complaint.objects.filter(
        person__in=people_for(congress), status=ComplaintStatus.OPEN
    )
    for c in complaints:
        found.setdefault(c.person_id, []).append(c)
    return found


def adoption_blockers(candidate_list: CandidateList) -> list[str]:
    """Why the list cannot be adopted yet: hard composition rules and open complaints."""
    from daihoi.personnel.checks import check_list

    problems = list(check_list(candidate_list).blockers)
    flagged = flagged_people(candidate_list.congress)
    for member in candidate_list.members.select_related("person"):
        open_ones = [c for c in flagged.get(member.person_id, []) if c.blocking]
        if open_ones:
            problems.append(
                _("%(n)s có %(k)s đơn thư chưa giải quyết xong.")
                % {"n": member.person.full_name, "k": len(open_ones)}
            )
    return problems


def starting_list(process: IntroductionProcess) -> QuerySet[Person]:
    """Who step 1 reviews: the outgoing committee, or the planning list for first-timers."""
    people = people_for(process.congress)
    if process.track == Track.REELECTION:
        return people.filter(outgoing_committee=True)
    return people.filter(planned=True, outgoing_committee=False)


def passed_at(process: IntroductionProcess, number: int) -> list[Person]:
    """The people who passed step `number` of the process."""
    return [
        v.person
        for v in StepVote.objects.filter(step__process=process, step__number=number, passed=True)
        .select_related("person")
        .order_by("person__search_name")
    ]


def approval_reasons(congress: Congress) -> list[str]:
    """Open complaints about people on the congress's lists that the superior has not overridden."""
    on_lists = set(
        ListMember.objects.filter(candidate_list__congress=congress).values_list(
            "person_id", flat=True
        )
    )
    reasons = []
    for c in Complaint.objects.filter(
        person_id__in=on_lists, status=ComplaintStatus.OPEN, overridden_at__isnull=True
    ).select_related("person"):
        if c.person_id in on_lists:
            reasons.append(
                _(
                    "%(n)s (trong danh sách nhân sự) có đơn thư nhận ngày %(d)s "
                    "chưa giải quyết xong."
                )
                % {"n": c.person.full_name, "d": f"{c.received:%d/%m/%Y}"}
            )
    return reasons
