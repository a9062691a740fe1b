"""An agent doing what it has no authority to do: a Supreme Court "approving" an executive plan.

Why: reports garble who did what ("the Supreme Court approved the National
Plan" when the executive approved it by decree), and a fact-checker wants
the act and the actor that can't go together found. ``checks/authority.yaml``
says, per event type, which kinds of entity, or holders of which offices,
may be its agent, with an explanation the finding quotes. An agent with
neither the kind nor an office held on the event's date (from the registry,
or the office it acts in) is a finding. The pack is data: a desk edits it
for its own countries without touching Python.

Bad::

    entities:
      - id: peru-supreme-court
        name: Supreme Court of Justice of Peru
        kind: court
    events:
      - id: national-plan-approved
        date: 2013-11-20
        type: plan-approved
        actors:
          - entity: peru-supreme-court
            role: agent

    => 10:17 error authority peru-supreme-court (court) is the agent of a plan-approved event, which it has no authority for: National plans are approved by the executive (in Peru, by supreme decree of the President and the Council of Ministers), not by courts or legislatures.

Good::

    entities:
      - id: ollanta-humala
        name: Ollanta Humala
        kind: person
        offices:
          - office: president
            from: 2011-07-28
            to: 2016-07-28
      - id: peru-supreme-court
        name: Supreme Court of Justice of Peru
        kind: court
    events:
      - id: national-plan-approved
        date: 2013-11-20
        type: plan-approved
        actors:
          - entity: ollanta-humala
            role: agent
          - entity: peru-supreme-court
            role: participant
      - id: ruling
        date: 2013-12
        type: ruling
        actors:
          - entity: peru-supreme-court
            role: agent
"""

from __future__ import annotations

from collections.abc import Iterator

from timeline.checks.context import Context
from timeline.store.findings import Finding, Severity
from timeline.store.model import Entity
from timeline.store.rules import STORE
from timeline.temporal.logic import terms_held

NAME = "authority"
SEVERITY = Severity.ERROR
PACKS = ("authority",)  # the rule packs it reads
CLAIM = True  # whether its findings judge a claim the sources make
SCOPE = STORE  # what it needs to see at once: one file, or the whole store
READS_DATES = True  # reads the dates derived through relations: run with the others that do, to derive them once


def check(ctx: Context) -> Iterator[Finding]:
    store, dates = ctx.store, ctx.dates
    for event in store.events:
        rule = ctx.packs.authority.get(event.type or "")
        if rule is None:
            continue
        for actor in event.actors:
            entity = store.entity_index.get(actor.entity) if actor.entity else None
            if actor.role != "agent" or entity is None:
                continue
            if entity.kind in rule.kinds or actor.as_office in rule.offices:
                continue
            if _holds(entity, rule.offices, dates.of(event)):
                continue
            message = (
                f"{entity.id} ({entity.kind}) is the agent of a{'n' if event.type[0] in 'aeiou' else ''} "
                f"{event.type} event, which it has no authority for: {rule.explain}"
            )
            yield Finding(NAME, SEVERITY, message, actor.span("entity"), "events", event.id)


def _holds(entity: Entity, offices: tuple[str, ...], date) -> bool:
    """Whether the entity may hold one of ``offices`` on ``date`` (any date, if unknown)."""
    return bool(terms_held(entity, date, offices))
