"""Ruby launchers whose source says what they run but not in a comment: Bundler binstubs and Rails' bin/ files.

A Bundler binstub's only comment is Bundler's own boilerplate ("The application 'rspec' is installed as part of
a gem, and this file is here to facilitate running it"); the line that matters is `load Gem.bin_path(GEM, EXE)`.
"""

from __future__ import annotations

import re

from skilldex.scan.describe import shell
from skilldex.scan.describe.base import MAX_TEXT_CHARS, ToolInfo

MAX_CHARS = MAX_TEXT_CHARS

# `^[ \t]*`, not `^\s*`: with MULTILINE, \s* would run over every blank line after each line start (quadratic)
_BIN_PATH = re.compile(
    r"""^[ \t]*load\s*\(?\s*Gem\.bin_path\(\s*["']([\w.-]+)["']\s*,\s*["']([\w.-]+)["']""", re.MULTILINE
)
_RAILS = re.compile(r"""^[ \t]*require\s*\(?\s*["']rails/commands["']""", re.MULTILINE)
_RAKE = re.compile(r"""^[ \t]*Rake\.application\.run\b""", re.MULTILINE)


def launcher(text: str) -> ToolInfo | None:
    """What a binstub or Rails launcher runs, or None when the file is a script of its own."""
    if _RAILS.search(text):
        return ToolInfo(
            "ruby",
            "The Rails command line: bin/rails server, console, generate, db:migrate and the app's rake tasks.",
            "rails-launcher",
            usage="bin/rails COMMAND [options]",
        )
    found = _BIN_PATH.search(text)
    if found:
        gem, executable = found.groups()
        source = f"the {gem} gem" if gem != executable else "its gem"
        return ToolInfo(
            "ruby", f"Runs {executable} from {source}, with the versions in the Gemfile (a Bundler binstub).", "binstub"
        )
    if _RAKE.search(text) and "require" in text:
        return ToolInfo("ruby", "Runs the app's rake tasks with the versions in the Gemfile.", "binstub")
    return None


def describe(filename: str, text: str, language: str = "ruby") -> ToolInfo:
    """A launcher's purpose, else what its comments say, read as a shell script's are."""
    return launcher(text) or shell.describe(filename, text, language)
