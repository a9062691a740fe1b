"""Dates as intervals of days: three-valued comparisons, and inference through relations.

Every date is an interval of days. Two kinds of reading matter:

- the *face* reading: the days the store writes (``2013-11`` is 1–30 Nov);
- the *wide* reading: every day an approximate (``~``) or uncertain (``?``)
  date may be, one unit of its precision beyond its face.

A claim about dates (an ordering, an offset, a tenure) is **certainly**
false when no wide reading satisfies it, and **possibly** false when no
face reading does but some wide one does; otherwise it stands. Checks
report the first as errors and the second at info level, so imprecision is
never mistaken for a contradiction.

The modules:

- :mod:`~timeline.temporal.logic`: the three-valued comparisons;
- :mod:`~timeline.temporal.inference`: relations propagated over the
  events as interval bounds, and the conflicts they meet;
- :mod:`~timeline.temporal.explain`: the chains of dates and relations
  behind a bound or a conflict, as a finding's reasons;
- :mod:`~timeline.temporal.derived`: each event's date, its own or
  inferred (:class:`~timeline.temporal.derived.EventDates`, built once a
  run), and a citation's date, its own or resolved against its source.
"""
