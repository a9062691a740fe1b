"""The report a desk publishes: the article's errors apart from the desk's own slips, and ClaimReview."""

from __future__ import annotations

import json
import shutil

import jsonschema
from conftest import FIXTURES, REPO

EPOCH = {"SOURCE_DATE_EPOCH": "1385424000"}
SCHEMA = json.loads((REPO / "docs" / "claimreview.schema.json").read_text(encoding="utf-8"))
DRAFT = """\
events:
  - id: reos-recapturados
    date: 2013-03
    type: recapture
    title: Cinco de los fugados, recapturados
    drafted: 2013-03-05
    sources:
      - source: dialogo-2013-03-04
        says: Five of the inmates had been recaptured.
"""


def _two_articles(tmp_path):
    """The two-article store, with one record still a draft."""
    shutil.copytree(FIXTURES / "two-articles", tmp_path / "data")
    (tmp_path / "data" / "drafted.yaml").write_text(DRAFT, encoding="utf-8")
    return tmp_path


def test_the_report_puts_the_desk_s_slips_apart_and_lets_them_decide_no_verdict(cli, tmp_path):
    # The article's errors (Diálogo contradicting itself, parts that don't add up) decide the escape's
    # verdict; the note's misspelling, the record twice, the offset the desk typed and the title it gave
    # Serrano are listed to fix, and the draft to review.
    run = cli("report", cwd=_two_articles(tmp_path), env=EPOCH)
    assert run.exit_code == 0
    assert run.stdout == (FIXTURES / "reports" / "two-articles.md").read_text(encoding="utf-8")


def test_the_claim_reviews_validate_and_say_who_claimed_what_and_where_each_is_published(cli, tmp_path):
    url = "https://example.org/fact-checks/{id}"
    run = cli("report", "--format", "claimreview", "--url", url, "--by", "Desk", cwd=_two_articles(tmp_path), env=EPOCH)
    documents = json.loads(run.stdout)
    jsonschema.validate(documents, SCHEMA, cls=jsonschema.Draft202012Validator)
    first = documents[0]
    assert (first["claimReviewed"], first["url"], first["datePublished"], first["author"]) == (
        "El Empresario and 18 other inmates escape from La Roca",
        "https://example.org/fact-checks/la-roca-escape",
        "2013-11-26",
        {"@type": "Organization", "name": "Desk"},
    )
    assert (first["itemReviewed"]["author"], first["itemReviewed"]["datePublished"]) == (
        {"@type": "Organization", "name": "Diálogo"},
        "2013-03-04",
    )
    assert [document["reviewRating"]["alternateName"] for document in documents] == [
        "Contradicted", "Consistent", "Unverifiable", "Unverifiable", "Unverifiable",
    ]  # fmt: skip


def test_the_shipped_store_s_reviews_validate_and_quote_the_claim(cli):
    documents = json.loads(cli("report", "--format", "claimreview", env=EPOCH).stdout)
    jsonschema.validate(documents, SCHEMA, cls=jsonschema.Draft202012Validator)
    court = next(document for document in documents if "Supreme Court" in document["claimReviewed"])
    assert court["claimReviewed"] == "On Nov. 20th, 2013, the Peruvian Supreme Court approved the National Plan against human trafficking."
    assert (court["itemReviewed"]["author"], court["itemReviewed"]["datePublished"]) == (
        {"@type": "Person", "name": "Hólger Álava"},
        "2013-11-25",
    )


def test_a_review_address_must_be_a_web_address_with_the_claim_s_id(cli):
    run = cli("report", "--format", "claimreview", "--url", "https://example.org/checks")
    assert (run.exit_code, run.stderr) == (2, "timeline: error: --url 'https://example.org/checks' has no {id}: each review needs an address of its own\n")
    run = cli("report", "--format", "claimreview", "--url", "javascript:alert(1)//{id}")
    assert (run.exit_code, run.stderr) == (2, "timeline: error: --url 'javascript:alert(1)//{id}' is not an http or https address\n")


def test_no_page_marks_a_desk_side_finding(cli, tmp_path):
    run = cli("export", "--format", "svg", cwd=_two_articles(tmp_path))
    assert run.exit_code == 0
    assert "count-subset" in run.stdout or "18 inmates" in run.stdout
    for slip in ("Vernasa", "second record", "two weeks after", "ministro de Justicia"):
        assert slip not in run.stdout


def test_a_confidential_draft_is_counted_never_named(cli, tmp_path):
    project = _two_articles(tmp_path)
    (project / "data" / "secret.yaml").write_text(
        "sources:\n  - id: tipster-2013-02-13\n    title: Tip\n    published: 2013-02-13\n"
        "    confidential: true\n    drafted: 2013-02-14\n",
        encoding="utf-8",
    )
    run = cli("report", cwd=project, env=EPOCH)
    assert run.lines[-1] == (
        "- 2 drafted records to review, left out of this report until then: `reos-recapturados`, 1 confidential source"
    )
    assert "tipster" not in run.stdout
