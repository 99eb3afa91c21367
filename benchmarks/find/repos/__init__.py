"""Synthetic repos for the find benchmark: each module holds NAME and FILES (repo-relative path -> text)."""

from __future__ import annotations

from types import ModuleType

from . import atlas, groundwork, hookline, quarry, switchboard, tallyhq

REPOS: list[ModuleType] = [tallyhq, hookline, atlas, quarry, groundwork, switchboard]
