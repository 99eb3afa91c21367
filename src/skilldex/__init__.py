"""skilldex: index a repository's existing tooling so nobody builds what it already has."""

__version__ = "0.1.0"
