"""docs/shipped-store.md lists exactly what ``timeline check`` finds in the shipped store."""

from __future__ import annotations

import re

from conftest import REPO

DOC = (REPO / "docs" / "shipped-store.md").read_text(encoding="utf-8")


def test_the_shipped_store_reports_exactly_the_problems_the_doc_lists(cli):
    command, output = re.search(r"```console\n\$ ([^\n]*)\n(.*?)```", DOC, re.S).groups()
    assert command == "timeline check"
    run = cli("check")
    assert (run.exit_code, run.lines) == (1, output.splitlines())


def test_each_finding_is_explained(cli):
    findings = [line for line in cli("check").lines if re.match(r"\S+:\d+:\d+: ", line)]
    explained = re.findall(r"^\d+\. \*\*", DOC, re.M)
    assert len(explained) == len(findings)
