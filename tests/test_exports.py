"""`timeline export` is safe for what reads it: escaped where it is rendered as
HTML, no formulas in spreadsheets, one Markdown row per event, calendars
that are reproducible and tell projects apart, and a word on what is left out."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import subprocess
import time

import icalendar
import pytest
from conftest import REPO

UTC = dt.UTC
HOSTILE = "Humala & Correa <meet> <img src=x onerror=alert(1)>"


def write_store(folder, text: str) -> None:
    (folder / "data" / "events.yaml").write_text(text, encoding="utf-8")


def vevents(text: str) -> list:
    return icalendar.Calendar.from_ical(text).walk("VEVENT")


@pytest.fixture
def no_epoch(monkeypatch):
    """No SOURCE_DATE_EPOCH from the shell the tests run in."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


SUMMIT = "events:\n  - id: summit\n    date: 2013-11-20\n    type: summit\n    title: Binational summit\n"


def test_timelinejs_escapes_every_text_it_renders_as_html(cli, store_dir):
    write_store(
        store_dir,
        "entities:\n"
        "  - {id: peru, name: Peru <b>, kind: country, country: PE}\n"
        "  - id: minister\n    name: Walter <i>Albán</i>\n    kind: person\n    country: PE\n"
        "    offices:\n      - {office: minister, title: Minister & Co, from: 2013-11-19, to: 2013-11-25}\n"
        f'events:\n  - id: summit\n    date: 2013-11-20~\n    type: "<s>summit"\n    title: "{HOSTILE}"\n    countries: [PE]\n',
    )
    run = cli("export", "--format", "timelinejs", cwd=store_dir)
    assert (run.exit_code, run.stderr) == (0, "")
    document = json.loads(run.stdout)
    (event,) = document["events"]
    assert event["text"] == {
        "headline": "Humala &amp; Correa &lt;meet&gt; &lt;img src=x onerror=alert(1)&gt;",
        "text": "&lt;s&gt;summit, reported",
    }
    assert event["group"] == "Peru &lt;b&gt;"
    assert event["display_date"] == "≈ 20 Nov 2013"
    assert event["unique_id"] == "summit"  # an element id, not HTML: as it is
    assert [era["text"] for era in document["eras"]] == [{"headline": "Walter &lt;i&gt;Albán&lt;/i&gt;: Minister &amp; Co"}]
    assert document["title"] == {"text": {"headline": "timeline", "text": "1 events"}}


def test_csv_cells_that_would_start_a_formula_get_a_quote(cli, store_dir):
    write_store(
        store_dir,
        "events:\n"
        '  - id: "=cmd"\n    date: 2013-11-20\n    type: "@SUM(A1)"\n    title: "=HYPERLINK(\\"http://x.example\\")"\n'
        '    place: "+1"\n    countries: ["-PE"]\n    sources: [{source: "@wire"}]\n    actors: [{entity: "=a", role: agent}]\n'
        '  - id: tabbed\n    date: 2013-11-21\n    type: summit\n    title: "\\tindented"\n    place: "\\rreturn"\n'
        "  - id: plain\n    date: 2013-11-22\n    type: summit\n    title: -5 dead, a count\n    place: Lima = capital\n",
    )
    run = cli("export", "--format", "csv", "--output", "events.csv", cwd=store_dir)
    assert (run.exit_code, run.stdout, run.stderr) == (0, "", "")
    with open(store_dir / "events.csv", encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    assert (store_dir / "events.csv").read_bytes().count(b"\r\n") == 4  # the rows' ends, and no more
    assert rows == [
        ["id", "date", "earliest", "latest", "type", "title", "status", "countries", "actors", "place", "sources"],
        ["'=cmd", "20 Nov 2013", "2013-11-20", "2013-11-20", "'@SUM(A1)", "'=HYPERLINK(\"http://x.example\")", "reported",
         "'-PE", "'=a", "'+1", "'@wire"],
        ["tabbed", "21 Nov 2013", "2013-11-21", "2013-11-21", "summit", "'\tindented", "reported", "", "", "\ufffdreturn", ""],
        # A legitimate leading "-" is quoted too; an "=" inside a cell is harmless and kept.
        ["plain", "22 Nov 2013", "2013-11-22", "2013-11-22", "summit", "'-5 dead, a count", "reported", "", "",
         "Lima = capital", ""],
    ]


def test_markdown_keeps_each_event_on_one_row(cli, store_dir):
    write_store(
        store_dir,
        'events:\n  - id: "a|b"\n    date: 2013-11-20\n    type: summit\n'
        '    title: "Line one\\nline two\\r\\nline three\\rline four | piped"\n'
        '    countries: ["P|E", EC]\n    sources: [{source: "wire|1"}, {source: efe}]\n',
    )
    run = cli("export", "--format", "markdown", cwd=store_dir)
    assert run.exit_code == 0
    assert run.stdout.splitlines() == [
        "| When | Event | Countries | Sources |",
        "| --- | --- | --- | --- |",
        "| 20 Nov 2013 | Line one<br>line two<br>line three<br>line four \\| piped (`a\\|b`) | P\\|E EC | wire\\|1, efe |",
    ]


def test_ics_dtstamp_comes_from_source_date_epoch(cli, store_dir):
    write_store(store_dir, SUMMIT)
    run = cli("export", "--format", "ics", cwd=store_dir, env={"SOURCE_DATE_EPOCH": "1385164800"})
    assert run.exit_code == 0
    assert "DTSTAMP:20131123T000000Z" in run.lines
    (event,) = vevents(run.stdout)
    assert event["DTSTAMP"].dt == dt.datetime(2013, 11, 23, tzinfo=UTC)


@pytest.mark.parametrize("value", ["1.5", "-1", "tomorrow"])
def test_a_bad_source_date_epoch_is_a_usage_error(cli, store_dir, value):
    write_store(store_dir, SUMMIT)
    run = cli("export", "--format", "ics", cwd=store_dir, env={"SOURCE_DATE_EPOCH": value})
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr == f"timeline: error: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not {value!r}\n"


def test_source_date_epoch_past_the_last_date_is_a_usage_error(cli, store_dir):
    write_store(store_dir, SUMMIT)
    run = cli("export", "--format", "ics", cwd=store_dir, env={"SOURCE_DATE_EPOCH": "99999999999999999"})
    assert run.exit_code == 2
    assert run.stderr == "timeline: error: SOURCE_DATE_EPOCH is too large a number of seconds for a date: 99999999999999999\n"


def test_source_date_epoch_only_matters_to_ics(cli, store_dir):
    write_store(store_dir, SUMMIT)
    run = cli("export", "--format", "csv", cwd=store_dir, env={"SOURCE_DATE_EPOCH": "tomorrow"})
    assert (run.exit_code, run.stderr) == (0, "")


def _git(folder, *args: str, env: dict | None = None) -> None:
    identity = ["-c", "user.name=Tester", "-c", "user.email=tester@example.com", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *identity, *args], cwd=folder, check=True, capture_output=True, env=env)


@pytest.fixture
def own_git(monkeypatch):
    """git finds the test's repository, whatever repository the tests run from."""
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR"):
        monkeypatch.delenv(name, raising=False)


def test_ics_dtstamp_is_the_stores_last_commit(cli, store_dir, no_epoch, own_git):
    write_store(store_dir, SUMMIT)
    (store_dir / "README.md").write_text("not the store\n", encoding="utf-8")
    _git(store_dir, "init", "--quiet")
    dates = {"GIT_AUTHOR_DATE": "2013-11-25T10:30:00Z", "GIT_COMMITTER_DATE": "2013-11-26T08:15:09Z"}
    _git(store_dir, "add", "data/events.yaml")
    _git(store_dir, "commit", "--quiet", "-m", "store", env={**os.environ, **dates})
    # A later commit of a file that is not the store doesn't date it.
    _git(store_dir, "add", "README.md")
    later = {"GIT_AUTHOR_DATE": "2014-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2014-01-01T00:00:00Z"}
    _git(store_dir, "commit", "--quiet", "-m", "readme", env={**os.environ, **later})
    run = cli("export", "--format", "ics", cwd=store_dir)
    assert run.exit_code == 0
    assert "DTSTAMP:20131126T081509Z" in run.lines  # the committer's date
    (event,) = vevents(run.stdout)
    assert event["DTSTAMP"].dt == dt.datetime(2013, 11, 26, 8, 15, 9, tzinfo=UTC)
    # From another folder, through the store's path, the same.
    assert cli("export", "data", "--format", "ics", cwd=store_dir).stdout == run.stdout
    assert cli("export", "data/events.yaml", "--format", "ics", cwd=store_dir).stdout == run.stdout


def test_ics_dtstamp_of_an_uncommitted_store_is_now(cli, store_dir, no_epoch):
    write_store(store_dir, SUMMIT)
    before = dt.datetime.fromtimestamp(int(time.time()), UTC)
    run = cli("export", "--format", "ics", cwd=store_dir)
    after = dt.datetime.now(UTC)
    assert run.exit_code == 0
    (event,) = vevents(run.stdout)
    assert before <= event["DTSTAMP"].dt <= after


def test_ics_uid_names_the_project_from_the_configuration(cli, store_dir):
    write_store(store_dir, SUMMIT)
    (store_dir / ".timeline.yaml").write_text("name: Perú–Ecuador Border Watch\n", encoding="utf-8")
    run = cli("export", "--format", "ics", cwd=store_dir, env={"SOURCE_DATE_EPOCH": "0"})
    assert run.exit_code == 0
    assert "UID:summit@peru-ecuador-border-watch.timeline" in run.lines
    (event,) = vevents(run.stdout)
    assert str(event["UID"]) == "summit@peru-ecuador-border-watch.timeline"


def test_ics_uid_names_the_project_by_its_folder_otherwise(cli, tmp_path):
    project = tmp_path / "Frontera Sur"
    (project / "data").mkdir(parents=True)
    write_store(project, SUMMIT)
    run = cli("export", "--format", "ics", cwd=project, env={"SOURCE_DATE_EPOCH": "0"})
    assert run.exit_code == 0
    (event,) = vevents(run.stdout)
    assert str(event["UID"]) == "summit@frontera-sur.timeline"
    # The folder's name, never its path, wherever the export is run from.
    from_above = cli("export", "Frontera Sur/data", "--format", "ics", cwd=tmp_path, env={"SOURCE_DATE_EPOCH": "0"})
    assert from_above.stdout == run.stdout


LEFT_OUT = (
    SUMMIT + "  - id: talks\n    date: since 2014\n    type: summit\n    title: Talks go on\n"
    "  - id: prelude\n    type: summit\n    title: Before the summit\n    relations: [{before: summit}]\n"
    "  - id: rumour\n    type: summit\n    title: A rumour\n"
)


def test_ics_says_which_events_it_left_out(cli, store_dir):
    write_store(store_dir, LEFT_OUT)
    run = cli("export", "--format", "ics", cwd=store_dir, env={"SOURCE_DATE_EPOCH": "0"})
    assert run.exit_code == 0
    assert run.stderr == "timeline: left 3 events out of the ics export (undated or open-ended): talks, prelude, rumour\n"
    assert [str(event["UID"]).split("@")[0] for event in vevents(run.stdout)] == ["summit"]


def test_timelinejs_says_which_events_it_left_out(cli, store_dir):
    write_store(store_dir, LEFT_OUT)
    run = cli("export", "--format", "timelinejs", cwd=store_dir)
    assert run.exit_code == 0
    assert run.stderr == (
        "timeline: left 2 events out of the timelinejs export (undated or with no known start): prelude, rumour\n"
    )
    assert [event["unique_id"] for event in json.loads(run.stdout)["events"]] == ["summit", "talks"]


def test_one_left_out_event_is_said_in_the_singular_also_with_output(cli, store_dir):
    write_store(store_dir, SUMMIT + "  - id: rumour\n    type: summit\n    title: A rumour\n")
    run = cli("export", "--format", "ics", "--output", "out.ics", cwd=store_dir, env={"SOURCE_DATE_EPOCH": "0"})
    assert (run.exit_code, run.stdout) == (0, "")
    assert run.stderr == "timeline: left 1 event out of the ics export (undated or open-ended): rumour\n"
    assert len(vevents((store_dir / "out.ics").read_text(encoding="utf-8"))) == 1


@pytest.mark.parametrize("output_format", ["json", "csv", "markdown"])
def test_exports_that_keep_every_event_say_nothing(cli, store_dir, output_format):
    write_store(store_dir, LEFT_OUT)
    run = cli("export", "--format", output_format, cwd=store_dir)
    assert (run.exit_code, run.stderr) == (0, "")


# streamed: an event's text is made as it is written


STORES = {
    "the shipped one": None,
    "one with no sources or entities": SUMMIT,
    "one with nothing at all": "events: []\n",
}


@pytest.mark.parametrize("text", STORES.values(), ids=STORES.keys())
def test_the_streamed_json_export_is_laid_out_as_one_document_is(cli, store_dir, text):
    # json_text lays a document out one way only: the export, read and written whole again, is the same text.
    from timeline.outputs.reporters import json_text

    folder = REPO if text is None else store_dir
    if text is not None:
        write_store(store_dir, text)
    run = cli("export", "--format", "json", cwd=folder)
    assert run.exit_code == 0
    assert run.stdout == json_text(json.loads(run.stdout)) + "\n"


def test_an_export_that_fails_while_it_is_made_leaves_the_old_file(cli, store_dir, monkeypatch):
    from timeline.outputs import exports

    write_store(store_dir, SUMMIT + SUMMIT.replace("events:\n", "").replace("summit\n", "summit-2\n", 1))
    (store_dir / "out.csv").write_text("the old export\n", encoding="utf-8")
    made = exports._cell

    def failing(text):
        if text == "summit-2":  # the second event's row, once the first was made
            raise RuntimeError("boom")
        return made(text)

    monkeypatch.setattr(exports, "_cell", failing)
    with pytest.raises(RuntimeError, match="^boom$"):
        cli("export", "--format", "csv", "--output", "out.csv", cwd=store_dir)
    assert (store_dir / "out.csv").read_text(encoding="utf-8") == "the old export\n"
    assert sorted(path.name for path in store_dir.iterdir()) == ["data", "out.csv"]
