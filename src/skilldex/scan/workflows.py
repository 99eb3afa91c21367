"""GitHub Actions workflows: those anyone can start by hand (`on: workflow_dispatch`), and where CI is defined.

A hand-started workflow is tooling like a Makefile target: `gh workflow run deploy.yml -f ref=main` does the job
with the repo's own credentials, so an agent should find it before building its own way in. A workflow that runs
commands on pushes or pull requests is where the repo's checks and deploys are defined: catalogued with no run
(its trigger runs it, not an agent), so that "where does CI run the tests" has an answer. Workflows that only run
on a schedule or only label and greet are automation, and are left out.
"""

from __future__ import annotations

import re
import shlex

from skilldex import capabilities
from skilldex.frontmatter.full import load_full
from skilldex.frontmatter.types import FrontmatterError
from skilldex.models import TaskItem
from skilldex.scan.fs import RepoFile, RepoFS

MAX_INPUTS_IN_RUN = 6
# GitHub's rule for input names; anything else never reaches a command line an agent may run
_INPUT_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,99}")


def is_workflow(file: RepoFile) -> bool:
    return len(file.parts) == 3 and file.parts[:2] == (".github", "workflows") and file.name.endswith((".yml", ".yaml"))


def _triggers(data: dict, key_lines: dict[str, int]) -> object:
    """The value of the `on:` key. YAML 1.1 reads `on` as true (the loader names it "True"), as it reads
    `yes`, `On` or `true`; GitHub only reads the word `on`: the key as written (key_lines) must say it."""
    if "on" not in key_lines:
        return None
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
    return {
        name: spec if isinstance(spec, dict) else {}
        for name, spec in inputs.items()
        if isinstance(name, str) and _INPUT_NAME.fullmatch(name)
    }


def _run(file: RepoFile, inputs: dict[str, dict]) -> str:
    """`gh workflow run FILE`, with a `-f name=<name>` placeholder for each required input without a default."""
    needed = [name for name, spec in inputs.items() if spec.get("required") is True and spec.get("default") is None]
    flags = "".join(f" -f {name}=<{name}>" for name in needed[:MAX_INPUTS_IN_RUN])
    return f"gh workflow run {shlex.quote(file.name)}{flags}"


def _capabilities(stem: str, title: str, data: dict, triggers: object) -> list[str]:
    """What the workflow is named for; its job and step names say what it does when there are only a few of them,
    and otherwise only what they say twice (a `dotnet restore` step in a build is no backup). One that also runs
    commands on pull requests is a check on them: CI (a deploy on push to main is not, nor a PR labeler)."""
    steps = _steps_text(data)
    if len(steps.split()) <= 6:
        found = capabilities.infer_fields((title, steps), names=(stem,))
    else:
        found = capabilities.infer_fields((title,), (steps,), names=(stem,))
    checks = _on_pull_requests(triggers) and _runs_commands(data)
    if checks:  # "Pull Request" in a check's name says when it runs, not that it works with git
        found = [c for c in found if c != "git"]
    scripts, actions = _runs_text(data)
    # the actions it uses do the work whatever it is named: a release that runs docker/build-push-action builds too
    used = {c for c in capabilities.infer_fields((), runs=(actions,)) if c != "git" or not found}
    if not found:  # named for nothing it does: what its steps run (their git and gh commands deliver its result:
        # commit, push, open a pull request)
        found = [c for c in capabilities.infer_fields((), runs=(scripts,)) if c != "git"]
    found = sorted({*found, *used}, key=capabilities.ORDER_OF.__getitem__)
    if checks:
        found = sorted({*found, "ci"}, key=list(capabilities.VOCABULARY).index)
    return found


def _runs_commands(data: dict) -> bool:
    """Whether a job runs a command (`run:` steps, or a job that calls another workflow): a check, unlike a
    workflow that only labels, greets or triages pull requests with one action."""
    jobs = data.get("jobs")
    for job in jobs.values() if isinstance(jobs, dict) else ():
        if isinstance(job, dict) and "uses" in job:
            return True
        steps = job.get("steps") if isinstance(job, dict) else None
        if isinstance(steps, list) and any(isinstance(step, dict) and "run" in step for step in steps):
            return True
    return False


def _on_pull_requests(triggers: object) -> bool:
    events = triggers if isinstance(triggers, (dict, list)) else [triggers]
    return any(event in ("pull_request", "pull_request_target", "merge_group") for event in events)


def _steps_text(data: dict) -> str:
    """Job and step names: what the workflow does, for capabilities only (its scripts name every tool)."""
    words: list[str] = []
    jobs = data.get("jobs")
    for name, job in jobs.items() if isinstance(jobs, dict) else ():
        words.append(str(name))
        if not isinstance(job, dict):
            continue
        words.append(str(job.get("name") or ""))
        steps = job.get("steps")
        for step in steps if isinstance(steps, list) else []:
            if isinstance(step, dict) and not _SET_UP.match(str(step.get("name") or "")):
                words.append(str(step.get("name") or ""))
    return " ".join(words)


def _runs_text(data: dict) -> tuple[str, str]:
    """(the `run:` scripts of its steps, the actions its steps use, one a line), in order: what the programs in them
    serve tags the workflow (capabilities.runs)."""
    scripts: list[str] = []
    actions: list[str] = []
    jobs = data.get("jobs")
    for job in jobs.values() if isinstance(jobs, dict) else ():
        steps = job.get("steps") if isinstance(job, dict) else None
        for step in steps if isinstance(steps, list) else []:
            if isinstance(step, dict) and isinstance(step.get("run"), str):
                scripts.append(step["run"])
            elif isinstance(step, dict) and isinstance(step.get("uses"), str):
                actions.append(step["uses"].split("@", 1)[0])
    return "\n".join(scripts), "\n".join(actions)


# Steps that only set a job up say how it runs, not what it does: every workflow checks out, gets a token, logs in
_SET_UP = re.compile(
    r"\s*(check ?out|set ?up|setup|install|get|generate|create|fetch|load|configure|cache|log ?in|"
    r"login)\b.*\b(code|repo|repository|token|secrets?|credentials?|sdk|node|python|java|jdk|go|"
    r"dotnet|tools?|cache|dependencies|deps|modules|\.net)\b.*$|\s*check ?out\s*$|\s*log ?in to\b",
    re.IGNORECASE,
)


def scan_file(fs: RepoFS, file: RepoFile) -> list[TaskItem]:
    if not is_workflow(file):
        return []
    text = fs.read_text(file)
    if text is None:
        return []
    try:  # the full loader: workflows are bigger than frontmatter (its alias and expansion caps still hold)
        data, key_lines, _ = load_full(text)
    except FrontmatterError:
        return []  # a workflow GitHub cannot read either; validating workflows is not ours
    if not isinstance(data, dict):
        return []
    triggers = _triggers(data, key_lines)
    dispatch = _dispatch(triggers)
    if dispatch is None:
        return _pushed(fs, file, data, key_lines, triggers)
    inputs = _inputs(dispatch)
    described = [
        f"{name}: {spec['description']}" if isinstance(spec.get("description"), str) else name
        for name, spec in inputs.items()
    ]
    said = f" (inputs: {'; '.join(described)})" if described else ""
    return [_item(file, data, key_lines, triggers, said, _run(file, inputs), f"workflow_dispatch of {file.rel}")]


def _item(
    file: RepoFile, data: dict, key_lines: dict[str, int], triggers: object, said: str, run: str | None, command: str
) -> TaskItem:
    """The workflow as a task: named for its file, described by its `name:` (else the file name) and `said`."""
    title = data["name"].strip() if isinstance(data.get("name"), str) else ""
    stem = file.name.rsplit(".", 1)[0]
    return TaskItem(
        name=stem,
        path=file.rel,
        line=key_lines.get("on"),
        description=" ".join(f"{title or file.name}{said}".split()),
        capabilities=_capabilities(stem, title, data, triggers),
        run=run,
        runner="github-actions",
        command=command,
    )


def _callers_events(fs: RepoFS, file: RepoFile) -> list[str]:
    """The push and pull request events of the repo's workflows that do nothing but call this reusable one
    (`pr.yml`: `on: pull_request`, `jobs: ci: uses: ./.github/workflows/ci.yml`): such a caller is a trigger,
    and this workflow is where its checks are defined. A caller with jobs of its own, or one running several
    workflows in an order, is the pipeline: this one is a part of it, as a script a task runs is."""
    called = f"./{file.rel}"
    found: set[str] = set()
    for other in fs.files:
        if other.rel == file.rel or not is_workflow(other) or called not in (fs.read_text(other) or ""):
            continue
        try:
            data, key_lines, _ = load_full(fs.read_text(other) or "")
        except FrontmatterError:
            continue
        jobs = data.get("jobs") if isinstance(data, dict) else None
        steps = list(jobs.values()) if isinstance(jobs, dict) else []
        if len({str(j.get("uses")) for j in steps if isinstance(j, dict)}) != 1 or not all(
            isinstance(j, dict) and "uses" in j for j in steps
        ):
            continue  # jobs of its own, or several workflows in an order: the caller is the pipeline
        triggers = _triggers(data, key_lines)
        events = list(triggers) if isinstance(triggers, (dict, list)) else [triggers]
        found.update(e for e in _PUSH_EVENTS if e in events)
    return [e for e in _PUSH_EVENTS if e in found]


# The events by which a workflow checks or ships what people push: CI, as opposed to a schedule or an issue event
_PUSH_EVENTS = ("push", "pull_request", "pull_request_target", "merge_group")


def _pushed(fs: RepoFS, file: RepoFile, data: dict, key_lines: dict[str, int], triggers: object) -> list[TaskItem]:
    """A workflow that runs commands on pushes or pull requests: where CI is defined; nobody runs it by hand. A
    reusable one (`workflow_call`) runs on the events of the workflows that call it: where their jobs are defined."""
    events = list(triggers) if isinstance(triggers, (dict, list)) else [triggers]
    on = [e for e in _PUSH_EVENTS if e in events]
    if not on and "workflow_call" in events:
        on = _callers_events(fs, file)
        triggers = on
    if not on or not _runs_commands(data):
        return []
    return [
        _item(file, data, key_lines, triggers, f" (CI, on {', '.join(on)})", None, f"on {', '.join(on)} of {file.rel}")
    ]
