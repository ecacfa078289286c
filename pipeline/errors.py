"""Errors that end one report (InputError) or the whole run (UsageError)."""


class InputError(Exception):
    """A file that cannot be audited; the batch goes on without it."""


class UsageError(Exception):
    """A problem with the command line or configuration (exit code 2)."""
