"""Accounts a department manages within its subtree (issue 17.5): refusals by code,
nothing half-created, audit entries with ids only."""

from __future__ import annotations

import json

import pytest

from daihoi.accounts.actions.accounts import (
    RegisterPerson,
    do_create_account,
    do_create_register_accounts,
    do_edit_account,
    do_lock_account,
    do_reissue_passwords,
    do_unlock_account,
    username_base,
)
from daihoi.accounts.models import Role, User
from daihoi.audit.models import AuditEntry
from daihoi.core.errors import ActionRefused
from tests.conftest import org

pytestmark = pytest.mark.django_db


def locbinh() -> User:
    return User.objects.get(username="locbinh")


def refused_code(call: object, *args: object, **kwargs: object) -> list[str]:
    with pytest.raises(ActionRefused) as exc:
        call(*args, **kwargs)  # type: ignore[operator]
    return exc.value.codes


def test_a_department_creates_a_typist_below_it_with_a_one_time_password() -> None:
    issued = do_create_account(
        "nhapphieu-db",
        full_name="Hoàng Thị Nhập",
        unit=org("06553"),
        roles=[Role.COUNTING_BOARD],
        acting_user=locbinh(),
    )
    user = User.objects.get(username="nhapphieu-db")
    assert user.organisation == org("06553") and user.roles == ["counting_board"]
    assert user.check_password(issued.password) and user.password_temporary
    assert issued.password not in user.password  # hashed, never in clear
    entry = AuditEntry.objects.get(action="accounts.create", target=f"user:{user.pk}")
    assert entry.actor == locbinh()
    written = json.dumps([entry.before, entry.after, entry.target], ensure_ascii=False)
    assert "Hoàng" not in written and "nhapphieu-db" not in written
    assert issued.password not in written


def test_loc_binh_cannot_create_a_soc_trang_account() -> None:
    codes = refused_code(
        do_create_account,
        "ngoai",
        full_name="Người Ngoài",
        unit=org("94"),
        roles=[Role.DELEGATE],
        acting_user=locbinh(),
    )
    assert codes == ["unit_out_of_scope"]
    assert not User.objects.filter(username="ngoai").exists()


def test_a_department_grants_neither_administrator_nor_a_role_beyond_its_own() -> None:
    for roles in ([Role.ADMIN], [Role.DELEGATE, Role.ADMIN]):
        codes = refused_code(
            do_create_account,
            "quantri-huyen",
            full_name="X",
            unit=org("06553"),
            roles=roles,
            acting_user=locbinh(),
        )
        assert codes == ["role_not_grantable"]
    assert not User.objects.filter(username="quantri-huyen").exists()
    assert not AuditEntry.objects.filter(action="accounts.create").exists()


def test_an_administrator_grants_administrator_only_below_its_own_unit() -> None:
    admin = User.objects.create_user("qt-tinh", organisation=org("20"), roles=[Role.ADMIN])
    do_create_account(
        "qt-huyen", full_name="Q", unit=org("188"), roles=[Role.ADMIN], acting_user=admin
    )
    codes = refused_code(
        do_create_account,
        "qt-tinh2",
        full_name="Q",
        unit=org("20"),
        roles=[Role.ADMIN],
        acting_user=admin,
    )
    assert codes == ["role_not_grantable"]


def test_an_existing_username_is_refused_naming_it() -> None:
    with pytest.raises(ActionRefused) as exc:
        do_create_account(
            "daibieu", full_name="X", unit=org("188"), roles=[Role.DELEGATE], acting_user=locbinh()
        )
    assert exc.value.codes == ["username_taken"] and "daibieu" in exc.value.reasons[0]


def test_edit_lock_and_unlock_are_audited_with_ids_only() -> None:
    issued = do_create_account(
        "go1", full_name="Tên Cũ", unit=org("188"), roles=[Role.DELEGATE], acting_user=locbinh()
    )
    user = issued.user
    do_edit_account(
        user,
        full_name="Tên Mới",
        unit=org("06553"),
        roles=[Role.COUNTING_BOARD],
        technical_staff=True,
        acting_user=locbinh(),
    )
    user.refresh_from_db()
    assert (user.full_name, user.organisation, user.roles, user.technical_staff) == (
        "Tên Mới",
        org("06553"),
        ["counting_board"],
        True,
    )
    edit = AuditEntry.objects.get(action="accounts.edit")
    assert "Tên" not in json.dumps([edit.before, edit.after], ensure_ascii=False)
    assert "full_name" in edit.after["fields"] and edit.after["user"] == user.pk
    do_lock_account(user, acting_user=locbinh())
    user.refresh_from_db()
    assert not user.is_active
    assert refused_code(do_lock_account, user, acting_user=locbinh()) == ["already_locked"]
    do_unlock_account(user, acting_user=locbinh())
    user.refresh_from_db()
    assert user.is_active
    actions = list(
        AuditEntry.objects.filter(target=f"user:{user.pk}")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["accounts.create", "accounts.edit", "accounts.lock", "accounts.unlock"]


def test_a_colleague_a_superior_or_an_outsider_is_not_managed() -> None:
    colleague = User.objects.create_user("bt2", organisation=org("188"), roles=[Role.ORG_STAFF])
    assert refused_code(do_lock_account, colleague, acting_user=locbinh()) == ["peer"]
    province = User.objects.get(username="langson")
    assert refused_code(do_lock_account, province, acting_user=locbinh()) == ["out_of_scope"]
    assert refused_code(do_lock_account, locbinh(), acting_user=locbinh()) == ["own_account"]
    soc = User.objects.get(username="soctrang")
    assert refused_code(do_lock_account, soc, acting_user=locbinh()) == ["out_of_scope"]
    assert User.objects.get(username="bt2").is_active


def test_an_edit_cannot_move_an_account_out_of_the_subtree_nor_raise_it() -> None:
    user = do_create_account(
        "go2", full_name="A", unit=org("188"), roles=[Role.DELEGATE], acting_user=locbinh()
    ).user
    assert refused_code(
        do_edit_account,
        user,
        full_name="A",
        unit=org("94"),
        roles=[Role.DELEGATE],
        technical_staff=False,
        acting_user=locbinh(),
    ) == ["unit_out_of_scope"]
    assert refused_code(
        do_edit_account,
        user,
        full_name="A",
        unit=org("188"),
        roles=[Role.ADMIN],
        technical_staff=False,
        acting_user=locbinh(),
    ) == ["role_not_grantable"]
    user.refresh_from_db()
    assert user.organisation == org("188") and user.roles == ["delegate"]


def people(n: int) -> list[RegisterPerson]:
    return [RegisterPerson(f"delegate:1:{i}", f"Nguyễn Văn An {i}") for i in range(n)]


def test_register_accounts_are_made_once_each_with_free_usernames() -> None:
    User.objects.create_user("annv")  # the first base is taken
    first = do_create_register_accounts(
        [
            RegisterPerson("delegate:1:1", "Nguyễn Văn Ân"),
            RegisterPerson("delegate:1:2", "Nông Thị Ân"),
        ],
        unit=org("188"),
        role=Role.DELEGATE,
        acting_user=locbinh(),
    )
    assert [i.user.username for i in first] == ["annv2", "annt"]
    assert all(i.user.check_password(i.password) for i in first)
    again = do_create_register_accounts(
        [
            RegisterPerson("delegate:1:1", "Nguyễn Văn Ân"),
            RegisterPerson("delegate:1:3", "Lê Bình"),
        ],
        unit=org("188"),
        role=Role.DELEGATE,
        acting_user=locbinh(),
    )
    assert [i.user.username for i in again] == ["binhl"]
    assert AuditEntry.objects.filter(action="accounts.create").count() == 3


def test_register_accounts_are_all_or_nothing() -> None:
    codes = refused_code(
        do_create_register_accounts,
        people(5),
        unit=org("94"),
        role=Role.DELEGATE,
        acting_user=locbinh(),
    )
    assert codes == ["unit_out_of_scope"]
    assert not User.objects.filter(register_key__startswith="delegate:1:").exists()
    assert refused_code(
        do_create_register_accounts,
        people(5),
        unit=org("188"),
        role=Role.ADMIN,
        acting_user=locbinh(),
    ) == ["role_not_grantable"]
    assert not User.objects.filter(register_key__startswith="delegate:1:").exists()


def test_reissued_sheets_are_refused_whole_when_one_account_is_not_the_actors() -> None:
    mine = do_create_account(
        "go3", full_name="A", unit=org("188"), roles=[Role.DELEGATE], acting_user=locbinh()
    ).user
    before = mine.password
    soc = User.objects.get(username="soctrang")
    assert refused_code(do_reissue_passwords, [mine, soc], acting_user=locbinh()) == [
        "out_of_scope"
    ]
    mine.refresh_from_db()
    assert mine.password == before
    issued = do_reissue_passwords([mine], acting_user=locbinh())
    mine.refresh_from_db()
    assert mine.check_password(issued[0].password) and mine.password_temporary


def test_username_base_reads_vietnamese_names() -> None:
    assert username_base("Nguyễn Văn An") == "annv"
    assert username_base("Đặng Thị Đào") == "daodt"
    assert username_base("  ") == "daibieu"
