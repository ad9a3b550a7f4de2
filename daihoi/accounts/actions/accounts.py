"""Accounts a department manages within its subtree (issue 17.5): create, edit, lock,
unlock, and many at once from a congress's register.

Each action checks again what the page offered (accounts/access.py): the unit in
the actor's subtree, only roles the actor may give, never an account with more
rights than the actor's. A password someone else chose is random, returned once
to be printed, never stored in clear, and must be changed at first sign-in. The
audit entries hold ids and role codes only, never a name or a password.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from daihoi.accounts import access
from daihoi.accounts.models import Role, User
from daihoi.audit import log
from daihoi.core.errors import ActionRefused
from daihoi.lib.text import fold
from daihoi.orgs.models import Organisation

# No 0/O, 1/l/I: the password is read off paper and typed on a phone.
PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # noqa: S105 - an alphabet
PASSWORD_LENGTH = 12


# A one-time password is 60 random bits, not a word a person chose: a fast hash does
# not make it guessable (2^60 tries of 10,000 rounds each), while the site's Argon2
# costs about a second a password and a register of 300 would wait five minutes.
# Django re-hashes it with Argon2 at the first sign-in, and the user then replaces it.
ONE_TIME_ITERATIONS = 10_000


def one_time_hash(password: str) -> str:
    hasher = PBKDF2PasswordHasher()
    return hasher.encode(password, hasher.salt(), iterations=ONE_TIME_ITERATIONS)


def new_password() -> str:
    """A random password for a printed sheet, in groups of four to read it off paper."""
    raw = "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, PASSWORD_LENGTH, 4))


@dataclass(frozen=True)
class Issued:
    """An account and its one-time password, for the sheet printed once."""

    user: User
    password: str


def _check_unit(actor: User, unit: Organisation, roles: Iterable[str]) -> list[str]:
    """The roles, checked: the unit in the actor's subtree and each role one it may give."""
    allowed = access.grantable_roles(actor, unit)
    if not allowed:
        raise ActionRefused(
            [
                _("Đơn vị «%(code)s» không thuộc tổ chức mà đồng chí được quản lý.")
                % {"code": unit.code}
            ],
            ["unit_out_of_scope"],
        )
    wanted = [Role(r).value for r in roles]
    refused = [r for r in wanted if r not in allowed]
    if refused:
        labels = ", ".join(str(Role(r).label) for r in refused)
        raise ActionRefused(
            [
                _("Đồng chí không được cấp vai trò «%(roles)s» cho tài khoản ở %(unit)s.")
                % {"roles": labels, "unit": unit.name}
            ],
            ["role_not_grantable"],
        )
    return sorted(set(wanted))


def _refuse_taken(usernames: Sequence[str]) -> None:
    taken = sorted(
        User.objects.filter(username__in=list(usernames)).values_list("username", flat=True)
    )
    if taken:
        raise ActionRefused(
            [_("Tên đăng nhập «%(name)s» đã có người dùng.") % {"name": n} for n in taken],
            ["username_taken"] * len(taken),
        )


def _snapshot(user: User) -> dict[str, Any]:
    # Ids and codes only: the name is personal data and stays out of the trail.
    return {
        "organisation": user.organisation_id,
        "roles": sorted(user.roles),
        "technical_staff": user.technical_staff,
        "full_name": user.full_name,
        "is_active": user.is_active,
    }


def _managed(actor: User, target: User) -> User:
    """The target under a row lock, if the actor may change it."""
    # Only the user row is locked: the organisation is a nullable (outer) join.
    current = (
        User.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=target.pk)
    )
    why = access.manage_refusal(actor, current)
    if why is not None:
        raise ActionRefused([str(access.MANAGE_REFUSALS[why])], [why])
    return current


def _build(
    username: str, full_name: str, unit: Organisation, roles: list[str], **extra: Any
) -> tuple[User, str]:
    password = new_password()
    user = User(
        username=username,
        full_name=full_name,
        organisation=unit,
        roles=roles,
        password_temporary=True,
        **extra,
    )
    user.password = one_time_hash(password)
    return user, password


def _after(user: User) -> dict[str, Any]:
    return {
        "user": user.pk,
        "organisation": user.organisation_id,
        "roles": sorted(user.roles),
        "technical_staff": user.technical_staff,
    }


@transaction.atomic(durable=True)
def do_create_account(
    username: str,
    *,
    full_name: str,
    unit: Organisation,
    roles: Iterable[str],
    technical_staff: bool = False,
    acting_user: User,
) -> Issued:
    """Create one account of the actor's subtree with a one-time password to print."""
    role_list = _check_unit(acting_user, unit, roles)
    _refuse_taken([username])
    user, password = _build(username, full_name, unit, role_list, technical_staff=technical_staff)
    try:
        with transaction.atomic():
            user.save(force_insert=True)
    except IntegrityError as exc:  # the same name typed at the same moment elsewhere
        raise ActionRefused(
            [_("Tên đăng nhập «%(name)s» đã có người dùng.") % {"name": username}],
            ["username_taken"],
        ) from exc
    log.record(
        "accounts.create",
        actor=acting_user,
        organisation=unit,
        target=f"user:{user.pk}",
        after=_after(user),
    )
    return Issued(user, password)


@transaction.atomic(durable=True)
def do_edit_account(
    target: User,
    *,
    full_name: str,
    unit: Organisation,
    roles: Iterable[str],
    technical_staff: bool,
    acting_user: User,
) -> User:
    """Change an account's name, unit, roles and technical-staff mark."""
    current = _managed(acting_user, target)
    role_list = _check_unit(acting_user, unit, roles)
    with log.audited(
        "accounts.edit",
        actor=acting_user,
        organisation=unit,
        target=f"user:{current.pk}",
        # The name is personal: the entry names the changed fields, not their values.
        snapshot=lambda: _snapshot(current),
        personal=True,
        extra={"user": current.pk, "organisation": unit.pk, "roles": role_list},
    ):
        current.full_name = full_name
        current.organisation = unit
        current.roles = role_list
        current.technical_staff = technical_staff
        current.save(update_fields=["full_name", "organisation", "roles", "technical_staff"])
    return current


def _set_active(target: User, active: bool, acting_user: User) -> User:
    current = _managed(acting_user, target)
    if current.is_active == active:
        code = "already_active" if active else "already_locked"
        text = (
            _("Tài khoản này đang mở; không cần mở khóa.")
            if active
            else _("Tài khoản này đã bị khóa từ trước.")
        )
        raise ActionRefused([text], [code])
    current.is_active = active
    current.save(update_fields=["is_active"])
    log.record(
        "accounts.unlock" if active else "accounts.lock",
        actor=acting_user,
        organisation=current.organisation,
        target=f"user:{current.pk}",
        before={"is_active": not active},
        after={"user": current.pk, "is_active": active},
    )
    return current


@transaction.atomic(durable=True)
def do_lock_account(target: User, *, acting_user: User) -> User:
    """Lock an account: it signs in no more (its sessions end at their next request)."""
    return _set_active(target, False, acting_user)


@transaction.atomic(durable=True)
def do_unlock_account(target: User, *, acting_user: User) -> User:
    return _set_active(target, True, acting_user)


@dataclass(frozen=True)
class RegisterPerson:
    """One person of a congress's register, as the bulk action needs them."""

    key: str  # "delegate:<congress id>:<delegate id>"
    full_name: str


def username_base(full_name: str) -> str:
    """The given name then the initials of the others, ASCII: "Nguyễn Văn An" -> "annv"."""
    words = [w for w in fold(full_name).replace("đ", "d").split() if w.isalnum()]
    if not words:
        return "daibieu"
    return (words[-1] + "".join(w[0] for w in words[:-1]))[:30]


def _usernames(people: Sequence[RegisterPerson], prefix: str) -> list[str]:
    """A free username per person: the base, numbered on a clash (one query)."""
    bases = [f"{prefix}{username_base(p.full_name)}" for p in people]
    taken = (
        set(
            User.objects.filter(
                username__regex=r"^(" + "|".join(set(bases)) + r")[0-9]*$"
            ).values_list("username", flat=True)
        )
        if bases
        else set()
    )
    chosen: list[str] = []
    for base in bases:
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}{n}"
        taken.add(name)
        chosen.append(name)
    return chosen


@transaction.atomic(durable=True)
def do_create_register_accounts(
    people: Sequence[RegisterPerson],
    *,
    unit: Organisation,
    role: str,
    prefix: str = "",
    acting_user: User,
) -> list[Issued]:
    """Create the missing accounts of a register at once: all of them or none.

    A person whose key already has an account is skipped, so running it twice makes
    nothing new. Each new account gets a one-time password, returned to be printed.
    """
    role_list = _check_unit(acting_user, unit, [role])
    have = set(
        User.objects.filter(register_key__in=[p.key for p in people]).values_list(
            "register_key", flat=True
        )
    )
    missing = [p for p in people if p.key not in have]
    if not missing:
        return []
    issued: list[Issued] = []
    for person, username in zip(missing, _usernames(missing, prefix), strict=True):
        user, password = _build(
            username, person.full_name, unit, role_list, register_key=person.key
        )
        issued.append(Issued(user, password))
    try:
        with transaction.atomic():
            # Both databases return the new ids, which the sheets and the log need.
            User.objects.bulk_create([i.user for i in issued])
    except IntegrityError as exc:  # another run made some of them at the same moment
        raise ActionRefused(
            [_("Một số tài khoản vừa được người khác tạo; tải lại trang rồi làm lại.")],
            ["concurrent_create"],
        ) from exc
    log.record_many(
        "accounts.create",
        actor=acting_user,
        entries=[(unit, f"user:{i.user.pk}", None, _after(i.user)) for i in issued],
    )
    return issued


@transaction.atomic(durable=True)
def do_reissue_passwords(targets: Sequence[User], *, acting_user: User) -> list[Issued]:
    """New one-time passwords for accounts that never signed in, to print their sheets.

    All or none: one account the actor may not manage refuses the whole batch.
    """
    issued: list[Issued] = []
    for target in targets:
        current = _managed(acting_user, target)
        password = new_password()
        current.password = one_time_hash(password)
        current.password_temporary = True
        current.save(update_fields=["password", "password_temporary"])
        issued.append(Issued(current, password))
        log.record(
            "accounts.password_sheet",
            actor=acting_user,
            organisation=current.organisation,
            target=f"user:{current.pk}",
            after={"user": current.pk},
        )
    return issued
