"""One validate run: collect the manifests under the paths, check them, and report (see skilldex.validate)."""

from __future__ import annotations

import os
from collections.abc import Iterable

from skilldex import secrets
from skilldex.finding import Finding
from skilldex.profile_names import DEFAULT_PROFILE
from skilldex.report import FileResult, Report, display_path
from skilldex.ruleconfig import find_config
from skilldex.rules import scan as scan_rules
from skilldex.rules.selection import Selection
from skilldex.validate import check_content
from skilldex.validate.parallel import check_targets
from skilldex.validate.profiles import choose, get_profile, options
from skilldex.validate.targets import Repo, collect

# link and special-file findings inside a skill's folder
_WALK_CODES = tuple(r.code for r in (scan_rules.SYMLINK_OUTSIDE, scan_rules.BROKEN_SYMLINK, scan_rules.SPECIAL_FILE))
_UNFOLLOWED = (scan_rules.SYMLINK_OUTSIDE.code, scan_rules.BROKEN_SYMLINK.code)  # a link never read


def validate_paths(
    paths: Iterable[str],
    profile: str = DEFAULT_PROFILE,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    cwd: str | None = None,
    config: bool = True,
) -> Report:
    """Validate every manifest under `paths`. Raises UsageError for unknown profiles, codes or paths.

    Each repo's rule configuration (skilldex.ruleconfig) applies before `select` and `ignore`, unless `config`
    is False."""
    chosen = get_profile(profile)
    given = options(select, ignore)
    report = Report(profile=chosen.name)
    base = os.path.realpath(cwd or os.getcwd())
    for repo in collect(list(paths), chosen.kinds):
        picked, active = choose(chosen, [find_config(repo.root) if config else None, given])
        findings = _check_repo(repo)
        report.skipped.extend(repo.skipped)
        report.empty.extend(repo.empty)
        for finding in _unfollowed_manifests(repo, picked):
            report.findings.append(_shown(finding, active, display_path(repo.root / finding.path, base)))
            report.files.append(
                FileResult(report.findings[-1].path, "skill", valid=active[finding.code].value != "error")
            )
        for target in repo.targets:
            display = display_path(repo.root / target.file.rel, base)
            mine = [
                _shown(f, active, display)
                for f in findings.get(target.file.rel, [])
                if picked.keeps(f.code, repo.root / target.file.rel)
            ]
            report.findings.extend(mine)
            report.files.append(
                FileResult(display, target.kind, valid=not any(f.severity.value == "error" for f in mine))
            )
    report.findings = [secrets.redact_finding(f) for f in report.findings]  # messages quote values: never secrets
    unique = {(f.path, f.line, f.column, f.code, f.message): f for f in report.findings}
    report.findings = sorted(unique.values(), key=lambda f: (f.path, f.line or 0, f.column or 0, f.code))
    report.files.sort(key=lambda r: r.path)
    return report


def _check_repo(repo: Repo) -> dict[str, list[Finding]]:
    by_file: dict[str, list[Finding]] = {}
    named: list[tuple[str, str, tuple[str | None, str] | None]] = []  # (kind, rel, invocation) of each manifest read
    targets = {t.file.rel for t in repo.targets}
    skill_folders = {
        t.file.rel.rsplit("/", 1)[0] + "/": t.file.rel for t in repo.targets if t.kind == "skill" and "/" in t.file.rel
    }
    for target, (found, read_findings, name) in zip(repo.targets, check_targets(repo.targets), strict=True):
        target.fs.findings.extend(read_findings)  # as if read here: the walk findings below include them
        by_file.setdefault(target.file.rel, []).extend(found or [])
        if found is not None:
            named.append(name)
    keys = {key for _, _, key in named if key is not None}
    if not repo.whole and keys:  # a collision elsewhere concerns these files only when it answers like one
        # lazy: `validate` of a whole repo (the pre-commit case is a few files) never opens the index
        from skilldex.validate.elsewhere import named_elsewhere

        named += named_elsewhere(repo.root, targets, keys)
    for finding in check_content.collisions(named):
        if finding.path in targets:
            by_file[finding.path].append(finding)
    for fs in repo.walks:
        for finding in fs.findings:
            if finding.path in targets:
                by_file[finding.path].append(finding)
            elif finding.code in _WALK_CODES:
                owner = next((rel for folder, rel in skill_folders.items() if finding.path.startswith(folder)), None)
                if owner is not None:
                    note = {"message": f"{finding.path}: {finding.message}"}
                    by_file[owner].append(finding.model_copy(update=note))
    return by_file


def _unfollowed_manifests(repo: Repo, picked: Selection) -> list[Finding]:
    """Skill files that are symlinks out of the repo (or broken): never read, so say so rather than pass them."""
    found = {}
    for fs in repo.walks:
        for finding in fs.findings:
            name = finding.path.rsplit("/", 1)[-1]
            if (
                finding.code in _UNFOLLOWED
                and name.lower() == "skill.md"
                and picked.keeps(finding.code, repo.root / finding.path)
            ):
                found[finding.path] = finding
    return list(found.values())


def _shown(finding: Finding, active: dict, display: str) -> Finding:
    return finding.model_copy(update={"severity": active[finding.code], "path": display})
