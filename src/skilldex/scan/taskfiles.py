"""Tasks from Makefile, justfile, package.json, pyproject.toml, Taskfile.yml, noxfile.py, tox, Rakefile,
composer.json, deno.json, mise.toml, Procfile, compose files, mix.exs and Mix task modules, and Gradle build
scripts, never run."""

from __future__ import annotations

from skilldex.scan.taskfiles_common import TaskDef, TaskFileError
from skilldex.scan.taskfiles_compose import parse_compose, parse_compose_override
from skilldex.scan.taskfiles_gotask import parse_taskfile
from skilldex.scan.taskfiles_gradle import parse_gradle
from skilldex.scan.taskfiles_just import parse_justfile
from skilldex.scan.taskfiles_make import parse_makefile
from skilldex.scan.taskfiles_mix import parse_mix_exs, parse_mix_task
from skilldex.scan.taskfiles_more import parse_cargo_config, parse_composer_json, parse_deno_json, parse_mise_toml
from skilldex.scan.taskfiles_node import parse_package_json
from skilldex.scan.taskfiles_nox import parse_noxfile
from skilldex.scan.taskfiles_procfile import parse_procfile
from skilldex.scan.taskfiles_pyproject import parse_pyproject
from skilldex.scan.taskfiles_rake import parse_rakefile
from skilldex.scan.taskfiles_tox import parse_tox_ini, parse_tox_toml

__all__ = [
    "TaskDef",
    "TaskFileError",
    "parse_cargo_config",
    "parse_compose",
    "parse_compose_override",
    "parse_composer_json",
    "parse_deno_json",
    "parse_gradle",
    "parse_justfile",
    "parse_makefile",
    "parse_mise_toml",
    "parse_mix_exs",
    "parse_mix_task",
    "parse_noxfile",
    "parse_package_json",
    "parse_procfile",
    "parse_pyproject",
    "parse_rakefile",
    "parse_taskfile",
    "parse_tox_ini",
    "parse_tox_toml",
]
