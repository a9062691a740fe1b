"""``timeline init``: a new project that passes its own check."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from timeline.errors import UserError
from timeline.project.packs import PACK_NAMES, load_packs
from timeline.tools.files import write_atomic
from timeline.tools.jsonschema import store_schema


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
# output-format: concise           # `timeline check --help` lists the formats
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


# One file per pack, all comments: the project runs on the packaged defaults, and gets the new ones
# as the tool grows, until someone writes an entry here. Each ends with an example that is valid
# as it stands once uncommented (the tests uncomment it).
PACK_OVERRIDES = {
    "vocabulary": """\
# Extends the packaged vocabulary (`timeline checks --explain schema` prints
# it): terms listed here are added to it, and a term it already has takes
# the meaning given here. Lists left out keep the packaged terms as they are.
# With `replace: true` at the top, this file is the whole vocabulary instead,
# and must list every term the store and the other packs use.
#
# For example:
#
# event_types:
#   kidnapping: Someone is abducted and held.
# entity_kinds:
#   party: A political party.
# offices:
#   governor: Head of a regional government.
""",
    "sequences": """\
# Extends the packaged lifecycles (`timeline checks --explain sequence`
# prints them): lifecycles listed here are added, and a step given here for
# an event type replaces the packaged step for that type, in whichever
# lifecycle it stood; an `explain` given for a packaged lifecycle replaces
# its explain. With `replace: true` at the top, this file holds every
# lifecycle instead.
#
# For example:
#
# lifecycles:
#   resignation:
#     explain: A resignation is accepted only after it was offered.
#     steps:
#       resignation-accepted:
#         requires: [resignation-offered]
""",
    "names": """\
# Extends the packaged list of accepted spellings (`timeline checks
# --explain name-spelling` prints it): the words listed here are accepted
# too. With `replace: true` at the top, only the words listed here are.
#
# For example:
#
# accepted:
#   - Asuncion
#   - Brasilia
""",
    "authority": """\
# Extends the packaged authority rules (`timeline checks --explain authority`
# prints them): rules listed here are added, and a rule given here for an
# event type the packaged pack has replaces that rule whole (kinds, offices
# and explain). With `replace: true` at the top, this file holds every rule
# instead.
#
# For example:
#
# rules:
#   appointed:
#     kinds: [government]
#     offices: [president, minister]
#     explain: Officials are named by the head of state or by a minister.
""",
    "references": """\
# Extends the packaged reference values (`timeline checks --explain as-of`
# prints them): rates for a new currency pair and new measures are added,
# and the rates listed here for a pair, or a measure listed here, replace
# the packaged ones for that pair or measure whole. With `replace: true` at
# the top, this file holds every reference value instead.
#
# For example (give the real rate and where it comes from):
#
# rates:
#   - pair: COP/USD
#     from: 2013-11
#     to: 2013-11
#     rate: 1930
#     source: the central bank's representative market rate for the month
""",
    "drafting": """\
# Extends the packaged words `timeline draft` reads an article's sentences
# by: the words listed here for an event type are added to the packaged
# ones, per language (a word ending in * matches any word it begins), and
# the words under said join those that attribute a statement. With
# `replace: true` at the top, only the words listed here are used.
#
# For example:
#
# verbs:
#   extradition:
#     es: [fue entregado a la justicia de]
# said:
#   es: [denunció]
""",
}


def create_project(folder: Path) -> list[Path]:
    """Create the project's files in ``folder``; refuse to touch an existing project.

    All or nothing: the files are written into a staging folder inside ``folder`` (the same
    filesystem, so each move is a rename), and moved into place only once every one was written.
    A failure (a full disk) removes what was made, so the next ``timeline init`` starts afresh.
    """
    targets = {
        folder / "data" / "events.yaml": EXAMPLE_STORE,
        folder / ".timeline.yaml": CONFIG,
        folder / ".pre-commit-config.yaml": PRE_COMMIT,
        folder / "store.schema.json": store_schema(load_packs(None)),
        **{folder / "checks" / f"{name}.yaml": PACK_OVERRIDES[name] for name in PACK_NAMES},
    }
    existing = [path for path in targets if path.exists()]
    if existing:
        raise ProjectExists(f"{existing[0]} already exists: timeline init doesn't overwrite a project")
    created: list[Path] = []  # the folders and files this call made, to take back on failure
    staging = None
    try:
        for path in targets:
            _make_folders(path.parent, created)
        staging = Path(tempfile.mkdtemp(prefix=".timeline-init.", dir=folder))
        for path, text in targets.items():
            staged = staging / path.relative_to(folder)
            staged.parent.mkdir(exist_ok=True)
            try:
                write_atomic(staged, text)
            except OSError as error:
                if error.errno is None:
                    raise
                raise OSError(error.errno, error.strerror, str(path)) from None  # the file asked for, not the staged one
        for path in targets:
            os.rename(staging / path.relative_to(folder), path)
            created.append(path)
    except BaseException:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        for path in reversed(created):  # files first, then the folders, innermost first
            try:
                if path in targets:
                    path.unlink()
                else:
                    path.rmdir()  # only if empty: never what someone else put there meanwhile
            except OSError:
                pass
        raise
    shutil.rmtree(staging)  # only empty folders are left in it
    return list(targets)


def _make_folders(folder: Path, made: list[Path]) -> None:
    """``mkdir -p folder``, noting each folder it creates (outermost first)."""
    missing = []
    while not folder.is_dir():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir()
        made.append(path)
