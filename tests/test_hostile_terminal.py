"""What the store says is shown, never obeyed: escape sequences, controls and
rich markup in any field reach the terminal as visible text (each control
character as U+FFFD), through `show`, `entities`, `report`, the svg and html
views, and the command's own messages."""

from __future__ import annotations

import fcntl
import html
import io
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios

import click
import pytest
from rich.console import Console

from timeline import api
from timeline.cli.app import emit, main
from timeline.cli.environment import Environment
from timeline.engine import prepare, run
from timeline.outputs import report as reports
from timeline.outputs.console import one_line, printable, safe_text, terminal_output
from timeline.outputs.views.entities import entities_table
from timeline.outputs.views.event import event_detail
from timeline.outputs.views.timeline import Filters, timeline_view
from timeline.project.packs import load_packs
from timeline.store.loader import load_store

CLEAR = "\x1b[2J"  # CSI: erase the screen
TITLE = "\x1b]0;pwned\x07"  # OSC 0: set the window's title
LINK = "\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\"  # OSC 8: a hyperlink
# How each looks once shown: every control character is U+FFFD, the rest stays.
CLEAR_SHOWN = "\ufffd[2J"
TITLE_SHOWN = "\ufffd]0;pwned\ufffd"
LINK_SHOWN = "\ufffd]8;;http://evil\ufffd\\click\ufffd]8;;\ufffd\\"

# What a terminal would act on: C0 controls but tab and newline, DEL, C1, and bidi overrides.
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# The escape sequences rich writes itself for colour: Select Graphic Rendition.
SGR = re.compile(r"\x1b\[[0-9;]*m")

WIDTH = "100"
RULE = "─" * 100

# Hostile text where the store takes any text: titles, names, aliases, office
# titles, notes, quotes. A store that is otherwise clean: no finding at all.
FREE_TEXT = f"""\
sources:
  - id: wire
    title: {json.dumps("Wire " + CLEAR + "report [/x]")}
    published: 2013-11-25
entities:
  - id: peru
    name: "Peru [link=http://evil]x[/link] [/x]"
    kind: country
    country: PE
  - id: ollanta-humala
    name: "Ollanta Humala [sic]"
    aliases: ["[bold]Humala", {json.dumps(TITLE + ":smile:")}]
    kind: person
    country: PE
    offices:
      - office: president
        title: {json.dumps("President " + LINK + " [/x]")}
        from: 2011-07-28
events:
  - id: summit
    date: 2013-11-14
    type: summit
    title: {json.dumps("Meet " + LINK + " [/x]")}
    countries: [PE]
    actors:
      - entity: ollanta-humala
        role: participant
        as: president
    notes: "[link=http://evil]x[/link] \\x9b2J \\u202eevil"
    sources:
      - source: wire
        quote: "Ollanta Humala [sic] said [bold]so"
"""

# Hostile text where the store takes a word: ids, types, statuses, countries,
# kinds (each a schema finding, and each still shown as the store wrote it).
WORDS = f"""\
entities:
  - id: "humala[bold]"
    name: "Ollanta Humala [sic]"
    kind: "person[/x]"
    country: {json.dumps("PE" + CLEAR)}
events:
  - id: {json.dumps("summit[/x]" + TITLE)}
    date: 2013-11-14
    type: "[link=http://evil]x[/link]"
    status: "[bold]"
    title: "Ollanta Humala [sic] meets"
    countries: [{json.dumps("PE" + CLEAR)}]
    actors: ["humala[bold]", {json.dumps("[/x]" + LINK)}]
"""
HOSTILE_ID = "summit[/x]" + TITLE

# The event of WORDS in the lanes view: its cell, then its findings' marks.
WORDS_EVENT = [
    "Nov 2013",
    "14 Nov 2013 ●   Ollanta Humala [sic] meets",
    f"                summit[/x]{TITLE_SHOWN}",
    "                ⚠ warning missing-source",
]
SHOWN = {
    ("free", "show"): [
        "When            Peru [link=http://evil]x[/link] [/x] (PE)",
        RULE,
        "Nov 2013",
        f"14 Nov 2013 ●   Meet {LINK_SHOWN} [/x]",
        "                summit",
        "1 event",
    ],
    ("free", "show --by actor"): [
        "When            Ollanta Humala [sic]",
        RULE,
        "Nov 2013",
        f"14 Nov 2013 ●   Meet {LINK_SHOWN} [/x]",
        "                summit",
        "1 event",
    ],
    ("free", "show --event summit"): [
        f"summit     Meet {LINK_SHOWN} [/x]",
        "Date       2013-11-14 → Thu 14 Nov 2013",
        "Type       summit, reported",
        "Countries  PE",
        "Actors     Ollanta Humala [sic] (participant, as president)",
        f"             President {LINK_SHOWN} [/x]: 28 Jul 2011 – …",
        f"Sources    wire: Wire {CLEAR_SHOWN}report [/x] (25 Nov 2013)",
        "             “Ollanta Humala [sic] said [bold]so”",
        "Notes      [link=http://evil]x[/link] \ufffd2J \ufffdevil",
    ],
    ("free", "entities"): [
        "Id               Name                              Kind      Ctry   Offices",
        RULE,
        "peru             Peru [link=http://evil]x[/link]   country   PE",
        "                 [/x]",
        "ollanta-humala   Ollanta Humala [sic]              person    PE     President",
        f"                 [bold]Humala, {TITLE_SHOWN}:smile:                    {LINK_SHOWN}",
        "                                                                    [/x]: 28 Jul 2011 – …",
        "2 entities",
    ],
    ("words", "entities"): [
        "Id             Name                   Kind         Ctry     Offices",
        "─" * 67,
        f"humala[bold]   Ollanta Humala [sic]   person[/x]   PE{CLEAR_SHOWN}",
        "1 entity",
    ],
}


def _write(store_dir, text: str):
    (store_dir / "data" / "x.yaml").write_text(text, encoding="utf-8")
    return store_dir


@pytest.fixture
def free_text(store_dir):
    return _write(store_dir, FREE_TEXT)


@pytest.fixture
def words(store_dir):
    return _write(store_dir, WORDS)


def _shown(cli, folder, *args: str):
    """Run a command piped at 100 columns; its stdout, which must hold no control character."""
    result = cli(*args, cwd=folder, env={"COLUMNS": WIDTH})
    assert CONTROLS.findall(result.stdout + result.stderr) == []
    return result


# The one path: console.py


def test_printable_makes_every_control_character_visible_and_keeps_the_rest():
    text = f"a{CLEAR}b{TITLE}c\x85d\x9b2Je\u202ef\x7fg\th\ni\rj [sic] [/x]"
    assert printable(text) == "a\ufffd[2Jb\ufffd]0;pwned\ufffdc\ufffdd\ufffd2Je\ufffdf\ufffdg\th\ni\ufffdj [sic] [/x]"
    assert one_line(text) == "a\ufffd[2Jb\ufffd]0;pwned\ufffdc\ufffdd\ufffd2Je\ufffdf\ufffdg\th\\ni\ufffdj [sic] [/x]"


def test_printable_replaces_exactly_the_controls_bidi_controls_and_surrogates_of_all_unicode():
    # Text that str.isprintable() accepts is returned as it is, unsearched: no character it accepts may be one to replace.
    replaced = {*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)}
    replaced |= {*range(0x202A, 0x202F), *range(0x2066, 0x206A), *range(0xD800, 0xE000)}
    wrong = [code for code in range(0x110000) if printable(f"a{chr(code)}") != ("a\ufffd" if code in replaced else f"a{chr(code)}")]
    assert wrong == []


def test_safe_text_is_never_read_as_markup():
    text = safe_text("[link=http://evil]x[/link] [/x] :smile: " + LINK, style="bold")
    assert (text.plain, str(text.style), text.spans) == (f"[link=http://evil]x[/link] [/x] :smile: {LINK_SHOWN}", "bold", [])


def test_a_whole_output_for_a_terminal_keeps_its_crlf_line_ends_only():
    assert terminal_output(f"a,b\r\nc{CLEAR}\rd\r\n") == f"a,b\r\nc{CLEAR_SHOWN}\ufffdd\r\n"


def test_the_environments_console_reads_no_markup_and_no_emoji_codes():
    out = io.StringIO()
    Environment(stdout=out, environ={}).console().print("[bold]x[/bold] [/x] :smile: Ollanta Humala [sic]")
    assert out.getvalue() == "[bold]x[/bold] [/x] :smile: Ollanta Humala [sic]\n"


# The commands, piped


@pytest.mark.parametrize("command", ["show", "show --by actor", "show --event summit", "entities"])
def test_free_text_is_shown_as_written(cli, free_text, command):
    result = _shown(cli, free_text, *command.split())
    assert (result.exit_code, result.lines, result.stderr) == (0, SHOWN["free", command], "")


def test_ids_types_and_countries_are_lanes_shown_as_written(cli, words):
    by_country = _shown(cli, words, "show")
    assert by_country.exit_code == 0
    assert by_country.lines[:6] == [f"When            PE{CLEAR_SHOWN}", RULE, *WORDS_EVENT]
    assert set(by_country.lines[6:-1]) == {"                ⚠ error schema"}
    assert by_country.lines[-1] == "1 event"
    by_type = _shown(cli, words, "show", "--by", "type")
    assert by_type.exit_code == 0
    assert by_type.lines[:6] == ["When            [link=http://evil]x[/link]", RULE, *WORDS_EVENT]
    assert by_type.lines[-1] == "1 event"


def test_actors_are_lanes_shown_as_written(cli, words):
    result = _shown(cli, words, "show", "--by", "actor")
    pad = " " * 27
    assert result.exit_code == 0
    assert result.lines[:6] == [
        f"When            Ollanta Humala [sic]{' ' * 23}[/x]{LINK_SHOWN}",
        RULE,
        "Nov 2013",
        f"14 Nov 2013 ●   Ollanta Humala [sic] meets{pad[:17]}Ollanta Humala [sic] meets",
        f"                summit[/x]{TITLE_SHOWN}{pad[:23]}summit[/x]{TITLE_SHOWN}",
        f"                ⚠ warning missing-source{pad[:19]}⚠ warning missing-source",
    ]
    assert result.lines[-1] == "1 event"


def test_one_event_with_hostile_words_in_full(cli, words):
    result = _shown(cli, words, "show", "--event", HOSTILE_ID)
    assert result.exit_code == 0
    assert result.lines[:6] == [
        f"summit[/x]{TITLE_SHOWN}  Ollanta Humala [sic] meets",
        "Date                  2013-11-14 → Thu 14 Nov 2013",
        "Type                  [link=http://evil]x[/link], [bold]",
        f"Countries             PE{CLEAR_SHOWN}",
        "Actors                Ollanta Humala [sic] (participant)",
        f"                      [/x]{LINK_SHOWN} (participant)",
    ]
    assert result.lines[6] == f"Findings              warning missing-source: summit[/x]{TITLE_SHOWN} cites no source: add the report"


def test_the_registry_with_hostile_words(cli, words):
    result = _shown(cli, words, "entities")
    assert (result.exit_code, result.lines, result.stderr) == (0, SHOWN["words", "entities"], "")


def test_an_error_naming_store_ids_is_one_visible_line(cli, words):
    result = _shown(cli, words, "show", "--event", "summit[/x]")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f'timeline: error: no event has id "summit[/x]"; did you mean "summit[/x]{TITLE_SHOWN}"?\n'
    broken = _shown(cli, words, "show", "--event", "a\nb" + CLEAR)
    assert (broken.exit_code, broken.stderr) == (2, f'timeline: error: no event has id "a\\nb{CLEAR_SHOWN}"\n')


def test_what_an_export_left_out_is_said_in_one_visible_line(cli, store_dir):
    _write(store_dir, f"events:\n  - id: {json.dumps('x' + CLEAR + chr(10) + 'y')}\n    type: summit\n    title: t\n")
    result = _shown(cli, store_dir, "export", "--format", "timelinejs")
    assert result.exit_code == 0
    assert result.stderr == (
        f"timeline: left 1 event out of the timelinejs export (undated or with no known start): x{CLEAR_SHOWN}\\ny\n"
    )


# The svg and html views: the same text as the terminal's, no MarkupError


def _html_lines(document: str) -> list[str]:
    (body,) = re.findall(r"<code[^>]*>(.*)</code>", document, flags=re.DOTALL)
    return [line.rstrip() for line in html.unescape(re.sub(r"<[^>]+>", "", body)).splitlines()]


def _svg_lines(document: str) -> list[str]:
    """The svg's text, each run put back at its column (x over the width of a character)."""
    runs = re.findall(r'<text [^>]*x="([\d.]+)"[^>]*textLength="([\d.]+)"[^>]*clip-path="url\(#[^)]*-line-(\d+)\)">([^<]*)</text>', document)
    runs = [(float(x), float(length), int(number), html.unescape(text).replace("\xa0", " ")) for x, length, number, text in runs]
    cell = next(length / len(text) for _, length, _, text in runs if text)
    lines: dict[int, str] = {}
    for x, _, number, text in runs:
        line, column = lines.get(number, ""), round(x / cell)
        lines[number] = line.ljust(column)[:column] + text
    return [lines.get(number, "").rstrip() for number in range(max(lines) + 1)]


# The html export is a web page of its own, not the view: tests/test_page.py holds its hostile text.
@pytest.mark.parametrize("store", ["free", "words"])
@pytest.mark.parametrize("export_format", ["svg"])
def test_the_svg_and_html_views_show_store_text_as_written(cli, store_dir, store, export_format):
    _write(store_dir, FREE_TEXT if store == "free" else WORDS)
    shown = _shown(cli, store_dir, "show")
    exported = _shown(cli, store_dir, "export", "--format", export_format, "--width", WIDTH)
    assert (exported.exit_code, exported.stderr) == (0, "")
    lines = _html_lines(exported.stdout) if export_format == "html" else _svg_lines(exported.stdout)
    # A page marks no finding of the desk's own (missing-source, schema here): the terminal, the desk's, does.
    published = [line for line in shown.lines if not re.fullmatch(r"(?:\s*⚠ (?:warning missing-source|error schema))+", line)]
    assert lines[: len(published)] == published
    assert all(not line for line in lines[len(published) :])


# The views on a console that does read markup (the svg and html exports' kind)


def _render(renderable) -> list[str]:
    console = Console(record=True, width=100, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return [line.rstrip() for line in console.export_text().splitlines()]


def test_the_views_give_rich_no_store_string_to_read_as_markup(store_dir):
    _write(store_dir, FREE_TEXT)
    store = load_store([str(store_dir / "data" / "x.yaml")])
    packs = load_packs(None)
    context = prepare(store, packs)
    findings = run(store, packs, context=context).findings
    assert _render(timeline_view(store, findings, Filters(), "country", context.dates)) == SHOWN["free", "show"]
    assert _render(timeline_view(store, findings, Filters(), "actor", context.dates)) == SHOWN["free", "show --by actor"]
    assert _render(event_detail(store, store.event_index["summit"], findings, context.dates)) == SHOWN["free", "show --event summit"]
    assert _render(entities_table(store)) == SHOWN["free", "entities"]
    _write(store_dir, WORDS)
    store = load_store([str(store_dir / "data" / "x.yaml")])
    assert _render(entities_table(store)) == SHOWN["words", "entities"]
    assert _render(timeline_view(store, (), Filters(), "type"))[:1] == ["When            [link=http://evil]x[/link]"]


# On a terminal: rich's own colours, and nothing from the store


def _on_a_terminal(folder, *args: str) -> tuple[int, str]:
    """Run ``timeline`` under a pseudo-terminal of 100 columns that takes colour."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, int(WIDTH), 0, 0))
    env = {"PATH": os.environ.get("PATH", ""), "TERM": "xterm-256color", "COLUMNS": WIDTH, "LINES": "40", "LANG": "C.UTF-8"}
    for name in ("PYTHONPATH", "TIMELINE_CACHE_DIR"):
        if name in os.environ:
            env[name] = os.environ[name]
    process = subprocess.Popen([sys.executable, "-m", "timeline", *args], cwd=folder, env=env, stdin=slave, stdout=slave, stderr=slave)
    os.close(slave)
    output = b""
    try:
        while select.select([master], [], [], 30)[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            output += chunk
    finally:
        os.close(master)
        code = process.wait(timeout=30)
    return code, output.decode("utf-8")


def _visible(output: str) -> list[str]:
    """What a person reads: the colours taken out; nothing else may act on the terminal."""
    plain = SGR.sub("", output)
    assert CONTROLS.sub("", plain.replace("\r\n", "\n")) == plain.replace("\r\n", "\n")
    return [line.rstrip() for line in plain.split("\r\n")][: plain.count("\r\n")]


@pytest.mark.parametrize("store", ["free", "words"])
@pytest.mark.parametrize("command", ["show", "show --by actor", "show --by type", "entities"])
def test_a_terminal_gets_only_rich_colours_and_the_text_as_written(cli, store_dir, store, command):
    _write(store_dir, FREE_TEXT if store == "free" else WORDS)
    code, output = _on_a_terminal(store_dir, *command.split())
    assert code == 0
    assert SGR.search(output) is not None  # rich took it for a terminal with colour
    assert _visible(output) == _shown(cli, store_dir, *command.split()).lines


def test_a_terminal_gets_one_event_in_colour_and_as_written(cli, words):
    code, output = _on_a_terminal(words, "show", "--event", HOSTILE_ID)
    assert code == 0
    assert SGR.search(output) is not None
    assert _visible(output) == _shown(cli, words, "show", "--event", HOSTILE_ID).lines


def test_a_terminal_gets_the_check_in_colour_and_as_written(cli, words):
    code, output = _on_a_terminal(words, "check")
    assert code == 1
    assert SGR.search(output) is not None
    assert _visible(output) == _shown(cli, words, "check", "--output-format", "full").lines


def test_a_terminal_gets_the_report_with_its_controls_made_visible(free_text):
    # The report's own text is report.py's (its Markdown escaping); the terminal
    # gets exactly that text, every control character in it made visible.
    project = api.open_project([str(free_text / "data")])
    context = api.context(project)
    text = reports.markdown(project.store, api.findings(project, context=context), context.dates)
    code, output = _on_a_terminal(free_text, "report")
    assert code == 0
    assert _visible(output) == [line.rstrip() for line in terminal_output(text).splitlines()]


class _Stream(io.StringIO):
    def __init__(self, terminal: bool) -> None:
        super().__init__()
        self.terminal = terminal

    def isatty(self) -> bool:
        return self.terminal


@pytest.mark.parametrize("terminal", [True, False])
def test_an_output_written_to_stdout_has_its_controls_made_visible_on_a_terminal_only(monkeypatch, terminal):
    stream = _Stream(terminal)
    monkeypatch.setattr(sys, "stdout", stream)
    with click.Context(main):
        emit(f"a,{TITLE}\r\nb\x9bc\u202e\rd\n", None)
    assert stream.getvalue() == ("a,\ufffd]0;pwned\ufffd\r\nb\ufffdc\ufffd\ufffdd\n" if terminal else f"a,{TITLE}\r\nb\x9bc\u202e\rd\n")
