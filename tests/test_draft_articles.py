"""`timeline draft` on articles written for the tests, in the way the Andean
press writes (an English wire story, two Spanish agency stories with their
datelines): each draft is exactly the one recorded, and checks clean of its
own making in a project holding the shipped store."""

from __future__ import annotations

import shutil

import pytest
from conftest import FIXTURES, REPO

ARTICLES = FIXTURES / "articles"
CASES = [
    # article, options, the draft's file, what the command says
    ("wire-escape-en.txt", (), "article-2013-03-04", "drafted 5 events and 2 candidate entities", ["no outlet found"]),
    ("agencia-dateline-sin-anio.txt", ("--published", "2013-11-19"), "agencia-ejemplo-2013-11-19", "drafted 5 events and 2 candidate entities", ["no byline found"]),
    ("agencia-dateline-completo.txt", (), "noticias-andinas-ejemplo-2013-02-12", "drafted 3 events and 2 candidate entities", []),
]
EPOCH = {"SOURCE_DATE_EPOCH": "1385424000"}  # 26 Nov 2013: the day the drafts are stamped with


@pytest.fixture
def project(tmp_path):
    shutil.copytree(REPO / "data", tmp_path / "data")
    return tmp_path


@pytest.mark.parametrize("article, options, name, said, notes", CASES, ids=[case[0] for case in CASES])
def test_the_draft_is_the_recorded_one(cli, project, article, options, name, said, notes):
    run = cli("draft", str(ARTICLES / article), *options, cwd=project, env=EPOCH)
    review = "review each, then add reviewed: {by: ..., date: ...}"
    expected = [f"timeline: {said} into data/{name}.yaml: {review}", *(f"timeline: note: {note}" for note in notes)]
    assert (run.exit_code, run.stdout, run.stderr.splitlines()) == (0, "", expected)
    written = (project / "data" / f"{name}.yaml").read_text(encoding="utf-8")
    assert written == (ARTICLES / f"{name}.draft.yaml").read_text(encoding="utf-8")
    assert (project / "data" / "sources" / f"{name}.txt").read_text(encoding="utf-8") == (ARTICLES / article).read_text(encoding="utf-8")


@pytest.mark.parametrize("article, options, name, said, notes", CASES, ids=[case[0] for case in CASES])
def test_the_draft_adds_no_error_or_warning_of_its_own(cli, project, article, options, name, said, notes):
    cli("draft", str(ARTICLES / article), *options, cwd=project, env=EPOCH)
    after = cli("check", "--format", "concise", "--fail-on", "warning", cwd=project).lines
    own = [line for line in after if line.startswith(f"data/{name}.yaml") and " info " not in line]
    assert own == []
