"""The ``timeline`` command line: thin click commands over :mod:`timeline.api`.

``app`` holds the commands, ``options`` the option stacks they share,
``environment`` the streams, colours and exit codes they run with.
"""

from timeline.cli.app import main, run

__all__ = ["main", "run"]
