"""The demo tree: the real GSO list plus generated agencies, enterprises and cells.

Sized like the 2020 nation (about 53,500 grassroots organisations), with the
figures of the seed articles built in: Lộc Bình has 58 subordinate
organisations and 388 cells, Thái Bình's Sở Công Thương committee 12 cells,
Thái Bình 13 above-grassroots organisations. Some grassroots counts are fitted
after generation so that the articles' percentages are reachable exactly by a
whole number of congresses (see `GRASSROOTS_TARGETS`, `NATIONAL_GRASSROOTS`).
A fixed seed makes every run produce the same tree.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field

from daihoi.core.tables import Table
from daihoi.orgs.adminunits import ROOT_CODE, admin_units_table, bundled

SEED = 2020
LOC_BINH = "188"
LOC_BINH_PROVINCE = "20"
THAI_BINH = "34"
SOC_TRANG = "94"
LOC_BINH_AGENCIES = 37  # 58 subordinate organisations less its 21 communes
LOC_BINH_CELLS = 388
SCT_CODE = "34-KCQ-SCT"
SCT_CELLS = 12
BINH_PHUOC = "70"
THAI_BINH_BORDER_GUARD = "34-BP"
THAI_BINH_BORDER_UNITS = 5

# Grassroots totals fitted after generation. A share printed with two decimals
# is reachable by a whole number of congresses only for some totals: 775/792 is
# 97.85% (Thái Bình by 31/05/2020), 718/749 is 95.86% (Bình Phước); with the
# generated counts (787 and 747) neither figure exists. The nation: 25,938 held
# must read 48.5%, so the total lies in 53,425..53,536; 53,480 is the middle.
GRASSROOTS_TARGETS = {THAI_BINH: 792, BINH_PHUOC: 749}
NATIONAL_GRASSROOTS = 53_480
# Where the fitting adds or removes grassroots: enterprises, the one kind of unit
# whose number no article states.
PADDING_BLOC = "TW-K2"

CENTRAL_BLOCS = [
    ("TW-K1", "Đảng bộ Khối các cơ quan Trung ương", "khoi", "Bộ"),
    ("TW-K2", "Đảng bộ Khối doanh nghiệp Trung ương", "khoi", "Tập đoàn"),
    ("TW-QD", "Đảng bộ Quân đội", "luc-luong-vu-trang", "Quân khu"),
    ("TW-CA", "Đảng bộ Công an Trung ương", "cong-an", "Cục"),
]
MINISTRIES = [
    "Bộ Tài chính",
    "Bộ Nội vụ",
    "Bộ Tư pháp",
    "Bộ Công Thương",
    "Bộ Y tế",
    "Bộ Giáo dục và Đào tạo",
    "Bộ Xây dựng",
    "Bộ Giao thông vận tải",
    "Bộ Nông nghiệp và Phát triển nông thôn",
    "Bộ Tài nguyên và Môi trường",
    "Bộ Khoa học và Công nghệ",
    "Bộ Thông tin và Truyền thông",
    "Bộ Kế hoạch và Đầu tư",
    "Bộ Lao động - Thương binh và Xã hội",
    "Bộ Văn hóa, Thể thao và Du lịch",
]
DEPARTMENTS = [
    "Sở Tài chính",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Kế hoạch và Đầu tư",
    "Sở Xây dựng",
    "Sở Giao thông vận tải",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Tài nguyên và Môi trường",
    "Sở Khoa học và Công nghệ",
    "Sở Thông tin và Truyền thông",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Thanh tra tỉnh",
    "Văn phòng Ủy ban nhân dân tỉnh",
    "Ban Dân tộc tỉnh",
    "Kho bạc Nhà nước tỉnh",
    "Cục Thuế tỉnh",
    "Bảo hiểm xã hội tỉnh",
    "Báo tỉnh",
    "Đài Phát thanh và Truyền hình tỉnh",
    "Bệnh viện Đa khoa tỉnh",
    "Trường Chính trị tỉnh",
]
DISTRICT_AGENCIES = [
    ("Cơ quan Huyện ủy", "co-quan"),
    ("Cơ quan Ủy ban nhân dân huyện", "co-quan"),
    ("Phòng Giáo dục và Đào tạo", "co-quan"),
    ("Trung tâm Y tế huyện", "don-vi-su-nghiep"),
    ("Trung tâm Văn hóa - Thể thao huyện", "don-vi-su-nghiep"),
    ("Chi cục Thuế", "co-quan"),
    ("Ngân hàng Chính sách xã hội huyện", "doanh-nghiep"),
    ("Bảo hiểm xã hội huyện", "co-quan"),
    ("Kho bạc Nhà nước huyện", "co-quan"),
    ("Viện Kiểm sát nhân dân huyện", "co-quan"),
    ("Tòa án nhân dân huyện", "co-quan"),
    ("Chi cục Thi hành án dân sự", "co-quan"),
    ("Hạt Kiểm lâm", "co-quan"),
    ("Trường Trung học phổ thông số 1", "truong-hoc"),
    ("Trường Trung học phổ thông số 2", "truong-hoc"),
    ("Trung tâm Giáo dục nghề nghiệp", "truong-hoc"),
    ("Điện lực huyện", "doanh-nghiep"),
    ("Bưu điện huyện", "doanh-nghiep"),
]
SCHOOL_KINDS = ["Trường Mầm non", "Trường Tiểu học", "Trường Trung học cơ sở"]
VILLAGES = [
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Trung",
    "Thượng",
    "Hạ",
    "Tân Lập",
    "Phú Thọ",
    "An Bình",
    "Hòa Bình",
    "Thành Công",
    "Lộc Xuân",
    "Phúc Lợi",
    "Quyết Thắng",
    "Đoàn Kết",
    "Hợp Thành",
    "Nà Pàn",
    "Bản Chu",
    "Khòn Pổ",
    "Pò Lọi",
    "Co Mươi",
    "Làng Mới",
    "Cầu Hin",
    "Bản Quang",
]


_COMMITTEE = {"huyện": "Huyện ủy", "quận": "Quận ủy", "thị xã": "Thị ủy", "thành phố": "Thành ủy"}
_KIND_WORDS = (
    "thị trấn ",
    "thị xã ",
    "thành phố ",
    "đặc khu ",
    "phường ",
    "quận ",
    "huyện ",
    "xã ",
    "tỉnh ",
)


def _place(node: _Node) -> str:
    """Return a committee's place name without its kind: "Đảng bộ xã Đồng Bục" → "Đồng Bục"."""
    name = node.name.removeprefix("Đảng bộ ")
    for word in _KIND_WORDS:
        if name.startswith(word):
            return name[len(word) :]
    return name


@dataclass
class _Node:
    code: str
    parent: str
    name: str
    level: int
    kind: str
    unit_type: str
    members: int = 0
    children: list[_Node] = field(default_factory=list)


def _split(total: int, parts: int, rng: random.Random, low: int) -> list[int]:
    """Split total into `parts` numbers of at least `low`, at random, summing exactly."""
    counts = [low] * parts
    for _ in range(total - low * parts):
        counts[rng.randrange(parts)] += 1
    return counts


class _Builder:
    def __init__(self, provinces: set[str] | None, seed: int) -> None:
        self.rng = random.Random(seed)
        self.provinces = provinces
        self.nodes: dict[str, _Node] = {}

    def add(self, node: _Node) -> _Node:
        self.nodes[node.code] = node
        parent = self.nodes.get(node.parent)
        if parent is not None:
            parent.children.append(node)
        return node

    def cells(
        self, parent: _Node, count: int, village: bool, rng: random.Random | None = None
    ) -> None:
        rng = rng or self.rng
        names = rng.sample(VILLAGES, min(count, len(VILLAGES))) if village else []
        for i in range(1, count + 1):
            if village and i <= len(names):
                label = f"Chi bộ thôn {names[i - 1]}"
            elif village:
                label = f"Chi bộ thôn số {i}"
            else:
                label = f"Chi bộ số {i}"
            size = rng.randint(8, 34) if village else rng.randint(5, 20)
            unit = "thon-to-dan-pho" if village else parent.unit_type
            self.add(_Node(f"{parent.code}-C{i:02d}", parent.code, label, 4, "chi_bo", unit, size))

    def grassroots(
        self,
        parent: str,
        code: str,
        name: str,
        unit: str,
        cells: int | None = None,
        rng: random.Random | None = None,
    ) -> _Node:
        """Add a grassroots organisation: a committee with cells, or a grassroots cell."""
        rng = rng or self.rng
        if cells is None:
            cells = rng.randint(3, 9) if rng.random() < 0.45 else 0
        if cells == 0:
            members = rng.randint(8, 30)
            return self.add(_Node(code, parent, f"Chi bộ {name}", 3, "chi_bo", unit, members))
        node = self.add(_Node(code, parent, f"Đảng bộ {name}", 3, "dang_bo", unit))
        self.cells(node, cells, village=False, rng=rng)
        return node

    def remove(self, node: _Node) -> None:
        """Drop a node and everything under it."""
        for child in list(node.children):
            self.remove(child)
        del self.nodes[node.code]
        parent = self.nodes.get(node.parent)
        if parent is not None:
            parent.children.remove(node)

    def grassroots_under(self, node: _Node) -> int:
        return sum(
            sum(1 for g in above.children if g.level == 3)
            for above in node.children
            if above.level == 2
        )

    def fit(
        self, blocs: list[_Node], count: int, target: int, stem: str, rng: random.Random
    ) -> None:
        """Add enterprises under `blocs` (in turn), or drop their last ones, until count = target.

        Uses its own random stream so that the rest of the tree stays as generated.
        """
        turn = 0
        while count < target:
            bloc = blocs[turn % len(blocs)]
            turn += 1
            number = sum(1 for c in bloc.children if c.level == 3) + 1
            code = f"{bloc.code}-{number:02d}"
            while code in self.nodes:
                number += 1
                code = f"{bloc.code}-{number:02d}"
            self.grassroots(bloc.code, code, f"{stem} số {number}", bloc.unit_type, rng=rng)
            count += 1
        while count > target:
            bloc = max(blocs, key=lambda b: len(b.children))
            self.remove(bloc.children[-1])
            count -= 1

    def fit_grassroots(self) -> None:
        rng = random.Random(f"{SEED}-fit")
        for code, target in GRASSROOTS_TARGETS.items():
            province = self.nodes.get(code)
            if province is not None:
                bloc = self.nodes[f"{code}-KDN"]
                count = self.grassroots_under(province)
                self.fit([bloc], count, target, "Công ty cổ phần", rng)
        root = self.nodes.get(ROOT_CODE)
        if self.provinces is None and root is not None:
            count = sum(self.grassroots_under(p) for p in root.children if p.level == 1)
            blocs = [n for n in self.nodes[PADDING_BLOC].children if n.level == 2]
            self.fit(blocs, count, NATIONAL_GRASSROOTS, "Công ty thành viên", rng)

    def build(self, gso: Table) -> None:
        headers = gso.headers
        for _number, cells in gso.rows:
            row = dict(zip(headers, cells, strict=True))
            level = int(row["level"])
            if self.provinces is not None and level > 0:
                province = row["code"] if level == 1 else self._province_of(row["parent_code"])
                if province not in self.provinces:
                    continue
            self.add(
                _Node(
                    row["code"], row["parent_code"], row["name"], level, "dang_bo", row["unit_type"]
                )
            )
        if self.provinces is None:
            self.central_blocs()
        for node in list(self.nodes.values()):
            if node.level == 1:
                self.province_blocs(node)
            elif node.level == 2 and node.code.isdigit():
                self.district(node)
        self.fit_grassroots()

    def _province_of(self, code: str) -> str:
        node = self.nodes.get(code)
        while node is not None and node.level > 1:
            node = self.nodes.get(node.parent)
        return node.code if node is not None else ""

    def central_blocs(self) -> None:
        for code, name, unit, stem in CENTRAL_BLOCS:
            self.add(_Node(code, ROOT_CODE, name, 1, "dang_bo", unit))
            for i in range(1, 16):
                sub = MINISTRIES[i - 1] if stem == "Bộ" else f"{stem} {i}"
                sub_code = f"{code}-{i:02d}"
                self.add(_Node(sub_code, code, f"Đảng bộ {sub}", 2, "dang_bo", unit))
                for j in range(1, self.rng.randint(20, 30) + 1):
                    self.grassroots(sub_code, f"{sub_code}-{j:02d}", f"Cục {j} ({sub})", unit)

    def province_blocs(self, province: _Node) -> None:
        area = province.name.removeprefix("Đảng bộ ")
        code = province.code
        districts = [n for n in province.children if n.level == 2]
        blocs = [
            ("KCQ", f"Đảng bộ Khối các cơ quan {area}", "khoi"),
            ("KDN", f"Đảng bộ Khối doanh nghiệp {area}", "khoi"),
            ("QS", f"Đảng bộ Quân sự {area}", "luc-luong-vu-trang"),
            ("CA", f"Đảng bộ Công an {area}", "cong-an"),
        ]
        for suffix, name, unit in blocs:
            self.add(_Node(f"{code}-{suffix}", code, name, 2, "dang_bo", unit))
        if code == THAI_BINH:
            self.border_guard(province, area)
        for i, dept in enumerate(DEPARTMENTS, start=1):
            self.grassroots(f"{code}-KCQ", f"{code}-KCQ-{i:02d}", dept, "co-quan")
        if code == THAI_BINH:
            # Thái Bình's department of industry and trade: 12 cells (seed article).
            self.grassroots(f"{code}-KCQ", SCT_CODE, "Sở Công Thương", "co-quan", cells=SCT_CELLS)
        else:
            self.grassroots(f"{code}-KCQ", f"{code}-KCQ-SCT", "Sở Công Thương", "co-quan")
        for i in range(1, self.rng.randint(10, 20) + 1):
            self.grassroots(
                f"{code}-KDN", f"{code}-KDN-{i:02d}", f"Công ty cổ phần số {i}", "doanh-nghiep"
            )
        for district in districts:
            place = district.name.removeprefix("Đảng bộ ")
            self.grassroots(
                f"{code}-QS",
                f"{code}-QS-{district.code}",
                f"Ban Chỉ huy Quân sự {place}",
                "luc-luong-vu-trang",
            )
            self.grassroots(
                f"{code}-CA", f"{code}-CA-{district.code}", f"Công an {place}", "cong-an"
            )

    def border_guard(self, province: _Node, area: str) -> None:
        """Thái Bình's coastal border guard: the 13th above-grassroots organisation (article).

        Drawn from its own random stream, so the rest of the tree is as before.
        """
        rng = random.Random(f"{SEED}-{THAI_BINH_BORDER_GUARD}")
        bloc = self.add(
            _Node(
                THAI_BINH_BORDER_GUARD,
                province.code,
                f"Đảng bộ Bộ đội Biên phòng {area}",
                2,
                "dang_bo",
                "luc-luong-vu-trang",
            )
        )
        units = [f"Cơ quan Bộ Chỉ huy Bộ đội Biên phòng {area}"]
        units += [f"Đồn Biên phòng số {i}" for i in range(1, THAI_BINH_BORDER_UNITS)]
        for i, name in enumerate(units, start=1):
            self.grassroots(bloc.code, f"{bloc.code}-{i:02d}", name, bloc.unit_type, rng=rng)

    def district(self, district: _Node) -> None:
        communes = [n for n in district.children if n.level == 3]
        place = district.name.removeprefix("Đảng bộ ")
        is_loc_binh = district.code == LOC_BINH
        agencies = LOC_BINH_AGENCIES if is_loc_binh else self.rng.randint(32, 73)
        committee = _COMMITTEE.get(place.split(" ")[0], "Huyện ủy")
        if place.startswith(("thị xã", "thành phố")):
            committee = _COMMITTEE[" ".join(place.split(" ")[:2])]
        names: list[tuple[str, str]] = [
            (n.replace("Huyện ủy", committee).replace("huyện", place), u)
            for n, u in DISTRICT_AGENCIES
        ]
        for commune in communes:
            names.extend((f"{school} {_place(commune)}", "truong-hoc") for school in SCHOOL_KINDS)
        chosen = names[:agencies]
        while len(chosen) < agencies:
            chosen.append((f"Doanh nghiệp số {len(chosen) + 1} {place}", "doanh-nghiep"))
        if is_loc_binh:
            self.loc_binh(district, communes, chosen)
            return
        for commune in communes:
            self.cells(commune, self.rng.randint(8, 22), village=True)
        for i, (name, unit) in enumerate(chosen, start=1):
            self.grassroots(district.code, f"{district.code}-A{i:02d}", f"{name}", unit)

    def loc_binh(
        self, district: _Node, communes: list[_Node], agencies: list[tuple[str, str]]
    ) -> None:
        # 21 communes and 12 agency committees share the 388 cells;
        # the other 25 agencies are grassroots cells.
        committees = 12
        split = _split(LOC_BINH_CELLS, len(communes) + committees, self.rng, 4)
        for commune, count in zip(communes, split, strict=False):
            self.cells(commune, count, village=True)
        rest = split[len(communes) :]
        # The culture centre's cell was a pilot congress: make it a grassroots cell.
        ordered = sorted(agencies, key=lambda a: a[0].startswith("Trung tâm Văn hóa"))
        for i, (name, unit) in enumerate(ordered, start=1):
            cells = rest[i - 1] if i <= committees else 0
            self.grassroots(district.code, f"{district.code}-A{i:02d}", name, unit, cells=cells)

    def total_members(self) -> None:
        for node in sorted(self.nodes.values(), key=lambda n: -n.level):
            if node.children:
                node.members = sum(child.members for child in node.children)

    def rows(self) -> Iterable[list[str]]:
        for node in self.nodes.values():
            yield [
                node.code,
                node.parent,
                node.name,
                str(node.level),
                node.kind,
                node.unit_type,
                str(node.members),
            ]


def demo_table(provinces: Iterable[str] | None = None, seed: int = SEED) -> Table:
    """Return the demo tree as an import table, for all provinces or only some."""
    gso = admin_units_table(bundled("2020").read_bytes())
    builder = _Builder(set(provinces) if provinces is not None else None, seed)
    builder.build(gso)
    builder.total_members()
    table = Table(headers=["code", "parent_code", "name", "level", "kind", "unit_type", "members"])
    table.rows = [(number, row) for number, row in enumerate(builder.rows(), start=2)]
    return table
