"""Docs: CLAUDE.md/AGENTS.md files and markdown about infrastructure, operations, deploys and access, and
about developing the code (setup, running it locally, tests)."""

from __future__ import annotations

import re

from skilldex import capabilities, importance
from skilldex.markdown import CodeBlock, first_paragraph, headings_and_code, opens_with_list
from skilldex.models import CodeCommand, DocItem, Heading
from skilldex.samples import SAMPLE_DIRS, in_samples
from skilldex.scan.common import as_str, read_manifest, resolve_references
from skilldex.scan.fs import RepoFile, RepoFS

DOC_EXTENSIONS = (".md", ".mdx", ".markdown", ".rst")
# What agents read first: Claude Code, AGENTS.md readers (Codex, Cursor...), Gemini CLI, GitHub Copilot.
AGENT_DOCS = {"claude.md", "claude.local.md", "agents.md", "agents.override.md", "gemini.md", "copilot-instructions.md"}
DOC_FOLDERS = {"docs", "doc", "documentation", "wiki", "handbook", "book", "guides", "manual"}
# How-to-work-on-it docs that GitHub also reads from .github/ (okhttp keeps CONTRIBUTING.md there).
GITHUB_DOCS = {
    "contributing",
    "development",
    "developing",
    "releasing",
    "release",
    "releases",
    "maintaining",
    "hacking",
}
# Records of what changed, not how to do anything.
RECORDS = {"changelog", "changes", "history", "news", "release-notes", "releasenotes", "releases-notes"}
MAX_README_DEPTH = 3  # a package's README (`tracker/README.md`) counts when it has a Development section
# Folders whose markdown is operational by nature, wherever they sit.
OPS_FOLDERS = {
    "runbooks",
    "runbook",
    "playbooks",
    "ops",
    "operations",
    "infra",
    "infrastructure",
    "deploy",
    "deployment",
    "deployments",
    "sre",
    "oncall",
    "on-call",
    "incidents",
    "postmortems",
    "maintenance",
}
# Words in a path or title that make a doc about operating the system.
OPS_WORDS = re.compile(
    r"\b(runbooks?|playbooks?|operations?|ops|on-?call|incidents?|postmortems?|sre|access|"
    r"environments?|production|prod|staging|troubleshoot\w*|disaster|recovery|known issues|"
    r"release process|releasing|self ?host\w*|maintenance|upgrad(?:e|es|ing)|reverse proxy|let's encrypt|https|"
    r"import(?:ing)? (?:from|data)|data imports?|docker|containers?)\b"
)  # upgrading an install, putting it behind a proxy with TLS, importing data from another system, running it in
# Docker (a word that tags nothing: capabilities.vocabulary): how to run it
# Words in a path, title or section heading that make a doc say how to build, run and test the code
# ("setup", "getting started" and "quickstart" are as often the users' install guide, so they do not count).
DEV_WORDS = re.compile(
    r"\b(development|developing|developer guide|dev setup|contributing|hacking|running (?:the )?tests|"
    r"(?:automated|unit|integration|end to end|e2e|acceptance|smoke) tests|"
    r"testing|test suite|local (?:environment|setup)|releases?(?! notes?\b)|release checklist|building from source|"
    r"build from source|dev docs)\b"
)  # a dev/docs folder holds the developers' docs (BookStack's theme system, its testing and release notes)
# A how-to by its form rather than its topic: an install or configuration guide, a FAQ, questions or numbered
# steps as its sections, a page in a how-to folder. What it walks through is done by hand, with nothing to run.
HOWTO_TITLE = re.compile(
    r"\b(install(?:ation|ing)?|configur(?:e|ation|ing)|faqs?|frequently asked questions|how ?tos?)\b"
)
HOWTO_SECTION = re.compile(r"^(?:how (?:do|can|should) (?:i|we|you)\b|how to\b|step \d+\b)", re.MULTILINE)
HOWTO_FOLDERS = {"how-to", "how-tos", "howto", "howtos", "recipes", "cookbook"}
_HOWTO_FOLDER = re.compile(r"how[-_]?tos?(?:[-_]|$)")  # how-to-guides/, howto_docs/
SHELL_LANGS = {"", "sh", "bash", "shell", "console", "zsh", "shell-session", "shellsession", "terminal"}
# The sections a reference generator writes (terraform-docs): a README holding only these, under at most a title,
# is a table of a module's variables, not a doc anyone follows
GENERATED_SECTIONS = frozenset({"inputs", "outputs", "requirements", "providers", "modules", "resources"})
MAX_HEADINGS = 100
MAX_COMMANDS = 50
# skilldex's own managed blocks (init's in CLAUDE.md, sync's in AGENTS.md) are not the repo's docs: read as
# one, the block the first `skilldex init` wrote would change the index a second run writes.
_MANAGED_BLOCK = re.compile(
    r"^[ \t]*<!-- skilldex:begin\b.*?^[ \t]*<!-- skilldex:end\b[^\n]*", re.MULTILINE | re.DOTALL
)


def _candidate(file: RepoFile) -> bool:
    lower = file.name.lower()
    if lower in AGENT_DOCS:  # Copilot reads its instructions from .github/ only
        return lower != "copilot-instructions.md" or file.parts[-2:-1] == (".github",)
    if not lower.endswith(DOC_EXTENSIONS) or lower == "skill.md":
        return False
    if is_rule(file):
        return True
    folders = {p.lower() for p in file.parts[:-1]}
    if ".claude" in folders or "knowledge" in folders or "skills" in folders:
        return False  # skills, commands, agents and knowledge objects are their own kinds
    stem = lower.rsplit(".", 1)[0]
    if stem.replace("_", "-") in RECORDS:
        return False
    if file.parts[:-1] == (".github",):
        return stem in GITHUB_DOCS
    if (
        stem == "readme"
        and len(file.parts) <= MAX_README_DEPTH + 1
        and not (folders & SAMPLE_DIRS and in_samples(file.rel))
    ):
        return not any(p.startswith(".") for p in folders)
    return (
        len(file.parts) == 1
        or bool(folders & (DOC_FOLDERS | OPS_FOLDERS))
        or any(f.endswith(("_docs", "-docs")) for f in folders)
    )  # ai_docs/, dev-docs/


# Sections of a root README that say how to install, run or use what the repo holds
_HOW_TO_RUN = re.compile(
    r"\b(installation|installing|install|running|run|usage|quick ?start|getting started|deploy\w*)\b"
)


def _says_how_to_run(file: RepoFile, sections: str) -> bool:
    """The root README, where everyone starts, when a section of it says how to install, run or use the repo
    (`## Installation`, `### How do we run terragrunt plan locally?`): a small repo's only guide. Not a README that
    only says what the repo is. A folder's README when its top-level sections say how to deploy or run it."""
    if not file.name.lower().startswith("readme"):
        return False
    if len(file.parts) == 1:
        return bool(_HOW_TO_RUN.search(sections.lower()))
    return bool(_HOW_TO_DEPLOY.search(sections.lower()))


# Top-level sections of a folder's README that walk through deploying or running what the folder holds
# (`## Deploying with Cloud Build`, `## Running Terraform locally`): the how-to of a stage, not a package's usage
_HOW_TO_DEPLOY = re.compile(r"(?:^|\| )(?:deploying|how to deploy|deploy (?:it|with|to|using)|running \w+ locally)\b")


_HOW_TO_WORK = {"contributing", "development", "developing", "hacking"}


def _stem(file: RepoFile) -> str:
    return file.name.lower().rsplit(".", 1)[0]


def _guide(file: RepoFile) -> bool:
    return file.name.lower() in AGENT_DOCS or (len(file.parts) == 1 and file.name.lower().startswith("readme"))


# Docs that walk through the whole system: their sections name its parts, not what the doc is for.
OVERVIEWS = {"architecture", "overview", "design", "system-design"}


def _capabilities(file: RepoFile, title: str | None, summary: object, description: str, headings: str) -> list[str]:
    """A doc is what its path, title and summary (frontmatter `description`) say; its first sentence when those say
    nothing (a first paragraph is as often a warning: "Rollbacks do not undo migrations"); its headings last."""
    weak = (headings,) if _headings_tell(file) else ()
    if isinstance(summary, str):
        return capabilities.infer_fields((title, capabilities.lead(summary)), weak, names=(file.rel,))
    return capabilities.infer_fields((title,), names=(file.rel,)) or capabilities.infer_fields(
        (title, capabilities.lead(description)), weak, names=(file.rel,)
    )


def _headings_tell(file: RepoFile) -> bool:
    """Whether the doc's headings say what it is for: not in a guide, a rule file or an overview, whose sections
    cover the whole repo or its code, nor in a plan, proposal or record, whose sections tell a story (a checklist's
    "Testing" step)."""
    stem = file.name.lower().rsplit(".", 1)[0].replace("_", "-")
    return not (_guide(file) or is_rule(file) or stem in OVERVIEWS or importance.is_record("doc", file.rel))


def is_rule(file: RepoFile) -> bool:
    """A `.claude/rules/**/*.md` file: project rules Claude Code loads (always, or for the paths they name)."""
    return file.parts[:2] == (".claude", "rules") and file.name.lower().endswith(".md")


def _about_operations(path: str, title: str | None, sections: str = "") -> bool:
    """About operating, building, running or testing the system: by path, title or a top-level section."""
    words = " ".join([path.replace("/", " ").replace("_", " "), title or ""]).lower()
    words = re.sub(r"\.(md|mdx|markdown|rst)\b", "", words)
    plain = words.replace("-", " ")
    if OPS_WORDS.search(plain) or DEV_WORDS.search(plain) or DEV_WORDS.search(sections.lower().replace("-", " ")):
        return True
    folders = {p.lower() for p in path.split("/")[:-1]}
    if folders & (OPS_FOLDERS | HOWTO_FOLDERS) or any(_HOWTO_FOLDER.match(f) for f in folders):
        return True
    # not a README (a project's sections are its usage), nor a plan or a record, whose steps were a story
    told = path.rsplit("/", 1)[-1].lower().startswith(("readme", "index")) or importance.is_record("doc", path)
    if not told and (HOWTO_TITLE.search(plain) or HOWTO_SECTION.search(sections.lower().replace(" | ", "\n"))):
        return True
    return bool(capabilities.OPERATIONAL & set(capabilities.infer(words)))


def _commands(blocks) -> list[CodeCommand]:
    found: list[CodeCommand] = []
    for block in blocks:
        if block.language not in SHELL_LANGS:
            continue
        prompted = any(text.lstrip().startswith("$ ") for _, text in block.lines)
        pending: tuple[int, str] | None = None
        for line, raw in block.lines:
            text = raw.strip()
            if pending:
                pending = (pending[0], pending[1] + " " + text.rstrip("\\").strip())
                if not text.endswith("\\"):
                    found.append(CodeCommand(command=pending[1], line=pending[0]))
                    pending = None
                continue
            if prompted:
                if not text.startswith("$ "):
                    continue  # console output
                text = text[2:].strip()
            if not text or text.startswith("#") or (block.language == "" and not _looks_like_command(text)):
                continue
            if text.endswith("\\"):
                pending = (line, text.rstrip("\\").strip())
                continue
            found.append(CodeCommand(command=text, line=line))
        if pending:
            found.append(CodeCommand(command=pending[1], line=pending[0]))
    return found[:MAX_COMMANDS]


_COMMAND_START = re.compile(r"^(\./|[a-z][\w.-]*(/[\w.-]+)*\s)")


def _looks_like_command(text: str) -> bool:
    # Unlabelled fences also hold output and config; keep lines that start like a command line.
    return bool(_COMMAND_START.match(text)) and not text.endswith((":", ","))


_RST_RULE = re.compile(r"^([=\-~^\"'`#*+:.])\1{2,}\s*$")
_RST_CODE = re.compile(r"^\.\. (?:code-block|code|sourcecode)::\s*(\S*)|.*::\s*$")


def rst_headings_and_code(body: str, first_line: int = 1):
    """reStructuredText: underlined titles (levels by first appearance of each rule) and indented code."""
    lines = body.splitlines()
    headings: list[tuple[int, str, int]] = []
    blocks: list[CodeBlock] = []
    levels: list[str] = []
    index = 0
    while index < len(lines):
        text = lines[index].strip()
        rule = _RST_RULE.match(lines[index + 1].strip()) if index + 1 < len(lines) else None
        if text and not _RST_RULE.match(text) and rule and len(lines[index + 1].strip()) >= len(text):
            char = rule.group(1)
            if char not in levels:
                levels.append(char)
            headings.append((levels.index(char) + 1, text, first_line + index))
            index += 2
            continue
        code = _RST_CODE.match(lines[index])
        if code:
            block = CodeBlock((code.group(1) or "").lower(), [])
            index += 1
            while index < len(lines) and (not lines[index].strip() or lines[index][:1].isspace()):
                if lines[index].strip() and not lines[index].lstrip().startswith(":"):
                    block.lines.append((first_line + index, lines[index]))
                index += 1
            blocks.append(block)
            continue
        index += 1
    return headings, blocks


def _name(file: RepoFile) -> str:
    """The file's stem; a README or index below the root is named by its folder too (`backup_tools/README`),
    or a repo's many READMEs would all be called README."""
    stem = file.name.rsplit(".", 1)[0]
    if stem.lower() in ("readme", "index") and len(file.parts) > 1:
        return f"{file.parts[-2]}/{stem}"
    return stem


def scan_file(fs: RepoFS, file: RepoFile) -> list[DocItem]:
    items: list[DocItem] = []
    if not _candidate(file):
        return items
    agent_doc = file.name.lower() in AGENT_DOCS or is_rule(file)
    read = read_manifest(fs, file)
    if read is None:
        return items
    _, doc = read
    if agent_doc:
        # Blank lines in its place keep the line numbers of what follows.
        doc.body = _MANAGED_BLOCK.sub(lambda m: "\n" * m.group().count("\n"), doc.body)
    prose = doc.body
    if file.name.lower().endswith(".rst"):
        headings, blocks = rst_headings_and_code(doc.body, doc.body_start)
        titled = {h[2] - doc.body_start for h in headings}  # drop titles so they are not taken for prose
        prose = "\n".join(
            "" if i in titled or i - 1 in titled else line for i, line in enumerate(doc.body.splitlines())
        )
    else:
        headings, blocks = headings_and_code(doc.body, doc.body_start)
    if not prose.strip() and not headings:
        return items  # an empty doc (or only frontmatter) tells nobody anything
    sections_below = [h[1].strip().lower() for h in headings if h[0] > 1]
    if sections_below and all(section in GENERATED_SECTIONS for section in sections_below):
        return items  # only a generated reference table (terraform-docs' Inputs and Outputs): nothing to follow
    title = as_str(doc.frontmatter.get("title")) or next((h[1] for h in headings if h[0] == 1), None)
    sections = " | ".join(h[1] for h in headings[:MAX_HEADINGS] if h[0] <= 2)
    every = " | ".join(h[1] for h in headings[:MAX_HEADINGS])
    if (
        not agent_doc
        and not _about_operations(file.rel, title, sections)
        and not _says_how_to_run(file, every if len(file.parts) == 1 else sections)
    ):
        return items
    # A doc that opens with a list is summed up by its title better than by a later paragraph
    # (often troubleshooting) or by the list run together.
    opening = title if title and opens_with_list(prose) else first_paragraph(prose)
    if title and opening and opening.startswith(":::"):
        opening = title  # a Docusaurus admonition (":::warning Create a backup first") is an aside, not the topic
    description = as_str(doc.frontmatter.get("description")) or opening
    heading_text = " ".join(h[1] for h in headings)
    commands = _commands(blocks)
    said = _capabilities(file, title, doc.frontmatter.get("description"), description, heading_text)
    if file.name.lower().startswith("readme") and fs.files_in(file.rel.rpartition("/")[0], ".tf"):
        said = capabilities.of_module(said)
    if _guide(file) or _stem(file) in _HOW_TO_WORK:  # a README, agent guide or contributing guide is about the
        # systems the commands it shows run most (`oc`, `make deploy`); every guide shows how to build and test
        shown = capabilities.systems_run("\n".join(c.command for c in commands))
        said = sorted({*said, *shown}, key=capabilities.ORDER_OF.__getitem__)
    items.append(
        DocItem(
            name=_name(file) if not agent_doc or is_rule(file) else file.rel,
            path=file.rel,
            description=description,
            capabilities=said,
            title=title,
            headings=[Heading(level=h[0], text=h[1], line=h[2]) for h in headings[:MAX_HEADINGS]],
            commands=commands,
            references=resolve_references(fs, file.rel, doc.body, doc.body_start),
        )
    )
    return items
