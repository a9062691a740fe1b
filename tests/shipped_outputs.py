"""Every output of the shipped store, kept under tests/fixtures/shipped/ so
that a change which should not alter what users see (a restructure, a
speed-up) is held to it byte for byte. `python tests/shipped_outputs.py`
writes them anew, after a change that means to alter them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FOLDER = REPO / "tests" / "fixtures" / "shipped"
ENVIRONMENT = {"SOURCE_DATE_EPOCH": "1385337600", "COLUMNS": "100", "NO_COLOR": "1"}

COMMANDS: dict[str, list[str]] = {
    **{f"check.{name}": ["check", "--format", name] for name in ("concise", "full", "json", "json-lines", "github", "sarif", "junit", "gitlab")},
    "check.statistics": ["check", "--statistics"],
    **{f"export.{name}": ["export", "--format", name] for name in ("json", "csv", "ics", "timelinejs", "markdown", "svg", "html")},
    "report.markdown": ["report"],
    "report.claimreview": ["report", "--format", "claimreview"],
    "show.country": ["show"],
    "show.actor": ["show", "--by", "actor"],
    "show.event": ["show", "--event", "alban-sworn-in"],
    "entities": ["entities"],
    "checks": ["checks"],
}


def output(name: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of one command on the shipped store, in the repository."""
    done = subprocess.run(
        [sys.executable, "-m", "timeline", *COMMANDS[name]],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, **ENVIRONMENT},
        check=False,
    )
    # SARIF names the repository root by its absolute URI, and calendar UIDs
    # the project by its folder's name: the checkout's own, wherever it is.
    from timeline.outputs.exports import project_slug

    stdout = done.stdout.replace(REPO.as_uri() + "/", "file:///REPO/").replace(f"@{project_slug(REPO.name)}.timeline", "@checkout.timeline")
    return done.returncode, stdout, done.stderr


def expected(name: str) -> str:
    return (FOLDER / name).read_text(encoding="utf-8")


def shown(code: int, stdout: str, stderr: str) -> str:
    return f"exit {code}\n--- stderr\n{stderr}--- stdout\n{stdout}"


if __name__ == "__main__":
    FOLDER.mkdir(parents=True, exist_ok=True)
    for command in COMMANDS:
        (FOLDER / command).write_text(shown(*output(command)), encoding="utf-8")
