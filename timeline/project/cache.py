"""The cache of a project's runs, kept outside the work tree as ruff keeps its own.

Two kinds of entry, both keyed by everything they depend on:

- a **file entry** per store file: its parsed document and syntax
  problems, valid while the file's bytes are the same;
- a **run entry** per selection of rules: the run's findings, valid while
  every store file, every source text the store names (present or not)
  and every project pack file are byte for byte the same.

Both also depend on the tool: its version, the Python running it, and the
size and time of each of the package's own files, so that an upgrade or an
edited checkout starts afresh. The cache lives in the user's cache folder
(``platformdirs``), one folder per project root and tool; a commit can't
plant an entry there. An entry that can't be read (corrupt, half-written
by a process that died, from another version) is ignored and rebuilt; a
cache that can't be written is no error, the run just isn't cached. Two
runs at once each write whole entries and rename them into place, so
neither reads half of the other's.

Entries are loaded with an unpickler that builds only the store's own
record classes (``timeline.store``), plain containers, arrays, dates and
paths, and calls no function but the two that stand for a store file of
this run and for REFUSED.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import timeline
from timeline.errors import UserError
from timeline.project.packs import PACK_NAMES, PACKS_FOLDER, override_path
from timeline.store.findings import Finding, SourceFile
from timeline.store.loader import Parser, ReadFile, Scanner, assemble, scan
from timeline.store.model import REFUSED, Refused, Store
from timeline.store.reading import Refused as NotRead
from timeline.store.reading import read_bytes
from timeline.store.result import Result

ENVIRONMENT = "TIMELINE_CACHE_DIR"  # a cache folder instead of the user's


class CacheError(UserError):
    """A cache that `timeline clean` was asked to remove and couldn't."""


def cache_home(given: str | None = None) -> Path:
    """Where every project's cache lives: ``given``, ``$TIMELINE_CACHE_DIR``, or the user's cache folder."""
    if given:
        return Path(given)
    if os.environ.get(ENVIRONMENT):
        return Path(os.environ[ENVIRONMENT])
    import platformdirs  # here: a run without a cache doesn't pay for it

    return Path(platformdirs.user_cache_dir("timeline", appauthor=False))


def project_folder(root: Path, home: Path) -> Path:
    """The folder of the project at ``root`` in ``home``: named for the root's resolved path."""
    resolved = str(root.resolve())
    return home / (_digest(resolved.encode("utf-8", "surrogatepass"))[:16])


def clean(root: Path, home: Path) -> tuple[int, int] | None:
    """Remove the cache of the project at ``root``: how many files and bytes it held, or None if it had none."""
    folder = project_folder(root, home)
    if not folder.is_dir():
        return None
    import shutil  # here, as in Cache.open: a run that removes nothing doesn't import it

    files = size = 0
    for path in folder.rglob("*"):
        if path.is_file():
            files += 1
            size += path.stat().st_size
    try:
        shutil.rmtree(folder)
    except OSError as error:
        raise CacheError(f"{error.filename or folder}: cannot remove the cache: {error.strerror or error}") from None
    return files, size


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def tool_fingerprint() -> str:
    """The tool as it runs now: its version, the Python, and every file of the package (path, size, time)."""
    package = os.path.dirname(timeline.__file__)
    files = []
    # Through os.scandir, which gives each entry's kind without another look, and past the
    # compiled files' folders: every run fingerprints the package, before anything else.
    folders = [package]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        folders.append(entry.path)
                elif entry.is_file():
                    status = entry.stat()
                    files.append(f"{Path(os.path.relpath(entry.path, package)).as_posix()}:{status.st_size}:{status.st_mtime_ns}")
    parts = [timeline.__version__, sys.version, str(pickle.HIGHEST_PROTOCOL), *sorted(files)]
    return _digest("\n".join(parts).encode("utf-8", "surrogatepass"))[:16]


def file_state(item: ReadFile) -> str:
    """What a store file's findings depend on: its bytes, or why it wasn't read."""
    if item.raw is None:
        return "unread:" + (item.problem.message if item.problem is not None else "")
    return _digest(item.raw)


def text_state(path: Path, root: Path | None, limit: int) -> str:
    """What a source text's findings depend on: its bytes, or why it can't be read."""
    try:
        return _digest(read_bytes(path, root, limit))
    except NotRead as reason:
        return f"refused:{reason}"
    except OSError as error:
        return f"unreadable:{error.errno}"


class Cache:
    """The cache folder of one project and one tool, and the entries in it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.writable = True
        self._states: dict[str, str] = {}  # by display path: each file is hashed once a run

    @classmethod
    def open(cls, root: Path, home: Path) -> Cache:
        """The cache of the project at ``root`` for this tool; others' entries of the project are removed."""
        project = project_folder(root, home)
        cache = cls(project / tool_fingerprint())
        try:
            cache.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            for other in project.iterdir():
                if other != cache.folder and other.is_dir():
                    import shutil

                    shutil.rmtree(other, ignore_errors=True)  # an older tool's: never read again
        except OSError:
            cache.writable = False
        return cache

    def state(self, item: ReadFile) -> str:
        state = self._states.get(item.file.path)
        if state is None:
            state = self._states[item.file.path] = file_state(item)
        return state

    # -- file entries ------------------------------------------------------

    def parser(self, scanner: Scanner | None = None) -> Parser:
        """A parser that takes a file's document from its entry, or scans it with ``scanner``
        (default: :func:`~timeline.store.loader.scan`) and writes one. An entry holds the file as scanned (see :func:`timeline.store.loader.scan`),
        which pickles ten times faster than its tree of containers, and is assembled when read."""

        scan_file = scanner or scan

        def parse_cached(file: SourceFile, raw: bytes) -> tuple[Any, list[Finding]]:
            state = self._file_state(file, raw)
            path = self._file_path(file)
            loaded = self._load(path, [file], fresh=lambda header: header == state)
            if loaded is not None:
                try:
                    scanned, problems = loaded[1]
                    return (assemble(file, scanned) if scanned is not None else None), problems
                except Exception:  # noqa: BLE001 - an entry that doesn't assemble is a miss, as a corrupt one is
                    pass
            scanned, problems = scan_file(file, raw)
            self._save(path, [state, (scanned, problems)], [file])
            return (assemble(file, scanned) if scanned is not None else None), problems

        return parse_cached

    def unparsed(self, read: list[ReadFile]) -> list[ReadFile]:
        """The files read whose entry is missing or stale: those :meth:`parser` will parse."""
        return [item for item in read if item.raw is not None and not self._fresh(self._file_path(item.file), self._file_state(item.file, item.raw))]

    def _file_state(self, file: SourceFile, raw: bytes) -> str:
        return self._states.get(file.path) or self._states.setdefault(file.path, _digest(raw))

    def _file_path(self, file: SourceFile) -> Path:
        return self.folder / "files" / (_digest(file.path.encode("utf-8", "surrogatepass")) + ".pickle")

    def _fresh(self, path: Path, state: str) -> bool:
        """Whether the entry at ``path`` was written for ``state`` (its header alone is read)."""
        try:
            with open(path, "rb") as handle:
                return _Unpickler(handle, []).load() == state
        except Exception:  # noqa: BLE001 - as in _load: whatever broke, it is a miss
            return False

    # -- run entries -------------------------------------------------------

    def run_path(self, key: Iterable[object]) -> Path:
        return self.folder / "runs" / (_digest(repr(tuple(key)).encode("utf-8", "surrogatepass")) + ".pickle")

    def lookup(self, key: Sequence[object], read: list[ReadFile], root: Path | None, limit: int) -> Result | None:
        """The cached result of the run ``key`` over the files ``read``, if nothing it depends on changed."""
        files = [item.file for item in read]
        # The entry is what it depends on, then the result: a stale one is told without loading its findings.
        loaded = self._load(self.run_path(key), files, fresh=lambda header: self._unchanged(header, read, root, limit))
        return loaded[1] if loaded is not None else None

    def _unchanged(self, header: Any, read: list[ReadFile], root: Path | None, limit: int) -> bool:
        states, texts, packs = header
        if states != [(item.file.path, self.state(item)) for item in read] or packs != pack_states(root):
            return False
        return all(text_state(Path(path), root, limit) == state for path, state in texts)

    def save(self, key: Sequence[object], read: list[ReadFile], store: Store, result: Result, root: Path | None, limit: int) -> None:
        """Keep ``result`` as the run ``key``'s, with the states of everything it was found from."""
        states = [(item.file.path, self.state(item)) for item in read]
        folders = {item.file.path: item.path.parent for item in read}
        texts = {}
        for source in store.sources:
            folder = folders.get(source.node.file.path)
            if source.text_path and folder is not None:
                path = str(folder / source.text_path)
                texts[path] = text_state(Path(path), root, limit)
        files = [item.file for item in read]
        self._save(self.run_path(key), [(states, sorted(texts.items()), pack_states(root)), result], files)

    # -- reading and writing entries --------------------------------------

    def _load(self, path: Path, files: list[SourceFile], fresh: Callable[[Any], bool]) -> tuple[Any, Any] | None:
        """An entry's header and body, or None when it is missing, unreadable, or not ``fresh`` by its header."""
        try:
            with open(path, "rb") as handle:
                header = _Unpickler(handle, files).load()
                if not fresh(header):
                    return None
                return header, _Unpickler(handle, files).load()
        except Exception:  # noqa: BLE001 - a missing, corrupt, foreign or old entry is a miss, whatever broke
            return None

    def _save(self, path: Path, parts: list[object], files: list[SourceFile]) -> None:
        """Write ``parts`` (a header, then a body) as one entry, whole or not at all."""
        if not self.writable:
            return
        import tempfile  # here: a run that finds its entries writes none

        buffer = io.BytesIO()
        try:
            for part in parts:
                _Pickler(buffer, files).dump(part)
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(buffer.getvalue())
                os.replace(temporary, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except (OSError, pickle.PicklingError, RecursionError):
            self.writable = False  # a full disk or a read-only folder: the run goes on uncached


def pack_states(root: Path | None) -> list[tuple[str, str]]:
    """The project's pack files and their bytes' digests (the packaged ones change with the tool)."""
    folder = None if root is None else root / PACKS_FOLDER
    states = []
    for name in PACK_NAMES:
        path = override_path(name, folder)
        if path is not None:
            try:
                states.append((str(path), _digest(path.read_bytes())))
            except OSError as error:
                states.append((str(path), f"unreadable:{error.errno}"))
    return states


# What an entry may build beside the store's records: the standard types they hold.
_ALLOWED = {
    "datetime": {"date", "datetime", "timedelta", "timezone"},
    "array": {"array", "_array_reconstructor"},
    "pathlib": {"Path", "PosixPath", "WindowsPath", "PurePath", "PurePosixPath", "PureWindowsPath"},
}


class _Pickler(pickle.Pickler):
    """An entry with its store files named by their place (their text is on disk) and REFUSED kept one.

    Through a dispatch table, not ``persistent_id``: the pickler would call that method for every
    one of a document's millions of objects, and the two take longer than parsing the file again."""

    def __init__(self, buffer: io.BytesIO, files: list[SourceFile]) -> None:
        super().__init__(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        indexes = {id(file): index for index, file in enumerate(files)}

        def reduce_file(file: SourceFile):
            index = indexes.get(id(file))
            if index is not None:
                return _file_at, (index,)
            return SourceFile, (file.path, file.text, None, file.bom)  # a source text, or a part of a file a finding quotes

        self.dispatch_table = {SourceFile: reduce_file, Refused: lambda _: (_refused, ())}


# The files of the entry being loaded, by place: set by _Unpickler.load, read by _file_at.
_LOADING: list[SourceFile] = []


def _file_at(index: int) -> SourceFile:
    return _LOADING[index]


def _refused() -> Refused:
    return REFUSED


_CALLS = {"_file_at", "_refused"}  # the only functions an entry may call


class _Unpickler(pickle.Unpickler):
    def __init__(self, handle, files: list[SourceFile]) -> None:
        super().__init__(handle)
        self.files = files

    def load(self):
        global _LOADING
        _LOADING = self.files
        try:
            return super().load()
        finally:
            _LOADING = []

    def find_class(self, module: str, name: str):
        if module == __name__ and name in _CALLS:
            return super().find_class(module, name)
        if module.startswith("timeline.store.") or module in _ALLOWED and name in _ALLOWED[module]:
            found = super().find_class(module, name)
            if isinstance(found, type) or module == "array":
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not a record an entry may hold")
