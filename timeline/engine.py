"""Running the checks: select rules, collect findings, apply acknowledgements."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Iterable

from timeline.checks import REGISTRY, resolve
from timeline.findings import Finding, Severity, did_you_mean
from timeline.model import Store
from timeline.packs import Packs


class RuleError(ValueError):
    """An unknown rule name in --select or --ignore."""


def rule_names(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[str]:
    """The rules to run: all (or those selected) minus those ignored."""
    chosen = [_known(name) for name in select] or list(REGISTRY)
    ignored = {_known(name) for name in ignore}
    return [name for name in chosen if name not in ignored]


def _known(name: str) -> str:
    current = resolve(name)
    if current is None:
        hint = did_you_mean(name, REGISTRY) or " (`timeline checks` lists them)"
        raise RuleError(f'unknown rule "{name}"{hint}')
    return current


@dataclass(frozen=True)
class Result:
    """The findings of one run, in file and position order."""

    findings: list[Finding]
    files: int
    events: int

    def count(self, severity: Severity) -> int:
        """Unacknowledged findings of ``severity``."""
        return sum(1 for finding in self.findings if finding.severity == severity and not finding.acknowledged)

    @property
    def acknowledged(self) -> int:
        return sum(1 for finding in self.findings if finding.acknowledged)

    def failed(self, threshold: Severity = Severity.ERROR) -> bool:
        """Whether any unacknowledged finding is at or above ``threshold``."""
        return any(finding.severity >= threshold and not finding.acknowledged for finding in self.findings)


def run(store: Store, packs: Packs, rules: Iterable[str] | None = None) -> Result:
    """Run ``rules`` (default: every rule) over ``store``."""
    findings: list[Finding] = []
    for name in rules if rules is not None else REGISTRY:
        findings.extend(REGISTRY[name].check(store, packs))
    findings = _acknowledge(store, findings)
    findings.sort(key=Finding.sort_key)
    return Result(findings, files=len(store.files), events=len(store.events))


def _acknowledge(store: Store, findings: list[Finding]) -> list[Finding]:
    """Mark the findings whose record acknowledges their rule."""
    indexes = {"sources": store.source_index, "entities": store.entity_index, "events": store.event_index}
    marked = []
    for finding in findings:
        record = indexes[finding.section].get(finding.record) if finding.section else None
        if record is not None:
            for acknowledgement in record.acknowledged:
                if acknowledgement.rule == finding.rule:
                    finding = dataclasses.replace(finding, acknowledged=True, reason=acknowledgement.reason)
                    break
        marked.append(finding)
    return marked
