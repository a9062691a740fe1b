"""Finding the project: the folder with ``data/``, where ``checks/`` lives.

The project root bounds what a store may make the tool read (its files and
its sources' texts must lie inside it), so it is never guessed wider than
the store: a store downloaded to ``~/Downloads/evil/`` is not in the project
of ``~/data/``.
"""

from __future__ import annotations

import os
from pathlib import Path

STORE_FOLDER = "data"
PACKS_FOLDER = "checks"


CONFIG_FILE = ".timeline.yaml"


def folder_of(path: Path) -> Path:
    """The folder ``path`` is (resolved) or, for anything else, the folder it is in, without
    following ``path`` itself: a link out of the project, or a loop of links, is still in it."""
    path = Path(os.path.abspath(path))
    folder = path if path.is_dir() else path.parent
    try:
        return folder.resolve()
    except (RuntimeError, OSError):  # a loop of links above it: the folder as written
        return folder


def find_root(start: Path) -> Path | None:
    """The project one works in at ``start``: the nearest folder at or above
    it that has a ``data/`` folder (for commands given no store)."""
    start = folder_of(start)
    for folder in (start, *start.parents):
        if (folder / STORE_FOLDER).is_dir():
            return folder
    return None


def store_root(store: Path) -> Path:
    """The project root of the store at ``store`` (a file or a folder).

    The nearest folder at or above it whose ``data/`` holds the store, or
    that has a ``.timeline.yaml``; failing both, the store's own folder.
    Never an ancestor whose ``data/`` doesn't hold it.
    """
    folder = folder_of(store)  # a store file's own folder, not where a link at it points
    for candidate in (folder, *folder.parents):
        data = candidate / STORE_FOLDER
        if (candidate / CONFIG_FILE).is_file() or (data.is_dir() and (data == folder or data in folder.parents)):
            return candidate
    return folder


def default_store(cwd: Path) -> Path | None:
    """The store to check when no path is given: the project's ``data/``."""
    root = find_root(cwd)
    return None if root is None else root / STORE_FOLDER


def repository_root(start: Path) -> Path:
    """The root that CI systems give paths from: the git work tree holding
    ``start``, else the store's project root.

    The work tree is the nearest folder at or above ``start`` with a
    ``.git``: a folder with a ``HEAD``, or the ``gitdir:`` file a linked work
    tree or a submodule has in its place. It is found by looking, not by
    asking git (every run needs it, and importing subprocess to start git
    took about 7 ms of a small check), so git's variables (``GIT_DIR``, ``GIT_WORK_TREE``,
    ``GIT_CEILING_DIRECTORIES``) are not read."""
    folder = folder_of(start)
    for candidate in (folder, *folder.parents):
        if _is_git_entry(candidate / ".git"):
            return candidate
    return store_root(folder)


def _is_git_entry(path: Path) -> bool:
    try:
        if path.is_dir():
            return (path / "HEAD").is_file()
        with open(path, "rb") as handle:
            return handle.read(8) == b"gitdir: "
    except OSError:
        return False
