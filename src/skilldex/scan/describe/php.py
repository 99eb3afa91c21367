"""PHP tools: the same /** docblocks */ and option parsing as JavaScript's, after the `<?php` open tag."""

from __future__ import annotations

import re

from skilldex.scan.describe import javascript
from skilldex.scan.describe.base import MAX_TEXT_CHARS, ToolInfo

MAX_CHARS = MAX_TEXT_CHARS
_OPEN_TAG = re.compile(r"^(#![^\n]*\n)?\s*<\?php\b")


def describe(filename: str, text: str, language: str = "php") -> ToolInfo:
    return javascript.describe(filename, _OPEN_TAG.sub("", text), language)
