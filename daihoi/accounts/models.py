"""Users belong to one organisation and act within its subtree, with roles."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị hệ thống")
    ORG_STAFF = "org_staff", _("Cán bộ ban tổ chức")
    SUBCOMMITTEE = "subcommittee", _("Thành viên tiểu ban")
    COUNTING_BOARD = "counting_board", _("Thành viên ban kiểm phiếu")
    DELEGATE = "delegate", _("Đại biểu")
    LEADER = "leader", _("Lãnh đạo (chỉ xem)")


# Roles that may change the organisation tree of their subtree.
TREE_WRITERS = frozenset({Role.ADMIN, Role.ORG_STAFF})


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

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def has_role(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)

    def role_labels(self) -> list[str]:
        return [str(Role(r).label) for r in self.roles if r in Role.values]

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
