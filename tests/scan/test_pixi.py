"""pixi.toml tasks: exact tasks from a real-looking manifest, TOML 1.1 beside them, and a bad task table."""

from __future__ import annotations

import pytest

from skilldex.scan import scan_repo
from skilldex.scan.tasks.base import TaskDef
from skilldex.scan.tasks.parsing import TaskFileError
from skilldex.scan.tasks.pixi import parse_pixi_toml

MANIFEST = """\
[workspace]
name = "cells"
channels = ["conda-forge"]
platforms = ["linux-64", "osx-arm64"]

[tasks]
configure = { cmd = ["cmake", "-G", "Ninja", "-S", ".", "-B", ".build"] }
build = { cmd = "ninja -C .build", depends-on = ["configure"], description = "Build the C++ core" }
"start" = "python -m cells.app"
style = ["fmt", "lint"]
ci = { depends-on = [{ task = "build" }, "test"] }

[tasks.docs]
cmd = "mkdocs serve"
description = "Preview the documentation"

[dependencies]
python = "3.12.*"

[feature.test.tasks]
test = "pytest -q tests"
build = "never listed: the workspace's build comes first"

[feature.lint.tasks]
fmt = "ruff format ."
lint = { cmd = "ruff check .", description = "Lint the code" }
"""


def test_workspace_then_feature_tasks_with_commands_descriptions_and_lines():
    assert parse_pixi_toml(MANIFEST) == [
        TaskDef("configure", "", 7, "cmake -G Ninja -S . -B .build"),
        TaskDef("build", "Build the C++ core", 8, "ninja -C .build"),
        TaskDef("start", "", 9, "python -m cells.app"),
        TaskDef("style", "", 10, "pixi run fmt && pixi run lint"),
        TaskDef("ci", "", 11, "pixi run build && pixi run test"),
        TaskDef("docs", "Preview the documentation", 13, "mkdocs serve"),
        TaskDef("test", "", 21, "pytest -q tests"),
        TaskDef("fmt", "", 25, "ruff format ."),
        TaskDef("lint", "Lint the code", 26, "ruff check ."),
    ]


def test_tasks_are_read_beside_toml_1_1_that_the_toml_1_0_reader_refuses():
    # pixi reads TOML 1.1: a multi-line inline table in [package] (4DNucleome/PartSeg's pixi.toml has one)
    text = '[package]\nbuild = {\n  backend.name = "pixi-build-python",\n}\n\n[feature.test.tasks]\ntest = "pytest"\n'
    assert parse_pixi_toml(text) == [TaskDef("test", "", 7, "pytest")]


def test_a_broken_task_table_is_an_error():
    with pytest.raises(TaskFileError, match="invalid TOML in pixi.toml's task tables"):
        parse_pixi_toml('[tasks]\ntest = "pytest\n')


def test_scanned_tasks_run_with_pixi_from_their_folder_and_a_bad_file_is_a_finding(repo):
    root = repo({"sim/pixi.toml": MANIFEST, "bad/pixi.toml": "[tasks]\nx = \n"})
    catalogue = scan_repo(root)
    tasks = {i.name: i for i in catalogue.items if i.kind == "task"}
    assert (tasks["build"].runner, tasks["build"].run, tasks["build"].path) == (
        "pixi",
        "cd sim && pixi run build",
        "sim/pixi.toml",
    )
    assert tasks["test"].description == "Runs: pytest -q tests"
    assert [(f.code, f.path) for f in catalogue.findings] == [("SKD031", "bad/pixi.toml")]
