"""Which entries of the trail are personal data, and who may read them.

An app whose audit entries are about people's records (personnel) registers,
from its AppConfig.ready(), the prefix of its action names and the capability
that says who may read them; a page listing the trail hides the entries its
reader may not see. The trail itself never imports those apps.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from daihoi.orgs.models import Organisation

# (user, organisation) -> whether the user may read the entries of that prefix there.
Reader = Callable[[Any, "Organisation"], bool]

_readers: dict[str, Reader] = {}


def register_personal_prefix(prefix: str, may_read: Reader) -> None:
    """Mark the entries whose action starts with prefix as readable only by may_read."""
    _readers[prefix] = may_read


def hidden_prefixes(user: Any, organisation: Organisation) -> list[str]:
    """The action prefixes of entries at organisation the user may not read."""
    return [prefix for prefix, may_read in _readers.items() if not may_read(user, organisation)]
