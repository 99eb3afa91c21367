"""Skills Claude Code never loads or never triggers, and names that clash (SKD604-SKD607)."""

from __future__ import annotations

import os
import posixpath

from skilldex.doctor.records import archived, inside
from skilldex.doctor.repo import RepoContext, in_skipped_dir
from skilldex.models import CommandItem, Finding, SkillItem
from skilldex.oneline import clip
from skilldex.rules import doctor as rules
from skilldex.rules import scan as scan_rules
from skilldex.scan.skills import SKILL_FILENAME, location

# Scan codes that mean the frontmatter was not read: Claude Code then loads the body with empty metadata.
UNREAD_FRONTMATTER = {
    r.code for r in (scan_rules.UNCLOSED_FRONTMATTER, scan_rules.INVALID_YAML, scan_rules.NOT_MAPPING, scan_rules.BOM)
}
CLAUDE_SCOPES = ("project", "nested", "plugin")


def check(ctx: RepoContext) -> list[Finding]:
    findings = []
    linked = linked_skills(ctx)
    unread = {f.path: f for f in ctx.catalogue.findings if f.code in UNREAD_FRONTMATTER}
    for item in ctx.catalogue.of_kind("skill"):
        if in_skipped_dir(item.path) or archived(item.path) or inside(item.path, ctx.vendored):
            continue  # an archived skill is not loaded on purpose; a copied collection installs its own
        scope, depth, _ = location(ctx.fs, tuple(item.path.split("/")))
        name = item.path.rsplit("/", 1)[-1]
        if name != SKILL_FILENAME:
            proper = posixpath.join(posixpath.dirname(item.path), SKILL_FILENAME)
            findings.append(
                rules.SKILL_NOT_LOADED.finding(
                    item.path,
                    f"'{name}' is not named exactly SKILL.md, so Claude Code never loads skill '{item.name}'",
                    1,
                    fix=f"Rename it: git mv {item.path} {proper}",
                )
            )
            continue
        if scope in CLAUDE_SCOPES and depth and depth > 1 and (_routed(ctx, item.path) or item.path in linked):
            continue  # `skills/stack/frontend/SKILL.md` beside `skills/stack/SKILL.md`: a part the parent reads
        if scope in CLAUDE_SCOPES and depth != 1:
            where = "directly in" if depth == 0 else f"{depth} levels below"
            folder = "skills" if scope == "plugin" else ".claude/skills"
            findings.append(
                rules.SKILL_NOT_LOADED.finding(
                    item.path,
                    f"skill '{item.name}' sits {where} {folder}/; Claude Code only loads "
                    f"{folder}/<name>/SKILL.md, so it never runs",
                    1,
                    fix=f"Move the folder to {folder}/{item.dir_name}/ (one level below {folder}/).",
                )
            )
            continue
        if item.disable_model_invocation:
            continue  # meant to run only when typed
        broken = unread.get(item.path)
        if broken is not None:
            findings.append(
                rules.SKILL_NEVER_TRIGGERS.finding(
                    item.path,
                    f"frontmatter does not parse ({broken.message}); Claude Code loads the body with "
                    f"empty metadata, so Claude never picks '/{item.dir_name}' by itself",
                    broken.line,
                    broken.column,
                )
            )
        elif item.description_source != "frontmatter":
            fallback = (
                f"it falls back to the first paragraph: '{_short(item.description)}'"
                if item.description
                else "and the body has no paragraph to fall back to"
            )
            findings.append(
                rules.SKILL_NEVER_TRIGGERS.finding(
                    item.path,
                    f"skill '{item.name}' has no `description:`; {fallback}, which rarely says when to use it",
                    1,
                )
            )
    return findings


def _routed(ctx: RepoContext, path: str) -> bool:
    """Whether a folder above this nested skill holds a loaded SKILL.md that names it (routes to it)."""
    parts = path.split("/")
    folder = parts[parts.index("skills") + 1] if "skills" in parts else ""
    top = "/".join(parts[: parts.index("skills") + 2]) if folder else ""
    parent = ctx.fs.file(f"{top}/{SKILL_FILENAME}") if top else None
    if parent is None:
        return False
    text = ctx.fs.read_text(parent) or ""
    return posixpath.relpath(posixpath.dirname(path), top) in text


def personal_shadows(ctx: RepoContext) -> list[Finding]:
    """SKD607: a personal skill with a project skill's or command's name wins on this machine."""
    findings = []
    for item in [*ctx.catalogue.of_kind("skill"), *ctx.catalogue.of_kind("command")]:
        name = item.dir_name if item.kind == "skill" else item.name
        if in_skipped_dir(item.path):
            continue
        if item.kind == "skill" and location(ctx.fs, tuple(item.path.split("/")))[0] not in ("project", "nested"):
            continue
        if name in ctx.personal:
            findings.append(
                rules.SKILL_SHADOWED.finding(
                    item.path,
                    f"personal {ctx.personal[name]} has the same name; Claude Code prefers personal "
                    f"skills, so '/{name}' runs that one, not this {item.kind}",
                    1,
                )
            )
    return findings


def clashes(contexts: list[RepoContext]) -> dict[str, list[Finding]]:
    """SKD606: the same /name for different skills or commands in two repos of one doctor run."""
    owners: dict[str, list[tuple[RepoContext, SkillItem | CommandItem]]] = {}
    for ctx in contexts:
        for item in [*ctx.catalogue.of_kind("skill"), *ctx.catalogue.of_kind("command")]:
            if item.run and ":" not in item.run and not in_skipped_dir(item.path):
                owners.setdefault(item.run.split()[0][1:], []).append((ctx, item))
    findings: dict[str, list[Finding]] = {}
    for name, items in sorted(owners.items()):
        for ctx, item in items:
            others = [
                (o, i)
                for o, i in items
                if o.ref.path != ctx.ref.path and " ".join(i.description.split()) != " ".join(item.description.split())
            ]
            if others:
                where = "; ".join(f"{o.ref.name}: {i.path}" for o, i in others)
                findings.setdefault(str(ctx.ref.path), []).append(
                    rules.SKILL_CLASH.finding(
                        item.path, f"'/{name}' also names a different {others[0][1].kind} in {where}", 1
                    )
                )
    return findings


def linked_skills(ctx: RepoContext) -> set[str]:
    """Skill files Claude Code loads through a symlink `.claude/skills/<name>/SKILL.md` (or `.claude/skills/<name>`)
    pointing at them: a link inside the repo, or one into a home `.claude/skills/` that this repo holds (dotfiles
    that are the home folder's `.claude`)."""
    root = str(ctx.fs.root)
    base = ".claude/skills"
    found: set[str] = set()
    try:
        entries = list(os.scandir(os.path.join(root, ".claude", "skills")))
    except OSError:
        return found
    for entry in entries:
        for path in (entry.path, os.path.join(entry.path, SKILL_FILENAME)):
            target = _link_target(path)
            rel = _in_repo(root, target, base) if target is not None else None
            if rel is not None:
                found.add(rel if rel.endswith(SKILL_FILENAME) else posixpath.join(rel, SKILL_FILENAME))
    return found


def _link_target(path: str) -> str | None:
    try:
        return os.path.join(os.path.dirname(path), os.readlink(path)) if os.path.islink(path) else None
    except OSError:
        return None


def _in_repo(root: str, target: str, base: str) -> str | None:
    """The repo path a link target stands for: inside the repo, or `…/.claude/skills/<rest>` read as `base/<rest>`."""
    real = os.path.normpath(target)
    if real.startswith(root + os.sep):
        return real[len(root) + 1 :].replace(os.sep, "/")
    marker = "/.claude/skills/"
    return base + "/" + real.split(marker, 1)[1] if marker in real else None


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return clip(text, limit)
