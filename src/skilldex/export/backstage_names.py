"""Backstage-safe entity names, tags and source locations for catalogued items."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections import Counter
from urllib.parse import quote, urlsplit

from skilldex.errors import UsageError

MAX_NAME = 63  # metadata.name: [a-zA-Z0-9] runs joined by [-_.], at most 63 characters (Kubernetes object names)
_NAME_JUNK = re.compile(r"[^a-z0-9._-]+")
_SEPARATORS = re.compile(r"[-_.]{2,}")
_TAG_JUNK = re.compile(r"[^a-z0-9+#]+")  # tags: [a-z0-9+#] runs joined by single '-'
# Credentials that MCP server arguments sometimes carry: URL user:password@, ?token=... query values.
_USERINFO = re.compile(r"((?<![a-z0-9+.-])[a-z][a-z0-9+.-]*://)[^/@\s]+@", re.IGNORECASE)  # one start per word
_SECRET_QUERY = re.compile(
    r"([?&](?:[\w-]*(?:key|token|secret|password|passwd|pwd|auth)[\w-]*)=)[^&#\s]+", re.IGNORECASE
)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]


def sanitize(text: str) -> str:
    """Lowercase ASCII letters and digits joined by single '-', '_' or '.'; '' when nothing is left."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = _NAME_JUNK.sub("-", text)
    text = _SEPARATORS.sub(lambda m: "." if set(m.group()) == {"."} else "-", text)
    return text.strip("-_.")


def unique_names(wanted: list[tuple[str, str]]) -> list[str]:
    """For (readable base, identity key) pairs: valid, unique names, the same every run.

    Backstage compares names case-insensitively. A base that is empty, too long or shared by several
    items gets a short hash of its key, so adding an item never renames another one.
    """
    bases = [sanitize(base) for base, _ in wanted]
    counts = Counter(bases)
    names = []
    for base, (_, key) in zip(bases, wanted, strict=True):
        if base and len(base) <= MAX_NAME and counts[base] == 1:
            names.append(base)
            continue
        stem = base[: MAX_NAME - 9].rstrip("-_.")
        names.append(f"{stem}-{_hash(key)}" if stem else f"x-{_hash(key)}")
    if len({n for n in names}) != len(names):  # two hashed names collided: practically never
        raise UsageError("two items got the same Backstage name; rename one of them and export again")
    return names


def tags(values: list[str]) -> list[str]:
    """Valid, distinct tags in the order given."""
    seen: list[str] = []
    for value in values:
        tag = _TAG_JUNK.sub("-", value.lower()).strip("-")[:MAX_NAME].strip("-")
        if tag and tag not in seen:
            seen.append(tag)
    return seen


def redact(text: str) -> str:
    """The text without URL credentials and secret-looking query values."""
    return _SECRET_QUERY.sub(r"\1***", _USERINFO.sub(r"\1***@", text))


class Locator:
    """Where a repo's files are, as Backstage location references (`url:` with a base URL, else `dir:`)."""

    def __init__(self, base: str | None, repo: str, root: str, relative_to: str | None):
        self.base = base.replace("{repo}", quote(repo, safe="")) if base else None
        if self.base and not self.base.endswith("/"):
            self.base += "/"  # a folder URL must end in '/' for Backstage to resolve paths below it
        self.prefix = "./"
        if relative_to is not None:  # written to a folder: dir: targets are relative to the file there
            try:
                up = os.path.relpath(root, relative_to).replace(os.sep, "/")
            except ValueError:  # another drive (Windows): no relative path exists
                raise UsageError("the repo and --out are on different drives; give --source-location") from None
            self.prefix = "./" if up == "." else f"{up}/"

    def ref(self, path: str, folder: bool = False) -> str:
        """The location of a repo-relative path ('' for the root); folders end in '/'."""
        target = path + "/" if folder and path else path
        if self.base:
            return "url:" + self.base + quote(target)
        return "dir:" + self.prefix + target

    def url(self, path: str, folder: bool = False) -> str | None:
        """An absolute URL for links (Backstage requires one), or None without a base."""
        return self.ref(path, folder)[4:] if self.base else None


def check_base(base: str | None, repos: int) -> None:
    """--source-location must be an http(s) URL, holding {repo} when several repos are exported."""
    if base is None:
        return
    parts = urlsplit(base.replace("{repo}", "repo"))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(
            f"--source-location must be an http(s) URL of the repo root, e.g. "
            f"'https://github.com/ORG/{{repo}}/blob/main/'; got '{base}'"
        )
    if repos > 1 and "{repo}" not in base:
        raise UsageError(
            "with several repos, --source-location needs '{repo}' where the repo name goes, e.g. "
            "'https://github.com/ORG/{repo}/blob/main/'"
        )
