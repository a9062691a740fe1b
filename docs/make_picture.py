"""Redraw docs/show.svg, the README's picture of the timeline view of the shipped store.

Run from the repository root: python docs/make_picture.py
(the same as: timeline export --format svg --width 110 --output docs/show.svg)
"""

from pathlib import Path

from timeline.engine import prepare, run
from timeline.outputs.exports import export
from timeline.project.packs import load_packs
from timeline.store.loader import load_store

root = Path(__file__).resolve().parent.parent
store = load_store([str(root / "data")])
packs = load_packs(root)
context = prepare(store, packs)  # the view reuses the dates the checks derived
findings = run(store, packs, context=context).findings
(root / "docs" / "show.svg").write_text(export(store, "svg", findings, width=110, dates=context.dates), encoding="utf-8")
