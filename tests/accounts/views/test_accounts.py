"""The accounts pages of a unit: a new account and its printed sheet, edit, lock, unlock."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from daihoi.accounts.models import User
from tests.conftest import login

pytestmark = pytest.mark.django_db
LOC_BINH = ("2020", "188")


def new_account(client: Client, **data: object) -> object:
    body = {
        "username": "nhapphieu-lb",
        "full_name": "Hoàng Thị Nhập",
        "unit": "188",
        "roles": ["counting_board"],
        **data,
    }
    return client.post(reverse("org_account_create", args=LOC_BINH), body)


def test_the_form_offers_only_the_roles_the_department_may_give() -> None:
    page = login("locbinh").get(reverse("org_account_new", args=LOC_BINH)).content.decode()
    assert 'value="counting_board"' in page and 'value="delegate"' in page
    assert 'value="admin"' not in page


def test_a_created_account_prints_its_sheet_once_and_must_change_its_password() -> None:
    response = new_account(login("locbinh"))
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "no-store" in response["Cache-Control"]  # type: ignore[index]
    html = response.content.decode()  # type: ignore[attr-defined]
    password = response.context["issued"][0].password  # type: ignore[attr-defined]
    assert 'data-username="nhapphieu-lb"' in html and password in html and "<svg" in html
    assert "sheets.css" in html
    user = User.objects.get(username="nhapphieu-lb")
    assert user.password_temporary and password not in user.password
    # The typist signs in with the sheet: the password change comes first.
    client = Client()
    client.post(reverse("login"), {"username": "nhapphieu-lb", "password": password})
    home = client.get(reverse("my_elections"))
    assert home.status_code == 302 and home["Location"] == reverse("password_change")
    client.post(
        reverse("password_change"),
        {
            "old_password": password,
            "new_password1": "Rieng-tu-2025!",
            "new_password2": "Rieng-tu-2025!",
        },
    )
    user.refresh_from_db()
    assert not user.password_temporary
    assert client.get(reverse("my_elections")).status_code == 200


def test_refusals_come_back_with_the_form_as_typed_and_their_code() -> None:
    client = login("locbinh")
    outside = new_account(client, unit="94")
    assert outside.status_code == 409  # type: ignore[attr-defined]
    assert outside.context["refused"].codes == ["unit_out_of_scope"]  # type: ignore[attr-defined]
    html = outside.content.decode()  # type: ignore[attr-defined]
    assert "«94»" in html and 'value="Hoàng Thị Nhập"' in html
    admin = new_account(client, roles=["admin"])
    assert admin.context["refused"].codes == ["role_not_grantable"]  # type: ignore[attr-defined]
    taken = new_account(client, username="soctrang")
    assert taken.context["refused"].codes == ["username_taken"]  # type: ignore[attr-defined]
    unknown = new_account(client, unit="KHONG-CO")
    assert unknown.status_code == 400  # type: ignore[attr-defined]
    assert "«KHONG-CO»" in unknown.content.decode()  # type: ignore[attr-defined]
    assert not User.objects.filter(username="nhapphieu-lb").exists()


def test_soc_trang_does_not_see_loc_binhs_accounts() -> None:
    client = login("soctrang")
    assert client.get(reverse("org_account_new", args=LOC_BINH)).status_code == 404
    assert new_account(client).status_code == 404  # type: ignore[attr-defined]
    assert not User.objects.filter(username="nhapphieu-lb").exists()


def test_edit_lock_and_unlock_from_the_list() -> None:
    client = login("locbinh")
    new_account(client)
    user = User.objects.get(username="nhapphieu-lb")
    args = (*LOC_BINH, user.pk)
    page = client.get(reverse("org_accounts", args=LOC_BINH)).content.decode()
    lock = reverse("org_account_lock", args=args)
    form = page.split(f'action="{lock}"')[1].split("</form>")[0]
    assert "data-confirm=" in form
    edit = client.get(reverse("org_account_edit", args=args))
    assert 'value="Hoàng Thị Nhập"' in edit.content.decode()
    saved = client.post(
        reverse("org_account_save", args=args),
        {
            "full_name": "Hoàng Thị Nhập",
            "unit": "06553",
            "roles": ["delegate"],
            "technical_staff": "on",
        },
    )
    assert saved.status_code == 302
    user.refresh_from_db()
    assert user.organisation.code == "06553" and user.technical_staff
    assert client.post(lock).status_code == 302
    user.refresh_from_db()
    assert not user.is_active
    again = client.post(lock)
    assert again.status_code == 409 and again.context["refused"].codes == ["already_locked"]
    assert client.post(reverse("org_account_unlock", args=args)).status_code == 302
    user.refresh_from_db()
    assert user.is_active


def test_a_department_may_not_edit_a_colleague_nor_lock_itself() -> None:
    client = login("locbinh")
    me = User.objects.get(username="locbinh")
    args = (*LOC_BINH, me.pk)
    assert client.get(reverse("org_account_edit", args=args)).status_code == 403
    refused = client.post(reverse("org_account_lock", args=args))
    assert refused.status_code == 409 and refused.context["refused"].codes == ["own_account"]
    me.refresh_from_db()
    assert me.is_active
    typist = login("nhapphieu1")
    assert typist.post(reverse("org_account_lock", args=("2020", "94", me.pk))).status_code == 403
