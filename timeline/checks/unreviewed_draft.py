"""A record drafted from an article that no person has reviewed yet.

Why: `timeline draft` writes a store from an article's text, and a drafted
record is a guess: the sentence it quotes is the article's, but the type,
the date it resolved, the actors it linked may be wrong. Until someone
checks it against the article and says so (``reviewed`` with who and
when), it is reported, and kept out of the report's verdicts and of every
export.

Bad::

    events:
      - id: piura-summit
        date: 2013-11-14
        type: meeting
        title: Humala and Correa meet in Piura
        drafted: 2013-11-26

    => 2:5 info unreviewed-draft event piura-summit is drafted, not yet reviewed: check it against its source, then add reviewed: {by: ..., date: ...}

Bad::

    events:
      - id: piura-summit
        date: 2013-11-14
        type: meeting
        title: Humala and Correa meet in Piura
        drafted: 2013-11-26
        reviewed: {by: Ana Rosas}

    => 2:5 info unreviewed-draft event piura-summit is drafted, not yet reviewed: check it against its source, then add reviewed: {by: ..., date: ...}

Good::

    events:
      - id: piura-summit
        date: 2013-11-14
        type: meeting
        title: Humala and Correa meet in Piura
        drafted: 2013-11-26
        reviewed: {by: Ana Rosas, date: 2013-11-27}
"""

from __future__ import annotations

from collections.abc import Iterator

from timeline.checks.context import Context
from timeline.outputs.wording import SINGULAR
from timeline.store.findings import Finding, Severity
from timeline.store.rules import FILE

NAME = "unreviewed-draft"
SEVERITY = Severity.INFO
PACKS = ()  # the rule packs it reads
CLAIM = False  # whether its findings judge a claim the sources make
SCOPE = FILE  # what it needs to see at once: one file, or the whole store


def check(ctx: Context) -> Iterator[Finding]:
    store = ctx.store
    for section, records in (("sources", store.sources), ("entities", store.entities), ("events", store.events)):
        for record in records:
            if record.draft:
                message = (
                    f"{SINGULAR[section]} {record.id} is drafted, not yet reviewed: "
                    "check it against its source, then add reviewed: {by: ..., date: ...}"
                )
                yield Finding(NAME, SEVERITY, message, record.span(), section, record.id)
