"""Text from scanned repos made inert for generated markdown and YAML: one line, capped, no live syntax."""

from __future__ import annotations

import re
import unicodedata

import frontmatter as pyfrontmatter

from skilldex.markdown import shorten
from skilldex.oneline import oneline

# What `skilldex validate` (and skill loaders) read as a file of the skill itself: a backticked
# `scripts/x`, `references/x`, ... The repo paths we write are not the skill's own files.
_RESOURCE_PATH = re.compile(r"^(?:\./)?(?:references|scripts|assets|templates|examples)/[\w./-]*[\w-]$")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


def clean(text: str | None, limit: int) -> str:
    """One line (skilldex.oneline: no control, bidi or zero-width characters), capped."""
    if not text:
        return ""
    return shorten(oneline(text), limit)


def prose(text: str | None, limit: int) -> str:
    """Untrusted text for inside a list item: nothing in it can end the item or act as markup."""
    text = clean(text, limit)
    # Backslash first, so the escapes added below cannot be undone by one already in the text.
    text = text.replace("\\", "\\\\")
    # No code spans: a `!`cmd`` in a SKILL.md is a command Claude Code runs when the skill loads.
    text = text.replace("`", "'")
    text = text.replace("<", "\\<").replace(">", "\\>")  # no HTML, comments or autolinks
    return text.replace("](", "]\\(")  # no links or images: a link is also a file a validator resolves


def code(text: str | None, limit: int = 200) -> str:
    """An untrusted name, path or command as an inline code span."""
    text = clean(text, limit).replace("`", "'").replace("](", "] (")
    if not text:
        return "``"
    if _RESOURCE_PATH.match(text):
        # Same rendering; the padded form keeps validators from reading a repo path as the skill's own file.
        return f"`` {text} ``"
    return f"`{text}`"


def slug(name: str, limit: int = 64) -> str:
    """A file-name-safe, lowercase form of a repo or capability name."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return _SLUG_JUNK.sub("-", text).strip("-")[:limit].strip("-") or "repo"


def frontmatter(data: dict) -> str:
    """A YAML frontmatter block, written by python-frontmatter (its safe dumper quotes whatever needs quoting)."""
    post = pyfrontmatter.Post("")
    post.metadata.update(data)  # not Post(**data): a key named "content" or "handler" would collide
    return pyfrontmatter.dumps(post, sort_keys=False, width=10_000) + "\n"


def join_names(names: list[str], limit: int = 300) -> str:
    """'a, b and c', or 'N repos (a, b, c, ...)' when that would be too long."""
    if len(names) <= 1:
        return "".join(names)
    text = ", ".join(names[:-1]) + " and " + names[-1]
    if len(text) <= limit:
        return text
    head: list[str] = []
    for name in names:
        if len(", ".join([*head, name])) > limit - 40:
            break
        head.append(name)
    return f"{len(names)} repos ({', '.join(head)}, ...)"
