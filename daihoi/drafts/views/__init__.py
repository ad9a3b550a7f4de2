"""Pages of the draft documents, by noun: one URL, one view and one form per write."""
