"""SKD0xx: what the scanner finds while reading a repo (files, encodings, manifests, locations)."""

from skilldex.rules.registry import rule

UNREADABLE = rule(
    "SKD001", "unreadable-file", "warning",
    "A file or folder could not be read.",
    "Check its permissions (chmod a+r) or move it out of the repo if it is not meant to be shared.",
    """
## What it does
Reports a file or folder skilldex could not open (permission denied or an I/O error).

## Why is this bad?
Agents run as the same user: if skilldex cannot read a skill or tool, neither can the agent,
so the tooling it describes is invisible.

## Example
`.claude/skills/deploy/SKILL.md` with mode `000`.
""",
)

NOT_UTF8 = rule(
    "SKD002", "non-utf8-file", "warning",
    "A text file is not valid UTF-8.",
    "Re-save the file as UTF-8 (for example `iconv -f latin1 -t utf-8`).",
    """
## What it does
Reports a text file (manifest, script, doc) whose bytes are not valid UTF-8. skilldex reads it with
replacement characters so nothing else is lost.

## Why is this bad?
Claude Code and most skill loaders expect UTF-8; other encodings garble descriptions or fail to load.

## Example
A SKILL.md saved as Latin-1 with `café` in its description.
""",
)

BINARY = rule(
    "SKD003", "binary-file", "warning",
    "A file with a text extension holds binary data.",
    "Replace it with the text it should hold, or rename it so it does not look like a manifest or script.",
    """
## What it does
Reports a file that skilldex expected to be text (SKILL.md, a script in tools/, a doc) but that
contains NUL bytes.

## Why is this bad?
It cannot describe anything to an agent, and it often means a broken commit or an LFS pointer gone wrong.

## Example
`tools/report.py` that is really a compiled `.pyc`.
""",
)

TOO_LARGE = rule(
    "SKD004", "file-too-large", "warning",
    "A file is larger than skilldex reads.",
    "Split the file; skills should stay under 500 lines and push detail into references/.",
    """
## What it does
Reports a manifest, script or doc larger than the scan's size cap; it is skipped, not parsed.

## Why is this bad?
Huge skill files cost agents context and are usually generated or pasted data, not instructions.

## Example
A 40 MB `docs/dump.md`.
""",
)

SYMLINK_OUTSIDE = rule(
    "SKD005", "symlink-outside-repo", "warning",
    "A symlink points outside the repository; it was not followed.",
    "Copy what it points to into the repo, or remove the link: a clone on another machine will not have the target.",
    """
## What it does
Reports a symbolic link whose target resolves outside the scanned repository root. skilldex never
follows such links.

## Why is this bad?
The target is not part of the repo, so other clones will not have it, and following it would read
files the repo does not own.

## Example
`.claude/skills/shared -> /home/alice/skills`.
""",
)

BROKEN_SYMLINK = rule(
    "SKD006", "broken-symlink", "warning",
    "A symlink is broken or part of a loop.",
    "Point the link at an existing file inside the repo, or remove it.",
    """
## What it does
Reports a symbolic link whose target does not exist, or a chain of links that loops.

## Why is this bad?
Whatever the link was meant to provide (often a shared skill) silently does not exist.

## Example
`.claude/skills/deploy -> ../../old/deploy` after `old/` was deleted.
""",
)

SPECIAL_FILE = rule(
    "SKD007", "special-file", "info",
    "A FIFO, socket or device file sits where tooling is expected; it was skipped.",
    "Remove it from the repo; special files do not belong in version control.",
    """
## What it does
Reports a named pipe, socket or device node found during the scan. skilldex never opens them
(opening a FIFO would block).

## Why is this bad?
They are never tooling, and tools that open them can hang.

## Example
`scripts/logpipe` created with `mkfifo`.
""",
)

SCAN_LIMIT = rule(
    "SKD008", "scan-limit-reached", "warning",
    "The scan stopped descending because the repo exceeds a size or depth limit.",
    "Point skilldex at the part of the repo that holds tooling, or raise the limit.",
    """
## What it does
Reports that the walk hit its bound on entries or depth; the catalogue may be incomplete.

## Why is this bad?
Items past the limit are not listed, so an agent might believe a tool does not exist.

## Example
A repo with vendored dependencies checked in outside the usual `node_modules/` or `vendor/`.
""",
)

NAME_NOT_UTF8 = rule(
    "SKD009", "non-utf8-file-name", "warning",
    "A file or folder name is not valid UTF-8; it was skipped.",
    "Rename it to a UTF-8 name (`git mv`), or delete it if it was created by accident.",
    """
## What it does
Reports a file or folder whose name bytes do not decode as UTF-8 (`src/\\xff.c`). It is skipped, and so is
everything under such a folder; the rest of the repo is catalogued as usual.

## Why is this bad?
Such a name cannot be written into JSON, SQLite or an agent's context as text; most tools show it
differently, and git may mangle it on another platform.

## Example
A file created by a script that wrote Latin-1 bytes: `printf x > "$(printf 'caf\\xe9.sh')"`.
""",
)

MISSING_FRONTMATTER = rule(
    "SKD010", "missing-frontmatter", "warning",
    "A skill, command, agent or knowledge file has no YAML frontmatter.",
    "Start the file with a `---` block holding at least `name` and `description`.",
    """
## What it does
Reports a manifest that does not start with a `---` YAML frontmatter block.

## Why is this bad?
Without a description, Claude Code falls back to the first paragraph and the open spec rejects the
skill; agents are much less likely to pick it for the right task.

## Example
```markdown
# Deploy
Run scripts/deploy.sh.
```
""",
)

UNCLOSED_FRONTMATTER = rule(
    "SKD011", "unclosed-frontmatter", "error",
    "Frontmatter opened with `---` is never closed.",
    "Add a line containing only `---` after the last frontmatter key.",
    """
## What it does
Reports a file whose first line is `---` but which has no closing `---` line.

## Why is this bad?
Loaders treat the whole file as frontmatter or as having none: the skill loses its metadata.

## Example
```markdown
---
name: deploy
description: Deploy the API
# Deploy
```
""",
)

INVALID_YAML = rule(
    "SKD012", "invalid-frontmatter-yaml", "error",
    "Frontmatter is not valid YAML.",
    "Quote values that contain `: ` or start with special characters, e.g. `description: \"Use when: ...\"`.",
    """
## What it does
Reports frontmatter that a YAML parser rejects, with the line and column of the problem.

## Why is this bad?
Claude Code then loads the skill with empty metadata: `/name` still works but Claude has no
description to match against, so the skill is never chosen automatically.

## Example
```yaml
description: Use this skill when: the database is down
```
""",
)

NOT_MAPPING = rule(
    "SKD013", "frontmatter-not-mapping", "error",
    "Frontmatter is valid YAML but not a mapping of keys to values.",
    "Write the frontmatter as `key: value` lines.",
    """
## What it does
Reports frontmatter that parses to a list or a plain string instead of a mapping.

## Why is this bad?
No loader can find `name` or `description` in it.

## Example
```yaml
- name: deploy
```
""",
)

BOM = rule(
    "SKD014", "frontmatter-after-bom", "warning",
    "The file starts with a UTF-8 byte-order mark before `---`.",
    "Save the file as UTF-8 without BOM.",
    """
## What it does
Reports a manifest whose first bytes are a byte-order mark, so `---` is not at the very start.
skilldex reads past the mark and goes on.

## Why is this bad?
skills-ref and quick_validate check that the text starts with `---`; with a BOM they see no
frontmatter at all and reject the skill.

## Example
A SKILL.md saved by an editor set to "UTF-8 with BOM".
""",
)

SKILL_FILENAME_CASE = rule(
    "SKD020", "skill-filename-case", "error",
    "A skill file is not named exactly `SKILL.md`; Claude Code does not load it.",
    "Rename it: `git mv skill.md SKILL.md`.",
    """
## What it does
Reports `skill.md`, `Skill.md`, `SKILL.MD` and other case variants inside a skills folder.

## Why is this bad?
Claude Code looks for a file named exactly `SKILL.md`; on case-sensitive file systems the skill is
silently ignored (anthropics/skills#314).

## Example
`.claude/skills/deploy/skill.md`
""",
)

SKILL_TOO_DEEP = rule(
    "SKD021", "skill-nested-too-deep", "error",
    "A skill sits deeper than Claude Code scans, so it is never discovered.",
    "Move it to `.claude/skills/<name>/SKILL.md` (one level below `skills/`).",
    """
## What it does
Reports `SKILL.md` files under a `.claude/skills/` folder but more than one level down, e.g.
`.claude/skills/<category>/<name>/SKILL.md`.

## Why is this bad?
Claude Code discovers `<skills-dir>/<name>/SKILL.md` only (claude-code#28266); deeper skills are
never loaded and never triggered.

## Example
`.claude/skills/database/execute-sql/SKILL.md`
""",
)

SKILL_NO_DESCRIPTION = rule(
    "SKD022", "skill-without-description", "warning",
    "A skill has no description in its frontmatter.",
    "Add `description:` saying what the skill does and when to use it.",
    """
## What it does
Reports a skill whose frontmatter lacks a non-empty `description`.

## Why is this bad?
Claude chooses skills by their description. Claude Code falls back to the body's first paragraph,
which rarely says when to use the skill; the open spec and claude.ai uploads reject it outright.

## Example
```yaml
name: deploy-lambda
```
""",
)

INVALID_MCP_JSON = rule(
    "SKD030", "invalid-mcp-json", "error",
    "`.mcp.json` is not valid JSON or does not have the expected shape.",
    "Fix the JSON; servers go under a top-level `mcpServers` object.",
    """
## What it does
Reports an `.mcp.json` that does not parse, or whose `mcpServers` is not an object of servers.

## Why is this bad?
Claude Code cannot start any of the project's MCP servers.

## Example
`{"mcpServers": {"db": {"command": "npx",}}}` (trailing comma)
""",
)

INVALID_TASK_FILE = rule(
    "SKD031", "invalid-task-file", "error",
    "A task-runner file (package.json, pyproject.toml, Taskfile.yml, compose.yaml) cannot be parsed.",
    "Fix the syntax error at the reported line.",
    """
## What it does
Reports a task-runner definition skilldex could not parse, so its tasks are not listed.

## Why is this bad?
The runner itself will fail too, and its tasks are invisible to agents.

## Example
A `package.json` with a trailing comma, or a `compose.yaml` whose `services:` is a list of names.
""",
)

TOOL_UNPARSABLE = rule(
    "SKD032", "tool-source-unparsable", "info",
    "A tool's source could not be parsed, so its description was not read.",
    "Fix the syntax error, or add a header comment describing the tool.",
    """
## What it does
Reports a script in a tools folder whose source does not parse (for Python, a SyntaxError).

## Why is this bad?
skilldex cannot read its purpose or flags without running it, which it never does.

## Example
A Python 2 script with `print "hello"`.
""",
)

KNOWLEDGE_NO_TITLE = rule(
    "SKD033", "knowledge-without-title", "warning",
    "A knowledge object has no `title` in its frontmatter.",
    "Add `title:`, `tags:` and `repos:` to the frontmatter.",
    """
## What it does
Reports a markdown file in `knowledge/` whose frontmatter has no title.

## Why is this bad?
Knowledge objects are found by title and tags; an untitled one is hard to surface at the right time.

## Example
```yaml
tags: [database]
```
""",
)

DUPLICATE_KEY = rule(
    "SKD015", "duplicate-frontmatter-key", "error",
    "A frontmatter key appears twice.",
    "Keep one of the two lines; YAML mappings cannot repeat a key.",
    """
## What it does
Reports a top-level frontmatter key written twice, at the line of the second one.

## Why is this bad?
YAML forbids duplicate keys. Strict loaders (skills-ref) reject the file; lenient ones (PyYAML,
quick_validate) silently keep the last value, so what you read is not what loads.

## Example
```yaml
description: Deploy the API
description: Roll back the API
```
""",
)

EMPTY_FILE = rule(
    "SKD016", "empty-manifest", "error",
    "A skill, command or agent file is empty.",
    "Write the frontmatter (`name`, `description`) and the instructions, or delete the file.",
    """
## What it does
Reports a SKILL.md, command or agent file with no content (or only whitespace).

## Why is this bad?
It registers a name that does nothing: agents may pick it and get no instructions.

## Example
`touch .claude/skills/deploy/SKILL.md` committed as is.
""",
)

SECRET = rule(
    "SKD040", "secret-in-file", "warning",
    "A file skilldex read holds what looks like a secret value (a key, token, password or private key).",
    "Remove the value from the repo, rotate it, and read it at run time (env var, secrets manager).",
    """
## What it does
Finds likely secret values in every file skilldex reads: AWS access keys, private keys, tokens with
known prefixes (GitHub, GitLab, Slack, Stripe, `sk-`, Google, npm, JWTs, ...), Azure account keys and
SAS signatures, `Authorization` headers, passwords inside connection strings and on command lines
(`--password x`, `mysql -px`, `docker login -p x`), literal values assigned to password/secret/token
keys (quoted, make's `:=`, YAML blocks), and high-entropy literals in assignments. The finding gives
the file, line and kind, never the value, and skilldex prints `[redacted]` wherever the value would
have appeared (list, show, find, the startup brief, hooks, MCP replies, generated files, exports, the
index), also where the file repeats the value away from its key. Names and paths are never rewritten.

## Why is this bad?
A committed secret is readable by everyone with the repo, and anything that copies the repo's text
into an agent's context copies the secret too. Names of secrets (`credmate/prod/db-credentials`,
`DB_PASSWORD`) are fine; values are not.

## Example
```sh
export DATABASE_URL=postgres://admin:S3cr3tP4ss@prod-db:5432/app   # SKD040: password in a connection string
```
""",
)
