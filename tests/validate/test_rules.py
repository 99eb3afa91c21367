"""Every validate rule against a file that triggers it (code, line, message) and one that does not."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import write_tree

from skilldex.validate.run import validate_paths

GOOD = "---\nname: deploy\ndescription: Deploys the API. Use when shipping a release.\n---\n# Deploy\n"


def skill(frontmatter: str, body: str = "# Body\n") -> str:
    return f"---\n{frontmatter.strip()}\n---\n{body}"


def run(tmp_path: Path, files: dict, profile: str = "claude-code", target: str = ".", **kwargs):
    root = write_tree(tmp_path / "repo", {".git/HEAD": "ref: refs/heads/main\n", **files})
    return validate_paths([str(root / target)], profile=profile, cwd=str(root), **kwargs)


def codes(report) -> set[str]:
    return {f.code for f in report.findings}


def one(report, code: str):
    found = [f for f in report.findings if f.code == code]
    assert len(found) == 1, (code, report.findings)
    return found[0]


S = ".claude/skills/deploy/SKILL.md"

# (code, profile, files, line, column, words the message must contain)
TRIGGERS = [
    ("SKD010", "agentskills", {S: "# Deploy\nNo frontmatter.\n"}, 1, 1, ["no YAML frontmatter", "# Deploy"]),
    ("SKD011", "claude-code", {S: "---\nname: deploy\n"}, 1, None, ["never closed"]),
    (
        "SKD012",
        "claude-code",
        {S: skill("name: deploy\ndescription: Use when: prod is down")},
        3,
        None,
        ["invalid YAML"],
    ),
    ("SKD013", "claude-code", {S: "---\n- deploy\n---\n"}, 2, None, ["list", "not a mapping"]),
    ("SKD014", "agentskills", {S: "\ufeff" + GOOD}, 1, 1, ["byte-order mark"]),
    (
        "SKD015",
        "agentskills",
        {S: skill("name: deploy\ndescription: a\ndescription: b")},
        4,
        1,
        ["'description' is repeated", "first on line 3"],
    ),
    ("SKD016", "claude-code", {S: "  \n"}, 1, 1, ["empty"]),
    ("SKD020", "claude-code", {".claude/skills/deploy/skill.md": GOOD}, 1, 1, ["'skill.md'", "exactly SKILL.md"]),
    ("SKD021", "claude-code", {".claude/skills/ops/deploy/SKILL.md": GOOD}, 1, 1, ["2 levels below"]),
    ("SKD022", "claude-code", {S: skill("name: deploy")}, 2, 1, ["no 'description'"]),
    (
        "SKD040",
        "claude-upload",
        {S: skill("name: deploy\ndescription: Deploys", "Use ghp_" + "a1B2" * 9 + "\n")},
        5,
        None,
        ["likely GitHub token", "value not shown"],
    ),
    ("SKD201", "agentskills", {S: skill("description: Deploys")}, 1, 1, ["no 'name'"]),
    ("SKD202", "agentskills", {S: skill("name:\ndescription: Deploys")}, 2, None, ["non-empty string"]),
    (
        "SKD203",
        "agentskills",
        {f".claude/skills/{'a' * 65}/SKILL.md": skill(f"name: {'a' * 65}\ndescription: d")},
        2,
        7,
        ["65 characters", "limit 64"],
    ),
    (
        "SKD204",
        "agentskills",
        {".claude/skills/Deploy/SKILL.md": skill("name: Deploy\ndescription: d")},
        2,
        7,
        ["'Deploy'", "lowercase"],
    ),
    (
        "SKD205",
        "agentskills",
        {".claude/skills/deploy-/SKILL.md": skill("name: deploy-\ndescription: d")},
        2,
        7,
        ["'deploy-'", "hyphen"],
    ),
    (
        "SKD206",
        "agentskills",
        {".claude/skills/a--b/SKILL.md": skill("name: a--b\ndescription: d")},
        2,
        7,
        ["'a--b'", "'--'"],
    ),
    (
        "SKD207",
        "agentskills",
        {".claude/skills/a_b/SKILL.md": skill("name: a_b\ndescription: d")},
        2,
        7,
        ["'a_b'", "'_'"],
    ),
    (
        "SKD208",
        "agentskills",
        {S: skill("name: deploy-api\ndescription: d")},
        2,
        7,
        ["'deploy-api'", "folder 'deploy'"],
    ),
    ("SKD209", "agentskills", {S: skill("name: deploy")}, 1, 1, ["no 'description'"]),
    ("SKD210", "agentskills", {S: skill("name: deploy\ndescription: '   '")}, 3, 14, ["non-empty string"]),
    (
        "SKD211",
        "agentskills",
        {S: skill(f"name: deploy\ndescription: {'x' * 1025}")},
        3,
        14,
        ["1,025 characters", "limit 1,024"],
    ),
    (
        "SKD212",
        "agentskills",
        {S: skill("name: deploy\ndescription: d\ncompatibility:\n  - git")},
        5,
        3,
        ["must be a string"],
    ),
    (
        "SKD213",
        "agentskills",
        {S: skill(f"name: deploy\ndescription: d\ncompatibility: {'y' * 501}")},
        4,
        16,
        ["501 characters"],
    ),
    ("SKD214", "agentskills", {S: skill("name: deploy\ndescription: d\nversion: 1.0")}, 4, 1, ["'version'"]),
    (
        "SKD215",
        "agentskills",
        {".claude/skills/déployer/SKILL.md": skill("name: déployer\ndescription: d")},
        2,
        7,
        ["'déployer'", "outside a-z"],
    ),
    (
        "SKD216",
        "agentskills",
        {S: skill("name: deploy\ndescription: d\nmetadata:\n  tags: [a, b]")},
        5,
        3,
        ["'tags'", "not text"],
    ),
    (
        "SKD217",
        "agentskills",
        {S: skill("name: deploy\ndescription: d\nallowed-tools: [Read, Grep]")},
        4,
        16,
        ["sequence written inline"],
    ),
    (
        "SKD301",
        "claude-code",
        {S: skill(f"name: deploy\ndescription: {'d' * 1000}\nwhen_to_use: {'w' * 600}")},
        3,
        14,
        ["1,600 characters", "1,536"],
    ),
    (
        "SKD302",
        "claude-code",
        {S: skill("name: deploy\ndescription: d\nuser-invocable: false\ndisable-model-invocation: true")},
        5,
        1,
        ["nothing can run"],
    ),
    (
        "SKD303",
        "claude-code",
        {S: skill("name: deploy\ndescription: d\nuser-invokable: false")},
        4,
        1,
        ["'user-invokable'", "did you mean 'user-invocable'"],
    ),
    ("SKD304", "claude-code", {S: skill("name: deploy\ndescription: d\nauthor: me")}, 4, 1, ["'author'", "ignored"]),
    ("SKD305", "claude-code", {S: skill("name: deploy\ndescription: d\ncontext: forked")}, 4, 10, ["'forked'", "fork"]),
    (
        "SKD306",
        "claude-code",
        {S: skill("name: deploy\ndescription: d\nargument-hint: [file]")},
        4,
        16,
        ["list", "quote the value"],
    ),
    (
        "SKD307",
        "claude-code",
        {".claude/skills/synced/SKILL.md": skill("name: synced\ndescription: d")},
        1,
        1,
        ["reserved"],
    ),
    ("SKD310", "claude-code", {".claude/agents/reviewer.md": skill("name: reviewer")}, 1, 1, ["'description'"]),
    (
        "SKD401",
        "claude-upload",
        {".claude/skills/claude-helper/SKILL.md": skill("name: claude-helper\ndescription: d")},
        2,
        7,
        ["reserved word 'claude'"],
    ),
    (
        "SKD402",
        "claude-upload",
        {S: skill("name: deploy\ndescription: Returns a <report> element")},
        3,
        14,
        ["'<report>'"],
    ),
    ("SKD403", "claude-upload", {S: skill("name: deploy\ndescription: For files > 10 MB")}, 3, 14, ["'<' or '>'"]),
    (
        "SKD501",
        "claude-code",
        {S: GOOD + "\nRead [the runbook](references/runbook.md) first.\n"},
        7,
        20,
        ["'references/runbook.md'", "does not exist"],
    ),
    ("SKD502", "claude-code", {S: GOOD + "line\n" * 501}, 5, 1, ["502 lines"]),
    (
        "SKD503",
        "claude-code",
        {S: GOOD, ".claude/commands/deploy.md": "Deploy it.\n"},
        1,
        1,
        ["'/deploy'", "the skill wins"],
    ),
]


@pytest.mark.parametrize("code, profile, files, line, column, words", TRIGGERS, ids=[t[0] for t in TRIGGERS])
def test_rule_triggers_with_code_line_and_message(tmp_path, code, profile, files, line, column, words):
    finding = one(run(tmp_path, files, profile), code)
    assert finding.line == line
    if column is not None:
        assert finding.column == column
    for word in words:
        assert word in finding.message
    assert finding.fix


# Files close to each trigger that must NOT raise it.
CLEAN = [
    ("SKD010", "agentskills", {S: GOOD}),
    ("SKD012", "claude-code", {S: skill("name: deploy\ndescription: 'Use when: prod is down'")}),
    ("SKD014", "agentskills", {S: GOOD}),
    ("SKD015", "agentskills", {S: skill("name: deploy\ndescription: a\nmetadata:\n  description: b")}),
    ("SKD020", "claude-code", {S: GOOD}),
    ("SKD021", "claude-code", {S: GOOD}),
    ("SKD022", "claude-code", {S: GOOD}),
    ("SKD201", "agentskills", {S: GOOD}),
    ("SKD203", "agentskills", {f".claude/skills/{'a' * 64}/SKILL.md": skill(f"name: {'a' * 64}\ndescription: d")}),
    ("SKD204", "agentskills", {".claude/skills/deploy-2/SKILL.md": skill("name: deploy-2\ndescription: d")}),
    ("SKD207", "agentskills", {".claude/skills/技能/SKILL.md": skill("name: 技能\ndescription: d")}),
    ("SKD208", "agentskills", {".claude/skills/123/SKILL.md": skill("name: 123\ndescription: d")}),
    ("SKD211", "agentskills", {S: skill(f"name: deploy\ndescription: {'x' * 1024}")}),
    ("SKD213", "agentskills", {S: skill(f"name: deploy\ndescription: d\ncompatibility: {'y' * 500}")}),
    ("SKD214", "agentskills", {S: skill("name: deploy\ndescription: d\nlicense: MIT\nmetadata:\n  version: '1'")}),
    ("SKD216", "agentskills", {S: skill("name: deploy\ndescription: d\nmetadata:\n  version: 1.0")}),
    ("SKD217", "agentskills", {S: skill("name: deploy\ndescription: d\nallowed-tools: Bash(git:*) Read")}),
    ("SKD301", "claude-code", {S: skill(f"name: deploy\ndescription: {'d' * 1000}\nwhen_to_use: {'w' * 536}")}),
    ("SKD302", "claude-code", {S: skill("name: deploy\ndescription: d\nuser-invocable: false")}),
    ("SKD303", "claude-code", {S: skill("name: deploy\ndescription: d\nuser-invocable: no\nwhen_to_use: x")}),
    ("SKD305", "claude-code", {S: skill("name: deploy\ndescription: d\ncontext: fork\nagent: Explore\neffort: high")}),
    ("SKD306", "claude-code", {S: skill("name: deploy\ndescription: d\nargument-hint: '[file]'\npaths: [src/**]")}),
    ("SKD310", "claude-code", {".claude/agents/reviewer.md": skill("name: reviewer\ndescription: Reviews diffs")}),
    ("SKD401", "claude-upload", {S: GOOD}),
    ("SKD402", "claude-upload", {S: skill("name: deploy\ndescription: Returns an HTML report")}),
    (
        "SKD501",
        "claude-code",
        {
            S: GOOD + "See [runbook](references/runbook.md), `scripts/go.sh` and "
            "[site](https://example.com).\n```\n[x](missing.md)\n```\n",
            ".claude/skills/deploy/references/runbook.md": "# Runbook\n",
            ".claude/skills/deploy/scripts/go.sh": "#!/bin/sh\n",
        },
    ),
    ("SKD502", "claude-code", {S: GOOD + "line\n" * 490}),
    ("SKD503", "claude-code", {S: GOOD, ".claude/commands/release.md": "Release it.\n"}),
    (
        "SKD040",
        "claude-upload",
        {
            S: skill(
                "name: deploy\ndescription: Reads the token from DB_PASSWORD",
                "Secret: credmate/prod/db-credentials\npassword: ${DB_PASSWORD}\n"
                "```\nsigning.password=\nsigning.secretKeyRingFile=/Users/jb/.gnupg/"
                "secring.gpg\n```\n",
            )
        },
    ),
]


@pytest.mark.parametrize("code, profile, files", CLEAN, ids=[c[0] for c in CLEAN])
def test_rule_stays_quiet_on_a_close_clean_file(tmp_path, code, profile, files):
    report = run(tmp_path, files, profile)
    assert code not in codes(report), report.findings


def test_every_validate_rule_has_a_trigger_test():
    from skilldex.rules.catalogue import all_rules

    tested = {t[0] for t in TRIGGERS}
    untestable_here = {
        "SKD001",
        "SKD002",
        "SKD003",
        "SKD004",
        "SKD005",
        "SKD006",
        "SKD007",
        "SKD008",
        "SKD009",
        "SKD030",
        "SKD031",
        "SKD032",
        "SKD033",
        "SKD404",
    }  # scan rules and the 30 MB upload cap
    # Families checked by other commands, each with its own trigger table and completeness test:
    # SKD6 doctor (tests/doctor/test_checks.py), SKD7 knowledge objects (tests/knowledge/test_rules.py).
    elsewhere = ("SKD6", "SKD7")
    missing = {r.code for r in all_rules() if not r.code.startswith(elsewhere)} - tested - untestable_here
    assert not missing, f"rules without a trigger test: {sorted(missing)}"


def test_upload_size_cap(tmp_path):
    root = write_tree(tmp_path / "repo", {".git/HEAD": "x\n", S: GOOD})
    with open(root / ".claude/skills/deploy/data.bin", "wb") as handle:
        handle.truncate(31 * 1024 * 1024)  # sparse: no disk cost
    report = validate_paths([str(root)], profile="claude-upload", cwd=str(root))
    assert "30 MB" in one(report, "SKD404").message


def test_crlf_line_ends_keep_line_numbers(tmp_path):
    text = "---\r\nname: deploy\r\ndescription: d\r\nversion: 2\r\n---\r\nbody\r\n"
    finding = one(run(tmp_path, {S: text}, "agentskills"), "SKD214")
    assert (finding.line, finding.column) == (4, 1)


def test_yaml_alias_bomb_is_a_finding_not_a_hang(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcdefg", "bcdefgh", strict=True)
    )
    report = run(tmp_path, {S: f"---\nname: deploy\n{bomb}---\n"})
    assert "SKD012" in codes(report)


def test_non_string_values_are_findings(tmp_path):
    report = run(tmp_path, {S: skill("name: [deploy]\ndescription: {a: b}")}, "agentskills")
    assert {"SKD202", "SKD210"} <= codes(report)


def test_invalid_utf8_is_an_error(tmp_path):
    report = run(tmp_path, {S: GOOD.encode() + b"\xff\xfe caf\xe9\n"}, "agentskills")
    assert one(report, "SKD002").severity.value == "error"
    assert not report.files[0].valid


def test_profiles_differ_on_claude_code_fields(tmp_path):
    files = {S: skill("name: deploy\ndescription: d\nargument-hint: '<env>'\nuser-invocable: true")}
    assert not run(tmp_path / "a", files, "claude-code").has_errors
    assert run(tmp_path / "b", files, "agentskills").has_errors
    upload = run(tmp_path / "c", files, "claude-upload")
    assert "SKD214" in codes(upload) and upload.has_errors


def test_select_and_ignore_take_codes_and_prefixes(tmp_path):
    files = {".claude/skills/Deploy_x/SKILL.md": skill("name: Deploy_x\ndescription: d\nversion: 1")}
    everything = codes(run(tmp_path / "a", files, "agentskills"))
    assert {"SKD204", "SKD207", "SKD214"} <= everything
    assert codes(run(tmp_path / "b", files, "agentskills", select=["SKD204,SKD214"])) == {"SKD204", "SKD214"}
    assert "SKD204" not in codes(run(tmp_path / "c", files, "agentskills", ignore=["SKD20"]))
    # --select can reach a rule the profile leaves out, at its default severity
    upload_only = run(
        tmp_path / "d", {S: skill("name: deploy\ndescription: a <b> c")}, "claude-code", select=["SKD402"]
    )
    assert codes(upload_only) == {"SKD402"}


@pytest.mark.parametrize("option", ["select", "ignore"])
def test_unknown_codes_are_usage_errors(tmp_path, option):
    from skilldex.errors import UsageError

    with pytest.raises(UsageError, match="SKD999"):
        run(tmp_path, {S: GOOD}, **{option: ["SKD999"]})


def test_explicit_file_skill_folder_and_repo_agree(tmp_path):
    files = {S: skill("name: deploy\ndescription: d\nuser-invokable: true")}
    by_repo = run(tmp_path, files)
    root = tmp_path / "repo"
    by_folder = validate_paths([str(root / ".claude/skills/deploy")], cwd=str(root))
    by_file = validate_paths([str(root / S)], cwd=str(root))
    assert (
        [f.model_dump() for f in by_repo.findings]
        == [f.model_dump() for f in by_folder.findings]
        == [f.model_dump() for f in by_file.findings]
    )
    assert by_file.findings[0].path == S


def test_skill_outside_any_repo_uses_its_folder_name(tmp_path):
    folder = write_tree(tmp_path / "loose" / "deploy", {"SKILL.md": GOOD})
    report = validate_paths([str(folder)], profile="agentskills", cwd=str(tmp_path))
    assert report.files[0].valid and report.files[0].path == "loose/deploy/SKILL.md"


def test_missing_path_is_a_usage_error(tmp_path):
    from skilldex.errors import UsageError

    with pytest.raises(UsageError, match="no such file"):
        validate_paths([str(tmp_path / "nope")])


def test_a_single_file_still_collides_with_the_rest_of_its_repo(tmp_path):
    root = write_tree(
        tmp_path / "repo",
        {
            ".git/HEAD": "x\n",
            S: GOOD,
            ".claude/commands/deploy.md": "Deploy.\n",
            ".claude/skills/other/SKILL.md": GOOD.replace("deploy", "other"),
        },
    )
    report = validate_paths([str(root / ".claude/commands/deploy.md")], cwd=str(root))
    assert one(report, "SKD503").path == ".claude/commands/deploy.md"
    assert [f.path for f in report.files] == [".claude/commands/deploy.md"]  # the skill is context, not checked
