"""Claude Code hook handlers: session start brief, prompt-time hints, and the new-script write guard.

Each takes the JSON Claude Code sends on stdin (as a dict) and returns the JSON to print, or None
to print nothing. They raise on trouble; the CLI turns any failure into silence and exit 0.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from skilldex.capabilities import OPERATIONAL, tokens
from skilldex.index.location import cache_dir
from skilldex.index.refresh import repo_index
from skilldex.index.workspaces import repos
from skilldex.oneline import code, oneline
from skilldex.samples import in_samples

TYPE_CHECKING = False  # hooks run at every prompt: the typing module stays unloaded
if TYPE_CHECKING:
    from skilldex.search import Hit

# Reply budgets (characters of the text the agent reads); Claude Code cuts hook output at 10,000.
HINT_LIMIT = 1500
GUARD_LIMIT = 1000
HINT_KINDS = ("skill", "tool", "command", "task", "mcp-server", "knowledge", "agent", "doc")
HINT_DEPTH = 12  # hits read for the hint, copies of one template left out (search.confidence.distinct)
GUARD_KINDS = ("skill", "tool", "command", "task", "agent", "mcp-server")
# When the prompt hint names an item: its evidence (search.confidence.evidence: how much of what the item says
# it is the prompt names, how much of the prompt it covers, how strong the match) against thresholds calibrated
# on labelled prompts of real repos (benchmarks/hint_quality.py; everyday coding prompts that need nothing, asked
# of every tuned repo, and infrastructure prompts with their answer). Two thresholds: a lower one when the prompt
# and the item share an operational capability (a database, a backup, a deploy: what tooling is for), a higher
# one otherwise (everyday prompts about code match scripts by chance words: "handle", "preview", "labels").
# A prompt that asks to change or explain code gets no hint at all (search.intent), which lets both sit lower:
# at these it fired on 0.5% of the calibration pairs and named 85% of the tuned answers (at 2.1 / 1.9: 0.2%, 82%).
HINT_EVIDENCE = 2.0  # "likely relevant"
OPS_EVIDENCE = 1.7  # "likely relevant", when the prompt and the item share an operational capability
SURE_EVIDENCE = 2.4  # "use it before building anything"
# Capabilities (skilldex.capabilities) of running a system or its checks, not of editing its code.
OPERATIONS = OPERATIONAL | {"storage", "data", "quality"}
GUARD_SIMILARITY = 0.7  # share of a new file's purpose words an existing item must say to block it once
SCRIPT_SUFFIXES = {
    ".sh",
    ".bash",
    ".zsh",
    ".py",
    ".js",
    ".mjs",
    ".cjs",
    ".ts",
    ".mts",
    ".rb",
    ".pl",
    ".ps1",
    ".php",
    ".go",
}
TOOL_FOLDERS = {"tools", "tool", "scripts", "script", "bin", "hack", "ops", "cli", "devtools", "utils"}
_COMMENT = re.compile(r'^\s*(?:#(?!!)|//|"""|\'\'\'|\*)\s?(.*)$')


def _cwd(payload: dict) -> Path:
    cwd = payload.get("cwd") if isinstance(payload.get("cwd"), str) else None
    return Path(cwd or os.environ.get("CLAUDE_PROJECT_DIR") or os.getcwd())


def session_start(payload: dict, workspace: str | None = None) -> dict:
    # lazy: `skilldex hook pre-write` and `hook prompt` use this module without startup
    from skilldex.startup import startup_brief

    brief = startup_brief(workspace, _cwd(payload))
    return {"hookSpecificOutput": {"hookEventName": "SessionStart", "additionalContext": brief}}


def _indexes(workspace: str | None, cwd: Path):
    return [repo_index(path, name) for name, path in repos(workspace, cwd)]


def _search(intent: str, workspace: str | None, cwd: Path, kinds: tuple[str, ...], limit: int = 3):
    """(hits, the intent's concepts, {hit path: tools it names}, knowledge lines)."""
    # lazy: `skilldex hook session-start` uses this module without search
    from skilldex.search import concepts, find_indexed
    from skilldex.search.confidence import distinct

    wanted = concepts(intent)
    if not wanted:
        return [], [], {}, []
    indexes = _indexes(workspace, cwd)
    try:
        hits = distinct(find_indexed(indexes, intent, limit=HINT_DEPTH, kinds=kinds))[:limit]
        return hits, wanted, {(h.repo, h.path): uses(indexes, h) for h in hits}, knowledge(indexes, wanted)
    finally:
        for index in indexes:
            index.close()


def knowledge(indexes: list, wanted: list, limit: int = 2) -> list[tuple[str, str, str]]:
    """(repo, path, hint line) of the knowledge objects whose applies-when the prompt matches, best first."""
    # lazy: `skilldex hook pre-write` and `hook session-start` use this module without these
    from skilldex.knowledge.surface import applies, placed
    from skilldex.search.knowledge import best_line, quote

    found = []
    seen = set()
    for repo, objects in placed(indexes).items():
        for obj in objects:
            match = applies(wanted, obj.get("applies_when") or [])
            if match is None or (obj["repo"], obj["path"]) in seen:
                continue
            seen.add((obj["repo"], obj["path"]))
            dont = best_line(wanted, obj.get("dont") or []) or (0.0, (obj.get("dont") or [""])[0])
            do = best_line(wanted, obj.get("do") or []) or (0.0, (obj.get("do") or [""])[0])
            said = [f"Don't: {quote(dont[1], 240)}" if dont[1] else "", f"Do: {quote(do[1], 200)}" if do[1] else ""]
            where = oneline(obj["path"] if obj["repo"] == repo else f"{obj['repo']}:{obj['path']}")
            title = oneline(obj.get("title") or obj["path"])
            line = f'- {oneline(repo)}: {where} ({title}), for "{oneline(match[1])[:120]}". '
            found.append((-match[0], obj["repo"], obj["path"], line + " ".join(s for s in said if s)))
    found.sort(key=lambda entry: entry[:3])
    return [(repo, path, line[:600]) for _, repo, path, line in found[:limit]]


def uses(indexes: list, hit) -> list:
    """The repo's tools that an item's description names (a skill that runs `tools/rds-query`)."""
    if hit.kind == "tool":
        return []
    for index in indexes:
        if index.name == hit.repo:
            return [r for r in index.rows if r.kind == "tool" and r.path != hit.path and r.path in hit.description]
    return []


def confident(hits: list[Hit], wanted: list, intent: str = "") -> list[tuple[Hit, bool]]:
    """(hit, sure) for the hits worth interrupting for; sure when the item clearly is what was asked."""
    # lazy: `skilldex hook session-start` uses this module without search.confidence
    from skilldex.search.confidence import evidence, initials, named

    spelled = initials(intent)
    chosen = []
    for hit in hits:
        # the match's strength before the name bonus: `named` already counts the name said
        weight = evidence(named(wanted, hit.name, hit.description, spelled), hit.confidence, hit.score / hit.lift)
        if weight >= HINT_EVIDENCE or (weight >= OPS_EVIDENCE and OPERATIONS.intersection(hit.shared)):
            chosen.append((hit, weight >= SURE_EVIDENCE))
    return chosen


def prompt(payload: dict, workspace: str | None = None) -> dict | None:
    """UserPromptSubmit: name the existing items that already do what the prompt asks, if any, as surely
    as the match allows; say nothing when unsure."""
    # lazy: only the prompt hook ranks items; pre-write and session start never load search
    from skilldex.search.confidence import does, names_itself, share
    from skilldex.search.intent import about_code, order

    text = payload.get("prompt")
    if not isinstance(text, str) or not text.strip() or text.lstrip().startswith("/"):
        return None
    hits, wanted, used, learned = _search(text[:2000], workspace, _cwd(payload), HINT_KINDS)
    named = {(repo, path) for repo, path, _ in learned}
    # a request to change or explain code ("add a docstring to the restore function") wants no tooling, even
    # when a word of it names an item; knowledge about the situation still applies
    editing = about_code(text[:2000]) is not None
    # unless the repo has a tool for that very edit: its whole name said, the order's verb as what it does
    # ("move the string resources to the feature module": `scripts/resource-mover`)
    verb = order(text[:2000]) if editing else None
    chosen = [
        (hit, sure)
        for hit, sure in confident(hits, wanted, text[:2000])
        if (not editing or (verb and does(verb, hit.name) and share(wanted, hit.name) >= 1.0))
        and (hit.repo, hit.path) not in named
        and not names_itself(text[:2000], hit.path, hit.name)
    ]
    if not chosen and not learned:
        return None
    lines = ["skilldex: knowledge about this situation, read before acting:"] if learned else []
    lines += [line for _, _, line in learned]
    sure = [hit for hit, certain in chosen if certain][:3]
    likely = [hit for hit, certain in chosen if not certain][: 3 - len(sure)]
    if sure:
        lines.append("skilldex: this workspace already has tooling for this request; use it before building anything:")
        lines += [_hint_line(hit, used) for hit in sure]
    if likely:
        lines.append("skilldex: likely relevant, already in this workspace (check it before building your own):")
        lines += [_hint_line(hit, used) for hit in likely]
    return _hint_reply(lines)


def _hint_reply(lines: list[str]) -> dict:
    """The reply, its JSON as printed within HINT_LIMIT: the text gives up what the wrapping and escapes take."""
    limit = HINT_LIMIT
    while True:
        reply = {"hookSpecificOutput": {"hookEventName": "UserPromptSubmit", "additionalContext": _fit(lines, limit)}}
        over = len(json.dumps(reply, ensure_ascii=False)) - HINT_LIMIT
        if over <= 0:
            return reply
        limit -= over


def _hint_line(hit, used: dict) -> str:
    """One item as the hint names it: where, what, and how to use it (a doc is read, the rest run)."""
    what = oneline(hit.description)[:200]
    # why it is named: the words of the request it says (`db=database`; `backup~dump` a synonym), the agent judges
    said = next((w for w in hit.why if w.startswith("matched: ")), "")
    what = " ".join(part for part in (what, f"({oneline(said)[:80]})" if said else "") if part)
    if hit.kind == "doc":
        return f"- {oneline(hit.repo)}: {oneline(hit.path)} (doc, {oneline(hit.name)}): {what} Read it first."
    run = f" Run: {code(hit.run)}." if hit.run else ""
    tools = used.get((hit.repo, hit.path), [])
    via = f" Uses {', '.join(oneline(t.path) for t in tools[:2])}." if tools else ""
    return f"- {oneline(hit.repo)}: {oneline(hit.path)} ({hit.kind}, {oneline(hit.name)}): {what}{run}{via}"


def _fit(lines: list[str], limit: int = HINT_LIMIT) -> str:
    """Whole lines while they fit; the first that does not is cut at a word, the rest left out."""
    kept: list[str] = []
    for line in lines:
        room = limit - len("\n".join([*kept, ""])) if kept else limit
        if len(line) <= room:
            kept.append(line)
            continue
        if room > 80:
            kept.append(line[: room - 1].rsplit(" ", 1)[0] + "…")
        break
    return "\n".join(kept)


def pre_write(payload: dict, workspace: str | None = None) -> dict | None:
    """PreToolUse(Write): deny, once per session and path, a new script or skill that already exists."""
    if payload.get("tool_name") != "Write":
        return None
    tool_input = payload.get("tool_input")
    tool_input = tool_input if isinstance(tool_input, dict) else {}
    file_path = tool_input.get("file_path")
    content = tool_input.get("content")
    content = content if isinstance(content, str) else ""
    if not isinstance(file_path, str) or not file_path or os.path.exists(file_path):
        return None
    path = Path(file_path)
    if not looks_like_tooling(path, content):
        return None
    session = str(payload.get("session_id") or "no-session")
    if _warned(session, file_path):
        return None  # the agent saw the warning and wrote anyway: its call
    indexes = _indexes(workspace, _cwd(payload))
    real = os.path.realpath(file_path)
    mine = [i for i in indexes if real.startswith(i.root.rstrip(os.sep) + os.sep)]
    for index in indexes:
        if mine and index not in mine:
            index.close()

    if mine and in_samples(os.path.relpath(real, mine[0].root).replace(os.sep, "/")):
        for index in mine:
            index.close()
        return None  # a test fixture or an example may well look like the real tool
    matches = similar(intent_of(path, content), mine or indexes)
    if not matches:
        return None
    _remember(session, file_path)
    best, best_repo = matches[0]
    others = "; ".join(f"{oneline(r.path)} ({r.kind})" for r, _ in matches[1:3])
    advice = (
        f" Reuse or extend it instead of writing {oneline(path.name)[:80]}; if a new file is really needed, "
        "retry the same write and it will go through."
    )
    reason = (
        f"{oneline(best_repo)} already has {oneline(best.path)} ({best.kind} {oneline(best.name)}): "
        f"{oneline(best.description)[:300]}"
        + (f" Run: {code(best.run)}." if best.run else "")
        + (f" Also: {others}." if others else "")
    )
    reason = _fit([reason], GUARD_LIMIT - len(advice)) + advice  # within budget, the way out always said
    return {
        "hookSpecificOutput": {
            "hookEventName": "PreToolUse",
            "permissionDecision": "deny",
            "permissionDecisionReason": reason,
        }
    }


def similar(intent: str, indexes: list, threshold: float = GUARD_SIMILARITY) -> list:
    """(row, repo) of existing runnable items whose name and description cover most of the intent.

    Coverage counts each meaningful intent word once: 1 when the item says it, 0.6 for a synonym.
    Ties go to tools, then to the items the repo's own docs and skills cite most.
    """
    # lazy: `skilldex hook session-start` uses this module without search
    from skilldex.search import SYNONYM_DISCOUNT, concepts

    try:
        wanted = concepts(intent)
        ranked = []
        for index in indexes:
            for row in index.rows:
                if row.kind not in GUARD_KINDS or in_samples(row.path):
                    continue  # a fixture or an example is no reason to refuse the real thing
                said = set(tokens(f"{row.name} {row.path} {row.description}"))
                total = 0.0
                for concept in wanted:
                    weights = [w for term, w in concept.terms.items() if set(tokens(term)) <= said]
                    total += max(weights, default=0.0)
                coverage = total / max(len(wanted), 1)
                if coverage >= threshold and total >= 2 * SYNONYM_DISCOUNT:
                    ranked.append((-coverage, row.kind != "tool", -row.cited, row.path, row, index.name))
        ranked.sort(key=lambda entry: entry[:4])
        return [(entry[4], entry[5]) for entry in ranked]
    finally:
        for index in indexes:
            index.close()


def looks_like_tooling(path: Path, content: str) -> bool:
    """A script, CLI, skill, command or subagent, judged by where it goes and how it starts."""
    parts = [p.lower() for p in path.parts]
    if path.name == "SKILL.md" or (
        path.suffix == ".md" and ".claude" in parts and any(p in parts for p in ("commands", "agents", "skills"))
    ):
        return True
    if content.startswith("#!"):
        return True
    return path.suffix.lower() in SCRIPT_SUFFIXES and any(p in TOOL_FOLDERS for p in parts[:-1])


def intent_of(path: Path, content: str) -> str:
    """What the new file is for: its name as words, and its first comment or docstring lines."""
    stem = path.parent.name if path.name == "SKILL.md" else path.stem
    words = re.sub(r"[-_.]+", " ", stem)
    said = []
    for line in content.splitlines()[:40]:
        match = _COMMENT.match(line)
        if match and match.group(1).strip():
            said.append(match.group(1).strip())
        if len(" ".join(said)) > 200:
            break
    if path.name == "SKILL.md":
        described = re.search(r"^description:\s*(.+)$", content, re.M)
        said = [described.group(1)] if described else said
    return f"{words} {' '.join(said)}".strip()[:400]


def _state(session: str) -> Path:
    digest = hashlib.sha256(session.encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return Path(cache_dir()) / "sessions" / f"{digest}.json"


def _warned(session: str, file_path: str) -> bool:
    try:
        with open(_state(session), encoding="utf-8") as handle:
            return file_path in json.load(handle)
    except (OSError, ValueError, TypeError):
        return False


def _remember(session: str, file_path: str) -> None:
    path = _state(session)
    try:
        with open(path, encoding="utf-8") as handle:
            seen = list(json.load(handle))
    except (OSError, ValueError, TypeError):
        seen = []
    seen.append(file_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(sorted(set(seen))), encoding="utf-8")
    os.replace(temporary, path)
