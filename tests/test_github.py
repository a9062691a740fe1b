"""GitHub Actions annotations within what the runner takes: columns only on
one-line spans, ten annotations a level, the most severe first."""

from __future__ import annotations

from conftest import REPO


def _event(number: int, date: str) -> str:
    return f"  - id: e{number}\n    date: {date}\n    type: summit\n    title: t\n    sources: [{{source: s}}]\n"


SOURCES = "sources:\n  - {id: s, title: t, published: 2014-01}\n"


def test_a_span_over_several_lines_has_no_columns(cli, store_dir):
    (store_dir / "data" / "events.yaml").write_text("events:\n  - - a\n    - b\n", encoding="utf-8")
    run = cli("check", "--format", "github", cwd=store_dir)
    assert run.lines == [
        "::error file=data/events.yaml,line=2,endLine=4,title=schema::each entry of events must be a mapping with its fields, not a list",
        "timeline: 1 error, 0 warnings, 0 info in 1 file, 0 events",
    ]


def test_ten_annotations_a_level_the_most_severe_first_then_how_many_more(cli, store_dir):
    # 12 impossible dates (errors) after 11 events citing no source (warnings).
    unsourced = "".join(f"  - id: w{number}\n    date: 2013-11-0{number % 9 + 1}\n    type: summit\n    title: t\n" for number in range(11))
    impossible = "".join(_event(number, "2013-02-30") for number in range(12))
    (store_dir / "data" / "events.yaml").write_text("events:\n" + unsourced + impossible + SOURCES, encoding="utf-8")
    run = cli("check", "--format", "github", "--select", "invalid-date,missing-source", cwd=store_dir)
    levels = [line.split(" ", 1)[0] for line in run.lines]
    assert levels == ["::error"] * 10 + ["::warning"] * 10 + ["::notice", "timeline:"]
    assert run.lines[0] == (
        "::error file=data/events.yaml,line=47,col=11,endLine=47,endColumn=21,title=invalid-date::"
        "'2013-02-30' has day 30, but February 2013 has 28 days"
    )
    assert run.lines[-2:] == [
        "::notice title=timeline::3 more findings are not annotated (2 errors, 1 warning), as the runner shows 10 of each level: "
        "`timeline check --format concise` lists them all",
        "timeline: 12 errors, 11 warnings, 0 info in 1 file, 23 events",
    ]
    assert run.exit_code == 1


def test_paths_are_from_the_repository_root_whatever_the_folder(cli):
    below = cli("check", "../data", "--format", "github", cwd=REPO / "docs")
    at_root = cli("check", "--format", "github")
    assert below.stdout == at_root.stdout
    assert at_root.lines[0] == (
        "::error file=data/events.yaml,line=479,col=19,endLine=479,endColumn=26,title=source-conflict::alava-2013-11-25 gives "
        "investigated as 1,960 cases, andina-efe-2013-07 as 1,960 victims: the two reports count different things, or one is wrong"
    )
