"""The papers of an election, written with python-docx: the printed ballots and the minutes.

Both are Vietnamese by definition (Party documents), so the text is written
literally rather than translated, with Vietnamese figures (1.587; 87,50%).

`ballot_document` prints the ballots in the form the list calls for: with a
surplus the voter crosses out the names not chosen; with exactly as many names
as seats each line has the boxes "Đồng ý" / "Không đồng ý". The papers are
issued by the congress and are all alike: no serial, so no paper can be tied
to the delegate who received it. Each has an empty "Số phiếu" box beside the
board's stamp box; after opening the ballot box the board numbers the papers
collected 1…N, and those are the numbers the counting teams key. Short lists
print four to an A4 sheet, longer ones two, long ones one per page, with dashed
cut lines between them. Printing records nothing: the number issued is
recorded by `do_record_ballot_counts`.

`minutes_document` writes the counting minutes (biên bản kiểm phiếu) in the
Party's format (Hướng dẫn 36-HD/VPTW): the board, the ballots issued,
collected, valid and invalid, the base and the votes needed, every name with
its votes and percentages, who is elected, ties and seats left, the record's
head and the fingerprint of the key that signs it (what an inspector checks the
electronic record against), and a signature line for each board member.
"""

from __future__ import annotations

from daihoi.elections.ballots_docx import ballot_document, ballot_layout, congress_heading
from daihoi.elections.docx_common import (
    INVALID_REASON_TEXT,
    add_body,
    add_grid,
    add_para,
    fill_signature_cell,
)
from daihoi.elections.minutes_docx import (
    chain_head,
    elected_lines,
    minutes_document,
    minutes_result,
    spaced_head,
)

# One name for the papers: the ballots, the minutes and the parts they share live in
# ballots_docx, minutes_docx and docx_common; importers (the proceedings' minutes, the
# download views, bench/) keep reading them from here.
__all__ = [
    "INVALID_REASON_TEXT",
    "add_body",
    "add_grid",
    "add_para",
    "ballot_document",
    "ballot_layout",
    "chain_head",
    "congress_heading",
    "elected_lines",
    "fill_signature_cell",
    "minutes_document",
    "minutes_result",
    "spaced_head",
]
