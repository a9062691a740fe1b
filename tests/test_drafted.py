"""Drafted records: reported until reviewed, and never published before."""

from __future__ import annotations

import json

import pytest

STORE = """\
sources:
  - id: wire-2013-11-15
    title: Presidents meet in Piura
    published: 2013-11-15
  - id: drafted-wire-2013-11-16
    title: A drafted source
    published: 2013-11-16
    drafted: 2013-11-26
events:
  - id: piura-summit
    date: 2013-11-14
    type: meeting
    title: Humala and Correa meet in Piura
    sources:
      - source: wire-2013-11-15
      - source: drafted-wire-2013-11-16
  - id: drafted-meeting
    date: 2013-11-15
    type: meeting
    title: A drafted meeting
    sources:
      - source: wire-2013-11-15
    drafted: 2013-11-26
{review}"""


def write(store_dir, review: str = "") -> None:
    (store_dir / "data" / "x.yaml").write_text(STORE.format(review=review), encoding="utf-8")


def test_check_reports_each_draft_at_info_level(cli, store_dir):
    write(store_dir)
    run = cli("check", "--format", "concise", cwd=store_dir)
    assert (run.exit_code, run.lines) == (
        0,
        [
            "data/x.yaml:5:5: info unreviewed-draft source drafted-wire-2013-11-16 is drafted, not yet reviewed: "
            "check it against its source, then add reviewed: {by: ..., date: ...}",
            "data/x.yaml:17:5: info unreviewed-draft event drafted-meeting is drafted, not yet reviewed: "
            "check it against its source, then add reviewed: {by: ..., date: ...}",
            "0 errors, 0 warnings, 2 info in 1 file, 2 events",
        ],
    )


@pytest.mark.parametrize(
    "review, reported",
    [
        ("    reviewed: {by: Ana Rosas, date: 2013-11-27}\n", False),
        ("    reviewed: {by: Ana Rosas}\n", True),
        ("    reviewed: yes\n", True),
    ],
)
def test_only_a_review_with_who_and_when_ends_a_draft(cli, store_dir, review, reported):
    write(store_dir, review)
    run = cli("check", "--select", "unreviewed-draft", "--format", "concise", cwd=store_dir)
    assert any("event drafted-meeting is drafted" in line for line in run.lines) is reported


def test_a_drafted_date_that_is_no_date_is_an_invalid_date(cli, store_dir):
    write(store_dir, "    reviewed: {by: Ana Rosas, date: 2013-11-31}\n")
    run = cli("check", "--select", "invalid-date", "--format", "concise", cwd=store_dir)
    assert run.lines == [
        "data/x.yaml:24:37: error invalid-date '2013-11-31' has day 31, but November 2013 has 30 days",
        "1 error, 0 warnings, 0 info in 1 file, 2 events",
    ]


def test_exports_leave_drafts_out(cli, store_dir):
    write(store_dir)
    document = json.loads(cli("export", "--format", "json", cwd=store_dir).stdout)
    assert [source["id"] for source in document["sources"]] == ["wire-2013-11-15"]
    assert [event["id"] for event in document["events"]] == ["piura-summit"]
    csv = cli("export", "--format", "csv", cwd=store_dir).stdout
    assert "drafted" not in csv


def test_a_reviewed_record_is_published(cli, store_dir):
    write(store_dir, "    reviewed: {by: Ana Rosas, date: 2013-11-27}\n")
    document = json.loads(cli("export", "--format", "json", cwd=store_dir).stdout)
    assert [event["id"] for event in document["events"]] == ["piura-summit", "drafted-meeting"]


def test_the_report_gives_drafts_no_verdict_and_no_evidence(cli, store_dir):
    write(store_dir)
    lines = cli("report", cwd=store_dir).lines
    assert lines == [
        "# Fact-check report",
        "",
        "1 claims: 0 contradicted, 0 consistent (two or more sources, nothing contradicts them), 1 unverifiable (one source).",
        "",
        "## Unverifiable",
        "",
        "### Humala and Correa meet in Piura",
        "",
        "`piura-summit`, 14 Nov 2013. Verdict: **unverifiable**.",
        "",
        "Evidence:",
        "",
        "- *Presidents meet in Piura* (15 Nov 2013)",
        "",
        "## Fix the store",
        "",
        "Our own transcription, not the article's claims: none of these decides a verdict.",
        "",
        "- 2 drafted records to review, left out of this report until then: `drafted-wire-2013-11-16`, `drafted-meeting`",
    ]


DECIDING = """\
sources:
  - id: wire
    title: Wire
    published: 2013-11-15
  - id: drafted-wire
    title: A drafted source
    published: 2013-11-16
    drafted: 2013-11-26
events:
  - id: summit
    date: 2013-11-14
    type: meeting
    title: Summit
    sources:
      - source: wire
      - source: drafted-wire
        date: 2013-11-12
  - id: drafted-meeting
    date: 2013-11-20
    type: meeting
    title: A drafted meeting
    sources:
      - source: wire
    drafted: 2013-11-26
  - id: talks
    date: 2013-11-15
    type: meeting
    title: Talks
    sources:
      - source: wire
    relations:
      - after: drafted-meeting
"""


def test_a_draft_decides_no_verdict(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(DECIDING, encoding="utf-8")
    assert cli("check", "--select", "source-conflict,date-order", "--format", "concise", cwd=store_dir).exit_code == 1
    lines = cli("report", cwd=store_dir).lines
    assert lines[2] == "2 claims: 0 contradicted, 0 consistent (two or more sources, nothing contradicts them), 2 unverifiable (one source)."
    # Named only as records to review, last: none is a claim, a verdict's reason or its evidence.
    assert [line for line in lines if "drafted" in line] == [
        "- 2 drafted records to review, left out of this report until then: `drafted-wire`, `drafted-meeting`"
    ]


def test_an_export_links_to_no_draft(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(DECIDING, encoding="utf-8")
    events = json.loads(cli("export", "--format", "json", cwd=store_dir).stdout)["events"]
    assert [(event["id"], [s["source"] for s in event["sources"]], event["relations"]) for event in events] == [
        ("summit", ["wire"], []),
        ("talks", ["wire"], []),
    ]
