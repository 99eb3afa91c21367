"""SKD0xx: what the scanner finds while reading a repo (files, encodings, manifests, locations)."""

from skilldex.rules.registry import doc, rule

UNREADABLE = rule(
    "SKD001",
    "unreadable-file",
    "warning",
    "A file or folder could not be read.",
    "Check its permissions (chmod a+r) or move it out of the repo if it is not meant to be shared.",
    doc(
        "Reports a file or folder skilldex could not open (permission denied or an I/O error).",
        "Agents run as the same user: if skilldex cannot read a skill or tool, neither can the agent,\n"
        "so the tooling it describes is invisible.",
        "`.claude/skills/deploy/SKILL.md` with mode `000`.",
    ),
)

NOT_UTF8 = rule(
    "SKD002",
    "non-utf8-file",
    "warning",
    "A text file is not valid UTF-8.",
    "Re-save the file as UTF-8 (for example `iconv -f latin1 -t utf-8`).",
    doc(
        "Reports a text file (manifest, script, doc) whose bytes are not valid UTF-8. skilldex reads it with\n"
        "replacement characters so nothing else is lost.",
        "Claude Code and most skill loaders expect UTF-8; other encodings garble descriptions or fail to load.",
        "A SKILL.md saved as Latin-1 with `café` in its description.",
    ),
)

BINARY = rule(
    "SKD003",
    "binary-file",
    "warning",
    "A file with a text extension holds binary data.",
    "Replace it with the text it should hold, or rename it so it does not look like a manifest or script.",
    doc(
        "Reports a file that skilldex expected to be text (SKILL.md, a script in tools/, a doc) but that\n"
        "contains NUL bytes.",
        "It cannot describe anything to an agent, and it often means a broken commit or an LFS pointer gone wrong.",
        "`tools/report.py` that is really a compiled `.pyc`.",
    ),
)

TOO_LARGE = rule(
    "SKD004",
    "file-too-large",
    "warning",
    "A file is larger than skilldex reads.",
    "Split the file; skills should stay under 500 lines and push detail into references/.",
    doc(
        "Reports a manifest, script or doc larger than the scan's size cap; it is skipped, not parsed.",
        "Huge skill files cost agents context and are usually generated or pasted data, not instructions.",
        "A 40 MB `docs/dump.md`.",
    ),
)

SYMLINK_OUTSIDE = rule(
    "SKD005",
    "symlink-outside-repo",
    "warning",
    "A symlink points outside the repository; it was not followed.",
    "Copy what it points to into the repo, or remove the link: a clone on another machine will not have the target.",
    doc(
        "Reports a symbolic link whose target resolves outside the scanned repository root. skilldex never\n"
        "follows such links.",
        "The target is not part of the repo, so other clones will not have it, and following it would read\n"
        "files the repo does not own.",
        "`.claude/skills/shared -> /home/alice/skills`.",
    ),
)

BROKEN_SYMLINK = rule(
    "SKD006",
    "broken-symlink",
    "warning",
    "A symlink is broken or part of a loop.",
    "Point the link at an existing file inside the repo, or remove it.",
    doc(
        "Reports a symbolic link whose target does not exist, or a chain of links that loops.",
        "Whatever the link was meant to provide (often a shared skill) silently does not exist.",
        "`.claude/skills/deploy -> ../../old/deploy` after `old/` was deleted.",
    ),
)

SPECIAL_FILE = rule(
    "SKD007",
    "special-file",
    "info",
    "A FIFO, socket or device file sits where tooling is expected; it was skipped.",
    "Remove it from the repo; special files do not belong in version control.",
    doc(
        "Reports a named pipe, socket or device node found during the scan. skilldex never opens them\n"
        "(opening a FIFO would block).",
        "They are never tooling, and tools that open them can hang.",
        "`scripts/logpipe` created with `mkfifo`.",
    ),
)

SCAN_LIMIT = rule(
    "SKD008",
    "scan-limit-reached",
    "warning",
    "The scan stopped descending because the repo exceeds a size or depth limit.",
    "Point skilldex at the part of the repo that holds tooling, or raise the limit.",
    doc(
        "Reports that the walk hit its bound on entries or depth; the catalogue may be incomplete.",
        "Items past the limit are not listed, so an agent might believe a tool does not exist.",
        "A repo with vendored dependencies checked in outside the usual `node_modules/` or `vendor/`.",
    ),
)

NAME_NOT_UTF8 = rule(
    "SKD009",
    "non-utf8-file-name",
    "warning",
    "A file or folder name is not valid UTF-8; it was skipped.",
    "Rename it to a UTF-8 name (`git mv`), or delete it if it was created by accident.",
    doc(
        "Reports a file or folder whose name bytes do not decode as UTF-8 (`src/\\xff.c`). It is skipped, and so is\n"
        "everything under such a folder; the rest of the repo is catalogued as usual.",
        "Such a name cannot be written into JSON, SQLite or an agent's context as text; most tools show it\n"
        "differently, and git may mangle it on another platform.",
        "A file created by a script that wrote Latin-1 bytes: `printf x > \"$(printf 'caf\\xe9.sh')\"`.",
    ),
)

MISSING_FRONTMATTER = rule(
    "SKD010",
    "missing-frontmatter",
    "warning",
    "A skill, command, agent or knowledge file has no YAML frontmatter.",
    "Start the file with a `---` block holding at least `name` and `description`.",
    doc(
        "Reports a manifest that does not start with a `---` YAML frontmatter block.",
        "Without a description, Claude Code falls back to the first paragraph and the open spec rejects the\n"
        "skill; agents are much less likely to pick it for the right task.",
        "```markdown\n# Deploy\nRun scripts/deploy.sh.\n```",
    ),
)

UNCLOSED_FRONTMATTER = rule(
    "SKD011",
    "unclosed-frontmatter",
    "error",
    "Frontmatter opened with `---` is never closed.",
    "Add a line containing only `---` after the last frontmatter key.",
    doc(
        "Reports a file whose first line is `---` but which has no closing `---` line.",
        "Loaders treat the whole file as frontmatter or as having none: the skill loses its metadata.",
        "```markdown\n---\nname: deploy\ndescription: Deploy the API\n# Deploy\n```",
    ),
)

INVALID_YAML = rule(
    "SKD012",
    "invalid-frontmatter-yaml",
    "error",
    "Frontmatter is not valid YAML.",
    'Quote values that contain `: ` or start with special characters, e.g. `description: "Use when: ..."`.',
    doc(
        "Reports frontmatter that a YAML parser rejects, with the line and column of the problem.",
        "Claude Code then loads the skill with empty metadata: `/name` still works but Claude has no\n"
        "description to match against, so the skill is never chosen automatically.",
        "```yaml\ndescription: Use this skill when: the database is down\n```",
    ),
)

NOT_MAPPING = rule(
    "SKD013",
    "frontmatter-not-mapping",
    "error",
    "Frontmatter is valid YAML but not a mapping of keys to values.",
    "Write the frontmatter as `key: value` lines.",
    doc(
        "Reports frontmatter that parses to a list or a plain string instead of a mapping.",
        "No loader can find `name` or `description` in it.",
        "```yaml\n- name: deploy\n```",
    ),
)

BOM = rule(
    "SKD014",
    "frontmatter-after-bom",
    "warning",
    "The file starts with a UTF-8 byte-order mark before `---`.",
    "Save the file as UTF-8 without BOM.",
    doc(
        "Reports a manifest whose first bytes are a byte-order mark, so `---` is not at the very start.\n"
        "skilldex reads past the mark and goes on.",
        "skills-ref and quick_validate check that the text starts with `---`; with a BOM they see no\n"
        "frontmatter at all and reject the skill.",
        'A SKILL.md saved by an editor set to "UTF-8 with BOM".',
    ),
)

SKILL_FILENAME_CASE = rule(
    "SKD020",
    "skill-filename-case",
    "error",
    "A skill file is not named exactly `SKILL.md`; Claude Code does not load it.",
    "Rename it: `git mv skill.md SKILL.md`.",
    doc(
        "Reports `skill.md`, `Skill.md`, `SKILL.MD` and other case variants inside a skills folder.",
        "Claude Code looks for a file named exactly `SKILL.md`; on case-sensitive file systems the skill is\n"
        "silently ignored (anthropics/skills#314).",
        "`.claude/skills/deploy/skill.md`",
    ),
)

SKILL_TOO_DEEP = rule(
    "SKD021",
    "skill-nested-too-deep",
    "error",
    "A skill sits deeper than Claude Code scans, so it is never discovered.",
    "Move it to `.claude/skills/<name>/SKILL.md` (one level below `skills/`).",
    doc(
        "Reports `SKILL.md` files under a `.claude/skills/` folder but more than one level down, e.g.\n"
        "`.claude/skills/<category>/<name>/SKILL.md`.",
        "Claude Code discovers `<skills-dir>/<name>/SKILL.md` only (claude-code#28266); deeper skills are\n"
        "never loaded and never triggered.",
        "`.claude/skills/database/execute-sql/SKILL.md`",
    ),
)

SKILL_NO_DESCRIPTION = rule(
    "SKD022",
    "skill-without-description",
    "warning",
    "A skill has no description in its frontmatter.",
    "Add `description:` saying what the skill does and when to use it.",
    doc(
        "Reports a skill whose frontmatter lacks a non-empty `description`.",
        "Claude chooses skills by their description. Claude Code falls back to the body's first paragraph,\n"
        "which rarely says when to use the skill; the open spec and claude.ai uploads reject it outright.",
        "```yaml\nname: deploy-lambda\n```",
    ),
)

INVALID_MCP_JSON = rule(
    "SKD030",
    "invalid-mcp-json",
    "error",
    "`.mcp.json` is not valid JSON or does not have the expected shape.",
    "Fix the JSON; servers go under a top-level `mcpServers` object.",
    doc(
        "Reports an `.mcp.json` that does not parse, or whose `mcpServers` is not an object of servers.",
        "Claude Code cannot start any of the project's MCP servers.",
        '`{"mcpServers": {"db": {"command": "npx",}}}` (trailing comma)',
    ),
)

INVALID_TASK_FILE = rule(
    "SKD031",
    "invalid-task-file",
    "error",
    "A task-runner file (package.json, pyproject.toml, Taskfile.yml, compose.yaml) cannot be parsed.",
    "Fix the syntax error at the reported line.",
    doc(
        "Reports a task-runner definition skilldex could not parse, so its tasks are not listed.",
        "The runner itself will fail too, and its tasks are invisible to agents.",
        "A `package.json` with a trailing comma, or a `compose.yaml` whose `services:` is a list of names.",
    ),
)

TOOL_UNPARSABLE = rule(
    "SKD032",
    "tool-source-unparsable",
    "info",
    "A tool's source could not be parsed, so its description was not read.",
    "Fix the syntax error, or add a header comment describing the tool.",
    doc(
        "Reports a script in a tools folder whose source does not parse (for Python, a SyntaxError).",
        "skilldex cannot read its purpose or flags without running it, which it never does.",
        'A Python 2 script with `print "hello"`.',
    ),
)

KNOWLEDGE_NO_TITLE = rule(
    "SKD033",
    "knowledge-without-title",
    "warning",
    "A knowledge object has no `title` in its frontmatter.",
    "Add `title:`, `tags:` and `repos:` to the frontmatter.",
    doc(
        "Reports a markdown file in `knowledge/` whose frontmatter has no title.",
        "Knowledge objects are found by title and tags; an untitled one is hard to surface at the right time.",
        "```yaml\ntags: [database]\n```",
    ),
)

DUPLICATE_KEY = rule(
    "SKD015",
    "duplicate-frontmatter-key",
    "error",
    "A frontmatter key appears twice.",
    "Keep one of the two lines; YAML mappings cannot repeat a key.",
    doc(
        "Reports a top-level frontmatter key written twice, at the line of the second one.",
        "YAML forbids duplicate keys. Strict loaders (skills-ref) reject the file; lenient ones (PyYAML,\n"
        "quick_validate) silently keep the last value, so what you read is not what loads.",
        "```yaml\ndescription: Deploy the API\ndescription: Roll back the API\n```",
    ),
)

EMPTY_FILE = rule(
    "SKD016",
    "empty-manifest",
    "error",
    "A skill, command or agent file is empty.",
    "Write the frontmatter (`name`, `description`) and the instructions, or delete the file.",
    doc(
        "Reports a SKILL.md, command or agent file with no content (or only whitespace).",
        "It registers a name that does nothing: agents may pick it and get no instructions.",
        "`touch .claude/skills/deploy/SKILL.md` committed as is.",
    ),
)

SECRET = rule(
    "SKD040",
    "secret-in-file",
    "warning",
    "A file skilldex read holds what looks like a secret value (a key, token, password or private key).",
    "Remove the value from the repo, rotate it, and read it at run time (env var, secrets manager).",
    doc(
        "Finds likely secret values in every file skilldex reads: AWS access keys, private keys, tokens with\n"
        "known prefixes (GitHub, GitLab, Slack, Stripe, `sk-`, Google, npm, JWTs, ...), Azure account keys and\n"
        "SAS signatures, `Authorization` headers, passwords inside connection strings and on command lines\n"
        "(`--password x`, `mysql -px`, `docker login -p x`), literal values assigned to password/secret/token\n"
        "keys (quoted, make's `:=`, YAML blocks), and high-entropy literals in assignments. The finding gives\n"
        "the file, line and kind, never the value, and skilldex prints `[redacted]` wherever the value would\n"
        "have appeared (list, show, find, the startup brief, hooks, MCP replies, generated files, exports, the\n"
        "index), also where the file repeats the value away from its key. Names and paths are never rewritten.",
        "A committed secret is readable by everyone with the repo, and anything that copies the repo's text\n"
        "into an agent's context copies the secret too. Names of secrets (`credmate/prod/db-credentials`,\n"
        "`DB_PASSWORD`) are fine; values are not.",
        "```sh\n"
        "export DATABASE_URL=postgres://admin:S3cr3tP4ss@prod-db:5432/app   # SKD040: password in a connection string\n"
        "```",
    ),
)
