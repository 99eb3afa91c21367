"""Task-runner file parsers: exact task lists from real-looking files, and no crash on junk."""

from __future__ import annotations

import json
import random
import sys

import pytest

from skilldex.scan.tasks.base import TaskDef
from skilldex.scan.tasks.gotask import parse_taskfile
from skilldex.scan.tasks.just import parse_justfile
from skilldex.scan.tasks.make import Target, parse_makefile
from skilldex.scan.tasks.npm import parse_package_json
from skilldex.scan.tasks.parsing import MAX_COMMAND_CHARS, TaskFileError, join_commands
from skilldex.scan.tasks.pyproject import Script, parse_pyproject

# ---------------------------------------------------------------- Makefile

MAKEFILE = """\
# Project Makefile
SHELL := /bin/bash
VERSION ?= $(shell git describe --tags)
LDFLAGS += -s -w
BIN = bin/app
.DEFAULT_GOAL := help

##@ General

.PHONY: help
help: ## Display this help
\t@awk 'BEGIN {FS = ":.*##"} /^[a-zA-Z_-]+:.*?##/ { printf "%-15s %s\\n", $$1, $$2 }' \\
\t  $(MAKEFILE_LIST)

##@ Development

# Compile the binary
# for the current platform
build: deps
\t@echo "building $(VERSION)"
\tgo build -ldflags "$(LDFLAGS)" \\
\t  -o $(BIN) ./cmd/app
\t-rm -f coverage.out
\tgo vet ./...

fmt lint: ## Format and lint the code
\tgofmt -w .

%.o: %.c
\t$(CC) -c $< -o $@

$(BIN): build

deps:
\tgo mod download

define HELP_TEXT
run: not a target
endef

debug: CFLAGS = -g
include common.mk
-include local.mk

ifeq ($(OS),Windows_NT)
clean:: ## Remove build output
\tdel /q bin
else
clean:: ## Remove everything
\trm -rf bin
endif

.SUFFIXES:
.c.o:
\t$(CC) -c $<
"""


def test_makefile_marmelab_style():
    assert parse_makefile(MAKEFILE) == [
        Target(
            "help",
            "Display this help",
            11,
            'awk \'BEGIN {FS = ":.*##"} /^[a-zA-Z_-]+:.*?##/ { printf "%-15s %s\\n", $$1, $$2 }\' $(MAKEFILE_LIST)',
        ),
        Target(
            "build",
            "Compile the binary for the current platform",
            19,
            'echo "building $(VERSION)" && go build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/app'
            " && rm -f coverage.out && … (+1 more)",
            defaults=(("BIN", "bin/app"),),  # not VERSION ($(shell ...)) nor LDFLAGS (appended to)
        ),
        Target("fmt", "Format and lint the code", 26, "gofmt -w ."),
        Target("lint", "Format and lint the code", 26, "gofmt -w ."),
        Target("deps", "", 34, "go mod download"),
        Target("clean", "Remove build output", 46, "del /q bin"),
    ]


def test_makefile_crlf_matches_lf():
    assert parse_makefile(MAKEFILE.replace("\n", "\r\n")) == parse_makefile(MAKEFILE)


def test_makefile_section_header_is_not_a_description():
    text = "##@ Build\nbuild:\n\tmake all\n"
    assert parse_makefile(text) == [Target("build", "", 2, "make all")]


def test_makefile_comment_survives_phony_line_naming_the_target_only():
    text = "# Run the tests\n.PHONY: test\ntest:\n\tpytest\n\n# Phony targets\n.PHONY: a b\nc:\n\ttrue\n"
    assert parse_makefile(text) == [
        Target("test", "Run the tests", 3, "pytest"),
        Target("c", "", 8, "true"),
    ]


def test_makefile_blank_line_separates_comment_from_target():
    text = "# Not about install\n\ninstall:\n\tpip install .\n"
    assert parse_makefile(text) == [Target("install", "", 3, "pip install .")]


def test_makefile_assignments_are_not_targets():
    text = "a := b\nc ::= d\ne:::=f\ng ?= h:i\nj += k\nl = m: n\no != date\nexport P := 1\n"
    assert parse_makefile(text) == []


def test_makefile_variables_with_one_plain_default_go_with_the_targets_using_them():
    text = (
        "export ENV ?= staging\nENV ?= prod\nREGION := eu-west-1 # the main region\nTF = terraform\n"
        "VERSION = $(shell git describe)\nFLAGS = -x\nFLAGS += -q\noverride ROOT = /srv\nLONG = " + "x" * 60 + "\n"
        "ifdef CI\nMODE = ci\nelse\nMODE = local\nendif\nifeq ($(OS),Windows_NT)\nSHELLX = cmd\nendif\n"
        "plan: ## Plan infra changes\n\t$(TF) -chdir=infra/$(ENV) plan -var region=${REGION} $(ENV)\n"
        "apply: ENV = prod\napply:\n\t$(TF) apply infra/$(ENV) $(LONG)\n"
        "other:\n\t$(VERSION) $(FLAGS) $(ROOT) $(MODE) $(SHELLX) $$(ENV) $(UNSET)\n"
    )
    found = {task.name: task.defaults for task in parse_makefile(text)}
    assert found == {
        "plan": (("ENV", "staging"), ("REGION", "eu-west-1")),  # not TF: it names the program run
        "apply": (("LONG", "x" * 39 + "…"),),  # ENV is prod for apply
        "other": (),
    }


def test_makefile_variables_stay_bounded_in_a_huge_file():
    text = "".join(f"V{n} = {n}\n" for n in range(5000)) + "t:\n\t" + " ".join(f"$(V{n})" for n in range(5000)) + "\n"
    (task,) = parse_makefile(text)
    assert task.defaults == (("V1", "1"), ("V2", "2"), ("V3", "3"))  # V0 is the command run
    late = "".join(f"V{n} = {n}\n" for n in range(5000)) + "t:\n\t$(V4999)\n"
    assert parse_makefile(late)[0].defaults == ()  # past the first 2000 variables none is tracked


def test_makefile_first_described_definition_wins_and_commands_fill_in():
    text = "check: lint\ncheck: ## Run every check\ncheck:\n\tpytest\n"
    assert parse_makefile(text) == [Target("check", "Run every check", 2, "pytest")]


def test_makefile_inline_recipe_recipeprefix_grouped_and_ruler_comments():
    text = (
        ".RECIPEPREFIX = >\n"
        "# ------\n#> Generate code\n# ------\ngen: ; @go generate ./...\n"
        "docs html &: src\n> sphinx-build docs out\n"
    )
    assert parse_makefile(text) == [
        Target("gen", "Generate code", 5, "go generate ./..."),
        Target("docs", "", 6, "sphinx-build docs out"),
        Target("html", "", 6, "sphinx-build docs out"),
    ]


def test_makefile_takes_at_most_three_recipe_lines_and_skips_shell_comments():
    text = "release:\n\t# tag first\n\tgit tag v1\n\n\tgit push\n\t+make dist\n\ttwine upload *\n"
    assert parse_makefile(text) == [
        Target("release", "", 1, "git tag v1 && git push && make dist && … (+1 more)"),
    ]


def test_join_commands_says_how_many_lines_it_left_out_even_when_capped():
    assert join_commands(
        [
            "mix deps.get\nmix ecto.create",
            "mix ecto.migrate\n# seed\nmix run seeds.exs",
            "npm ci\n\ncd assets && npm run build\nmix phx.server\nmix test",
        ]
    ) == ("mix deps.get && mix ecto.create && mix ecto.migrate && … (+5 more)")
    assert join_commands(["a", "b", "c"]) == "a && b && c"
    assert join_commands(["  ", "# only a comment"]) is None
    long = join_commands(["x" * 600, "y", "z", "w"])
    assert len(long) == MAX_COMMAND_CHARS and long.endswith("x… && … (+1 more)")


# ---------------------------------------------------------------- justfile

JUSTFILE = """\
#!/usr/bin/env just --justfile
set shell := ["bash", "-uc"]
set dotenv-load
alias b := build
version := "1.2.0"
export RUST_LOG := "info"
mod deploy
import? 'local.just'

# Build the project
build profile='debug' +features='': fmt
    @echo "building {{profile}}"
    cargo build --profile {{profile}} \\
        --features "{{features}}"

# This comment is replaced
[doc('Run the test suite')]
[group('ci')]
test *args:
    #!/usr/bin/env bash
    set -euo pipefail
    cargo test {{args}}

# Hidden by a bare doc attribute
[doc]
fmt:
    -cargo fmt

[private]
release:
    cargo publish

# Helpers are private by name
_helper:
    echo internal

# A first line
# Only this line is the doc
@serve port="8080":
    python -m http.server {{port}}

[no-cd, doc("Say \\"hi\\"")]
greet name="a:b":
    echo hi {{name}}
"""


def test_justfile_recipes():
    assert parse_justfile(JUSTFILE) == [
        TaskDef(
            "build",
            "Build the project",
            11,
            'echo "building {{profile}}" && cargo build --profile {{profile}} --features "{{features}}"',
        ),
        TaskDef("test", "Run the test suite", 19, "set -euo pipefail && cargo test {{args}}"),
        TaskDef("fmt", "", 26, "cargo fmt"),
        TaskDef("serve", "Only this line is the doc", 39, "python -m http.server {{port}}"),
        TaskDef("greet", 'Say "hi"', 43, "echo hi {{name}}"),
    ]


def test_justfile_comment_above_attribute_and_doc_colon_syntax():
    text = "# Deploy it\n[confirm]\ndeploy:\n  ./deploy.sh\n\n[doc: 'Lint']\nlint:\n  ruff check\n"
    assert parse_justfile(text) == [
        TaskDef("deploy", "Deploy it", 3, "./deploy.sh"),
        TaskDef("lint", "Lint", 7, "ruff check"),
    ]


def test_justfile_blank_line_and_assignment_break_the_doc_comment():
    text = "# orphan\n\nup:\n  compose up\n# about x\nx := '1'\ndown:\n  compose stop\n"
    assert parse_justfile(text) == [
        TaskDef("up", "", 3, "compose up"),
        TaskDef("down", "", 7, "compose stop"),
    ]


def test_justfile_recipe_without_body_and_duplicates():
    text = "# all of it\nall: build test\nall:\n  echo again\n"
    assert parse_justfile(text) == [TaskDef("all", "all of it", 2, None)]


# ---------------------------------------------------------------- package.json

PACKAGE_JSON = """\
{
  "name": "web",
  "scripts": {
    "//": "Start the dev server with hot reload",
    "dev": "vite",
    "prebuild": "rimraf dist",
    "build": "tsc && vite build",
    "postbuild": "node scripts/size.js",
    "//lint": "Check the code style",
    "lint": "eslint .",
    "test": "vitest run",
    "pretest:e2e": "playwright install",
    "prepare": "husky install",
    "bad": 42,
    "format": "prettier --write ."
  },
  "scripts-info": {
    "build": "Type-check and bundle for production"
  },
  "scriptsComments": {
    "test": ["Run the", "unit tests"]
  },
  "//": {"format": "Rewrite files with prettier"}
}
"""


def test_package_json_scripts_and_descriptions():
    assert parse_package_json(PACKAGE_JSON) == [
        TaskDef("dev", "Start the dev server with hot reload", 5, "vite"),
        TaskDef("build", "Type-check and bundle for production", 7, "tsc && vite build"),
        TaskDef("lint", "Check the code style", 10, "eslint ."),
        TaskDef("test", "Run the unit tests", 11, "vitest run"),
        TaskDef("pretest:e2e", "", 12, "playwright install"),
        TaskDef("format", "Rewrite files with prettier", 15, "prettier --write ."),
    ]


def test_package_json_life_cycle_scripts_are_npm_hooks_not_tasks():
    """npm runs prepare, postinstall, prepublishOnly... itself; `pretest` runs before `test`; a `pre` name that
    prefixes no script (`prefetch`) is a task of its own."""
    text = json.dumps(
        {
            "scripts": {
                "preinstall": "npx only-allow pnpm",
                "postinstall": "patch-package",
                "prepare": "husky",
                "prepublishOnly": "npm run build",
                "prepack": "clean-pkg",
                "version": "changeset version",
                "pretest": "npm run lint",
                "test": "vitest",
                "posttest": "rm -rf tmp",
                "prefetch": "node fetch.js",
                "install:deps": "npm ci",
            }
        }
    )
    assert [t.name for t in parse_package_json(text)] == ["test", "prefetch", "install:deps"]


def test_package_json_invalid_reports_line():
    with pytest.raises(TaskFileError) as caught:
        parse_package_json('{\n  "scripts": {\n    "a": "b",\n  }\n}\n')
    assert caught.value.line == (3 if sys.version_info >= (3, 13) else 4)  # 3.13's json points at the comma itself
    assert caught.value.message.startswith("invalid JSON")


@pytest.mark.parametrize("text", ["[]", '"x"', "{}", '{"scripts": []}', '{"scripts": "npm test"}', '{"scripts": null}'])
def test_package_json_without_a_scripts_object(text):
    assert parse_package_json(text) == []


def test_package_json_line_ignores_same_key_elsewhere_and_keeps_last_duplicate():
    text = '{\n"config": {"test": 1},\n"scripts": {\n"test": "a",\n"test": "b"\n}}'
    assert parse_package_json(text) == [TaskDef("test", "", 4, "b")]


# ---------------------------------------------------------------- pyproject.toml

PYPROJECT = """\
[project]
name = "app"
gui-scripts = { app-gui = "app.gui:run" }

[project.scripts]
app = "app.cli:main"
app-admin = "app.admin:main"


[tool.poetry.scripts]
legacy = "app.legacy:main"
extra = { callable = "app.extra:main", extras = ["x"] }

[tool.poe.tasks]
fmt = "ruff format ."
lint.cmd = "ruff check ."
lint.help = "Lint the code"
check = ["fmt", "lint"]
_hidden = "echo no"

[tool.poe.tasks.test]
help = "Run   the\\n tests"
shell = \"\"\"
pytest -q
coverage report
\"\"\"

[tool.poe.tasks.ci]
sequence = ["lint", { cmd = "pytest" }, { ref = "test" }]
help = "Everything CI runs"

[tool.pdm.scripts]
_.env_file = ".env"
start = "flask run"
serve = { cmd = ["gunicorn", "app:app"], help = "Serve it" }
pre_start = "echo before"

[tool.taskipy.tasks]
docs = { cmd = "mkdocs serve", help = "Preview docs" }
pre_docs = "echo hook"
"""


def test_pyproject_scripts_and_tasks():
    p, t = "python-scripts", "poe"
    assert parse_pyproject(PYPROJECT) == [
        Script("app", "", 6, "app.cli:main", p),
        Script("app-admin", "", 7, "app.admin:main", p),
        Script("app-gui", "", 3, "app.gui:run", p),
        Script("legacy", "", 11, "app.legacy:main", p),
        Script("extra", "", 12, "app.extra:main", p),
        Script("fmt", "", 15, "ruff format .", t),
        Script("lint", "Lint the code", 16, "ruff check .", t),
        Script("check", "", 18, "fmt && lint", t),
        Script("test", "Run the tests", 21, "pytest -q && coverage report", t),
        Script("ci", "Everything CI runs", 28, "lint && pytest && test", t),
        Script("start", "", 34, "flask run", "pdm"),
        Script("serve", "Serve it", 35, "gunicorn app:app", "pdm"),
        Script("docs", "Preview docs", 39, "mkdocs serve", "taskipy"),
    ]


def test_pyproject_lines_for_dotted_keys_quoted_names_and_inline_tables():
    text = (
        '[tool.poe]\ntasks.a = "x"\ntasks.b.cmd = "y"\n'
        '[tool.poe.tasks."c d"]\ncmd = "z"\n'
        '[tool.taskipy]\ntasks = { "e.f" = "w" }\n'
    )
    assert parse_pyproject(text) == [
        Script("a", "", 2, "x", "poe"),
        Script("b", "", 3, "y", "poe"),
        Script("c d", "", 4, "z", "poe"),
        Script("e.f", "", 7, "w", "taskipy"),
    ]


def test_pyproject_invalid_reports_line():
    with pytest.raises(TaskFileError) as caught:
        parse_pyproject('[project]\nname = "x"\nversion = \n')
    assert caught.value.line == 3


def test_pyproject_wrong_types_are_skipped():
    text = 'project = "x"\n[tool.poe]\ntasks = 3\n[tool.poetry]\nscripts = ["a"]\n[tool.pdm.scripts]\nx = 5\n'
    assert parse_pyproject(text) == [Script("x", "", 7, None, "pdm")]


# ---------------------------------------------------------------- Taskfile.yml

TASKFILE = """\
version: '3'

vars:
  BIN: bin/app

tasks:
  default:
    cmds:
      - task: build

  build:
    desc: Build the   binary
    summary: |
      Build the binary.

      Long text here.
    cmds:
      - go build -o {{.BIN}}
      - cmd: echo built
      - defer: rm -rf tmp
      - task: docs

  docs:
    summary: |
      Generate the docs
      with mkdocs.
    cmd: mkdocs build

  setup: go mod download

  ci:
    - task: lint
    - go test ./...

  internal-step:
    internal: true
    cmds: [echo hidden]

  lint:
    desc: Run linters
    deps: [setup]
"""


def test_taskfile_tasks():
    assert parse_taskfile(TASKFILE) == [
        TaskDef("default", "", 7, "task build"),
        TaskDef("build", "Build the binary", 11, "go build -o {{.BIN}} && echo built && task docs"),
        TaskDef("docs", "Generate the docs with mkdocs.", 23, "mkdocs build"),
        TaskDef("setup", "", 29, "go mod download"),
        TaskDef("ci", "", 31, "task lint && go test ./..."),
        TaskDef("lint", "Run linters", 39, None),
    ]


def test_taskfile_summary_first_paragraph_when_no_desc():
    text = "tasks:\n  up:\n    summary: |\n      Start it.\n\n      Details.\n    cmds: [compose up]\n"
    assert parse_taskfile(text) == [TaskDef("up", "Start it.", 2, "compose up")]


def test_taskfile_invalid_yaml_reports_line():
    with pytest.raises(TaskFileError) as caught:
        parse_taskfile("version: '3'\ntasks:\n  build:\n    cmds: [go build\n  test: {}\n")
    assert caught.value.line == 5


@pytest.mark.parametrize("text", ["", "just a string", "- a\n- b\n", "tasks: [1, 2]", "tasks:\n"])
def test_taskfile_without_a_tasks_mapping(text):
    assert parse_taskfile(text) == []


def test_taskfile_alias_bomb_is_refused():
    lines = ['a0: &a0 ["x", "x"]']
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]" for i in range(1, 60)]
    with pytest.raises(TaskFileError):
        parse_taskfile("\n".join(lines) + "\ntasks: {}\n")


# ---------------------------------------------------------------- shared


def test_long_descriptions_are_capped():
    (task,) = parse_makefile("x: ## " + "word " * 200 + "\n")
    assert len(task.description) <= 300
    assert task.description.endswith("…")


PARSERS = [
    (parse_makefile, MAKEFILE),
    (parse_justfile, JUSTFILE),
    (parse_package_json, PACKAGE_JSON),
    (parse_pyproject, PYPROJECT),
    (parse_taskfile, TASKFILE),
]


@pytest.mark.parametrize("parse, fixture", PARSERS, ids=lambda p: getattr(p, "__name__", ""))
def test_parsers_never_crash_on_junk(parse, fixture):
    rng = random.Random(1234)
    inputs = ["", "\n", "\x00", "\ufeff", ":", "[", "{", "\t", "\\", "#", "@:", "a:\n\t\\"]
    for _ in range(150):
        junk = bytes(rng.randrange(256) for _ in range(rng.randrange(400)))
        inputs.append(junk.decode("latin-1"))
    inputs += [fixture[:cut] for cut in range(0, len(fixture), 7)]
    inputs += ["".join(rng.sample(fixture, len(fixture))) for _ in range(20)]
    inputs += ["[" * 5000, "{" * 5000, "a: " * 2000, "x:\n" * 5000, ("a: b\n\t" + "\\\n") * 2000]
    for text in inputs:
        try:
            result = parse(text)
        except TaskFileError:
            continue
        assert isinstance(result, list)
        assert all(isinstance(task, TaskDef) for task in result)


def test_makefile_automatic_target_echo_messages_and_section_banners():
    text = (
        "# ====== Testing ======\n# unit tests (hermetic)\nunit:\n\tgo test ./...\n\n"
        "bootstrap reset-db:\n\t./scripts/do.sh $@\n\n"
        'fetch-release-registry:\n\t@echo "--> Fetching release registry"\n\t@curl -o r.json $(URL)\n\n'
        "build:\n\t@echo building\n\tgo build\n"
    )
    assert [(t.name, t.description, t.command) for t in parse_makefile(text)] == [
        ("unit", "unit tests (hermetic)", "go test ./..."),
        ("bootstrap", "", "./scripts/do.sh bootstrap"),
        ("reset-db", "", "./scripts/do.sh reset-db"),
        (
            "fetch-release-registry",
            "Fetching release registry",
            'echo "--> Fetching release registry" && curl -o r.json $(URL)',
        ),
        ("build", "", "echo building && go build"),
    ]


def test_makefile_target_made_only_of_other_targets_says_which():
    text = "build: locale assets\nlocale:\n\tmake-po\napp: main.o\ncheck: lint\ncheck:\n\tpytest\n"
    assert [(t.name, t.description, t.command) for t in parse_makefile(text)] == [
        ("build", "Makes locale, assets.", None),
        ("locale", "", "make-po"),
        ("app", "", None),
        ("check", "", "pytest"),
    ]
