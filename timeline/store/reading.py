"""Reading what a store names, and only what it may make the tool read.

A store is text anyone can send in a pull request. Its files (and the
source texts it names) are read only when they are regular files, of at
most a bounded size, inside the project folder once every link is
followed: a link to ``/etc/passwd``, to ``/dev/zero`` or to a FIFO is
refused with a reason, before a byte of it is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

# Generous: a store of a million events is about half of it.
DEFAULT_LIMIT = 1 << 30

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


class Refused(Exception):
    """A file the store may not make the tool read; the message says why, in
    words that follow "the file " or a file's name."""


def size_text(size: int) -> str:
    """``1 GiB``, ``512 MiB``, ``2,000 bytes``: a size as a person writes it."""
    for unit, name in ((1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")):
        if size >= unit and size % unit == 0:
            return f"{size // unit:,} {name}"
        if size >= unit * 10:
            return f"{size / unit:,.1f} {name}"
    return f"{size:,} bytes"


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or below it (both resolved)."""
    return path == folder or folder in path.parents


def read_bytes(path: Path, root: Path | None, limit: int = DEFAULT_LIMIT) -> bytes:
    """The bytes of ``path``, if the store may make the tool read it.

    Raises :class:`Refused` for a file that resolves outside ``root`` (when
    given), isn't a regular file, or is larger than ``limit`` bytes; and
    ``OSError`` for one that can't be read (missing, no permission).
    """
    if "\0" in str(path):
        raise Refused("is no path a file can have: it holds a NUL character")
    try:
        real = path.resolve()
    except (RuntimeError, OSError):  # Python 3.11 raises RuntimeError for a loop of links
        raise Refused("is a loop of links, not a file") from None
    if root is not None and not inside(real, root.resolve()):
        where = "is a link out of" if real != Path(os.path.abspath(path)) else "is outside"
        raise Refused(f"{where} the project folder: the tool only reads files inside it")
    # Judged before it is opened (os.stat raises for a file that isn't there): opening a device or a FIFO may block or act.
    _regular(os.stat(real), limit)
    descriptor = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(descriptor, "rb") as handle:
        _regular(os.fstat(handle.fileno()), limit)  # what was opened, if it changed since
        data = handle.read(limit + 1)
    if len(data) > limit:  # it grew while being read
        raise _too_large(len(data), limit)
    return data


def _regular(status: os.stat_result, limit: int) -> None:
    for test, kind in _KINDS:
        if test(status.st_mode):
            raise Refused(f"is {kind}, not a regular file")
    if status.st_size > limit:
        raise _too_large(status.st_size, limit)


def _too_large(size: int, limit: int) -> Refused:
    return Refused(f"is {size_text(size)}, larger than the {size_text(limit)} a file may be (the max-file-size setting)")
