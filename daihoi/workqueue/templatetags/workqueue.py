"""`{% work_queue as groups %}`: the person's work queue, for the partial any page includes."""

from __future__ import annotations

from typing import Any

from django import template

from daihoi.workqueue.desk import Group
from daihoi.workqueue.queue import groups_of_request

register = template.Library()


@register.simple_tag(takes_context=True)
def work_queue(context: dict[str, Any]) -> list[Group]:
    request = context.get("request")
    if request is None:
        return []
    return groups_of_request(request)
