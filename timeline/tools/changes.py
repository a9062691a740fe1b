"""What git knows of the store: which lines changed since a revision, for
``check --since``, and when its files were last committed, to date an export."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

from timeline.errors import UserError

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)


class ChangesError(UserError):
    """git couldn't say what changed (not a repository, an unknown revision)."""


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as error:
        raise ChangesError(f"--since needs git: {error.strerror or error}") from None


def changed_lines(paths: list[str], revision: str, cwd: Path) -> dict[str, set[int] | None]:
    """For each path, the 1-based lines added or changed since ``revision``.

    ``None`` means every line: a file git doesn't track yet is new.
    Deleted lines mark the line that now stands where they were.
    """
    verify = _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], cwd)
    if verify.returncode != 0:
        raise ChangesError(f'--since: "{revision}" is not a git revision here')
    changed: dict[str, set[int] | None] = {}
    for path in paths:
        tracked = _git(["ls-files", "--error-unmatch", "--", path], cwd)
        if tracked.returncode != 0:
            changed[path] = None
            continue
        diff = _git(["diff", "--unified=0", "--no-color", "--no-ext-diff", revision, "--", path], cwd)
        if diff.returncode != 0:
            raise ChangesError(f"--since: git diff failed: {diff.stderr.strip().splitlines()[0] if diff.stderr else diff.returncode}")
        lines: set[int] = set()
        for match in _HUNK.finditer(diff.stdout):
            start, count = int(match.group(1)), int(match.group(2) or 1)
            lines.update(range(start, start + count) if count else (max(start, 1),))
        changed[path] = lines
    return changed


def last_commit_time(paths: list[str], cwd: Path) -> dt.datetime | None:
    """When the newest commit that touches ``paths`` was made (its committer date, in UTC).

    ``None`` when git can't say: git isn't installed, ``cwd`` is in no
    repository, or none of the files was ever committed.
    """
    if not paths:
        return None  # `git log -- ` with no path would date the whole repository
    try:
        command = ["git", "log", "-1", "--format=%ct", "--", *paths]
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    except OSError:
        return None
    seconds = done.stdout.strip()
    if done.returncode != 0 or not seconds.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(seconds), dt.UTC)
