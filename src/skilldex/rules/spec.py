"""SKD2xx: the Agent Skills open spec (agentskills.io): required fields, name and length rules.

Each rule matches one check of the spec as skills-ref applies it, so the `agentskills` profile gives
skills-ref's verdict (without its parser bugs).
"""

from skilldex.rules.registry import doc, rule

SPEC_FIELDS = ("allowed-tools", "compatibility", "description", "license", "metadata", "name")

NAME_MISSING = rule(
    "SKD201",
    "name-missing",
    "error",
    "The frontmatter has no `name`.",
    "Add `name:` with the skill's folder name, e.g. `name: deploy-lambda`.",
    doc(
        "Reports a SKILL.md whose frontmatter has no `name` key.",
        "The open spec requires `name`; skills-ref, the claude.ai upload and the Skills API reject the skill.",
        "```yaml\ndescription: Deploys the API\n```",
    ),
)

NAME_NOT_STRING = rule(
    "SKD202",
    "name-not-string",
    "error",
    "`name` is empty or not a string.",
    "Give `name` a plain value such as `name: deploy-lambda`.",
    doc(
        "Reports `name:` with no value, or a list or mapping as its value.",
        "A skill is identified by its name; an empty or structured name cannot be matched to its folder or invoked.",
        "```yaml\nname:\n  - deploy\n```",
    ),
)

NAME_TOO_LONG = rule(
    "SKD203",
    "name-too-long",
    "error",
    "`name` is longer than 64 characters.",
    "Shorten the name (and its folder) to at most 64 characters.",
    doc(
        "Reports a name over the spec's 64-character limit (counted after Unicode NFKC normalisation).",
        "skills-ref, the upload and the Skills API reject it; long names also crowd the skill listing.",
        "`name: deploy-the-api-to-production-through-the-blue-green-pipeline-with-smoke-tests`",
    ),
)

NAME_NOT_LOWERCASE = rule(
    "SKD204",
    "name-not-lowercase",
    "error",
    "`name` has uppercase letters.",
    "Use lowercase kebab-case, e.g. `name: deploy-lambda`.",
    doc(
        "Reports a name that changes when lowercased.",
        "The spec allows only lowercase letters, digits and hyphens; Title Case names fail skills-ref and the upload.",
        "`name: Deploy-Lambda`",
    ),
)

NAME_HYPHEN_EDGE = rule(
    "SKD205",
    "name-hyphen-edge",
    "error",
    "`name` starts or ends with a hyphen.",
    "Remove the leading or trailing hyphen.",
    doc(
        "Reports a name such as `-deploy` or `deploy-`.",
        "The spec forbids it; skills-ref and the upload reject the skill.",
        "`name: deploy-`",
    ),
)

NAME_DOUBLE_HYPHEN = rule(
    "SKD206",
    "name-consecutive-hyphens",
    "error",
    "`name` contains `--`.",
    "Use single hyphens between words.",
    doc(
        "Reports a name with two hyphens in a row.",
        "The spec forbids consecutive hyphens; skills-ref and the upload reject the skill.",
        "`name: deploy--lambda`",
    ),
)

NAME_BAD_CHARS = rule(
    "SKD207",
    "name-invalid-characters",
    "error",
    "`name` has characters other than letters, digits and hyphens.",
    "Replace spaces, underscores and punctuation with hyphens.",
    doc(
        "Reports a name containing anything but letters, digits and `-` (spaces, `_`, `.`, `:`...).",
        "skills-ref rejects it and so does the upload; a Claude Code plugin skill's command is built from it.",
        "`name: deploy_lambda`",
    ),
)

NAME_FOLDER_MISMATCH = rule(
    "SKD208",
    "name-folder-mismatch",
    "error",
    "`name` differs from the skill's folder name.",
    "Rename the folder or change `name` so both are the same.",
    doc(
        "Reports a skill whose `name` is not its parent folder's name.",
        "The spec requires them to match and skills-ref enforces it. In Claude Code a project skill's /command "
        "comes from the folder while a plugin skill's comes from `name`, so a mismatch gives one skill two names.",
        "`.claude/skills/deploy/SKILL.md` with `name: deploy-lambda`",
    ),
)

DESCRIPTION_MISSING = rule(
    "SKD209",
    "description-missing",
    "error",
    "The frontmatter has no `description`.",
    "Add `description:` saying what the skill does and when to use it.",
    doc(
        "Reports a SKILL.md whose frontmatter has no `description` key.",
        "The description is how an agent decides to use the skill; the spec, skills-ref and the upload require it.",
        "```yaml\nname: deploy-lambda\n```",
    ),
)

DESCRIPTION_NOT_STRING = rule(
    "SKD210",
    "description-not-string",
    "error",
    "`description` is empty or not a string.",
    "Write the description as text: `description: Deploys ... Use when ...`.",
    doc(
        "Reports `description:` with no value, only whitespace, or a list or mapping.",
        "An agent has nothing to match a request against, so the skill is never chosen.",
        "```yaml\ndescription:\n  - deploys\n```",
    ),
)

DESCRIPTION_TOO_LONG = rule(
    "SKD211",
    "description-too-long",
    "error",
    "`description` is longer than 1,024 characters.",
    "Keep what and when in the description; move details into the body.",
    doc(
        "Reports a description over the spec's 1,024-character limit.",
        "skills-ref and the upload reject it, and every character is paid in every session's context.",
        "A description that pastes the whole usage guide.",
    ),
)

COMPATIBILITY_NOT_STRING = rule(
    "SKD212",
    "compatibility-not-string",
    "error",
    "`compatibility` is not a string.",
    "Write it as one line of text, e.g. `compatibility: Requires git and jq`.",
    doc(
        "Reports a `compatibility` given as a list or mapping.",
        "The spec defines it as a string; skills-ref rejects anything else.",
        "```yaml\ncompatibility:\n  - git\n```",
    ),
)

COMPATIBILITY_TOO_LONG = rule(
    "SKD213",
    "compatibility-too-long",
    "error",
    "`compatibility` is longer than 500 characters.",
    "Shorten it to the environment requirements an agent needs to know.",
    doc(
        "Reports a compatibility text over the spec's 500-character limit.",
        "skills-ref and the upload reject the skill.",
        "A compatibility field holding an installation guide.",
    ),
)

NON_SPEC_FIELD = rule(
    "SKD214",
    "non-spec-field",
    "error",
    "The frontmatter has keys outside the open spec's six.",
    "Move extra keys under `metadata:` (or drop them) when the skill must load outside Claude Code.",
    doc(
        "Reports top-level keys other than name, description, license, compatibility, metadata and allowed-tools.",
        "skills-ref, the claude.ai upload, the Skills API and package_skill.py reject the skill with "
        "'Unexpected key(s)'. Claude Code-only fields (`argument-hint`, `user-invocable`) are fine in Claude "
        "Code, which is why the `claude-code` profile does not report this rule.",
        "```yaml\nname: deploy\ndescription: Deploys\nversion: 1.2.0\n```",
    ),
)

NAME_NOT_ASCII = rule(
    "SKD215",
    "name-not-ascii",
    "warning",
    "`name` has letters outside a-z.",
    "Use ASCII letters, digits and hyphens if the skill is to be uploaded or shared.",
    doc(
        "Reports a name with non-ASCII letters (`déployer`, `技能`).",
        "The spec's text says a-z and the upload accepts only `[a-z0-9-]`; skills-ref accepts any Unicode "
        "letter (agentskills#345), so the verdict depends on the tool.",
        "`name: déployer`",
    ),
)

METADATA_NOT_STRINGS = rule(
    "SKD216",
    "metadata-not-string-map",
    "warning",
    "`metadata` is not a mapping of strings to strings.",
    'Write `metadata:` as `key: "value"` pairs with text values.',
    doc(
        "Reports `metadata` that is not a mapping, or whose values are lists, mappings or numbers.",
        "The spec says string keys to string values; skills-ref turns nested values into Python reprs and "
        "Claude Code drops a non-mapping metadata.",
        "```yaml\nmetadata:\n  tags: [db, sql]\n```",
    ),
)

ALLOWED_TOOLS_NOT_STRING = rule(
    "SKD217",
    "allowed-tools-not-string",
    "warning",
    "`allowed-tools` is not a space-separated string.",
    "Write it as one string: `allowed-tools: Bash(git:*) Read`.",
    doc(
        "Reports `allowed-tools` written as a YAML list or mapping.",
        "The spec defines a space-separated string. Claude Code accepts lists, other clients may not, and "
        "skills-ref's strict YAML parser rejects the `[a, b]` form outright.",
        "`allowed-tools: [Read, Grep]`",
    ),
)
