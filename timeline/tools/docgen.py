"""docs/checks.md, generated from the checks' docstrings: ``python -m timeline.tools.docgen``."""

from __future__ import annotations

import textwrap

from timeline.checks import REGISTRY, examples, summary


def _prose(module) -> str:
    """The docstring between the summary line and the first example."""
    lines = (module.__doc__ or "").strip().splitlines()[1:]
    prose = []
    for line in lines:
        if line.strip() in ("Bad::", "Good::", "Files::"):
            break
        prose.append(line)
    return textwrap.dedent("\n".join(prose)).strip()


def checks_markdown() -> str:
    parts = [
        "# The checks\n",
        "Generated from the checks' docstrings by `python -m timeline.tools.docgen`;",
        "the examples are executed by the tests, so they show what the check",
        "really reports (`line:column severity rule message`).\n",
        "| rule | severity | finds |",
        "| --- | --- | --- |",
    ]
    for name, module in REGISTRY.items():
        parts.append(f"| [`{name}`](#{name}) | {module.SEVERITY} | {summary(module)} |")
    for name, module in REGISTRY.items():
        parts.append(f"\n## {name}\n")
        parts.append(f"{summary(module)} Default severity: {module.SEVERITY}.\n")
        parts.append(_prose(module) + "\n")
        rule_examples = examples(module)
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


if __name__ == "__main__":
    print(checks_markdown(), end="")
