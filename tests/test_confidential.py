"""Confidential sources fail closed: whatever `confidential` says but false
hides the source from everything published, its id included."""

from __future__ import annotations

import json

import pytest

SECRETS = ("secretwire", "Secret title", "Secret Author", "example.org/secret", "the secret quote")


def store(confidential: str | None, extra_source: str = "") -> str:
    field = "" if confidential is None else f"    confidential: {confidential}\n"
    return (
        "sources:\n"
        "  - id: secretwire-2013-11-15\n    title: Secret title\n    author: Secret Author\n"
        f"    url: https://example.org/secret\n    published: 2013-11-15\n{field}"
        "  - id: wire-2013-11-16\n    title: Public title\n    published: 2013-11-16\n"
        f"{extra_source}"
        "events:\n"
        "  - id: summit\n    title: Presidents meet\n    type: meeting\n    date: 2013-11-14\n    sources:\n"
        '      - source: secretwire-2013-11-15\n        quote: "the secret quote"\n        date: 2013-11-14\n'
        "      - source: wire-2013-11-16\n        date: 2013-11-13\n"
    )


PUBLISHED = [
    ("export", "--format", "json"),
    ("export", "--format", "csv"),
    ("export", "--format", "markdown"),
    ("export", "--format", "timelinejs"),
    ("export", "--format", "ics"),
    ("export", "--format", "html"),
    ("report",),
    ("report", "--format", "claimreview"),
]


@pytest.mark.parametrize("value", ["true", "yes", "True", "on", "1", "''", "[true]"])
@pytest.mark.parametrize("command", PUBLISHED, ids=" ".join)
def test_any_value_but_false_hides_the_source_and_its_id(cli, store_dir, value, command):
    (store_dir / "data" / "x.yaml").write_text(store(value), encoding="utf-8")
    run = cli(*command, cwd=store_dir)
    assert run.exit_code == 0
    assert [secret for secret in SECRETS if secret in run.stdout + run.stderr] == []


@pytest.mark.parametrize("value", [None, "false"])
def test_a_source_without_the_field_or_with_false_is_public(cli, store_dir, value):
    (store_dir / "data" / "x.yaml").write_text(store(value), encoding="utf-8")
    sources = json.loads(cli("export", "--format", "json", cwd=store_dir).stdout)["sources"]
    assert [(source["id"], source["title"], source["confidential"]) for source in sources] == [
        ("secretwire-2013-11-15", "Secret title", False),
        ("wire-2013-11-16", "Public title", False),
    ]


@pytest.mark.parametrize(
    "value, problem",
    [
        ("yes", 'not "yes"'),
        ("True", 'not "True"'),
        ("on", 'not "on"'),
        ("1", 'not "1"'),
    ],
)
def test_check_reports_a_value_that_is_not_true_or_false(cli, store_dir, value, problem):
    (store_dir / "data" / "x.yaml").write_text(store(value), encoding="utf-8")
    run = cli("check", "--select", "schema", "--format", "concise", cwd=store_dir)
    assert (run.exit_code, run.lines) == (
        1,
        [
            f'data/x.yaml:7:19: error schema "confidential" must be one of true, false; {problem}',
            "1 error, 0 warnings, 0 info in 1 file, 1 event",
        ],
    )


def test_the_report_names_the_hidden_source_by_its_stand_in(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(store("true"), encoding="utf-8")
    lines = cli("report", cwd=store_dir).lines
    assert lines[lines.index("Why:") :] == [
        "Why:",
        "",
        "- source-conflict: confidential-1 has summit on 14 Nov 2013, wire-2013-11-16 on 13 Nov 2013: "
        "the two reports can't both be right",
        "",
        "Evidence:",
        "",
        "- *confidential source* (`confidential-1`)",
        "- *Public title* (16 Nov 2013)",
    ]
    review = json.loads(cli("report", "--format", "claimreview", cwd=store_dir).stdout)[0]
    assert review["reviewBody"] == (
        "confidential-1 has summit on 14 Nov 2013, wire-2013-11-16 on 13 Nov 2013: the two reports can't both be right"
    )
    assert review["itemReviewed"]["appearance"][0] == {"@type": "CreativeWork", "headline": "confidential source"}


def test_a_stand_in_never_takes_an_id_the_store_has(cli, store_dir):
    taken = "  - id: confidential-1\n    title: A public source named so\n    published: 2013-11-16\n"
    (store_dir / "data" / "x.yaml").write_text(store("true", taken), encoding="utf-8")
    sources = json.loads(cli("export", "--format", "json", cwd=store_dir).stdout)["sources"]
    assert [source["id"] for source in sources] == ["confidential-2", "wire-2013-11-16", "confidential-1"]


def test_an_id_shared_with_a_confidential_record_is_hidden_everywhere(cli, store_dir):
    # The first record with the id is public, a later one confidential: the id stays hidden.
    duplicate = "  - id: secretwire-2013-11-15\n    title: Secret title\n    published: 2013-11-15\n    confidential: true\n"
    (store_dir / "data" / "x.yaml").write_text(store(None, duplicate), encoding="utf-8")
    for command in PUBLISHED[:3]:
        text = cli(*command, cwd=store_dir).stdout
        assert "secretwire" not in text


def test_a_confidential_with_no_value_is_hidden_and_reported(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(store(""), encoding="utf-8")
    run = cli("check", "--select", "schema", "--format", "concise", cwd=store_dir)
    assert (run.exit_code, run.lines) == (
        1,
        ['data/x.yaml:7:5: error schema "confidential" has no value: write true or false', "1 error, 0 warnings, 0 info in 1 file, 1 event"],
    )
    assert "Secret title" not in cli("export", "--format", "json", cwd=store_dir).stdout


def test_a_draft_that_is_confidential_hides_its_reviewed_namesake(cli, store_dir):
    draft = "  - id: secretwire-2013-11-15\n    title: t\n    published: 2013-11-15\n    confidential: true\n    drafted: 2013-11-26\n"
    (store_dir / "data" / "x.yaml").write_text(store(None, draft), encoding="utf-8")
    for command in PUBLISHED:
        run = cli(*command, cwd=store_dir)
        assert [secret for secret in SECRETS if secret in run.stdout + run.stderr] == [], command
