"""Helpers the commands share: the global --workspace option, repo resolution and the (indexed) catalogue."""

from __future__ import annotations

import typer

from skilldex.cli.answers import catalogue_of
from skilldex.kinds import KINDS

TYPE_CHECKING = False  # models and the workspace loader are imported only by the commands that use them
if TYPE_CHECKING:
    from skilldex.models import Catalogue


def workspace_option(ctx: typer.Context) -> str | None:
    """The global --workspace (or $SKILLDEX_WORKSPACE) the app's callback stored; None: search upwards."""
    return (ctx.obj or {}).get("workspace")


def catalogue_for(ctx: typer.Context, repo: str) -> Catalogue:
    return catalogue_of(workspace_option(ctx), repo)


def check_kinds(kinds: list[str] | None) -> list[str] | None:
    """--kind callback: every value must be a catalogue kind."""
    for kind in kinds or []:
        if kind not in KINDS:
            raise typer.BadParameter(f"'{kind}' is not one of: {', '.join(KINDS)}")
    return kinds
