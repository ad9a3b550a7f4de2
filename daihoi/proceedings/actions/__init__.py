"""Every change to a congress's day, by noun: programme.py, speakers.py, votes.py.

Each is audited. Writers are the congress's organisers (the presidium and the
secretariat work on their accounts; see access.py). Changes to one congress's
programme are serialised by locking the congress row (common.locked), so two
secretaries reordering or marking progress at once never leave two current items
or two items at one place.
"""
