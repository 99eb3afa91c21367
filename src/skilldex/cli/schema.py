"""`skilldex schema`: the JSON Schema of `skilldex list --json`."""

from __future__ import annotations

import typer

from skilldex.cli.answers import print_json


def schema_command(
    as_json: bool = typer.Option(False, "--json", help="Accepted for symmetry: the schema is always JSON."),
) -> None:
    """Print the JSON Schema (draft 2020-12) that `skilldex list --json` output validates against.

    Example:

      skilldex schema > catalogue.schema.json
    """
    # lazy: every command module loads with the app (help, usage errors); only this command needs it
    from skilldex.models import catalogue_json_schema

    print_json(catalogue_json_schema())
