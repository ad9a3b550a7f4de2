"""The demo accounts: one per role, at the organisations of the seed articles."""

from __future__ import annotations

from daihoi.accounts.actions import do_create_user
from daihoi.accounts.models import Role, User
from daihoi.orgs.models import Organisation

DEMO_PASSWORD = "daihoi2020"  # noqa: S105 - a published demo password, never on a server

# username, full name, organisation code (2020 structure), roles
DEMO_USERS: list[tuple[str, str, str, list[str]]] = [
    ("quantri", "Quản trị hệ thống", "TW", [Role.ADMIN]),
    ("langson", "Ban Tổ chức Tỉnh ủy Lạng Sơn", "20", [Role.ORG_STAFF]),
    ("locbinh", "Ban Tổ chức Huyện ủy Lộc Bình", "188", [Role.ORG_STAFF]),
    ("soctrang", "Ban Tổ chức Tỉnh ủy Sóc Trăng", "94", [Role.ORG_STAFF]),
    ("kiemphieu", "Ban kiểm phiếu Sóc Trăng", "94", [Role.COUNTING_BOARD]),
    # The board of Sóc Trăng's demo elections (elections/demo.py): its head and two typists.
    ("truongbankp", "Dương Văn Khải", "94", [Role.COUNTING_BOARD]),
    ("nhapphieu1", "Cao Thị Mỹ Linh", "94", [Role.COUNTING_BOARD]),
    ("nhapphieu2", "Tạ Minh Trí", "94", [Role.COUNTING_BOARD]),
    # Two subcommittees of the same congress: documents, which has no access to personnel
    # records, and personnel, which opens Sở Công Thương's list of 13 for 11 seats.
    ("tieuban", "Tiểu ban văn kiện Sở Công Thương", "34-KCQ-SCT", [Role.SUBCOMMITTEE]),
    ("nhansu", "Tiểu ban nhân sự Sở Công Thương", "34-KCQ-SCT", [Role.PERSONNEL]),
    ("daibieu", "Đại biểu xã Đồng Bục", "06553", [Role.DELEGATE]),
    ("lanhdao", "Lãnh đạo Tỉnh ủy Thái Bình", "34", [Role.LEADER]),
]


def ensure_demo_users() -> list[User]:
    """Create the demo accounts that are missing (and whose organisation exists)."""
    users: list[User] = []
    for username, full_name, code, roles in DEMO_USERS:
        existing = User.objects.filter(username=username).first()
        if existing is not None:
            users.append(existing)
            continue
        org = Organisation.objects.filter(structure__code="2020", code=code).first()
        if org is None:
            continue
        users.append(
            do_create_user(
                username,
                DEMO_PASSWORD,
                organisation=org,
                roles=roles,
                full_name=full_name,
                superuser=Role.ADMIN in roles,
                acting_user=None,
            )
        )
    return users
