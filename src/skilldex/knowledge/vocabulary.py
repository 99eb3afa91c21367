"""The tags a knowledge object may carry: capability names, process tags, repo names, and declared ones."""

from __future__ import annotations

import re
from pathlib import Path

from skilldex.capabilities import VOCABULARY
from skilldex.frontmatter.load import load_yaml
from skilldex.frontmatter.types import FrontmatterError
from skilldex.models import Finding
from skilldex.rules import knowledge as rules

PROCESS_TAGS = {
    "production": "about the live environment",
    "staging": "about a pre-production environment",
    "process": "how to work, whatever the system",
    "incident": "learned during an outage or incident",
    "security": "access control, exposure, compliance",
    "knowledge": "about writing and keeping knowledge objects",
}
BUILTIN = (*VOCABULARY, *PROCESS_TAGS)
FILENAMES = ("tags.yaml", "tags.yml")
_TAG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def declared(file: Path, root: Path, display) -> tuple[dict[str, str], list[Finding]]:
    """Tags declared in `tags.yaml` of every `knowledge/` folder between the object and the repo root.

    `display(path)` gives the path findings report. Returns ({tag: meaning}, findings about the files).
    """
    tags: dict[str, str] = {}
    findings: list[Finding] = []
    folder = file.parent
    while True:
        if folder.name == "knowledge":
            for name in FILENAMES:
                if (folder / name).is_file():
                    more, problems = read(folder / name, display(folder / name))
                    tags.update(more)
                    findings.extend(problems)
        if folder == root or folder.parent == folder or root not in folder.parents:
            return tags, findings
        folder = folder.parent


def read(path: Path, shown: str) -> tuple[dict[str, str], list[Finding]]:
    """One tags.yaml: `tags:` with a mapping of tag to meaning, or a list of tags."""

    try:
        data, key_lines, _ = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [rules.BAD_VOCABULARY.finding(shown, f"cannot read the tag vocabulary: {exc}", 1)]
    except FrontmatterError as exc:
        return {}, [rules.BAD_VOCABULARY.finding(shown, f"invalid YAML: {exc.message}", exc.line, exc.column)]
    line = key_lines.get("tags", 1)
    value = data.get("tags") if isinstance(data, dict) else None
    if isinstance(value, list):
        value = {str(v): "" for v in value if not isinstance(v, (list, dict))}
    if not isinstance(value, dict):
        return {}, [
            rules.BAD_VOCABULARY.finding(
                shown, "expected `tags:` with a mapping (tag: meaning) or a list of tags", line
            )
        ]
    tags, findings = {}, []
    for tag, meaning in value.items():
        if _TAG.match(str(tag)):
            tags[str(tag)] = "" if meaning is None else str(meaning)
        else:
            findings.append(
                rules.BAD_VOCABULARY.finding(
                    shown, f"'{tag}' is not a tag: use lowercase letters, digits and hyphens", line
                )
            )
    return tags, findings


def known(extra: dict[str, str], repos: set[str]) -> set[str]:
    return {*BUILTIN, *extra, *repos}
