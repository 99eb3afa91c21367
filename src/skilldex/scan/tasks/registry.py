"""Every task runner skilldex reads, one line each: its module in this package, and the `runner` names its
tasks carry (the first is its files' own).

Pure data, imported by `models` for the schema's list of runners: `load()` imports the modules themselves,
when a scan first needs them. Adding a runner is one module here and one line below.
"""

from __future__ import annotations

import importlib

RUNNERS: dict[str, tuple[str, ...]] = {
    "make": ("make",),
    "just": ("just",),
    "npm": ("npm",),
    "pyproject": ("python-scripts", "poe", "pdm", "taskipy"),
    "gotask": ("taskfile",),
    "nox": ("nox",),
    "tox": ("tox",),
    "rake": ("rake",),
    "composer": ("composer",),
    "deno": ("deno",),
    "mise": ("mise",),
    "cargo": ("cargo",),
    "procfile": ("procfile",),
    "compose": ("compose",),
    "mix": ("mix",),
    "gradle": ("gradle",),
    "dotnet": ("dotnet",),
    "pixi": ("pixi",),
    "nix": ("nix",),
    "tilt": ("tilt",),
    "cargo_release": ("cargo-release",),
    "shell": ("script",),
    "fastlane": ("fastlane",),
}
NAMES = tuple(name for names in RUNNERS.values() for name in names)


def load() -> list:
    """Each runner module's `Runner`, made with its names, in the order above."""
    return [importlib.import_module(f"{__package__}.{module}").Runner(names) for module, names in RUNNERS.items()]
