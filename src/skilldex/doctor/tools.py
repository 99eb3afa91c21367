"""Tools an agent cannot learn anything about without running them (SKD608)."""

from __future__ import annotations

from skilldex.doctor.repo import RepoContext, in_skipped_dir
from skilldex.models import Finding, Severity
from skilldex.rules import doctor as rules

# A script of this many commands or fewer is read at a glance (`ruff check --fix`, `go test ./...`): its commands say
# what it does, so a missing header is info, not a warning.
GLANCE_LINES = 3


def check(ctx: RepoContext) -> list[Finding]:
    """SKD608: tools from which nothing an agent could use was read (declared flags count: `--events`, with
    its help, says how to call it)."""
    findings = []
    for tool in ctx.catalogue.of_kind("tool"):
        if tool.language == "binary" or tool.description or tool.usage or tool.flags or in_skipped_dir(tool.path):
            continue
        file = ctx.fs.file(tool.path)
        if file is not None and file.size == 0:
            continue  # an empty placeholder file runs nothing
        found = rules.TOOL_UNDESCRIBED.finding(
            tool.path,
            f"tool '{tool.name}' has no docstring, header comment or usage text, so agents cannot "
            "tell what it does without running it",
            1,
        )
        text = ctx.fs.read_text(file) if file is not None else None
        if text is not None and _code_lines(text) <= GLANCE_LINES:
            found = found.model_copy(update={"severity": Severity.info})
        findings.append(found)
    return findings


def _code_lines(text: str) -> int:
    """Lines that do something: not blank, not a comment (`#`, `//`), not the shebang."""
    return sum(1 for line in text.splitlines() if line.strip() and not line.lstrip().startswith(("#", "//")))
