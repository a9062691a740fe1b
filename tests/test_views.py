"""The views rendered as renderables, without the command line: a rich
Console that records, at a fixed width, gives exactly the expected text."""

from __future__ import annotations

import io

import pytest
from conftest import FIXTURES
from rich.console import Console

from timeline.engine import prepare, run
from timeline.outputs.views.entities import entities_table
from timeline.outputs.views.event import event_detail
from timeline.outputs.views.timeline import Filters, timeline_view
from timeline.project.packs import load_packs
from timeline.store.loader import load_store


def _render(renderable, width: int) -> str:
    console = Console(record=True, width=width, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return "".join(line.rstrip() + "\n" for line in console.export_text().splitlines())


def _open(name: str):
    store = load_store([str(FIXTURES / f"{name}.yaml")])
    packs = load_packs(None)
    context = prepare(store, packs)
    return store, run(store, packs, context=context).findings, context.dates


@pytest.mark.parametrize("name", ["lanes", "small"])
@pytest.mark.parametrize("width", [80, 120])
def test_the_timeline_view_renders_the_expected_text(name, width):
    store, findings, dates = _open(name)
    assert _render(timeline_view(store, findings, Filters(), "country", dates), width) == (
        FIXTURES / f"{name}-show-{width}.txt"
    ).read_text(encoding="utf-8")


def test_the_event_view_renders_every_field():
    store, findings, dates = _open("lanes")
    assert _render(event_detail(store, store.event_index["recapture"], findings, dates), 100).splitlines() == [
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


def test_the_entities_view_filters_by_kind():
    store, _, _ = _open("lanes")
    assert _render(entities_table(store, kind="person"), 100).splitlines() == [
        "Id              Name                           Kind     Ctry   Offices",
        "─" * 100,
        "walter-alban    Walter Albán Peralta           person   PE     Minister of the Interior: 19 Nov 2013",
        "                                                               – …",
        "el-empresario   César Demar Vernaza Quiñónez   person   EC",
        "2 entities",
    ]
