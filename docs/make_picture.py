"""Redraw docs/show.svg, the README's picture of `timeline show` on the shipped store.

Run from the repository root: python docs/make_picture.py
"""

from pathlib import Path

from rich.console import Console

from timeline.loader import load_store
from timeline.views.timeline import timeline_table

root = Path(__file__).resolve().parent.parent
console = Console(record=True, width=110, file=open("/dev/null", "w"), force_terminal=True)
console.print(timeline_table(load_store([str(root / "data")])))
console.save_svg(str(root / "docs" / "show.svg"), title="timeline show")
