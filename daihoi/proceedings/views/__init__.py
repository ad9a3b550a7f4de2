"""Pages of the congress day's proceedings, by noun: one URL, one view, one form per write."""
