"""Two-step sign-in holds on every page (issue 15.1), organisations may require it,
and users change their own password."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from daihoi.accounts import twofactor
from daihoi.accounts.actions import do_set_two_factor_policy
from daihoi.accounts.models import Role, TwoFactorKind, TwoFactorPolicy, User
from daihoi.audit.models import AuditEntry
from daihoi.elections.models import BoardMember, BoardRole
from tests.accounts.test_two_factor import PASSWORD, code_for, enabled, login
from tests.conftest import org
from tests.elections.helpers import counting_election

pytestmark = pytest.mark.django_db

LOC_BINH = "/to-chuc/2020/188/"
POLICY_SAVE = "/to-chuc/2020/188/xac-thuc-hai-buoc/luu/"
SETUP = "/tai-khoan/xac-thuc-hai-buoc/"
ENABLE = "/tai-khoan/xac-thuc-hai-buoc/bat/"
DISABLE = "/tai-khoan/xac-thuc-hai-buoc/tat/"


@pytest.fixture(autouse=True)
def no_throttle(settings: object) -> None:
    """django-otp makes a user wait after a wrong code; a test types the next one at once."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # type: ignore[attr-defined]


def password_only(username: str) -> Client:
    """A session opened with the password alone, as an old session or another login path."""
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


# A confirmed device: every page refuses a session the code did not verify.


def test_the_user_row_knows_whether_a_device_is_confirmed() -> None:
    user = User.objects.get(username="quantri")
    assert not user.otp_confirmed
    twofactor.pending_device(user)
    user.refresh_from_db()
    assert not user.otp_confirmed, "a device being set up does not count"
    enabled("quantri")
    user.refresh_from_db()
    assert user.otp_confirmed
    TOTPDevice.objects.filter(user=user).delete()  # as daihoi reset-2fa does
    user.refresh_from_db()
    assert not user.otp_confirmed


@pytest.mark.parametrize(
    ("path", "refused_with"),
    [("/", 302), (LOC_BINH, 302), ("/tai-khoan/doi-mat-khau/", 302), ("/api/me", 401)],
)
def test_a_password_only_session_of_a_user_with_a_device_is_refused(
    path: str, refused_with: int
) -> None:
    enabled("quantri")
    client = password_only("quantri")
    response = client.get(path)
    assert response.status_code == refused_with
    if refused_with == 302:
        assert response["Location"].startswith("/dang-nhap/?next=")
    else:
        assert response.json()["code"] == "otp_required"
    # Signed out, not merely turned away: the next request is anonymous.
    assert not signed_in(client)
    assert client.get(LOC_BINH)["Location"].startswith("/dang-nhap/")


def test_the_refused_user_is_told_to_sign_in_again_with_the_code() -> None:
    enabled("quantri")
    page = password_only("quantri").get(LOC_BINH, follow=True)
    assert page.request["PATH_INFO"] == "/dang-nhap/"
    assert "đăng nhập lại và nhập mã 6 số" in page.content.decode()


def test_the_same_pages_open_after_the_code() -> None:
    device = enabled("quantri")
    client = Client()
    assert login(client, "quantri", code_for(device)).status_code == 302  # type: ignore[attr-defined]
    for path in ("/", LOC_BINH, "/api/me"):
        assert client.get(path).status_code in (200, 302), path
        assert signed_in(client)
    assert client.get(LOC_BINH).status_code == 200
    assert client.get("/api/me").json()["username"] == "quantri"


def test_turning_it_on_keeps_this_session_and_ends_the_password_only_others() -> None:
    other = password_only("quantri")
    assert other.get(LOC_BINH).status_code == 200
    client = password_only("quantri")
    pending = twofactor.pending_device(User.objects.get(username="quantri"))
    client.post(ENABLE, {"token": code_for(pending)})
    assert client.get(LOC_BINH).status_code == 200, "verified by the code just typed"
    assert other.get(LOC_BINH).status_code == 302
    assert not signed_in(other)


def test_a_user_without_a_device_pays_no_extra_query(settings: object) -> None:
    client = password_only("locbinh")
    client.get(LOC_BINH)  # warm: the session's first refresh and any first-use caches

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LOC_BINH).status_code == 200
        return len(queries)

    with_check = count()
    settings.MIDDLEWARE = [  # type: ignore[attr-defined]
        m
        for m in settings.MIDDLEWARE  # type: ignore[attr-defined]
        if m != "daihoi.accounts.middleware.TwoFactorMiddleware"
    ]
    without_check = count()
    assert with_check == without_check


# An organisation's policy.


@pytest.fixture
def heads() -> Iterator[tuple[User, User]]:
    """A counting-board head in a commune of Lộc Bình and one in Sóc Trăng, no device."""
    election = counting_election()
    loc_binh_head = User.objects.get(username="truongban")
    loc_binh_head.organisation = org("06553")  # Đồng Bục, under Lộc Bình
    loc_binh_head.set_password(PASSWORD)
    loc_binh_head.save()
    soc_trang_head = User.objects.create_user(
        "truongban-st", password=PASSWORD, organisation=org("94"), roles=[Role.COUNTING_BOARD]
    )
    BoardMember.objects.create(election=election, user=soc_trang_head, role=BoardRole.HEAD)
    yield loc_binh_head, soc_trang_head


def test_loc_binh_requires_it_of_board_heads_and_its_head_is_sent_to_set_up(
    heads: tuple[User, User],
) -> None:
    staff = password_only("locbinh")
    response = staff.post(POLICY_SAVE, {"kinds": [TwoFactorKind.BOARD_HEAD]})
    assert response.status_code == 302
    policy = TwoFactorPolicy.objects.get(organisation=org("188"))
    assert policy.kinds == ["board_head"]
    entry = AuditEntry.objects.get(action="accounts.two_factor_policy")
    assert entry.target == f"organisation:{org('188').pk}"
    assert entry.after == {"kinds": ["board_head"]}

    client = Client()
    assert login(client, "truongban").status_code == 302  # type: ignore[attr-defined]
    home = client.get(LOC_BINH)
    assert home.status_code == 302 and home["Location"] == SETUP
    assert client.get("/api/me").json()["code"] == "otp_setup_required"
    page = client.get(SETUP).content.decode()
    assert "bắt buộc xác thực hai bước" in page and "<svg" in page
    # Setting it up opens the rest, and it cannot be turned off again.
    device = TOTPDevice.objects.get(user__username="truongban", confirmed=False)
    client.post(ENABLE, {"token": code_for(device)})
    assert client.get("/to-chuc/2020/06553/").status_code == 200  # his own commune
    refused = client.post(DISABLE, {"token": code_for(device)})
    assert refused.status_code == 400 and "không tắt được" in refused.content.decode()
    assert TOTPDevice.objects.filter(user__username="truongban", confirmed=True).exists()


def test_the_head_in_soc_trang_is_not_concerned(heads: tuple[User, User]) -> None:
    do_set_two_factor_policy(
        org("188"), [TwoFactorKind.BOARD_HEAD], acting_user=User.objects.get(username="locbinh")
    )
    loc_binh_head, soc_trang_head = heads
    assert twofactor.needs_setup(loc_binh_head)
    assert not twofactor.needs_setup(soc_trang_head)
    client = Client()
    assert login(client, "truongban-st").status_code == 302  # type: ignore[attr-defined]
    assert client.get("/tai-khoan/doi-mat-khau/").status_code == 200


def test_a_role_named_by_a_policy_above_applies_below() -> None:
    province = User.objects.get(username="langson")
    do_set_two_factor_policy(org("20"), [Role.ORG_STAFF], acting_user=province)
    assert twofactor.required_by_policy(User.objects.get(username="locbinh"))
    assert not twofactor.required_by_policy(User.objects.get(username="soctrang"))
    client = password_only("locbinh")
    assert client.get(LOC_BINH)["Location"] == SETUP


def test_loc_binh_cannot_set_the_policy_of_soc_trang() -> None:
    staff = password_only("locbinh")
    assert staff.get("/to-chuc/2020/94/xac-thuc-hai-buoc/").status_code == 404
    response = staff.post("/to-chuc/2020/94/xac-thuc-hai-buoc/luu/", {"kinds": ["org_staff"]})
    assert response.status_code == 404
    assert not TwoFactorPolicy.objects.exists()


def test_a_counting_board_member_cannot_set_the_policy(counting_member: Client) -> None:
    response = counting_member.post(POLICY_SAVE, {"kinds": ["board_head"]})
    assert response.status_code in (403, 404)
    assert not TwoFactorPolicy.objects.exists()


def test_an_unknown_kind_is_refused_and_nothing_changes() -> None:
    response = password_only("locbinh").post(POLICY_SAVE, {"kinds": ["delegate"]})
    assert response.status_code == 400
    assert not TwoFactorPolicy.objects.exists()
    assert not AuditEntry.objects.filter(action="accounts.two_factor_policy").exists()


def test_clearing_the_policy_removes_it() -> None:
    staff = User.objects.get(username="locbinh")
    do_set_two_factor_policy(org("188"), ["org_staff", "board_head"], acting_user=staff)
    assert TwoFactorPolicy.objects.get().kinds == ["board_head", "org_staff"]
    do_set_two_factor_policy(org("188"), [], acting_user=staff)
    assert not TwoFactorPolicy.objects.exists()
    entries = AuditEntry.objects.filter(action="accounts.two_factor_policy").order_by("pk")
    assert [e.after for e in entries] == [{"kinds": ["board_head", "org_staff"]}, {"kinds": []}]


# Changing one's own password.


def test_a_user_changes_their_password_and_it_is_audited() -> None:
    client = Client()
    login(client, "locbinh")
    page = client.get(reverse("password_change"))
    assert "Đổi mật khẩu" in page.content.decode()
    wrong = client.post(
        reverse("password_change"),
        {"old_password": "sai", "new_password1": "Ngay-moi-2025", "new_password2": "Ngay-moi-2025"},
    )
    assert wrong.status_code == 200
    assert not AuditEntry.objects.filter(action="accounts.password_change").exists()
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Ngay-moi-2025",
            "new_password2": "Ngay-moi-2025",
        },
        follow=True,
    )
    assert "Đã đổi mật khẩu" in response.content.decode()
    assert signed_in(client), "this session stays signed in"
    user = User.objects.get(username="locbinh")
    assert user.check_password("Ngay-moi-2025")
    entry = AuditEntry.objects.get(action="accounts.password_change")
    assert entry.target == f"user:{user.pk}" and entry.actor_id == user.pk
    assert "Ngay-moi" not in str(entry.before) + str(entry.after)
