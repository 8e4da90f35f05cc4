"""The change list of ``policyparse diff`` as one static HTML page (the report's section for plan
revisions): counts, added, removed, split, merged, and every match with its change kinds, the
word diff of a rewording and the units added or removed.  Autoescaped like the report."""
from __future__ import annotations

from policyparse.report.build import environment
from policyparse.schema import PlanDiff


def diff_html(plan: PlanDiff) -> str:
    """The page's HTML text (no files beside it, no network)."""
    return environment().get_template("diff.html.j2").render(plan=plan)
