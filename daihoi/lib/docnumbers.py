"""Parse and check Party document numbers such as "35-CT/TW" or "Số 09-HD/BTCĐUK"."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Set
from dataclasses import dataclass

__all__ = [
    "DEFAULT_ISSUERS",
    "DEFAULT_TYPES",
    "DocumentNumber",
    "DocumentNumberError",
    "format_document_number",
    "parse_document_number",
]

DEFAULT_TYPES: frozenset[str] = frozenset(
    {
        "CT",  # chỉ thị
        "KH",  # kế hoạch
        "HD",  # hướng dẫn
        "QĐ",  # quyết định, quy định
        "NQ",  # nghị quyết
        "KL",  # kết luận
        "BC",  # báo cáo
        "TB",  # thông báo
        "CV",  # công văn
        "TTr",  # tờ trình
        "CTr",  # chương trình
        "QC",  # quy chế
    }
)

DEFAULT_ISSUERS: frozenset[str] = frozenset(
    {
        "TW",  # Ban Chấp hành Trung ương, Bộ Chính trị, Ban Bí thư
        "VPTW",  # Văn phòng Trung ương
        "BTCTW",  # Ban Tổ chức Trung ương
        "TU",  # tỉnh ủy
        "HU",  # huyện ủy
        "ĐU",  # đảng ủy
        "ĐUK",  # đảng ủy khối
        "BTCĐUK",  # ban tổ chức đảng ủy khối
    }
)

# "Số" / "số" / "SỐ", optionally followed by a colon, may precede the number as printed in
# the header of the document.
_PREFIX = re.compile(r"^số\s*:?\s*", re.IGNORECASE)
_SHAPE = re.compile(r"^(?P<number>[^-/\s]+)-(?P<type>[^-/\s]+)/(?P<issuer>[^/\s]+)$")

# The Icelandic eth (Ð U+00D0, ð U+00F0) looks exactly like the Vietnamese đ (U+0110,
# U+0111) and some keyboards and PDF copies produce it; treat both as the same letter.
_LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})


class DocumentNumberError(ValueError):
    """Signal a document number that is malformed or uses an unknown part."""

    def __init__(self, text: str, part: str, message: str) -> None:
        """Keep the offending text and which part ("format", "number", "type", "issuer")."""
        super().__init__(f"{text!r}: {message}")
        self.text = text
        self.part = part


@dataclass(frozen=True, slots=True)
class DocumentNumber:
    """Hold the parts of a number such as 09-HD/BTCĐUK."""

    number: int
    number_text: str
    doc_type: str
    issuer: str

    def __str__(self) -> str:
        """Write the number back as issued, keeping its leading zeros."""
        return f"{self.number_text}-{self.doc_type}/{self.issuer}"


def _shape_fault(body: str) -> str:
    """Describe what keeps `body` from reading as {number}-{type}/{issuer}."""
    expected = "expected {number}-{type}/{issuer}, for example 35-CT/TW"
    if not body:
        return f"the number is empty; {expected}"
    if any(ch.isspace() for ch in body):
        return f"spaces are not allowed inside the number; {expected}"
    if body.count("/") != 1:
        return f"there must be exactly one '/' before the issuer; {expected}"
    if body.split("/", 1)[0].count("-") != 1:
        return f"there must be exactly one '-' between number and type; {expected}"
    return f"a part is empty; {expected}"


def _known(value: str, allowed: Set[str], part: str, text: str) -> None:
    """Raise unless `value` is in `allowed`, suggesting a differently cased match."""
    if value in allowed:
        return
    # Types such as "TTr" and "CTr" are case-sensitive, so a case slip is reported with a
    # suggestion rather than silently corrected.
    near = sorted(a for a in allowed if a.casefold() == value.casefold())
    hint = f"; did you mean {near[0]!r}?" if near else f"; known: {', '.join(sorted(allowed))}"
    raise DocumentNumberError(text, part, f"unknown document {part} {value!r}{hint}")


def parse_document_number(
    text: str,
    types: Set[str] = DEFAULT_TYPES,
    issuers: Set[str] = DEFAULT_ISSUERS,
) -> DocumentNumber:
    """Parse "{number}-{type}/{issuer}", optionally after "Số", checking type and issuer."""
    cleaned = unicodedata.normalize("NFC", text).translate(_LOOKALIKES).strip()
    body = _PREFIX.sub("", cleaned, count=1)
    match = _SHAPE.match(body)
    if match is None:
        raise DocumentNumberError(text, "format", _shape_fault(body))
    number_text = match["number"]
    # str.isdigit accepts superscripts and other scripts' digits; only 0-9 are used here.
    if not number_text.isascii() or not number_text.isdigit():
        raise DocumentNumberError(
            text, "number", f"the number {number_text!r} must be written in digits 0-9"
        )
    number = int(number_text)
    if number < 1:
        # Committees number their documents from 01 in each term.
        raise DocumentNumberError(text, "number", "the number must be 1 or more")
    _known(match["type"], types, "type", text)
    _known(match["issuer"], issuers, "issuer", text)
    return DocumentNumber(number, number_text, match["type"], match["issuer"])


def format_document_number(number: int, doc_type: str, issuer: str, width: int = 2) -> str:
    """Write a number with at least `width` digits, as in "09-HD/BTCĐUK"."""
    if number < 1:
        raise ValueError(f"document numbers start at 1, got {number}")
    return f"{number:0{width}d}-{doc_type}/{issuer}"
