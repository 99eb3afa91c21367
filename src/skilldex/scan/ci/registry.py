"""Every CI system skilldex reads besides GitHub Actions (scan/workflows.py), one line each: its module in this
package and the `runner` name its pipelines carry.

Pure data, imported by `models` for the schema's list of runners. Adding a system is one module here (with
`TITLE`, `claims(parts)` and `jobs(text)`) and one line below.
"""

from __future__ import annotations

SYSTEMS: dict[str, str] = {
    "buildkite": "buildkite",
    "gitlab": "gitlab-ci",
    "circleci": "circleci",
    "jenkins": "jenkins",
    "azure": "azure-pipelines",
    "cloudbuild": "cloud-build",
}
NAMES = tuple(SYSTEMS.values())
