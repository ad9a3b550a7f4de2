"""Where the other apps plug into the congress record, the dashboard and the demo.

The campaigns app does not import personnel, drafts or assembly: they register
their checks and panels here from their AppConfig.ready(), so the congress page
and the approval gate stay in one place and each app keeps its own rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.http import HttpRequest

    from daihoi.campaigns.models import Campaign, Congress
    from daihoi.campaigns.progress import Counts
    from daihoi.orgs.models import Level, Organisation


@dataclass(frozen=True)
class Panel:
    """A section another app adds to a page: its template and what it shows."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 50


# (congress, approval kind) -> reasons the superior may not approve yet (empty: may).
ApprovalCheck = Callable[["Congress", str], list[str]]
# (congress, target state) -> (code, reason) for each thing another app's records lack
# before the lifecycle may move the congress to that state (results reported: results/).
TransitionCheck = Callable[["Congress", str], list[tuple[str, str]]]
# (congress, approval kind) -> what a submission freezes: {"what", "id", "label", "version"}.
SubmissionContent = Callable[["Congress", str], list[dict[str, Any]]]
# (request, congress) -> (label, url) of the page where the congress's next step is
# prepared (the results report before "results reported"), or None; shown by the step.
StepLink = Callable[["HttpRequest", "Congress"], tuple[str, str] | None]
# (request, congress) -> a section of the congress page, or None.
CongressPanel = Callable[["HttpRequest", "Congress"], Panel | None]
# (request, campaign, organisation, as-of date) -> a section of the dashboard, or None.
DashboardPanel = Callable[["HttpRequest", "Campaign", "Organisation", dt.date], Panel | None]
# (campaign, root, as-of date, level ids) -> the congresses under each direct child of
# root per level ({child path: {level id: counts}}, as progress.counts_by_child), or None
# when it cannot answer for root: a roll-up kept on writes (completeness/dashboard.py).
ProgressCounter = Callable[
    ["Campaign", "Organisation", dt.date, list[int]], "dict[str, dict[int, Counts]] | None"
]
# (campaign, root, level) -> [(day, planned that day, held that day)] in day order, or None.
SeriesCounter = Callable[
    ["Campaign", "Organisation", "Level"], "list[tuple[dt.date, int, int]] | None"
]
# (campaign, provinces or None for all, write a line) -> None; must be idempotent.
DemoLoader = Callable[["Campaign", list[str] | None, Callable[[str], None]], None]

approval_checks: list[ApprovalCheck] = []
transition_checks: list[TransitionCheck] = []
submission_contents: list[SubmissionContent] = []
congress_panels: list[CongressPanel] = []
step_links: list[StepLink] = []
dashboard_panels: list[DashboardPanel] = []
demo_loaders: list[DemoLoader] = []
progress_counters: list[ProgressCounter] = []
series_counters: list[SeriesCounter] = []
# The same for the live 2025–2030 demo campaign (campaigns/demo_live.py), run after it loads.
live_demo_loaders: list[DemoLoader] = []
_demo_order: dict[DemoLoader, int] = {}


def _add(registry: list[Any], fn: Any) -> Any:
    # ready() may run twice in some test runners; register each function once.
    if fn not in registry:
        registry.append(fn)
    return fn


def register_approval_check(fn: ApprovalCheck) -> ApprovalCheck:
    return _add(approval_checks, fn)  # type: ignore[no-any-return]


def register_transition_check(fn: TransitionCheck) -> TransitionCheck:
    return _add(transition_checks, fn)  # type: ignore[no-any-return]


def register_submission_content(fn: SubmissionContent) -> SubmissionContent:
    return _add(submission_contents, fn)  # type: ignore[no-any-return]


def register_step_link(fn: StepLink) -> StepLink:
    return _add(step_links, fn)  # type: ignore[no-any-return]


def register_congress_panel(fn: CongressPanel) -> CongressPanel:
    return _add(congress_panels, fn)  # type: ignore[no-any-return]


def register_dashboard_panel(fn: DashboardPanel) -> DashboardPanel:
    return _add(dashboard_panels, fn)  # type: ignore[no-any-return]


def register_progress_counter(fn: ProgressCounter) -> ProgressCounter:
    return _add(progress_counters, fn)  # type: ignore[no-any-return]


def register_series_counter(fn: SeriesCounter) -> SeriesCounter:
    return _add(series_counters, fn)  # type: ignore[no-any-return]


def register_demo_loader(fn: DemoLoader, *, order: int = 50) -> DemoLoader:
    """Run fn when the demo loads; lower orders first (a loader using another's data goes after)."""
    _demo_order[fn] = order
    _add(demo_loaders, fn)
    demo_loaders.sort(key=lambda loader: _demo_order.get(loader, 50))
    return fn


def register_live_demo_loader(fn: DemoLoader) -> DemoLoader:
    return _add(live_demo_loaders, fn)  # type: ignore[no-any-return]


def approval_problems(congress: Congress, kind: str) -> list[str]:
    problems: list[str] = []
    for check in approval_checks:
        problems.extend(check(congress, kind))
    return problems


def transition_problems(congress: Congress, target: str) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    for check in transition_checks:
        problems.extend(check(congress, target))
    return problems


def submission_items(congress: Congress, kind: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for content in submission_contents:
        items.extend(content(congress, kind))
    return items


def next_step_links(request: HttpRequest, congress: Congress) -> list[tuple[str, str]]:
    return [link for fn in step_links if (link := fn(request, congress)) is not None]


def congress_sections(request: HttpRequest, congress: Congress) -> list[Panel]:
    found = [p for fn in congress_panels if (p := fn(request, congress)) is not None]
    return sorted(found, key=lambda p: p.order)


def dashboard_sections(
    request: HttpRequest, campaign: Campaign, org: Organisation, as_of: dt.date
) -> list[Panel]:
    found = [p for fn in dashboard_panels if (p := fn(request, campaign, org, as_of)) is not None]
    return sorted(found, key=lambda p: p.order)


def kept_progress(
    campaign: Campaign, root: Organisation, as_of: dt.date, level_ids: list[int]
) -> dict[str, dict[int, Counts]] | None:
    """The first registered counter's answer, or None: count from the congresses."""
    for counter in progress_counters:
        found = counter(campaign, root, as_of, level_ids)
        if found is not None:
            return found
    return None


def kept_series(
    campaign: Campaign, root: Organisation, level: Level
) -> list[tuple[dt.date, int, int]] | None:
    for counter in series_counters:
        found = counter(campaign, root, level)
        if found is not None:
            return found
    return None
