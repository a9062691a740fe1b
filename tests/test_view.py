"""`timeline show` and `timeline export`: the view at fixed widths, filters, detail, and exports parsed back."""

from __future__ import annotations

import csv
import gc
import io
import json
import re
from xml.etree import ElementTree

import icalendar
import pytest
from conftest import FIXTURES, REPO


@pytest.mark.parametrize("store", ["lanes", "small"])
@pytest.mark.parametrize("width", [80, 120])
def test_the_view_matches_the_expected_text(cli, store, width):
    run = cli("show", f"{store}.yaml", cwd=FIXTURES, env={"COLUMNS": str(width)})
    assert run.stdout == (FIXTURES / f"{store}-show-{width}.txt").read_text(encoding="utf-8")
    assert run.exit_code == 0


def test_the_view_is_good_at_200_columns_too(cli):
    run = cli("show", cwd=REPO, env={"COLUMNS": "200"})
    assert all(len(line) <= 200 for line in run.lines)
    assert run.lines[0].split() == ["When", "Peru", "(PE)", "Ecuador", "(EC)", "Colombia", "(CO)"]
    assert run.lines[-1] == "25 events"


@pytest.mark.parametrize(
    "options, count",
    [
        ((), "5 events"),
        (("--country", "co"), "2 events"),
        (("--from", "2013-11"), "2 events"),
        (("--to", "early 2013"), "3 events"),
        (("--type", "escape"), "1 event"),
        (("--grep", "CALI"), "1 event"),
        (("--actor", "walter-alban"), "1 event"),
        (("--source", "wire"), "5 events"),
        (("--source", "other"), "no events"),
    ],
)
def test_filters_keep_what_they_say(cli, options, count):
    run = cli("show", "lanes.yaml", *options, cwd=FIXTURES, env={"COLUMNS": "120"})
    assert run.lines[-1] == count


def test_lanes_by_type(cli):
    run = cli("show", "lanes.yaml", "--by", "type", cwd=FIXTURES, env={"COLUMNS": "120"})
    assert run.lines[0].split() == ["When", "capture", "escape", "recapture", "sworn-in", "meeting"]


def test_an_uncertain_date_is_drawn_as_a_span_and_a_day_as_a_point(cli):
    lines = cli("show", "lanes.yaml", cwd=FIXTURES, env={"COLUMNS": "120"}).lines
    drawn = [line for line in lines if line.startswith(("≈ Feb 2013 ", "20 Nov 2013 ", "17 Mar–13 May 2013 "))]
    assert drawn == [
        "≈ Feb 2013 ┣━┫           El Empresario escapes",
        "17 Mar–13 May 2013 ┣━┫   Recaptured in Cali by            Recaptured in Cali by",
        "20 Nov 2013 ●                                                                             Walter Alban Peralta sworn in",
    ]


def test_one_event_in_full(cli):
    run = cli("show", "lanes.yaml", "--event", "recapture", cwd=FIXTURES, env={"COLUMNS": "100"})
    assert [line.rstrip() for line in run.lines] == [
        "recapture  Recaptured in Cali by Colombian police",
        "Date       17 Mar–13 May 2013 (derived)",
        "             recapture is 2 months after escape (line 51)",
        "             escape is dated ≈ Feb 2013 (line 35)",
        "Type       recapture, reported",
        "Countries  CO, EC",
        "Actors     César Demar Vernaza Quiñónez (subject)",
        "Sources    wire: A wire report (25 Nov 2013)",
        "Relations  2 months after escape",
    ]


def test_an_unknown_event_is_a_usage_error(cli):
    run = cli("show", "lanes.yaml", "--event", "recaptur", cwd=FIXTURES)
    assert (run.exit_code, run.stderr) == (2, 'timeline: error: no event has id "recaptur"; did you mean "recapture"?\n')


def test_force_color_and_no_color_are_honoured(cli):
    expected = (FIXTURES / "lanes-show-120.txt").read_text(encoding="utf-8")
    styles = ["\x1b[0m", "\x1b[1;2m", "\x1b[1;3m", "\x1b[1;4m", "\x1b[1m", "\x1b[2m"]
    forced = cli("show", "lanes.yaml", cwd=FIXTURES, env={"FORCE_COLOR": "1", "COLUMNS": "120"})
    assert _codes(forced.stdout) == sorted([*styles, "\x1b[35m", "\x1b[36m"])
    assert _text(forced.stdout) == expected
    # NO_COLOR takes the colours away and keeps bold, dim, italic and underline.
    plain = cli("show", "lanes.yaml", cwd=FIXTURES, env={"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "120"})
    assert _codes(plain.stdout) == styles
    assert _text(plain.stdout) == expected


def _codes(output: str) -> list[str]:
    return sorted(set(re.findall(r"\x1b\[[0-9;]*m", output)))


def _text(output: str) -> str:
    return "".join(line.rstrip() + "\n" for line in re.sub(r"\x1b\[[0-9;]*m", "", output).splitlines())


def export(cli, output_format, store="lanes.yaml"):
    run = cli("export", store, "--format", output_format, cwd=FIXTURES)
    assert run.exit_code == 0
    return run.stdout


def test_json_export_has_the_whole_store_with_normalized_dates(cli):
    document = json.loads(export(cli, "json"))
    recapture = next(event for event in document["events"] if event["id"] == "recapture")
    assert recapture["date"] == {
        "text": None,
        "earliest": "2013-03-17",
        "latest": "2013-05-13",
        "precision": "day",
        "label": "17 Mar–13 May 2013",
        "derived": True,
    }
    assert [source["id"] for source in document["sources"]] == ["wire"]
    assert len(document["entities"]) == 5


def test_csv_export_is_one_row_per_event(cli):
    rows = list(csv.DictReader(io.StringIO(export(cli, "csv"))))
    assert [row["id"] for row in rows] == ["capture", "escape", "recapture", "sworn-in", "summit"]
    assert (rows[0]["earliest"], rows[0]["latest"], rows[0]["date"]) == ("2012-04-01", "2012-04-30", "Apr 2012")


def test_ics_export_is_honest_to_precision(cli):
    calendar = icalendar.Calendar.from_ical(export(cli, "ics"))
    events = {str(event["UID"]).split("@")[0]: event for event in calendar.walk("VEVENT")}
    # No configured name: the UIDs name the project by its folder, the store's own (no data/ holds it).
    assert {str(event["UID"]).split("@")[1] for event in events.values()} == {"fixtures.timeline"}
    assert sorted(events) == ["capture", "escape", "recapture", "summit", "sworn-in"]
    capture = events["capture"]
    # A month-precise date is the whole month, all day: the end is exclusive.
    assert (str(capture["DTSTART"].dt), str(capture["DTEND"].dt)) == ("2012-04-01", "2012-05-01")
    sworn = events["sworn-in"]
    assert (str(sworn["DTSTART"].dt), str(sworn["DTEND"].dt)) == ("2013-11-20", "2013-11-21")


def test_timelinejs_export_has_the_documented_fields(cli):
    document = json.loads(export(cli, "timelinejs"))
    assert set(document) == {"title", "events", "eras"}
    for event in document["events"]:
        assert isinstance(event["start_date"]["year"], int)
        assert set(event["start_date"]) <= {"year", "month", "day"}
        assert event["text"]["headline"]
    capture = next(event for event in document["events"] if event["unique_id"] == "capture")
    assert capture["start_date"] == {"year": 2012, "month": 4}
    assert capture == {
        "unique_id": "capture",
        "start_date": {"year": 2012, "month": 4},
        "text": {"headline": "El Empresario captured in Ecuador", "text": "capture, reported"},
        "display_date": "Apr 2012",
        "group": "Ecuador",
    }
    assert document["eras"] == [
        {
            "start_date": {"year": 2013, "month": 11, "day": 19},
            "end_date": {"year": 2013, "month": 11, "day": 25},
            "text": {"headline": "Walter Albán Peralta: Minister of the Interior"},
        }
    ]


def test_markdown_svg_and_html_exports(cli):
    markdown = export(cli, "markdown").splitlines()
    assert markdown[:3] == [
        "| When | Event | Countries | Sources |",
        "| --- | --- | --- | --- |",
        "| Apr 2012 | El Empresario captured in Ecuador (`capture`) | EC | wire |",
    ]
    # The svg export is the view drawn (tests/test_hostile_terminal.py compares its text with the
    # terminal's); the html page is tests/test_page.py's.
    svg = ElementTree.fromstring(export(cli, "svg"))
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"


def test_a_confidential_source_stays_out_of_exports(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(
        "sources:\n  - id: informant\n    title: Call notes\n    published: 2013-11-20\n    url: https://secret.example\n"
        "    confidential: true\nevents:\n  - id: a\n    date: 2013-11-19\n    type: statement\n    title: t\n"
        "    sources:\n      - source: informant\n        quote: planned for weeks\n",
        encoding="utf-8",
    )
    text = cli("export", "--format", "json", cwd=store_dir).stdout
    assert "informant" not in text and "Call notes" not in text and "secret.example" not in text and "planned for weeks" not in text
    assert json.loads(text)["sources"] == [{"id": "confidential-1", "title": "confidential source", "confidential": True}]


def test_show_leaves_the_cycle_collector_on(cli):
    # It is paused while the view is drawn, for the caller's process too: the tests', or a script's.
    run = cli("show", "lanes.yaml", cwd=FIXTURES)
    assert (run.exit_code, gc.isenabled()) == (0, True)
