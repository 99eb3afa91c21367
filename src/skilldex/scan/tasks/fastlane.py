"""fastlane: the lanes of a `Fastfile` (Ruby, read as text, never run), each described by the `desc` before it or
its comment, run as `fastlane [platform] lane` from the folder that holds `fastlane/`."""

from __future__ import annotations

import posixpath
import re
import shlex

from skilldex.scan.fs import RepoFile, RepoFS
from skilldex.scan.tasks import base
from skilldex.scan.tasks.base import TaskDef
from skilldex.scan.tasks.parsing import clean_description

# `lane :name do`; a `private_lane` is called by other lanes only, never from the command line
_LANE = re.compile(r"^\s*lane\s+:(\w+)\s+do\b")
_PLATFORM = re.compile(r"^\s*platform\s+:(\w+)\s+do\b")
_DESC = re.compile(r"""^\s*desc\s*\(?\s*(["'])(.*?)\1""")
_COMMENT = re.compile(r"^\s*#\s?(.*)$")
_ASSIGNMENT = re.compile(r"^\w+\s*=[^=]")  # a lane's local (`version = ...`) says less than the action after it


class Lane(TaskDef):
    """A lane, with the platform block it sits in (`fastlane ios beta`), if any."""

    def __init__(self, name: str, description: str, line: int, command: str | None, platform: str):
        super().__init__(name, description, line, command)
        self.platform = platform


def parse_fastfile(text: str) -> list[TaskDef]:
    """Every public lane in file order: its `desc` lines, else the comment right above it; the command is the
    lane's first statement (what it does when nothing says so)."""
    lanes: list[TaskDef] = []
    lines = text.splitlines()
    platform, indent = "", -1  # the platform block a lane sits in, and where its `end` is
    said: list[str] = []  # desc lines and comments since the last statement
    for number, line in enumerate(lines, 1):
        if match := _PLATFORM.match(line):
            platform, indent, said = match.group(1), len(line) - len(line.lstrip()), []
        elif platform and line.rstrip() == " " * indent + "end":
            platform, said = "", []
        elif match := _DESC.match(line):
            said.append(match.group(2))
        elif match := _COMMENT.match(line):
            said.append(match.group(1))
        elif match := _LANE.match(line):
            lanes.append(
                Lane(match.group(1), clean_description(" ".join(said)), number, _first(lines, number), platform)
            )
            said = []
        elif line.strip():
            said = []
    return lanes


def _first(lines: list[str], after: int) -> str | None:
    """The first statement of a lane's body (its block opens on line `after`)."""
    for line in lines[after:]:
        text = line.strip()
        if text == "end":
            return None
        if text and not text.startswith("#") and not _ASSIGNMENT.match(text):
            return text[:200]
    return None


class Runner(base.Runner):
    files = {"Fastfile": parse_fastfile}

    def run(self, fs: RepoFS, file: RepoFile, task: TaskDef) -> str:
        folder = posixpath.dirname(file.rel)
        if posixpath.basename(folder) == "fastlane":  # fastlane runs from the project folder above it
            folder = posixpath.dirname(folder)
        platform = getattr(task, "platform", "")
        return f"{base.cd(folder)}fastlane {platform + ' ' if platform else ''}{shlex.quote(task.name)}"
