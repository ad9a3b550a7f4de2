"""The demo accounts: one per role, at the organisations of the seed articles."""

from __future__ import annotations

from daihoi.accounts.actions import do_create_user
from daihoi.accounts.models import Role, User
from daihoi.orgs.adminunits import ROOT_CODE
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
    # A delegate of xã Đồng Bục to Lộc Bình's congress; the demo register (assembly/demo.py)
    # has her on Đồng Bục's delegation, so she finds her own card.
    ("daibieu", "Hoàng Thị Lan", "06553", [Role.DELEGATE]),
    ("lanhdao", "Lãnh đạo Tỉnh ủy Thái Bình", "34", [Role.LEADER]),
]
# The live 2025–2030 campaign is on the 2025 tree, where a user belongs to another
# organisation (one per account): Lạng Sơn's department, one of its communes (Lộc Bình,
# merged from the old district's communes) and Cần Thơ's, which took in Sóc Trăng.
LIVE_DEMO_USERS: list[tuple[str, str, str, list[str]]] = [
    ("quantri2025", "Quản trị hệ thống (cơ cấu 2025)", "TW", [Role.ADMIN]),
    ("langson2025", "Ban Tổ chức Tỉnh ủy Lạng Sơn", "20", [Role.ORG_STAFF]),
    ("xalocbinh", "Văn phòng Đảng ủy xã Lộc Bình", "06529", [Role.ORG_STAFF]),
    ("cantho2025", "Ban Tổ chức Thành ủy Cần Thơ", "92", [Role.ORG_STAFF]),
]


def ensure_demo_users() -> list[User]:
    """Create the demo accounts that are missing (and whose organisation exists)."""
    users = _ensure(DEMO_USERS, "2020")
    return users + _ensure(LIVE_DEMO_USERS, "2025")


def _ensure(accounts: list[tuple[str, str, str, list[str]]], structure: str) -> list[User]:
    users: list[User] = []
    for username, full_name, code, roles in accounts:
        existing = User.objects.filter(username=username).first()
        if existing is not None:
            users.append(existing)
            continue
        org = Organisation.objects.filter(structure__code=structure, code=code).first()
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


def live_approvers() -> dict[str, User]:
    """The 2025 accounts that approve for their organisation, by its code ("" for the rest).

    The live demo's approvals written in bulk name who approved: the department's account
    where the demo has one, else the national administrator.
    """
    users = User.objects.filter(
        organisation__structure__code="2025",
        username__in=[name for name, *_rest in LIVE_DEMO_USERS],
    ).select_related("organisation")
    by_code = {u.organisation.code: u for u in users if u.organisation is not None}
    by_code[""] = by_code[ROOT_CODE]
    return by_code
