"""Draft texts as numbered sections and paragraphs, and the diff between two drafts.

A draft (dự thảo) is read as a list of blocks: headings open sections
("1", "1.2" …) and every other paragraph is numbered within its section, so a
comment can point at "mục 1.2, đoạn 3" and the same place can be found in the
next round. No Django import: the bench and tests use it directly.
"""

from __future__ import annotations

import difflib
import io
import re
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "Block",
    "DiffRow",
    "Numbered",
    "docx_blocks",
    "diff_paragraphs",
    "heading_level",
    "key_label",
    "number_blocks",
    "parse_text",
    "to_text",
    "word_diff",
]

MAX_HEADING_LEVEL = 3

# "PHẦN THỨ NHẤT", "Phần I", "I. ĐÁNH GIÁ …", "1. Về …", "1.2. …", "a) …"
_PART = re.compile(r"^(phần|phan)\s+(thứ\s+\w+|[ivxlc]+\b|\d+)", re.IGNORECASE)
_ROMAN = re.compile(r"^[IVXLC]+[.\-–]\s+\S")
_ARABIC = re.compile(r"^\d+[.)]\s+\S")
_ARABIC2 = re.compile(r"^\d+\.\d+\.?\s+\S")


@dataclass(frozen=True)
class Block:
    """One paragraph of a source text: its words and, for a heading, its level (1 = top)."""

    text: str
    level: int | None = None


@dataclass(frozen=True)
class Numbered:
    """A numbered block: a heading ("2.1") or a paragraph within a section ("2.1:3")."""

    key: str
    text: str
    section: str  # the section number the block sits in ("" before the first heading)
    level: int | None = None  # heading level, None for a paragraph

    @property
    def is_heading(self) -> bool:
        return self.level is not None


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def heading_level(text: str, *, style: str = "", bold: bool = False) -> int | None:
    """Return the heading level of a paragraph from its style, or from its shape when bold.

    Word's "Heading N" (or "Title") styles are taken as they are; drafts typed
    without styles mark their headings by a bold "PHẦN …", "I. …", "1. …" or
    "1.2. …", which the Party's reports always use.
    """
    name = style.strip().lower()
    if name == "title":
        return 1
    for prefix in ("heading ", "tiêu đề ", "đầu đề "):
        if name.startswith(prefix):
            digits = name[len(prefix) :].strip()
            if digits.isdigit():
                return max(1, min(int(digits), MAX_HEADING_LEVEL))
    text = text.strip()
    if not bold or not text or len(text) > 200:
        return None
    if _PART.match(text):
        return 1
    if _ROMAN.match(text):
        return 1
    if _ARABIC2.match(text):
        return 3
    if _ARABIC.match(text):
        return 2
    return None


def number_blocks(blocks: Sequence[Block]) -> list[Numbered]:
    """Number headings as sections ("1", "1.2") and paragraphs within them ("1.2:3").

    Empty blocks are dropped. A heading deeper than the one before it by more
    than one level is numbered as the next level down, so numbers never skip.
    """
    counters: list[int] = []
    paragraph_no = 0
    section = ""
    out: list[Numbered] = []
    for block in blocks:
        text = _clean(block.text)
        if not text:
            continue
        if block.level is not None:
            depth = min(max(block.level, 1), len(counters) + 1, MAX_HEADING_LEVEL)
            counters = counters[:depth]
            if len(counters) < depth:
                counters.append(0)
            counters[depth - 1] += 1
            section = ".".join(str(n) for n in counters)
            paragraph_no = 0
            out.append(Numbered(key=section, text=text, section=section, level=depth))
        else:
            paragraph_no += 1
            out.append(Numbered(key=f"{section or '0'}:{paragraph_no}", text=text, section=section))
    return out


def key_label(key: str) -> str:
    """Return how a key reads to a person: "mục 1.2, đoạn 3", "mục 1.2", "đoạn 3"."""
    if ":" not in key:
        return f"mục {key}"
    section, paragraph = key.split(":", 1)
    if section == "0":
        return f"đoạn {paragraph}"
    return f"mục {section}, đoạn {paragraph}"


def parse_text(text: str) -> list[Numbered]:
    """Read a draft edited in the app: "# ", "## ", "### " open headings; each line a paragraph."""
    blocks: list[Block] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        marks = len(stripped) - len(stripped.lstrip("#"))
        if 1 <= marks <= MAX_HEADING_LEVEL and stripped[marks:].startswith(" "):
            blocks.append(Block(stripped[marks:].strip(), level=marks))
        else:
            blocks.append(Block(stripped))
    return number_blocks(blocks)


def to_text(numbered: Sequence[Numbered]) -> str:
    """Write numbered blocks back in the editing form that parse_text reads."""
    lines = []
    for block in numbered:
        if block.level is not None:
            lines.append("")
            lines.append("#" * block.level + " " + block.text)
        else:
            lines.append(block.text)
    return "\n".join(lines).strip() + "\n"


class TooManyBlocks(ValueError):
    """A Word file with more paragraphs than the caller will read."""


class TooSlow(ValueError):
    """A Word file still being read when the caller's deadline passed."""


def docx_blocks(
    data: bytes, *, limit: int | None = None, deadline: float | None = None
) -> list[Block]:
    """Read the paragraphs of a Word file (and the text of its tables, row by row).

    With a limit, stop with TooManyBlocks at the first paragraph or row past it,
    so that a hostile file costs no more than a long honest one; with a deadline
    (a time.monotonic() value), stop with TooSlow at the first one read after it.
    """
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.styles.style import CharacterStyle
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(io.BytesIO(data))
    part = document.part
    # python-docx finds a style (the default one too) by scanning every style in
    # styles.xml, about 3 ms a lookup: a minute for 20,000 paragraphs. Each style id
    # is looked up once here (the ids are read from the paragraph's and run's XML).
    style_names: dict[str | None, str] = {}
    bold_styles: dict[str | None, bool] = {}

    def paragraph_style(style_id: str | None) -> str:
        if style_id not in style_names:
            found = part.get_style(style_id, WD_STYLE_TYPE.PARAGRAPH)
            style_names[style_id] = (found.name if found is not None else "") or ""
        return style_names[style_id]

    def bold_style(style_id: str | None) -> bool:
        if style_id not in bold_styles:
            found = part.get_style(style_id, WD_STYLE_TYPE.CHARACTER)
            bold_styles[style_id] = isinstance(found, CharacterStyle) and bool(found.font.bold)
        return bold_styles[style_id]

    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if limit is not None and len(blocks) > limit:
            raise TooManyBlocks(limit)
        if deadline is not None and time.monotonic() > deadline:
            raise TooSlow(deadline)
        if isinstance(item, Paragraph):
            runs = [r for r in item.runs if r.text.strip()]
            bold = bool(runs) and all(r.bold or bold_style(r._r.style) for r in runs)
            style = paragraph_style(item._p.style)
            blocks.append(
                Block(item.text, level=heading_level(item.text, style=style or "", bold=bold))
            )
        elif isinstance(item, Table):
            for row in item.rows:
                cells = [c.text.strip() for c in row.cells]
                # Merged cells repeat their text in every grid position.
                unique = [c for i, c in enumerate(cells) if c and c not in cells[:i]]
                if unique:
                    blocks.append(Block(" | ".join(unique)))
    return blocks


# --- diff ---------------------------------------------------------------------------------

Tag = Literal["equal", "changed", "added", "removed"]


@dataclass(frozen=True)
class DiffRow:
    """One row of a side-by-side diff: the old block, the new one, or both."""

    tag: Tag
    old: Numbered | None
    new: Numbered | None


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).quick_ratio()


def diff_paragraphs(old: Sequence[Numbered], new: Sequence[Numbered]) -> list[DiffRow]:
    """Align two drafts paragraph by paragraph: unchanged, changed, added, removed.

    Paragraphs are matched on their text (numbers move when a section is
    added). In a replaced run, a pair counts as "changed" when the texts share
    at least half their characters; otherwise the old one is removed and the
    new one added, so a rewritten paragraph is not shown as a small edit.
    """
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(
        None, [b.text for b in old], [b.text for b in new], autojunk=False
    )
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            rows.extend(
                DiffRow("equal", old[i], new[j])
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            )
        elif op == "delete":
            rows.extend(DiffRow("removed", old[i], None) for i in range(i1, i2))
        elif op == "insert":
            rows.extend(DiffRow("added", None, new[j]) for j in range(j1, j2))
        else:
            i, j = i1, j1
            while i < i2 and j < j2:
                if _similar(old[i].text, new[j].text) >= 0.5:
                    rows.append(DiffRow("changed", old[i], new[j]))
                    i += 1
                    j += 1
                elif i2 - i > j2 - j:
                    rows.append(DiffRow("removed", old[i], None))
                    i += 1
                else:
                    rows.append(DiffRow("added", None, new[j]))
                    j += 1
            rows.extend(DiffRow("removed", old[k], None) for k in range(i, i2))
            rows.extend(DiffRow("added", None, new[k]) for k in range(j, j2))
    return rows


Segment = tuple[Literal["same", "del", "ins"], str]


def word_diff(old: str, new: str) -> tuple[list[Segment], list[Segment]]:
    """Return the old and new text as runs of words, marking what was deleted and inserted."""
    a, b = old.split(), new.split()
    left: list[Segment] = []
    right: list[Segment] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            left.append(("same", " ".join(a[i1:i2])))
            right.append(("same", " ".join(b[j1:j2])))
            continue
        if i2 > i1:
            left.append(("del", " ".join(a[i1:i2])))
        if j2 > j1:
            right.append(("ins", " ".join(b[j1:j2])))
    return left, right
