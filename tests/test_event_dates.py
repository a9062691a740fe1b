"""`show --event` gives each date as written and the days it was read as."""

from __future__ import annotations

import shutil

from conftest import FIXTURES


def test_a_citation_s_relative_date_shows_the_day_it_was_read_as(cli, tmp_path):
    shutil.copytree(FIXTURES / "two-articles", tmp_path / "data")
    run = cli("show", "--event", "fuga-la-roca", cwd=tmp_path, env={"COLUMNS": "100"})
    assert run.lines[:7] == [
        "fuga-la-roca  Diecinueve reos se fugan de La Roca",
        "Date          2013-02 → 1–28 Feb 2013",
        "Type          escape, reported",
        "Place         La Roca",
        "Actors        César Demar Vernaza Quiñónez (subject)",
        "Sources       efe-2013-02-12: Por agua, aire y tierra, buscan a los fugados de La Roca (12 Feb 2013)",
        "                date: ayer → Mon 11 Feb 2013",
    ]


def test_a_readable_date_shows_its_interval(cli):
    run = cli("show", "--event", "pedraza-resigned", env={"COLUMNS": "100"})
    lines = run.lines
    assert lines[1] == "Date              mid-November 2013 → 11–20 Nov 2013"
    assert [line.strip() for line in lines if line.strip().startswith("date:")] == [
        "date: last Thursday → Thu 14 Nov 2013",
        "date: last Friday → Fri 15 Nov 2013",
    ]


def test_a_derived_date_shows_the_chain_it_came_from(cli):
    run = cli("show", "--event", "alban-sworn-in", env={"COLUMNS": "100"})
    assert run.lines[1:4] == [
        "Date            20 Nov 2013 (derived)",
        "                  alban-sworn-in is on the same day as national-plan-approved (line 794)",
        "                  national-plan-approved is dated 20 Nov 2013 (line 734)",
    ]
