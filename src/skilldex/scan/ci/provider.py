"""CI pipelines of the registry's systems as catalogue items: where CI is defined, run by pushes, not by agents."""

from __future__ import annotations

import importlib

from skilldex import capabilities
from skilldex.models import TaskItem
from skilldex.scan.ci.registry import SYSTEMS
from skilldex.scan.fs import RepoFile, RepoFS

MODULES = [(importlib.import_module(f"{__package__}.{module}"), runner) for module, runner in SYSTEMS.items()]
MAX_NAMED = 8  # jobs named in the description


def scan_file(fs: RepoFS, file: RepoFile) -> list[TaskItem]:
    if len(file.parts) > 2:
        return []
    for module, runner in MODULES:
        if module.claims(file.parts):
            return _item(fs, file, module, runner)
    return []


def _item(fs: RepoFS, file: RepoFile, module, runner: str) -> list[TaskItem]:
    text = fs.read_text(file)
    if text is None:
        return []
    jobs = module.jobs(text)
    shown = "; ".join(jobs[:MAX_NAMED]) + (f" and {len(jobs) - MAX_NAMED} more" if len(jobs) > MAX_NAMED else "")
    description = f"{module.TITLE} (CI)" + (f": {shown}" if shown else "")
    stem = file.name.rsplit(".", 1)[0]
    found = capabilities.infer_fields((), (" ".join(jobs),), names=(stem,))
    return [
        TaskItem(
            name=stem if stem not in ("config", "Jenkinsfile") else runner,
            path=file.rel,
            description=" ".join(description.split()),
            capabilities=sorted({*found, "ci"}, key=list(capabilities.VOCABULARY).index),
            run=None,
            runner=runner,
            command=f"{module.TITLE} of {file.rel}",
        )
    ]
