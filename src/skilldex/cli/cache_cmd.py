"""`skilldex cache info|clear`: where the persistent index lives and what it holds."""

from __future__ import annotations

import typer

from skilldex.cli.answers import print_json

HELP = "The persistent index (one SQLite file per repo).\n\nExample: skilldex cache info"


def info_command(as_json: bool = typer.Option(False, "--json", help="Print the details as JSON.")) -> None:
    """Show the cache folder and, per indexed repo, its root, files, items and size.

    Example: skilldex cache info --json
    """
    # lazy: every command module loads with the app (help, usage errors); only this command needs it
    from skilldex.index.manage import describe

    details = describe()
    if as_json:
        print_json(details)
        return
    typer.echo(f"cache: {details['cache_dir']}  ({details['bytes']:,} bytes)")
    if not details["repos"]:
        typer.echo("no repo indexed yet")
    for repo in details["repos"]:
        state = "" if repo["usable"] else "  (unusable: rebuilt on next use)"
        typer.echo(
            f"- {repo['root']}: {repo['files']:,} files, {repo['items']:,} items, {repo['bytes']:,} bytes{state}"
        )


def clear_command(as_json: bool = typer.Option(False, "--json", help="Print what was removed as JSON.")) -> None:
    """Delete every index (they are rebuilt on the next command).

    Example: skilldex cache clear
    """
    # lazy: every command module loads with the app (help, usage errors); only this command needs it
    from skilldex.index.manage import clear

    removed = clear()
    if as_json:
        print_json({"removed": removed})
        return
    typer.echo(f"removed {len(removed)} file(s)")
