"""The one base of every error a user can cause: the CLI prints it as one line and exits 2."""


class UserError(Exception):
    """A usage, configuration or I/O problem; the message says what and where."""
