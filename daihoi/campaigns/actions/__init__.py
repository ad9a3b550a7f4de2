"""The campaigns' writes, by noun: campaign, congress, lifecycle, approvals, bulk_dates,
congress_import, documents. Each `do_<verb>_<noun>(…, *, acting_user)` checks the duty,
runs in one transaction and writes its audit entry. Import each from its noun's module.
"""
