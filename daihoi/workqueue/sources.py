"""The kinds of work in the queue, each read from the live state of the app that owns it.

Each source is only for those who may act on it (the approvals and the follow-up of
late congresses for the organisation department, overdue complaints for personnel
staff, comments and rounds for those who draft, the reconciliation for the board and
the organisers, a failed import for whoever started it), and every row is limited
to the person's subtree through orgs/scope.py.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable
from functools import reduce
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Length
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from daihoi.campaigns.models import ApprovalKind, Congress, CongressState, Submission, not_met
from daihoi.campaigns.queries import approvals_waiting
from daihoi.core.numbers import vn_date, vn_datetime
from daihoi.drafts.access import DRAFT_WRITERS
from daihoi.drafts.models import Comment, Round, RoundState
from daihoi.elections.models import BoardMember, BoardRole, Election, ElectionState
from daihoi.jobs.models import Job, JobState
from daihoi.orgs.models import Organisation
from daihoi.orgs.tree import subtree_q
from daihoi.personnel.access import PERSONNEL_ROLES
from daihoi.personnel.models import Complaint, ComplaintStatus
from daihoi.workqueue.desk import Desk, Item, Source

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

ItemsOf = Callable[[Desk, QuerySet[Any], int], list[Item]]

# A congress this close to its day without its approvals is flagged (issue 17).
NEAR_DAYS = 14
# A comment round is flagged this many days before its deadline.
CLOSING_DAYS = 7
# A failed import stays in the queue this long unless a later one of the same kind succeeds.
FAILED_JOB_DAYS = 30

UNAPPROVED = (CongressState.PLANNED, CongressState.PREPARING, CongressState.DOCUMENTS_APPROVED)
CONGRESS_RELATED = ("organisation", "campaign")


def _congress_url(congress: Congress) -> str:
    return reverse("congress_detail", args=[congress.campaign.slug, congress.organisation.code])


def _dashboard(desk: Desk) -> str:
    return reverse("dashboard_home")


def _by_day(queryset: QuerySet[Any], day: str) -> QuerySet[Any]:
    return queryset.order_by(F(day).asc(nulls_last=True), "pk")


# --- Congresses below the unit (campaigns) ---------------------------------------------


def approval_rows(desk: Desk) -> QuerySet[Submission] | None:
    """The requests for approval the units directly below sent up, waiting for a decision.

    The units asked are the person's own, so the rows are inside their scope already.
    """
    if not desk.writer or not desk.units:
        return None
    parts = [approvals_waiting(unit) for unit in desk.units]
    if len(parts) == 1:
        return parts[0]
    # The national level answers for the top of each tree (2020's and 2025's).
    each = [Q(pk__in=part.values("pk")) for part in parts]
    return Submission.objects.filter(reduce(operator.or_, each)).order_by("submitted_at", "pk")


def approval_items(desk: Desk, rows: QuerySet[Submission], limit: int) -> list[Item]:
    items = []
    for submission in rows.select_related("congress__organisation", "congress__campaign")[:limit]:
        congress = submission.congress
        due = congress.planned_date
        values = {"unit": congress.organisation.name, "day": vn_date(due) if due else "…"}
        if submission.kind == ApprovalKind.DOCUMENTS:
            text = _("Duyệt văn kiện đại hội %(unit)s (dự kiến họp %(day)s).")
        else:
            text = _("Duyệt phương án nhân sự đại hội %(unit)s (dự kiến họp %(day)s).")
        # Where the superior decides: the unit's congress page, at its approvals.
        url = _congress_url(congress) + "#approvals"
        items.append(Item("approval", text % values, url, obj=submission, due=due))
    return items


def _below(desk: Desk) -> QuerySet[Congress] | None:
    """The congresses strictly under the person's unit (its scope root), for its department.

    Read from the congress's copy of its path, without joining the tree: over the
    whole country that join is most of the header's cost.
    """
    if not desk.writer:
        return None
    if desk.root is not None:
        return Congress.objects.filter(subtree_q(desk.root.path, prefix="org_", include_self=False))
    # The national level: every congress below the top of its tree.
    return Congress.objects.alias(depth=Length("org_path")).filter(depth__gt=Organisation.steplen)


def late_rows(desk: Desk) -> QuerySet[Congress] | None:
    below = _below(desk)
    if below is None:
        return None
    return below.filter(not_met(), planned_date__lt=desk.today).filter(
        Q(held_date__isnull=True) | Q(held_date__gt=desk.today)
    )


def late_items(desk: Desk, rows: QuerySet[Congress], limit: int) -> list[Item]:
    items = []
    for congress in _by_day(rows.select_related(*CONGRESS_RELATED), "planned_date")[:limit]:
        day = congress.planned_date
        days = (desk.today - day).days
        text = ngettext(
            "Đại hội %(unit)s dự kiến họp ngày %(day)s, đã quá %(days)s ngày mà chưa tổ chức.",
            "Đại hội %(unit)s dự kiến họp ngày %(day)s, đã quá %(days)s ngày mà chưa tổ chức.",
            days,
        ) % {"unit": congress.organisation.name, "day": vn_date(day), "days": days}
        items.append(
            Item("late", text, _congress_url(congress), obj=congress, due=day, overdue=True)
        )
    return items


def unready_rows(desk: Desk) -> QuerySet[Congress] | None:
    below = _below(desk)
    if below is None:
        return None
    until = desk.today + dt.timedelta(days=NEAR_DAYS)
    # not_met() says again what UNAPPROVED implies, in the words of the partial index
    # congress_unheld, so the database can read that index instead of every row.
    return below.filter(
        not_met(),
        planned_date__gte=desk.today,
        planned_date__lte=until,
        state__in=UNAPPROVED,
        held_date__isnull=True,
    )


def unready_items(desk: Desk, rows: QuerySet[Congress], limit: int) -> list[Item]:
    items = []
    for congress in _by_day(rows.select_related(*CONGRESS_RELATED), "planned_date")[:limit]:
        day = congress.planned_date
        values = {
            "unit": congress.organisation.name,
            "day": vn_date(day),
            "days": (day - desk.today).days,
        }
        if congress.state == CongressState.DOCUMENTS_APPROVED:
            text = _(
                "Đại hội %(unit)s họp ngày %(day)s (còn %(days)s ngày) mà chưa được duyệt nhân sự."
            )
        else:
            text = _(
                "Đại hội %(unit)s họp ngày %(day)s (còn %(days)s ngày) mà chưa được duyệt "
                "văn kiện và nhân sự."
            )
        items.append(Item("unready", text % values, _congress_url(congress), obj=congress, due=day))
    return items


# --- Complaints (personnel) ---------------------------------------------------------------


def complaint_rows(desk: Desk) -> QuerySet[Complaint] | None:
    if not desk.has(*PERSONNEL_ROLES):
        return None
    # Through the congress's copy of its path: joining the tree made the planner walk
    # every organisation of the country to find a handful of open complaints.
    return desk.scoped(Complaint.objects.all(), "", copy="congress__org_").filter(
        status=ComplaintStatus.OPEN, deadline__lt=desk.today
    )


def complaint_items(desk: Desk, rows: QuerySet[Complaint], limit: int) -> list[Item]:
    items = []
    related = rows.select_related("congress__organisation")
    for complaint in _by_day(related, "deadline")[:limit]:
        # Never the person's name: the queue is not a page of personal data (issue 15.2).
        text = _(
            "%(kind)s nhận ngày %(received)s, đại hội %(unit)s: hạn giải quyết %(deadline)s đã qua."
        ) % {
            "kind": complaint.get_classification_display(),
            "received": vn_date(complaint.received),
            "unit": complaint.congress.organisation.name,
            "deadline": vn_date(complaint.deadline),  # type: ignore[arg-type]
        }
        url = reverse("personnel_complaint", args=[complaint.pk])
        items.append(
            Item("complaint", text, url, obj=complaint, due=complaint.deadline, overdue=True)
        )
    return items


# --- Drafts of the unit's own congress, and the superior's asking for comments -----------


def _own_rounds(desk: Desk) -> QuerySet[Round] | None:
    if not desk.has(*DRAFT_WRITERS):
        return None
    return desk.scoped(Round.objects.all(), "document__congress__organisation").filter(
        document__congress__organisation__depth=desk.depth
    )


def _round_args(round_: Round) -> list[Any]:
    document = round_.document
    congress = document.congress
    return [congress.campaign.slug, congress.organisation.code, document.kind, round_.number]


ROUND_RELATED = (
    "document__congress__campaign",
    "document__congress__organisation",
)


def comment_rows(desk: Desk) -> QuerySet[Round] | None:
    rounds = _own_rounds(desk)
    if rounds is None:
        return None
    waiting = Comment.objects.filter(round=OuterRef("pk"), handling="")
    return rounds.exclude(state=RoundState.CLOSED).filter(Exists(waiting))


def comment_items(desk: Desk, rows: QuerySet[Round], limit: int) -> list[Item]:
    # A correlated count per round (the (round, handling) index), not a join and GROUP BY
    # over every comment, which SQLite plans a thousand times slower under the EXISTS.
    per_round = (
        Comment.objects.filter(round=OuterRef("pk"), handling="")
        .order_by()
        .values("round")
        .annotate(n=Count("pk"))
        .values("n")
    )
    counted = rows.select_related(*ROUND_RELATED).annotate(waiting=Subquery(per_round))
    items = []
    for round_ in _by_day(counted, "comment_deadline")[:limit]:
        n = round_.waiting  # type: ignore[attr-defined]
        text = ngettext(
            "%(document)s, dự thảo lần %(number)s: %(count)s ý kiến chưa có hình thức xử lý.",
            "%(document)s, dự thảo lần %(number)s: %(count)s ý kiến chưa có hình thức xử lý.",
            n,
        ) % {"document": round_.document.title, "number": round_.number, "count": n}
        url = reverse("drafts_comments", args=_round_args(round_)) + "?xuly=chua"
        items.append(Item("comments", text, url, count=n, obj=round_, due=round_.comment_deadline))
    return items


def closing_rows(desk: Desk) -> QuerySet[Round] | None:
    rounds = _own_rounds(desk)
    if rounds is None:
        return None
    until = desk.today + dt.timedelta(days=CLOSING_DAYS)
    return rounds.filter(state=RoundState.CIRCULATING, comment_deadline__lte=until)


def closing_items(desk: Desk, rows: QuerySet[Round], limit: int) -> list[Item]:
    items = []
    for round_ in _by_day(rows.select_related(*ROUND_RELATED), "comment_deadline")[:limit]:
        day = round_.comment_deadline
        assert day is not None  # noqa: S101 - the rows have one
        values = {"document": round_.document.title, "number": round_.number, "day": vn_date(day)}
        if day < desk.today:
            text = _(
                "%(document)s, dự thảo lần %(number)s: đã hết hạn góp ý từ ngày %(day)s; "
                "xử lý hết ý kiến rồi khép lại."
            )
        else:
            text = _(
                "%(document)s, dự thảo lần %(number)s: hết hạn góp ý ngày %(day)s; "
                "xử lý hết ý kiến rồi khép lại."
            )
        url = reverse("drafts_round", args=_round_args(round_))
        items.append(
            Item("closing", text % values, url, obj=round_, due=day, overdue=day < desk.today)
        )
    return items


def asked_rows(desk: Desk) -> QuerySet[Round] | None:
    """The superior's rounds sent to this unit for comments, until the unit has sent one."""
    unit = desk.root
    if unit is None or not desk.has(*DRAFT_WRITERS):
        return None
    sent = Comment.objects.filter(round=OuterRef("pk"), source_org=unit)
    return (
        Round.objects.filter(state=RoundState.CIRCULATING, circulated_units=unit)
        .filter(Q(comment_deadline__isnull=True) | Q(comment_deadline__gte=desk.today))
        .exclude(Exists(sent))
    )


def asked_items(desk: Desk, rows: QuerySet[Round], limit: int) -> list[Item]:
    unit = desk.root
    assert unit is not None  # noqa: S101 - asked_rows gives rows only to a unit
    items = []
    for round_ in _by_day(rows.select_related(*ROUND_RELATED), "comment_deadline")[:limit]:
        document = round_.document
        congress = document.congress
        values = {
            "unit": congress.organisation.name,
            "document": document.title,
            "number": round_.number,
        }
        if round_.comment_deadline:
            values["day"] = vn_date(round_.comment_deadline)
            text = _("%(unit)s xin ý kiến về %(document)s (dự thảo lần %(number)s), hạn %(day)s.")
        else:
            text = _("%(unit)s xin ý kiến về %(document)s (dự thảo lần %(number)s).")
        url = reverse("drafts_upward", args=[congress.campaign.slug, unit.code, document.pk])
        items.append(Item("asked", text % values, url, obj=round_, due=round_.comment_deadline))
    return items


# --- Elections ------------------------------------------------------------------------------


def _elections(desk: Desk, state: str, *, board: bool) -> QuerySet[Election] | None:
    """Elections in `state` the person runs: as an organiser of their unit, or on its board."""
    who: list[Q] = []
    if desk.writer:
        who.append(Q(congress__organisation__depth=desk.depth))
    if board and desk.placed:
        seats = BoardMember.objects.filter(
            election=OuterRef("pk"),
            user_id=desk.user.pk,
            role__in=(BoardRole.HEAD, BoardRole.MEMBER),
        )
        who.append(Q(Exists(seats)))
    if not who:
        return None
    elections = desk.scoped(Election.objects.filter(state=state), "congress__organisation")
    return elections.filter(reduce(operator.or_, who))


def reconcile_rows(desk: Desk) -> QuerySet[Election] | None:
    return _elections(desk, ElectionState.COUNTING, board=True)


def _election_items(kind: str, text: _StrOrPromise, page: str) -> ItemsOf:
    """Items naming each election with what waits, linking to the page where it is done."""

    def items(desk: Desk, rows: QuerySet[Election], limit: int) -> list[Item]:
        return [
            Item(kind, str(text) % {"election": e.title}, reverse(page, args=[e.pk]), obj=e)
            for e in rows.order_by("pk")[:limit]
        ]

    return items


reconcile_items = _election_items(
    "reconcile",
    gettext_lazy("%(election)s: đối chiếu các lượt nhập, quyết định các phiếu chênh lệch."),
    "election_reconcile",
)


def seal_rows(desk: Desk) -> QuerySet[Election] | None:
    # Sealing is the organisers' step (elections/actions/lifecycle.py), not the board's.
    return _elections(desk, ElectionState.ANNOUNCED, board=False)


seal_items = _election_items(
    "seal",
    gettext_lazy("%(election)s: đã công bố kết quả; in, ký biên bản kiểm phiếu rồi niêm phong."),
    "election_detail",
)


# --- Long work (jobs) ------------------------------------------------------------------------


def job_rows(desk: Desk) -> QuerySet[Job] | None:
    if not desk.placed:
        return None
    since = timezone.now() - dt.timedelta(days=FAILED_JOB_DAYS)
    redone = Job.objects.filter(
        kind=OuterRef("kind"),
        organisation=OuterRef("organisation"),
        state=JobState.DONE,
        created_at__gt=OuterRef("created_at"),
    )
    return (
        desk.scoped(Job.objects.all(), "organisation")
        .filter(state=JobState.FAILED, started_by_id=desk.user.pk, created_at__gte=since)
        .exclude(Exists(redone))
    )


def job_items(desk: Desk, rows: QuerySet[Job], limit: int) -> list[Item]:
    items = []
    for job in rows.order_by("-created_at", "-pk")[:limit]:
        values = {"kind": job.get_kind_display(), "at": vn_datetime(job.created_at)}
        if job.source:
            values["source"] = job.source
            text = _("%(kind)s từ tệp %(source)s lúc %(at)s không thành công; xem lỗi và làm lại.")
        else:
            text = _("%(kind)s lúc %(at)s không thành công; xem lỗi và làm lại.")
        items.append(Item("job", text % values, reverse("jobs_detail", args=[job.pk]), obj=job))
    return items


SOURCES: list[Source] = [
    Source(
        "approval",
        gettext_lazy("Cấp dưới chờ duyệt"),
        approval_rows,
        approval_items,
        _dashboard,
    ),
    Source(
        "late",
        gettext_lazy("Đại hội cấp dưới chậm so với kế hoạch"),
        late_rows,
        late_items,
        _dashboard,
    ),
    Source(
        "unready",
        gettext_lazy("Đại hội cấp dưới sắp họp mà chưa được duyệt"),
        unready_rows,
        unready_items,
        _dashboard,
    ),
    Source(
        "complaint", gettext_lazy("Đơn thư quá hạn giải quyết"), complaint_rows, complaint_items
    ),
    Source("comments", gettext_lazy("Ý kiến góp ý chờ xử lý"), comment_rows, comment_items),
    Source("closing", gettext_lazy("Đợt lấy ý kiến sắp hết hạn"), closing_rows, closing_items),
    Source("asked", gettext_lazy("Cấp trên xin ý kiến"), asked_rows, asked_items),
    Source("reconcile", gettext_lazy("Bầu cử chờ đối chiếu"), reconcile_rows, reconcile_items),
    Source("seal", gettext_lazy("Bầu cử chờ niêm phong"), seal_rows, seal_items),
    Source("job", gettext_lazy("Việc chạy lâu không thành công"), job_rows, job_items),
]
