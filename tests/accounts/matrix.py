"""Who may open the account pages (rows of tests/test_permission_matrix.py)."""

from __future__ import annotations

from django.urls import reverse

from daihoi.accounts.models import User

LOGIN = "login"

MATRIX: dict[str, list[object]] = {
    # Everyone signed in changes their own password.
    "password_change": [200, 200, 200, 200, 200, 200, LOGIN],
    # Lộc Bình's two-step policy: tree writers of its subtree; the counting board member
    # below it is refused, the delegate's cell and Sóc Trăng do not see the unit.
    "org_two_factor": [200, 200, 200, 403, 404, 404, LOGIN],
    # Saving the policy is a POST; a GET is refused by method whoever asks.
    "org_two_factor_save": [405, 405, 405, 405, 405, 405, LOGIN],
    # Lộc Bình's accounts: the same tree writers as its two-step policy.
    "org_accounts": [200, 200, 200, 403, 404, 404, LOGIN],
    # Making a reset link is a POST; a GET is refused by method whoever asks.
    "org_account_reset": [405, 405, 405, 405, 405, 405, LOGIN],
    # A new account's form and an account's edit page (the typist of Lộc Bình's board):
    # the tree writers over it; the typist itself is refused, the others do not see it.
    "org_account_new": [200, 200, 200, 403, 404, 404, LOGIN],
    "org_account_edit": [200, 200, 200, 403, 404, 404, LOGIN],
    # The writes: POST only.
    "org_account_create": [405, 405, 405, 405, 405, 405, LOGIN],
    "org_account_save": [405, 405, 405, 405, 405, 405, LOGIN],
    "org_account_lock": [405, 405, 405, 405, 405, 405, LOGIN],
    "org_account_unlock": [405, 405, 405, 405, 405, 405, LOGIN],
    # One's own two-step sign-in: the page is GET (the shared matrix), these are POST only.
    "two_factor_enable": [405, 405, 405, 405, 405, 405, LOGIN],
    "two_factor_disable": [405, 405, 405, 405, 405, 405, LOGIN],
    # A reset link opens for anyone holding it; a made-up one says it cannot be used.
    "password_reset_confirm": [200] * 7,
}

# name -> [documents subcommittee, personnel subcommittee] of Lộc Bình: neither writes
# the tree, so neither sets its two-step policy.
SUBCOMMITTEE_MATRIX: dict[str, list[object]] = {
    "password_change": [200, 200],
    "org_two_factor": [403, 403],
    "org_two_factor_save": [405, 405],
    "org_accounts": [403, 403],
    "org_account_reset": [405, 405],
    "org_account_new": [403, 403],
    "org_account_edit": [403, 403],
    "org_account_create": [405, 405],
    "org_account_save": [405, 405],
    "org_account_lock": [405, 405],
    "org_account_unlock": [405, 405],
    "two_factor_enable": [405, 405],
    "two_factor_disable": [405, 405],
    "password_reset_confirm": [200, 200],
}


def world(base: dict[str, object]) -> dict[str, object]:
    return {}


def url(name: str, route: str, world: dict[str, object]) -> str:
    if name in ("password_change", "two_factor_enable", "two_factor_disable"):
        return reverse(name)
    if name == "password_reset_confirm":
        return reverse(name, kwargs={"uidb64": "MQ", "token": "cp0xyz-0123456789abcdef"})
    if name in ("org_account_edit", "org_account_save", "org_account_lock", "org_account_unlock"):
        user_id = User.objects.get(username="go-phieu").pk
        return reverse(name, kwargs={"structure": "2020", "code": "188", "user_id": user_id})
    if name == "org_account_reset":
        user_id = User.objects.get(username="locbinh").pk
        return reverse(name, kwargs={"structure": "2020", "code": "188", "user_id": user_id})
    return reverse(name, kwargs={"structure": "2020", "code": "188"})
