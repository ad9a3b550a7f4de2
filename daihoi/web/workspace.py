"""What each role finds on its home page: its own work, each piece with its state and next step.

One function per role returns a section (a template and what it shows), or None
when the role has nothing there; the home page stacks the sections of every role
the user holds, so a person with several roles sees all their work on one page.
Everything is read within the user's scope; a delegate's congress, above their
unit, is read for them alone (drafts.access.is_delegate_to).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.accounts.models import User
from daihoi.assembly.queries import own_delegate
from daihoi.campaigns import lifecycle, progress
from daihoi.campaigns.hooks import Panel
from daihoi.campaigns.models import Campaign, Congress, CongressState
from daihoi.core.roles import Role
from daihoi.drafts import queries as drafts
from daihoi.drafts.access import is_delegate_to
from daihoi.drafts.models import DraftDocument, RoundState
from daihoi.elections.models import Election, ElectionState
from daihoi.elections.seats import seats_of
from daihoi.orgs.models import Organisation
from daihoi.personnel import access as personnel_access
from daihoi.personnel.models import CandidateList, Complaint, ComplaintStatus, ListState
from daihoi.proceedings.models import AgendaItem

RESULT_STATES = (ElectionState.ANNOUNCED, ElectionState.SEALED)


def current_campaign(org: Organisation | None) -> Campaign | None:
    """The latest campaign of the user's structure (all structures for the national admin)."""
    found = Campaign.objects.select_related("structure").order_by("-term_start", "-pk")
    if org is not None:
        found = found.filter(structure_id=org.structure_id)
    return found.first()


def _congress(campaign: Campaign, org: Organisation) -> Congress | None:
    return (
        Congress.objects.select_related("campaign", "organisation__structure", "level")
        .filter(campaign=campaign, organisation=org)
        .first()
    )


def congress_next_step(congress: Congress) -> tuple[str | None, list[str]]:
    """The congress's next step and what still blocks it."""
    target = lifecycle.next_state(congress)
    if target is None:
        return None, []
    return str(CongressState(target).label), lifecycle.blockers(congress, target)


DEPARTMENT = "web/home/_department.html"


def department(user: User, campaign: Campaign, root: Organisation) -> Panel:
    """The unit's campaign at a glance and its own congress's next step (the queue below it)."""
    # A finished campaign reads as of its last day held, not 100% on today (issue 17.7).
    as_of = progress.opening_day(campaign, timezone.localdate())
    result = progress.progress(campaign, root, as_of, with_children=False, detail=True)
    own = _congress(campaign, root)
    step, blockers = congress_next_step(own) if own else (None, [])
    return Panel(
        DEPARTMENT,
        {
            "campaign": campaign,
            "org": root,
            "as_of": as_of,
            "rows": result.rows(),
            "own": own,
            "next_step": step,
            "blockers": blockers,
        },
        order=20,
    )


def _document_step(row: dict[str, Any]) -> str:
    """What the subcommittee does next with one document."""
    document: DraftDocument = row["document"]
    last = row["last"]
    if document.approved_round_id is not None:
        return _("Cấp trên đã thông qua; đại biểu đọc được bản này.")
    if last is None:
        return _("Tải lên hoặc soạn dự thảo lần 1.")
    if last.state == RoundState.DRAFT:
        return _("Hoàn thiện dự thảo lần %(n)s rồi gửi lấy ý kiến.") % {"n": last.number}
    if last.state == RoundState.CIRCULATING:
        if row["open"]:
            return _("Xử lý %(n)s ý kiến còn chờ, rồi khép lại đợt lấy ý kiến.") % {
                "n": row["open"]
            }
        return _("Đang lấy ý kiến; khép lại khi hết hạn góp ý.")
    return _("Trình cấp trên cho ý kiến và thông qua, hoặc mở dự thảo lần tiếp theo.")


def documents(user: User, campaign: Campaign, root: Organisation) -> Panel | None:
    """The documents of the unit's congress: each with its latest round and next step."""
    congress = _congress(campaign, root)
    if congress is None:
        return None
    rows = drafts.document_rows(congress)
    for row in rows:
        row["next_step"] = _document_step(row)
    return Panel(
        "web/home/_documents.html",
        {
            "congress": congress,
            "rows": rows,
            "blockers": drafts.approval_check(congress, "documents"),
        },
        order=30,
    )


def _list_step(candidate_list: CandidateList, complaints: int) -> str:
    if complaints:
        return _("Giải quyết đơn thư trước khi cấp trên duyệt đề án nhân sự.")
    if candidate_list.state == ListState.DRAFT:
        return _("Hoàn thành quy trình 5 bước, kiểm tra cơ cấu, rồi thông qua danh sách.")
    return _("Danh sách đã thông qua; chuyển sang bầu cử tại đại hội.")


def personnel(user: User, campaign: Campaign, root: Organisation) -> Panel | None:
    """The candidate lists of the unit's congress, each with its state and next step."""
    congress = _congress(campaign, root)
    if congress is None or not personnel_access.may_read(user, root):
        return None
    complaints = Complaint.objects.filter(congress=congress, status=ComplaintStatus.OPEN).count()
    lists = list(CandidateList.objects.filter(congress=congress).order_by("pk"))
    return Panel(
        "web/home/_personnel.html",
        {
            "congress": congress,
            "rows": [(cl, _list_step(cl, complaints)) for cl in lists],
            "complaints": complaints,
        },
        order=30,
    )


def counting(user: User) -> Panel:
    """The elections the user counts at: state, their desk or the reconciliation, next step."""
    return Panel("web/home/_counting.html", {"seats": seats_of(user)}, order=10)


def delegate(user: User, campaign: Campaign) -> Panel | None:
    """The congress the delegate sits in: their card, the programme, documents, results."""
    own_unit = user.organisation
    if own_unit is None:
        return None
    # Their congress is their unit's parent's (drafts.access.is_delegate_to), found by its path.
    congress = (
        Congress.objects.select_related("campaign", "organisation__structure", "level")
        .filter(
            campaign=campaign,
            organisation__structure_id=own_unit.structure_id,
            organisation__path=own_unit.parent_path,
        )
        .first()
    )
    if congress is None or not is_delegate_to(user, congress.organisation):
        return None
    return Panel(
        "web/home/_delegate.html",
        {
            "congress": congress,
            "card": own_delegate(user, congress),
            "items": list(AgendaItem.objects.filter(congress=congress).order_by("position", "pk")),
            "documents": list(
                DraftDocument.objects.filter(congress=congress, approved_round__isnull=False)
            ),
            "results": [
                (e, e.outcome)
                for e in Election.objects.filter(congress=congress, state__in=RESULT_STATES)
            ],
        },
        order=10,
    )


def leader(user: User, campaign: Campaign, root: Organisation) -> Panel:
    """The dashboards of the leader's subtree: their unit's and each unit directly below."""
    # A finished campaign reads as of its last day held, not 100% on today (issue 17.7).
    as_of = progress.opening_day(campaign, timezone.localdate())
    result = progress.progress(campaign, root, as_of)
    return Panel(
        "web/home/_leader.html",
        {"campaign": campaign, "org": root, "as_of": as_of, "result": result},
        order=40,
    )


Section = Callable[[User, Campaign, Organisation], Panel | None]
# Which sections each role adds to the home (delegate and counting board take no unit).
BY_ROLE: dict[str, list[Section]] = {
    Role.ADMIN: [department],
    Role.ORG_STAFF: [department],
    Role.SUBCOMMITTEE: [documents],
    Role.PERSONNEL: [personnel],
    Role.LEADER: [leader],
}


def sections(user: User, campaign: Campaign | None, root: Organisation | None) -> list[Panel]:
    """Every section of the user's roles, most urgent first, each section once."""
    found: list[Panel] = []
    if user.has_role(Role.COUNTING_BOARD):
        found.append(counting(user))
    if campaign is None:
        return found
    if user.has_role(Role.DELEGATE) and (panel := delegate(user, campaign)) is not None:
        found.append(panel)
    if root is None:
        return found
    done: set[Section] = set()
    roles = list(user.roles)
    if user.is_superuser and Role.ADMIN not in roles:
        roles.append(Role.ADMIN)
    for role in roles:
        for section in BY_ROLE.get(role, []):
            if section not in done and (panel := section(user, campaign, root)) is not None:
                done.add(section)
                found.append(panel)
    return sorted(found, key=lambda p: p.order)
