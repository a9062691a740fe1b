"""What every check of one run is handed: the store, the packs, and what is derived from them once.

The engine builds one Context a run and passes it to each rule's
``check(ctx)``. What several rules share (each event's date through its
relations, the registry of names) is computed the first time a rule asks
for it and kept for the rest of the run: a run of the spine's rules alone
never propagates a relation. The command line hands the same Context's
:attr:`Context.dates` to the outputs, so a run infers dates once.
"""

from __future__ import annotations

from functools import cached_property

from timeline.project.packs import Packs
from timeline.store.model import Store
from timeline.temporal.derived import EventDates
from timeline.text.names import Registry


class Context:
    """One run's store and packs, and what the checks derive from them (lazily, once)."""

    def __init__(self, store: Store, packs: Packs) -> None:
        self.store = store
        self.packs = packs

    @cached_property
    def dates(self) -> EventDates:
        """Each event's date, its own or inferred from its relations, and the relations' conflicts."""
        return EventDates(self.store)

    @cached_property
    def names(self) -> Registry:
        """The registry's name words, with the spellings the names pack accepts."""
        return Registry(self.store, self.packs.accepted)
