"""An acknowledgement that no longer matches any finding.

Why: acknowledging a finding silences it for good; when the store changes
and the finding goes away (the date was mended, the record moved), the
entry stays behind and would silence the next, different problem of that
rule on that record. Like an unused ``noqa``, it should go. The engine
reports these after applying acknowledgements; an entry for a rule that
``--select`` or ``--ignore`` turned off is not stale, and one naming no
rule at all always is.

Bad::

    events:
      - id: santos-correa-meeting
        date: 2013-11-25
        acknowledged:
          - rule: tenur
            reason: Santos's term is recorded in another branch.

    => 5:15 warning stale-acknowledgment the acknowledgement names "tenur", which is no rule; did you mean "tenure"?

Good::

    events:
      - id: santos-correa-meeting
        date: 2013-11-25
        acknowledged:
          - rule: tenure
            reason: Santos's term is recorded in another branch.
"""

from __future__ import annotations

from collections.abc import Iterator

from timeline.checks.context import Context
from timeline.store.findings import Finding, Severity
from timeline.store.rules import STORE

NAME = "stale-acknowledgment"
SEVERITY = Severity.WARNING
PACKS = ()  # the rule packs it reads
CLAIM = False  # whether its findings judge a claim the sources make
SCOPE = STORE  # what it needs to see at once: one file, or the whole store


def check(ctx: Context) -> Iterator[Finding]:
    # Only the engine can tell, once it has applied the acknowledgements.
    return iter(())
