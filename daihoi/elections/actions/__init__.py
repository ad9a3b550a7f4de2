"""Every change to an election, by noun: lifecycle, candidates, board, counts, entries, record.

Each action is audited, outermost in `transaction.atomic(durable=True)`, and
refuses anything once the election is sealed. Import each from its noun's module.
"""
