"""GitHub Actions workflows anyone can start by hand (`on: workflow_dispatch`): deploys, migrations, backfills.

They are tooling like a Makefile target: `gh workflow run deploy.yml -f ref=main` does the job with the
repo's own credentials, so an agent should find them before building its own way in. Workflows that only
run on push, pull request or a schedule are automation, not tools, and are left out.
"""

from __future__ import annotations

from skilldex import capabilities
from skilldex.markdown import FrontmatterError, load_yaml
from skilldex.models import TaskItem
from skilldex.scan.fs import RepoFile, RepoFS

MAX_INPUTS_IN_RUN = 6


def is_workflow(file: RepoFile) -> bool:
    return (len(file.parts) == 3 and file.parts[:2] == (".github", "workflows")
            and file.name.endswith((".yml", ".yaml")))


def _triggers(data: dict) -> object:
    # YAML 1.1 reads the key `on` as true: PyYAML gives it back as True, which JSON-safe loading names "True"
    return data.get("on", data.get("True"))


def _dispatch(triggers: object) -> dict | None:
    """The workflow_dispatch settings ({} when it has none), or None when it cannot be started by hand."""
    if triggers == "workflow_dispatch" or (isinstance(triggers, list) and "workflow_dispatch" in triggers):
        return {}
    if isinstance(triggers, dict) and "workflow_dispatch" in triggers:
        value = triggers["workflow_dispatch"]
        return value if isinstance(value, dict) else {}
    return None


def _inputs(dispatch: dict) -> dict[str, dict]:
    inputs = dispatch.get("inputs")
    if not isinstance(inputs, dict):
        return {}
    return {str(name): spec if isinstance(spec, dict) else {} for name, spec in inputs.items()}


def _run(file: RepoFile, inputs: dict[str, dict]) -> str:
    """`gh workflow run FILE`, with a `-f name=<name>` placeholder for each required input without a default."""
    needed = [name for name, spec in inputs.items() if spec.get("required") is True and spec.get("default") is None]
    flags = "".join(f" -f {name}=<{name}>" for name in needed[:MAX_INPUTS_IN_RUN])
    return f"gh workflow run {file.name}{flags}"


def _steps_text(data: dict) -> str:
    """Job and step names: what the workflow does, for capabilities only (its scripts name every tool)."""
    words: list[str] = []
    jobs = data.get("jobs") if isinstance(data.get("jobs"), dict) else {}
    for name, job in jobs.items():
        words.append(str(name))
        if not isinstance(job, dict):
            continue
        words.append(str(job.get("name") or ""))
        for step in job.get("steps") if isinstance(job.get("steps"), list) else []:
            if isinstance(step, dict):
                words.append(str(step.get("name") or ""))
    return " ".join(words)


def scan_file(fs: RepoFS, file: RepoFile) -> list[TaskItem]:
    if not is_workflow(file):
        return []
    text = fs.read_text(file)
    if text is None:
        return []
    try:
        data, key_lines, _ = load_yaml(text)
    except FrontmatterError:
        return []  # a workflow GitHub cannot read either; validating workflows is not ours
    if not isinstance(data, dict):
        return []
    dispatch = _dispatch(_triggers(data))
    if dispatch is None:
        return []
    inputs = _inputs(dispatch)
    title = str(data.get("name") or "").strip()
    described = [f"{name}: {spec['description']}" if spec.get("description") else name
                 for name, spec in inputs.items()]
    description = (title or file.name) + (f" (inputs: {'; '.join(described)})" if described else "")
    stem = file.name.rsplit(".", 1)[0]
    return [TaskItem(
        name=stem,
        path=file.rel,
        line=key_lines.get("on", key_lines.get("True")),
        description=" ".join(description.split()),
        capabilities=capabilities.infer(stem, title, _steps_text(data)),
        run=_run(file, inputs),
        runner="github-actions",
        command=f"workflow_dispatch of {file.rel}",
    )]
