"""The GSO lists become party committees with the names users write."""

from daihoi.orgs.adminunits import admin_units_table, bundled, committee_name


def test_it_names_committees_after_their_area() -> None:
    assert committee_name("Tỉnh Lạng Sơn", "tỉnh") == "Đảng bộ tỉnh Lạng Sơn"
    assert committee_name("Huyện Lộc Bình", "huyện") == "Đảng bộ huyện Lộc Bình"
    assert committee_name("Xã Đồng Bục", "xã") == "Đảng bộ xã Đồng Bục"
    assert committee_name("Thành phố Hà Nội", "thành phố trung ương") == "Đảng bộ thành phố Hà Nội"
    assert committee_name("Cao Bằng", "tỉnh") == "Đảng bộ tỉnh Cao Bằng"


def test_the_2020_list_has_the_gso_counts() -> None:
    rows = admin_units_table(bundled("2020").read_bytes()).rows
    levels = [cells[3] for _n, cells in rows]
    assert (levels.count("1"), levels.count("2"), levels.count("3")) == (63, 707, 10767)
