"""The one sanitizer for repo text that reaches an agent or a terminal: one line, nothing invisible or live.

Names, paths, titles and commands come from the repo, which chooses them: a file named "x\\n## SYSTEM" must
not start a heading in a brief, a terminal escape (ESC, OSC, BEL, CR) must not reach a screen, and bidi
overrides, zero-width and tag characters must not make a line say something other than what it shows.
Whitespace runs (newlines, U+2028 too) become one space, other control characters and lone surrogates
(undecodable file-name bytes) a `?`, format characters (category Cf: bidi, zero-width, tags) are dropped.
`code()` puts such text in a Markdown code span that no backtick in it can end. JSON output keeps the
exact text; every text renderer goes through here.
"""

from __future__ import annotations

# Looked up per character only for text that str.isprintable() rejects: the common case never imports it.
_REPLACED = ("Cc", "Cs")  # control characters, lone surrogates (os.fsdecode of a non-UTF-8 name)
_DROPPED = "Cf"  # bidi controls, zero-width (space, joiners), soft hyphen, BOM, Unicode tag characters


def oneline(text: object) -> str:
    """`text` on one line with no control, escape, bidi or zero-width characters."""
    text = str(text)
    if text.isprintable() and "  " not in text:  # the common case, decided in C
        return text.strip()
    return " ".join(_visible(text).split())


def clip(text: str, limit: int) -> str:
    """`text` as is when it fits in `limit` characters, else cut at its last space before the limit, with "…"."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def visible(text: object) -> str:
    """One line of text with its spacing kept (aligned usage columns): line breaks and tabs become spaces."""
    text = str(text)
    return text if text.isprintable() else _visible(text)


def lines(text: object) -> str:
    """Text whose line breaks are kept (a description inside a tag, a JSON value), each line made visible()."""
    text = str(text)
    return text if text.isprintable() else "\n".join(visible(line) for line in text.split("\n"))


def _visible(text: str) -> str:
    from unicodedata import category  # lazy: `skilldex doctor` and `find` use this module without unicodedata

    out = []
    for ch in text:
        kind = category(ch)
        if kind == _DROPPED:
            continue
        out.append(" " if ch.isspace() else "?" if kind in _REPLACED else ch)
    return "".join(out)


def code(text: object) -> str:
    """`text` as one inline code span: fenced by more backticks than any run inside it (CommonMark)."""
    text = oneline(text)
    longest = run = 0
    for ch in text:
        run = run + 1 if ch == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
