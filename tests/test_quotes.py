"""Quotes against their source's text: EXACT, NEAR, and misquotes that are NOT-FOUND."""

from __future__ import annotations

import json

import pytest
from conftest import REPO

from timeline.text.quotes import Match, find_quote

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


REPORTS = {
    "report.md": ("report",),
    "claimreview.json": ("report", "--format", "claimreview", "--url", "https://example.org/fact-checks/{id}"),
}


def test_the_committed_report_is_what_the_shipped_store_gives(cli):
    # Regenerate with: SOURCE_DATE_EPOCH=1385424000 timeline <the arguments> > docs/<name>
    for name, arguments in REPORTS.items():
        run = cli(*arguments, env={"SOURCE_DATE_EPOCH": "1385424000"})
        assert run.exit_code == 0
        assert run.stdout == (REPO / "docs" / name).read_text(encoding="utf-8"), f"regenerate docs/{name}"


def test_the_report_gives_each_claim_a_verdict(cli):
    reviews = json.loads(cli("report", "--format", "claimreview", "--url", "https://example.org/{id}").stdout)
    verdicts = {review["url"].rsplit("/", 1)[1]: review["reviewRating"]["alternateName"] for review in reviews}
    assert verdicts["national-plan-approved"] == "Contradicted"
    assert verdicts["piura-summit"] == "Consistent"
    assert verdicts["alban-oas-appointed"] == "Consistent"
    assert all(review["@type"] == "ClaimReview" and review["itemReviewed"]["appearance"] for review in reviews)


def test_a_confidential_source_stays_out_of_the_report(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(
        "sources:\n"
        "  - id: informant\n    title: Notes of a call with a police officer\n    author: Someone\n"
        "    published: 2013-11-20\n    url: https://secret.example/notes\n    confidential: true\n"
        "events:\n  - id: a\n    date: 2013-11-19\n    type: statement\n    title: An officer describes the escape\n"
        "    sources:\n      - source: informant\n        quote: the escape was planned for weeks\n",
        encoding="utf-8",
    )
    markdown = cli("report", cwd=store_dir).stdout
    claims = cli("report", "--format", "claimreview", cwd=store_dir).stdout
    for secret in ("Notes of a call", "Someone", "secret.example", "planned for weeks"):
        assert secret not in markdown and secret not in claims
    assert "- *confidential source*" in markdown
    assert json.loads(claims)[0]["itemReviewed"]["appearance"] == [{"@type": "CreativeWork", "headline": "confidential source"}]
