"""`skilldex knowledge new|check|schema`: write, check and describe knowledge objects."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from skilldex.cli.answers import check_format, print_json, print_report
from skilldex.cli.common import workspace_option

HELP = (
    "Knowledge objects: what was learned about a repo's infrastructure (Do / Don't), written once and "
    "surfaced by find, the startup brief and the prompt hint.\n\n"
    'Example: skilldex knowledge new credentialmate --title "Production database access" --tags database'
)


def new_command(
    ctx: typer.Context,
    repo: str = typer.Argument(..., help="Workspace repo name or repo folder the object is about."),
    title: str = typer.Option(..., "--title", "-t", help="The situation it answers, as a headline."),
    tags: list[str] = typer.Option([], "--tags", help="Tags, comma-separated or repeated (database,production)."),
    applies_when: list[str] = typer.Option([], "--applies-when", "-a", help="A situation, in the words people use."),
    when: str = typer.Option("", "--when", help="The 'When you need to' paragraph."),
    do: list[str] = typer.Option([], "--do", help="A 'Do' line: what worked, with the command (repeatable)."),
    dont: list[str] = typer.Option([], "--dont", help="A 'Don't' line: what did not work, and why (repeatable)."),
    how: list[str] = typer.Option([], "--how", help="A 'How it works' line (repeatable)."),
    evidence: list[str] = typer.Option([], "--evidence", help="An 'Evidence' line: when, and what proved it."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Folder to write into. Default: REPO/knowledge/."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the object instead of writing it."),
    as_json: bool = typer.Option(False, "--json", help='Print {"path", "tools", "skills", "docs", "findings"}.'),
) -> None:
    """Scaffold a knowledge object, pre-filled with the repo's tools, skills and docs that match the title.

    Writes REPO/knowledge/<title-slug>.md (or into --out), checked before it is written; never overwrites.
    Sections not given as options get a TODO line that `skilldex knowledge check` reports until filled in.

    Examples:

      skilldex knowledge new credentialmate --title "Production database access" --tags database,production

      skilldex knowledge new credentialmate -t "Prod DB" --tags database --dont "psql: VPC-isolated" --do "rds-query"

      skilldex knowledge new ../some/repo --title "Tail the API logs" --tags logs --dry-run
    """
    # lazy: every command module loads with the app (help, usage errors); only this command needs it
    from skilldex.knowledge.scaffold import Draft, new_object
    from skilldex.workspace import open_workspace, resolve_repo

    workspace = open_workspace(workspace_option(ctx))
    ref = resolve_repo(repo, workspace)
    draft = Draft(ref.name, ref.path, title, tags, applies_when, when, do, dont, how, evidence)
    made = new_object(draft, out, known_repos=set(workspace.repos) if workspace else None, write=not dry_run)
    if as_json:
        print_json(made.to_dict())
    elif dry_run:
        sys.stdout.write(made.content)
    else:
        typer.echo(f"Wrote {made.path}")
        for finding in made.findings:
            typer.echo(f"  line {finding.line}: {finding.code} {finding.message}")
        if made.findings:
            typer.echo("Fill in the TODO lines, then: skilldex knowledge check " + str(made.path))


def check_command(
    ctx: typer.Context,
    paths: list[str] = typer.Argument(
        None, help="Knowledge files or folders. Default: the workspace's repos and its knowledge/ folder."
    ),
    select: list[str] = typer.Option([], "--select", help="Only these rule codes or prefixes (SKD70,SKD714)."),
    ignore: list[str] = typer.Option([], "--ignore", help="Skip these rule codes or prefixes."),
    fmt: str = typer.Option("text", "--format", "-f", help="text, json, github (workflow annotations) or sarif."),
    as_json: bool = typer.Option(False, "--json", help="Same as --format json."),
    no_fix: bool = typer.Option(False, "--no-fix", help="Text format: leave out the fix hints."),
) -> None:
    """Check knowledge objects: fields, dates, tags, sections, references, review dates, contradictions.

    Exit status: 0 no error-severity findings, 1 errors found, 2 usage error. The repo's rule configuration
    ([tool.skilldex] in pyproject.toml, rules: in skilldex.yaml) applies, then --select and --ignore.

    Examples:

      skilldex knowledge check

      skilldex knowledge check examples/credentialmate/knowledge --json

      skilldex knowledge check knowledge/ --select SKD71 --format github
    """
    # lazy: every command module loads with the app (help, usage errors); only this command needs it
    from skilldex.knowledge.check import check_paths
    from skilldex.workspace import open_workspace

    fmt = "json" if as_json else fmt
    check_format(fmt)
    report = check_paths(paths or [], open_workspace(workspace_option(ctx)), select=select, ignore=ignore)
    code = print_report(report, fmt, show_fix=not no_fix)
    for path in report.skipped:
        typer.echo(f"skilldex: skipped {path}: not a markdown file", err=True)
    if not report.files:
        typer.echo("No knowledge objects (markdown in a knowledge/ folder) under the given paths.", err=True)
    raise typer.Exit(code)


def schema_command(
    as_json: bool = typer.Option(False, "--json", help="Accepted for symmetry: the schema is always JSON."),
) -> None:
    """Print the JSON Schema (draft 2020-12) of a knowledge object's frontmatter, with its sections and tags.

    Example:

      skilldex knowledge schema > knowledge.schema.json
    """
    # lazy: every command module loads with the app (help, usage errors); only this command needs it
    from skilldex.knowledge.schema import knowledge_json_schema

    print_json(knowledge_json_schema())
