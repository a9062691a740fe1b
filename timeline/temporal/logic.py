"""Three-valued comparisons of date intervals: certainly, possibly, or not.

A claim is **certainly** violated when no wide reading of its dates
satisfies it, **possibly** when only no face reading does (see
:mod:`timeline.temporal`).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Collection

from timeline.dates import EARLIEST, LATEST, DateValue
from timeline.store.findings import Severity
from timeline.store.model import Entity, Office


class Truth(enum.Enum):
    """A three-valued answer: certainly, possibly (not certainly), or not."""

    CERTAIN = "certain"
    POSSIBLE = "possible"
    NO = "no"


# What a finding adds when only the face reading of its dates violates the claim.
FACE_VALUE = " (only if the approximate or uncertain dates are taken at face value)"


def before(first: DateValue, second: DateValue) -> Truth:
    """Whether every day of ``first`` is before every day of ``second``.

    CERTAIN when it holds for every wide reading; NO when it fails for
    every wide reading (``first`` can't start before ``second`` ends);
    POSSIBLE otherwise.
    """
    if first.wide_latest < second.wide_earliest:
        return Truth.CERTAIN
    if first.wide_earliest >= second.wide_latest:
        return Truth.NO
    return Truth.POSSIBLE


def grade(surely: Truth, severity: Severity) -> tuple[Severity, str]:
    """The severity of a violation and the caveat its message ends with:
    as given (no caveat) when CERTAIN; info, saying why, when only the face
    reading of the dates violates."""
    if surely is Truth.CERTAIN:
        return severity, ""
    return Severity.INFO, FACE_VALUE


def violation(face_holds: bool, wide_holds: bool) -> Truth:
    """How surely a claim is false, from whether any face and any wide reading satisfies it."""
    if not wide_holds:
        return Truth.CERTAIN
    if not face_holds:
        return Truth.POSSIBLE
    return Truth.NO


def overlaps(start: dt.date, end: dt.date, other_start: dt.date, other_end: dt.date) -> bool:
    return start <= other_end and other_start <= end


def within(date: DateValue, start: DateValue | None, end: DateValue | None) -> Truth:
    """How surely ``date`` falls outside the period from ``start`` to ``end`` (either may be open).

    The result is a violation: CERTAIN when no wide reading of the dates
    puts ``date`` inside, POSSIBLE when only no face reading does.
    """
    face_start = start.earliest if start is not None else EARLIEST
    face_end = end.latest if end is not None else LATEST
    wide_start = start.wide_earliest if start is not None else EARLIEST
    wide_end = end.wide_latest if end is not None else LATEST
    face = overlaps(date.earliest, date.latest, face_start, face_end)
    wide = overlaps(date.wide_earliest, date.wide_latest, wide_start, wide_end)
    return violation(face, wide)


def terms_held(entity: Entity, date: DateValue | None, offices: Collection[str] | None = None) -> list[Office]:
    """The entity's terms of office (of ``offices``, when given) that may
    cover ``date``: all of them when the date is unknown."""
    return [
        term
        for term in entity.offices
        if (offices is None or term.office in offices) and (date is None or within(date, term.start, term.end) is not Truth.CERTAIN)
    ]


def not_after(date: DateValue, limit: DateValue) -> Truth:
    """How surely ``date`` is after ``limit`` (a violation of "on or before")."""
    return violation(date.earliest <= limit.latest, date.wide_earliest <= limit.wide_latest)
