"""`skilldex rules` and `skilldex rule CODE`: the rule catalogue behind every finding."""

from __future__ import annotations

import typer

from skilldex.cli import answers


def rules_command(
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
    prefix: str = typer.Argument("", help="Only codes starting with this (SKD2, SKD30)."),
) -> None:
    """List every rule: code, name, default severity, what each validate profile makes of it, summary.

    Profile columns: A = agentskills, C = claude-code, U = claude-upload; E/W/I = error/warning/info, - = not checked.

    Examples:

      skilldex rules

      skilldex rules SKD2 --json
    """
    answers.rules(prefix, as_json)


def rule_command(
    code: str = typer.Argument(..., help="Rule code (SKD012) or name."),
    as_json: bool = typer.Option(False, "--json", help='Print {"code", "name", "severity", "summary", "doc", ...}.'),
) -> None:
    """Explain one rule: what it checks, why it matters, an example, the fix, and the profiles that check it.

    Examples:

      skilldex rule SKD012

      skilldex rule invalid-frontmatter-yaml --json
    """
    answers.rule(code, as_json)
