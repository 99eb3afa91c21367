"""How knowledge objects weigh in a ranking: a Don't line that says what the intent is about to do counts most.

A knowledge hit whose *Don't* line covers the intent is raised (more than for a *Do* line) and its
`why` quotes the line; an item that such a line names (`infra/scripts/prod_db_exec.py`) is lowered
and its `why` says which object warns against it; an expired object is lowered.
"""

from __future__ import annotations

import datetime
import re

from skilldex.capabilities import stem, tokens

DONT_BONUS = 0.6  # score x (1 + bonus x share of the intent the line says)
DO_BONUS = 0.25
LINE_SHARE = 0.5  # a line must say at least this share of the intent (and two of its words) to count
WARNED = 0.75  # an item named by a matching Don't line
EXPIRED = 0.5
WHY_CHARS = 160
_CODE = re.compile(r"`([^`\n]{1,200})`")
_RUNNERS = {"python", "python3", "bash", "sh", "zsh", "node", "npx", "uv", "run", "sudo", "pnpm", "exec"}
_SCRIPT = re.compile(r"\.(?:py|sh|bash|js|mjs|cjs|ts|rb|pl|go|md|ya?ml|json|toml|sql)$")


def line_match(wanted: list, text: str, rarity: list[float] | None = None) -> tuple[float, int]:
    """(share of the intent the text says, how many of its words it says).

    Each intent word weighs its rarity in the repo (default: all equal); a synonym counts 0.6.
    """
    said = set(tokens(text))
    weights = rarity or [1.0] * len(wanted)
    total, count = 0.0, 0
    for concept, rare in zip(wanted, weights, strict=True):
        best = 0.0
        for term, weight in concept.terms.items():
            word = stem(term.lower())
            if word in said or (len(word) >= 4 and any(w.startswith(word) for w in said)):
                best = max(best, weight)
        if best:
            total, count = total + best * rare, count + 1
    return total / max(sum(weights), 1e-9), count


def best_line(wanted: list, lines: list[str], rarity: list[float] | None = None) -> tuple[float, str] | None:
    """The line that says most of the intent, if it says enough to count."""
    best = None
    for text in lines:
        share, count = line_match(wanted, text, rarity)
        if share >= LINE_SHARE and count >= min(2, len(wanted)) and (best is None or share > best[0]):
            best = (share, text)
    return best


def subjects(text: str) -> set[str]:
    """Paths and /commands a line names in backticks: `python3 tools/rds-query --mutate` -> tools/rds-query."""
    found = set()
    for span in _CODE.findall(text):
        words = [w for w in span.split() if w.lower() not in _RUNNERS]
        if not words:
            continue
        word = words[0].strip("'\"").removeprefix("./").rstrip("/:,")
        if re.fullmatch(r"/[a-z0-9][\w:-]*", word):
            found.add(word)
        elif "/" in word[1:] and not word.startswith(("/", "~", "$", "http")) or _SCRIPT.search(word):
            found.add(word.lstrip("/"))
    return found


def quote(text: str, limit: int = WHY_CHARS) -> str:
    """A Do or Don't line for `why`: without its leading "Don't", capped."""
    # lazy: `skilldex find` uses this module without knowledge.surface
    from skilldex.knowledge.surface import quote as shown

    return shown(text, limit)


def adjust(hits: list, details, wanted: list, rarity: list[float] | None = None) -> None:
    """Reweigh knowledge hits by their Do/Don't lines, and the items their matching Don'ts name (in place).

    `details(hit)` returns the knowledge item's fields (dont, do, expires) as a dict.
    """
    today = datetime.date.today().isoformat()
    warnings: dict[tuple[str, str], tuple[str, str]] = {}  # (repo, path or /name) -> (object path, line)
    for hit in hits:
        if hit.kind != "knowledge":
            continue
        data = details(hit)
        dont = best_line(wanted, data.get("dont") or [], rarity)
        do = best_line(wanted, data.get("do") or [], rarity)
        factor = 1.0
        if dont:
            factor = 1 + DONT_BONUS * dont[0]
            hit.why.append(f"don't: {quote(dont[1])}")
            for line in [dont[1], *(t for t in data.get("dont") or [] if best_line(wanted, [t], rarity))]:
                for subject in subjects(line):
                    warnings.setdefault((hit.repo, subject), (hit.path, line))
        if do:
            factor = max(factor, 1 + DO_BONUS * do[0])
            hit.why.append(f"do: {quote(do[1])}")
        expires = data.get("expires")
        if isinstance(expires, str) and expires < today:
            factor *= EXPIRED
            hit.why.append(f"expired {expires}")
        hit.score *= factor
    for hit in hits:
        name = f"/{hit.name}" if hit.kind in ("skill", "command") else hit.path
        warned = warnings.get((hit.repo, hit.path)) or warnings.get((hit.repo, name))
        if warned and hit.kind != "knowledge":
            hit.score *= WARNED
            hit.why.append(f"{warned[0]} says don't: {quote(warned[1])}")
