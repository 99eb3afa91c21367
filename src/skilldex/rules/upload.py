"""SKD4xx: the claude.ai upload / Skills API rules that go beyond the open spec."""

from skilldex.rules.registry import doc, rule

RESERVED_WORD = rule(
    "SKD401",
    "reserved-word-in-name",
    "error",
    "`name` contains a reserved word (`anthropic`, `claude`).",
    "Choose a name without `anthropic` or `claude`.",
    doc(
        "Reports a name containing `anthropic` or `claude` (any case).",
        "The claude.ai upload and the Skills API refuse such names; neither skills-ref nor quick_validate checks "
        "it, so it fails only at upload time.",
        "`name: claude-helper`",
    ),
)

XML_TAG = rule(
    "SKD402",
    "xml-tag-in-frontmatter",
    "error",
    "`name` or `description` contains an XML tag.",
    'Remove the tag; describe it in words ("the skill tag") instead.',
    doc(
        "Reports text like `<skill>` or `</example>` in the name or description.",
        "The platform rejects XML tags there because skill metadata is injected into the system prompt "
        "inside tags of its own.",
        "`description: Returns a <report> element`",
    ),
)

ANGLE_BRACKET = rule(
    "SKD403",
    "angle-bracket-in-description",
    "warning",
    "`description` contains `<` or `>`.",
    "Write `less than` / `at least` or remove the brackets.",
    doc(
        "Reports a `<` or `>` in the description that is not part of an XML tag.",
        "package_skill.py (quick_validate) rejects any angle bracket, so the skill cannot be packaged for upload.",
        "`description: Use for files > 10 MB`",
    ),
)

UPLOAD_TOO_LARGE = rule(
    "SKD404",
    "skill-too-large-for-upload",
    "error",
    "The skill folder is over 30 MB, the upload limit.",
    "Move large assets out of the skill folder or fetch them at run time.",
    doc(
        "Reports a skill folder whose files add up to more than 30 MB (uncompressed).",
        "The claude.ai upload and the Skills API refuse it.",
        "A skill with a 40 MB dataset under `assets/`.",
    ),
)
