"""docs/checks.md, written from the rules' docs: ``timeline checks --markdown``."""

from __future__ import annotations

from collections.abc import Iterable

from timeline.store.rules import RuleInfo


def checks_markdown(rules: Iterable[RuleInfo]) -> str:
    rules = list(rules)
    parts = [
        "# The checks\n",
        "Generated from the checks' docstrings by `timeline checks --markdown`;",
        "the examples are executed by the tests, so they show what the check",
        "really reports (`line:column severity rule message`).\n",
        "| rule | severity | finds |",
        "| --- | --- | --- |",
    ]
    for rule in rules:
        parts.append(f"| [`{rule.name}`](#{rule.name}) | {rule.severity} | {rule.summary} |")
    for rule in rules:
        parts.append(f"\n## {rule.name}\n")
        parts.append(f"{rule.summary} Default severity: {rule.severity}.\n")
        parts.append(rule.prose + "\n")
        if rule.packs:
            packs = ", ".join(f"`{pack}`" for pack in rule.packs)
            parts.append(f"Reads the {packs} pack{'s' if len(rule.packs) > 1 else ''} ([rule packs](packs.md)).\n")
        rule_examples = rule.examples
        for name_text in rule_examples[0].files if rule_examples else ():
            parts.append(f"With `{name_text[0]}` beside the store:\n")
            parts.append("```text\n" + name_text[1] + "\n```\n")
        for example in rule_examples:
            label = "Bad: fires" if example.kind == "Bad" else "Good: does not fire"
            parts.append(f"{label}:\n")
            parts.append("```yaml\n" + example.store + "```\n")
            if example.expected:
                parts.append("```text\n" + "\n".join(example.expected) + "\n```\n")
    return "\n".join(parts).rstrip() + "\n"
