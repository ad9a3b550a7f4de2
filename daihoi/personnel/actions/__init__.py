"""Every change to personnel records, by noun: people, lists, introduction, complaints,
teams, elected, targets. Each `do_<verb>_<noun>(…, *, acting_user)` checks the duty,
runs outermost in `transaction.atomic(durable=True)` and writes its audit entry.
Import each from its noun's module.
"""
