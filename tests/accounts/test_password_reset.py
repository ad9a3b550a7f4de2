"""Password reset by an administrator of the subtree (issue 15.1): a one-time link,
shown once, scoped to the unit's accounts and never to one with more rights."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from daihoi.accounts.models import Role, User
from daihoi.audit.models import AuditEntry
from tests.accounts.test_two_factor import login as login_form
from tests.conftest import login, org

pytestmark = pytest.mark.django_db

NEW = "Mat-khau-moi-2026"


def accounts_url(code: str) -> str:
    return reverse("org_accounts", args=["2020", org(code).code])


def reset_url(code: str, user: User) -> str:
    return reverse("org_account_reset", args=["2020", org(code).code, user.pk])


def issue_link(client: Client, code: str, user: User) -> str:
    response = client.post(reset_url(code, user))
    assert response.status_code == 200, response.content.decode()[:500]
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    )
    found = re.search(r'<code id="reset-link">([^<]+)</code>', response.content.decode())
    assert found, "the page shows the link"
    return found.group(1).replace("http://testserver", "")


def test_a_province_department_resets_a_district_account_with_a_one_time_link() -> None:
    staff = login("langson")
    locbinh = User.objects.get(username="locbinh")
    page = staff.get(accounts_url("20")).content.decode()
    assert 'data-username="locbinh"' in page and "Cấp liên kết đặt lại mật khẩu" in page

    link = issue_link(staff, "20", locbinh)
    entry = AuditEntry.objects.get(action="accounts.password_reset_link")
    assert entry.target == f"user:{locbinh.pk}"
    assert entry.actor_id == User.objects.get(username="langson").pk
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert token not in str(entry.before) + str(entry.after) + entry.target

    # The person opens the link (signed out), sets a new password, and signs in with it.
    person = Client()
    opened = person.get(link, follow=True)
    assert "Đặt mật khẩu mới" in opened.content.decode()
    assert token not in opened.redirect_chain[-1][0], "the token leaves the address bar"
    set_page = opened.redirect_chain[-1][0]
    done = person.post(set_page, {"new_password1": NEW, "new_password2": NEW}, follow=True)
    assert "Đã đặt mật khẩu mới" in done.content.decode()
    locbinh.refresh_from_db()
    assert locbinh.check_password(NEW)
    assert AuditEntry.objects.filter(
        action="accounts.password_reset", target=f"user:{locbinh.pk}"
    ).exists()

    # The same link a second time: refused, the password stays.
    again = Client().get(link, follow=True).content.decode()
    assert "Liên kết này không dùng được" in again
    assert "new_password1" not in again


def test_a_link_stops_working_once_the_user_signs_in() -> None:
    staff = login("langson")
    locbinh = User.objects.get(username="locbinh")
    link = issue_link(staff, "20", locbinh)
    # Remembered the old password after all: signing in (last_login) spends the link.
    assert login_form(Client(), "locbinh").status_code == 302
    page = Client().get(link, follow=True).content.decode()
    assert "Liên kết này không dùng được" in page


def test_a_district_cannot_reset_its_province_nor_a_neighbour() -> None:
    district = login("locbinh")
    langson = User.objects.get(username="langson")
    # The province's page does not exist for the district (outside its subtree: 404).
    assert district.get(accounts_url("20")).status_code == 404
    # Through its own page, an account outside the subtree is not found either.
    assert district.post(reset_url("188", langson)).status_code == 404
    assert not AuditEntry.objects.filter(action="accounts.password_reset_link").exists()


def test_nobody_resets_an_account_with_more_rights_nor_their_own() -> None:
    staff = login("langson")
    stronger = User.objects.create_user(
        "quantrihuyen", organisation=org("188"), roles=[Role.ORG_STAFF, Role.ADMIN]
    )
    page = staff.get(accounts_url("20")).content.decode()
    row = page.split('data-username="quantrihuyen"')[1].split("</tr>")[0]
    assert "Cấp liên kết" not in row, "no button for an account with more rights"
    refused = staff.post(reset_url("20", stronger))
    assert refused.status_code == 403
    assert "có quyền mà đồng chí không có" in refused.content.decode()
    own = staff.post(reset_url("20", User.objects.get(username="langson")))
    assert own.status_code == 403
    assert not AuditEntry.objects.filter(action="accounts.password_reset_link").exists()
    # The national administrator may.
    assert issue_link(login("quantri"), "20", stronger).startswith("/dat-lai-mat-khau/")


def test_a_department_resets_its_typists_but_not_a_colleague_of_its_own_unit() -> None:
    staff = login("langson")
    province = org("20")
    typist = User.objects.create_user(
        "go-phieu-ls", organisation=province, roles=[Role.COUNTING_BOARD]
    )
    colleague = User.objects.create_user(
        "dong-nghiep-ls", organisation=province, roles=[Role.ORG_STAFF]
    )
    assert issue_link(staff, "20", typist).startswith("/dat-lai-mat-khau/")
    refused = staff.post(reset_url("20", colleague))
    assert refused.status_code == 403
    assert "cùng quản trị đơn vị" in refused.content.decode()
    # The district's department below is the province's to help.
    assert issue_link(staff, "20", User.objects.get(username="locbinh"))


@pytest.mark.parametrize("username", ["lanhdao", "kiemphieu"])
def test_who_does_not_write_the_tree_has_no_accounts_page(username: str) -> None:
    client = login(username)
    user = User.objects.get(username=username)
    code = user.organisation.code if user.organisation else "20"
    assert client.get(reverse("org_accounts", args=["2020", code])).status_code == 403
    assert client.post(reverse("org_account_reset", args=["2020", code, user.pk])).status_code in (
        403,
        404,
    )


def test_the_reset_url_answers_get_with_405() -> None:
    staff = login("langson")
    locbinh = User.objects.get(username="locbinh")
    assert staff.get(reset_url("20", locbinh)).status_code == 405
