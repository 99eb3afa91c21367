"""The validate profiles' names and summaries: light, so the CLI's help text does not load the rules."""

DEFAULT_PROFILE = "claude-code"

SUMMARIES = {
    "agentskills": ("The Agent Skills open spec (agentskills.io), as skills-ref checks it, without its parser bugs."),
    "claude-code": (
        "Claude Code's loader: documented fields accepted; flags what it silently ignores or never triggers."
    ),
    "claude-upload": ("The claude.ai upload and Skills API: only the six spec keys, reserved words, no XML tags."),
}
