"""Input limits (issue 15.7): a value too big for its column is a message, never a 500.

Run on SQLite and on PostgreSQL (DATABASE_URL=postgres://…): PostgreSQL is the
engine that raised "integer out of range" and "value too long for type
character varying"; SQLite quietly stored the value or overflowed in the driver.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import io
import pkgutil
from html.parser import HTMLParser
from typing import Any

import pytest
from django import forms
from django.db import models
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

import daihoi
from daihoi.assembly.forms import CheckInUndoForm, DelegateForm
from daihoi.assembly.models import CheckIn
from daihoi.campaigns.models import Congress
from daihoi.core.errors import ActionRefused
from daihoi.db.limits import TEXT_MAX_LENGTH, key_ids, model_limits
from daihoi.drafts.actions import approval as draft_approval
from daihoi.drafts.actions import comments as draft_comments
from daihoi.drafts.actions import rounds as draft_rounds
from daihoi.drafts.forms import DRAFT_MAX_LENGTH, TextForm
from daihoi.drafts.models import DocKind, DraftDocument
from daihoi.elections.forms import BallotCountsForm, BaseForm, BoardMemberForm, ElectionCreateForm
from daihoi.elections.models import BallotEntry, BoardMember, Election
from daihoi.orgs.models import Organisation
from daihoi.personnel.actions.lists import do_add_to_list, do_adopt_list, do_create_list
from daihoi.personnel.actions.people import do_create_person, do_update_person
from daihoi.personnel.birthdates import birth_date_problem
from daihoi.personnel.forms import ListForm, StepForm, TeamForm, VisitForm
from daihoi.personnel.models import (
    CandidateList,
    InspectionTeam,
    InspectionVisit,
    IntroductionStep,
    Person,
)
from tests.conftest import login, org
from tests.drafts.helpers import congress_of, document_with_round, user
from tests.elections.views.helpers import counting_election, loc_binh_congress
from tests.personnel.helpers import loc_binh_congress as personnel_congress
from tests.personnel.helpers import make_people
from tests.test_permission_matrix import client_for, routes, url_for, world  # noqa: F401

INT32 = 2**31 - 1
HUGE = 10**20
LONG_NAME = "Nguyễn " * 300_000  # 2,100,000 characters of a plausible name


# --- Every form field carries its limits --------------------------------------------


def _form_classes() -> list[type[forms.BaseForm]]:
    found: list[type[forms.BaseForm]] = []
    for module_info in pkgutil.walk_packages(daihoi.__path__, "daihoi."):
        if not module_info.name.rsplit(".", 1)[-1].endswith("forms"):
            continue
        module = importlib.import_module(module_info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def _fields(cls: type[forms.BaseForm]) -> dict[str, forms.Field]:
    try:
        return dict(cls().fields)  # some forms set limits in __init__ (the login's username)
    except TypeError:  # a form that needs its user or its choices
        return dict(cls.base_fields)


# Text longer than a note, each with its own stated cap.
LONGER: dict[tuple[type[forms.BaseForm], str], int] = {
    # A whole draft typed in the app (drafts.forms.DRAFT_MAX_LENGTH).
    (TextForm, "text"): DRAFT_MAX_LENGTH,
}

# Plain forms whose field stands for a column: the form may narrow the column's limit.
BACKED: dict[tuple[type[forms.BaseForm], str], tuple[type[models.Model], str]] = {
    (ElectionCreateForm, "seats"): (Election, "seats"),
    (ElectionCreateForm, "title"): (Election, "title"),
    (BoardMemberForm, "team"): (BoardMember, "team"),
    (BaseForm, "base"): (Election, "base"),
    (BallotCountsForm, "issued"): (Election, "ballots_issued"),
    (BallotCountsForm, "collected"): (Election, "ballots_collected"),
    (ListForm, "seats"): (CandidateList, "seats"),
    (StepForm, "body"): (IntroductionStep, "body"),
    (StepForm, "voters"): (IntroductionStep, "voters"),
    (StepForm, "ballots"): (IntroductionStep, "ballots"),
    (TeamForm, "name"): (InspectionTeam, "name"),
    (TeamForm, "members"): (InspectionTeam, "members"),
    (VisitForm, "findings"): (InspectionVisit, "findings"),
    (VisitForm, "follow_up"): (InspectionVisit, "follow_up"),
    (CheckInUndoForm, "checkin"): (CheckIn, "id"),
}


def _column(cls: type[forms.BaseForm], name: str) -> models.Field[Any, Any] | None:
    if (cls, name) in BACKED:
        model, column = BACKED[(cls, name)]
        return model._meta.get_field(column)  # type: ignore[return-value]
    meta = getattr(cls, "_meta", None)
    model = getattr(meta, "model", None)
    if model is None:
        return None
    try:
        return model._meta.get_field(name)  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - a form-only field (the congress's version is a column)
        return None


def test_the_walk_finds_the_forms_of_every_app() -> None:
    names = {cls.__name__ for cls in _form_classes()}
    assert {"ElectionCreateForm", "PersonForm", "CongressForm", "OrganisationForm"} <= names
    assert {"DelegateForm", "LoginForm", "RegisterDocumentForm", "ComplaintForm"} <= names


@pytest.mark.django_db
def test_every_text_and_number_field_of_every_form_carries_its_columns_limits() -> None:
    missing: list[str] = []
    for cls in _form_classes():
        for name, field in _fields(cls).items():
            where = f"{cls.__module__}.{cls.__name__}.{name}"
            column = _column(cls, name)
            limits = model_limits(column) if column is not None else {}
            if isinstance(field, forms.CharField):
                ceiling = LONGER.get((cls, name), TEXT_MAX_LENGTH)
                if field.max_length is None or field.max_length > ceiling:
                    missing.append(f"{where}: max_length {field.max_length}")
                elif "max_length" in limits and field.max_length > limits["max_length"]:
                    missing.append(f"{where}: {field.max_length} > {limits['max_length']}")
            elif isinstance(field, forms.IntegerField):
                low, high = field.min_value, field.max_value
                floor, ceiling = limits.get("min_value", -INT32 - 1), limits.get("max_value", INT32)
                if low is None or high is None or not floor <= int(low) <= int(high) <= ceiling:
                    missing.append(f"{where}: {low}..{high}, column {floor}..{ceiling}")
    assert missing == []


# --- The 500s of the probe, through the pages -----------------------------------------


@pytest.mark.django_db
def test_seats_of_ten_to_the_twenty_is_a_message_on_the_election_form() -> None:
    congress = loc_binh_congress()
    url = reverse("election_create", args=[congress.campaign.slug, "188"])
    for seats in (str(HUGE), "32768"):
        response = login("locbinh").post(
            url, {"kind": "delegates", "seats": seats, "title": "", "teams": "2"}
        )
        page = response.content.decode()
        assert response.status_code == 400
        assert "Số lượng được bầu" in page and "nhỏ hơn hoặc bằng với 32767" in page
    assert not Election.objects.filter(congress=congress).exists()


@pytest.mark.django_db
def test_a_two_million_character_name_is_a_message_on_the_person_form() -> None:
    url = reverse("personnel_person_add", args=["2020", "188"])
    before = Person.objects.count()
    response = login("locbinh").post(
        url, {"full_name": LONG_NAME, "gender": "M", "birth_date": "02/03/1975", "ethnicity": "Tày"}
    )
    assert response.status_code == 200
    # The column's limit, beside the field, in Django's Vietnamese.
    assert "tối đa 150 kí tự (hiện có 2099999)" in response.content.decode()
    assert Person.objects.count() == before


@pytest.mark.django_db
def test_an_oversized_organisation_name_and_member_count_are_messages() -> None:
    unit = org("188")
    url = reverse("org_update", args=["2020", "188"])
    response = login("langson").post(
        url, {"name": "Đảng bộ " + "x" * 400, "kind": unit.kind, "members": str(HUGE)}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "tối đa 255 kí tự (hiện có 408)" in page
    assert f"nhỏ hơn hoặc bằng với {INT32}" in page
    before = (unit.name, unit.members)
    unit.refresh_from_db()
    assert (unit.name, unit.members) == before


@pytest.mark.django_db
def test_an_oversized_name_in_the_election_list_names_the_line() -> None:
    congress = loc_binh_congress()
    staff = login("locbinh")
    staff.post(
        reverse("election_create", args=[congress.campaign.slug, "188"]),
        {"kind": "delegates", "seats": "2", "title": "", "teams": "2"},
    )
    election = Election.objects.get(congress=congress)
    long_name = "Trần Thị " + "Bình" * 60
    response = staff.post(
        reverse("election_candidates", args=[election.pk]),
        {"names": f"Nguyễn Văn An\n{long_name}"},
        follow=True,
    )
    assert response.status_code == 400
    assert "dài quá 150 ký tự" in response.content.decode()
    assert not election.candidates.exists()


@pytest.mark.django_db
def test_a_floor_nomination_with_a_name_no_ballot_holds_is_refused_naming_the_field() -> None:
    # The floor nomination is read by hand and its list written with bulk_create (no pre_save).
    congress = loc_binh_congress()
    staff = login("locbinh")
    staff.post(
        reverse("election_create", args=[congress.campaign.slug, "188"]),
        {"kind": "delegates", "seats": "2", "title": "", "teams": "2"},
    )
    election = Election.objects.get(congress=congress)
    url = reverse("election_floor_nomination", args=[election.pk])
    for agree, present in (("15", "20"), (str(HUGE), str(HUGE))):
        response = staff.post(
            url,
            {"full_name": "Lò Văn " + "Páo" * 100, "agree": agree} | {"present": present},
            follow=True,
        )
        assert response.status_code == 400
        assert "Họ và tên dài quá 150 ký tự" in response.content.decode()
    assert not election.candidates.exists()


@pytest.mark.django_db
def test_a_hand_parsed_post_too_long_for_its_column_is_refused_naming_the_field() -> None:
    # The draft pages' forms carry the column's limit, named beside the field; the save
    # itself refuses what reaches it another way (see the next test).
    campaign = loc_binh_congress().campaign
    congress_of(campaign, "188")
    response = login("locbinh").post(
        reverse("drafts_document_create", args=[campaign.slug, "188"]),
        {"kind": DocKind.POLITICAL_REPORT, "title": "Báo cáo " * 200, "owner": "", "deadline": ""},
        follow=True,
    )
    assert response.status_code == 400
    assert "tối đa 300 kí tự (hiện có 1599)" in response.content.decode()
    assert not DraftDocument.objects.filter(congress=congress_of(campaign, "188")).exists()


@pytest.mark.django_db
def test_an_action_refuses_a_value_its_column_cannot_hold() -> None:
    campaign = loc_binh_congress().campaign
    _document, round_ = document_with_round(campaign)
    with pytest.raises(ActionRefused) as refused:
        draft_comments.do_add_comment(
            round_,
            text="Góp ý",
            received_on=dt.date(2020, 3, 2),
            acting_user=user("locbinh"),
            source_name="x" * 5000,
        )
    assert refused.value.codes[0] == "value_too_large"


# --- Dates of birth between 1900 and today ---------------------------------------------


def test_the_birth_date_rule_runs_from_1900_to_today_inclusive() -> None:
    today = dt.date(2026, 12, 6)
    assert birth_date_problem(dt.date(1900, 1, 1), today=today) is None
    assert birth_date_problem(today, today=today) is None
    tomorrow = birth_date_problem(today + dt.timedelta(days=1), today=today)
    assert tomorrow is not None and "Ngày sinh 07/12/2026 không hợp lệ" in tomorrow
    assert birth_date_problem(dt.date(1899, 12, 31), today=today) is not None


def test_the_register_form_refuses_a_birth_year_after_this_year() -> None:
    this_year = timezone.localdate().year
    data = {"full_name": "Lò Văn Páo", "kind": "official", "basis": "ex_officio"}
    # No unit code typed, so the congress the code would be looked up under is not read.
    congress = Congress()
    assert DelegateForm({**data, "birth_year": str(this_year)}, congress=congress).is_valid()
    late = DelegateForm({**data, "birth_year": str(this_year + 1)}, congress=congress)
    assert not late.is_valid() and str(this_year) in str(late.errors["birth_year"])


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["01/01/0001", "02/03/2090", "31/12/1899"])
def test_the_person_form_refuses_a_birth_date_before_1900_or_after_today(typed: str) -> None:
    before = Person.objects.count()
    response = login("locbinh").post(
        reverse("personnel_person_add", args=["2020", "188"]),
        {"full_name": "Hoàng Văn An", "gender": "M", "birth_date": typed, "ethnicity": "Tày"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ngày sinh" in page and "01/01/1900" in page
    assert Person.objects.count() == before


@pytest.mark.django_db
def test_the_actions_refuse_a_birth_date_out_of_range_and_accept_1900() -> None:
    person = make_people()[0]
    staff = user("locbinh")
    for day in (dt.date(1, 1, 1), dt.date(2090, 1, 1)):
        with pytest.raises(ActionRefused, match="Ngày sinh"):
            do_update_person(person, {"birth_date": day}, acting_user=staff)
        with pytest.raises(ActionRefused, match="Ngày sinh"):
            do_create_person(
                org("188"),
                {"full_name": "Lò Văn Páo", "gender": "M", "birth_date": day},
                acting_user=staff,
            )
    person.refresh_from_db()
    assert person.birth_date.year > 1900
    assert do_update_person(
        person, {"birth_date": dt.date(1900, 1, 1)}, acting_user=staff
    ).birth_date == dt.date(1900, 1, 1)


@pytest.mark.django_db
def test_the_people_import_refuses_a_birth_date_out_of_range_naming_the_row() -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Họ và tên", "Giới tính", "Ngày sinh"])
    sheet.append(["Hoàng Văn An", "Nam", "02/03/1975"])
    sheet.append(["Lò Thị Mai", "Nữ", "02/03/2090"])
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "can-bo.xlsx"
    before = Person.objects.count()
    response = login("locbinh").post(
        reverse("personnel_import_upload", args=["2020", "188"]), {"file": data}
    )
    page = response.content.decode()
    assert "02/03/2090" in page and "01/01/1900" in page
    assert Person.objects.count() == before


# --- Delegates read their own congress's documents only -------------------------------


@pytest.mark.django_db
def test_a_delegate_reads_the_documents_of_his_own_congress_not_those_above() -> None:
    campaign = loc_binh_congress().campaign
    # Lộc Bình's (188) and Lạng Sơn's (20) political reports, both approved.
    own, round_ = document_with_round(campaign, "188")
    draft_rounds.do_close_round(round_, acting_user=user("locbinh"))
    draft_approval.do_approve_document(own, acting_user=user("langson"))
    above, round_ = document_with_round(campaign, "20", staff="langson")
    draft_rounds.do_close_round(round_, acting_user=user("langson"))
    draft_approval.do_approve_document(above, acting_user=user("quantri"))
    delegate = login("daibieu")  # a delegate of xã Đồng Bục, which sits in Lộc Bình's congress
    assert Organisation.objects.get(code="06553").depth == org("188").depth + 1

    page = delegate.get(reverse("drafts_read", args=[campaign.slug, "188"]))
    assert page.status_code == 200 and "Phấn đấu tăng trưởng 7%/năm." in page.content.decode()
    for url in (
        reverse("drafts_read", args=[campaign.slug, "20"]),
        reverse("drafts_read_docx", args=[campaign.slug, "20", above.kind]),
    ):
        assert delegate.get(url).status_code == 404
    # The province's own staff still read their congress's documents.
    assert (
        login("langson").get(reverse("drafts_read", args=[campaign.slug, "20"])).status_code == 200
    )


# --- The JSON API answers 422, not 500 --------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        f"/api/search?q=loc&limit={HUGE}",
        f"/api/search?q={'a' * 5000}",
        "/api/search?q=loc&limit=0",
        f"/api/orgs/2020/188/children?page={HUGE}",
        "/api/orgs/2020/188/children?page=0",
        f"/api/orgs/2020/{'9' * 500}",
    ],
)
def test_the_api_answers_422_or_404_to_oversized_parameters(path: str) -> None:
    response = login("langson").get(path)
    assert response.status_code in (404, 422), response.content[:300]
    if response.status_code == 422:
        assert response.json()["detail"]


# --- Every form of every page, posted with oversized values ----------------------------


class _Forms(HTMLParser):
    """The POST forms of a page: action, and each input's name, type and value."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, list[tuple[str, str, str]], bool]] = []
        self._current: tuple[str, list[tuple[str, str, str]], bool] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "get").lower() == "post":
            self._current = (a.get("action", ""), [], "multipart" in a.get("enctype", ""))
            self.forms.append(self._current)
        elif self._current is not None and tag in ("input", "textarea", "select") and a.get("name"):
            kind = a.get("type", "text") if tag == "input" else tag
            self._current[1].append((a["name"], kind.lower(), a.get("value", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None


def _oversized(fields: list[tuple[str, str, str]]) -> dict[str, str] | None:
    data: dict[str, str] = {}
    filled = False
    for name, kind, value in fields:
        if kind in ("hidden", "submit", "button") or name == "csrfmiddlewaretoken":
            data.setdefault(name, value)
        elif kind == "file":
            return None  # uploads have their own caps and corpus (issue 15.3)
        elif kind in ("checkbox", "radio"):
            data.setdefault(name, value or "on")
        elif kind == "select":
            continue  # a choice out of the list is the form's ordinary error
        else:
            data[name] = str(HUGE) if kind == "number" else "Nguyễn " * 20_000
            filled = True
    return data if filled else None


@pytest.mark.django_db
def test_no_form_of_any_page_answers_500_to_oversized_values(
    world: dict[str, object],  # noqa: F811 - the permission matrix's fixture
) -> None:
    posted, failures = 0, []
    for persona in ("national", "loc_binh"):
        client = client_for(persona)
        for name, route in routes():
            if name.startswith("api:"):
                continue
            url = url_for(name, route, world)
            page = client.get(url)
            if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
                continue
            parser = _Forms()
            parser.feed(page.content.decode())
            for action, fields, _multipart in parser.forms:
                data = _oversized(fields)
                if data is None:
                    continue
                target = action or url
                response = client.post(target, data)
                posted += 1
                if response.status_code >= 500:
                    failures.append(f"{persona} {name} → {target}: {response.status_code}")
    assert posted >= 20
    assert failures == []


@pytest.mark.django_db
def test_the_counting_pages_refuse_a_serial_of_ten_to_the_twenty_without_a_500() -> None:
    # The desk and the board's ruling read the serial by hand, not through a form.
    election = counting_election()
    desk = login("to1").post(reverse("election_key", args=[election.pk, 1]), {"line": f"{HUGE} 2"})
    assert desk.status_code == 400
    assert f"Phiếu số {HUGE} nằm ngoài các số có thể in trên phiếu" in desk.content.decode()
    ruling = login("truongban").post(
        reverse("election_rule", args=[election.pk]),
        {"serial": str(HUGE), "line": "2"},
        follow=True,
    )
    assert ruling.status_code == 400
    assert f"Phiếu số {HUGE} nằm ngoài các số có thể in trên phiếu" in ruling.content.decode()
    assert not BallotEntry.objects.filter(election=election).exists()


@pytest.mark.django_db
def test_handling_comments_with_an_id_beyond_any_key_is_not_a_500() -> None:
    # The ticked ids are looked up with `pk__in`: one beyond any key names no row.
    campaign = loc_binh_congress().campaign
    document, round_ = document_with_round(campaign)
    comment = draft_comments.do_add_comment(
        round_, text="Góp ý", received_on=dt.date(2020, 3, 2), acting_user=user("locbinh")
    )
    url = reverse("drafts_comments_handle", args=[campaign.slug, "188", document.kind, 1])
    response = login("locbinh").post(
        url,
        {"ids": [str(HUGE)], "handling": "accepted", "response": ""},
        follow=True,
    )
    assert response.status_code == 400
    assert "Hãy chọn ít nhất một ý kiến." in response.content.decode()
    comment.refresh_from_db()
    assert comment.handling == ""


def test_posted_ids_beyond_the_keys_range_name_no_row() -> None:
    top = 2**63 - 1
    assert key_ids(["12", str(top), str(top + 1), str(HUGE), "", "x", "١٢"]) == [12, top]


@pytest.mark.django_db
def test_recording_the_elected_with_an_id_beyond_any_key_is_a_message() -> None:
    congress = personnel_congress()
    cl = do_create_list(congress, "committee", 11, acting_user=user("langson"))
    for person in make_people():
        do_add_to_list(cl, person, acting_user=user("langson"))
    do_adopt_list(cl, acting_user=user("langson"))
    response = login("locbinh").post(
        reverse("personnel_list_elected", args=[cl.pk]),
        {"elected": [str(HUGE)]},
        follow=True,
    )
    assert response.status_code == 200
    assert "Hãy chọn những người trúng cử." in response.content.decode()
    assert not congress.elected.exists()
