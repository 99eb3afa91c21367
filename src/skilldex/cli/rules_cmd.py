"""`skilldex rules` and `skilldex rule CODE`: the rule catalogue behind every finding."""

from __future__ import annotations

import typer

from skilldex.cli.app import app, print_json
from skilldex.errors import UsageError

TYPE_CHECKING = False  # the rule catalogue (and pydantic) load only when these commands run
if TYPE_CHECKING:
    from skilldex.rules import Rule


def _profiles(r: Rule) -> dict[str, str | None]:
    """The severity each validate profile gives the rule (None: the profile does not check it)."""
    from skilldex.validate.profiles import PROFILES

    return {name: (p.severities[r.code].value if r.code in p.severities else None) for name, p in PROFILES.items()}


@app.command("rules")
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
    from skilldex.rules import all_rules

    rules = [r for r in all_rules() if r.code.startswith(prefix.strip().upper())]
    if not rules:
        raise UsageError(f"no rule code starts with '{prefix}'")
    if as_json:
        print_json([
            {"code": r.code, "name": r.name, "severity": r.severity.value, "profiles": _profiles(r),
             "summary": r.summary, "fix": r.fix}
            for r in rules
        ])
        return
    typer.echo(f"{'CODE':<7} {'NAME':<30} {'DEFAULT':<8} A C U  SUMMARY")
    for r in rules:
        marks = " ".join((sev or "-")[0].upper() if sev else "-" for sev in _profiles(r).values())
        typer.echo(f"{r.code:<7} {r.name:<30} {r.severity.value:<8} {marks}  {r.summary}")


@app.command("rule")
def rule_command(
    code: str = typer.Argument(..., help="Rule code (SKD012) or name."),
    as_json: bool = typer.Option(False, "--json", help='Print {"code", "name", "severity", "summary", "doc", ...}.'),
) -> None:
    """Explain one rule: what it checks, why it matters, an example, the fix, and the profiles that check it.

    Examples:

      skilldex rule SKD012

      skilldex rule invalid-frontmatter-yaml --json
    """
    from skilldex.rules import get_rule

    found = get_rule(code)
    if found is None:
        raise UsageError(f"no rule '{code}'; `skilldex rules` lists them")
    if as_json:
        print_json({"code": found.code, "name": found.name, "severity": found.severity.value,
                    "profiles": _profiles(found), "summary": found.summary, "doc": found.doc, "fix": found.fix})
        return
    profiles = ", ".join(f"{name}: {sev or 'not checked'}" for name, sev in _profiles(found).items())
    typer.echo(
        f"{found.code} {found.name} (default severity: {found.severity.value})\n\n{found.summary}\n\n{found.doc}\n"
        f"## Fix\n{found.fix}\n\n## Profiles\n{profiles}"
    )
