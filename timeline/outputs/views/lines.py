"""A lanes table drawn a line at a time, exactly as rich draws it, in a fraction of the time.

The timeline view is a rich Table (``box.SIMPLE_HEAD``, no edge, no padding at the edges, as
wide as the console; a first column that never wraps, then columns of equal ratio that fold).
Rich lays a Table out whole before it prints a line, measuring and rendering every cell through
its segment machinery: on 100,000 events that took six times as long as the whole check. This
module draws the same table from the same cells: the column widths as rich computes them, each
cell wrapped by rich's own word wrap (so it breaks where rich breaks it), padded and joined, one
row at a time, so the first screen shows at once and nothing but a row is held.

Where the layout would leave rich's simple case (lanes too many for the width, a console that
can't draw the box's characters), :func:`fast_widths` says so and the caller lets rich draw.
A test holds the two to the same text over generated tables.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from rich._ratio import ratio_distribute
from rich._wrap import divide_line
from rich.cells import cell_len, set_cell_size

from timeline.outputs.console import plain

Paint = Callable[[str, str], str]  # (text, style) -> the text as the console writes it in that style


class Cell(NamedTuple):
    """A table cell: runs of ``(text, style)``, where a "\\n" starts a line; ``style`` is the
    whole cell's (rich Text's own style), which the padding of its lines takes too."""

    runs: tuple[tuple[str, str], ...]
    style: str = ""

    @property
    def plain(self) -> str:
        return "".join(text for text, _ in self.runs)


BLANK = Cell(())
_TRAILING_SPACE = re.compile(r"\s+$")


def longest_line(cell: Cell) -> int:
    """The cell's width as rich measures a Text: its longest line, in terminal cells."""
    return max(map(cell_len, cell.plain.split("\n")))


def fast_widths(total: int, first: int, lanes: int) -> list[int] | None:
    """The column widths rich gives the lanes table ``total`` cells wide, whose first column's
    longest line is ``first`` cells; None where rich would have to shrink columns (its collapse)."""
    columns = 1 + lanes
    inner = total - (columns - 1)  # a one-cell divider between columns
    if lanes == 0 or inner < 1:
        return None
    fixed = min(first + 1, inner)  # the first column pads on its right only
    minimums = [3] * (lanes - 1) + [2]  # width 1 and padding: both sides, the last lane its left only
    widths = [fixed, *ratio_distribute(inner - fixed, [1] * lanes, minimums)]
    return widths if sum(widths) == inner else None


# Rows from which a table is drawn a stretch at a time by ``stretches`` (see draw), and a stretch.
PARALLEL_FROM = 20_000
_STRETCH = 2_000
# Makes make(0) … make(count - 1) elsewhere (forked workers) and gives them back in order.
Stretches = Callable[[Callable[[int], list[str]], int], Iterable[list[str]]]


def draw(
    header: list[Cell], rows: Iterable[list[Cell]], widths: list[int], paint: Paint, first_style: str, stretches: Stretches | None = None
) -> Iterator[str]:
    """The table's lines, each ended with "\\n": the header (bold, as rich's ``table.header``),
    its rule, then each row; ``first_style`` is the first column's style.

    With ``stretches`` (the command line hands down forked workers: see
    :func:`timeline.parallel.made_in_order`), a list of :data:`PARALLEL_FROM` rows or more is
    drawn there, a stretch of rows each, and read back in order: the same lines, in half the
    time on two CPUs."""
    last = len(widths) - 1
    pads = [(0 if index == 0 else 1, 0 if index == last else 1) for index in range(len(widths))]
    yield from _row(header, widths, pads, paint, ["bold"] * len(widths), {}, bottom=True)
    yield "─" * (sum(widths) + last) + "\n"
    styles = [first_style] + [""] * last

    def stretch(rows: Iterable[list[Cell]]) -> Iterator[str]:
        drawn: dict[tuple, list[str]] = {}
        for row in rows:
            yield from _row(row, widths, pads, paint, styles, drawn)

    if stretches is not None and isinstance(rows, list) and len(rows) >= PARALLEL_FROM:
        count = -(-len(rows) // _STRETCH)
        for lines in stretches(lambda at: list(stretch(rows[at * _STRETCH : (at + 1) * _STRETCH])), count):
            yield from lines
        return
    yield from stretch(rows)


_KEPT = 256  # cells drawn kept for the rows after: a day's events come together
Pads = list[tuple[int, int]]


def _row(cells: list[Cell], widths: list[int], pads: Pads, paint: Paint, styles: list[str], drawn: dict, bottom: bool = False):
    rendered = []
    for index, (cell, width, (left, right), style) in enumerate(zip(cells, widths, pads, styles)):
        if not cell.runs and not cell.style:
            rendered.append([paint(" " * width, style)])  # an empty cell: the commonest, one blank line
            continue
        # A cell drawn before in this column (an event in two lanes of the same width, a date many
        # events share) is drawn the same again.
        key = (cell, width, left, right, style, index > 0)
        lines = drawn.get(key)
        if lines is None:
            if len(drawn) >= _KEPT:
                drawn.clear()
            made = _lines(cell, width - left - right, fold=index > 0)
            lines = drawn[key] = [_join(line, style, paint, left, right) for line in made]
        rendered.append(lines)
    height = max(map(len, rendered))
    for index, lines in enumerate(rendered):
        if len(lines) < height:
            blank = paint(" " * widths[index], styles[index])
            fill = [blank] * (height - len(lines))
            rendered[index] = fill + lines if bottom else lines + fill
    divider = paint(" ", "")
    for line in zip(*rendered):
        yield divider.join(line) + "\n"


def _join(runs: list[tuple[str, str]], style: str, paint: Paint, left: int, right: int) -> str:
    if paint is plain:
        return "".join([" " * left, *(text for text, _ in runs), " " * right])
    text = "".join(paint(text, f"{style} {own}" if style and own else style or own) for text, own in runs if text)
    return paint(" " * left, style) + text + paint(" " * right, style)


def _lines(cell: Cell, width: int, fold: bool) -> list[list[tuple[str, str]]]:
    """The cell's lines at ``width``, each a list of runs padded to the width: wrapped (or cut)
    as rich's Text.wrap wraps them, left-justified."""
    base = cell.style
    split: list[list[tuple[str, str]]] = [[]]
    for text, own in cell.runs:
        style = f"{base} {own}" if base and own else base or own
        first, *rest = text.split("\n")
        if first:
            split[-1].append((first, style))
        split += [[(part, style)] if part else [] for part in rest]
    lines = []
    for runs in split:
        whole = runs[0][0] if len(runs) == 1 else "".join(text for text, _ in runs)
        if "\t" in whole:
            # Rare: rich expands a tab to the next stop before it wraps; the line keeps one style.
            whole = _expanded(whole)
            runs = [(whole, base)]
        length = _width(whole)
        if length <= width:
            lines.append([*runs, (" " * (width - length), base)] if length < width else runs)
        elif not fold:
            lines.append(_padded(runs, width, base, ellipsis=True))
        else:
            breaks = _breaks(whole, width)
            for first, stop in zip([0, *breaks], [*breaks, len(whole)]):
                lines.append(_padded(_cut(runs, first, first + _kept(whole[first:stop], width)), width, base))
    return lines


_WORD = re.compile(r"\s*\S+\s*")  # a word as rich's wrap takes it: with the spaces either side


def _breaks(line: str, width: int) -> list[int]:
    """Where rich's word wrap (``divide_line``, folding words longer than the width) breaks
    ``line``. A line of printable ASCII, one cell a character, is broken here by the same
    steps without measuring each word's cells: rich's measuring was most of the drawing time."""
    if not (line.isascii() and line.isprintable()):
        return divide_line(line, width, fold=True)
    breaks: list[int] = []
    used = 0  # cells taken on the current line
    for match in _WORD.finditer(line):
        start, word = match.start(), match.group()
        length = len(word.rstrip())
        if width - used >= length:
            used += len(word)
        elif length > width:  # longer than a line: in pieces of the width, the last one left open
            for piece in range(0, len(word), width):
                if start + piece:
                    breaks.append(start + piece)
            used = len(word) % width or width  # the last piece
        elif used and start:
            breaks.append(start)
            used = len(word)
    return breaks


def _expanded(line: str) -> str:
    """A line's tabs as rich expands them: to the next multiple of 8 terminal cells."""
    from rich.text import Text

    text = Text(line)
    text.expand_tabs(8)
    return text.plain


def _width(text: str) -> int:
    """Terminal cells: one a character for ASCII (no control character reaches a cell), else rich's count."""
    return len(text) if text.isascii() else cell_len(text)


def _kept(piece: str, width: int) -> int:
    """How much of a wrapped piece stays: spaces past the width go (rich's ``rstrip_end``)."""
    excess = len(piece) - width
    if excess > 0:
        trailing = _TRAILING_SPACE.search(piece)
        if trailing:
            return len(piece) - min(len(trailing.group()), excess)
    return len(piece)


def _cut(runs: list[tuple[str, str]], start: int, stop: int) -> list[tuple[str, str]]:
    """The runs' text from ``start`` to ``stop`` (offsets in the line they make), in their styles."""
    cut, low = [], 0
    for text, style in runs:
        high = low + len(text)
        if low < stop and high > start:
            cut.append((text[max(start, low) - low : min(stop, high) - low], style))
        low = high
    return cut


def _padded(runs: list[tuple[str, str]], width: int, style: str, ellipsis: bool = False) -> list[tuple[str, str]]:
    """Cut to ``width`` cells where longer (rich's truncate: with an ellipsis where the column
    doesn't wrap), else padded with the cell's style."""
    length = sum(_width(text) for text, _ in runs)
    if length > width and ellipsis:
        kept = _padded(runs, width - 1, style)
        return [*kept, ("…", kept[-1][1] if kept else style)]
    if length > width:
        kept, room = [], width
        for text, own in runs:
            if room <= 0:
                break
            size = cell_len(text)
            if size > room:
                text = set_cell_size(text, room)
                size = room
            kept.append((text, own))
            room -= size
        return kept
    return [*runs, (" " * (width - length), style)] if length < width else runs
