"""axe-core in every page the browser tests open: WCAG 2.1 A and AA, serious and critical.

axe-core comes from the npm registry (package.json pins it; `make install` runs npm),
and is added to every document as an init script, so the page's Content-Security-Policy
does not govern it. Once a document has loaded it runs axe on itself, at the width the
test opened it, and writes each serious or critical violation to the console with
MARKER in front; the conftest collects those like the CSP reports.

`check_at_widths` runs it again at a phone's width and a desk's (WIDTHS), resizing the
page and putting it back, for the conftest to call when the test is not acting on the
page (after a `goto`, and before the browser closes).
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import IN_CI

MARKER = "AXE violation:"
ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# The rule sets the issue asks for (WCAG 2.1 AA), not axe's best-practice extras.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# A phone and a desk (issue 19): every page is checked at both.
WIDTHS = (390, 1280)
# What axe leaves out: Swagger UI's own markup on /api/docs (a developer's tool drawn by
# a third-party bundle; its nested buttons and grey text are not ours to change). The
# page around it is checked.
EXCLUDE = [["#swagger-ui"]]

RUNNER = """
(function () {
  if (window.top !== window || !window.axe) { return; }
  window.__axeChecks = new Promise(function (resolve) {
    window.addEventListener("load", function () {
      window.axe.run({exclude: %(exclude)s},
                     {runOnly: {type: "tag", values: %(tags)s}, resultTypes: ["violations"]})
        .then(function (result) {
          result.violations
            .filter(function (v) { return v.impact === "serious" || v.impact === "critical"; })
            .forEach(function (v) {
              var where = v.nodes.slice(0, 3).map(function (n) { return n.target.join(" "); });
              console.error("%(marker)s " + v.impact + " " + v.id + " (" + v.help + ") at " +
                            where.join(" | ") + " on " + location.pathname + " at " +
                            window.innerWidth + " px");
            });
        })
        .catch(function (error) { console.error("%(marker)s axe failed: " + error); })
        .then(resolve);
    });
  });
})();
"""


@functools.cache
def init_script() -> str:
    """axe-core's source and the runner, as one script for every new document."""
    path = Path(os.environ.get("DAIHOI_AXE_JS", SOURCE))
    if not path.exists():
        message = f"axe-core is missing at {path} (make install runs npm install)"
        if IN_CI:
            pytest.fail(message)
        # Outside CI a machine without npm still runs the browser tests, unchecked.
        return ""
    runner = RUNNER % {
        "tags": json.dumps(TAGS),
        "exclude": json.dumps(EXCLUDE),
        "marker": MARKER,
    }
    return path.read_text(encoding="utf-8") + "\n" + runner


# Run axe now (after the load check, if still running), once the layout of the current
# width has settled (two frames), and return each serious or critical violation.
CHECK_NOW = """
async ([tags, exclude]) => {
  if (!window.axe) { return []; }
  await (window.__axeChecks || null);
  await new Promise(function (r) {
    requestAnimationFrame(function () { requestAnimationFrame(r); });
  });
  const result = await window.axe.run({exclude: exclude},
                                      {runOnly: {type: "tag", values: tags},
                                       resultTypes: ["violations"]});
  return result.violations
    .filter(function (v) { return v.impact === "serious" || v.impact === "critical"; })
    .map(function (v) {
      var where = v.nodes.slice(0, 3).map(function (n) { return n.target.join(" "); });
      return v.impact + " " + v.id + " (" + v.help + ") at " + where.join(" | ") +
             " on " + location.pathname + " at " + window.innerWidth + " px";
    });
}
"""


def check_at_widths(page: Any, widths: tuple[int, ...] = WIDTHS) -> list[str]:
    """Check the page's document at each width, then give the page its size back."""
    if not init_script() or page.is_closed():
        return []
    original = page.viewport_size
    height = original["height"] if original else 900
    found: list[str] = []
    try:
        for width in widths:
            page.set_viewport_size({"width": width, "height": height})
            violations = page.evaluate(CHECK_NOW, [TAGS, EXCLUDE])
            found += [f"{page.url}: {MARKER} {v}" for v in violations]
    except Exception as error:  # noqa: BLE001 - a page navigating away mid-check
        if "navigat" not in str(error) and "context was destroyed" not in str(error):
            found.append(f"{page.url}: {MARKER} axe failed: {error}")
    finally:
        if original and not page.is_closed():
            page.set_viewport_size(original)
    return found


def wait_for_checks(page: Any) -> None:
    """Let the page's running check finish before its browser closes (at most 10 s)."""
    try:
        page.evaluate(
            "() => Promise.race([window.__axeChecks || null,"
            " new Promise(function (r) { setTimeout(r, 10000); })])"
        )
    except Exception:  # noqa: BLE001, S110 - a page already gone has nothing to wait for
        pass
