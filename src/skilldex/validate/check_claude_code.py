"""Claude Code's view (SKD020-022, SKD3xx): what it silently ignores, mis-reads or never triggers."""

from __future__ import annotations

from collections.abc import Iterator

from skilldex.finding import Finding
from skilldex.rules import claude_code as rules
from skilldex.rules import scan as scan_rules
from skilldex.validate.check_spec import quote
from skilldex.validate.manifest import Manifest

TYPE_CHECKING = False  # typing is for annotations only: validate's path never imports it
if TYPE_CHECKING:
    from typing import Any

SKILL_FIELDS = frozenset(
    {
        "name",
        "description",
        "when_to_use",
        "argument-hint",
        "arguments",
        "disable-model-invocation",
        "user-invocable",
        "allowed-tools",
        "disallowed-tools",
        "model",
        "effort",
        "context",
        "agent",
        "background",
        "hooks",
        "paths",
        "shell",
        "metadata",
        "license",
        "compatibility",
    }
)
COMMAND_FIELDS = SKILL_FIELDS - {"name", "paths"}
AGENT_FIELDS = frozenset(
    {
        "name",
        "description",
        "tools",
        "disallowedTools",
        "model",
        "permissionMode",
        "maxTurns",
        "skills",
        "mcpServers",
        "hooks",
        "memory",
        "background",
        "isolation",
        "color",
        "effort",
        "initialPrompt",
    }
)
_FIELDS = {"skill": SKILL_FIELDS, "command": COMMAND_FIELDS, "agent": AGENT_FIELDS}

_BOOLEAN_TEXT = {"true", "false", "yes", "no", "on", "off", "1", "0"}
_CHOICES = {
    "effort": ("low", "medium", "high", "xhigh", "max"),
    "context": ("fork",),
    "shell": ("bash", "powershell"),
    "permissionMode": ("default", "acceptEdits", "dontAsk", "bypassPermissions", "plan", "auto"),
    "memory": ("user", "project", "local"),
    "isolation": ("worktree",),
}
_BOOLEANS = ("disable-model-invocation", "user-invocable", "background")
_LIST_OR_TEXT = ("allowed-tools", "disallowed-tools", "paths", "arguments", "tools", "disallowedTools", "skills")
_TEXT = ("when_to_use", "argument-hint", "model", "initialPrompt", "license", "compatibility")
LISTING_LIMIT = 1536


def check(m: Manifest) -> Iterator[Finding]:
    if m.kind == "skill":
        yield from _skill_location(m)
    if not m.parsed:
        return
    yield from _fields(m)
    yield from _values(m)
    if m.kind == "skill" and m.doc.has_frontmatter:
        yield from _skill(m)
    if m.kind == "agent":
        yield from _agent(m)


def _skill_location(m: Manifest) -> Iterator[Finding]:
    if not m.exact_name:
        yield scan_rules.SKILL_FILENAME_CASE.finding(
            m.rel,
            f"'{m.file.name}' is not named exactly SKILL.md; Claude Code ignores it",
            1,
            1,
            fix=f"Rename it: git mv {m.rel} {(m.folder + '/') if m.folder else ''}SKILL.md",
        )
    scope, depth, _ = m.location()
    if scope in ("project", "nested", "plugin") and depth is not None and depth != 1:
        where = "directly in" if depth == 0 else f"{depth} levels below"
        yield scan_rules.SKILL_TOO_DEEP.finding(
            m.rel, f"skill sits {where} its skills/ folder; Claude Code only loads skills/<name>/SKILL.md", 1, 1
        )
    if scope in ("project", "nested") and m.dir_name.lower() == "synced":
        yield rules.RESERVED_FOLDER.finding(m.rel, f"skill folder '{m.dir_name}' is reserved by Claude Code", 1, 1)


def _fields(m: Manifest) -> Iterator[Finding]:
    known = _FIELDS[m.kind]
    for key in m.frontmatter:
        if key in known:
            continue
        line, col = m.where(key)
        close = _closest(key, known)
        if close:
            yield rules.MISSPELLED_FIELD.finding(
                m.rel,
                f"'{key}' is not a Claude Code {m.kind} field; did you mean '{close}'?",
                line,
                col,
                fix=f"Rename '{key}' to '{close}'.",
            )
        else:
            yield rules.UNKNOWN_FIELD.finding(
                m.rel, f"'{key}' is not a Claude Code {m.kind} field; it is ignored", line, col
            )


def _closest(key: str, known: frozenset[str]) -> str | None:
    folded = {k.replace("_", "-").lower(): k for k in known}
    plain = key.replace("_", "-").lower()
    if plain in folded:
        return folded[plain]
    import difflib  # lazy: only a key Claude Code does not know is compared with the known ones

    match = difflib.get_close_matches(plain, list(folded), n=1, cutoff=0.85)
    return folded[match[0]] if match else None


def _values(m: Manifest) -> Iterator[Finding]:
    fm = m.frontmatter
    known = _FIELDS[m.kind]
    for key in _BOOLEANS:
        if key in fm and key in known and not _is_boolean(fm[key]):
            yield _invalid(m, key, f"'{key}' is {quote(fm[key])}, not true or false")
    for key, choices in _CHOICES.items():
        if key in fm and key in known and fm[key] is not None and str(fm[key]) not in choices:
            yield _invalid(m, key, f"'{key}' is {quote(fm[key])}; expected one of {', '.join(choices)}")
    if m.kind != "agent" and fm.get("context") != "fork":
        for key in ("agent", "background"):
            if key in fm:
                yield _invalid(m, key, f"'{key}' only takes effect with 'context: fork'")
    for key in _LIST_OR_TEXT:
        if isinstance(fm.get(key), dict):
            yield _wrong_type(m, key, f"'{key}' is a mapping; write a list or a comma/space-separated string")
    for key in _TEXT:
        if key in fm and isinstance(fm[key], (list, dict)):
            hint = " (inline [brackets] make a YAML list: quote the value)" if m.doc.fields[key].flow else ""
            yield _wrong_type(m, key, f"'{key}' is a YAML {_shape(fm[key])}, not text{hint}")
    for key in ("metadata", "hooks", "mcpServers"):
        if (
            key in fm
            and key in known
            and fm[key] is not None
            and not isinstance(fm[key], (dict, list) if key == "mcpServers" else dict)
        ):
            yield _wrong_type(m, key, f"'{key}' is {quote(fm[key])}, not a mapping; Claude Code drops it")


def _shape(value: Any) -> str:
    return "list" if isinstance(value, list) else "mapping"


def _is_boolean(value: Any) -> bool:
    return isinstance(value, bool) or (isinstance(value, (int, str)) and str(value).strip().lower() in _BOOLEAN_TEXT)


def _invalid(m: Manifest, key: str, message: str) -> Finding:
    line, col = m.where(key, value=True)
    return rules.INVALID_VALUE.finding(m.rel, message, line, col)


def _wrong_type(m: Manifest, key: str, message: str) -> Finding:
    line, col = m.where(key, value=True)
    return rules.WRONG_TYPE.finding(m.rel, message, line, col)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _skill(m: Manifest) -> Iterator[Finding]:
    fm = m.frontmatter
    description = fm.get("description")
    if not _text(description):
        line, col = m.where("description", value=True) if "description" in fm else m.where("name")
        got = "no 'description'" if "description" not in fm else f"'description' is {quote(description)}"
        yield scan_rules.SKILL_NO_DESCRIPTION.finding(
            m.rel, f"{got}: Claude Code falls back to the body's first paragraph to decide when to use it", line, col
        )
    listing = len(_text(description)) + len(_text(fm.get("when_to_use")))
    if listing > LISTING_LIMIT:
        line, col = m.where("description", value=True)
        yield rules.LISTING_TOO_LONG.finding(
            m.rel,
            f"description + when_to_use is {listing:,} characters; Claude Code's listing keeps {LISTING_LIMIT:,}",
            line,
            col,
        )
    hidden = _is_boolean(fm.get("user-invocable")) and str(fm.get("user-invocable")).lower() in (
        "false",
        "no",
        "off",
        "0",
    )
    manual = str(fm.get("disable-model-invocation", "")).lower() in ("true", "yes", "on", "1")
    if hidden and manual:
        line, col = m.where("disable-model-invocation")
        yield rules.NEVER_INVOCABLE.finding(
            m.rel, "'user-invocable: false' and 'disable-model-invocation: true': nothing can run this skill", line, col
        )


def _agent(m: Manifest) -> Iterator[Finding]:
    missing = [key for key in ("name", "description") if not _text(m.frontmatter.get(key))]
    if missing:
        line, col = m.where(missing[0], value=True)
        yield rules.AGENT_FIELD_MISSING.finding(
            m.rel, f"subagent has no {' or '.join(repr(k) for k in missing)}; Claude Code needs both", line, col
        )
