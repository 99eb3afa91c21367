"""What `validate`, `list`, `show`, `doctor`, `rules`, `rule` and `--version` print, without Typer.

The Typer commands and the fast path (cli/fast.py) both answer through these functions, so the output is
the same either way. Each writes to stdout/stderr and returns the exit code; bad input raises SkilldexError
(the caller prints it as one `Error:` line). Heavy modules load inside the function that needs them.
"""

from __future__ import annotations

import json
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from skilldex.models import Catalogue
    from skilldex.rules.registry import Rule

_NOUNS = {"skill": "skill (SKILL.md)", "command": "command", "agent": "agent"}


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def version() -> int:
    # lazy: a fast-path answer loads only what this command prints (see the module docstring)
    from skilldex import __version__

    sys.stdout.write(f"skilldex {__version__}\n")
    return 0


def _profiles(r: Rule) -> dict[str, str | None]:
    """The severity each validate profile gives the rule (None: the profile does not check it)."""
    # lazy: a fast-path answer loads only what this command prints (see the module docstring)
    from skilldex.validate.profiles import PROFILES

    return {name: (p.severities[r.code].value if r.code in p.severities else None) for name, p in PROFILES.items()}


def _rule_json(r: Rule, with_doc: bool) -> dict[str, object]:
    """A rule as `rules --json` (without its doc) and `rule --json` (with it) print it."""
    data: dict[str, object] = {
        "code": r.code,
        "name": r.name,
        "severity": r.severity.value,
        "profiles": _profiles(r),
        "summary": r.summary,
    }
    if with_doc:
        data["doc"] = r.doc
    data["fix"] = r.fix
    return data


def rules(prefix: str | None, as_json: bool) -> int:
    # lazy: a fast-path answer loads only what this command prints (see the module docstring)
    from skilldex.errors import UsageError
    from skilldex.rules.catalogue import all_rules

    prefix = prefix or ""
    found = [r for r in all_rules() if r.code.startswith(prefix.strip().upper())]
    if not found:
        raise UsageError(f"no rule code starts with '{prefix}'")
    if as_json:
        print_json([_rule_json(r, with_doc=False) for r in found])
        return 0
    lines = [f"{'CODE':<7} {'NAME':<30} {'DEFAULT':<8} A C U  SUMMARY"]
    for r in found:
        marks = " ".join((sev or "-")[0].upper() if sev else "-" for sev in _profiles(r).values())
        lines.append(f"{r.code:<7} {r.name:<30} {r.severity.value:<8} {marks}  {r.summary}")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def rule(code: str, as_json: bool) -> int:
    # lazy: a fast-path answer loads only what this command prints (see the module docstring)
    from skilldex.errors import UsageError
    from skilldex.rules.catalogue import get_rule

    found = get_rule(code)
    if found is None:
        raise UsageError(f"no rule '{code}'; `skilldex rules` lists them")
    if as_json:
        print_json(_rule_json(found, with_doc=True))
        return 0
    profiles = ", ".join(f"{name}: {sev or 'not checked'}" for name, sev in _profiles(found).items())
    sys.stdout.write(
        f"{found.code} {found.name} (default severity: {found.severity.value})\n\n{found.summary}\n\n{found.doc}\n"
        f"## Fix\n{found.fix}\n\n## Profiles\n{profiles}\n"
    )
    return 0


def check_format(fmt: str) -> None:
    """--format of the commands that print findings (validate, doctor, knowledge check)."""
    # lazy: a fast-path answer loads only what this command prints (see the module docstring)
    from skilldex.errors import UsageError
    from skilldex.render.findings import FORMATS

    if fmt not in FORMATS:
        raise UsageError(f"unknown --format '{fmt}'; choose one of: {', '.join(FORMATS)}")


def print_report(report, fmt: str, show_fix: bool) -> int:
    """Write a findings report in `fmt`; return the exit code it calls for (1 when any error)."""
    # lazy: a fast-path answer loads only what this command prints (see the module docstring)
    from skilldex.render.findings import render

    sys.stdout.write(render(report, fmt, show_fix=show_fix))
    return 1 if report.has_errors else 0


def validate(
    paths: list[str], profile: str, select: list[str], ignore: list[str], fmt: str, as_json: bool, no_fix: bool
) -> int:
    # lazy: a fast-path answer loads only what this command prints (see the module docstring)
    from skilldex.validate.profiles import PROFILES
    from skilldex.validate.run import validate_paths

    fmt = "json" if as_json else fmt
    check_format(fmt)
    report = validate_paths(paths, profile=profile, select=select, ignore=ignore)
    code = print_report(report, fmt, show_fix=not no_fix)
    nouns = [_NOUNS[kind] for kind in PROFILES[report.profile].kinds]
    judged = " or ".join([", ".join(nouns[:-1]), nouns[-1]] if len(nouns) > 1 else nouns)
    for path in report.skipped:
        _err(f"skilldex: skipped {path}: not a skill (SKILL.md), command or agent file")
    for path in report.empty:
        _err(f"skilldex: warning: {path}: no {judged} file in this folder")
    if not report.files and not report.empty and not report.skipped:
        _err(f"skilldex: warning: nothing checked: no {judged} file under the given paths")
    return code


def doctor(
    workspace: str | None,
    repos: list[str] | None,
    fmt: str,
    as_json: bool,
    select: list[str],
    ignore: list[str],
    since: str | None,
    no_git: bool,
    no_fix: bool,
) -> int:
    # lazy: a fast-path answer loads only what this command prints (see the module docstring)
    from skilldex.doctor import doctor_repos
    from skilldex.errors import UsageError
    from skilldex.workspace import open_workspace, resolve_repo

    fmt = "json" if as_json else fmt
    check_format(fmt)
    opened = open_workspace(workspace)
    if repos:
        refs = [resolve_repo(name, opened) for name in repos]
    elif opened is not None and opened.repos:
        refs = [resolve_repo(name, opened) for name in opened.repos]
    else:
        raise UsageError("name a repo (`skilldex doctor .`), or add a skilldex.yaml listing repos (or --workspace)")
    report = doctor_repos(refs, select=select, ignore=ignore, since=since, use_git=not no_git)
    return print_report(report, fmt, show_fix=not no_fix)


def catalogue_of(workspace: str | None, repo: str) -> Catalogue:
    """The repo's catalogue, from its index (a progress bar on a terminal while a cold scan runs)."""
    # lazy: a fast-path answer loads only what this command prints (see the module docstring)
    from skilldex.cli.progress import scan_progress
    from skilldex.index.refresh import catalogue
    from skilldex.workspace import open_workspace, resolve_repo

    ref = resolve_repo(repo, open_workspace(workspace))
    with scan_progress(ref.name) as progress:
        return catalogue(ref.path, name=ref.name, progress=progress)


def listing(workspace: str | None, repo: str, kind: list[str] | None, as_json: bool) -> int:
    """`list`: JSON, plain lines when piped, a Rich table on a terminal."""
    if as_json:  # from a fresh index, without building models
        # lazy: a fast-path answer loads only what this command prints (see the module docstring)
        from skilldex.index.listing import catalogue_json, light_ref

        ref = light_ref(workspace, repo)
        data = catalogue_json(ref[1], ref[0], kind) if ref else None
        if data is not None:
            print_json(data)
            return 0
    catalogue = catalogue_of(workspace, repo)
    if kind:
        catalogue.items = [item for item in catalogue.items if item.kind in kind]
    if as_json:
        print_json(catalogue.model_dump(mode="json"))
        return 0
    if not (sys.stdout and sys.stdout.isatty()):  # piped or redirected: plain lines, not a box padded to a width
        # lazy: a fast-path answer loads only what this command prints (see the module docstring)
        from skilldex.render.listing_plain import plain_listing

        sys.stdout.write(plain_listing(catalogue, kind))
        return 0
    # lazy: a fast-path answer loads only what this command prints (see the module docstring)
    from rich.console import Console

    # lazy: a fast-path answer loads only what this command prints (see the module docstring)
    from skilldex.render.listing import listing as table

    Console().print(table(catalogue, kind))
    return 0


def show(workspace: str | None, repo: str, item: str, as_json: bool) -> int:
    """`show`: one item and its findings, from the stored JSON of a fresh index when there is one."""
    # lazy: a fast-path answer loads only what this command prints (see the module docstring)
    from skilldex.index.listing import catalogue_json, light_ref
    from skilldex.lookup import find_in, with_rank

    ref = light_ref(workspace, repo)
    data = catalogue_json(ref[1], ref[0], ranks=True) if ref else None
    if data is None:
        catalogue = catalogue_of(workspace, repo)
        data = {
            "repo": catalogue.repo,
            "items": [i.model_dump(mode="json") for i in catalogue.items],
            "findings": [f.model_dump(mode="json") for f in catalogue.findings],
        }
        root = catalogue.root
    else:
        assert ref is not None  # the stored JSON came from it
        root = ref[1]
    found = find_in(data["items"], data["repo"], item)
    ranked = (found.pop("importance"), found.pop("why")) if "importance" in found else None  # read with the items
    findings = [f for f in data["findings"] if f["path"] == found["path"]]
    shown = with_rank({**found, "findings": findings}, root, ranked)
    if as_json:
        print_json(shown)
        return 0
    # lazy: a fast-path answer loads only what this command prints (see the module docstring)
    from skilldex.render.detail import detail

    sys.stdout.write(detail(found, findings) + "\n")
    if shown["importance"] is not None:  # why the brief lists it where it does
        sys.stdout.write(f"Ranks: {shown['importance']:+d} ({shown['why']})\n")
    return 0
