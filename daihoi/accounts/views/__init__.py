"""The account pages, one module per noun: signing in, two-step sign-in, managed accounts."""
