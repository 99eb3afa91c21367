"""SKD5xx: beyond the frontmatter: what the body links to, how long it is, and names across a repo."""

from skilldex.rules.registry import doc, rule

BROKEN_REFERENCE = rule(
    "SKD501",
    "broken-reference",
    "error",
    "The body links to a file that does not exist.",
    "Create the file, or fix the path (relative to the skill's folder).",
    doc(
        "Reports markdown links and backticked paths (`references/x.md`, `scripts/run.sh`) that resolve neither "
        "from the file's folder nor from the repo root.",
        "The agent follows the instruction, opens the file, and finds nothing: it improvises instead.",
        "`See [the runbook](references/runbook.md)` with no `references/` folder.",
    ),
)

BODY_TOO_LONG = rule(
    "SKD502",
    "body-too-long",
    "warning",
    "The body is longer than 500 lines.",
    "Keep SKILL.md under 500 lines; move details into `references/` files it links to.",
    doc(
        "Reports a SKILL.md body over 500 lines (the spec's and Anthropic's guidance).",
        "The whole body enters the context when the skill fires; long bodies crowd out the task and are skimmed.",
        "A 900-line SKILL.md with every API endpoint inline.",
    ),
)

NAME_COLLISION = rule(
    "SKD503",
    "name-collision",
    "warning",
    "Two skills or commands in one repo answer to the same invocation.",
    "Rename one of them, or delete the stale copy.",
    doc(
        "Reports a skill or command whose invocation (`/name`, `/plugin:name`) or skill `name` is already "
        "used by another file in the same location set of the same repo.",
        "Claude Code keeps one and hides the other (a skill beats a command of the same name); which one "
        "wins is rarely the one you just edited.",
        "`.claude/skills/deploy/SKILL.md` and `.claude/commands/deploy.md`",
    ),
)
