"""The result of one run of the checks: its findings, the rules that ran,
and what the formats need to say where things are."""

from __future__ import annotations

import os
from pathlib import Path

from msgspec import Struct, field

from timeline.store.findings import Finding, Severity, identity
from timeline.store.rules import RuleInfo


class Result(Struct, frozen=True):
    """The findings of one run, in file and position order, and the rules that ran."""

    findings: list[Finding]
    files: int
    events: int
    rules: dict[str, RuleInfo] = field(default_factory=dict)
    # The least severe unacknowledged finding that fails the run (--fail-on).
    fail_on: Severity = Severity.ERROR
    # The repository root, and the folder the findings' paths are relative
    # to: formats that CI systems read give paths from the root.
    root: Path | None = None
    base: Path | None = None

    def root_relative(self, path: str) -> str | None:
        """``path`` (as the findings print it) from the repository root, with
        ``/`` separators; None when it lies outside the root (or no root is known)."""
        if self.root is None:
            return None
        absolute = self.absolute(path)
        try:
            relative = absolute.relative_to(self.root)
        except ValueError:
            return None
        return relative.as_posix()

    def absolute(self, path: str) -> Path:
        """``path`` (as the findings print it) as an absolute path."""
        return Path(os.path.normpath((self.base or Path.cwd()).resolve() / path))

    def count(self, severity: Severity) -> int:
        """Unacknowledged findings of ``severity``."""
        return sum(1 for finding in self.findings if finding.severity == severity and not finding.acknowledged)

    @property
    def acknowledged(self) -> int:
        return sum(1 for finding in self.findings if finding.acknowledged)

    def failed(self, threshold: Severity = Severity.ERROR) -> bool:
        """Whether any unacknowledged finding is at or above ``threshold``."""
        return any(finding.severity >= threshold and not finding.acknowledged for finding in self.findings)

    def names(self, findings: list[Finding]) -> list[str]:
        """A name for each of ``findings`` that survives lines moving and the
        folder the check ran in: its identity, with the file from the root
        for a finding about no record, and " #2", " #3"... on repeats, so
        that no two share a name."""
        seen: dict[str, int] = {}
        names = []
        for finding in findings:
            printed = finding.span.file.path
            name = identity(finding, self.root_relative(printed) or printed.replace("\\", "/"))
            seen[name] = seen.get(name, 0) + 1
            names.append(name if seen[name] == 1 else f"{name} #{seen[name]}")
        return names
