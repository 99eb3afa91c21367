"""The rule catalogue: every finding skilldex reports has a stable code, a name, a fix and a doc.

`registry` holds the rule type, one module per family (by code range) registers its rules, `catalogue`
lists them all, `selection` decides which codes a run reports.
"""
