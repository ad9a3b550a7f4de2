"""Everything a user sees is limited to their organisation's subtree."""

from __future__ import annotations

import pytest
from django.test import Client

from daihoi.orgs import scope
from daihoi.orgs.models import Organisation
from tests.conftest import login, org

pytestmark = pytest.mark.django_db

SOC_TRANG = "/to-chuc/2020/94/"
LOC_BINH = "/to-chuc/2020/188/"


def test_loc_binh_staff_get_404_for_a_soc_trang_organisation(loc_binh_staff: Client) -> None:
    assert loc_binh_staff.get(SOC_TRANG).status_code == 404
    assert loc_binh_staff.get("/to-chuc/2020/94/nhat-ky/").status_code == 404
    assert loc_binh_staff.get("/to-chuc/2020/94/sua/").status_code == 404


def test_loc_binh_staff_cannot_see_their_own_province(loc_binh_staff: Client) -> None:
    assert loc_binh_staff.get("/to-chuc/2020/20/").status_code == 404
    assert loc_binh_staff.get(LOC_BINH).status_code == 200
    assert loc_binh_staff.get("/to-chuc/2020/06553/").status_code == 200


def test_the_province_sees_its_districts_but_not_another_province(province_staff: Client) -> None:
    assert province_staff.get(LOC_BINH).status_code == 200
    assert province_staff.get(SOC_TRANG).status_code == 404


def test_the_national_admin_sees_every_province(national_admin: Client) -> None:
    assert national_admin.get(SOC_TRANG).status_code == 200
    assert national_admin.get(LOC_BINH).status_code == 200


def test_an_account_without_an_organisation_sees_nothing(outsider: Client) -> None:
    assert outsider.get(LOC_BINH).status_code == 404
    assert outsider.get("/tim-kiem/?q=loc+binh").content.count(b"/to-chuc/") == 0


def test_anonymous_visitors_are_sent_to_the_login_page() -> None:
    response = Client().get(LOC_BINH)
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/")


def test_a_read_only_leader_may_look_but_not_edit(leader: Client) -> None:
    assert leader.get("/to-chuc/2020/34/").status_code == 200
    assert leader.get("/to-chuc/2020/34/sua/").status_code == 403
    assert leader.post("/to-chuc/2020/34/sua/luu/", {"name": "X"}).status_code == 403
    assert org("34").name == "Đảng bộ tỉnh Thái Bình"


def test_a_counting_board_member_cannot_import(counting_member: Client) -> None:
    assert counting_member.get("/to-chuc/2020/94/nhap/").status_code == 403


def test_search_only_finds_organisations_in_scope() -> None:
    client = login("soctrang")
    page = client.get("/tim-kiem/?q=loc+binh").content.decode()
    assert "Đảng bộ huyện Lộc Bình" not in page
    assert "Không tìm thấy gì" in page


def test_scope_helper_filters_by_the_users_subtree() -> None:
    from daihoi.accounts.models import User

    user = User.objects.get(username="locbinh")
    visible = scope.visible_orgs(user)
    loc_binh = org("188")
    assert visible.count() == 1 + 58 + 388
    assert not visible.exclude(path__startswith=loc_binh.path).exists()
    assert Organisation.objects.count() > visible.count()
