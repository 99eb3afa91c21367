"""Git-based checks on histories built with real git and fixed dates; and every way git can be unavailable."""

from __future__ import annotations

import time

import pytest
from support import write_tree

from skilldex import gitsafe
from skilldex.doctor import git as doctor_git

DOC = "# Ops\n\nRun `scripts/old-sync.sh`, then `tools/old-name.sh`.\n\nThe app lives in `backend/app.py`.\n"
START = {
    "docs/ops.md": DOC,
    "scripts/old-sync.sh": "#!/bin/sh\n# Sync.\n",
    "tools/old-name.sh": "#!/bin/sh\n# Tool.\n",
    "backend/app.py": "x = 1\n",
}


def codes(report) -> list[tuple[str, str, int | None]]:
    return [(f.code, f.path, f.line) for f in report.findings]


def test_deleted_and_renamed_after_the_doc(history, doctor):
    root, shas = history(
        [
            ("2024-01-01", START),
            ("2024-06-01", {"scripts/old-sync.sh": None}, [("tools/old-name.sh", "tools/new-name.sh")]),
        ]
    )
    report = doctor(root)
    assert codes(report) == [("SKD609", "docs/ops.md", 3), ("SKD609", "docs/ops.md", 3)]
    deleted, renamed = report.findings
    assert deleted.message == (
        f"mentions 'scripts/old-sync.sh', deleted in {shas[1][:8]} on 2024-06-01, "
        "after this doc last changed (2024-01-01)"
    )
    sha = shas[1][:8]
    assert deleted.fix == f"Update the doc: remove or replace the mention (what replaced it: `git show --stat {sha}`)."
    assert renamed.message == (
        f"mentions 'tools/old-name.sh', renamed to 'tools/new-name.sh' in {shas[1][:8]} on "
        "2024-06-01, after this doc last changed (2024-01-01)"
    )
    assert renamed.fix == f"Update the doc: replace 'tools/old-name.sh' with 'tools/new-name.sh' (renamed in {sha})."
    assert report.has_errors


def test_deleted_before_the_doc_changed_is_a_plain_dangling_reference(history, doctor):
    root, shas = history(
        [
            ("2024-01-01", START),
            ("2024-02-01", {"scripts/old-sync.sh": None}),
            ("2024-03-01", {"docs/ops.md": DOC + "\nUpdated.\n"}),
        ]
    )
    [finding] = [f for f in doctor(root).findings if f.path == "docs/ops.md"]
    assert finding.code == "SKD602"
    assert finding.message == (
        f"runs 'scripts/old-sync.sh', which is not in the repo; deleted in {shas[1][:8]} on 2024-02-01, before this doc"
    )


def test_deleted_folder_and_since_window(history, doctor):
    doc = "# Ops\n\nEverything is in `legacy/api/`.\n"
    root, shas = history(
        [
            ("2020-01-01", {"docs/ops.md": doc, "legacy/api/main.py": "x\n", "keep.txt": "k\n"}),
            ("2021-01-01", {"legacy/api/main.py": None}),
            ("2023-01-01", {"keep.txt": "k2\n"}),
        ]
    )
    [finding] = doctor(root).findings
    assert (finding.code, finding.line) == ("SKD609", 3)
    assert finding.message.startswith(f"mentions 'legacy/api/', deleted in {shas[1][:8]} on 2021-01-01")
    # --since after the deletion: git is not asked about it, so it is only a missing path
    later = doctor(root, since="2022-06-01").findings
    assert [(f.code, f.message) for f in later] == [("SKD603", "names 'legacy/api/', which is not in the repo")]


def test_heavily_changed_file_and_outdated_doc(history, doctor):
    commits = [("2023-01-01", START)]
    for index in range(10):
        commits.append((f"2024-{index + 1:02d}-15", {"backend/app.py": "x = 1\n" + "y = 2\n" * (15 * (index + 1))}))
    root, _ = history(commits)
    report = doctor(root)
    assert codes(report) == [("SKD611", "docs/ops.md", None), ("SKD610", "docs/ops.md", 5)]
    outdated, changed = report.findings
    assert outdated.message == (
        "last changed 2023-01-01, 653 days before the newest commit; since then what it "
        "mentions changed in 10 commits: backend/app.py (10)"
    )
    assert changed.message == (
        "mentions 'backend/app.py', changed in 10 commits (150 lines) since this doc last changed (2023-01-01)"
    )
    assert not report.has_errors


def test_light_changes_are_not_reported(history, doctor):
    commits = [("2024-01-01", START)] + [(f"2024-0{i}-02", {"backend/app.py": f"x = {i}\n"}) for i in range(2, 8)]
    root, _ = history(commits)
    assert doctor(root).findings == []


def test_gitignored_paths_are_not_missing(history, doctor):
    root, _ = history(
        [("2024-01-01", {".gitignore": "generated/\n", "docs/ops.md": "# Ops\n\nOpen `generated/report.html`.\n"})]
    )
    assert doctor(root).findings == []
    assert [f.code for f in doctor(root, use_git=False).findings] == ["SKD603"]


def test_a_path_under_a_symlinked_folder_does_not_stop_the_ignore_check(history, doctor, gitcmd):
    doc = "# Ops\n\nOpen `generated/report.html`, then:\n\n```bash\n./scripts/rotate.sh\n```\n"
    root, _ = history([("2024-01-01", {".gitignore": "generated/\n", "tools/ok.sh": "echo ok\n", "docs/ops.md": doc})])
    (root / "scripts").symlink_to("tools")  # git refuses a check-ignore batch holding `scripts/rotate.sh`
    gitcmd(root, "add", "-A")
    gitcmd(root, "commit", "-q", "-m", "link", date="2024-01-02")
    found = [(f.code, f.path, f.line) for f in doctor(root).findings if f.code in ("SKD602", "SKD603")]
    assert found == [("SKD602", "docs/ops.md", 6)]


def test_no_git_repository(make_repo, doctor):
    [finding] = doctor(make_repo({"README.md": "# R\n"})).findings
    assert (finding.code, finding.path, finding.line) == ("SKD614", ".", None)
    assert finding.message == "git history checks skipped: not a git repository"


def test_no_commits_yet(make_repo, doctor, gitcmd):
    root = make_repo({"README.md": "# R\n"})
    gitcmd(root, "init", "-q")
    [finding] = doctor(root).findings
    assert finding.message == "git history checks skipped: the repository has no commits yet"


def test_shallow_clone_is_skipped(history, doctor, gitcmd, tmp_path):
    origin, _ = history([("2024-01-01", START), ("2024-06-01", {"scripts/old-sync.sh": None})], "origin")
    clone = tmp_path / "clone"
    gitcmd(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(clone))
    report = doctor(clone)
    assert ("SKD614", ".", None) in codes(report)
    assert "shallow clone" in next(f.message for f in report.findings if f.code == "SKD614")
    assert ("SKD602", "docs/ops.md", 3) in codes(report)  # the reference checks still run


def test_detached_head_reads_history_from_head(history, doctor, gitcmd):
    root, shas = history(
        [("2024-01-01", START), ("2024-06-01", {"scripts/old-sync.sh": None}), ("2024-07-01", {"notes.txt": "n\n"})]
    )
    gitcmd(root, "checkout", "-q", "--detach", shas[1])
    assert [f.code for f in doctor(root).findings] == ["SKD609"]


def test_history_capped_says_so(history, doctor, monkeypatch):
    root, _ = history([("2024-01-01", START)] + [(f"2024-02-{d:02d}", {"notes.txt": f"{d}\n"}) for d in range(1, 6)])
    monkeypatch.setattr(doctor_git, "MAX_COMMITS", 3)
    [finding] = doctor(root).findings
    assert finding.code == "SKD614"
    assert finding.message == (
        "git history read for the latest 3 commits only (back to 2024-02-03); older changes are not considered"
    )


def test_git_too_slow_or_missing_degrades(history, doctor, monkeypatch):
    root, _ = history([("2024-01-01", START)])
    monkeypatch.setattr(gitsafe, "TIMEOUT_SECONDS", 1e-9)
    assert doctor(root).findings[0].message.startswith("git history checks skipped: git rev-parse did not finish")
    monkeypatch.setattr(gitsafe, "TIMEOUT_SECONDS", 20)
    monkeypatch.setenv("PATH", "")
    started = time.monotonic()
    [finding] = doctor(root).findings
    assert finding.message == "git history checks skipped: git is not installed"
    assert time.monotonic() - started < 10


def test_nothing_from_the_repo_runs(history, doctor, gitcmd):
    """Hooks, fsmonitor, signature checks and textconv are all set off: a repo cannot run code through git."""
    more = {".gitattributes": "*.py diff=evil\n", "docs/more.md": "# M\n\nSee `docs/missing-page.md`.\n"}
    root, _ = history([("2024-01-01", {**START, **more}), ("2024-02-01", {"backend/app.py": "x = 2\n"})])
    marker = root.parent / "ran"
    evil = write_tree(root.parent, {"evil.sh": f"#!/bin/sh\ntouch {marker}\nexit 1\n"}) / "evil.sh"
    for key, value in [
        ("core.fsmonitor", str(evil)),
        ("core.hooksPath", str(root.parent)),
        ("log.showSignature", "true"),
        ("gpg.program", str(evil)),
        ("diff.evil.textconv", str(evil)),
        ("diff.external", str(evil)),
        ("core.pager", str(evil)),
    ]:
        gitcmd(root, "config", key, value)
    for hook in ("post-checkout", "post-index-change", "reference-transaction"):
        write_tree(root, {f".git/hooks/{hook}": f"#!/bin/sh\ntouch {marker}\n"})
    assert [f.code for f in doctor(root).findings] == ["SKD603"]  # git log and git check-ignore both ran
    assert not marker.exists()


@pytest.mark.parametrize("since", ["2023-01-01", "2 years", "18 months ago"])
def test_since_accepts_dates_and_ages(history, doctor, since):
    root, _ = history([("2024-01-01", START)])
    assert doctor(root, since=since).findings == []
