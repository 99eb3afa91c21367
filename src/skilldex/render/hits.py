"""`skilldex find` results as text: numbered, with what each item does, how to run it, and why it matched."""

from __future__ import annotations

from skilldex.oneline import clip, oneline


def render_hits(hits: list, intent: str, everywhere: bool = False) -> str:
    if not hits:
        return (
            f'Nothing matches "{intent}". Try other words (the tool\'s name, the system it touches), '
            "or `skilldex list REPO` to browse.\n"
        )
    lines = []
    for number, hit in enumerate(hits, 1):
        where = f"{hit.repo}:" if everywhere else ""
        lines.append(f"{number}. {oneline(hit.name)}  [{hit.kind}]  {where}{oneline(hit.path)}")
        if hit.description:
            lines.append(f"   {short(hit.description)}")
        if hit.run:
            lines.append(f"   run: {oneline(hit.run)}")
        lines.append(f"   why: {'; '.join(hit.why)}  (score {hit.score:.2f})")
    return "\n".join(lines) + "\n"


def short(text: str, limit: int = 160) -> str:
    text = oneline(text)
    return clip(text, limit)
