"""A shell script that dispatches on its first argument is a task runner: each subcommand is a task."""

from __future__ import annotations

from skilldex.scan import scan_repo

FUNCTIONS = """#!/usr/bin/env bash
# Inspired on https://github.com/adriancooney/Taskfile
set -e

function help {
    echo "$0 <task> <args>"
}

# Follow the app's log
function logs {
    docker compose exec -T app tail -f storage/logs/laravel.log
}
function test {
    docker compose exec -T app php artisan test
}

function db:reset {
    docker compose exec app php artisan migrate:fresh --seed
}

function _private {
    true
}

TIMEFORMAT="Task completed in %3lR"
time "${@:-help}"
"""
CASE = """#!/bin/sh
cmd="${1:-}"
shift || true
case "$cmd" in
  up)
    # Start the dev stack
    docker compose up -d
    ;;
  down|stop)
    echo "Stopping the stack"
    docker compose down
    ;;
  -h|--help|help) usage ;;
  *) usage; exit 1 ;;
esac
"""
ONE_OPTION = '#!/bin/bash\ncase "$1" in\n  --verbose) set -x ;;\nesac\necho hi\n'
NOT_DISPATCHING = "#!/bin/bash\nfunction a {\n  echo a\n}\nfunction b {\n  echo b\n}\na\nb\n"


def tasks(root) -> dict:
    return {(i.path, i.name): i for i in scan_repo(root).items if i.kind == "task"}


def test_functions_called_by_name_are_tasks(repo):
    root = repo({"scripts/run": FUNCTIONS})
    (root / "scripts/run").chmod(0o644)  # not executable: run through bash
    found = tasks(root)
    assert sorted(name for _, name in found) == ["db:reset", "logs", "test"]  # not help, not _private
    logs = found[("scripts/run", "logs")]
    assert (logs.runner, logs.run, logs.line) == ("script", "bash scripts/run logs", 10)
    assert logs.description == "Follow the app's log"
    assert found[("scripts/run", "test")].description.startswith("Runs: docker compose exec -T app php artisan test")
    assert "database" in found[("scripts/run", "db:reset")].capabilities


def test_case_arms_on_the_first_argument_are_tasks(repo):
    root = repo({"dev.sh": CASE})
    (root / "dev.sh").chmod(0o755)
    found = tasks(root)
    assert sorted(found) == [("dev.sh", "down"), ("dev.sh", "up")]
    assert (found[("dev.sh", "up")].description, found[("dev.sh", "up")].run) == ("Start the dev stack", "./dev.sh up")
    assert found[("dev.sh", "down")].description == "Stopping the stack"  # what it echoes when nothing comments it


def test_scripts_that_do_not_dispatch_are_no_runner(repo):
    found = tasks(
        repo(
            {
                "scripts/verbose.sh": ONE_OPTION,  # one option check is no runner
                "scripts/both": NOT_DISPATCHING,  # functions it calls itself
                "notes.txt": CASE,  # not a script
                "tests/fixtures/run": FUNCTIONS,  # a sample
            }
        )
    )
    assert found == {}
    # the script itself stays a tool
    assert "scripts/verbose.sh" in {i.path for i in scan_repo(repo({})).items if i.kind == "tool"}
