"""Every SKD7xx rule against an object that triggers it (code, line, column, message), and a close one that does not."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support import write_tree

from skilldex.knowledge.check import check_paths
from skilldex.rules.catalogue import all_rules
from skilldex.workspace import load_workspace

TODAY = datetime.date(2026, 11, 27)
GOOD = """---
title: Releasing the API
tags: [deploy, production]
applies-when:
  - ship a release to production
updated: 2026-02-02
---
# Releasing the API

## When you need to
Ship a release of the API to production.

## Do
- Run `scripts/deploy.sh` from the repo root.

## Don't
- Don't push images from a laptop: CI signs them and the cluster refuses unsigned ones.
"""
HEAD = GOOD.split("---\n")[1]
BODY = GOOD.split("---\n", 2)[2]
K = "knowledge/release.md"


def obj(head: str = HEAD, body: str = BODY) -> str:
    return f"---\n{head}---\n{body}"


def check(root: Path, paths: list[str] | None = None, workspace=None):
    return check_paths([str(root / p) for p in paths or ["."]], workspace, today=TODAY, cwd=str(root))


def one(report, code: str, path: str | None = None):
    found = [f for f in report.findings if f.code == code and path in (None, f.path)]
    assert len(found) == 1, (code, report.findings)
    return found[0]


OTHER_DO = obj(
    "title: Hotfix\ntags: [deploy]\napplies-when: [ship a hotfix]\nupdated: 2026-03-01\n",
    BODY.replace("Run `scripts/deploy.sh` from the repo root.", "Build locally, then `scripts/push.sh`.").replace(
        "Don't push images from a laptop", "Don't run `scripts/deploy.sh` for a hotfix"
    ),
)

# (code, files, path of the finding, line, column, words the message must contain)
TRIGGERS = [
    (
        "SKD701",
        {K: obj(HEAD.replace("applies-when:\n  - ship a release to production\n", ""))},
        K,
        1,
        None,
        ["'applies-when' is missing"],
    ),
    ("SKD702", {K: obj(HEAD + "review_by: 2027-01-01\n")}, K, 7, 1, ["'review_by'", "did you mean 'review-by'"]),
    (
        "SKD703",
        {K: obj(HEAD.replace("tags: [deploy, production]", "tags: deploy, production"))},
        K,
        3,
        7,
        ["'tags' is a string", "`tags: [deploy, production]`"],
    ),
    (
        "SKD704",
        {K: obj(HEAD.replace("updated: 2026-02-02", "updated: 2026-02-30"))},
        K,
        6,
        10,
        ["'updated' is '2026-02-30'", "not a calendar date"],
    ),
    (
        "SKD705",
        {K: obj(HEAD.replace("tags: [deploy, production]", "tags:\n  - deploy\n  - {prod: true}"))},
        K,
        5,
        5,
        ["'tags' entry 2 is a mapping"],
    ),
    ("SKD706", {K: obj(body=BODY.split("## Don't")[0])}, K, 8, None, ["no 'Don't' section", "Do (line 13)"]),
    ("SKD707", {K: obj(HEAD.replace("updated: 2026-02-02\n", ""))}, K, 1, None, ["no 'updated' date"]),
    ("SKD708", {K: obj(HEAD.replace("[deploy, production]", "[deploy, shipping]"))}, K, 3, 16, ["tag 'shipping'"]),
    (
        "SKD709",
        {K: GOOD, "knowledge/tags.yaml": "tags: rds lambda\n"},
        "knowledge/tags.yaml",
        1,
        None,
        ["expected `tags:`"],
    ),
    (
        "SKD710",
        {K: obj(HEAD + "tools: [scripts/deploy.sh, scripts/gone.sh]\n")},
        K,
        7,
        28,
        ["'tools' names 'scripts/gone.sh'"],
    ),
    ("SKD712", {K: obj(HEAD + "review-by: 2026-11-01\n")}, K, 7, None, ["due for review on 2026-11-01", "26 days"]),
    ("SKD713", {K: obj(HEAD + "expires: 2026-01-08\n")}, K, 7, None, ["expired on 2026-01-08"]),
    (
        "SKD714",
        {K: GOOD, "knowledge/hotfix.md": OTHER_DO},
        "knowledge/hotfix.md",
        16,
        None,
        ["Don't names 'scripts/deploy.sh'", "knowledge/release.md:14 says do"],
    ),
    (
        "SKD715",
        {K: obj(body=BODY.replace("- Run `scripts/deploy.sh` from the repo root.", "- TODO: what worked"))},
        K,
        14,
        None,
        ["'Do' still says: TODO: what worked"],
    ),
]


@pytest.mark.parametrize("code, files, path, line, column, words", TRIGGERS, ids=[t[0] for t in TRIGGERS])
def test_rule_triggers_with_code_line_and_message(make_repo, code, files, path, line, column, words):
    finding = one(check(make_repo(files)), code, path)
    assert finding.line == line
    if column is not None:
        assert finding.column == column
    for word in words:
        assert word in finding.message, finding.message
    assert finding.fix


def test_unknown_repo_needs_a_workspace(make_repo, tmp_path):
    root = make_repo({K: obj(HEAD + "repos: [repo, billing]\n")})
    assert "SKD711" not in {f.code for f in check(root).findings}  # without a workspace nothing is known
    ws = load_workspace(write_tree(tmp_path, {"skilldex.yaml": "repos: {repo: repo, bill: repo}\n"}) / "skilldex.yaml")
    finding = one(check(root, workspace=ws), "SKD711")
    assert (finding.line, finding.column) == (7, 15)
    assert "'billing' is not a workspace repo; did you mean 'bill'?" in finding.message


def test_contradiction_is_reported_on_both_objects(make_repo):
    report = check(make_repo({K: GOOD, "knowledge/hotfix.md": OTHER_DO}))
    found = sorted((f.path, f.line) for f in report.findings if f.code == "SKD714")
    assert found == [("knowledge/hotfix.md", 16), ("knowledge/release.md", 14)]
    mine = next(f for f in report.findings if f.path == K)
    assert (
        "Do names 'scripts/deploy.sh', but knowledge/hotfix.md:16 says don't: Run `scripts/deploy.sh` for a "
        "hotfix" in mine.message
    )


# Objects close to each trigger that must NOT raise it.
CLEAN = [
    ("SKD701", {K: GOOD}),
    ("SKD702", {K: obj(HEAD + "review-by: 2027-01-01\nexpires: 2027-06-01\nsupersedes: [old]\ndescription: d\n")}),
    ("SKD703", {K: obj(HEAD.replace("tags: [deploy, production]", "tags:\n  - deploy\n  - production"))}),
    ("SKD704", {K: obj(HEAD.replace("updated: 2026-02-02", "updated: 2024-02-29"))}),
    (
        "SKD706",
        {
            K: obj(
                body="**When you need to**: ship it.\n\n**DON'T**:\n- ❌ push from a laptop\n\n"
                "**DO**:\n✅ Use `scripts/deploy.sh`\n"
            )
        },
    ),
    (
        "SKD708",
        {
            K: obj(HEAD.replace("[deploy, production]", "[repo, rds, process]")),
            "knowledge/tags.yaml": "tags:\n  rds: Amazon RDS\n",
        },
    ),
    ("SKD709", {K: GOOD, "knowledge/tags.yaml": "tags: [rds, lambda]\n"}),
    (
        "SKD710",
        {
            K: obj(
                HEAD + "tools: [scripts/deploy.sh, deploy.sh]\ndocs: [scripts]\n",
                BODY + "\nSecrets live in `credmate/prod/db-credentials`; see `knowledge/release.md`.\n",
            )
        },
    ),
    ("SKD712", {K: obj(HEAD + "review-by: 2026-11-27\n")}),
    ("SKD713", {K: obj(HEAD + "expires: 2026-11-28\n")}),
    (
        "SKD714",
        {
            K: GOOD,
            "knowledge/hotfix.md": OTHER_DO.replace(
                "updated: 2026-03-01\n", "updated: 2026-03-01\nsupersedes: [release]\n"
            ),
        },
    ),
    ("SKD715", {K: GOOD}),
]


@pytest.mark.parametrize("code, files", CLEAN, ids=[c[0] for c in CLEAN])
def test_rule_stays_quiet_on_a_close_clean_object(make_repo, code, files):
    report = check(make_repo(files))
    assert code not in {f.code for f in report.findings}, report.findings


def test_every_knowledge_rule_has_a_trigger_test():
    tested = {t[0] for t in TRIGGERS} | {"SKD711"}  # SKD711: test_unknown_repo_needs_a_workspace
    family = {r.code for r in all_rules() if r.code.startswith("SKD7")}
    assert family and family <= tested, sorted(family - tested)


def test_rules_have_docs_with_the_three_headings():
    for rule in (r for r in all_rules() if r.code.startswith("SKD7")):
        assert rule.name.startswith("knowledge-") and len(rule.name) <= 30, rule.name
        for heading in ("## What it does", "## Why is this bad?", "## Example"):
            assert heading in rule.doc, (rule.code, heading)
