"""`skilldex completion SHELL`: the shell completion script, to source or save (Typer's completion protocol)."""

from __future__ import annotations

import typer
from typer._completion_shared import get_completion_script  # Typer's own scripts; no public name exists

from skilldex.errors import UsageError

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def completion_command(shell: str = typer.Argument(..., help=f"One of: {', '.join(SHELLS)}.")) -> None:
    """Print the completion script for SHELL (--install-completion writes it into the shell's startup file).

    Examples:

      skilldex completion bash > ~/.local/share/bash-completion/completions/skilldex

      skilldex completion zsh > "${fpath[1]}/_skilldex"

      skilldex completion fish > ~/.config/fish/completions/skilldex.fish
    """

    if shell not in SHELLS:
        raise UsageError(f"unknown shell '{shell}'; choose one of: {', '.join(SHELLS)}")
    typer.echo(get_completion_script(prog_name="skilldex", complete_var="_SKILLDEX_COMPLETE", shell=shell))
