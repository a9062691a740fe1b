"""The timeline view drawn a line at a time is the table rich draws: the same characters in the
same styles, at any width, for any cells (wide characters, tabs, long words, line breaks)."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rich._wrap import divide_line
from rich.console import Console

from timeline import parallel
from timeline.outputs.console import painter
from timeline.outputs.views import lines
from timeline.outputs.views.lines import Cell, _breaks, fast_widths, longest_line
from timeline.outputs.views.timeline import TimelineView

STYLES = ["", "dim", "italic", "bold underline", "magenta", "cyan", "red"]
WORDS = ["a", "Lima", "Tulcán", "border", "patrol", "sworn-in", "Walter Albán Peralta,", "日本語", "x" * 30, "  ", "\t", "né"]


def texts(tabs: bool):
    words = WORDS if tabs else [word for word in WORDS if word != "\t"]
    return st.lists(st.sampled_from(words), min_size=1, max_size=8).map(" ".join)


def filled(tabs: bool):
    run = st.tuples(texts(tabs), st.sampled_from(STYLES))
    lines = st.lists(run, min_size=1, max_size=3)
    # As the view's cells are: a line break starts each run after the first.
    shaped = lines.map(lambda runs: (runs[0], *[("\n" + text, style) for text, style in runs[1:]]))
    return st.builds(Cell, shaped, st.sampled_from(STYLES))


def cells(tabs: bool):
    return st.one_of(st.just(Cell(())), filled(tabs))


def views(tabs: bool, lanes=st.integers(0, 5)):
    def view(lanes: int):
        lane_titles = st.lists(filled(tabs), min_size=lanes, max_size=lanes)
        rows = st.lists(st.lists(cells(tabs), min_size=lanes + 1, max_size=lanes + 1), max_size=6)
        return st.builds(TimelineView, lane_titles, rows, st.integers(0, 3))

    return lanes.flatmap(view)


def console(width: int, colour: bool) -> Console:
    return Console(
        width=width, file=io.StringIO(), force_terminal=colour, color_system="truecolor" if colour else None,
        highlight=False, markup=False, emoji=False, soft_wrap=False,
    )  # fmt: skip


def by_rich(view: TimelineView, width: int, colour: bool) -> str:
    shown = console(width, colour)
    with shown.capture() as capture:
        shown.print(view)
    return capture.get()


def by_lines(view: TimelineView, width: int, colour: bool) -> str:
    shown = console(width, colour)
    return "".join(view.lines(shown, painter(shown)))


def styled(output: str) -> list[tuple[str, str]]:
    """Each character with the codes in force where it is written: equal however the codes are split."""
    characters, codes = [], ""
    for match in re.finditer(r"\x1b\[([0-9;]*)m|(.)", output, re.DOTALL):
        if match.group(1) is not None:
            codes = "" if match.group(1) == "0" else match.group(1)
        else:
            characters.append((match.group(2), codes))
    return characters


@settings(max_examples=300, deadline=None)
@given(views(tabs=True), st.integers(20, 160))
def test_the_lines_are_the_text_rich_draws(view, width):
    assert by_lines(view, width, colour=False) == by_rich(view, width, colour=False)


@settings(max_examples=300, deadline=None)
@given(views(tabs=False), st.integers(20, 160))
def test_the_lines_have_rich_s_styles_character_by_character(view, width):
    assert styled(by_lines(view, width, colour=True)) == styled(by_rich(view, width, colour=True))


def test_the_fast_widths_are_rich_s_or_none():
    # 80 columns, a first column 22 wide, three lanes: as the 80-column golden has them.
    assert fast_widths(80, 22, 3) == [23, 18, 18, 18]
    # No room for a lane one character wide and its padding: rich collapses columns, and draws it.
    assert fast_widths(30, 26, 2) is None


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab -.,x\x1c\u3000é\t", max_size=80), st.integers(1, 40))
def test_the_wrap_breaks_lines_where_rich_does(line, width):
    assert _breaks(line, width) == divide_line(line, width, fold=True)




def drawn(view: TimelineView, width: int, colour: bool, stretches=None) -> list[str]:
    shown = console(width, colour)
    header = [Cell((("When", ""),)), *view.lanes]
    widths = fast_widths(width, max(longest_line(row[0]) for row in [header, *view.rows]), len(view.lanes))
    assume(widths is not None)  # else rich draws the table
    return list(lines.draw(header, view.rows, widths, painter(shown), "bold", stretches))


@settings(max_examples=25, deadline=None)
@given(views(tabs=True, lanes=st.integers(1, 5)), st.integers(100, 160), st.booleans())
def test_a_table_drawn_in_forked_workers_is_the_table_drawn_here(view, width, colour):
    here = drawn(view, width, colour)
    asked: list[int] = []

    def in_workers(make, count):
        asked.append(count)
        return parallel.made_in_order(make, count, 2)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lines, "PARALLEL_FROM", 1)
        patch.setattr(lines, "_STRETCH", 2)  # stretches of two rows, the last one maybe shorter
        forked = drawn(view, width, colour, in_workers)
    assert forked == here
    assert asked == ([(len(view.rows) + 1) // 2] if view.rows else [])
