"""SKD6xx: `skilldex doctor`, drift between what docs promise and what the repo really has."""

from skilldex.rules.registry import doc, rule

MISSING_SKILL = rule(
    "SKD601",
    "missing-skill-reference",
    "error",
    "A doc tells the agent to use a skill or slash command that does not exist.",
    "Write the skill (.claude/skills/<name>/SKILL.md), or change the doc to name the skill that does the job.",
    doc(
        'Reports a skill written as a command (`/name skill`, "run `` `/name` ``", `` `/name` `` opening a list '
        'item, a code-block line that is only `/name`) or named in prose ("the `name` skill", "use the '
        'name-with-hyphens skill") when no project, plugin or personal (`~/.claude/skills`) skill, no command '
        "and no Claude Code built-in answers to it. Paths such as `/tmp`, API routes (`/health`, blocks listing "
        "URL paths, docs about HTTP), URLs, built-ins (`/help`, `/branch`), commands of plugins the doc installs, "
        'a backticked word before "command" (`` `gh` commands``: a CLI), placeholders (`/my-command`), '
        'quoted, negated ("there is no `/x` command"), example or proposal sentences, "a `/x` command" (some '
        'command of that shape), sections about planned work ("What\'s not in v1", "Future", "Roadmap"), '
        'sections for another coding agent ("### Cursor"), wireframes, a `/name` the repo\'s docs anywhere call '
        "a channel, relay, endpoint or bot command (`/ops` (default extension channel)), and `/name` in docs "
        "that never speak of Claude, skills or agents (a bot's `/verify`), folders of the doc's own folder "
        '(`/guides` in docs/README.md), GitHub pages near a line about GitHub (`/releases`), a kind of skill ("the '
        "service-level skill (e.g. ...)\") and commands a commands folder's guide says to create are not skill "
        "mentions. An error only where the text orders the agent to run it (an imperative: use, run, invoke, "
        'follow, type ... `/x`; a numbered step; a code-block line; `claude -p "/x"` run as a command) and is '
        "said to the agent: Claude Code's skills (with the files of the skill's folder), commands and agents, in "
        "`.claude/` or a plugin, CLAUDE.md and AGENTS.md and the files they import (`@path`), workflows, or a line "
        'that names the skill it tells the agent to use ("Use the apply-production-migrations skill"). A warning '
        'where it is named in passing (a bulleted list of related skills, "integrates with `/x`", a table of '
        "commands, a prompt only passed on by another command), in every other doc (it may be a product's own "
        'command), when a skill is only named in prose ("the `x` skill"), which is often another repo\'s, or '
        "when the doc places the skill in a home folder (`~/.claude/skills/x`).",
        "The agent follows the doc, types the command, and nothing happens: it improvises instead, in the seed "
        "incident for ten minutes of a production outage.",
        '`docs/ops/daily.md`: "**Use the apply-production-migrations skill**" and no such skill in `.claude/skills/`.',
    ),
)

MISSING_TOOL = rule(
    "SKD602",
    "missing-tool-reference",
    "error",
    "A doc, skill or workflow runs a tool or script that is not in the repo.",
    "Fix the path to the tool that exists, restore the tool, or remove the instruction.",
    doc(
        "Reports paths under `tools/`, `scripts/`, `bin/` or `hack/`, and scripts run as `./x` or "
        "`python3 x.py`, in backticks, links, shell code blocks and workflow `run:` steps, that resolve neither "
        "from the repo root, the doc's folder, the `cd`/`working-directory` before them, nor as the tail of "
        "any repo path. Paths inside quoted arguments and sample output are not read, nor arguments (`./x` counts "
        "only as the command run), files earlier commands write (`curl -o`, `--output`, `--*-file`, `>`), what "
        "`unzip` or `nix build` leave, paths after `cd` into a clone of another repo or a new folder, bare "
        "script names (`python3 jwt_tool.py`: the reader's download), in skills shipped to other projects "
        "(`skills/<name>/` outside a dot folder) paths outside the skill's own folder, `scripts/` paths of a "
        "doc that places its skill in a home folder (`~/.claude/skills/x/`), paths after an earlier block of "
        "the same section `cd`'d into a folder the repo lacks, and the steps of a workflow only other repos "
        'call (`on: workflow_call`), nor a short path the doc also gives in full ("Location: '
        '`repos/api/scripts/x.sh`", then `./scripts/x.sh`). An error when a command runs it in text said to the '
        "agent or run by tooling "
        "(Claude Code's skills, commands and agents, CLAUDE.md and AGENTS.md and their `@` imports, workflows); "
        "a warning in any other doc (a README, a runbook: the script may be planned, or the reader's), when a "
        "path is only named in prose, in a skill's \"Common Commands\" card (often a copied skill's, for the "
        "project it runs in) or when its top folder is not in the repo; info in a doc nobody is led to (no README, "
        "root doc, CLAUDE.md/AGENTS.md, docs index, skill or command links to it, hop by hop). Nothing in a "
        "dotfiles repo's `.claude/` (`~/.claude`: its paths are those of the project it runs in).",
        "An instruction that runs a missing script fails in the middle of a procedure, usually an urgent one.",
        "```bash\npython3 tools/rds-querry --tables\n```",
    ),
)

MISSING_FILE = rule(
    "SKD603",
    "missing-file-reference",
    "warning",
    "A doc links to or names a file that does not exist.",
    "Fix the link or path, or remove the mention.",
    doc(
        "Reports relative markdown links and backticked paths (`docs/runbook.md`, `backend/alembic/`) that do not "
        "exist. Placeholders (`<name>`, `YYYY`, `OUTPUT_DIR/`), globs, absolute paths, URLs, media types, paths "
        "outside the repo, `.env` files, paths git ignores, paths shown as the text of a link to another repo's URL, "
        "an environment variable's value (`VAR` pointing to `x`), paths under a heading about planned work, "
        "Claude Code's own places (`.claude/skills/`) and "
        "files a sentence says to create, imagines or gives as an example or default are skipped, as are "
        "records (reports, session logs, migration notes, dated docs), plans and templates, and so is anything a "
        "dotfiles repo's `.claude/` names (`~/.claude`: the paths of the project it runs in). Info when the path's "
        "top folder is not in the repo (often the reader's project or another repo), or in a doc nobody is led to: "
        "no README, root doc, CLAUDE.md/AGENTS.md, docs index, skill, command or agent links to it or names its "
        "path, hop by hop.",
        "Agents open what docs point to; a dead link sends them searching, or guessing.",
        "`See [the runbook](runbooks/db.md)` with no `docs/runbooks/db.md`.",
    ),
)

SKILL_NOT_LOADED = rule(
    "SKD604",
    "skill-not-loaded",
    "error",
    "A skill sits where Claude Code never loads it.",
    "Rename the file to SKILL.md and move it to .claude/skills/<name>/SKILL.md.",
    doc(
        "Reports a skill file named anything but exactly `SKILL.md` (`skill.md`), or one nested deeper or "
        "shallower than `.claude/skills/<name>/SKILL.md` (or `<plugin>/skills/<name>/SKILL.md`).",
        "Claude Code silently ignores it: docs that name the skill promise something no session has.",
        "`.claude/skills/ops/deploy/SKILL.md`",
    ),
)

SKILL_NEVER_TRIGGERS = rule(
    "SKD605",
    "skill-never-triggers",
    "warning",
    "Claude Code loads the skill but has no description to choose it by.",
    "Fix the frontmatter so it parses, and give it a `description:` saying what it does and when to use it.",
    doc(
        "Reports a loaded skill whose frontmatter does not parse (Claude Code then loads the body with empty "
        "metadata) or that has no `description`.",
        "Claude picks skills by their description; without one the skill only runs when someone types its "
        "/command, so the agent that needs it never finds it.",
        "```markdown\n---\ndescription: Use when: prod is down\n---\n```",
    ),
)

SKILL_CLASH = rule(
    "SKD606",
    "skill-name-clash-across-repos",
    "warning",
    "Two repos of the workspace have different skills or commands with the same name.",
    "Rename one of them so each /command means one thing across the workspace.",
    doc(
        "Reports a project skill or command whose /name is also used, with a different description, by another "
        "repo that doctor checks in the same run (the workspace's repos by default).",
        "An agent working across repos (`--add-dir`, a parent folder, copied instructions) runs whichever it "
        "loaded first, which is not always the one the doc meant.",
        "`/deploy` in credentialmate deploys a Lambda; `/deploy` in karematch applies Kubernetes manifests.",
    ),
)

SKILL_SHADOWED = rule(
    "SKD607",
    "skill-shadowed-by-personal",
    "warning",
    "A personal skill in ~/.claude/skills has the same name as this project skill, and wins.",
    "Rename the project skill, or remove or rename the personal copy in ~/.claude/skills.",
    doc(
        "Reports a project skill or command whose name is also a personal skill (`~/.claude/skills/<name>/` of "
        "the user running doctor).",
        "Claude Code prefers personal skills over project skills: on this machine the project's version never runs.",
        "`~/.claude/skills/deploy/SKILL.md` and `.claude/skills/deploy/SKILL.md`",
    ),
)

TOOL_UNDESCRIBED = rule(
    "SKD608",
    "tool-without-description",
    "warning",
    "A tool has no docstring, header comment or usage text an agent could read.",
    "Add a docstring or header comment saying what it does, and a usage line with its flags.",
    doc(
        "Reports scripts in tool folders from which skilldex could read neither a description (docstring, "
        "header comment, JSDoc) nor usage text (argparse, click, a usage() function). Info for a script of three "
        "commands or fewer (`ruff check --fix`): read at a glance, its commands say what it does.",
        "Agents pick tools by what they say they do; an undescribed tool is rebuilt rather than reused.",
        "`tools/sync.sh` that starts with `set -euo pipefail` and no comment.",
    ),
)

DELETED_SINCE_DOC = rule(
    "SKD609",
    "reference-deleted-since-doc",
    "error",
    "A doc mentions a path that was deleted or renamed after the doc last changed.",
    "Update the doc: point it at the new path, or remove the instruction.",
    doc(
        "With git history, reports a path a doc mentions that no longer exists and that git shows deleted or "
        "renamed in a commit after the doc's last commit; renames name the new path. A path git now ignores "
        "(`docs/plans/` in .gitignore: untracked on purpose) and anything a dotfiles repo's `.claude/` names "
        "(`~/.claude`: the paths of the project it runs in) are not reported.",
        "The doc was right once and nobody updated it: it now sends agents to something that is gone.",
        "`docs/deploy.md` (last changed 2025-11) runs `scripts/deploy-ec2.sh`, deleted in 2026-01.",
    ),
)

CHANGED_SINCE_DOC = rule(
    "SKD610",
    "reference-changed-since-doc",
    "info",
    "A file a doc mentions changed heavily after the doc last changed.",
    "Re-read the file and update the doc (flags, paths, steps), then commit the doc.",
    doc(
        "With git history, reports a file a doc mentions that changed in at least 100 lines, over at least "
        "5 commits or half its size, after the doc's last commit. Folders are not judged this way. It is a "
        "prompt to re-read, not a defect (most docs only point at the file), so it is info, never a warning.",
        "Docs that describe a tool's flags or a config's shape go stale as the file moves under them.",
        "`CLAUDE.md` (unchanged for a year) describes `Makefile`, rewritten in 12 commits since.",
    ),
)

DOC_OUTDATED = rule(
    "SKD611",
    "doc-outdated",
    "info",
    "A doc has not changed for a long time while the code it describes kept moving.",
    "Review the doc against the code it names and update it (or mark it historical).",
    doc(
        "With git history, reports a doc last changed at least 180 days before the newest commit, when the "
        "paths it mentions changed in at least 10 commits since.",
        "Long-untouched docs about moving code are where stale instructions hide.",
        "`docs/architecture.md` last changed 400 days ago; `backend/` changed in 60 commits since.",
    ),
)

RETIRED_RESOURCE = rule(
    "SKD612",
    "retired-resource-reference",
    "error",
    "A workflow or infrastructure doc uses a resource that another file says is gone.",
    "Delete or rewrite the file for the current infrastructure, and remove other uses of the retired resource.",
    doc(
        "Reports a host or resource name (`prod-db-1`, `api.internal.example.com`) in a workflow or doc when "
        "some doc says it was terminated, decommissioned, removed, retired or no longer exists. Lines that "
        "speak of the past (`was`, `previously`, `until`) are not counted as uses. An error only when a workflow "
        "targets the resource and the statement says outright that it was terminated, decommissioned, retired, "
        "destroyed or shut down; a warning when the statement only says removed, deleted or gone; info when a doc "
        "uses it (a skill's note may be about the past or another repo's host). Table rows and lines with status marks "
        "(✅ ❌) state no retirement.",
        "Agents trust workflows and infra docs: in the seed incident a deploy workflow still targeting a "
        "terminated EC2 host sent the agent looking for servers that no longer existed.",
        '`.github/workflows/deploy-ec2.yml` targets `prod-app-ec2`; `docs/INFRASTRUCTURE.md`: "The EC2 '
        'instance `prod-app-ec2` has been terminated".',
    ),
)

ORPHANED_RESOURCE = rule(
    "SKD613",
    "orphaned-resource",
    "info",
    "A workflow or infrastructure doc targets a host nothing else in the repo mentions.",
    "Check that the host still exists; update the file to the current one, or delete it.",
    doc(
        "Reports hostnames in workflows, and `ssh`/`scp`/`rsync` targets in infrastructure docs, that appear in "
        "no other file of the repo. Public service domains (github.com, docker.io, ...) are not counted. Info: "
        "a host named once is as often a public download site, a placeholder or an example as a leftover.",
        "Live infrastructure is named in many places (config, scripts, docs); a host only one file mentions is "
        "often a leftover from a migration.",
        "`run: ssh deploy@old-box.internal 'systemctl restart api'` with no other mention of `old-box`.",
    ),
)

CHECK_SKIPPED = rule(
    "SKD614",
    "check-skipped",
    "info",
    "A doctor check could not run on this repo; the message says why.",
    "Nothing is wrong with the repo; for the git checks, run doctor in a full clone with history.",
    doc(
        "Reports git-based checks skipped (no git, not a repository, shallow clone, no commits, git too slow) "
        "or cut short (history capped), and checks that stopped at a size limit.",
        "A silent skip reads as a clean bill of health; this says what was not looked at.",
        "`actions/checkout` with its default `fetch-depth: 1` gives a shallow clone.",
    ),
)

MISSING_TASK = rule(
    "SKD615",
    "missing-task-reference",
    "warning",
    "A doc or workflow runs a make target or package.json script that its Makefile or package.json lacks.",
    "Fix the target or script name in the doc, or add it to the Makefile or package.json.",
    doc(
        "Reports `make TARGET` (with `-C dir` and `-f file` followed) and `npm|pnpm|yarn|bun run SCRIPT` in "
        "shell code blocks, code spans and workflow `run:` steps, when the Makefile or package.json of the folder "
        "the command runs in (the `cd` or `working-directory` before it, else the doc's folder, else the root) "
        "exists and defines no such target or script. A Makefile that includes other makefiles, builds its targets "
        "from variables or has a catch-all rule is not judged, nor are workspace-wide runs (`--filter`, `-w`), "
        "a subfolder doc's script the root defines when it is named for the folder (`npm run extension:build` in "
        'extension/) or the lines before say "from the repo root", nor a workflow only other repos call, nor a '
        "dotfiles repo's `.claude/` (`~/.claude`: its skills and agents run the targets of whatever project they "
        "are used in).",
        "A renamed target leaves every runbook that calls it failing with `No rule to make target`.",
        "```bash\nmake deploy-stg   # the Makefile says deploy-staging\n```",
    ),
)

# Where a rule's findings may be errors: in text said to the agent (Claude Code's skills, commands and agents,
# CLAUDE.md and AGENTS.md with the files they import) or run by tooling (workflows). Anywhere else (a README, a
# runbook, a guide) they are warnings: its reader may mean another product's `/name`, or a script still to write.
# `skilldex.doctor.audience` applies this, and nothing else decides it.
ERROR_AUDIENCES = {
    MISSING_SKILL.code: frozenset({"agent", "tooling"}),
    MISSING_TOOL.code: frozenset({"agent", "tooling"}),
    RETIRED_RESOURCE.code: frozenset({"tooling"}),  # a workflow deploys to it; a doc may be a note on the past
}

# Rules whose warnings are info in a doc no README, CLAUDE.md/AGENTS.md, docs index, skill or command leads to (by
# links and named paths, hop by hop): a broken path in a doc nobody opens misleads no one soon.
UNREAD_INFO = frozenset({MISSING_FILE.code, MISSING_TOOL.code})

CODES = tuple(
    r.code
    for r in (
        MISSING_SKILL,
        MISSING_TOOL,
        MISSING_FILE,
        SKILL_NOT_LOADED,
        SKILL_NEVER_TRIGGERS,
        SKILL_CLASH,
        SKILL_SHADOWED,
        TOOL_UNDESCRIBED,
        DELETED_SINCE_DOC,
        CHANGED_SINCE_DOC,
        DOC_OUTDATED,
        RETIRED_RESOURCE,
        ORPHANED_RESOURCE,
        CHECK_SKIPPED,
        MISSING_TASK,
    )
)
