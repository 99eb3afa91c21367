"""The persistent index answers exactly like a full scan, and notices every change, deletion and rename."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from support import FIXTURES, PROJECT

import skilldex.scan.unit
from skilldex.index.location import db_path
from skilldex.index.refresh import catalogue, repo_index
from skilldex.scan import scan_repo

SOURCES = [FIXTURES / "allkinds", PROJECT / "examples" / "credentialmate", PROJECT / "examples" / "karematch"]

OLD_NS_PLUS = 1_600_000_123 * 10**9  # another old mtime (conftest ages files to 1_600_000_000 s)
SKILL = ".claude/skills/deploy/SKILL.md"
GUIDE = ".claude/skills/deploy/guide.md"
TOOL = "tools/backup.sh"
PLUGIN_JSON = "plugins/x/.claude-plugin/plugin.json"
PLUGIN_SKILL = "plugins/x/skills/s/SKILL.md"


def skill_md(description: str) -> str:
    return f"---\nname: deploy\ndescription: {description}\n---\nSee [the guide](guide.md) and `scripts/helper.sh`.\n"


BASE = {
    SKILL: skill_md("Deploy the app to staging."),
    GUIDE: "# Guide\nSteps.\n",
    "scripts/helper.sh": "#!/bin/sh\n# Print a greeting.\necho hi\n",
    TOOL: "#!/bin/sh\n# Back up the database.\necho backup\n",
    PLUGIN_JSON: '{"name": "old"}',
    PLUGIN_SKILL: "---\nname: s\ndescription: Plugin skill.\n---\nBody.\n",
}


@pytest.fixture
def base(project):
    """The BASE repo, indexed once, all files old enough to be trusted by fingerprint."""
    project.write(BASE)
    project.catalogue()
    assert project.rescanned() == 0
    return project


def refs(project, path: str = SKILL) -> list[tuple[str, str, bool]]:
    return [(r.target, r.path, r.exists) for r in project.item(path).references]


# 1. equivalence ------------------------------------------------------------------------------


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_cold_and_warm_catalogue_equal_a_full_scan(source: Path, tmp_path: Path, monkeypatch, repo_at):
    root = tmp_path / source.name
    shutil.copytree(source, root, symlinks=True)
    repo_at(root).age()
    expected = scan_repo(root)
    assert len(expected.items) >= 10 and {i.kind for i in expected.items} >= {"skill", "tool"}
    db = db_path(os.path.realpath(root))
    assert not os.path.exists(db)

    assert catalogue(root).model_dump() == expected.model_dump()  # cold: builds the index
    assert os.path.isfile(db)

    scanned: list[str] = []
    real_scan_unit = skilldex.scan.unit.scan_unit

    def counting(fs, file, modules=None):
        scanned.append(file.rel)
        return real_scan_unit(fs, file, modules)

    monkeypatch.setattr(skilldex.scan.unit, "scan_unit", counting)
    assert catalogue(root).model_dump() == expected.model_dump()  # warm: every item comes from the db
    assert scanned == []

    index = repo_index(root)
    try:
        assert index.rescanned == 0
        assert [(r.kind, r.name, r.path, r.description, r.run, r.capabilities) for r in index.rows] == [
            (i.kind, i.name, i.path, i.description, i.run, i.capabilities) for i in expected.items
        ]
        assert [index.data(r) for r in index.rows] == [i.model_dump(mode="json") for i in expected.items]
    finally:
        index.close()
    assert scanned == []

    first_skill = next(i.path for i in expected.items if i.kind == "skill")
    os.utime(root / first_skill, ns=(OLD_NS_PLUS, OLD_NS_PLUS))  # only this file looks changed
    assert catalogue(root).model_dump() == expected.model_dump()
    assert scanned == [first_skill]


# 2. change -----------------------------------------------------------------------------------


def test_same_size_edit_with_another_mtime_is_rescanned(base):
    new = skill_md("Deploy the app to QA-envs.")
    assert len(new) == len(BASE[SKILL])
    base.write({SKILL: new}, mtime_ns=base.OLD_NS + 7_000_000_000)
    assert base.rescanned() == 1
    assert base.item(SKILL).description == "Deploy the app to QA-envs."
    base.catalogue()
    assert base.rescanned() == 0


def test_other_size_edit_with_the_same_mtime_is_rescanned(base):
    base.write({SKILL: skill_md("Deploy the app to production, after the smoke tests.")}, mtime_ns=base.OLD_NS)
    assert os.stat(base.root / SKILL).st_mtime_ns == base.OLD_NS
    index = repo_index(base.root)
    try:
        assert index.rescanned == 1
        assert [r.description for r in index.rows if r.path == SKILL] == [
            "Deploy the app to production, after the smoke tests."
        ]
    finally:
        index.close()
    assert base.item(SKILL).description == "Deploy the app to production, after the smoke tests."
    base.catalogue()


def test_files_judged_by_their_path_alone_are_not_watched(project):
    """src/app/models.py can never be tooling whatever it holds: editing it leaves the fast path on."""
    project.write(
        {
            **BASE,
            "src/app/models.py": "class A: ...\n",
            "scripts/notes.txt": "helper notes\n",
            SKILL: skill_md("Deploy the app.").replace("`scripts/helper.sh`", "`scripts/notes.txt`"),
        }
    )
    for folder, _, _ in os.walk(project.root):  # old folders: the fast path trusts their mtimes
        os.utime(folder, ns=(project.OLD_NS, project.OLD_NS))
    project.catalogue()
    assert project.rescanned() == 0
    project.write({"src/app/models.py": "class A:\n    x = 1\n"}, mtime_ns=project.OLD_NS + 5_000_000_000)
    index = repo_index(project.root)  # edited in place: its folder did not change, and it is not even looked at
    try:
        assert (index.rescanned, index.db is not None) == (0, True)
    finally:
        index.close()
    project.catalogue()
    # a path-only file another file's scan consulted is watched: the skill is rescanned with it
    project.write({"scripts/notes.txt": "longer helper notes\n"}, mtime_ns=project.OLD_NS + 5_000_000_000)
    assert project.rescanned() == 2
    project.catalogue()
    # a tool's content counts: an edit is seen
    project.write(
        {TOOL: "#!/bin/sh\n# Back up the database to S3.\necho backup\n"}, mtime_ns=project.OLD_NS + 5_000_000_000
    )
    assert project.rescanned() == 1
    assert project.item(TOOL).description == "Back up the database to S3."


# 3. deletion ---------------------------------------------------------------------------------


def test_deleted_tool_disappears_without_rescanning_anything(base):
    assert TOOL in base.paths()
    (base.root / TOOL).unlink()
    assert base.rescanned() == 0
    assert TOOL not in base.paths()
    assert base.paths() == [SKILL, PLUGIN_SKILL, "scripts/helper.sh"]
    base.catalogue()


def test_deleted_reference_flips_exists_though_the_skill_did_not_change(base):
    assert refs(base) == [("guide.md", GUIDE, True), ("scripts/helper.sh", "scripts/helper.sh", True)]
    before = os.stat(base.root / SKILL)
    (base.root / GUIDE).unlink()
    assert base.rescanned() == 1  # the SKILL.md, for its dependency
    assert os.stat(base.root / SKILL).st_mtime_ns == before.st_mtime_ns
    assert refs(base) == [("guide.md", GUIDE, False), ("scripts/helper.sh", "scripts/helper.sh", True)]
    base.catalogue()

    base.write({GUIDE: "# Guide\nBack again.\n"})  # an added dependency: missing -> present
    assert base.rescanned() == 2  # guide.md itself and the SKILL.md
    assert refs(base) == [("guide.md", GUIDE, True), ("scripts/helper.sh", "scripts/helper.sh", True)]
    base.catalogue()


def test_a_new_file_that_shadows_a_reference_moves_it(base):
    local = ".claude/skills/deploy/scripts/helper.sh"
    base.write({local: "#!/bin/sh\necho local\n"})
    assert base.rescanned() == 2  # the new file and the SKILL.md whose reference now resolves beside it
    assert refs(base) == [("guide.md", GUIDE, True), ("scripts/helper.sh", local, True)]
    base.catalogue()


# 4. rename -----------------------------------------------------------------------------------


def test_renamed_skill_folder(base):
    os.rename(base.root / ".claude/skills/deploy", base.root / ".claude/skills/ship")  # keeps size and mtime
    assert base.rescanned() == 2  # SKILL.md and guide.md under their new paths
    cat = base.catalogue()
    assert [i.path for i in cat.items] == [".claude/skills/ship/SKILL.md", PLUGIN_SKILL, "scripts/helper.sh", TOOL]
    ship = base.item(".claude/skills/ship/SKILL.md")
    assert (ship.name, ship.run, ship.dir_name) == ("deploy", "/ship", "ship")
    assert refs(base, ".claude/skills/ship/SKILL.md")[0] == ("guide.md", ".claude/skills/ship/guide.md", True)


def test_renamed_tool_file(base):
    os.rename(base.root / TOOL, base.root / "tools/backup-db.sh")
    assert base.rescanned() == 1
    cat = base.catalogue()
    assert [i.path for i in cat.items] == [SKILL, PLUGIN_SKILL, "scripts/helper.sh", "tools/backup-db.sh"]
    assert [i.name for i in cat.items if i.kind == "tool"] == ["helper.sh", "backup-db.sh"]


def test_swapping_two_same_size_same_mtime_skills_by_rename(project):
    project.write(
        {
            ".claude/skills/a/SKILL.md": "---\nname: alpha\ndescription: First skill.\n---\n",
            ".claude/skills/b/SKILL.md": "---\nname: bravo\ndescription: Other skill.\n---\n",
        }
    )
    project.catalogue()
    skills = project.root / ".claude/skills"
    os.rename(skills / "a", skills / "tmp")
    os.rename(skills / "b", skills / "a")
    os.rename(skills / "tmp", skills / "b")
    assert [(i.path, i.name) for i in catalogue(project.root).items] == [
        (".claude/skills/a/SKILL.md", "bravo"),
        (".claude/skills/b/SKILL.md", "alpha"),
    ]


# 5. dependencies on a plugin manifest ----------------------------------------------------------


def test_plugin_rename_changes_the_skill_run_without_touching_the_skill(base):
    assert base.item(PLUGIN_SKILL).run == "/old:s"
    base.write({PLUGIN_JSON: '{"name": "new"}'}, mtime_ns=base.OLD_NS + 3_000_000_000)  # same size, other mtime
    assert base.rescanned() == 2  # plugin.json and the skill that read it
    assert base.item(PLUGIN_SKILL).run == "/new:s"
    base.catalogue()
    base.write({PLUGIN_JSON: '{"name": "ops-toolkit"}'})
    assert base.rescanned() == 2
    assert base.item(PLUGIN_SKILL).run == "/ops-toolkit:s"
    base.catalogue()


def test_plugin_manifest_removed_then_added_changes_scope(base):
    (base.root / PLUGIN_JSON).unlink()
    assert base.rescanned() == 1
    skill = base.item(PLUGIN_SKILL)
    assert (skill.scope, skill.run) == ("pack", "/s")
    base.catalogue()
    base.write({PLUGIN_JSON: "{}"})  # no name: the plugin folder's name
    assert base.rescanned() == 2
    skill = base.item(PLUGIN_SKILL)
    assert (skill.scope, skill.run) == ("plugin", "/x:s")
    base.catalogue()


def test_a_cobra_root_command_in_another_file_is_a_dependency_of_the_program(project):
    root_go = (
        'package app\n\nimport "github.com/spf13/cobra"\n\nvar rootCmd = &cobra.Command{Use: "ship", Short: "%s"}\n'
    )
    main = "cmd/ship/main.go"
    project.write(
        {
            "go.mod": "module example.com/ship\n",
            main: 'package main\n\nimport "example.com/ship/cmd/ship/app"\n\nfunc main() { app.Execute() }\n',
            "cmd/ship/app/root.go": root_go % "Ship the release",
        }
    )
    assert project.item(main).description == "Ship the release"
    project.catalogue()
    project.write({"cmd/ship/app/root.go": root_go % "Roll the fleet!!"}, mtime_ns=project.OLD_NS + 3_000_000_000)
    assert project.rescanned() == 2  # root.go itself and the main.go that read it
    assert project.item(main).description == "Roll the fleet!!"
    project.catalogue()


def test_the_xtask_source_is_a_dependency_of_the_cargo_alias(project):
    main = (
        'fn main() {\n    match env::args().nth(1).as_deref() {\n        Some("%s") => {}\n'
        '        _ => {}\n    }\n}\nconst HELP: &str = "\n  %s   %s\n";\n'
    )
    project.write(
        {
            ".cargo/config.toml": '[alias]\nxtask = "run --package xtask --"\n',
            "xtask/src/main.rs": main % ("dist", "dist", "Build the release archives"),
        }
    )
    assert [(i.name, i.description) for i in project.catalogue().items] == [
        ("xtask", "Runs: cargo run --package xtask --"),
        ("xtask dist", "Build the release archives"),
    ]
    project.write(
        {"xtask/src/main.rs": main % ("docgen", "docgen", "Generate the docs")}, mtime_ns=project.OLD_NS + 3_000_000_000
    )
    assert project.rescanned() == 2  # main.rs itself and the .cargo/config.toml that read it
    assert [(i.name, i.description) for i in project.catalogue().items] == [
        ("xtask", "Runs: cargo run --package xtask --"),
        ("xtask docgen", "Generate the docs"),
    ]


# 6. findings ---------------------------------------------------------------------------------


def test_findings_survive_the_cache_and_go_when_fixed(project):
    broken = ".claude/skills/broken/SKILL.md"
    project.write({**BASE, broken: "---\nname: [\n---\nBody\n"})
    (project.root / "scripts/gone.sh").symlink_to("missing-target.sh")  # a walk finding, not a unit's
    cold = project.catalogue()
    assert [(f.code, f.path, f.line) for f in cold.findings] == [
        ("SKD012", broken, 3),
        ("SKD006", "scripts/gone.sh", None),
    ]
    assert project.rescanned() == 0
    warm = project.catalogue()
    assert warm.findings == cold.findings

    project.write({TOOL: "#!/bin/sh\n# Back up everything.\necho backup\n"})  # another unit is rescanned
    assert project.rescanned() == 1
    assert project.catalogue().findings == cold.findings

    (project.root / "scripts/gone.sh").unlink()
    project.write({broken: "---\nname: broken\ndescription: Fixed.\n---\nBody\n"})
    assert project.rescanned() == 1
    fixed = project.catalogue()
    assert fixed.findings == []
    assert project.item(broken).description == "Fixed."


def test_fast_path_sees_a_dependency_outside_the_walk_appear(project):
    project.write({SKILL: "---\nname: deploy\ndescription: D.\n---\nUse [the templates](templates/).\n"})
    project.catalogue()
    (project.root / ".claude/skills/deploy/templates").mkdir()
    index = repo_index(project.root)
    try:
        assert [ref["exists"] for ref in index.data(index.rows[0])["references"]] == [True]
    finally:
        index.close()
