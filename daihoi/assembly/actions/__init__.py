"""Every change to the register, the credentials, the sittings and the check-ins, by noun.

Each action checks who may act (assembly.access) and writes an audit entry, except
check-ins: the CheckIn row records who scanned, at which desk and when, and is the trail.
"""
