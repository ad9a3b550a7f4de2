"""Creating and changing accounts, one module per noun; every change is audited.

The names are re-exported here for the commands, the demo and the tests that
import them from `daihoi.accounts.actions`.
"""

from daihoi.accounts.actions.passwords import (
    RESET_REFUSALS,
    do_change_own_password,
    do_issue_password_reset,
    do_reset_password,
    do_set_password,
    may_reset_password,
)
from daihoi.accounts.actions.tokens import do_create_api_token
from daihoi.accounts.actions.two_factor import do_set_two_factor_policy
from daihoi.accounts.actions.users import do_create_user

__all__ = [
    "RESET_REFUSALS",
    "do_change_own_password",
    "do_create_api_token",
    "do_create_user",
    "do_issue_password_reset",
    "do_reset_password",
    "do_set_password",
    "do_set_two_factor_policy",
    "may_reset_password",
]
