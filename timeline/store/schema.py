"""The store format, version 1, as data: sections, fields, their shapes and docs.

The schema check, the docs and (later) the JSON Schema export all read this
one description, so the format is written down once.
"""

from __future__ import annotations

import re

from msgspec import Struct, field

FORMAT_VERSION = 1
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# ISO 3166-1 alpha-2: the officially assigned codes.
COUNTRY_CODES = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ
    BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR
    CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR
    GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU
    ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ
    LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
    MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF
    PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI
    SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR
    TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
    """.split()
)


class Field(Struct, frozen=True):
    """One field of a record.

    ``kind`` is the shape of the value: ``text``, ``slug`` (a record id),
    ``date``, ``offset`` (a duration), ``number``, ``country`` (ISO 3166-1 alpha-2), ``choice`` (one of
    ``choices``), ``word`` (a term from the vocabulary pack list named by
    ``vocabulary``), ``list`` (of ``items``) or ``record`` (a mapping of
    ``fields``). ``ref`` names the section a slug must point into.
    """

    kind: str
    doc: str
    required: bool = False
    choices: tuple[str, ...] = ()
    vocabulary: str | None = None
    ref: str | None = None
    items: Field | None = None
    fields: dict[str, Field] = field(default_factory=dict)
    # For list items that may be a bare value or a mapping (actors).
    bare: Field | None = None
    # For records that must have exactly one of these fields (relations).
    one_of: tuple[str, ...] = ()
    # A required field that may be left out when this other field is given.
    required_unless: str | None = None
    # Given with no value, it is reported (and what it guards stays in force): confidential.
    needs_value: bool = False


ACKNOWLEDGED = Field(
    "list",
    "Findings the team reviewed and accepts; they are still reported, marked acknowledged, and don't fail the check.",
    items=Field(
        "record",
        "One acknowledgement.",
        fields={
            "rule": Field("text", "The rule name of the accepted finding.", required=True),
            "reason": Field("text", "Why the finding is accepted.", required=True),
            "by": Field("text", "Who reviewed it."),
            "date": Field("date", "When it was reviewed."),
        },
    ),
)

NOTES = Field("text", "Free text for the team: the reporter's wording, doubts, context.")

# A record `timeline draft` wrote is a draft until a person says they reviewed it.
DRAFTED = Field("date", "When `timeline draft` wrote the record from its source; it is a draft until reviewed.")
REVIEWED = Field(
    "record",
    "Who checked the drafted record against its source, and when: then it is no longer a draft.",
    fields={
        "by": Field("text", "Who reviewed it.", required=True),
        "date": Field("date", "When it was reviewed.", required=True),
    },
)

SOURCE = {
    "id": Field("slug", "Unique id of the source, in lowercase words joined by hyphens.", required=True),
    "title": Field("text", "The headline or title, as published.", required=True),
    "published": Field("date", "When the source was published.", required=True),
    "author": Field("text", "Who wrote it (the byline)."),
    "outlet": Field("text", "Who published it."),
    "language": Field("text", "The language it is written in (an ISO 639-1 code such as en or es)."),
    "url": Field("text", "Where it was published."),
    "archived": Field("text", "An archived copy of it."),
    "accessed": Field("date", "When the team last read it at its address."),
    "text": Field("text", "Path of the source's full text, relative to the YAML file that names it."),
    "confidential": Field(
        "choice",
        "true keeps the source's title, author, URL and text out of reports and exports; the checks still use it.",
        choices=("true", "false"),
        needs_value=True,
    ),
    "notes": NOTES,
    "drafted": DRAFTED,
    "reviewed": REVIEWED,
    "acknowledged": ACKNOWLEDGED,
}

OFFICE = Field(
    "record",
    "An office the entity held.",
    fields={
        "office": Field("word", "The office held, from the vocabulary's offices.", required=True, vocabulary="offices"),
        "of": Field("slug", "The entity the office belongs to (a country, a ministry, an organization).", ref="entities"),
        "title": Field("text", "The office's title as the record gives it."),
        "from": Field("date", "When the entity took office."),
        "to": Field("date", "When the entity left office."),
        "source": Field("slug", "The source that backs this entry.", ref="sources"),
    },
)

ENTITY = {
    "id": Field("slug", "Unique id of the entity, in lowercase words joined by hyphens.", required=True),
    "name": Field("text", "The canonical spelling of the name.", required=True),
    "kind": Field("word", "What the entity is, from the vocabulary's entity kinds.", required=True, vocabulary="entity_kinds"),
    "country": Field("country", "The entity's country, as an ISO 3166-1 alpha-2 code."),
    "within": Field("slug", "The place this place lies in (a prison in its city, a city in its country): an entity id.", ref="entities"),
    "aliases": Field("list", "Other accepted spellings of the name.", items=Field("text", "An accepted spelling.")),
    "offices": Field("list", "Who held which office when.", items=OFFICE),
    "start": Field("date", "When the entity began: born, founded, formed."),
    "end": Field("date", "When the entity ended: died, dissolved."),
    "notes": NOTES,
    "drafted": DRAFTED,
    "reviewed": REVIEWED,
    "acknowledged": ACKNOWLEDGED,
}

ACTOR = Field(
    "record",
    "An entity taking part in the event.",
    fields={
        "entity": Field("slug", "The entity's id.", required=True, ref="entities"),
        "role": Field("choice", "How the entity takes part.", choices=("agent", "subject", "participant")),
        "as": Field("word", "The office the entity acts in.", vocabulary="offices"),
        "of": Field("slug", "The entity the office it acts in belongs to (a ministry, a country), with as.", ref="entities"),
    },
)

FIGURE = Field(
    "record",
    "A figure a claim gives: a count, an amount of money, a length.",
    fields={
        "id": Field("slug", "What the figure measures, unique within its event: the same id in two sources is the same figure.", required=True),
        "value": Field("number", "The number, as the source gives it (1960, 1,960, 9.30).", required=True),
        "unit": Field("text", "What is counted or measured: cases, victims, PEN, USD, km.", required=True),
        "part-of": Field("slug", "The id of the figure this one is a part of (763 of 1,960)."),
        "complete": Field(
            "choice",
            "true when the figures given as part-of this one are all of it (13 still at large and 5 recaptured of 18 escaped): then they must add up to it.",
            choices=("true", "false"),
        ),
        "equals": Field(
            "record",
            "The same amount in another unit, as the source converts it: 9.30 PEN equals 3.32 USD.",
            fields={
                "value": Field("number", "The converted amount.", required=True),
                "unit": Field("text", "Its unit, like USD.", required=True),
            },
        ),
    },
)

CITATION = Field(
    "record",
    "A source that reports the event, and what it says of it where that differs from the event's fields.",
    fields={
        "source": Field("slug", "The source's id.", required=True, ref="sources"),
        "quote": Field("text", "The passage of the source that reports the event, verbatim."),
        "original": Field("text", "The passage in the source's own language, when quote is a translation of it."),
        "says": Field("text", "What the source says of the event, in the team's words (when there is no quote)."),
        "date": Field("date", "The date this source gives, when it differs; may be relative to its publication (last Thursday, el pasado jueves)."),
        "place": Field("slug", "The place this source gives, when it differs.", ref="entities"),
        "actors": Field("list", "The actors this source names, when they differ.", items=Field("slug", "An entity id.", ref="entities")),
        "figures": Field("list", "The figures this source gives, when they differ (matched by id).", items=FIGURE),
    },
)

RELATION = Field(
    "record",
    "How the event stands in time to another event: exactly one of after, before or same-day.",
    fields={
        "after": Field("slug", "The event this one comes after.", ref="events"),
        "before": Field("slug", "The event this one comes before.", ref="events"),
        "same-day": Field("slug", "The event this one happens on the same day as.", ref="events"),
        "offset": Field("offset", 'How long after or before: "10 months", "3 days", or an ISO 8601 duration.'),
    },
    one_of=("after", "before", "same-day"),
)

EVENT = {
    "id": Field("slug", "Unique id of the event, in lowercase words joined by hyphens.", required=True),
    "date": Field(
        "date",
        "When it happened, no more precisely than the sources say. May be left out when relations imply it.",
        required=True,
        required_unless="relations",
    ),
    "type": Field("word", "What happened, from the vocabulary's event types.", required=True, vocabulary="event_types"),
    "title": Field("text", "One line saying what happened.", required=True),
    "status": Field(
        "choice",
        "reported (it happened; the default) or announced (still planned when the source was published).",
        choices=("reported", "announced"),
    ),
    "place": Field("slug", "Where it happened: an entity id.", ref="entities"),
    "countries": Field("list", "The countries involved, as ISO 3166-1 alpha-2 codes.", items=Field("country", "A country code.")),
    "actors": Field(
        "list",
        "Who took part: entity ids, or mappings with entity, role, as and of.",
        items=ACTOR,
        bare=Field("slug", "An entity id (a participant).", ref="entities"),
    ),
    "sources": Field("list", "The sources that report the event.", items=CITATION),
    "relations": Field("list", "How the event stands in time to other events.", items=RELATION),
    "figures": Field("list", "The figures the event's claim gives.", items=FIGURE),
    "notes": NOTES,
    "drafted": DRAFTED,
    "reviewed": REVIEWED,
    "acknowledged": ACKNOWLEDGED,
}

SECTIONS: dict[str, dict[str, Field]] = {
    "sources": SOURCE,
    "entities": ENTITY,
    "events": EVENT,
}
