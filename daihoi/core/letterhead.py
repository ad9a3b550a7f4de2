"""The printed frame of a Party document (Hướng dẫn 36-HD/VPTW), written with python-docx.

Top left the superior committee, the issuing body in bold, a star and the
number ("Số 15-BC/HU"); top right "ĐẢNG CỘNG SẢN VIỆT NAM", bold and underlined,
then the place and date in italics. Then the title, the body, and the
signature block with the list of recipients. A4, Times New Roman 14 pt.

The writers take plain values, so every report can reuse them; the helpers at
the end derive those values from an organisation's name where a caller has
nothing better.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

    from daihoi.orgs.models import Organisation

__all__ = [
    "FONT",
    "Letterhead",
    "add_body_paragraph",
    "add_borderless_table",
    "add_header",
    "add_heading",
    "add_signature",
    "add_title",
    "committee_name",
    "date_line",
    "document_bytes",
    "fit_columns",
    "issuer_code",
    "letterhead_for",
    "new_document",
    "on_behalf_of",
    "place_name",
]

FONT = "Times New Roman"
BODY_SIZE = Pt(14)
SMALL_SIZE = Pt(12)
# A4 with the margins of the guidance: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
TEXT_WIDTH = Mm(210 - 30 - 15)
HEADER_LEFT, HEADER_RIGHT = Mm(72), Mm(93)


@dataclass(frozen=True)
class Letterhead:
    """What the header prints: who issues, above whom, the number, where and when."""

    issuing_body: str  # "Huyện ủy Lộc Bình"; printed in capitals
    number: str  # "15-BC/HU", printed after "Số "
    place: str  # "Lộc Bình"
    day: dt.date
    superior_body: str | None = None  # "Đảng bộ tỉnh Lạng Sơn"; omitted when None


# --- the document -------------------------------------------------------------------------


def _set_run_font(run_element: Any, name: str) -> None:
    """Name the font for every script, so Vietnamese letters never fall back to another."""
    rpr = run_element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)


def new_document() -> DocumentObject:
    """Return an empty A4 document with the guidance's margins and Times New Roman 14 pt."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin = MARGINS["top"]
    section.bottom_margin = MARGINS["bottom"]
    section.left_margin = MARGINS["left"]
    section.right_margin = MARGINS["right"]
    normal = doc.styles["Normal"]
    normal.font.name = FONT  # type: ignore[attr-defined]
    normal.font.size = BODY_SIZE  # type: ignore[attr-defined]
    _set_run_font(normal.element, FONT)
    fmt = normal.paragraph_format  # type: ignore[attr-defined]
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    return doc


def document_bytes(doc: DocumentObject) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _line(
    container: DocumentObject | _Cell,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: Length | None = None,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    first: bool = False,
) -> Paragraph:
    """Add one paragraph of one run; `first` reuses a table cell's initial empty paragraph."""
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    paragraph.alignment = align
    run = paragraph.add_run(text)
    run.bold = bold
    run.italic = italic
    run.underline = underline
    run.font.name = FONT
    run.font.size = size or BODY_SIZE
    return paragraph


def add_borderless_table(doc: DocumentObject, widths: Sequence[Length]) -> Table:
    """Add a one-row table without borders, its columns of the given widths."""
    table = doc.add_table(rows=1, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)
    for cell, width in zip(table.rows[0].cells, widths, strict=True):
        cell.width = width
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    return table


def fit_columns(table: Table, weights: Sequence[float], width: Length = TEXT_WIDTH) -> None:
    """Share the page's text width among the table's columns in proportion to `weights`.

    Word's autofit on a python-docx table gives every column the same width, so a
    unit's name wraps over five lines beside a two-digit number. Fixed widths that
    add up to the text width of A4 (165 mm between the guidance's margins) keep the
    table on the page and give the names the room; rows added later take the widths
    of the grid.
    """
    total = sum(weights)
    widths = [Length(int(width * w / total)) for w in weights]
    table.autofit = False
    table_width = table._tbl.tblPr.find(qn("w:tblW"))
    if table_width is None:
        table_width = OxmlElement("w:tblW")
        table._tbl.tblPr.append(table_width)
    table_width.set(qn("w:w"), str(sum(w.twips for w in widths)))
    table_width.set(qn("w:type"), "dxa")
    for column, column_width in zip(table.columns, widths, strict=True):
        column.width = column_width
    for row in table.rows:
        for cell, cell_width in zip(row.cells, widths, strict=True):
            cell.width = cell_width


# --- the parts ----------------------------------------------------------------------------


def date_line(place: str, day: dt.date) -> str:
    """Return "Lộc Bình, ngày 20 tháng 02 năm 2020".

    Days below 10 and the months 1 and 2 take a leading zero, so a date cannot
    be altered by adding a digit; other months are written as they are.
    """
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def add_header(
    doc: DocumentObject,
    *,
    issuing_body: str,
    number: str,
    place: str,
    day: dt.date,
    superior_body: str | None = None,
) -> Table:
    """Write the header: issuing body, star and number left; the Party's name and date right."""
    table = add_borderless_table(doc, [HEADER_LEFT, HEADER_RIGHT])
    left, right = table.rows[0].cells
    left_lines = 0
    if superior_body:
        _line(left, superior_body.upper(), first=True)
        left_lines += 1
    _line(left, issuing_body.upper(), bold=True, first=left_lines == 0)
    _line(left, "*")
    _line(left, f"Số {number}")
    left_lines += 3
    _line(right, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, underline=True, size=Pt(15), first=True)
    # Blank lines so the date stands level with the number.
    for _ in range(left_lines - 2):
        _line(right, "")
    _line(right, date_line(place, day), italic=True)
    return table


def add_title(doc: DocumentObject, title: str) -> None:
    """Write the title: its first line (the kind, "BÁO CÁO") large and bold, the rest bold."""
    kind, *subject = title.split("\n")
    first = _line(doc, kind.upper(), bold=True, size=Pt(16))
    first.paragraph_format.space_before = Pt(18)
    for text in subject:
        _line(doc, text, bold=True)
    _line(doc, "-----")
    doc.paragraphs[-1].paragraph_format.space_after = Pt(12)


def add_heading(doc: DocumentObject, text: str) -> Paragraph:
    """Write a section heading ("I. KẾT QUẢ CHUNG"), bold, on the body's indent."""
    paragraph = _line(doc, text, bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph.paragraph_format.first_line_indent = Mm(10)
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.space_after = Pt(6)
    return paragraph


def add_body_paragraph(doc: DocumentObject, text: str, *, italic: bool = False) -> Paragraph:
    """Write a justified body paragraph with a first-line indent."""
    paragraph = _line(doc, text, italic=italic, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph.paragraph_format.first_line_indent = Mm(10)
    paragraph.paragraph_format.space_after = Pt(6)
    return paragraph


def add_signature(
    doc: DocumentObject,
    *,
    on_behalf: str = "T/M BAN THƯỜNG VỤ",
    position: str = "BÍ THƯ",
    signer: str = "",
    recipients: Sequence[str] = (),
) -> Table:
    """Write the signature block: "Nơi nhận:" and its list left, the signing authority right."""
    doc.add_paragraph()
    table = add_borderless_table(doc, [Mm(80), Mm(85)])
    left, right = table.rows[0].cells
    _line(
        left,
        "Nơi nhận:",
        bold=True,
        italic=True,
        size=SMALL_SIZE,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        first=True,
    )
    for recipient in recipients:
        _line(left, f"- {recipient}", size=Pt(11), align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(right, on_behalf.upper(), bold=True, first=True)
    _line(right, position.upper(), bold=True)
    for _ in range(4):
        _line(right, "")
    _line(right, signer, bold=True)
    return table


# --- values from an organisation's name ---------------------------------------------------

# Longest first: "thị xã" before "xã", "thành phố" before nothing else.
_KINDS = ("thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "quận", "huyện", "tỉnh", "xã")
# Kind → (committee name, issuer code of its documents).
_COMMITTEES = {
    "tỉnh": ("Tỉnh ủy", "TU"),
    "thành phố": ("Thành ủy", "TU"),
    "huyện": ("Huyện ủy", "HU"),
    "quận": ("Quận ủy", "QU"),
    "thị xã": ("Thị ủy", "TU"),
}
_CENTRE = ("Ban Chấp hành Trung ương", "TW")


def _split_kind(org_name: str) -> tuple[str | None, str]:
    """Split "Đảng bộ huyện Lộc Bình" into ("huyện", "Lộc Bình"); (None, rest) otherwise."""
    rest = org_name.strip().removeprefix("Đảng bộ ").strip()
    lowered = rest.lower()
    for kind in _KINDS:
        if lowered.startswith(kind + " "):
            return kind, rest[len(kind) + 1 :].strip()
    return None, rest


def place_name(org_name: str) -> str:
    """Return the place of an organisation: "Đảng bộ huyện Lộc Bình" → "Lộc Bình"."""
    return _split_kind(org_name)[1]


def committee_name(org_name: str) -> str:
    """Return the committee that issues for an organisation's party body.

    "Đảng bộ huyện Lộc Bình" → "Huyện ủy Lộc Bình"; "Đảng bộ xã Đồng Bục" →
    "Đảng ủy xã Đồng Bục"; "Chi bộ Sở Tư pháp" stays itself.
    """
    name = org_name.strip()
    if name.startswith("Chi bộ"):
        return name
    kind, rest = _split_kind(name)
    if kind in _COMMITTEES:
        return f"{_COMMITTEES[kind][0]} {rest}"
    if kind is not None:
        return f"Đảng ủy {kind} {rest}"
    return f"Đảng ủy {rest}"


def issuer_code(org_name: str) -> str:
    """Return the issuer code of the committee's document numbers: TU, HU, ĐU, ĐUK, CB."""
    name = org_name.strip()
    if name.startswith("Chi bộ"):
        return "CB"
    kind, rest = _split_kind(name)
    if kind in _COMMITTEES:
        return _COMMITTEES[kind][1]
    if rest.startswith("Khối"):
        return "ĐUK"
    return "ĐU"


def on_behalf_of(org_name: str) -> str:
    """Return the signing line: "T/M BAN THƯỜNG VỤ", "T/M ĐẢNG ỦY" or "T/M CHI BỘ"."""
    name = org_name.strip()
    if name.startswith("Chi bộ"):
        return "T/M CHI BỘ"
    if _split_kind(name)[0] in _COMMITTEES:
        return "T/M BAN THƯỜNG VỤ"
    return "T/M ĐẢNG ỦY"


def letterhead_for(
    org: Organisation, *, doc_type: str, day: dt.date, number: str | None = None
) -> Letterhead:
    """Derive a header for a document the organisation's committee issues.

    The number is blank ("   -BC/HU") unless given: the office writes it in on
    issue. The place is the nearest geographic name in the organisation's line
    (an agency's committee takes its district's), the superior body the parent
    committee unless the parent is the Party itself.
    """
    if org.depth <= 1:
        issuing, code = _CENTRE
        return Letterhead(issuing, f"{number or '    '}-{doc_type}/{code}", "Hà Nội", day)
    line = [org, *list(type(org).objects.get_ancestors(org))[::-1]]
    place = next(
        (rest for o in line for kind, rest in [_split_kind(o.name)] if kind is not None),
        place_name(org.name),
    )
    parent = line[1] if len(line) > 1 else None
    superior = parent.name if parent is not None and parent.depth > 1 else None
    return Letterhead(
        issuing_body=committee_name(org.name),
        number=f"{number or '    '}-{doc_type}/{issuer_code(org.name)}",
        place=place,
        day=day,
        superior_body=superior,
    )
