"""The accessibility check of a page: axe-core (vendored in ``vendor/axe-core``) run in Chromium.

``assert_accessible(page)`` fails with each serious or critical violation
(the rule, its impact, what it asks, the first elements concerned); moderate
and minor ones are reported by axe but not failed here.
"""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
FAILING = ("serious", "critical")


def violations(page) -> list[dict]:
    """The serious and critical violations of the page as it is shown now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ['violations']});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
            }));
        }"""
    )
    return [v for v in found if v["impact"] in FAILING]


def assert_accessible(page) -> None:
    found = violations(page)
    assert not found, f"{page.url}: " + "; ".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(v['targets'])}" for v in found
    )
