"""A repo's git history, read once per repo in one bounded `git log`, never running anything of the repo's.

git runs through `skilldex.gitsafe` (nothing the repo configures can execute, no fetch can start); it only reads.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path

from skilldex.gitsafe import GitSkipped, run_git

__all__ = ["GitSkipped", "History", "count_lines", "ignored", "read_history", "run_git"]

MAX_COMMITS = 2000
MAX_COUNTED_PATHS = 500  # files whose line changes are counted (one git call, bounded command line)


@dataclass(frozen=True)
class Touch:
    sha: str
    time: int
    renamed: bool = False  # the commit renamed the file here (its line count would be the whole file)


@dataclass(frozen=True)
class Gone:
    sha: str
    time: int
    renamed_to: str | None


@dataclass
class History:
    """Changes per repo-relative path, newest first, within the commits read."""

    commits: int = 0
    capped: bool = False  # stopped at MAX_COMMITS: older history was not read
    since: int | None = None
    newest: int = 0  # time of the newest commit read
    oldest: int = 0
    touched: dict[str, list[Touch]] = field(default_factory=dict)  # content changes (added, modified, renamed to)
    gone: dict[str, Gone] = field(default_factory=dict)  # the latest deletion or rename away
    lines: dict[tuple[str, str], int] = field(default_factory=dict)  # (sha, path) -> lines changed, when counted
    _paths: list[str] | None = None

    def last_change(self, path: str) -> int | None:
        touches = self.touched.get(path)
        return touches[0].time if touches else None

    def under(self, folder: str) -> list[str]:
        """Every path with history below `folder/`."""
        if self._paths is None:
            self._paths = sorted(set(self.touched) | set(self.gone))
        prefix = folder.rstrip("/") + "/"
        start = bisect_left(self._paths, prefix)
        found = []
        for path in self._paths[start:]:
            if not path.startswith(prefix):
                break
            found.append(path)
        return found


def read_history(
    root: Path, since: int | None = None, max_commits: int | None = None, timeout: float | None = None
) -> History:
    """The history of the folder `root` (a repo or a folder inside one); GitSkipped says why not."""
    max_commits = max_commits or MAX_COMMITS
    state = run_git(root, ["rev-parse", "--is-inside-work-tree", "--is-shallow-repository"], timeout).split()
    if not state or state[0] != "true":
        raise GitSkipped("not inside a git work tree")
    if len(state) > 1 and state[1] == "true":
        raise GitSkipped("shallow clone: history is cut short (`git fetch --unshallow` gives the full history)")
    if not run_git(root, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], timeout, ok=(0, 1)).strip():
        raise GitSkipped("the repository has no commits yet")
    # --raw compares trees only, so it stays cheap on huge commits; line counts are asked for later, per file.
    # A partial clone lacks old blobs, and finding renames would have to fetch them: there, renames are not sought.
    renames = "--no-renames" if _partial_clone(root, timeout) else "-M"
    args = [
        "log",
        f"--max-count={max_commits}",
        "--format=%x1e%H %ct",
        "--raw",
        renames,
        "--no-color",
        "--relative",
        "--no-abbrev",
    ]
    if since is not None:
        args.append(f"--since=@{since}")
    history = parse_log(run_git(root, [*args, "--", "."], timeout))
    history.capped = history.commits >= max_commits
    history.since = since
    return history


def _partial_clone(root: Path, timeout: float | None) -> bool:
    """Whether the repo has a promisor remote (a partial clone: blobs it lacks are fetched when needed)."""
    found = run_git(
        root, ["config", "--get-regexp", r"^(extensions\.partialclone|remote\..*\.promisor)$"], timeout, ok=(0, 1)
    )
    return any(
        line.split(" ", 1)[-1].strip().lower() not in ("false", "no", "off", "0", "") for line in found.splitlines()
    )


def count_lines(root: Path, history: History, paths: list[str], timeout: float | None = None) -> None:
    """Fill `history.lines` for `paths` (lines added + deleted per commit) in one `git log --numstat`."""
    paths = sorted(set(paths))[:MAX_COUNTED_PATHS]
    if not paths:
        return
    args = [
        "--literal-pathspecs",
        "log",
        f"--max-count={MAX_COMMITS}",
        "--format=%x1e%H",
        "--numstat",
        "--no-renames",
        "--no-color",
        "--relative",
    ]
    if history.since is not None:
        args.append(f"--since=@{history.since}")
    try:
        output = run_git(root, [*args, "--", *paths], timeout)
    except GitSkipped:
        return  # counts stay unknown: no file is called heavily changed
    for record in output.split("\x1e")[1:]:
        sha, *rows = record.splitlines()
        for row in rows:
            added, _, rest = row.partition("\t")
            deleted, _, path = rest.partition("\t")
            if added.isdigit() and deleted.isdigit():
                history.lines[sha.strip(), _unquote(path)] = int(added) + int(deleted)


def ignored(root: Path, paths: list[str], timeout: float | None = None) -> set[str]:
    """Which of `paths` git ignores (.gitignore and friends); empty when git cannot say."""
    # git refuses the whole batch ("pathspec ... is beyond a symbolic link") for one path under a symlinked folder
    paths = [path for path in paths if not _through_symlink(root, path)]
    if not paths:
        return set()
    # A folder pattern (`docs/plans/`) matches a path that is not on disk only when it is asked with the slash; asked
    # so only for folder-like names (`*/` would match any file asked that way).
    asked = paths + [path.rstrip("/") + "/" for path in paths if "." not in path.rstrip("/").rsplit("/", 1)[-1]]
    try:
        out = run_git(root, ["check-ignore", "--no-index", "--stdin"], timeout, "\n".join(asked) + "\n", ok=(0, 1))
    except GitSkipped:
        return set()
    found = {line.strip() for line in out.splitlines() if line.strip()}
    return {path for path in paths if path in found or path.rstrip("/") + "/" in found}


def _through_symlink(root: Path, path: str) -> bool:
    """Whether a folder above `path` is a symlink: git cannot say whether such a path is ignored."""
    parts = path.split("/")[:-1]
    return any(os.path.islink(os.path.join(root, *parts[: i + 1])) for i in range(len(parts)))


_RAW = re.compile(r"^:\d+ \d+ \w+ \w+ ([A-Z])(\d*)\t(.*)$")


def parse_log(output: str) -> History:
    """`git log --format=%x1e%H %ct --raw`: per commit, a status and the path(s) of each changed file."""
    history = History()
    for record in output.split("\x1e")[1:]:
        lines = record.splitlines()
        if not lines or " " not in lines[0]:
            continue
        sha, _, stamp = lines[0].partition(" ")
        time = int(stamp) if stamp.strip().isdigit() else 0
        history.commits += 1
        history.newest = max(history.newest, time)
        history.oldest = time if history.commits == 1 else min(history.oldest, time)
        for raw in (m for m in (_RAW.match(line) for line in lines[1:]) if m):
            _record(history, sha, time, raw.group(1), [_unquote(p) for p in raw.group(3).split("\t")])
    return history


def _record(history: History, sha: str, time: int, status: str, paths: list[str]) -> None:
    if status == "D":
        history.gone.setdefault(paths[0], Gone(sha, time, None))
        return
    if status == "R" and len(paths) == 2:
        history.gone.setdefault(paths[0], Gone(sha, time, paths[1]))
    history.touched.setdefault(paths[-1], []).append(Touch(sha, time, renamed=status == "R"))


def _unquote(path: str) -> str:
    """git C-quotes paths with special characters even with core.quotePath off."""
    if len(path) < 2 or not (path.startswith('"') and path.endswith('"')):
        return path
    raw = path[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")
    try:
        return raw.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return raw
