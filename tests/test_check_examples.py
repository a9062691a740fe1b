"""Every check's docstring examples are executed: Bad fires exactly as written, Good doesn't."""

from __future__ import annotations

import pytest

from timeline.checks import REGISTRY, RULES
from timeline.engine import run
from timeline.project.packs import load_packs
from timeline.store.loader import load_store, load_text

CASES = [
    pytest.param(module, example, id=f"{name}-{example.kind}-{number}")
    for name, module in REGISTRY.items()
    for number, example in enumerate(RULES[name].examples, start=1)
]


def finding_lines(store_text: str, rule: str, files=(), folder=None) -> list[str]:
    if files:
        for name, text in files:
            (folder / name).write_text(text, encoding="utf-8")
        (folder / "example.yaml").write_text(store_text, encoding="utf-8")
        store = load_store(["example.yaml"])
    else:
        store = load_text(store_text, "example.yaml")
    result = run(store, load_packs(None), [rule])
    return [
        f"{finding.span.line}:{finding.span.column} {finding.severity} {finding.rule} {finding.message}"
        for finding in result.findings
    ]


@pytest.mark.parametrize("module, example", CASES)
def test_example(module, example, tmp_path, monkeypatch):
    expected = list(example.expected) if example.kind == "Bad" else []
    monkeypatch.chdir(tmp_path)
    assert finding_lines(example.store, module.NAME, example.files, tmp_path) == expected


@pytest.mark.parametrize("name, module", REGISTRY.items())
def test_every_check_has_bad_and_good_examples(name, module):
    kinds = [example.kind for example in RULES[name].examples]
    assert "Bad" in kinds and "Good" in kinds
    assert all(example.expected for example in RULES[name].examples if example.kind == "Bad")
    assert all(not example.expected for example in RULES[name].examples if example.kind == "Good")
