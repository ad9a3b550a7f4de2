"""Inspection teams sent below before the congresses, and their visits to the units."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.campaigns.models import Campaign
from daihoi.core.errors import ActionRefused
from daihoi.lib.text import clean
from daihoi.orgs.models import Organisation
from daihoi.personnel import access
from daihoi.personnel.models import InspectionTeam, InspectionVisit

if TYPE_CHECKING:
    from daihoi.accounts.models import User


@transaction.atomic(durable=True)
def do_create_team(
    campaign: Campaign,
    org: Organisation,
    *,
    name: str,
    members: str,
    start_date: dt.date,
    acting_user: User,
) -> InspectionTeam:
    if not access.may_manage_teams(acting_user, org):
        raise PermissionDenied
    if not clean(name):
        raise ActionRefused([_("Hãy đặt tên đoàn kiểm tra.")], ["team_name_missing"])
    team = InspectionTeam.objects.create(
        campaign=campaign,
        organisation=org,
        org_path=org.path,
        name=clean(name),
        members=members.strip(),
        start_date=start_date,
    )
    log.record(
        "personnel.team_create",
        actor=acting_user,
        organisation=org,
        target=team.name,
        after={
            "team": team.pk,
            "members": len(team.member_names()),
            "start_date": start_date.isoformat(),
        },
    )
    return team


@transaction.atomic(durable=True)
def do_add_visit(
    team: InspectionTeam,
    unit: Organisation,
    *,
    date: dt.date,
    findings: str = "",
    follow_up: str = "",
    acting_user: User,
) -> InspectionVisit:
    if not access.may_manage_teams(acting_user, team.organisation):
        raise PermissionDenied
    if not unit.path.startswith(team.org_path) or unit.pk == team.organisation_id:
        raise ActionRefused(
            [_("%(u)s không thuộc đảng bộ cử đoàn kiểm tra.") % {"u": unit.name}],
            ["outside_subtree"],
        )
    if date < team.start_date:
        raise ActionRefused(
            [
                _("Ngày làm việc %(d)s trước ngày đoàn bắt đầu (%(s)s).")
                % {"d": f"{date:%d/%m/%Y}", "s": f"{team.start_date:%d/%m/%Y}"}
            ],
            ["visit_before_start"],
        )
    visit = InspectionVisit.objects.create(
        team=team, unit=unit, date=date, findings=findings.strip(), follow_up=follow_up.strip()
    )
    log.record(
        "personnel.team_visit",
        actor=acting_user,
        organisation=team.organisation,
        target=team.name,
        after={
            "visit": visit.pk,
            "unit": unit.code,
            "date": date.isoformat(),
            "fields": ["findings"] if visit.findings else [],
        },
    )
    return visit


@transaction.atomic(durable=True)
def do_update_visit(
    visit: InspectionVisit, *, findings: str, follow_up: str, done: bool, acting_user: User
) -> InspectionVisit:
    if not access.may_manage_teams(acting_user, visit.team.organisation):
        raise PermissionDenied
    before = {
        "findings": visit.findings,
        "follow_up": visit.follow_up,
        "done": visit.follow_up_done,
    }
    visit.findings, visit.follow_up, visit.follow_up_done = (
        findings.strip(),
        follow_up.strip(),
        done,
    )
    visit.save()
    log.record(
        "personnel.team_visit_update",
        actor=acting_user,
        organisation=visit.team.organisation,
        target=visit.team.name,
        after={
            "visit": visit.pk,
            "done": done,
            "fields": sorted(
                k
                for k, v in {
                    "findings": visit.findings,
                    "follow_up": visit.follow_up,
                    "done": done,
                }.items()
                if v != before[k]
            ),
        },
    )
    return visit
