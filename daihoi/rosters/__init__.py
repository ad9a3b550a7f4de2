"""Accounts for the people of a congress's register (issue 17.5).

Above the register (assembly), which it reads through its queries, and the
accounts actions it calls: the register knows nothing of accounts, and accounts
nothing of the register but the key each account made from it keeps.
"""
