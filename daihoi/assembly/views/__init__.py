"""Pages of the congress day, by noun: register, credentials, cards, check-in, quorum."""
