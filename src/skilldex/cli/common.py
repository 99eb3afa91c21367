"""Helpers the commands share: repo resolution and the (indexed) catalogue."""

from __future__ import annotations

import typer

from skilldex.kinds import KINDS

TYPE_CHECKING = False  # models and the workspace loader are imported only by the commands that use them
if TYPE_CHECKING:
    from skilldex.models import Catalogue


def catalogue_for(ctx: typer.Context, repo: str) -> Catalogue:
    from skilldex.cli.app import workspace_option
    from skilldex.workspace import open_workspace, resolve_repo

    workspace = open_workspace(workspace_option(ctx))
    ref = resolve_repo(repo, workspace)
    from skilldex.cli.progress import scan_progress
    from skilldex.index.refresh import catalogue

    with scan_progress(ref.name) as progress:
        return catalogue(ref.path, name=ref.name, progress=progress)


def check_format(fmt: str) -> None:
    """--format of the commands that print findings (validate, doctor, knowledge check)."""
    from skilldex.errors import UsageError
    from skilldex.render.findings import FORMATS

    if fmt not in FORMATS:
        raise UsageError(f"unknown --format '{fmt}'; choose one of: {', '.join(FORMATS)}")


def print_report(report, fmt: str, show_fix: bool) -> int:
    """Write a findings report in `fmt`; return the exit code it calls for (1 when any error)."""
    import sys

    from skilldex.render.findings import render

    sys.stdout.write(render(report, fmt, show_fix=show_fix))
    return 1 if report.has_errors else 0


def check_kinds(kinds: list[str] | None) -> list[str] | None:
    """--kind callback: every value must be a catalogue kind."""
    for kind in kinds or []:
        if kind not in KINDS:
            raise typer.BadParameter(f"'{kind}' is not one of: {', '.join(KINDS)}")
    return kinds
