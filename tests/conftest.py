"""Shared helpers: the repository's paths and a way to run the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import main

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# What `timeline check` reports on the shipped store: the article's real
# problems and the real disagreements between its reports (see
# ../shared/reference/facts.md), and nothing else.
SEED_FINDINGS = [
    'data/events.yaml:479:19: error source-conflict alava-2013-11-25 gives investigated as 1,960 cases, andina-efe-2013-07 as 1,960 victims: the two reports count different things, or one is wrong',
    'data/events.yaml:482:19: error source-conflict alava-2013-11-25 gives children-and-teenagers as 763 cases, andina-efe-2013-07 as 763 victims: the two reports count different things, or one is wrong',
    'data/events.yaml:529:79: info name-spelling "Cesar Demar Vernaza Quinonez" is "César Demar Vernaza Quiñónez" (el-empresario) without its accents; the quote stays as the source printed it',
    'data/events.yaml:551:232: warning role-title the quote calls homero-arellano "Ecuadorean Minister of National Security", but the registry\'s title for the office they held on … 25 Nov 2013 is "Coordinating Minister of Security" (line 277); the quote stays as the source printed it',
    "data/events.yaml:690:15: error source-conflict efe-2013-11-18 has pedraza-resigned on 14 Nov 2013 (last Thursday), europapress-2013-11-18 on 15 Nov 2013 (last Friday): the two reports can't both be right",
    'data/events.yaml:740:17: error authority peru-supreme-court (court) is the agent of a plan-approved event, which it has no authority for: National plans are approved by the executive (in Peru, by supreme decree of the President and the Council of Ministers), not by courts or legislatures.',
    'data/events.yaml:789:98: warning name-spelling "Humaala" looks like a misspelling of "Humala" (ollanta-humala); the quote stays as the source printed it',
    "data/events.yaml:791:15: error source-conflict alava-2013-11-25 has alban-sworn-in on 20 Nov 2013 (derived), laprensa-2013-11-19 on 19 Nov 2013: the two reports can't both be right",
    'data/sources/alava-2013-11-25.txt:40:47: warning name-variant "Ecuadorian" (3 times) and "Ecuadorean" (8 times) are both used in the text of alava-2013-11-25: one spelling would do',
    '5 errors, 3 warnings, 1 info in 1 file, 25 events',
]


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


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory, monkeypatch):
    """Each test keeps its cache to itself (and never in the user's cache folder)."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(folder))
    return folder
