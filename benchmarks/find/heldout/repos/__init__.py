"""Held-out synthetic repos for the find benchmark (never used while developing the ranking).

Each module holds NAME and FILES (repo-relative path -> text), like benchmarks/find/repos.
"""

from __future__ import annotations

from types import ModuleType

from . import pantrybox, sluice, tandem

REPOS: list[ModuleType] = [pantrybox, sluice, tandem]
