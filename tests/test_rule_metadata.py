"""Each rule carries its own metadata, and what is said of it elsewhere
(the packs' docs, the report's verdicts) follows from that."""

from __future__ import annotations

import re

import pytest
from conftest import REPO

from timeline.checks import REGISTRY, RULES
from timeline.project.packs import PACK_NAMES
from timeline.store.rules import FILE, STORE


@pytest.mark.parametrize("name, module", REGISTRY.items())
def test_every_rule_declares_its_metadata(name, module):
    assert module.NAME == name
    assert set(module.PACKS) <= set(PACK_NAMES)
    assert module.CLAIM in (True, False)
    assert module.SCOPE in (FILE, STORE)


def test_the_packs_doc_names_the_rules_that_read_each_pack():
    doc = (REPO / "docs" / "packs.md").read_text(encoding="utf-8")
    said = {}
    for section in re.split(r"\n## ", doc)[1:]:
        pack = re.match(r"`?(\w+)`?", section).group(1)
        readers = re.search(r"^Read by: (.+)\.$", section, re.M)
        if readers:
            said[pack] = re.findall(r"`([a-z-]+)`", readers.group(1))
    readers = {pack: [name for name, rule in RULES.items() if pack in rule.packs] for pack in PACK_NAMES}
    assert said == {pack: names for pack, names in readers.items() if names}


def test_the_report_counts_only_rules_that_judge_a_claim():
    assert sorted(name for name, rule in RULES.items() if rule.claim) == [
        "as-of",
        "authority",
        "contemporary",
        "count-subset",
        "date-order",
        "quote-not-found",
        "rate-consistency",
        "relative-offset",
        "role-title",
        "same-day",
        "sequence",
        "source-conflict",
        "source-date",
        "tenure",
    ]
