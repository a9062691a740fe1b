"""`timeline draft` on the seed article, against what the team transcribed by hand.

Of the shipped events that cite the article, a drafted event matches one when
its quote holds the shipped quote's first sentence (or the shipped quote holds
the drafted one) and its interval, derived through relations where it has no
date, is the shipped event's."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FIXTURES, REPO
from msgspec import structs

from timeline.draft.article import read_article
from timeline.draft.drafting import draft_article
from timeline.project.packs import load_packs
from timeline.store.loader import load_store, load_text
from timeline.temporal.derived import EventDates

SEED = "alava-2013-11-25"


@pytest.fixture(scope="module")
def shipped():
    return load_store([str(REPO / "data")])


@pytest.fixture(scope="module")
def drafted(shipped):
    # The registry the desk had before the article: the shipped entities, no events, no sources.
    registry = structs.replace(shipped, events=(), event_index={}, sources=(), source_index={})
    article = read_article((FIXTURES / "articles" / "seed-article.txt").read_bytes(), "seed-article.txt")
    draft = draft_article(article, registry, load_packs(None), dt.date(2013, 11, 26), source=SEED)
    return draft, load_text(draft.yaml(), "draft.yaml")


def _first_sentence(quote: str) -> str:
    return quote.split(". ")[0].strip().rstrip(".")


def _matches(shipped, drafted_store):
    shipped_dates, drafted_dates = EventDates(shipped), EventDates(drafted_store)
    found = {}
    for event in shipped.events:
        citation = next((c for c in event.sources if c.source == SEED), None)
        if citation is None:
            continue
        want = shipped_dates.of(event)
        sentence = _first_sentence(citation.quote)
        for candidate in drafted_store.events:
            quote = candidate.sources[0].quote
            got = drafted_dates.of(candidate)
            if (sentence in quote or _first_sentence(quote) in citation.quote) and got is not None:
                if (got.earliest, got.latest) == (want.earliest, want.latest):
                    found[event.id] = candidate.id
                    break
        else:
            found.setdefault(event.id, None)
    return found


def test_the_draft_matches_at_least_18_of_the_20_transcribed_events(shipped, drafted, capsys):
    found = _matches(shipped, drafted[1])
    matched = sorted(event for event, candidate in found.items() if candidate)
    with capsys.disabled():
        print(f"\ndraft of the seed article: {len(matched)} of {len(found)} transcribed events matched")
    assert len(found) == 20
    assert len(matched) >= 18, sorted(event for event, candidate in found.items() if not candidate)


def test_every_dated_claim_is_drafted_with_its_interval(shipped, drafted):
    found = _matches(shipped, drafted[1])
    undated = {event.id for event in shipped.events if event.date is not None and event.date.text.startswith("..")}
    assert sorted(event for event, candidate in found.items() if not candidate and event not in undated) == []


def test_relative_dates_are_drafted_as_relations(drafted):
    store = drafted[1]
    relations = {
        (event.sources[0].quote.split(",")[0], relation.kind, relation.target, relation.offset_text)
        for event in store.events
        for relation in event.relations
    }
    assert ("In April 2012", "after", "capture-empresario", None) not in relations
    assert ("Ten months later", "after", "capture-empresario", "10 months") in relations
    assert ("On the same day the Peruvian Supreme Court approved the National Plan", "same-day", "plan-approved-court", None) in relations


def test_the_misspelt_president_is_linked_and_flagged(drafted):
    store = drafted[1]
    sworn = next(event for event in store.events if event.type == "sworn-in")
    assert [actor.entity for actor in sworn.actors][:2] == ["ollanta-humala", "walter-alban"]
    assert "Humaala" in sworn.sources[0].quote
    assert "Humaala" not in sworn.title
    assert sworn.notes == "the quote misspells ollanta-humala as the article printed it; the title spells Humala"


def test_the_draft_checks_clean_of_its_own_making(shipped, drafted, tmp_path):
    from timeline.engine import run

    draft = drafted[0]
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / f"{SEED}.txt").write_text(draft.text, encoding="utf-8")
    (tmp_path / "draft.yaml").write_text(draft.yaml(), encoding="utf-8")
    store = load_store([str(tmp_path / "draft.yaml")], tmp_path)
    result = run(store, load_packs(None), ["schema", "invalid-date", "unknown-reference", "duplicate-id", "yaml-syntax"])
    # The registry's entities are in the project's other files: only ids of its own may be missing.
    registry = {entity.id for entity in shipped.entities}
    own = [
        f"{f.span.line}:{f.span.column} {f.rule} {f.message}"
        for f in result.findings
        if not (f.rule == "unknown-reference" and f.message.split('"')[1] in registry)
    ]
    assert own == []
