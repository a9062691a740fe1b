"""Writing files without ever leaving a half-written one, and without losing what the old file was.

A write lands where the name points: through a symlink onto its target, into a device or a FIFO as
it stands, and into a hard-linked file in place, so every other name of it sees the new text. A
regular file is replaced whole by a rename, keeping its owner and mode. Errors name the file the
caller asked for, never a temporary one. A text may come in parts (an export made as it is
written): the parts go to the temporary file as they come, so a large text is never held whole.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

# How much text is gathered before it is written: few system calls, and little held at once.
BLOCK = 1 << 20


def in_blocks(parts: Iterable[str], size: int = BLOCK) -> Iterator[str]:
    """``parts`` joined into blocks of about ``size`` characters (a part is never split)."""
    gathered: list[str] = []
    length = 0
    for part in parts:
        gathered.append(part)
        length += len(part)
        if length >= size:
            yield "".join(gathered)
            gathered, length = [], 0
    if gathered:
        yield "".join(gathered)


def write_atomic(path: Path, text: str | Iterable[str]) -> None:
    """Write ``text`` (a string, or its parts in order) to ``path`` all at once; a failure, in the
    parts' making too, leaves the old file as it was (a hard-linked file only once the new text is
    known to fit: it is rewritten in place, see _write_in_place).

    ``-`` is standard output. An OSError names ``path`` as given.
    """
    data = _encoded((text,) if isinstance(text, str) else text)
    if str(path) == "-":
        sys.stdout.flush()
        for block in data:
            sys.stdout.buffer.write(block)
        sys.stdout.buffer.flush()
        return
    try:
        _write(Path(os.path.realpath(path)), data)
    except OSError as error:
        if error.errno is None:
            raise
        raise OSError(error.errno, error.strerror, str(path)) from None


def _encoded(parts: Iterable[str]) -> Iterator[bytes]:
    for block in in_blocks(parts):
        yield block.encode("utf-8")


def _write(target: Path, data: Iterable[bytes]) -> None:
    try:
        status = os.stat(target)
    except FileNotFoundError:
        status = None
    if status is not None and not stat.S_ISREG(status.st_mode):
        # A device (/dev/null), a FIFO or a socket is written as it stands: replacing it with a
        # regular file would break whatever reads it (and, for /dev/null, every other program).
        descriptor = os.open(target, os.O_WRONLY)
        try:
            _write_all(descriptor, data)
        finally:
            os.close(descriptor)
    elif status is not None and status.st_nlink > 1:
        _write_in_place(target, b"".join(data))
    else:
        _replace(target, data, status)


def _replace(target: Path, data: Iterable[bytes], status: os.stat_result | None) -> None:
    """A temporary file beside ``target`` (so the rename is atomic: same folder, same filesystem),
    given the old file's owner and mode, then renamed over it."""
    import tempfile  # here: a run that writes no file doesn't pay for importing it

    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        try:
            _write_all(descriptor, data)
            os.fsync(descriptor)
            if status is None:
                umask = os.umask(0)
                os.umask(umask)
                os.fchmod(descriptor, 0o666 & ~umask)
            else:
                _keep_owner(descriptor, status)
                # After the chown, which may clear the set-id bits.
                os.fchmod(descriptor, stat.S_IMODE(status.st_mode))
        finally:
            os.close(descriptor)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    _sync_folder(target.parent)


def _write_in_place(target: Path, data: bytes) -> None:
    """Rewrite a hard-linked file's own bytes.

    A rename would give ``target`` a new inode and leave the other names on the old text, so this
    file is overwritten instead. The new text goes to a temporary file first: if the disk is full
    or the folder refuses it, that fails before the file is touched, and the space it took is
    what the file may need to grow. Then one write, a truncate to the new length, and an fsync.
    (So the text is held whole here, where the parts of a text are joined: a hard-linked file is
    rare, and its new bytes must outlive the temporary file.)
    """
    import tempfile

    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        try:
            _write_all(descriptor, (data,))
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    finally:
        os.unlink(temporary)
    descriptor = os.open(target, os.O_WRONLY)
    try:
        _write_all(descriptor, (data,))
        os.ftruncate(descriptor, len(data))
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _write_all(descriptor: int, data: Iterable[bytes]) -> None:
    """Every byte of ``data``, in order: os.write may write less than it was given."""
    for block in data:
        view = memoryview(block)
        while view:
            view = view[os.write(descriptor, view) :]


def _keep_owner(descriptor: int, status: os.stat_result) -> None:
    """Give the new file the old one's owner and group, as far as this process may (root may give
    any; an owner may give a group it is in); otherwise it keeps the writer's, as editors do."""
    mine = os.fstat(descriptor)
    if (mine.st_uid, mine.st_gid) == (status.st_uid, status.st_gid):
        return
    try:
        os.fchown(descriptor, status.st_uid, status.st_gid)
    except PermissionError:
        try:
            os.fchown(descriptor, -1, status.st_gid)
        except PermissionError:
            pass


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; best effort, as not every system can open a folder."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
