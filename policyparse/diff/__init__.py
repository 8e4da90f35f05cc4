"""Plan against plan (``policyparse diff``): what changed between two versions of a task list.

    PolicyDocument, PolicyDocument -> PlanDiff   (``plan.diff_documents``)

A stage after ``assemble``: it reads two finished documents and never parses.  Its libraries
(rapidfuzz, NumPy: the ``diff`` extra) are imported inside the functions that use them, so
``import policyparse`` stays light; it loads no dictionary and no SciPy (``wording``,
``assignment``), so a first diff costs what the comparison costs.
"""
