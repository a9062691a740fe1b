"""Finding the project: the folder with ``data/``, where ``checks/`` lives."""

from __future__ import annotations

from pathlib import Path

STORE_FOLDER = "data"
PACKS_FOLDER = "checks"


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that has a ``data/`` folder."""
    start = start.resolve()
    if start.is_file():
        start = start.parent
    for folder in (start, *start.parents):
        if (folder / STORE_FOLDER).is_dir():
            return folder
    return None


def default_store(cwd: Path) -> Path | None:
    """The store to check when no path is given: the project's ``data/``."""
    root = find_root(cwd)
    return None if root is None else root / STORE_FOLDER


def repository_root(start: Path) -> Path:
    """The root that CI systems give paths from: the git work tree holding
    ``start``, else the project root, else ``start``'s folder."""
    import subprocess

    start = start.resolve()
    folder = start.parent if start.is_file() else start
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True, text=True, check=False
        )
    except OSError:
        done = None
    if done is not None and done.returncode == 0 and done.stdout.strip():
        return Path(done.stdout.strip()).resolve()
    return find_root(folder) or folder
