"""The delegates' accounts of a congress: one action makes the missing ones, all or none,
and prints a sheet per person; the counting board then picks delegates by name."""

from __future__ import annotations

import pytest
from django.urls import reverse

from daihoi.accounts.models import User
from daihoi.assembly.actions.delegates import do_add_delegate
from daihoi.audit.models import AuditEntry
from daihoi.elections.actions.candidates import do_set_candidates
from daihoi.elections.actions.lifecycle import do_create_election
from daihoi.elections.models import ElectionKind
from tests.assembly.helpers import loc_binh_congress, register, staff
from tests.conftest import login

pytestmark = pytest.mark.django_db


def urls(congress: object) -> tuple[str, str]:
    args = [congress.campaign.slug, "188"]  # type: ignore[attr-defined]
    return reverse("delegate_accounts", args=args), reverse("delegate_accounts_create", args=args)


def test_the_missing_accounts_are_made_at_once_with_a_sheet_each() -> None:
    congress = loc_binh_congress()
    register(congress, officials=4, alternates=1)
    page_url, create_url = urls(congress)
    client = login("locbinh")
    page = client.get(page_url).content.decode()
    assert "Tạo 4 tài khoản còn thiếu" in page and "data-confirm=" in page
    response = client.post(create_url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    issued = response.context["issued"]
    assert len(issued) == 4  # the officials; the alternate gets none
    html = response.content.decode()
    for item in issued:
        assert item.password in html and item.user.check_password(item.password)
        assert item.user.roles == ["delegate"] and item.user.organisation == congress.organisation
    assert html.count('<section class="sheet"') == 4 and "<svg" in html
    assert AuditEntry.objects.filter(action="accounts.create").count() == 4
    # Run again: nothing missing, nothing made, refused by code.
    again = client.post(create_url)
    assert again.status_code == 409 and again.context["refused"].codes == ["nothing_missing"]
    assert User.objects.filter(register_key__startswith=f"delegate:{congress.pk}:").count() == 4


def test_a_new_official_gets_only_their_own_account() -> None:
    congress = loc_binh_congress()
    register(congress, officials=2, alternates=0)
    client = login("locbinh")
    client.post(urls(congress)[1])
    do_add_delegate(congress, full_name="Người Mới Vào", acting_user=staff())
    response = client.post(urls(congress)[1])
    assert [i.user.full_name for i in response.context["issued"]] == ["Người Mới Vào"]


def test_nothing_is_made_when_one_account_cannot_be(monkeypatch: pytest.MonkeyPatch) -> None:
    congress = loc_binh_congress()
    register(congress, officials=3, alternates=0)
    from daihoi.audit import log

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("audit down")

    monkeypatch.setattr(log, "record_many", broken)
    with pytest.raises(RuntimeError):
        login("locbinh").post(urls(congress)[1])
    assert not User.objects.filter(register_key__startswith=f"delegate:{congress.pk}:").exists()


def test_others_may_not_make_a_congress_accounts() -> None:
    congress = loc_binh_congress()
    register(congress, officials=2, alternates=0)
    assert login("soctrang").post(urls(congress)[1]).status_code == 404
    assert login("nhapphieu1").post(urls(congress)[1]).status_code == 404
    assert not User.objects.filter(register_key__startswith=f"delegate:{congress.pk}:").exists()


def test_the_board_is_chosen_by_name_from_delegates_not_on_a_list() -> None:
    congress = loc_binh_congress()
    register(congress, officials=4, alternates=0)
    login("locbinh").post(urls(congress)[1])
    locbinh = User.objects.get(username="locbinh")
    election = do_create_election(congress, ElectionKind.DELEGATES, 1, acting_user=locbinh)
    other = do_create_election(congress, ElectionKind.COMMITTEE, 1, acting_user=locbinh)
    do_set_candidates(other, ["Đại Biểu Số 2", "Ai Đó"], acting_user=locbinh)
    technical = User.objects.create_user(
        "kythuat",
        organisation=congress.organisation,
        full_name="Kỹ Thuật Viên",
        technical_staff=True,
    )
    page = login("locbinh").get(reverse("election_detail", args=[election.pk])).content.decode()
    form = page.split('id="board-form"')[1].split("</form>")[0]
    assert "Đại Biểu Số 1 (đại biểu)" in form and "Kỹ Thuật Viên (nhân viên kỹ thuật)" in form
    assert "Đại Biểu Số 2" not in form  # on another list of the congress
    assert 'name="username"' not in form  # no username to type
    delegate = User.objects.get(full_name="Đại Biểu Số 1")
    add = reverse("election_board_add", args=[election.pk])
    client = login("locbinh")
    for person, role in ((delegate, "head"), (technical, "technical")):
        data = {"person": person.pk, "role": role, "team": "1" if role == "technical" else ""}
        assert client.post(add, data).status_code == 302
    assert set(election.board.values_list("user__full_name", flat=True)) == {
        "Đại Biểu Số 1",
        "Kỹ Thuật Viên",
    }
    # Someone who is neither a delegate nor technical staff is refused by the action.
    plain = User.objects.create_user("binhthuong", organisation=congress.organisation)
    refused = client.post(add, {"person": plain.pk, "role": "member"})
    assert refused.status_code == 400 and "không phải đại biểu" in refused.content.decode()
    assert not election.board.filter(user=plain).exists()
    # Their sign-in sheets, printed once for those who never signed in.
    sheets = client.post(reverse("election_board_sheets", args=[election.pk]))
    assert sheets.status_code == 200
    assert {i.user.username for i in sheets.context["issued"]} == {
        delegate.username,
        "kythuat",
    }
