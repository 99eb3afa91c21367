"""Profiles: which rules apply, at which severity, for the open spec, Claude Code and the claude.ai upload.

A profile maps rule codes to severities; a code not in it is not reported unless `--select` asks for it.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterable

from skilldex.errors import UsageError
from skilldex.profile_names import SUMMARIES
from skilldex.rules.catalogue import all_rules
from skilldex.rules.registry import Rule
from skilldex.severity import Severity

TYPE_CHECKING = False
if TYPE_CHECKING:
    from skilldex.rules.selection import Choice, Selection


# name, summary, severities {code: Severity}, kinds (the manifest kinds it judges); a named tuple, as Rule is
Profile = namedtuple("Profile", "name summary severities kinds")


def _table(spec: str) -> dict[str, Severity]:
    """'SKD010=E SKD014=W' -> {code: severity}; ranges such as SKD201-SKD213=E expand. ValueError (at import)
    when a code, or a code inside a range, is no registered rule."""
    letters = {"E": Severity.error, "W": Severity.warning, "I": Severity.info}
    table: dict[str, Severity] = {}
    for entry in spec.split():
        codes, level = entry.split("=")
        first, _, last = codes.partition("-")
        start, end = int(first[3:]), int((last or first)[3:])
        for number in range(start, end + 1):
            table[f"SKD{number:03d}"] = letters[level]
    known = {r.code for r in all_rules()}  # once per table, not once per code: `skilldex rules` waits for this
    unknown = sorted(code for code in table if code not in known)
    if unknown:  # a typo or a retired code would silently leave the rule out of the profile
        raise ValueError(f"profile table names unknown rule codes: {', '.join(unknown)}")
    return table


_FILES = "SKD001-SKD004=E SKD005-SKD007=W"

PROFILES = {
    "agentskills": Profile(
        "agentskills",
        SUMMARIES["agentskills"],
        _table(
            f"{_FILES} SKD010-SKD013=E SKD014=W SKD015-SKD016=E SKD020=E "
            "SKD201-SKD214=E SKD215-SKD217=W SKD501=E SKD502-SKD503=W SKD040=W"
        ),
        ("skill",),
    ),
    "claude-code": Profile(
        "claude-code",
        SUMMARIES["claude-code"],
        _table(
            f"{_FILES} SKD010=W SKD011-SKD013=E SKD014-SKD015=W SKD016=E SKD020-SKD021=E SKD022=W "
            "SKD202-SKD207=W SKD208=I SKD211-SKD213=W SKD215=I "
            "SKD301=W SKD302=E SKD303=W SKD304=I SKD305-SKD307=W SKD310=E SKD501=E SKD502-SKD503=W SKD040=W"
        ),
        ("skill", "command", "agent"),
    ),
    "claude-upload": Profile(
        "claude-upload",
        SUMMARIES["claude-upload"],
        _table(
            f"{_FILES} SKD010-SKD014=E SKD015=W SKD016=E SKD020=E "
            "SKD201-SKD207=E SKD208=W SKD209-SKD215=E SKD216-SKD217=W "
            "SKD401-SKD402=E SKD403=W SKD404=E SKD501=E SKD502-SKD503=W SKD040=E"
        ),
        ("skill",),
    ),
}


def get_profile(name: str) -> Profile:
    try:
        return PROFILES[name]
    except KeyError:
        raise UsageError(f"unknown profile '{name}'; choose one of: {', '.join(PROFILES)}") from None


def choose(profile: Profile, layers: Iterable[Choice | None]) -> tuple[Selection, dict[str, Severity]]:
    """The codes to report (the repo's configuration, then the options) and their severity: a `select`
    replaces the profile's set, and a code the profile leaves out is reported at the rule's own severity."""
    from skilldex.rules import selection  # lazy: globs and paths: not needed to list the rules

    rules: dict[str, Rule] = {r.code: r for r in all_rules()}
    chosen = selection.select(rules, profile.severities, layers)
    return chosen, {code: profile.severities.get(code, rules[code].severity) for code in sorted(chosen.codes)}


def options(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> Choice:
    """--select and --ignore, checked against every rule code."""
    # lazy: `skilldex rules` and `rule` use this module without rules.selection
    from skilldex.rules import selection

    return selection.option_choice(select, ignore, [r.code for r in all_rules()])
