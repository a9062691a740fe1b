"""Pack values of the wrong shape or out of range: a one-line configuration error at the value, never an internal error."""

from __future__ import annotations

import pytest

# A conversion the rate rules measure against the PEN/USD rate: a rate of 0 once divided it by zero.
STORE = """\
events:
  - id: fuel
    date: 2013-11-14
    type: summit
    title: t
    sources: [{source: s}]
    figures:
      - {id: price, value: "9.30", unit: PEN, equals: {value: "3.32", unit: USD}}
sources:
  - {id: s, title: t, published: 2013-11-25}
"""

RATE = "rates:\n  - pair: PEN/USD\n    rate: 2.80\n    source: x\n"


@pytest.mark.parametrize(
    "pack, text, message",
    [
        # The three of the report, each an internal error before.
        pytest.param("references", RATE.replace("2.80", "0"), "3:11: a rate needs a number above 0, like 2.80", id="rate-zero"),
        pytest.param(
            "sequences",
            "lifecycles:\n  custody:\n    steps:\n      escape:\n        requires: [[capture]]\n",
            "5:20: requires must list event types from the vocabulary",
            id="requires-nested-list",
        ),
        pytest.param(
            "references",
            "measures: oops\n",
            "1:11: measures map each figure id to its unit and values",
            id="measures-text",
        ),
        # Vocabulary: a term's meaning is a sentence, and the error points at the term.
        pytest.param(
            "vocabulary",
            "event_types:\n  kidnapping: [abducted]\n",
            "2:15: event_types must map each term to what it means, like 'meeting: Officials of two or more parties meet.'",
            id="term-meaning-list",
        ),
        pytest.param(
            "vocabulary",
            "offices:\n  governor: ''\n",
            "2:13: offices must map each term to what it means, like 'meeting: Officials of two or more parties meet.'",
            id="term-meaning-empty",
        ),
        # Sequences: lists of words, a lifecycle's keys, its explain.
        pytest.param(
            "sequences",
            "lifecycles:\n  custody:\n    steps:\n      escape:\n        after: [arrest, {capture: 1}]\n",
            "5:25: after must list event types from the vocabulary",
            id="after-mapping-item",
        ),
        pytest.param(
            "sequences",
            "lifecycles:\n  custody:\n    explain: [a]\n",
            "3:14: explain says, in a sentence, in what order the lifecycle's events come",
            id="lifecycle-explain-list",
        ),
        pytest.param(
            "sequences",
            "lifecycles:\n  custody:\n    explian: Escapes follow captures.\n",
            "3:5: unknown key 'explian' in lifecycle 'custody': it takes explain and steps",
            id="lifecycle-unknown-key",
        ),
        pytest.param(
            "sequences",
            "lifecycles:\n  jail:\n    steps:\n      escape:\n        requires: [capture]\n",
            "3:5: lifecycle 'jail' needs an explain: the sentence findings quote",
            id="new-lifecycle-without-explain",
        ),
        # Names: one word each, the error at the word.
        pytest.param(
            "names",
            "accepted:\n  - Bogota\n  - [Quito]\n",
            "3:5: accepted lists spellings, one word each",
            id="accepted-list-item",
        ),
        pytest.param(
            "names",
            "accepted: [Bogota, San Jose]\n",
            "1:20: accepted lists spellings, one word each",
            id="accepted-phrase",
        ),
        pytest.param(
            "names",
            "accepted: Bogota\n",
            "1:11: a names pack is a mapping with accepted: a list of spellings",
            id="accepted-text",
        ),
        # Authority: lists of words, a sentence for explain.
        pytest.param(
            "authority",
            "rules:\n  summit:\n    kinds: [[government]]\n    explain: x\n",
            "3:13: kinds must list entity kinds from the vocabulary",
            id="kinds-nested-list",
        ),
        pytest.param(
            "authority",
            "rules:\n  summit:\n    offices: {president: 1}\n    explain: x\n",
            "3:14: offices must list offices from the vocabulary",
            id="offices-mapping",
        ),
        pytest.param(
            "authority",
            "rules:\n  summit:\n    kinds: [government]\n    explain: '  '\n",
            "4:14: explain says, in a sentence, who may do this and why",
            id="authority-explain-blank",
        ),
        # References: rates.
        pytest.param(
            "references",
            "rates: oops\n",
            "1:8: rates is a list of rates, each with a pair, a rate and a source",
            id="rates-text",
        ),
        pytest.param(
            "references",
            "rates: [oops]\n",
            "1:9: each rate is a mapping with pair, rate, from, to and source",
            id="rate-text-item",
        ),
        pytest.param(
            "references",
            RATE.replace("2.80", "-2.80"),
            "3:11: a rate needs a number above 0, like 2.80",
            id="rate-negative",
        ),
        pytest.param(
            "references",
            RATE.replace("2.80", "[2.80]"),
            "3:11: a rate needs a number above 0, like 2.80",
            id="rate-list",
        ),
        pytest.param(
            "references",
            RATE.replace("2.80", "9" * 400),
            "3:11: a rate needs a number above 0, like 2.80",
            id="rate-infinite",
        ),
        pytest.param("references", RATE.replace("PEN/USD", "PEN/"), "2:11: each rate has a pair, like PEN/USD", id="pair-half"),
        pytest.param(
            "references",
            RATE.replace("PEN/USD", "[PEN, USD]"),
            "2:11: each rate has a pair, like PEN/USD",
            id="pair-list",
        ),
        pytest.param(
            "references",
            RATE.replace("rate:", "value:"),
            "3:5: unknown key 'value' in a rate: it takes pair, rate, from, to and source",
            id="rate-value-key",
        ),
        pytest.param(
            "references",
            RATE.replace("source: x", "source: {name: x}"),
            "4:13: a rate says where it comes from (source)",
            id="rate-source-mapping",
        ),
        pytest.param("references", RATE + "    from: 9999-24\n", "5:11: from must be a date", id="rate-from-not-a-date"),
        pytest.param(
            "references",
            RATE + "    from: 2014\n    to: 2013-11\n",
            "6:9: a rate's period ends (to: Nov 2013) before it starts (from: 2014)",
            id="rate-period-backwards",
        ),
        # References: measures.
        pytest.param("references", "measures:\n  border: km\n", "2:11: a measure has a unit and values", id="measure-text"),
        pytest.param(
            "references",
            "measures:\n  border:\n    unit: km\n",
            "3:5: a measure has a unit and values",
            id="measure-without-values",
        ),
        pytest.param(
            "references",
            "measures:\n  border:\n    unit: km\n    values: oops\n",
            "4:13: values lists the measure's values, each with a value and a source",
            id="values-text",
        ),
        pytest.param(
            "references",
            "measures:\n  border:\n    unit: km\n    values: []\n",
            "4:13: values lists the measure's values, each with a value and a source",
            id="values-empty",
        ),
        pytest.param(
            "references",
            "measures:\n  border:\n    unit: km\n    values: [oops]\n",
            "4:14: each value is a mapping with value, from, to and source",
            id="value-text-item",
        ),
        pytest.param(
            "references",
            "measures:\n  border:\n    unit: km\n    values:\n      - {value: many, source: x}\n",
            "5:17: a value needs a number, like 1420",
            id="value-not-a-number",
        ),
        pytest.param(
            "references",
            "measures:\n  border:\n    unit: km\n    units: mi\n    values:\n      - {value: 1420, source: x}\n",
            "4:5: unknown key 'units' in measure 'border': it takes unit and values",
            id="measure-unknown-key",
        ),
    ],
)
def test_a_pack_value_of_the_wrong_shape_or_range_is_a_configuration_error(cli, store_dir, pack, text, message):
    (store_dir / "data" / "x.yaml").write_text(STORE, encoding="utf-8")
    (store_dir / "checks").mkdir()
    (store_dir / "checks" / f"{pack}.yaml").write_text(text, encoding="utf-8")
    run = cli("check", "--format", "concise", cwd=store_dir)
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", f"timeline: error: checks/{pack}.yaml:{message}\n")


def test_a_pack_with_every_value_in_shape_still_extends_the_defaults(cli, store_dir):
    # The checks above refuse the wrong shapes only: a rate in range, spaces in a name's unit, an explain-less
    # lifecycle of the default's (it keeps its explain), and empty lists are all fine.
    (store_dir / "data" / "x.yaml").write_text(STORE, encoding="utf-8")
    (store_dir / "checks").mkdir()
    (store_dir / "checks" / "references.yaml").write_text(
        RATE.replace("2.80", "2.801") + "    from: 2013-11\n    to: 2013-11\n"
        "measures:\n  distance:\n    unit: nautical miles\n    values:\n      - {value: '-3', source: x, to: '2013'}\n",
        encoding="utf-8",
    )
    (store_dir / "checks" / "sequences.yaml").write_text(
        "lifecycles:\n  custody:\n    steps:\n      escape:\n        requires: []\n        after:\n", encoding="utf-8"
    )
    (store_dir / "checks" / "names.yaml").write_text("accepted:\n", encoding="utf-8")
    run = cli("check", "--format", "concise", cwd=store_dir)
    assert (run.exit_code, run.stderr) == (0, "")
    assert run.lines == ["0 errors, 0 warnings, 0 info in 1 file, 1 event"]
