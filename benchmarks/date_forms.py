"""How well the date normalizer reads third-party date expressions, per file and category.

Reads the JSON Lines cases of a temporal corpus (by default the shared
folder beside the repository: Duckling's English and Spanish corpora, its
negative cases, and MEANTIME's Wikinews dates) and runs each expression
through ``timeline.dates.parse_date`` alone, with no reference date: the
store takes absolute dates; only the forms a citation may word relative to
its source's publication ("last Thursday", "ayer") are read against the
case's reference date. For each case it prints whether the
interval read is the gold one (``right``), another one (``wrong``), or the
expression was refused (``refused``).

Conventions kept from the corpora's README: MEANTIME's datelines
(``is_dct``) are left out; Duckling resolves bare months and weekdays
toward the future from 2013-02-12, which no absolute reading can match, so
those categories measure what the store refuses, not mistakes; holidays are
reported apart. The summary splits the cases by whether the expression
writes its year: only those can be store dates, and refusing the others
(relative expressions, bare months, holidays) is the store's rule.

    python benchmarks/date_forms.py [--corpus DIR]
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import re
import sys
from pathlib import Path

from timeline.dates import DateError, is_relative, parse_date, resolve_relative

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "benchmarks" / "temporal"
FILES = ("duckling_en.jsonl", "duckling_es.jsonl", "meantime_en.jsonl")
# An expression that writes its year is absolute: the kind a store date may be.
WRITES_A_YEAR = re.compile(r"\b\d{4}\b|'\d\d\b")


def judge(case: dict) -> str:
    """``right``, ``wrong`` or ``refused`` for one case with a gold interval.

    A store date is read alone; failing that, a date a source words relative
    to its publication ("last Thursday", "ayer") is read against the case's
    reference date, the way a citation's date is read against its source.
    """
    try:
        value = parse_date(case["text"])
    except DateError:
        if not is_relative(case["text"]):
            return "refused"
        reference = dt.date.fromisoformat(case["reference_date"])
        value = resolve_relative(case["text"], reference)
    gold = (case["expected_start"], case["expected_end"])
    return "right" if (value.earliest.isoformat(), value.latest.isoformat()) == gold else "wrong"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of the .jsonl files")
    options = parser.parse_args()
    if not options.corpus.is_dir():
        print(f"date_forms: no corpus folder at {options.corpus}", file=sys.stderr)
        return 2

    totals = collections.Counter()
    for name in FILES:
        path = options.corpus / name
        cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        cases = [case for case in cases if not case.get("is_dct") and case.get("expected_start") and case.get("expected_end")]
        by_category: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        for case in cases:
            outcome = judge(case)
            by_category[case["category"]][outcome] += 1
            if case["category"] == "holiday":
                scope = "holiday"
            else:
                scope = "writes its year" if WRITES_A_YEAR.search(case["text"]) else "needs a reference date"
            totals[(scope, outcome)] += 1
        print(f"\n{name}: {len(cases)} cases with a gold interval")
        print(f"  {'category':<24} {'cases':>5} {'right':>6} {'wrong':>6} {'refused':>8}  accuracy")
        for category, counts in sorted(by_category.items(), key=lambda item: -sum(item[1].values())):
            total = sum(counts.values())
            accuracy = counts["right"] / total
            print(f"  {category:<24} {total:>5} {counts['right']:>6} {counts['wrong']:>6} {counts['refused']:>8}  {accuracy:7.1%}")

    negatives = options.corpus / "duckling_en_negative.jsonl"
    if negatives.exists():
        texts = [json.loads(line)["text"] for line in negatives.read_text(encoding="utf-8").splitlines() if line.strip()]
        refused = 0
        for text in texts:
            try:
                parse_date(text)
            except DateError:
                refused += 1
        print(f"\n{negatives.name}: {refused} of {len(texts)} non-dates refused ({refused / len(texts):.1%})")

    print("\nsummary (all files):")
    for scope in ("writes its year", "needs a reference date", "holiday"):
        counts = {outcome: totals[(scope, outcome)] for outcome in ("right", "wrong", "refused")}
        total = sum(counts.values()) or 1
        print(
            f"  {scope:<20} {total:>5} cases: {counts['right'] / total:6.1%} right, "
            f"{counts['wrong'] / total:6.1%} wrong, {counts['refused'] / total:6.1%} refused"
        )
    print("  expressions without their year need a reference date: refusing them is the store's rule;")
    print("  holidays are a separate concern, and numeric dates like 10/31/1974 are refused as ambiguous")
    return 0


if __name__ == "__main__":
    sys.exit(main())
