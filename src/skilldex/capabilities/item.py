"""An item's capabilities: what its name and the lead of its description say; its body only when they say nothing."""

from __future__ import annotations

import re

from skilldex.capabilities.signals import CONTEXT_STEMS, ORDER, signals
from skilldex.capabilities.vocabulary import OPERATIONAL
from skilldex.capabilities.words import said_of
from skilldex.lazyre import Lazy  # compiled on first use: most commands need few of them


def infer_fields(
    strong: tuple[str | None, ...],
    weak: tuple[str | None, ...] = (),
    names: tuple[str | None, ...] = (),
    runs: tuple[str | None, ...] = (),
) -> list[str]:
    """Capabilities an item is about: any its `names` signal; those its `strong` texts (title, the first sentence
    of its description, its own desc) signal with more than a context word (CONTEXT: in a Kubernetes repo every
    sentence says "cluster"); and, only when those say nothing, those its strong and `weak` texts (the rest of the
    description, headings, commands, workflow steps) say at least CORROBORATE times: one passing word in a body is
    not what it does. What it `runs` (a recipe's command lines) serves by its programs always counts: `terraform
    apply` is infrastructure whatever the task is called."""
    sense: set[str] = set()  # words the name or title gave another sense (a BGP migration): so in the body too
    named = " ".join(t for t in names if t)
    found = set(signals(named, dropped=sense))
    lead = said_of(" ".join(t for t in strong if t))
    found.update(signals(lead, skip=CONTEXT_STEMS, dropped=sense))
    if sense and named:  # and in the name: zitadel-migration.md titled "Zitadel OIDC Migration" moves no schema
        found = set(signals(named, skip=frozenset(sense))) | set(signals(lead, skip=CONTEXT_STEMS | sense))
    if not found:  # the body speaks only where the name and lead say nothing: a secrets skill that mentions its
        # Terragrunt module twice is no infrastructure skill, a deploy workflow that migrates no database one
        body = signals(lead + " " + said_of(" ".join(t for t in weak if t)), skip=CONTEXT_STEMS | sense)
        said = sorted((c for c, n in body.items() if n >= CORROBORATE), key=lambda c: (-body[c], ORDER[c]))
        found.update(said[:MAX_FROM_BODY])  # a pipeline's steps touch everything; it is about what it says most
    if not runs:
        return sorted(found, key=ORDER.__getitem__)
    # lazy: the program table is read while scanning only; a warm startup or find never infers tags
    from skilldex.capabilities.runs import of_commands, of_ends

    if found:  # what the name says it does, and what its first and last commands do
        found.update(*map(of_ends, runs))
    else:  # an unnamed recipe is what its commands run
        served: dict[str, int] = {}
        for text in runs:
            for capability, n in of_commands(text).items():
                served[capability] = served.get(capability, 0) + n
        if len(served) > 1:  # git is how a script gets at its work (checks out, commits the result), not the work
            served.pop("git", None)
        most = max(served.values(), default=0)  # what most of them serve: a teardown that also reads a secret
        found.update(sorted((c for c in served if 2 * served[c] >= most), key=lambda c: (-served[c], ORDER[c]))[:2])
    return sorted(found, key=ORDER.__getitem__)


CORROBORATE = 2
MAX_FROM_BODY = 2
TRIGGER_WORDS = 20
_FIRST_SENTENCE = Lazy(r"(?<=[.!?:])\s+(?=[A-Z`*(\[])|\n\s*\n")


def of_item(name: str | None, description: str | None, *weak: str | None) -> list[str]:
    """An item's capabilities: its name and the first sentence of its description say what it does; the rest of
    the description and `weak` (when-to-use, commands, headings, steps) only when they say it twice."""
    lead, _, rest = _split(description or "")
    trigger = _TRIGGER.search(rest)  # "Use when ..." says what it is for, as Claude Code reads it
    if trigger:  # its first TRIGGER_WORDS words: "Use when: (1) ... (2) ..." lists every case it touches
        said, _, more = _split(rest[trigger.start() :])
        if infer_fields((lead,), names=(name,)):  # after a lead that says what it does, only its first case counts:
            said = _CASE.split(said, 1)[0]  # the rest of a list are side cases (Loki's "debugging Flux")
        words = said.split()
        said, more = " ".join(words[:TRIGGER_WORDS]), " ".join(words[TRIGGER_WORDS:]) + " " + more
        lead, rest = f"{lead} {said}", rest[: trigger.start()] + " " + more
    return infer_fields((lead,), (rest, *weak), names=(name,))


_CASE = Lazy(r"[,;]|\(\d\)|\s\d\)|:\s")  # where a "Use when" list's first case ends
_TRIGGER = Lazy(r"\b(?:use|used|invoke|trigger) (?:this )?(?:skill )?(?:when|for|to)\b", re.IGNORECASE)


def _split(text: str) -> tuple[str, str, str]:
    """(the first sentence, "", the rest); of a list the first sentence opens with "including" or "such as", only
    its first part is the lead: "C# guidelines, including code style, naming, logging" is no logs doc."""
    parts = _FIRST_SENTENCE.split(text.strip(), 1)
    first, rest = parts[0], parts[1] if len(parts) > 1 else ""
    listed = _LIST.search(first)
    if listed:
        case, _, others = _CASE.split(first[listed.end() :], 1)[0], "", first[listed.end() :]
        first, rest = first[: listed.start()] + " " + case, f"{others} {rest}"
    return first, "", rest


_LIST = Lazy(r",?\s+(?:including|such as|e\.g\.,?)\s+", re.IGNORECASE)


def systems_run(commands: str) -> list[str]:
    """The systems (operational capabilities) a guide's commands run most: at most two, each run at least half as
    often as the first, and twice or half as often as what its commands do most. How it builds and tests the code,
    which every guide shows, is no system (but a guide of twenty test commands still shows its two `docker compose
    up`), nor is the login that sets its reader up (`gcloud auth login`)."""
    # lazy: the program table is read while scanning only
    from skilldex.capabilities.runs import of_commands

    every = of_commands(commands)
    floor = min(2, max(every.values(), default=0) / 2)
    served = {c: n for c, n in every.items() if c in _SYSTEMS and n >= floor}
    most = max(served.values(), default=0)
    return sorted((c for c in served if 2 * served[c] >= most), key=lambda c: (-served[c], ORDER[c]))[:2]


_SYSTEMS = OPERATIONAL - {"access"}


def of_installer(path: str, found: list[str]) -> list[str]:
    """A script named only for installing or upgrading (install.sh, upgrade): the repo's own product onto a host, a
    deploy, whatever else its body does; `install-crd`, `upgrade-postgres` say what they install, and a dev
    container feature's install.sh sets up that container."""
    folders, _, name = path.lower().rpartition("/")
    if name.rsplit(".", 1)[0] not in _INSTALLERS or ".devcontainer" in folders.split("/"):
        return found
    return sorted({*found, "deploy"}, key=ORDER.__getitem__)


_INSTALLERS = frozenset({"install", "upgrade"})


def of_module(found: list[str]) -> list[str]:
    """The capabilities of an infrastructure-as-code module's README (a Terraform folder's): infrastructure, which
    its resources are; the VPN, VPC or IAM role it declares are what it builds, not access to or work in a cloud."""
    return sorted({*found, "infrastructure"} - _BUILT, key=ORDER.__getitem__)


_BUILT = frozenset({"access", "cloud"})


def lead(text: str | None) -> str:
    """The first sentence of a description: what the item says it does."""
    return _split(text or "")[0]
