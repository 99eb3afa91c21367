"""GitHub Actions workflows: what their `run:` steps execute, local actions they use, prompts they send."""

from __future__ import annotations

import dataclasses
import posixpath
import re

import yaml

from skilldex.doctor.shell import NAME, UNKNOWN, Mention, script_mentions
from skilldex.frontmatter.types import too_deep

MAX_NODES = 20_000  # a workflow is a few hundred nodes; aliases could make the walk revisit a lot
_PROMPT = re.compile(r"\s*/(" + NAME + r")(?=\s|$)")


def is_workflow(rel: str) -> bool:
    return rel.startswith(".github/workflows/") and rel.endswith((".yml", ".yaml")) and rel.count("/") == 2


def workflow_mentions(text: str) -> list[Mention]:
    """Mentions in a workflow file; one that is not valid YAML mentions nothing (validation is not ours)."""
    if too_deep(text):  # PyYAML takes seconds over 30,000 `{`, then recurses out
        return []
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError, ValueError):
        return []
    lines = text.splitlines()
    found: list[Mention] = []
    budget = [MAX_NODES]
    default = _working_directory(_get(_get(root, "defaults"), "run"), "")
    for _, job in _items(_get(root, "jobs")):
        job_base = _working_directory(_get(_get(job, "defaults"), "run"), default)
        uses = _get(job, "uses")
        if _scalar(uses).startswith("./"):
            found.append(_local(uses))
        checkouts: dict[str, bool] = {}  # `path:` of each actions/checkout -> whether it is this repo
        for step in _sequence(_get(job, "steps"), budget):
            uses = _get(step, "uses")
            if _scalar(uses).startswith("actions/checkout"):
                where = posixpath.normpath(_scalar(_get(_get(step, "with"), "path")) or ".")
                checkouts[where] = not _scalar(_get(_get(step, "with"), "repository"))
            base = _in_checkout(_working_directory(step, job_base), checkouts)
            if _scalar(uses).startswith("./"):
                found.append(_local(uses))
            run = _get(step, "run")
            if isinstance(run, yaml.ScalarNode):
                mapped = (_from_root(m, checkouts) for m in script_mentions(_script_lines(run, lines), base))
                found.extend(m for m in mapped if m is not None)
            prompt = _get(_get(step, "with"), "prompt")
            match = _PROMPT.match(_scalar(prompt))
            if match:
                found.append(Mention("skill", match.group(1), prompt.start_mark.line + 1, command=True))
    return found


def reusable_only(text: str) -> bool:
    """Whether the workflow only runs when another workflow calls it (`on: workflow_call`): its steps then run in
    the caller's checkout, so its paths and targets are the caller's."""
    if "workflow_call" not in text or too_deep(text):
        return False
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError, ValueError):
        return False
    on = _get(root, "on") or _get(root, "true")  # YAML 1.1 may read the key `on` as true
    if isinstance(on, yaml.MappingNode):
        triggers = {key for key, _ in _items(on)}
    elif isinstance(on, yaml.SequenceNode):
        triggers = {_scalar(node) for node in on.value}
    else:
        triggers = {_scalar(on)}
    return triggers == {"workflow_call"}


def _local(node: yaml.Node) -> Mention:
    target = posixpath.normpath(_scalar(node)).split("@", 1)[0]
    return Mention("file", target, node.start_mark.line + 1, node.start_mark.column + 1, base="")


def _working_directory(node, inherited: str) -> str:
    value = _scalar(_get(node, "working-directory")).strip()
    if not value:
        return inherited
    if value.startswith(("/", "~", "$")):
        return UNKNOWN
    joined = posixpath.normpath(value)  # relative to the workspace (the checkout), not to a default
    return UNKNOWN if joined.startswith("..") else ("" if joined == "." else joined)


def _in_checkout(base: str, checkouts: dict[str, bool]) -> str:
    """The working directory relative to this repo's root: `pr/x` when this repo was checked out into
    `path: pr` is `x`; inside another repo's checkout nothing can be judged."""
    for where, own in checkouts.items():
        if where != "." and base != UNKNOWN and (base == where or base.startswith(where + "/")):
            if not own:
                return UNKNOWN
            rest = base[len(where) :].lstrip("/")
            return rest
    return base


def _from_root(mention: Mention, checkouts: dict[str, bool]) -> Mention | None:
    """`./core-repo/scripts/x.sh` where this repo was checked out into `path: core-repo` is `scripts/x.sh`;
    a path into another repo's checkout is not this repo's to judge."""
    if mention.kind != "tool" or mention.base not in (None, ""):
        return mention
    for where, own in checkouts.items():
        if where != "." and mention.target.removeprefix("./").startswith(where + "/"):
            rest = mention.target.removeprefix("./")[len(where) + 1 :]
            return dataclasses.replace(mention, target=rest) if own else None
    return mention


def _script_lines(node: yaml.ScalarNode, lines: list[str]) -> list[tuple[int, int, str]]:
    """(line, column, text) of a run script as written in the file, so positions are the file's own."""
    if node.style in ("|", ">"):
        first = node.start_mark.line + 1
        last = node.end_mark.line if node.end_mark.column == 0 else node.end_mark.line + 1
        return [(index + 1, 1, _unexpanded(lines[index])) for index in range(first, min(last, len(lines)))]
    return [(node.start_mark.line + 1, node.start_mark.column + 1, _unexpanded(node.value))]


def _unexpanded(text: str) -> str:
    """`${{ expressions }}` blanked: they are filled in by Actions, not paths in the repo."""
    return re.sub(r"\$\{\{.*?\}\}", lambda m: " " * len(m.group(0)), text)


def _get(node, key: str):
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value
    return None


def _items(node):
    if isinstance(node, yaml.MappingNode):
        return [(k.value, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)]
    return []


def _sequence(node, budget: list[int]):
    if not isinstance(node, yaml.SequenceNode):
        return []
    budget[0] -= len(node.value)
    return node.value if budget[0] >= 0 else []


def _scalar(node) -> str:
    return node.value if isinstance(node, yaml.ScalarNode) and isinstance(node.value, str) else ""
