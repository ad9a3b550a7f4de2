"""The roles a user may hold at an organisation; every app's permission checks name them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị hệ thống")
    ORG_STAFF = "org_staff", _("Cán bộ ban tổ chức")
    SUBCOMMITTEE = "subcommittee", _("Thành viên tiểu ban")
    # Personal data of cadres (records, lists, complaints) is for personnel staff only:
    # the personnel subcommittee, not every subcommittee (issue 15.2).
    PERSONNEL = "personnel", _("Cán bộ tiểu ban nhân sự")
    COUNTING_BOARD = "counting_board", _("Thành viên ban kiểm phiếu")
    DELEGATE = "delegate", _("Đại biểu")
    LEADER = "leader", _("Lãnh đạo (chỉ xem)")


# Roles that may change the organisation tree of their subtree.
TREE_WRITERS = frozenset({Role.ADMIN, Role.ORG_STAFF})

# Who browse the organisation tree and read its audit trail: the staff who run the
# campaign and the leaders who oversee it, not subcommittees, boards or delegates.
STAFF = frozenset({Role.ADMIN, Role.ORG_STAFF, Role.LEADER})
