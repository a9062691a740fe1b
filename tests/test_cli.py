"""``timeline check`` and ``timeline show`` end to end: exact lines and exit codes."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import FIXTURES, REPO, SEED_FINDINGS

SMALL_FINDINGS = [
    'small.yaml:37:14: error unknown-reference no entity has id "juan-manuel-santos" '
    "[acknowledged: Santos is transcribed in another branch.]",
    "small.yaml:47:11: error invalid-date '2013-11-31' has day 31, but November 2013 has 30 days",
    "1 error, 0 warnings, 0 info (1 acknowledged) in 1 file, 3 events",
]


def test_check_prints_findings_and_summary_and_fails_on_an_error(cli):
    run = cli("check", "small.yaml", cwd=FIXTURES)
    assert run.lines == SMALL_FINDINGS
    assert run.exit_code == 1


def test_an_acknowledged_error_does_not_fail_the_check(cli):
    run = cli("check", "small.yaml", "--ignore", "invalid-date", cwd=FIXTURES)
    assert run.lines == [
        SMALL_FINDINGS[0],
        "0 errors, 0 warnings, 0 info (1 acknowledged) in 1 file, 3 events",
    ]
    assert run.exit_code == 0


def test_select_runs_only_the_named_rules(cli):
    run = cli("check", "small.yaml", "--select", "invalid-date", cwd=FIXTURES)
    assert run.lines == SMALL_FINDINGS[1:2] + ["1 error, 0 warnings, 0 info in 1 file, 3 events"]
    assert run.exit_code == 1


def test_unknown_rule_is_a_usage_error(cli):
    run = cli("check", "small.yaml", "--select", "invalid-dates", cwd=FIXTURES)
    expected = 'timeline: error: --select: unknown rule "invalid-dates"; did you mean "invalid-date"?\n'
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", expected)


def test_json_is_one_document_with_stable_keys(cli):
    run = cli("check", "small.yaml", "--format", "json", cwd=FIXTURES)
    assert run.exit_code == 1
    assert json.loads(run.stdout) == {
        "findings": [
            {
                "rule": "unknown-reference",
                "severity": "error",
                "message": 'no entity has id "juan-manuel-santos"',
                "file": "small.yaml",
                "line": 37,
                "column": 14,
                "end_line": 37,
                "end_column": 32,
                "event": "santos-correa-meeting",
                "acknowledged": True,
                "reason": "Santos is transcribed in another branch.",
            },
            {
                "rule": "invalid-date",
                "severity": "error",
                "message": "'2013-11-31' has day 31, but November 2013 has 30 days",
                "file": "small.yaml",
                "line": 47,
                "column": 11,
                "end_line": 47,
                "end_column": 21,
                "event": "pedraza-resigned",
                "acknowledged": False,
            },
        ],
        "summary": {"error": 1, "warning": 0, "info": 0, "acknowledged": 1, "files": 1, "events": 3},
    }


def test_without_a_path_the_nearest_data_folder_is_the_store(cli, tmp_path):
    shutil.copy(FIXTURES / "small.yaml", tmp_path / "x.yaml")
    (tmp_path / "data").mkdir()
    shutil.copy(FIXTURES / "small.yaml", tmp_path / "data" / "small.yaml")
    (tmp_path / "data" / "nested").mkdir()
    run = cli("check", cwd=tmp_path / "data" / "nested")
    assert run.lines[-1] == "1 error, 0 warnings, 0 info (1 acknowledged) in 1 file, 3 events"
    assert run.lines[1] == "../small.yaml:47:11: error invalid-date '2013-11-31' has day 31, but November 2013 has 30 days"
    assert run.exit_code == 1


def test_the_shipped_store_reports_its_real_findings(cli):
    # Humaala, the court approving the plan, Arellano's title, the accent-less
    # name, Ecuadorean beside Ecuadorian: the article's own problems; Albán
    # sworn in on the 19th or the 20th, Pedraza resigning on the 14th or the
    # 15th, the figures counting cases or victims: where the reports disagree.
    run = cli("check")
    assert run.lines == SEED_FINDINGS
    assert run.exit_code == 1


@pytest.mark.parametrize("width", [80, 120])
def test_show_matches_the_expected_text(cli, width):
    run = cli("show", "small.yaml", cwd=FIXTURES, env={"COLUMNS": str(width)})
    assert run.stdout == (FIXTURES / f"small-show-{width}.txt").read_text(encoding="utf-8")
    assert run.exit_code == 0


def test_show_piped_has_no_escape_codes_and_cuts_nothing(cli):
    title = "Peruvian authorities investigated 1,960 human trafficking cases from 2004 to 2012, 763 involving minors"
    narrow = cli("show", cwd=REPO, env={"COLUMNS": "80"})
    assert "\x1b" not in narrow.stdout
    assert all(len(line) <= 80 for line in narrow.lines)
    assert set(title.split()) <= set(narrow.stdout.split())
    assert narrow.lines[-1] == "25 events"
    wide = cli("show", "--grep", "1,960", cwd=REPO, env={"COLUMNS": "200"})
    assert wide.lines[3] == f"2004–2012 ┣━┫   {title}"


def test_store_text_cannot_inject_markup_or_escapes(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(
        'events:\n  - id: a\n    date: 2013-11-14\n    type: summit\n    title: "[bold red]loud[/] \\e[31mred"\n',
        encoding="utf-8",
    )
    run = cli("show", cwd=store_dir, env={"COLUMNS": "80"})
    # The escape character is shown as U+FFFD; the brackets stay literal text.
    (row,) = [line for line in run.lines if "loud" in line]
    assert row.split() == ["14", "Nov", "2013", "●", "[bold", "red]loud[/]", "\ufffd[31mred"]
    assert "\x1b" not in run.stdout


def test_version(cli):
    run = cli("--version")
    assert (run.exit_code, run.stdout) == (0, "timeline, version 0.1.0\n")


def line_of(text: str, needle: str, after: str = "") -> int:
    """The 1-based line of ``needle``'s first appearance after ``after``."""
    return text[: text.index(needle, text.index(after))].count("\n") + 1


def test_the_seed_relations_are_checked(cli, tmp_path):
    # Move the escape to May 2013: "ten months later" breaks. Inference stops at
    # the first contradiction it finds in a chain (so one mistake isn't reported
    # once per event downstream): the recapture, now before the escape, shows
    # once the escape's date is mended.
    shutil.copytree(REPO / "data", tmp_path / "data")
    if (REPO / "checks").is_dir():  # the repository's own overrides of the packaged packs, if it has any
        shutil.copytree(REPO / "checks", tmp_path / "checks")
    store = tmp_path / "data" / "events.yaml"
    text = store.read_text(encoding="utf-8").replace("date: February 2013", "date: May 2013")
    store.write_text(text, encoding="utf-8")
    captured = line_of(text, "date: April 2012", "id: empresario-captured")
    escaped = line_of(text, "date: May 2013", "id: empresario-escaped")
    offset_relation = line_of(text, "- after: empresario-captured", "id: empresario-escaped")
    dating_rules = ("--select", "date-order,relative-offset,same-day,sequence")
    run = cli("check", *dating_rules, cwd=tmp_path)
    assert run.lines == [
        f"data/events.yaml:{offset_relation}:9: error relative-offset empresario-escaped can't be both on or after "
        f"1 May 2013 and on or before 15 Mar 2013: empresario-escaped is dated May 2013 (line {escaped}); "
        f"empresario-escaped is 10 months after empresario-captured (line {offset_relation}); "
        f"empresario-captured is dated Apr 2012 (line {captured})",
        "1 error, 0 warnings, 0 info in 1 file, 25 events",
    ]
    assert run.exit_code == 1
    text = text.replace("        offset: 10 months\n", "")
    store.write_text(text, encoding="utf-8")
    recaptured = line_of(text, "date: April 2013", "id: empresario-recaptured")
    order_relation = line_of(text, "- after: empresario-escaped", "id: empresario-recaptured")
    run = cli("check", *dating_rules, cwd=tmp_path)
    assert run.lines == [
        f"data/events.yaml:{order_relation}:9: error date-order empresario-recaptured can't be both on or after "
        f"1 May 2013 and on or before 30 Apr 2013: empresario-recaptured is after empresario-escaped "
        f"(line {order_relation}); empresario-escaped is dated May 2013 (line {escaped}); "
        f"empresario-recaptured is dated Apr 2013 (line {recaptured})",
        "1 error, 0 warnings, 0 info in 1 file, 25 events",
    ]
