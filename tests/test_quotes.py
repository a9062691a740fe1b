"""Quotes against their source's text: EXACT, NEAR, and misquotes that are NOT-FOUND."""

from __future__ import annotations

import pytest

from conftest import REPO
from timeline.quotes import Match, find_quote

ARTICLE = (REPO / "data" / "sources" / "alava-2013-11-25.txt").read_text(encoding="utf-8")


def test_every_quote_of_the_shipped_store_is_exact(cli):
    run = cli("check", "--select", "quote-not-found")
    assert run.lines == ["0 errors, 0 warnings, 0 info in 1 file, 25 events"]


def test_typography_whitespace_and_case_are_near():
    quote = '"Joint security work by the two countries guarantees success," Chávez said.'
    found = find_quote(quote, ARTICLE)
    assert found.match is Match.NEAR
    assert ARTICLE[found.start : found.end] == "“Joint security work by the two countries guarantees success,” Chávez said."


@pytest.mark.parametrize(
    "quote, difference",
    [
        (
            "From 2004 to 2012, Peruvian authorities investigated 1,690 human trafficking cases.",
            "a number: the quote has 1,690, the source 2004, 2012, 1,960",
        ),
        (
            "it is not better to coordinate actions instead of making unilateral decisions",
            'a negation: the source has none',
        ),
        (
            "President Humala administered the oath of office to Walter Albán Peralta",
            'a name: the quote has "Humala", the source "Humaala"',
        ),
    ],
    ids=["changed-number", "added-not", "changed-name"],
)
def test_a_misquote_is_not_found_and_says_what_differs(quote, difference):
    found = find_quote(quote, ARTICLE)
    assert (found.match, found.difference) == (Match.NOT_FOUND, difference)


def test_a_dropped_not_is_not_found():
    text = "The minister said the plan would not be delayed."
    found = find_quote("the plan would be delayed", text)
    assert (found.match, found.difference) == (Match.NOT_FOUND, 'a negation: the source has "not"')
