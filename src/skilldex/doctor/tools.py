"""Tools an agent cannot learn anything about without running them (SKD608)."""

from __future__ import annotations

from skilldex.doctor.repo import RepoContext, in_skipped_dir
from skilldex.models import Finding
from skilldex.rules import doctor as rules


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
        findings.append(
            rules.TOOL_UNDESCRIBED.finding(
                tool.path,
                f"tool '{tool.name}' has no docstring, header comment or usage text, so agents cannot "
                "tell what it does without running it",
                1,
            )
        )
    return findings
