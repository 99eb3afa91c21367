"""The task-runner family: every runner module in scan/tasks is registered once, each claims its own files, and
one real file per runner yields a task with that runner's name and command line."""

from __future__ import annotations

import pkgutil

from skilldex.models import TaskItem
from skilldex.scan import scan_repo, tasks
from skilldex.scan.ci import registry as ci_registry
from skilldex.scan.tasks import base, provider, registry

# The modules of scan/tasks that are not runners: the protocol, its parsing helpers, the registry, the scan
# over them, and helpers of one runner (make's syntax and variable defaults, cargo's xtask subcommands).
HELPERS = {"base", "parsing", "registry", "provider", "make_syntax", "make_vars", "xtask", "rust_subcommands"}

# One file per runner, in the shapes people write them; the value is (runner, task name, run) of one task.
FILES = {
    "Makefile": ("build:\n\tgo build ./...\n", ("make", "build", "make build")),
    "justfile": ("lint:\n    ruff check\n", ("just", "lint", "just lint")),
    "web/package.json": ('{"scripts": {"dev": "vite"}}', ("npm", "dev", "cd web && npm run dev")),
    "pyproject.toml": (
        '[project.scripts]\napp = "app.cli:main"\n[tool.poe.tasks]\nfmt = "ruff format ."\n',
        ("poe", "fmt", "poe fmt"),
    ),
    "Taskfile.yml": ("version: '3'\ntasks:\n  up:\n    cmds: [docker compose up]\n", ("taskfile", "up", "task up")),
    "noxfile.py": (
        "import nox\n\n@nox.session\ndef tests(session):\n    session.run('pytest')\n",
        ("nox", "tests", "nox -s tests"),
    ),
    "tox.ini": ("[testenv:docs]\ncommands = sphinx-build docs out\n", ("tox", "docs", "tox -e docs")),
    "Rakefile": ("desc 'Seed it'\ntask :seed do\nend\n", ("rake", "seed", "rake seed")),
    "composer.json": ('{"scripts": {"test": "phpunit"}}', ("composer", "test", "composer run-script test")),
    "deno.json": ('{"tasks": {"start": "deno run main.ts"}}', ("deno", "start", "deno task start")),
    "mise.toml": ('[tasks.release]\nrun = "cargo dist"\n', ("mise", "release", "mise run release")),
    "tools/.cargo/config.toml": ('[alias]\nci = "test --all"\n', ("cargo", "ci", "cd tools && cargo ci")),
    "Procfile": ("web: bundle exec puma\n", ("procfile", "web", "foreman start web")),
    "compose.yaml": ("services:\n  db:\n    image: postgres:16\n", ("compose", "db", "docker compose up db")),
    "mix.exs": ('defp aliases do\n  [setup: ["deps.get"]]\nend\n', ("mix", "setup", "mix setup")),
    "build.gradle": ('tasks.register("fixtures") {\n}\n', ("gradle", "fixtures", "gradle fixtures")),
    "cli/DeployCommand.cs": (
        'class DeployCommand : Command\n{\n  public DeployCommand() : base("deploy", "Ship it")\n',
        ("dotnet", "cli deploy", "dotnet run --project cli -- deploy"),
    ),
    "cli/cli.csproj": ("<Project />\n", None),
    "pixi.toml": ('[tasks]\nlab = "jupyter lab"\n', ("pixi", "lab", "pixi run lab")),
    "shell.nix": ('pkgs.mkShell { buildInputs = [ (pkgs.writeShellScriptBin "serve" "make run") ]; }\n', None),
    "Tiltfile": ("k8s_yaml('yaml/crd.yaml')\n", ("tilt", "up", "tilt up")),
    "app/fastlane/Fastfile": ("lane :beta do\nend\n", ("fastlane", "beta", "cd app && fastlane beta")),
    "crate/Cargo.toml": ('[package]\nname = "crate"\n', None),
    "crate/release.toml": ("tag = true\n", ("cargo-release", "release", "cd crate && cargo release patch")),
    # files known by where they sit rather than by name
    "nix/tools.nix": ('pkgs.writeShellScriptBin "hello" "echo hi"\n', ("nix", "hello", "nix-shell --run hello")),
    "lib/tasks/db.rake": ("namespace :db do\n  task :reset do\n  end\nend\n", ("rake", "db:reset", "rake db:reset")),
    "ops/deploy.just": ("ship:\n    ./ship.sh\n", ("just", "ship", "just --justfile ops/deploy.just ship")),
    "lib/mix/tasks/seed.ex": ("defmodule Mix.Tasks.Seed do\nend\n", ("mix", "seed", "mix seed")),
    "Procfile.dev": ("css: tailwind --watch\n", ("procfile", "css", "foreman start -f Procfile.dev css")),
    "scripts/run": (
        '#!/bin/bash\ncase "$1" in\n  up) docker compose up ;;\n  down) docker compose down ;;\nesac\n',
        ("script", "up", "scripts/run up"),
    ),
    "docker-compose.e2e.yml": (
        "services:\n  e2e:\n    image: cypress/included\n",
        ("compose", "e2e", "docker compose -f docker-compose.e2e.yml up e2e"),
    ),
}


def test_every_module_is_a_registered_runner_or_a_named_helper():
    modules = {info.name for info in pkgutil.iter_modules(tasks.__path__)}
    assert modules - HELPERS == set(registry.RUNNERS)
    for runner in provider.RUNNERS:
        assert isinstance(runner, base.Runner)
        assert type(runner) is not base.Runner  # each module says what differs for its runner


def test_no_file_name_is_claimed_by_two_runners():
    names = [name for runner in provider.RUNNERS for name in runner.files]
    assert len(names) == len(set(names)) == len(provider.BY_NAME)


def test_every_runner_that_places_files_says_what_their_names_hold():
    # a file whose name holds none of the marks is never offered to `place`
    assert provider.PLACED and all(runner.marks for runner in provider.PLACED)


def test_the_schema_names_every_registered_runner():
    enum = TaskItem.model_json_schema()["properties"]["runner"]["enum"]
    assert enum == [*registry.NAMES, "github-actions", *ci_registry.NAMES]


def test_one_file_per_runner_gives_its_tasks_with_its_command_line(repo):
    root = repo({path: text for path, (text, _) in FILES.items()})
    found = {(i.runner, i.name): i.run for i in scan_repo(root).items if i.kind == "task"}
    expected = [want for _, want in FILES.values() if want is not None]
    assert {(runner, name): found.get((runner, name)) for runner, name, _ in expected} == {
        (runner, name): run for runner, name, run in expected
    }
    assert {runner for runner, _ in found} == set(registry.NAMES) - {"pdm", "taskipy"}  # pyproject's tables
