"""tox, rake, composer, deno and mise tasks: read as data, run with their own runner."""

from __future__ import annotations

import json

import pytest

from skilldex.scan import scan_repo
from skilldex.scan.tasks.nox import parse_noxfile
from skilldex.scan.tasks.parsing import TaskFileError
from skilldex.scan.tasks.rake import parse_rakefile
from skilldex.scan.tasks.tox import parse_tox_ini

TOX = """[tox]
envlist = py311, lint

[testenv]
commands = pytest

[testenv:lint]
description = Run the linters (ruff, mypy)
commands =
    ruff check .
    mypy src
"""
RAKE = """desc "Run the test suite"
task :test do
  sh "rspec"
end

namespace :db do
  desc "Migrate the production database"
  task :migrate => :environment do
  end

  task "schema:dump"
end

desc 'Deploy to staging'
task deploy: [:test]
"""


def tasks(root) -> dict:
    return {(i.runner, i.name): i for i in scan_repo(root).items if i.kind == "task"}


def test_each_runner_gives_its_tasks_and_how_to_run_them(repo):
    found = tasks(
        repo(
            {
                "tox.ini": TOX,
                "tox.toml": (
                    '[env.docs]\ndescription = "Build the docs"\ncommands = [["sphinx-build", "docs", "out"]]\n'
                ),
                "Rakefile": RAKE,
                "composer.json": '{"scripts": {"test": "phpunit", "cs": ["phpcs src", "phpstan analyse"]},'
                ' "scripts-descriptions": {"cs": "Check the code style"}}',
                "web/deno.json": '{"tasks": {"deploy": {"command": "deployctl deploy",'
                ' "description": "Deploy to Deno Deploy"}}}',
                "mise.toml": '[tasks.build]\ndescription = "Build the release binary"\nrun = "cargo build --release"\n'
                '\n[tasks]\nlint = "cargo clippy"\n',
            }
        )
    )
    summary = {key: (item.description, item.run, item.command) for key, item in found.items()}
    assert summary == {
        ("tox", "lint"): ("Run the linters (ruff, mypy)", "tox -e lint", "ruff check . && mypy src"),
        ("tox", "py311"): ("Runs: pytest", "tox -e py311", "pytest"),  # from the envlist: the base [testenv]
        ("tox", "docs"): ("Build the docs", "tox -e docs", "sphinx-build docs out"),
        ("rake", "test"): ("Run the test suite", "rake test", None),
        ("rake", "db:migrate"): ("Migrate the production database", "rake db:migrate", None),
        ("rake", "db:schema:dump"): ("", "rake db:schema:dump", None),
        ("rake", "deploy"): ("Deploy to staging", "rake deploy", None),
        ("composer", "test"): ("Runs: phpunit", "composer run-script test", "phpunit"),
        ("composer", "cs"): ("Check the code style", "composer run-script cs", "phpcs src && phpstan analyse"),
        ("deno", "deploy"): ("Deploy to Deno Deploy", "cd web && deno task deploy", "deployctl deploy"),
        ("mise", "build"): ("Build the release binary", "mise run build", "cargo build --release"),
        ("mise", "lint"): ("Runs: cargo clippy", "mise run lint", "cargo clippy"),
    }
    assert found[("tox", "lint")].line == 7 and found[("rake", "db:migrate")].line == 8


def test_composer_event_hooks_are_not_tasks(repo):
    """Composer runs post-autoload-dump, post-install-cmd... itself; they are not tasks (nor a 'dump' backup)."""
    scripts = {
        name: "@php artisan package:discover"
        for name in (
            "post-autoload-dump",
            "post-install-cmd",
            "pre-update-cmd",
            "post-update-cmd",
            "post-root-package-install",
            "post-create-project-cmd",
            "pre-package-uninstall",
            "pre-operations-exec",
            "command",
            "pre-file-download",
        )
    }
    scripts |= {"analyse": "phpstan analyse", "post-deploy": "php artisan optimize"}
    found = tasks(repo({"composer.json": json.dumps({"scripts": scripts})}))
    assert sorted(found) == [("composer", "analyse"), ("composer", "post-deploy")]


@pytest.mark.parametrize(
    "name,text",
    [
        ("mise.toml", "[tasks\nbroken"),
        ("tox.toml", "env = ["),
        ("composer.json", '{"scripts": '),
        ("deno.json", "[1, 2"),
    ],
)
def test_a_broken_task_file_is_a_finding(repo, name, text):
    catalogue = scan_repo(repo({name: text}))
    assert [i for i in catalogue.items if i.kind == "task"] == []
    assert [f.path for f in catalogue.findings if f.code == "SKD031"] == [name]


def test_tox_ini_that_configparser_refuses_is_an_error():
    with pytest.raises(TaskFileError):
        parse_tox_ini("no section header\n")
    assert parse_tox_ini("[testenv:a]\n[testenv:a]\n")[0].name == "a"  # duplicate sections: tox itself merges


def test_rake_names_leave_their_namespace_at_its_end():
    names = [t.name for t in parse_rakefile("namespace :a do\n  task :x\nend\ntask :y\n")]
    assert names == ["a:x", "y"]


def test_rails_lib_tasks_run_from_the_apps_rakefile(repo):
    found = tasks(
        repo(
            {
                "app/Rakefile": 'require_relative "config/application"\n',
                "app/lib/tasks/orders.rake": 'namespace :orders do\n  desc "Fix the order totals"\n'
                "  task fix_totals: :environment do\n  end\nend\n",
            }
        )
    )
    task = found[("rake", "orders:fix_totals")]
    assert (task.description, task.run, task.path) == (
        "Fix the order totals",
        "cd app && rake orders:fix_totals",
        "app/lib/tasks/orders.rake",
    )


def test_rails_apps_run_their_tasks_with_bin_rails(repo):
    found = tasks(
        repo(
            {
                "Rakefile": 'require_relative "config/application"\nRails.application.load_tasks\n',
                "config/application.rb": "module Shop\n  class Application < Rails::Application\n  end\nend\n",
                "lib/tasks/demo.rake": 'namespace :db do\n  desc "Load the demo data"\n'
                "  task seed_demo: :environment\nend\n"
                "task :refund, [:order_id] => :environment\n",
                "web/Rakefile": "Rails.application.load_tasks\n",
                "web/bin/rails": '#!/usr/bin/env ruby\nAPP_PATH = File.expand_path("../config/application", __dir__)\n',
                "web/lib/tasks/it's.rake": "task :warm_cache\n",
                "engine/Rakefile": 'require "bundler/gem_tasks"\ntask :release_notes\n',
                "engine/bin/rails": '#!/usr/bin/env ruby\nENGINE_ROOT = File.expand_path("..", __dir__)\n',
                "gem/Rakefile": "task :build\n",
            }
        )
    )
    assert {key[1]: item.run for key, item in found.items()} == {
        "db:seed_demo": "bin/rails db:seed_demo",
        "refund": "bin/rails refund",  # run as `bin/rails 'refund[42]'`: the arguments are the caller's
        "warm_cache": "cd web && bin/rails warm_cache",
        "release_notes": "cd engine && rake release_notes",  # an engine's gem tasks stay with rake
        "build": "cd gem && rake build",
    }


def test_make_targets_say_what_their_variables_default_to(repo):
    makefile = (
        "ENV ?= staging\n\nplan: ## Plan infra changes\n\tterraform -chdir=infra/$(ENV) plan\n"
        "fmt:\n\tterraform fmt infra/$(ENV)\nlint:\n\ttflint\n"
    )
    found = [i for i in scan_repo(repo({"Makefile": makefile, "ops/Makefile": makefile})).items if i.kind == "task"]
    assert {(item.name, item.path): (item.description, item.run) for item in found} == {
        ("plan", "Makefile"): ("Plan infra changes (ENV defaults to staging; `make plan ENV=...`)", "make plan"),
        ("fmt", "Makefile"): (
            "Runs: terraform fmt infra/$(ENV) (ENV defaults to staging; `make fmt ENV=...`)",
            "make fmt",
        ),
        ("lint", "Makefile"): ("Runs: tflint", "make lint"),
        ("plan", "ops/Makefile"): (
            "Plan infra changes (ENV defaults to staging; `make -C ops plan ENV=...`)",
            "make -C ops plan",
        ),
        ("fmt", "ops/Makefile"): (
            "Runs: terraform fmt infra/$(ENV) (ENV defaults to staging; `make -C ops fmt ENV=...`)",
            "make -C ops fmt",
        ),
        ("lint", "ops/Makefile"): ("Runs: tflint", "make -C ops lint"),
    }


def test_cargo_aliases_are_tasks(repo):
    found = tasks(
        repo(
            {
                ".cargo/config.toml": '[alias]\nxtask = "run --package xtask --"\nb = ["build", "--release"]\n',
                "tools/rs/.cargo/config": '[alias]\ngen = "run -p codegen"\n',
            }
        )
    )
    assert {key: (t.run, t.command) for key, t in found.items()} == {
        ("cargo", "xtask"): ("cargo xtask", "cargo run --package xtask --"),
        ("cargo", "b"): ("cargo b", "cargo build --release"),
        ("cargo", "gen"): ("cd tools/rs && cargo gen", "cargo run -p codegen"),
    }


def test_tox_expands_generative_names_and_skips_its_own_packaging_env():
    text = (
        "[tox]\nenvlist = py{39,310}, lint\n\n[testenv]\ndescription = Run the tests\ncommands = pytest\n\n"
        "[testenv:py{39,310}-django{42,50}]\ncommands = pytest tests/django\n\n[testenv:.pkg]\n\n[testenv:]\n"
    )
    found = [(t.name, t.description, t.command) for t in parse_tox_ini(text)]
    assert found == [
        ("py39-django42", "Run the tests", "pytest tests/django"),
        ("py39-django50", "Run the tests", "pytest tests/django"),
        ("py310-django42", "Run the tests", "pytest tests/django"),
        ("py310-django50", "Run the tests", "pytest tests/django"),
        ("py39", "Run the tests", "pytest"),
        ("py310", "Run the tests", "pytest"),
        ("lint", "Run the tests", "pytest"),
    ]


def test_rake_reads_task_classes_parenthesised_namespaces_and_not_hash_keys():
    text = (
        '\ufeffdesc "Run the test suite"\nRake::TestTask.new(:test) do |t|\nend\n'
        "RSpec::Core::RakeTask.new(:spec)\ntask :default => :test\n"
        "namespace(:db) do\n  task :migrate\nend\nSETTINGS = {\n  task_timeout: 30,\n}\n"
    )
    assert [(t.name, t.description) for t in parse_rakefile(text)] == [
        ("test", "Run the test suite"),
        ("spec", ""),
        ("default", ""),
        ("db:migrate", ""),
    ]


def test_deno_jsonc_mise_hidden_tasks_lines_and_quoted_folders(repo):
    found = tasks(
        repo(
            {
                "web/deno.jsonc": '{\n  // tasks\n  "tasks": {\n    "dev": "deno run main.ts", // watch\n  },\n}\n',
                "mise.toml": '[env]\nbuild = "x"\n\n[tasks.build]\nrun = "cargo build"\n\n[tasks]\nlint = "clippy"\n'
                'helper = {run = "x", hide = true}\n',
                "x;id/composer.json": '{"name": "acme/app", "scripts": {"name": "echo hi", "--working-dir=/": "x"}}',
            }
        )
    )
    assert {key: (t.run, t.line) for key, t in found.items()} == {
        ("deno", "dev"): ("cd web && deno task dev", 4),
        ("mise", "build"): ("mise run build", 4),
        ("mise", "lint"): ("mise run lint", 8),
        ("composer", "name"): ("cd 'x;id' && composer run-script name", 1),  # a name like an option is left out
    }


def test_tox_resolves_references_to_another_sections_commands():
    text = (
        "[tox]\nenvlist = lint-py3\n[lint]\ncommands =\n    flake8 .\n    isort --check-only src\n"
        "[testenv:lint-py3]\ncommands = {[lint]commands}\n[testenv:other]\ncommands = {[gone]commands}\n"
    )
    tasks = {t.name: t for t in parse_tox_ini(text)}
    assert tasks["lint-py3"].command == "flake8 . && isort --check-only src"
    assert tasks["other"].command == "{[gone]commands}"


def test_nox_session_without_docstring_is_described_by_its_usage_error():
    text = (
        'import nox\n\n@nox.session(name="prepare-release")\ndef prepare_release(session):\n'
        '    if not session.posargs:\n        session.error("Usage: nox -s prepare-release -- YY.N[.P]")\n'
        '    session.run("git", "tag")\n\n@nox.session\ndef lint(session):\n    session.error("lint failed")\n'
    )
    tasks = {t.name: t for t in parse_noxfile(text)}
    assert tasks["prepare-release"].description == "Usage: nox -s prepare-release -- YY.N[.P]"
    assert tasks["lint"].description == ""
