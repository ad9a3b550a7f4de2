"""Every change to draft documents, rounds, comments and their handling, by noun; each audited.

documents (open a document), versions (a round's text: uploaded, edited, corrected),
rounds (sent out, closed), comments (entered, imported), handling (accepted or
explained), groups (proposed, confirmed, split) and approval (the superior's review).
"""
