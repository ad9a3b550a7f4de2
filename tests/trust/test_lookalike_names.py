"""Names that look alike are refused wherever a name is entered, and nothing is written.

A zero-width space or a Cyrillic "а" makes two candidates look the same on the
ballot while the system counts them apart; a right-to-left override shows a
delegate's name reversed on the projector.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from daihoi.assembly.actions.delegates import do_add_delegate, do_import_register
from daihoi.assembly.forms import DelegateForm
from daihoi.assembly.models import Delegate
from daihoi.assembly.register_import import RegisterImportRejected
from daihoi.audit.models import AuditEntry
from daihoi.campaigns.models import Congress
from daihoi.core.errors import ActionRefused
from daihoi.elections.actions.candidates import do_record_floor_nomination, do_set_candidates
from daihoi.elections.actions.lifecycle import do_create_election
from daihoi.elections.forms import CandidatesForm
from daihoi.elections.models import Candidate, Election
from daihoi.orgs.actions import do_update_organisation
from daihoi.orgs.forms import OrganisationForm
from daihoi.orgs.importer import ImportRejected, plan_import
from daihoi.orgs.models import Organisation, Structure
from daihoi.orgs.names import validate_name
from daihoi.personnel.actions.people import do_create_person, do_update_person
from daihoi.personnel.forms import PersonForm
from daihoi.personnel.models import Person
from daihoi.personnel.people_import import PeopleImportRejected, plan_people_import
from tests.assembly.helpers import loc_binh_congress
from tests.assembly.helpers import staff as register_staff
from tests.campaigns.helpers import open_congresses, small_campaign
from tests.conftest import org
from tests.elections.helpers import staff as election_staff
from tests.orgs.helpers import table
from tests.personnel.helpers import staff as personnel_staff

pytestmark = pytest.mark.django_db

ZWSP = "\u200b"
RLO = "\u202e"
SOFT_HYPHEN = "\u00ad"
CYRILLIC_A = "\u0430"


@contextmanager
def refused_writing_nothing(*models: type) -> Iterator[list[str]]:
    """Expect ActionRefused; yield its reasons; check no row and no audit entry was added."""
    counts = [m.objects.count() for m in (*models, AuditEntry)]  # type: ignore[attr-defined]
    reasons: list[str] = []
    with pytest.raises(ActionRefused) as caught:
        yield reasons
    reasons.extend(caught.value.reasons)
    assert [m.objects.count() for m in (*models, AuditEntry)] == counts  # type: ignore[attr-defined]


def draft_election() -> Election:
    campaign = small_campaign("ten-giong-nhau")
    open_congresses(campaign, "20")
    congress = Congress.objects.get(campaign=campaign, organisation__code="188")
    return do_create_election(congress, "committee", 2, acting_user=election_staff())


def listed(election: Election) -> list[str]:
    return list(election.candidates.order_by("position").values_list("full_name", flat=True))


# Candidates ------------------------------------------------------------------------


def test_a_list_with_a_zero_width_space_twin_is_refused_naming_the_character() -> None:
    election = draft_election()
    do_set_candidates(election, ["Trần Thị Bình"], acting_user=election_staff())
    with refused_writing_nothing(Candidate) as reasons:
        do_set_candidates(
            election, ["Nguyễn Văn An", f"Nguyễn Văn{ZWSP} An"], acting_user=election_staff()
        )
    assert reasons == [
        'Họ và tên "Nguyễn Văn An" chứa ký tự vô hình U+200B (ZERO WIDTH SPACE); hãy gõ lại tên.'
    ]
    assert listed(election) == ["Trần Thị Bình"]


def test_a_cyrillic_letter_in_a_candidate_name_is_refused() -> None:
    election = draft_election()
    with refused_writing_nothing(Candidate) as reasons:
        do_set_candidates(
            election, ["Lê Văn Cường", f"Nguyễn Văn {CYRILLIC_A}n"], acting_user=election_staff()
        )
    (reason,) = reasons
    assert "trộn chữ Latinh với chữ Kirin (Cyrillic)" in reason
    assert "U+0430 (CYRILLIC SMALL LETTER A)" in reason


def test_a_floor_nomination_with_a_right_to_left_override_is_refused() -> None:
    election = draft_election()
    with refused_writing_nothing(Candidate) as reasons:
        do_record_floor_nomination(
            election, f"{RLO}Phạm Thị Dung", agree=90, present=100, acting_user=election_staff()
        )
    (reason,) = reasons
    assert reason.startswith('Họ và tên người được đề cử "Phạm Thị Dung" chứa ký tự vô hình')
    assert "U+202E (RIGHT-TO-LEFT OVERRIDE)" in reason
    assert RLO not in reason


def test_a_name_typed_decomposed_is_stored_composed_and_is_its_composed_twin() -> None:
    election = draft_election()
    nfc = "Nguyễn Thị Ánh"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    do_set_candidates(election, [nfd, "Lê Văn Cường"], acting_user=election_staff())
    assert nfc in listed(election)
    with refused_writing_nothing(Candidate) as reasons:
        do_record_floor_nomination(
            election, nfc, agree=90, present=100, acting_user=election_staff()
        )
    assert reasons == [f"{nfc} đã có trong danh sách."]
    with refused_writing_nothing(Candidate) as reasons:
        do_set_candidates(election, [nfd, nfc], acting_user=election_staff())
    assert reasons == [f"Tên trùng trong danh sách: {nfc}."]


def test_the_candidates_form_shows_the_character_beside_the_list() -> None:
    form = CandidatesForm({"names": f"Trần Thị Bình\nNguyễn Văn{ZWSP} An"})
    assert not form.is_valid()
    assert "U+200B (ZERO WIDTH SPACE)" in form.errors["names"][0]
    assert CandidatesForm({"names": "Trần Thị Bình\nNguyễn Văn An"}).is_valid()


# Delegates -------------------------------------------------------------------------


def test_a_delegate_name_with_a_right_to_left_override_is_refused() -> None:
    congress = loc_binh_congress()
    with refused_writing_nothing(Delegate) as reasons:
        do_add_delegate(congress, full_name=f"{RLO}Hoàng Văn Nam", acting_user=register_staff())
    assert reasons == [
        'Họ và tên "Hoàng Văn Nam" chứa ký tự vô hình U+202E (RIGHT-TO-LEFT OVERRIDE); '
        "hãy gõ lại tên."
    ]


def test_the_register_import_refuses_a_row_with_a_zero_width_space() -> None:
    congress = loc_binh_congress()
    rows = table(
        "Họ và tên,Loại đại biểu",
        "Lăng Văn Em,Đương nhiên",
        f"Hà Thị{ZWSP} Giang,Đương nhiên",
    )
    count = Delegate.objects.count()
    with pytest.raises(RegisterImportRejected) as caught:
        do_import_register(congress, rows, acting_user=register_staff())
    (error,) = caught.value.errors
    assert (error.row, error.column) == (3, "Họ và tên")
    assert "U+200B (ZERO WIDTH SPACE)" in str(error)
    assert Delegate.objects.count() == count


def test_the_delegate_form_shows_the_error_beside_the_name() -> None:
    form = DelegateForm(
        {"full_name": f"Nguyễn Văn {CYRILLIC_A}n", "kind": "ex_officio", "basis": "ex_officio"},
        congress=loc_binh_congress(),
    )
    assert not form.is_valid()
    assert "chữ Kirin (Cyrillic)" in form.errors["full_name"][0]


# People ----------------------------------------------------------------------------


PERSON = {"gender": "M", "birth_date": dt.date(1975, 3, 2)}


def test_a_person_with_a_soft_hyphen_in_the_name_is_refused() -> None:
    with refused_writing_nothing(Person) as reasons:
        do_create_person(
            org("188"),
            {**PERSON, "full_name": f"Hoàng Văn A{SOFT_HYPHEN}n"},
            acting_user=personnel_staff(),
        )
    assert reasons == [
        'Họ và tên "Hoàng Văn An" chứa ký tự vô hình U+00AD (SOFT HYPHEN); hãy gõ lại tên.'
    ]


def test_renaming_a_person_with_a_cyrillic_letter_is_refused_and_keeps_the_old_name() -> None:
    person = do_create_person(
        org("188"), {**PERSON, "full_name": "Hoàng Văn An"}, acting_user=personnel_staff()
    )
    with refused_writing_nothing(Person):
        do_update_person(
            person, {"full_name": f"Hoàng Văn {CYRILLIC_A}n"}, acting_user=personnel_staff()
        )
    person.refresh_from_db()
    assert person.full_name == "Hoàng Văn An"


def test_a_person_typed_decomposed_is_stored_composed() -> None:
    person = do_create_person(
        org("188"),
        {**PERSON, "full_name": unicodedata.normalize("NFD", "Đinh Thị Ửng")},
        acting_user=personnel_staff(),
    )
    person.refresh_from_db()
    assert person.full_name == "Đinh Thị Ửng"


def test_the_people_import_names_row_and_column_of_an_invisible_character() -> None:
    rows = table(
        "Họ và tên,Giới tính,Ngày sinh",
        "Nông Thị Bích,Nữ,15/06/1982",
        f"Lý Văn{ZWSP}Cường,Nam,20/01/1968",
    )
    with pytest.raises(PeopleImportRejected) as caught:
        plan_people_import(org("188"), rows)
    (error,) = caught.value.errors
    assert (error.row, error.column) == (3, "Họ và tên")
    assert "U+200B (ZERO WIDTH SPACE)" in error.message


def test_the_person_form_shows_the_error_beside_the_name() -> None:
    form = PersonForm(
        {"full_name": f"{RLO}Hoàng Văn An", "gender": "M", "birth_date": "02/03/1975"}
    )
    assert not form.is_valid()
    assert "U+202E (RIGHT-TO-LEFT OVERRIDE)" in form.errors["full_name"][0]


# Organisations ---------------------------------------------------------------------


def test_an_organisation_import_row_with_a_soft_hyphen_is_refused_with_its_row() -> None:
    count = Organisation.objects.count()
    with pytest.raises(ImportRejected) as caught:
        plan_import(
            Structure.objects.get(code="2020"),
            table(
                "code,parent_code,name,level",
                "188-X1,188,Đảng bộ Trường Dân tộc nội trú,3",
                f"188-X2,188,Chi bộ Giáo{SOFT_HYPHEN}viên,3",
            ),
        )
    (error,) = caught.value.errors
    assert error.row == 3
    assert "U+00AD (SOFT HYPHEN)" in str(error)
    assert Organisation.objects.count() == count


def test_renaming_an_organisation_with_an_invisible_character_is_refused() -> None:
    unit = org("188")
    old = unit.name
    with refused_writing_nothing(Organisation) as reasons:
        do_update_organisation(
            unit, {"name": f"Đảng bộ{ZWSP} huyện"}, acting_user=personnel_staff()
        )
    assert reasons[0].startswith('Tên tổ chức "Đảng bộ huyện" chứa ký tự vô hình U+200B')
    unit.refresh_from_db()
    assert unit.name == old


def test_the_organisation_form_shows_the_error_beside_the_name() -> None:
    unit = org("188")
    form = OrganisationForm(
        {"name": f"Đảng bộ huyện Lộc Bình{RLO}", "kind": unit.kind}, instance=unit
    )
    assert not form.is_valid()
    assert "U+202E" in form.errors["name"][0]


def test_an_import_error_quotes_the_value_without_its_reordering_character() -> None:
    with pytest.raises(ImportRejected) as caught:
        plan_import(
            Structure.objects.get(code="2020"),
            table("code,parent_code,name,level", f"188-X3,188,{RLO}Chi bộ Giáo viên,3"),
        )
    assert all(RLO not in str(e) for e in caught.value.errors)
    assert "«Chi bộ Giáo viên»" in str(caught.value.errors[0])


def test_the_plain_validator_accepts_a_vietnamese_name() -> None:
    validate_name("Đảng bộ xã Hưng Đạo")
