"""The store format as a JSON Schema (draft-07), for editors.

With ``# yaml-language-server: $schema=PATH`` at the top of a store file,
an editor validates records as they are typed and completes field names,
event types, entity kinds and offices (with what each means). Generated
from :mod:`timeline.store.schema` and the vocabulary pack in force, so it can't
drift from what the checker accepts.
"""

from __future__ import annotations

import json
from typing import Any

from timeline.project.packs import Packs
from timeline.store.schema import COUNTRY_CODES, FORMAT_VERSION, SECTIONS, SLUG, Field

DATE_DOC = " Written as EDTF (2013-11-14, 2013-11, 2013, 2013-11~, 2000/2005) or a readable form (Nov. 14, 2013; mid-November 2013)."


def _field(field: Field, packs: Packs) -> dict[str, Any]:
    kind = field.kind
    if kind == "list":
        items = _field(field.items, packs)
        if field.bare is not None:
            items = {"anyOf": [_field(field.bare, packs), items]}
        return {"type": "array", "description": field.doc, "items": items}
    if kind == "record":
        return _record(field.fields, field.doc, packs)
    schema: dict[str, Any] = {"type": "string", "description": field.doc}
    if kind == "slug":
        schema["pattern"] = f"^{SLUG.pattern}$"
    elif kind == "date":
        # An editor's YAML reads 2013 as a number: allow it, the checker reads the text.
        schema = {"type": ["string", "integer"], "description": field.doc + DATE_DOC}
    elif kind == "country":
        schema["enum"] = sorted(COUNTRY_CODES)
    elif kind == "choice" and field.choices == ("true", "false"):
        # An editor's YAML reads true as a boolean: allow it, the checker reads the text.
        schema = {"type": ["boolean", "string"], "description": field.doc, "enum": [True, False, "true", "false"]}
    elif kind == "choice":
        schema["enum"] = list(field.choices)
    elif kind == "word":
        terms = packs.vocabulary.terms(field.vocabulary)
        schema.pop("type")
        schema["oneOf"] = [{"const": term, "description": meaning} for term, meaning in terms.items()]
    return schema


def _record(fields: dict[str, Field], doc: str, packs: Packs) -> dict[str, Any]:
    required = [name for name, field in fields.items() if field.required and not field.required_unless]
    schema: dict[str, Any] = {
        "type": "object",
        "description": doc,
        "properties": {name: _field(field, packs) for name, field in fields.items()},
        "additionalProperties": False,
    }
    if required:
        schema["required"] = required
    return schema


SECTION_DOCS = {
    "sources": "The reports the store's claims come from.",
    "entities": "People, institutions, groups and places, with who held which office when.",
    "events": "What happened, when, where and who took part, according to which sources.",
}


def store_schema(packs: Packs) -> str:
    """The JSON Schema of a store file, as text."""
    document = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "timeline store",
        "description": f"A timeline store file, format version {FORMAT_VERSION}.",
        "type": "object",
        "properties": {
            "version": {"description": "The store format version.", "enum": [FORMAT_VERSION, str(FORMAT_VERSION)]},
            **{
                name: {"type": "array", "description": SECTION_DOCS[name], "items": _record(fields, f"One of the {name}.", packs)}
                for name, fields in SECTIONS.items()
            },
        },
        "additionalProperties": False,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
