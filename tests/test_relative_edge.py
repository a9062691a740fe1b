STORE = """\
events:
  - id: a
    date: 2013-11-14
    type: summit
    title: t
    sources:
      - {source: s, date: tomorrow}
      - {source: u}
sources:
  - {id: s, title: t, published: 9999-12-31}
  - {id: u, title: t, published: 2013-11-15}
"""


def test_a_relative_citation_date_past_the_calendar_is_an_invalid_date_finding(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(STORE, encoding="utf-8")
    run = cli("check", "--format", "concise", cwd=store_dir)
    assert (run.exit_code, run.lines) == (
        1,
        [
            "data/x.yaml:7:27: error invalid-date 'tomorrow' counted from 31 Dec 9999 falls after 31 Dec 9999, "
            "the last day a date can have",
            "1 error, 0 warnings, 0 info in 1 file, 1 event",
        ],
    )
