"""`skilldex rules` and `skilldex rule CODE`: the rule catalogue behind every finding."""

from __future__ import annotations

import typer

from skilldex.cli.app import app, print_json
from skilldex.errors import UsageError
from skilldex.rules import all_rules, get_rule


@app.command("rules")
def rules_command(as_json: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """List every rule: code, name, severity and summary.

    Example:

      skilldex rules
    """
    rules = all_rules()
    if as_json:
        print_json([{"code": r.code, "name": r.name, "severity": r.severity.value, "summary": r.summary, "fix": r.fix} for r in rules])
        return
    for r in rules:
        typer.echo(f"{r.code}  {r.name:<28} {r.severity.value:<8} {r.summary}")


@app.command("rule")
def rule_command(code: str = typer.Argument(..., help="Rule code (SKD012) or name.")) -> None:
    """Explain one rule: what it checks, why it matters, an example, and the fix.

    Example:

      skilldex rule SKD012
    """
    found = get_rule(code)
    if found is None:
        raise UsageError(f"no rule '{code}'; `skilldex rules` lists them")
    typer.echo(f"{found.code} {found.name} ({found.severity.value})\n\n{found.summary}\n\n{found.doc}\n\n## Fix\n{found.fix}")
