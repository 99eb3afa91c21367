"""The error hierarchy; the CLI maps each class to one exit code in one place."""


class SkilldexError(Exception):
    """Base for errors the user can act on; the message says what to do."""

    exit_code = 2


class UsageError(SkilldexError):
    """Bad input from the user: an unknown repo or item, a missing workspace, a bad file."""
