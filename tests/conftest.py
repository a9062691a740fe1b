"""Shared helpers: the repository's paths and a way to run the CLI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import main

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


class Run:
    def __init__(self, result) -> None:
        self.exit_code = result.exit_code
        self.stdout = result.stdout
        self.stderr = result.stderr
        self.exception = result.exception

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()


@pytest.fixture
def cli(monkeypatch):
    """Run ``timeline`` with arguments, in a folder (default: the repository)."""

    def run(*args: str, cwd: Path = REPO, env: dict | None = None) -> Run:
        monkeypatch.chdir(cwd)
        monkeypatch.delenv("FORCE_COLOR", raising=False)
        monkeypatch.setenv("COLUMNS", "80")
        runner = CliRunner()
        result = runner.invoke(main, list(args), env=env, catch_exceptions=True)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Run(result)

    return run


@pytest.fixture
def store_dir(tmp_path):
    """A project folder with an empty data/ (write stores into it)."""
    (tmp_path / "data").mkdir()
    return tmp_path
