"""Users belong to one organisation and act within its subtree, with roles."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Role lives in core so that the subtree rule (orgs/scope.py) can name roles without
# importing accounts; importers may keep taking it from here.
from daihoi.core.roles import Role


class User(AbstractUser):
    organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("tổ chức"),
    )
    roles = models.JSONField(_("vai trò"), default=list, blank=True)
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    # Whether the user has a confirmed TOTP device: a copy of what django-otp's
    # user_has_device(user, confirmed=True) would answer, kept by the TOTPDevice
    # signals in accounts/apps.py. It rides on the one SELECT that loads the
    # signed-in user (accounts/backends.py), so the middleware that refuses
    # password-only sessions (accounts/middleware.py) costs no query per request,
    # and, unlike a flag cached in each session at sign-in, it takes effect at
    # once in every session of the user when a device is confirmed or removed.
    otp_confirmed = models.BooleanField(
        _("đã bật xác thực hai bước"), default=False, editable=False
    )

    # Someone who is not a delegate but may sit on a counting board's technical team
    # (issue 17.5): the board is chosen from delegates not on a list and these.
    technical_staff = models.BooleanField(_("nhân viên kỹ thuật"), default=False)
    # An account made from a congress's register: "delegate:<congress id>:<delegate id>",
    # so a second bulk run makes only the missing ones and the board finds its delegates
    # (the register lives above accounts; a string keeps the layers one-way).
    register_key = models.CharField(max_length=64, blank=True, default="", editable=False)
    # Set by a password someone else chose (a printed sheet): the user picks their own
    # before any other page opens (accounts/middleware.py).
    password_temporary = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        constraints = [
            models.UniqueConstraint(
                fields=["register_key"],
                condition=~models.Q(register_key=""),
                name="user_register_key_once",
            )
        ]

    def has_role(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)

    def role_labels(self) -> list[str]:
        return [str(Role(r).label) for r in self.roles if r in Role.values]

    @property
    def counts_ballots_only(self) -> bool:
        """A typist or board member with no other role: their home is their elections."""
        return bool(self.roles) and set(self.roles) <= {Role.COUNTING_BOARD}

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


class ApiToken(models.Model):
    """A bearer token for the JSON API; only its SHA-256 is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("tên"), max_length=100)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(default=timezone.now, editable=False)
    last_used = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def digest_of(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @staticmethod
    def new_raw_token() -> str:
        return "dh_" + secrets.token_urlsafe(32)


class TwoFactorKind(models.TextChoices):
    """Whom an organisation may require two-step sign-in of: roles, and the board heads."""

    BOARD_HEAD = "board_head", _("Trưởng ban kiểm phiếu")
    COUNTING_BOARD = Role.COUNTING_BOARD.value, Role.COUNTING_BOARD.label
    ORG_STAFF = Role.ORG_STAFF.value, Role.ORG_STAFF.label
    SUBCOMMITTEE = Role.SUBCOMMITTEE.value, Role.SUBCOMMITTEE.label
    PERSONNEL = Role.PERSONNEL.value, Role.PERSONNEL.label
    ADMIN = Role.ADMIN.value, Role.ADMIN.label
    LEADER = Role.LEADER.value, Role.LEADER.label


class TwoFactorPolicy(models.Model):
    """An organisation's rule: these kinds of user in its subtree must use two-step sign-in.

    Policies add up down the tree: a user is required if the policy of any
    organisation from the root to their own names one of their kinds, so a
    unit below cannot loosen what a unit above requires.
    """

    organisation = models.OneToOneField(
        "orgs.Organisation",
        on_delete=models.CASCADE,
        related_name="two_factor_policy",
        verbose_name=_("tổ chức"),
    )
    kinds = models.JSONField(_("bắt buộc với"), default=list, blank=True)
    updated = models.DateTimeField(_("cập nhật lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("quy định xác thực hai bước")
        verbose_name_plural = _("quy định xác thực hai bước")

    def __str__(self) -> str:
        return f"{self.organisation_id}: {', '.join(self.kinds)}"
