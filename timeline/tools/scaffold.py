"""``timeline init``: a new project that passes its own check."""

from __future__ import annotations

from pathlib import Path

from timeline.errors import UserError
from timeline.tools.files import write_atomic
from timeline.tools.jsonschema import store_schema
from timeline.project.packs import DEFAULTS, PACK_NAMES, load_packs


class ProjectExists(UserError):
    """The folder already holds a timeline project."""


EXAMPLE_STORE = """\
# yaml-language-server: $schema=../store.schema.json
#
# A timeline store: sources, entities and events. `timeline check` checks it,
# `timeline show` draws it; docs: the store format and the checks.

version: 1

sources:
  - id: example-report-2013-11-15
    title: Presidents of Peru and Ecuador meet in Piura
    outlet: Example Wire
    published: 2013-11-15
    language: en

entities:
  - id: ollanta-humala
    name: Ollanta Humala
    kind: person
    country: PE
    offices:
      - office: president
        of: peru
        from: 2011-07-28
        to: 2016-07-28
  - id: rafael-correa
    name: Rafael Correa
    kind: person
    country: EC
  - id: peru
    name: Peru
    kind: country
    country: PE
  - id: piura
    name: Piura
    kind: place
    country: PE

events:
  - id: piura-summit
    date: Nov. 14, 2013
    type: summit
    title: Humala and Correa meet in Piura
    place: piura
    countries: [PE, EC]
    actors:
      - entity: ollanta-humala
        as: president
      - rafael-correa
    sources:
      - source: example-report-2013-11-15
"""

CONFIG = """\
# timeline settings; the command line wins over these. `timeline config`
# prints the settings in force and where each came from.
#
# select: [schema, invalid-date]   # run only these rules
# ignore: [sequence]               # don't run these
# fail-on: warning                 # exit 1 on warnings too (default: error)
# output-format: concise           # full, concise, json, json-lines, github, sarif, junit, gitlab
# severity:
#   tenure: warning                # report this rule at another severity
"""

PRE_COMMIT = """\
repos:
  - repo: local
    hooks:
      - id: timeline-check
        name: timeline check
        entry: timeline check
        language: system
        pass_filenames: false
        files: ^(data|checks)/|^(\\.timeline\\.yaml|pyproject\\.toml)$
"""


def create_project(folder: Path) -> list[Path]:
    """Create the project's files in ``folder``; refuse to touch an existing project."""
    targets = {
        folder / "data" / "events.yaml": EXAMPLE_STORE,
        folder / ".timeline.yaml": CONFIG,
        folder / ".pre-commit-config.yaml": PRE_COMMIT,
        folder / "store.schema.json": store_schema(load_packs(None)),
        **{folder / "checks" / f"{name}.yaml": (DEFAULTS / f"{name}.yaml").read_text(encoding="utf-8") for name in PACK_NAMES},
    }
    existing = [path for path in targets if path.exists()]
    if existing:
        raise ProjectExists(f"{existing[0]} already exists: timeline init doesn't overwrite a project")
    for path in targets:
        path.parent.mkdir(parents=True, exist_ok=True)
    for path, text in targets.items():
        write_atomic(path, text)
    return list(targets)
