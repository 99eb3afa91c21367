"""`.claude/skilldex/init-state.json`: what init changed, so `--remove` can put back the exact bytes."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from skilldex.errors import UsageError
from skilldex.install.files import read_bytes

STATE_PATH = ".claude/skilldex/init-state.json"


class AddedHook(BaseModel):
    model_config = ConfigDict(extra="forbid")

    event: str = Field(description="Hook event, e.g. SessionStart.")
    command: str = Field(description="The exact command init added; removal finds the handler by it.")


class FileState(BaseModel):
    """One file init changed."""

    model_config = ConfigDict(extra="forbid")

    original: str | None = Field(description="The file's text before the first init; null: init created it.")
    written_sha256: str | None = Field(description="SHA-256 of the bytes init last wrote.")
    edited: bool = Field(False, description="The file changed between two inits: undo by content, not bytes.")
    added: list[AddedHook] = Field(default_factory=list, description="Hooks init added (settings.json only).")


class InitState(BaseModel):
    model_config = ConfigDict(extra="forbid")

    skilldex_init_state: int = Field(1, description="Format version.")
    created_dirs: list[str] = Field(default_factory=list, description="Folders init created, outermost first.")
    files: dict[str, FileState] = Field(default_factory=dict, description="Project-relative path -> state.")


def load_state(project: Path) -> InitState | None:
    data = read_bytes(project / STATE_PATH, STATE_PATH)
    if data is None:
        return None
    try:
        return InitState.model_validate(json.loads(data.decode("utf-8")))
    except (ValueError, ValidationError) as exc:
        first = str(exc).splitlines()[0]
        raise UsageError(
            f"{STATE_PATH} is damaged ({first}); delete it and run again (without it, "
            "--remove takes skilldex's entries out by their commands)"
        ) from None


def dump_state(state: InitState) -> bytes:
    return (json.dumps(state.model_dump(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
