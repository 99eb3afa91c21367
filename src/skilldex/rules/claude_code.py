"""SKD3xx: what makes Claude Code ignore, mis-read or never trigger a skill, command or agent."""

from skilldex.rules.registry import doc, rule

LISTING_TOO_LONG = rule(
    "SKD301",
    "skill-listing-truncated",
    "warning",
    "`description` plus `when_to_use` is over 1,536 characters, so Claude Code cuts it in the skill listing.",
    "Shorten both; put the trigger words first.",
    doc(
        "Reports a skill whose description and when_to_use together exceed 1,536 characters.",
        "Claude Code truncates the pair at 1,536 characters (setting `skillListingMaxDescChars`) in the listing "
        "Claude chooses from; trigger words past the cut are never seen, so the skill does not fire.",
        "A 1,200-character description with a 600-character `when_to_use`.",
    ),
)

NEVER_INVOCABLE = rule(
    "SKD302",
    "skill-never-invocable",
    "error",
    "The skill can be invoked neither by the user nor by the model.",
    "Remove `disable-model-invocation: true` or `user-invocable: false`.",
    doc(
        "Reports `user-invocable: false` together with `disable-model-invocation: true`.",
        "The first hides the /command, the second stops Claude from choosing the skill: nothing can run it.",
        "```yaml\nuser-invocable: false\ndisable-model-invocation: true\n```",
    ),
)

MISSPELLED_FIELD = rule(
    "SKD303",
    "misspelled-field",
    "warning",
    "A frontmatter key is close to a Claude Code field but not spelled like it, so it is ignored.",
    "Use the documented spelling.",
    doc(
        "Reports keys such as `user-invokable`, `allowed_tools` or `disable-model-invokation` that Claude Code "
        "does not know but that are one edit away from a field it does.",
        "Claude Code ignores unknown keys silently: the setting you meant never takes effect.",
        "`user-invokable: false`",
    ),
)

UNKNOWN_FIELD = rule(
    "SKD304",
    "unknown-field",
    "info",
    "A frontmatter key is not a Claude Code field; Claude Code ignores it.",
    "Move it under `metadata:` or remove it.",
    doc(
        "Reports keys Claude Code does not document for this kind of file (`version`, `author`, `tags`...).",
        "They do nothing in Claude Code and make claude.ai uploads fail; under `metadata:` they are kept and allowed.",
        "`version: 1.0.0`",
    ),
)

INVALID_VALUE = rule(
    "SKD305",
    "invalid-field-value",
    "warning",
    "A Claude Code field has a value Claude Code does not accept.",
    "Use one of the documented values.",
    doc(
        "Reports values outside a field's documented set: booleans that are not true/false/yes/no/on/off/1/0, "
        "`context` other than `fork`, `effort` outside low..max, `shell` other than bash/powershell, "
        "`agent` or `background` without `context: fork`, agent `permissionMode`, `memory` and `isolation`.",
        "Claude Code falls back to the default, so the skill runs differently from what the file says.",
        "`disable-model-invocation: sometimes`",
    ),
)

WRONG_TYPE = rule(
    "SKD306",
    "field-wrong-type",
    "warning",
    "A Claude Code field has the wrong type (a mapping where text or a list is expected, or the reverse).",
    "Write the value in the documented shape.",
    doc(
        "Reports fields whose YAML type Claude Code cannot use: `allowed-tools`, `paths` or `arguments` as a "
        "mapping, `metadata` or `hooks` that is not a mapping, a description that is not text.",
        "Claude Code drops such values: the tools are not pre-approved, the paths never match, the metadata vanishes.",
        "```yaml\nmetadata: internal\n```",
    ),
)

RESERVED_FOLDER = rule(
    "SKD307",
    "reserved-skill-folder",
    "warning",
    "A skill folder is named `synced`, which Claude Code reserves.",
    "Rename the folder.",
    doc(
        "Reports `.claude/skills/synced/` (any case).",
        "Claude Code keeps that name for skills synced from claude.ai; a project skill there can be shadowed.",
        "`.claude/skills/synced/SKILL.md`",
    ),
)

AGENT_FIELD_MISSING = rule(
    "SKD310",
    "agent-missing-field",
    "error",
    "A subagent file lacks `name` or `description`.",
    "Add both: `name: code-reviewer` and `description: Reviews ... Use when ...`.",
    doc(
        "Reports a `.claude/agents/*.md` (or plugin `agents/`) file without a non-empty `name` or `description`.",
        "Claude Code requires both for subagents: without them the agent is not registered or never delegated to.",
        "```yaml\nname: code-reviewer\n```",
    ),
)
