"""Words as the tagger reads them: tokenised, lightly stemmed, without variable names, URLs or folders."""

from __future__ import annotations

import functools
import re

from skilldex.lazyre import Lazy  # compiled on first use: most commands need few of them

TOKEN = Lazy(r"[a-z0-9]+")
URL = Lazy(r"\b(?:https?|git|ssh)://\S+")
_CAMEL = Lazy(r"(?<=[a-z0-9])(?=[A-Z])")
_SUFFIXES = ("ing", "ed", "es", "s")
_NAMES = frozenset({"sops"})  # names that end in s: SOPS (secrets) is no plural of an SOP (a procedure)
CAMEL_PAIR = Lazy(r"[a-z0-9][A-Z]")  # where _CAMEL would split; a lookbehind at every place is slow


@functools.lru_cache(maxsize=1 << 16)  # words repeat across a repo; stemming them once is enough
def stem(word: str) -> str:
    """A deliberately light stemmer: deploys/deploying/deployed -> deploy, queries -> query."""
    if len(word) <= 3 or word in _NAMES:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if suffix == "es" and not base.endswith(("s", "x", "z", "ch", "sh")):
                return word[:-1]
            return base
    return word


def tokens(text: str) -> list[str]:
    """Lowercase, split snake_case/kebab-case/paths, and stem."""
    return list(map(stem, TOKEN.findall(text.lower())))


def camel_tokens(text: str) -> list[str]:
    """Tokens of camelCase parts too: "CloudWatch" gives cloud, watch (tokens() gives cloudwatch)."""
    return tokens(_CAMEL.sub(" ", text))


# Names of variables ($SENTRY_IMAGE, LINEAR_API_KEY) say what a text configures, not what it does; the folders of a
# path (deploy/docker/compose.yml, ./sentry) say where a file lives. Both are left out of descriptions and commands.
_VARIABLE = Lazy(r"\$\{?\w+\}?|\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")
# settings before a command (`clickhouse_password="$(PW)" PASSWORD=x otelcol`): what it configures, not what it does
_ASSIGNMENT = Lazy(r"(?:^|(?<=&&)|(?<=;)|(?<=\|))\s*(?:[A-Za-z_]\w*=(?:\"[^\"]*\"|'[^']*'|\S*)\s+)+", re.M)
_FOLDERS = Lazy(  # ./x, /x/y, a/b/c or a/b.ext: not "CI/CD" or "and/or"
    r"(?<![\w/.-])(?:(?:\.{1,2}/|/)(?:[\w.-]+/)*|(?:[\w.-]+/){2,}|(?:[\w.-]+/)+(?=[\w-]+\.[a-z]{1,5}\b))(?=[\w.-])"
)


# an image's registry and publisher (grafana/loki:3.4, bitnami/postgresql:16) say who ships it, its name what it is
_PUBLISHER = Lazy(r"(?<![\w/.:-])(?:[\w.-]+/)+(?=[\w.-]+:[\w.${-])")
_FOLDER = Lazy(r"(?<![\w/.-])[\w.-]+/(?=[\s\"'`)]|$)")  # `ruff format src/ tests/`: a folder, named as one


def said_of(text: str) -> str:
    """The text without variable names and folders, and with each path cut to its file name."""
    if "=" in text:
        text = _ASSIGNMENT.sub(" ", text)
    if "$" in text or "_" in text:
        text = _VARIABLE.sub(" ", text)
    return _FOLDER.sub("", _FOLDERS.sub("", _PUBLISHER.sub("", text))) if "/" in text else text
