"""Issue 15.2: personal data is for personnel staff only, every read of it is audited.

A member of Lộc Bình's documents subcommittee is refused every personnel page and
every personnel action (the view and the action both check); a member of its
personnel subcommittee has them. Lists leave one audit entry per view with the
query and the ids shown, never names or birth dates; personal pages tell browsers
and proxies not to keep a copy (a shared venue machine after logout).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from daihoi.accounts.models import Role, User
from daihoi.audit.models import AuditEntry
from daihoi.personnel import access
from daihoi.personnel.actions.complaints import do_register_complaint, do_settle_complaint
from daihoi.personnel.actions.introduction import do_start_introduction
from daihoi.personnel.actions.lists import do_add_to_list, do_create_list
from daihoi.personnel.actions.people import (
    do_create_person,
    do_import_people,
    do_update_person,
    new_person,
)
from daihoi.personnel.actions.teams import do_create_team
from daihoi.personnel.models import CandidateList, Complaint, ComplaintKind, ListMember, Person
from tests.conftest import login, org
from tests.personnel.helpers import loc_binh_congress, make_people, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents() -> User:
    return User.objects.create_user(
        "tieu-ban-van-kien", organisation=org("188"), roles=[Role.SUBCOMMITTEE]
    )


@pytest.fixture
def personnel() -> User:
    return User.objects.create_user(
        "tieu-ban-nhan-su", organisation=org("188"), roles=[Role.PERSONNEL]
    )


@pytest.fixture
def records() -> dict[str, object]:
    """Thirteen people, a committee list with two of them, a process and a denunciation."""
    people = make_people()
    congress = loc_binh_congress()
    cl = do_create_list(congress, "committee", 11, acting_user=staff())
    for person in people[:2]:
        do_add_to_list(cl, person, acting_user=staff())
    process = do_start_introduction(congress, "committee", "reelection", acting_user=staff())
    complaint = do_register_complaint(
        congress,
        people[0],
        {
            "received": dt.date(2020, 6, 1),
            "anonymous": True,
            "content": "Kê khai tài sản chưa trung thực",
            "classification": ComplaintKind.DENUNCIATION,
        },
        acting_user=staff(),
    )
    team = do_create_team(
        congress.campaign,
        congress.organisation,
        name="Đoàn kiểm tra số 1",
        members="Ông A",
        start_date=dt.date(2020, 2, 19),
        acting_user=staff(),
    )
    return {
        "people": people,
        "congress": congress,
        "list": cl,
        "process": process,
        "complaint": complaint,
        "team": team,
    }


def pages(records: dict[str, object]) -> list[str]:
    congress = records["congress"]
    slug, code = congress.campaign.slug, "188"  # type: ignore[attr-defined]
    return [
        reverse("personnel_people", args=["2020", code]),
        reverse("personnel_import", args=["2020", code]),
        reverse("personnel_person", args=[records["people"][0].pk]),  # type: ignore[index]
        reverse("personnel_list", args=[records["list"].pk]),  # type: ignore[attr-defined]
        reverse("personnel_process", args=[records["process"].pk]),  # type: ignore[attr-defined]
        reverse("personnel_complaint", args=[records["complaint"].pk]),  # type: ignore[attr-defined]
        reverse("personnel_team", args=[records["team"].pk]),  # type: ignore[attr-defined]
        reverse("personnel_congress", args=[slug, code]),
        reverse("personnel_inspections", args=[slug, code]),
    ]


def client(user: User) -> Client:
    c = Client()
    c.force_login(user)
    return c


def counts() -> tuple[int, int, int]:
    return Person.objects.count(), Complaint.objects.count(), ListMember.objects.count()


# Who may open the pages ------------------------------------------------------------------


def test_the_documents_subcommittee_is_refused_every_personnel_page(
    documents: User, records: dict[str, object]
) -> None:
    c = client(documents)
    got = {url: c.get(url).status_code for url in pages(records)}
    assert got == {url: 403 for url in pages(records)}


def test_the_personnel_subcommittee_opens_them_all(
    personnel: User, records: dict[str, object]
) -> None:
    c = client(personnel)
    got = {url: c.get(url).status_code for url in pages(records)}
    assert got == {url: 200 for url in pages(records)}


def test_the_documents_subcommittee_cannot_add_a_person_or_a_denunciation_through_the_pages(
    documents: User, records: dict[str, object]
) -> None:
    c = client(documents)
    congress = records["congress"]
    people = records["people"]
    before = counts()
    added = c.post(
        reverse("personnel_person_add", args=["2020", "188"]),
        {
            "full_name": "Người Lạ Mặt",
            "gender": "M",
            "birth_date": "01/01/1970",
            "ethnicity": "Thái",
        },
    )
    denounced = c.post(
        reverse("personnel_complaint_register", args=[congress.campaign.slug, "188"]),  # type: ignore[attr-defined]
        {
            "person": people[1].pk,  # type: ignore[index]
            "received": "02/06/2020",
            "anonymous": "on",
            "classification": ComplaintKind.DENUNCIATION,
            "content": "Tố cáo",
        },
    )
    listed = c.post(
        reverse("personnel_list_add", args=[records["list"].pk, people[2].pk]),  # type: ignore[attr-defined,index]
        {},
    )
    assert (added.status_code, denounced.status_code, listed.status_code) == (403, 403, 403)
    assert counts() == before


def everything() -> dict[str, object]:
    """What a refused post must leave as it was: every personnel table and the trail."""
    from daihoi.personnel import models

    tables = [
        models.Person,
        models.CandidateList,
        models.ListMember,
        models.IntroductionProcess,
        models.IntroductionStep,
        models.StepVote,
        models.Complaint,
        models.ElectedMember,
        models.InspectionTeam,
        models.InspectionVisit,
        AuditEntry,
    ]
    found: dict[str, object] = {t.__name__: t.objects.count() for t in tables}
    found["complaints"] = list(Complaint.objects.values_list("status", "outcome"))
    found["lists"] = list(CandidateList.objects.values_list("state", flat=True))
    found["positions"] = list(Person.objects.values_list("position", flat=True))
    return found


# Every write of the personnel pages, as the page's own form would post it.
POSTS: dict[str, list[dict[str, str]]] = {
    "person_add": [{"full_name": "Người Lạ Mặt", "gender": "M", "birth_date": "01/01/1970"}],
    "import": [{}],
    "person_edit": [{"full_name": "Hoàng Văn An", "position": "Bí thư", "ethnicity": "Tày"}],
    # Each write of the congress's hub, a list, a process, a complaint, a team: its own URL.
    "list_create": [{"kind": "standing", "seats": "3"}],
    "process_start": [{"kind": "standing", "track": "first_time"}],
    "complaint_register": [{"received": "02/06/2020", "content": "Tố cáo"}],
    "list_add": [{}],
    "list_remove": [{}],
    "list_standing": [{"standing": "1"}],
    "list_elected": [{"elected": "PERSON0"}],
    "list_adopt": [{}],
    "process_feed": [{}],
    "process_step": [{"date": "01/06/2020", "voters": "9"}],
    "complaint_settle": [{"outcome": "Không có căn cứ"}],
    "complaint_override": [{"reason": "Đủ điều kiện"}],
    "visit_add": [{"unit": "06553", "date": "01/03/2020"}],
    "team_create": [{"name": "Đoàn 2", "members": "Ông B", "start_date": "01/03/2020"}],
    "elected": [{"election": "1"}],
}


def post_url(key: str, records: dict[str, object]) -> str:
    congress = records["congress"]
    slug = congress.campaign.slug  # type: ignore[attr-defined]
    by_pk = {
        "person_edit": ("personnel_person_edit", records["people"][0]),  # type: ignore[index]
    }
    if key in by_pk:
        name, obj = by_pk[key]
        return reverse(name, args=[obj.pk])  # type: ignore[attr-defined]
    people = records["people"]
    on_list = {"list_add": people[2], "list_remove": people[0], "list_standing": people[0]}  # type: ignore[index]
    if key in on_list:
        return reverse(f"personnel_{key}", args=[records["list"].pk, on_list[key].pk])  # type: ignore[attr-defined]
    if key in ("list_create", "process_start", "complaint_register", "team_create"):
        return reverse(f"personnel_{key}", args=[slug, "188"])
    owner = {"list": "list", "process": "process", "complaint": "complaint", "visit": "team"}
    if key.split("_")[0] in owner and "_" in key:
        return reverse(f"personnel_{key}", args=[records[owner[key.split("_")[0]]].pk])  # type: ignore[attr-defined]
    if key == "import":  # the page is GET only; the file goes to its upload URL
        return reverse("personnel_import_upload", args=["2020", "188"])
    if key == "person_add":
        return reverse(f"personnel_{key}", args=["2020", "188"])
    return reverse("personnel_elected_record", args=[slug, "188"])


@pytest.mark.parametrize("key", list(POSTS))
def test_every_personnel_post_is_refused_to_the_documents_subcommittee_and_changes_nothing(
    key: str, documents: User, records: dict[str, object]
) -> None:
    people: list[Person] = records["people"]  # type: ignore[assignment]
    c = client(documents)
    before = everything()
    for data in POSTS[key]:
        sent = {
            k: v.replace("PERSON0", str(people[0].pk)).replace("PERSON2", str(people[2].pk))
            for k, v in data.items()
        }
        assert c.post(post_url(key, records), sent).status_code == 403, (key, data)
    assert everything() == before


def test_the_personnel_subcommittee_adds_a_person_and_a_denunciation(
    personnel: User, records: dict[str, object]
) -> None:
    c = client(personnel)
    congress = records["congress"]
    added = c.post(
        reverse("personnel_person_add", args=["2020", "188"]),
        {"full_name": "Lò Văn Mới", "gender": "M", "birth_date": "01/01/1970", "ethnicity": "Thái"},
    )
    assert added.status_code == 302
    newcomer = Person.objects.get(full_name="Lò Văn Mới")
    denounced = c.post(
        reverse("personnel_complaint_register", args=[congress.campaign.slug, "188"]),  # type: ignore[attr-defined]
        {
            "person": newcomer.pk,
            "received": "02/06/2020",
            "anonymous": "on",
            "classification": ComplaintKind.DENUNCIATION,
            "content": "Tố cáo",
        },
    )
    assert denounced.status_code == 302
    assert Complaint.objects.filter(person=newcomer).count() == 1


def test_the_actions_refuse_the_documents_subcommittee_whoever_calls_them(
    documents: User, records: dict[str, object]
) -> None:
    congress = records["congress"]
    people = records["people"]
    cl = records["list"]
    before = counts()
    calls = [
        lambda: do_create_person(
            org("188"),
            {"full_name": "Người Lạ Mặt", "gender": "M", "birth_date": dt.date(1970, 1, 1)},
            acting_user=documents,
        ),
        lambda: do_update_person(
            people[0],  # type: ignore[index]
            {"position": "Bí thư"},
            acting_user=documents,
        ),
        lambda: do_register_complaint(
            congress,  # type: ignore[arg-type]
            people[1],  # type: ignore[index]
            {
                "received": dt.date(2020, 6, 2),
                "content": "Tố cáo",
                "classification": ComplaintKind.DENUNCIATION,
            },
            acting_user=documents,
        ),
        lambda: do_settle_complaint(
            records["complaint"],  # type: ignore[arg-type]
            "Không có căn cứ",
            acting_user=documents,
        ),
        lambda: do_add_to_list(cl, people[2], acting_user=documents),  # type: ignore[arg-type, index]
        lambda: do_create_list(congress, "standing", 3, acting_user=documents),  # type: ignore[arg-type]
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert counts() == before
    assert CandidateList.objects.filter(kind="standing").count() == 0
    assert Complaint.objects.get(pk=records["complaint"].pk).status == "open"  # type: ignore[attr-defined]
    assert Person.objects.get(pk=people[0].pk).position == ""  # type: ignore[index]


def test_the_demo_personnel_account_reads_the_records_the_documents_one_does_not() -> None:
    thai_binh_department = org("34-KCQ-SCT")
    assert access.may_read(User.objects.get(username="nhansu"), thai_binh_department)
    assert not access.may_read(User.objects.get(username="tieuban"), thai_binh_department)


# Every read is audited ---------------------------------------------------------------------


def new_entries(start: int) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(seq__gt=start).order_by("seq"))


def last_seq() -> int:
    return AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def assert_no_personal_values(entry: AuditEntry, people: list[Person]) -> None:
    text = json.dumps([entry.target, entry.before, entry.after], ensure_ascii=False).casefold()
    for person in people:
        assert person.full_name.casefold() not in text
        assert person.birth_date.isoformat() not in text
        assert person.birth_date.strftime("%d/%m/%Y") not in text
    assert "tày" not in text


def test_a_people_search_leaves_one_entry_with_the_query_and_the_ids_shown(
    records: dict[str, object],
) -> None:
    people: list[Person] = records["people"]  # type: ignore[assignment]
    start = last_seq()
    page = login("locbinh").get(
        reverse("personnel_people", args=["2020", "188"]), {"q": "hoang van"}
    )
    assert page.status_code == 200
    assert "Hoàng Văn An" in page.content.decode()
    [entry] = new_entries(start)
    hoang = sorted(p.pk for p in people if p.full_name.startswith("Hoàng Văn"))
    assert entry.action == "personnel.list_view"
    assert entry.actor == staff()
    assert entry.organisation == org("188")
    assert entry.after == {
        "page": "people",
        "query": {"q": "hoang van", "trang": 1},
        "people": hoang,
        "total": 2,
    }
    assert_no_personal_values(entry, people)


def test_the_live_search_is_audited_too(records: dict[str, object]) -> None:
    start = last_seq()
    url = reverse("personnel_people", args=["2020", "188"])
    login("locbinh").get(url, {"q": "van"}, headers={"HX-Request": "true"})
    [entry] = new_entries(start)
    assert entry.after["query"] == {"q": "van", "trang": 1}  # type: ignore[index]
    # The eleven "Văn" of the thirteen; the two women are "Thị".
    assert entry.after["total"] == 11  # type: ignore[index]


def test_the_second_page_of_people_is_logged_as_page_two_with_its_own_ids(
    records: dict[str, object],
) -> None:
    families = ["Lò", "Vi", "Hà", "Mã", "Chu", "Đinh", "Lương", "Triệu", "Nông", "Lộc", "Bế"]
    given = ["An", "Bình", "Cúc", "Dung", "Giang", "Hạnh", "Khoa", "Lan", "Minh", "Oanh"]
    more = [
        new_person(
            org("188"),
            {
                "full_name": f"{family} Văn {name}",
                "gender": "M",
                "birth_date": dt.date(1970, 1, 1),
                "ethnicity": "Tày",
            },
        )
        for family in families
        for name in given
    ]
    do_import_people(org("188"), more, acting_user=staff())
    start = last_seq()
    page = login("locbinh").get(reverse("personnel_people", args=["2020", "188"]), {"trang": "2"})
    body = page.content.decode()
    assert "Trang 2/2" in body
    [entry] = new_entries(start)
    shown = sorted(p.pk for p in Person.objects.all() if f'"/nhan-su/can-bo/{p.pk}/"' in body)
    assert len(shown) == 123 - 100
    assert entry.after == {
        "page": "people",
        "query": {"q": "", "trang": 2},
        "people": shown,
        "total": 123,
    }


def test_opening_a_candidate_list_with_a_search_leaves_one_entry(
    records: dict[str, object],
) -> None:
    people: list[Person] = records["people"]  # type: ignore[assignment]
    cl: CandidateList = records["list"]  # type: ignore[assignment]
    start = last_seq()
    page = login("locbinh").get(reverse("personnel_list", args=[cl.pk]), {"q": "nong"})
    assert page.status_code == 200
    [entry] = new_entries(start)
    on_list = {people[0].pk, people[1].pk}
    found = {p.pk for p in people[2:] if p.search_name.startswith("nong")}
    assert entry.action == "personnel.list_view"
    assert entry.target == f"list:{cl.pk}"
    assert entry.after["query"] == {"q": "nong"}  # type: ignore[index]
    assert set(entry.after["people"]) == on_list | found  # type: ignore[index]
    assert_no_personal_values(entry, people)


def test_the_congress_page_and_a_complaint_leave_an_entry_naming_the_person_by_id(
    records: dict[str, object],
) -> None:
    people: list[Person] = records["people"]  # type: ignore[assignment]
    congress = records["congress"]
    complaint: Complaint = records["complaint"]  # type: ignore[assignment]
    c = login("locbinh")
    start = last_seq()
    c.get(reverse("personnel_congress", args=[congress.campaign.slug, "188"]))  # type: ignore[attr-defined]
    c.get(reverse("personnel_complaint", args=[complaint.pk]))
    hub, opened = new_entries(start)
    assert hub.after["page"] == "congress" and hub.after["people"] == [people[0].pk]  # type: ignore[index]
    assert opened.target == f"complaint:{complaint.pk}"
    assert opened.after["people"] == [people[0].pk]  # type: ignore[index]
    for entry in (hub, opened):
        assert_no_personal_values(entry, people)
        assert "kê khai" not in json.dumps(entry.after, ensure_ascii=False).casefold()


def test_the_inspection_pages_are_logged_with_the_team_and_no_text(
    records: dict[str, object],
) -> None:
    congress = records["congress"]
    team = records["team"]
    c = login("locbinh")
    start = last_seq()
    c.get(reverse("personnel_inspections", args=[congress.campaign.slug, "188"]))  # type: ignore[attr-defined]
    c.get(reverse("personnel_team", args=[team.pk]))  # type: ignore[attr-defined]
    listed, opened = new_entries(start)
    assert (listed.action, listed.after["page"]) == ("personnel.list_view", "inspections")  # type: ignore[index]
    assert opened.target == f"team:{team.pk}"  # type: ignore[attr-defined]
    for entry in (listed, opened):
        assert "Ông A" not in json.dumps(entry.after, ensure_ascii=False)


def test_opening_a_record_is_audited(records: dict[str, object]) -> None:
    person: Person = records["people"][0]  # type: ignore[index]
    start = last_seq()
    login("locbinh").get(reverse("personnel_person", args=[person.pk]))
    [entry] = new_entries(start)
    assert (entry.action, entry.target) == ("personnel.view", f"person:{person.pk}")


def test_a_refused_reader_leaves_no_read_entry(documents: User, records: dict[str, object]) -> None:
    start = last_seq()
    client(documents).get(reverse("personnel_people", args=["2020", "188"]), {"q": "hoang"})
    assert new_entries(start) == []


# Nothing is kept in a cache ----------------------------------------------------------------


def test_personal_pages_and_exports_tell_caches_to_keep_nothing(
    records: dict[str, object],
) -> None:
    congress = records["congress"]
    slug = congress.campaign.slug  # type: ignore[attr-defined]
    c = login("locbinh")
    urls = [
        *pages(records),
        reverse("personnel_rollup_xlsx", args=[slug, "188"]),
        reverse("personnel_rollup_docx", args=[slug, "188"]),
    ]
    for url in urls:
        response = c.get(url)
        assert response.status_code == 200, url
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives, url


def test_the_login_redirect_of_a_personal_page_is_not_cached_either(
    records: dict[str, object],
) -> None:
    response = Client().get(reverse("personnel_people", args=["2020", "188"]))
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]
