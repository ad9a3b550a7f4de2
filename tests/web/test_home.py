"""Each role's home page shows that role's own work (issue 17.1), on the demo-like world."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from daihoi.accounts.models import Role, User
from daihoi.campaigns.models import Campaign
from daihoi.elections.models import Election, ElectionState
from daihoi.personnel.models import CandidateList
from tests.conftest import login

pytestmark = pytest.mark.django_db


def home(username: str) -> str:
    response = login(username).get("/")
    assert response.status_code == 200
    return response.content.decode()


def section(page: str, name: str) -> str:
    """The HTML of one section of the home page (empty when it is not there)."""
    match = re.search(rf'<section id="home-{name}">(.*?)\n</section>', page, re.S)
    return match.group(1) if match else ""


def test_the_department_sees_its_units_campaign_and_its_own_congress(demo_world: Campaign) -> None:
    page = home("locbinh")
    department = section(page, "department")
    assert reverse("dashboard", args=[demo_world.slug, "188"]) in department
    assert reverse("congress_detail", args=[demo_world.slug, "188"]) in department
    assert 'id="home-progress"' in department and "Tổ chức cơ sở đảng" in department
    assert "Đại hội của đơn vị" in department
    # The work queue's own section sits inside it when that app is installed.
    assert "Việc cần làm" in department
    assert section(page, "counting") == "" and section(page, "delegate") == ""


def test_a_typist_sees_the_election_being_counted_and_the_way_to_their_desk(
    demo_world: Campaign,
) -> None:
    counting = section(home("nhapphieu1"), "counting")
    election = Election.objects.get(congress__campaign=demo_world, state=ElectionState.COUNTING)
    assert election.title in counting and "Nhập phiếu tại bàn nhập của tổ 1." in counting
    assert reverse("election_desk", args=[election.pk, 1]) in counting
    assert reverse("election_reconcile", args=[election.pk]) not in counting
    assert "Đã niêm phong" in counting  # the sealed election, with its results
    assert section(home("nhapphieu1"), "department") == ""


def test_the_boards_head_is_sent_to_the_reconciliation(demo_world: Campaign) -> None:
    counting = section(home("truongbankp"), "counting")
    election = Election.objects.get(congress__campaign=demo_world, state=ElectionState.COUNTING)
    assert reverse("election_reconcile", args=[election.pk]) in counting
    assert "quyết định các phiếu chênh lệch" in counting
    assert "/nhap/" not in counting


def test_the_documents_subcommittee_sees_its_documents_with_their_next_step(
    demo_world: Campaign,
) -> None:
    page = home("tieuban")
    documents = section(page, "documents")
    assert reverse("drafts_congress", args=[demo_world.slug, "34-KCQ-SCT"]) in documents
    assert "Báo cáo chính trị Đảng bộ Sở Công Thương" in documents
    assert "Bước tiếp theo" in documents
    # Personnel records are not theirs (issue 15.2).
    assert section(page, "personnel") == "" and "/nhan-su/" not in page


def test_the_personnel_subcommittee_sees_its_candidate_lists(demo_world: Campaign) -> None:
    personnel = section(home("nhansu"), "personnel")
    candidate_list = CandidateList.objects.get(congress__organisation__code="34-KCQ-SCT")
    assert reverse("personnel_list", args=[candidate_list.pk]) in personnel
    assert "Dự kiến" in personnel and "quy trình 5 bước" in personnel


def test_the_delegate_sees_their_congress_card_and_programme(demo_world: Campaign) -> None:
    delegate = section(home("daibieu"), "delegate")
    assert "Đảng bộ huyện Lộc Bình" in delegate
    cards = reverse("assembly_cards", args=[demo_world.slug, "188"])
    assert cards in delegate and "Hoàng Thị Lan" in delegate
    assert "Chương trình đại hội" in delegate and "Bầu Ban Kiểm phiếu" in delegate
    # Their card, and only theirs: the register holds 150 officials.
    card_page = login("daibieu").get(cards).content.decode()
    assert card_page.count('<article class="card') == 1 and "Hoàng Thị Lan" in card_page


def test_the_leader_sees_the_dashboards_of_their_subtree(demo_world: Campaign) -> None:
    leader = section(home("lanhdao"), "leader")
    assert reverse("dashboard", args=[demo_world.slug, "34"]) in leader
    assert (
        reverse("dashboard", args=[demo_world.slug, "34-KCQ-SCT"]) not in leader
    )  # two levels down
    assert leader.count("/tong-quan/") > 5, "one dashboard per unit directly below"


def test_a_person_with_two_roles_sees_both_kinds_of_work(demo_world: Campaign) -> None:
    user = User.objects.get(username="truongbankp")
    user.roles = [Role.COUNTING_BOARD, Role.ORG_STAFF]
    user.save(update_fields=["roles"])
    page = home("truongbankp")
    assert section(page, "counting") and section(page, "department")
    assert page.index('id="home-counting"') < page.index('id="home-department"')


def test_the_audit_trail_is_the_staffs(demo_world: Campaign) -> None:
    trail = reverse("org_audit", args=["2020", "94"])
    page = login("nhapphieu1").get(reverse("org_detail", args=["2020", "94"])).content.decode()
    assert trail not in page
    assert login("nhapphieu1").get(trail).status_code == 403
    assert (
        login("tieuban").get(reverse("org_audit", args=["2020", "34-KCQ-SCT"])).status_code == 403
    )
    assert (
        trail in login("soctrang").get(reverse("org_detail", args=["2020", "94"])).content.decode()
    )
    assert login("soctrang").get(trail).status_code == 200
