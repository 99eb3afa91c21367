"""Skills: every SKILL.md (and mis-cased variant inside a skills folder), with its frontmatter parsed fully."""

from __future__ import annotations

import json
import posixpath
import re

from skilldex.markdown import first_paragraph
from skilldex.rules import scan as rules
from skilldex.scan.common import (
    as_bool,
    as_list,
    as_str,
    plugin_name,
    read_manifest,
    resolve_references,
    split_tools,
    written,
)
from skilldex.scan.fs import RepoFile, RepoFS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from skilldex.models import SkillItem

SKILL_FILENAME = "SKILL.md"
_COMMAND_NAME = re.compile(r"\w[\w.-]*")  # what can follow `/plugin:` in a prompt: no spaces


def is_skill_file(file: RepoFile) -> bool:
    """SKILL.md anywhere; a case variant only inside a `skills` folder (elsewhere it is just a doc)."""
    if file.name == SKILL_FILENAME:
        return True
    return file.name.lower() == "skill.md" and "skills" in file.parts[:-1]


def location(fs: RepoFS, parts: tuple[str, ...]) -> tuple[str, int | None, str | None]:
    """(scope, depth below the skills folder, plugin root) for a skill file's path parts."""
    folders = parts[:-1]
    indexes = [i for i, p in enumerate(folders) if p == "skills"]
    if not indexes:
        return "other", None, None
    i = indexes[-1]
    depth = len(folders) - i - 1
    parent = folders[i - 1] if i > 0 else None
    if parent == ".claude":
        return ("project" if i == 1 else "nested"), depth, None
    if parent == ".agents":
        return "agents", depth, None
    if parent == ".github":
        return "other", depth, None  # GitHub Copilot's skills folder: Claude Code never reads it
    plugin_root = "/".join(folders[:i])
    if fs.exists(posixpath.join(plugin_root, ".claude-plugin/plugin.json")):
        return "plugin", depth, plugin_root
    return "pack", depth, None


def scan_skill(fs: RepoFS, file: RepoFile) -> SkillItem | None:
    read = read_manifest(fs, file)
    if read is None:
        return None
    text, doc = read
    fm = doc.frontmatter
    parts = file.parts
    dir_name = parts[-2] if len(parts) > 1 else fs.root.name
    scope, depth, plugin_root = location(fs, parts)

    loaded = file.name == SKILL_FILENAME and scope in ("project", "nested", "plugin", "pack") and depth == 1
    if file.name != SKILL_FILENAME:
        fs.report(
            rules.SKILL_FILENAME_CASE.finding(
                file.rel,
                f"'{file.name}' is not named exactly SKILL.md; Claude Code ignores it",
                fix=f"Rename it: git mv {file.rel} {posixpath.join(posixpath.dirname(file.rel), SKILL_FILENAME)}",
            )
        )
    if scope in ("project", "nested") and depth != 1:
        where = "directly in" if depth == 0 else f"{depth} levels below"
        fs.report(
            rules.SKILL_TOO_DEEP.finding(
                file.rel, f"skill sits {where} .claude/skills/; Claude Code only loads .claude/skills/<name>/SKILL.md"
            )
        )

    description = as_str(fm.get("description"))
    if not description and doc.error is not None:  # `allowed-tools: *` breaks the YAML, not the description line
        description = _description_line(text)
    source = "frontmatter"
    if not description:
        if doc.has_frontmatter:
            fs.report(
                rules.SKILL_NO_DESCRIPTION.finding(
                    file.rel, f"skill '{dir_name}' has no description in its frontmatter", doc.key_lines.get("name")
                )
            )
        elif doc.error is None:
            fs.report(
                rules.MISSING_FRONTMATTER.finding(file.rel, "SKILL.md has no YAML frontmatter (name, description)", 1)
            )
        description = first_paragraph(doc.body)
        source = "body" if description else "none"

    name = as_str(fm.get("name")) or dir_name
    user_invocable = as_bool(fm.get("user-invocable", fm.get("user_invocable")), True)
    disable_model = as_bool(fm.get("disable-model-invocation"), False)
    when_to_use = as_str(fm.get("when_to_use", fm.get("when-to-use")))
    metadata = fm.get("metadata") if isinstance(fm.get("metadata"), dict) else {}

    run: str | None
    if scope == "plugin":  # named by `name:`, unless that is no command name ("Writing Hookify Rules")
        command = name if _COMMAND_NAME.fullmatch(name) else dir_name
        run = f"/{plugin_name(fs, plugin_root or '')}:{command}"
    elif scope in ("project", "nested"):
        run = f"/{dir_name}"  # Claude Code names project skills after their folder
    else:
        run = f"/{name}"
    if not user_invocable:
        run = None

    # lazy: validate uses this module's discovery helpers only
    from skilldex import capabilities
    from skilldex.models import SkillItem

    return SkillItem(
        name=name,
        path=file.rel,
        description=description or "",
        capabilities=capabilities.of_item(name, description, when_to_use),
        run=run,
        dir_name=dir_name,
        scope=scope,
        loaded_by_claude_code=loaded,
        description_source=source,
        when_to_use=when_to_use,
        allowed_tools=split_tools(fm.get("allowed-tools", fm.get("allowed_tools"))),
        disallowed_tools=split_tools(fm.get("disallowed-tools")),
        user_invocable=user_invocable,
        disable_model_invocation=disable_model,
        argument_hint=written(doc, "argument-hint"),
        arguments=as_list(fm.get("arguments"), separators=" ,"),
        model=as_str(fm.get("model")),
        context=as_str(fm.get("context")),
        agent=as_str(fm.get("agent")),
        paths=as_list(fm.get("paths")),
        license=as_str(fm.get("license")),
        compatibility=as_str(fm.get("compatibility")),
        metadata=metadata,
        frontmatter=fm,
        references=resolve_references(fs, file.rel, doc.body, doc.body_start),
        body_lines=len(doc.body.splitlines()),
        installed_by=installed_by(fs, dir_name, name),
    )


# Manifests at the repo's root through which a package or tool installs skills it ships, each with where it lists
# their names: Laravel Boost's boost.json (`"skills": [...]`), the skills CLI's skills-lock.json (`"skills": {...}`)
SKILL_MANIFESTS = ("skills-lock.json", "boost.json")


def installed_by(fs: RepoFS, *names: str) -> str | None:
    """The root manifest that lists this skill as installed (by a framework or package manager): the skill is the
    package's, copied in, not written for this repo; None when no manifest lists it."""
    for manifest in SKILL_MANIFESTS:
        file = fs.file(manifest)
        text = fs.read_text(file) if file is not None else None
        if not text:
            continue
        try:
            listed = json.loads(text).get("skills")
        except (ValueError, AttributeError, RecursionError):  # not JSON, or not an object: lists nothing
            continue
        if isinstance(listed, (list, dict)) and any(isinstance(n, str) and n in names for n in listed):
            return manifest
    return None


def scan_file(fs: RepoFS, file: RepoFile) -> list[SkillItem]:
    items: list[SkillItem] = []
    if is_skill_file(file):
        item = scan_skill(fs, file)
        if item is not None:
            items.append(item)
    return items


_DESCRIPTION_LINE = re.compile(r"^description:[ \t]*(.*)$", re.MULTILINE)


def _description_line(text: str) -> str | None:
    """The `description:` of a frontmatter YAML could not parse, read as its line (or folded block) says it."""
    head = text.lstrip("\ufeff")
    if not head.startswith("---"):
        return None
    end = head.find("\n---", 3)
    block = head[3 : end if end != -1 else len(head)]
    match = _DESCRIPTION_LINE.search(block)
    if match is None:
        return None
    value = match.group(1).strip()
    if value in ("", ">", "|", ">-", "|-", ">+", "|+"):  # a block: the indented lines below
        lines = []
        for line in block[match.end() :].split("\n")[1:]:
            if line and not line[0].isspace():
                break
            lines.append(line.strip())
        value = " ".join(x for x in lines if x)
    elif value[:1] in ("'", '"') and value[-1:] == value[:1] and len(value) > 1:
        value = value[1:-1]
    return value or None
