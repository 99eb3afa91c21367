"""The managed AGENTS.md section (skills, tools, docs) and its merge: idempotent, reversible, user text kept.

AGENTS.md is what Codex, Cursor, Continue, Windsurf and other agents read at the start of a session
(Codex caps the whole chain at 32 KiB), so the section stays under LIMIT characters: descriptions get
shorter, then go, then each kind keeps its first items and says how many more `skilldex list` shows.

The block has the markers of the one `skilldex init` keeps in CLAUDE.md (`<!-- skilldex:begin ... -->` to
`<!-- skilldex:end -->`), found, replaced and removed with the same helpers (install/claudemd.py). It is
appended after exactly one blank line (two newlines when the file did not end with one, and then without
a final newline), so `--remove` gives back the original bytes without keeping any state.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from skilldex.errors import UsageError
from skilldex.generate.text import clean, prose
from skilldex.install import Change, claudemd
from skilldex.install.files import check_writable, decode, read_bytes, write_atomic
from skilldex.models import Catalogue

FILENAME = "AGENTS.md"
BEGIN = "<!-- skilldex:begin (managed by `skilldex sync agents-md`; edit outside this block) -->"
END = claudemd.END
LIMIT = 8000  # characters: a quarter of Codex's default project_doc_max_bytes (32 KiB)
WIDTHS = (160, 80, 0)  # description lengths tried in turn until the section fits
SECTIONS = (("Skills", ("skill",)), ("Tools", ("tool",)), ("Docs", ("doc", "knowledge")))
OTHER_KINDS = (("command", "command"), ("agent", "agent"), ("mcp-server", "MCP server"), ("task", "task"))


SyncResult = Change  # what sync did to AGENTS.md: the same record `init` reports for the files it touches


def section(catalogue: Catalogue, limit: int = LIMIT) -> list[str]:
    """The block's lines, markers included; the same catalogue gives the same lines."""
    # AGENTS.md is itself catalogued as a doc; listing it would change the section at every sync.
    catalogue = catalogue.model_copy(update={"items": [i for i in catalogue.items if i.path != FILENAME]})
    for width in WIDTHS:
        lines = _render(catalogue, width, None)
        if _size(lines) <= limit:
            return lines
    low, high = 0, len(catalogue.items)  # the most items per kind that fit: binary search
    while low < high:
        keep = (low + high + 1) // 2
        if _size(_render(catalogue, 0, keep)) <= limit:
            low = keep
        else:
            high = keep - 1
    return _render(catalogue, 0, low)


def _size(lines: list[str]) -> int:
    return sum(len(line) + 1 for line in lines)


def _render(catalogue: Catalogue, width: int, keep: int | None) -> list[str]:
    lines = [
        BEGIN,
        "## Existing tooling (skilldex)",
        "",
        "Before writing a new script, CLI, skill or runbook, use what this repo already has (below). "
        'Search it with `skilldex find . "what you need"`; see everything with `skilldex list .`.',
    ]
    for title, kinds in SECTIONS:
        items = [item for item in catalogue.items if item.kind in kinds]
        if not items:
            continue
        lines += ["", f"### {title}"]
        if title == "Skills":
            lines.append("Read the SKILL.md and follow it.")
        shown = items if keep is None else items[:keep]
        lines += [_entry(item, width) for item in shown]
        if len(shown) < len(items):
            flags = " ".join(f"--kind {kind}" for kind in kinds)
            lines.append(f"- … and {len(items) - len(shown)} more: `skilldex list . {flags}`")
    others = [
        f"{n} {label}{'' if n == 1 else 's'}" for kind, label in OTHER_KINDS if (n := len(catalogue.of_kind(kind)))
    ]
    if others:
        lines += ["", f"Also catalogued: {', '.join(others)} (`skilldex list .`)."]
    return [*lines, END]


def code(text: str | None, limit: int = 200) -> str:
    """A name, path or command from the repo as an inline code span (one line, no backticks inside)."""
    return "`" + (clean(text, limit).replace("`", "'") or " ") + "`"


def _entry(item: Any, width: int) -> str:
    if item.kind == "skill":
        head = f"- {code(item.name, 80)} ({code(item.path)})"
    elif item.kind in ("doc", "knowledge") and item.title and item.title != item.name:
        head = f"- {code(item.path)} ({prose(item.title, 80)})"
    else:
        head = f"- {code(item.path)}"
    if item.kind == "tool" and item.mutating:
        head += " [changes things]"
    text = prose(item.description, width) if width else ""
    if text:
        head += f": {text}"
    if item.kind == "tool" and item.run and item.run != item.path:
        head += f" Run: {code(item.run)}"
    return head


def merge(text: str | None, lines: list[str], rel: str = FILENAME) -> tuple[str, str]:
    """(new text, 'added' | 'replaced' | 'present'): the block refreshed in place, or appended."""
    if not text:
        return "\n".join(lines) + "\n", "added"
    nl = claudemd._newline(text)  # the file's own newline style, read as init reads CLAUDE.md's
    span = claudemd.find_block(text, rel)
    if span is None:
        # One blank line before the block; a file without a final newline keeps having none.
        if text.endswith("\n"):
            return text + nl + nl.join(lines) + nl, "added"
        return text + nl + nl + nl.join(lines), "added"
    first, last = span
    old = claudemd._lines(text)
    ending = old[last][len(old[last].rstrip("\r\n")) :]
    new = nl.join(lines) + ending
    if "".join(old[first : last + 1]) == new:
        return text, "present"
    return "".join(old[:first]) + new + "".join(old[last + 1 :]), "replaced"


def unmerge(text: str, rel: str = FILENAME) -> str:
    """The text without the block and the blank line merge() put before it: the bytes from before merge()."""
    return claudemd.remove_block(text, rel, had_final_newline=text.endswith("\n"))


def sync(root: Path, catalogue: Catalogue | None, remove: bool = False, dry_run: bool = False) -> SyncResult:
    """Merge the section into root/AGENTS.md (or take it out with remove=True); write only on change."""
    path = root / FILENAME
    if path.is_symlink():
        raise UsageError(
            f"{FILENAME} is a symlink (often to CLAUDE.md); skilldex does not write through links. "
            f"Make {FILENAME} a regular file, or use `skilldex init` for CLAUDE.md (nothing was changed)"
        )
    before = read_bytes(path, FILENAME)
    text = decode(before, FILENAME)
    if remove:
        if text is None or claudemd.find_block(text, FILENAME) is None:
            return SyncResult(FILENAME, "unchanged", "no skilldex section found")
        new = unmerge(text)
        detail = "took out the skilldex section"
        after = new.encode("utf-8") if new else None  # nothing left: sync created the file
    else:
        assert catalogue is not None
        lines = section(catalogue)
        new, what = merge(text, lines)
        detail = {
            "added": "added the skilldex section",
            "replaced": "refreshed the skilldex section",
            "present": "skilldex section up to date",
        }[what] + f" ({_summary(catalogue)})"
        after = new.encode("utf-8")
    if after == before:
        return SyncResult(FILENAME, "unchanged", detail)
    action = "deleted" if after is None else ("created" if before is None else "updated")
    if not dry_run:
        check_writable(path, FILENAME)
        try:
            path.unlink() if after is None else write_atomic(path, after)
        except OSError as exc:
            raise UsageError(f"cannot write {FILENAME}: {exc.strerror or exc}") from None
    return SyncResult(FILENAME, action, detail)


def _summary(catalogue: Catalogue) -> str:
    counts = [
        (title.lower(), sum(1 for i in catalogue.items if i.kind in kinds and i.path != FILENAME))
        for title, kinds in SECTIONS
    ]
    return ", ".join(f"{n} {title[:-1] if n == 1 else title}" for title, n in counts)
