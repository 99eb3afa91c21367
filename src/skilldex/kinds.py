"""The kinds of item a catalogue holds, in listing order (light: imported by the fast path)."""

KINDS = ("skill", "command", "agent", "mcp-server", "tool", "task", "doc", "knowledge")

SCHEMA_VERSION = 1  # of the catalogue that `list --json` prints (skilldex.models.Catalogue)
