"""Who may open the personnel pages (rows for tests/test_permission_matrix.py).

Personal data (people, lists, the five steps, complaints, inspections) is for the
organisation department and the personnel subcommittee of Lộc Bình and its
superiors: the counting-board typist of Lộc Bình is refused (403), the delegate
of a commune below and another province do not see that the records exist (404).
The composition roll-up holds no personal data: anyone who sees Lộc Bình sees it.

SUBCOMMITTEE_MATRIX tells Lộc Bình's two subcommittees apart (issue 15.2): the
documents subcommittee is refused every personal page (403), the personnel
subcommittee opens them all.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from daihoi.accounts.models import User
from daihoi.campaigns.models import Congress
from daihoi.personnel.actions.complaints import do_register_complaint
from daihoi.personnel.actions.introduction import do_start_introduction
from daihoi.personnel.actions.lists import do_add_to_list, do_create_list
from daihoi.personnel.actions.people import do_create_person
from daihoi.personnel.actions.teams import do_add_visit, do_create_team
from daihoi.personnel.models import ComplaintKind, Track
from tests.conftest import org

LOGIN = "login"
POST_ONLY = [405, 405, 405, 405, 405, 405, LOGIN]
# Each write of the personnel pages, nested under its object.
WRITES = [
    "personnel_person_add",
    "personnel_person_edit",
    "personnel_team_create",
    "personnel_elected_record",
    "personnel_list_create",
    "personnel_process_start",
    "personnel_complaint_register",
    "personnel_list_add",
    "personnel_list_remove",
    "personnel_list_standing",
    "personnel_list_elected",
    "personnel_list_adopt",
    "personnel_process_step",
    "personnel_process_feed",
    "personnel_complaint_settle",
    "personnel_complaint_override",
    "personnel_visit_add",
    "personnel_visit_update",
    "personnel_import_upload",
    "personnel_targets_save",
]
PERSONAL = [200, 200, 200, 403, 404, 404, LOGIN]
SCOPED_READ = [200, 200, 200, 200, 404, 404, LOGIN]

MATRIX: dict[str, list[object]] = {
    "personnel_people": PERSONAL,
    "personnel_import": PERSONAL,
    "personnel_person": PERSONAL,
    "personnel_list": PERSONAL,
    "personnel_process": PERSONAL,
    "personnel_complaint": PERSONAL,
    "personnel_team": PERSONAL,
    "personnel_congress": PERSONAL,
    "personnel_inspections": PERSONAL,
    # POST only: each write at its own URL (tests/test_permission_matrix_post.py).
    **dict.fromkeys(WRITES, POST_ONLY),
    # Campaign data, no personal data: read by every user, changed by national admins.
    "personnel_targets": [200, 200, 200, 200, 200, 200, LOGIN],
    "personnel_rollup": SCOPED_READ,
    "personnel_rollup_xlsx": SCOPED_READ,
    "personnel_rollup_docx": SCOPED_READ,
}

# name -> [documents subcommittee, personnel subcommittee], both of Lộc Bình.
SUBCOMMITTEE_MATRIX: dict[str, list[object]] = {
    **{name: [403, 200] for name, row in MATRIX.items() if row is PERSONAL},
    **dict.fromkeys(WRITES, [405, 405]),
    "personnel_targets": [200, 200],
    "personnel_rollup": [200, 200],
    "personnel_rollup_xlsx": [200, 200],
    "personnel_rollup_docx": [200, 200],
}


def world(base: dict[str, object]) -> dict[str, object]:
    election = base["election"]
    campaign = election.congress.campaign  # type: ignore[attr-defined]
    congress = Congress.objects.select_related("organisation").get(
        campaign=campaign, organisation__code="188"
    )
    staff = User.objects.get(username="locbinh")
    person = do_create_person(
        congress.organisation,
        {"full_name": "Hoàng Văn Ma Trận", "gender": "M", "birth_date": dt.date(1975, 1, 1)},
        acting_user=staff,
    )
    candidate_list = do_create_list(congress, "committee", 1, acting_user=staff)
    do_add_to_list(candidate_list, person, acting_user=staff)
    process = do_start_introduction(congress, "committee", Track.REELECTION, acting_user=staff)
    complaint = do_register_complaint(
        congress,
        person,
        {
            "received": dt.date(2020, 6, 1),
            "content": "Nội dung",
            "classification": ComplaintKind.PETITION,
        },
        acting_user=staff,
    )
    team = do_create_team(
        campaign,
        congress.organisation,
        name="Đoàn 1",
        members="Ông A",
        start_date=dt.date(2020, 2, 19),
        acting_user=staff,
    )
    visit = do_add_visit(
        team,
        org("06553"),
        date=dt.date(2020, 3, 1),
        acting_user=staff,
    )
    return {
        "personnel_person": person,
        "personnel_visit": visit,
        "personnel_list": candidate_list,
        "personnel_process": process,
        "personnel_complaint": complaint,
        "personnel_team": team,
        "campaign_slug": campaign.slug,
    }


# The object whose pk a nested write's URL carries.
OWNER = {
    "personnel_person_edit": "personnel_person",
    "personnel_list_add": "personnel_list",
    "personnel_list_remove": "personnel_list",
    "personnel_list_standing": "personnel_list",
    "personnel_list_elected": "personnel_list",
    "personnel_list_adopt": "personnel_list",
    "personnel_process_step": "personnel_process",
    "personnel_process_feed": "personnel_process",
    "personnel_complaint_settle": "personnel_complaint",
    "personnel_complaint_override": "personnel_complaint",
    "personnel_visit_add": "personnel_team",
    "personnel_visit_update": "personnel_team",
}


def url(name: str, route: str, world: dict[str, object]) -> str:
    if "<int:pk>" in route:
        kwargs = {"pk": world[OWNER.get(name, name)].pk}  # type: ignore[attr-defined]
        if "<int:person>" in route:
            kwargs["person"] = world["personnel_person"].pk  # type: ignore[attr-defined]
        if "<int:visit>" in route:
            kwargs["visit"] = world["personnel_visit"].pk  # type: ignore[attr-defined]
        return reverse(name, kwargs=kwargs)
    if name.startswith("personnel_targets"):
        return reverse(name, kwargs={"campaign": world["campaign_slug"]})
    kwargs: dict[str, object] = {"code": "188"}
    if "<str:structure>" in route:
        kwargs["structure"] = "2020"
    if "<slug:campaign>" in route:
        kwargs["campaign"] = world["campaign_slug"]
    return reverse(name, kwargs=kwargs)
