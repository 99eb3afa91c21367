"""Helpers the commands share: repo resolution and scanning."""

from __future__ import annotations

import typer

from skilldex.models import Catalogue
from skilldex.scan import scan_repo
from skilldex.workspace import open_workspace, resolve_repo


def catalogue_for(ctx: typer.Context, repo: str) -> Catalogue:
    from skilldex.cli.app import workspace_option

    workspace = open_workspace(workspace_option(ctx))
    ref = resolve_repo(repo, workspace)
    return scan_repo(ref.path, name=ref.name)
