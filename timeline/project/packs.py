"""Rule packs: the YAML data the checks read (vocabulary, lifecycles, spellings, authority, references).

Each pack has one packaged default, in ``timeline/project/default_packs/``, so an installed
``timeline`` works anywhere. A project's ``checks/<pack>.yaml`` extends that default: it adds
entries, and an entry with the key of a default's entry replaces it (the key per pack is in
``load_packs``). A project file that says ``replace: true`` at its top level replaces the default
wholly instead, and must then be complete, as a default is. docs/packs.md describes the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from timeline.dates import DateValue, parse_number, try_parse_date
from timeline.errors import UserError
from timeline.project import PACKS_FOLDER
from timeline.store.loader import plain, read_settings_file
from timeline.store.model import YMap

DEFAULTS = Path(__file__).parent / "default_packs"
PACK_NAMES = ("vocabulary", "sequences", "names", "authority", "references")
VOCABULARY_LISTS = ("event_types", "entity_kinds", "offices")
# What each pack's top level holds, besides ``replace`` (a project file's choice to replace the default).
TOP_LEVEL = {
    "vocabulary": VOCABULARY_LISTS,
    "sequences": ("lifecycles",),
    "names": ("accepted",),
    "authority": ("rules",),
    "references": ("rates", "measures"),
}
TRUE, FALSE = ("true", "True", "TRUE"), ("false", "False", "FALSE")


class PackError(UserError):
    """A pack that can't be used; the message starts with ``file:line:col:``."""


@dataclass(frozen=True)
class Vocabulary:
    """The terms the store's ``type``, ``kind`` and office fields take, with what each means."""

    event_types: dict[str, str]
    entity_kinds: dict[str, str]
    offices: dict[str, str]

    def terms(self, name: str) -> dict[str, str]:
        return getattr(self, name)


@dataclass(frozen=True)
class Step:
    """One event type of a lifecycle, and what must come before it."""

    lifecycle: str
    explain: str
    requires: tuple[str, ...]
    after: tuple[str, ...]


@dataclass(frozen=True)
class Authority:
    """Who may be the agent of one event type, and why."""

    kinds: tuple[str, ...]
    offices: tuple[str, ...]
    explain: str


@dataclass(frozen=True)
class Reference:
    """A reference value in force over a period: a rate, or a measure's value."""

    value: float
    start: DateValue | None
    end: DateValue | None
    source: str


@dataclass(frozen=True)
class Packs:
    """The packs in force, and the files they came from."""

    vocabulary: Vocabulary
    steps: dict[str, Step]  # by event type
    accepted: frozenset[str]  # spellings the name rules leave alone
    authority: dict[str, Authority]  # by event type
    rates: dict[str, list[Reference]]  # by currency pair, "PEN/USD"
    measures: dict[str, tuple[str, list[Reference]]]  # by figure id: (unit, values)
    paths: dict[str, Path]  # the packaged default of every pack
    overrides: dict[str, Path]  # the project's file of a pack, where it has one
    replaced: frozenset[str]  # the packs whose project file says replace: true


@dataclass(frozen=True)
class _File:
    """One pack file, read: its top-level node (None when empty), its name in messages, and whether
    it extends what came before (a project's file) or stands alone (a default, or replace: true)."""

    root: Any
    display: str
    extends: bool


def override_path(name: str, packs_folder: Path | None) -> Path | None:
    """The project's file for pack ``name``, if it has one."""
    if packs_folder is not None:
        for suffix in (".yaml", ".yml"):
            candidate = packs_folder / f"{name}{suffix}"
            if candidate.is_file():
                return candidate
    return None


def _fail(display: str, node: YMap, key: str | None, message: str) -> PackError:
    span = node.value_span(key) if key is not None and key in node else node.span
    return PackError(f"{display}:{span.line}:{span.column}: {message}")


def _read(path: Path, display: str, project: bool) -> _File:
    root = read_settings_file(path, display, PackError)
    if not project:
        return _File(root, display, extends=False)
    choice = root.get("replace", "false") if root.__class__ is YMap else "false"
    if choice not in TRUE + FALSE:
        raise _fail(display, root, "replace", "replace is true (this file replaces the packaged pack) or false (it extends it)")
    return _File(root, display, extends=choice in FALSE)


def _unknown_keys(file: _File, pack: str) -> None:
    # Checked in every pack: a misspelled key in an extending file would otherwise change nothing, silently.
    what = "list" if pack == "vocabulary" else "key"
    for key in file.root:
        if key not in TOP_LEVEL[pack] and key != "replace":
            span = file.root.key_span(key)
            raise PackError(f"{file.display}:{span.line}:{span.column}: unknown {what} {key!r} in the {pack} pack")


def _vocabulary(file: _File, base: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """Each list merged by term: an extending file adds terms, and redefines those it lists again."""
    root = file.root
    if root is None and file.extends:
        return base
    if root.__class__ is not YMap:
        raise PackError(f"{file.display}:1:1: a vocabulary pack is a mapping with {', '.join(VOCABULARY_LISTS)}")
    lists = {name: dict(base.get(name, {})) for name in VOCABULARY_LISTS}
    for name in VOCABULARY_LISTS:
        if file.extends and name not in root:
            continue
        terms = root.get(name)
        if terms.__class__ is not YMap or not all(isinstance(text, str) for text in terms.values()):
            span = root.value_span(name) if name in root else root.span
            raise PackError(
                f"{file.display}:{span.line}:{span.column}: {name} must map each term to what it means, "
                "like 'meeting: Officials of two or more parties meet.'"
            )
        lists[name].update(plain(terms))
    _unknown_keys(file, "vocabulary")
    return lists


# A lifecycle, as the sequences reader keeps it: its explain and its steps, (requires, after) by event type.
Lifecycles = dict[str, tuple[str, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]]]


def _lifecycles(file: _File, vocabulary: Vocabulary, base: Lifecycles) -> Lifecycles:
    """Lifecycles merged by name, their steps by event type: an extending file adds lifecycles and
    steps, a step it gives replaces the one for the same event type (in whichever lifecycle that
    stood), and an explain it gives replaces the lifecycle's."""
    root, display = file.root, file.display
    if root is None and file.extends:
        return base
    if root.__class__ is not YMap:
        raise PackError(f"{display}:1:1: a sequences pack is a mapping with lifecycles")
    if file.extends and "lifecycles" not in root:
        _unknown_keys(file, "sequences")
        return base
    if root.get("lifecycles").__class__ is not YMap:
        raise _fail(display, root, "lifecycles", "lifecycles must map each lifecycle's name to its explain and steps")
    lifecycles = {name: (explain, dict(steps)) for name, (explain, steps) in base.items()}
    for name, lifecycle in root["lifecycles"].items():
        # Only a lifecycle the file extends may leave its steps out (to change its explain alone).
        steps_optional = file.extends and name in lifecycles and lifecycle.__class__ is YMap and "steps" not in lifecycle
        if lifecycle.__class__ is not YMap or (lifecycle.get("steps").__class__ is not YMap and not steps_optional):
            raise _fail(display, root["lifecycles"], name, f"lifecycle {name!r} needs steps: a mapping of event types")
        explain, steps = lifecycles.get(name, ("", {}))
        if lifecycle.get("explain").__class__ is str:
            explain = lifecycle["explain"]
        for event_type, rule in (lifecycle.get("steps") or {}).items():
            if event_type not in vocabulary.event_types:
                raise _fail(display, lifecycle["steps"], event_type, f"unknown event type {event_type!r} in lifecycle {name!r}")
            if rule.__class__ is not YMap or set(rule) - {"requires", "after"}:
                raise _fail(display, lifecycle["steps"], event_type, "a step takes requires and after: lists of event types")
            lists = {}
            for key in ("requires", "after"):
                types = plain(rule.get(key)) or []
                if not isinstance(types, list) or any(kind not in vocabulary.event_types for kind in types):
                    raise _fail(display, rule, key, f"{key} must list event types from the vocabulary")
                lists[key] = tuple(types)
            # An event type has one step: the one given last wins, wherever the earlier one stood.
            for _, other_steps in lifecycles.values():
                other_steps.pop(event_type, None)
            steps[event_type] = (lists["requires"], lists["after"])
        lifecycles[name] = (explain, steps)
    _unknown_keys(file, "sequences")
    return lifecycles


def _steps(lifecycles: Lifecycles) -> dict[str, Step]:
    return {
        event_type: Step(name, explain, requires, after)
        for name, (explain, steps) in lifecycles.items()
        for event_type, (requires, after) in steps.items()
    }


def _accepted(file: _File, base: frozenset[str]) -> frozenset[str]:
    """A union: an extending file's spellings join the default's."""
    root, display = file.root, file.display
    if root is None:
        return base
    words = root.get("accepted") if root.__class__ is YMap else None
    if root.__class__ is not YMap or not isinstance(plain(words) or [], list):
        raise PackError(f"{display}:1:1: a names pack is a mapping with accepted: a list of spellings")
    values = plain(words) or []
    if not all(isinstance(word, str) for word in values):
        raise _fail(display, root, "accepted", "accepted lists spellings, one word each")
    _unknown_keys(file, "names")
    return base | frozenset(values)


def _authority(file: _File, vocabulary: Vocabulary, base: dict[str, Authority]) -> dict[str, Authority]:
    """Rules by event type: an extending file adds rules, and its rule for an event type the
    default has replaces that rule whole (kinds, offices and explain)."""
    root, display = file.root, file.display
    if file.extends and (root is None or (root.__class__ is YMap and "rules" not in root)):
        if root is not None:
            _unknown_keys(file, "authority")
        return base
    if root.__class__ is not YMap or root.get("rules").__class__ is not YMap:
        raise PackError(f"{display}:1:1: an authority pack is a mapping with rules: event type -> kinds, offices, explain")
    rules = dict(base)
    for event_type, rule in root["rules"].items():
        if event_type not in vocabulary.event_types:
            raise _fail(display, root["rules"], event_type, f"unknown event type {event_type!r}")
        if rule.__class__ is not YMap or set(rule) - {"kinds", "offices", "explain"}:
            raise _fail(display, root["rules"], event_type, "a rule takes kinds, offices and explain")
        kinds, offices = plain(rule.get("kinds")) or [], plain(rule.get("offices")) or []
        if not isinstance(kinds, list) or any(kind not in vocabulary.entity_kinds for kind in kinds):
            raise _fail(display, rule, "kinds", "kinds must list entity kinds from the vocabulary")
        if not isinstance(offices, list) or any(office not in vocabulary.offices for office in offices):
            raise _fail(display, rule, "offices", "offices must list offices from the vocabulary")
        explain = rule.get("explain")
        if explain.__class__ is not str:
            raise _fail(display, rule, "explain", "explain says, in a sentence, who may do this and why")
        rules[event_type] = Authority(tuple(kinds), tuple(offices), explain)
    _unknown_keys(file, "authority")
    return rules


def _period(display: str, node: YMap, key: str) -> DateValue | None:
    value = node.get(key)
    if value is None:
        return None
    date = try_parse_date(value)
    if date is None:
        raise _fail(display, node, key, f"{key} must be a date")
    return date


def _reference(display: str, node, what: str) -> Reference:
    if node.__class__ is not YMap:
        raise PackError(f"{display}: each {what} is a mapping")
    number = parse_number(node.get("rate") if "rate" in node else node.get("value"))
    if number is None:
        raise _fail(display, node, "rate" if "rate" in node else "value", f"a {what} needs a number")
    source = node.get("source")
    if source.__class__ is not str:
        raise _fail(display, node, "source", f"a {what} says where it comes from (source)")
    return Reference(number, _period(display, node, "from"), _period(display, node, "to"), source)


References = tuple[dict[str, list[Reference]], dict[str, tuple[str, list[Reference]]]]


def _references(file: _File, base: References) -> References:
    """Rates by currency pair, measures by figure id: an extending file adds pairs and measures,
    and the rates it lists for a pair (or a measure it lists) replace the default's for it whole,
    so one file tells the whole story of each pair's periods and each measure's values."""
    root, display = file.root, file.display
    if root is None:
        return base
    if root.__class__ is not YMap:
        raise PackError(f"{display}:1:1: a references pack is a mapping with rates and measures")
    rates: dict[str, list[Reference]] = {}
    for node in root.get("rates") or []:
        pair = node.get("pair") if node.__class__ is YMap else None
        if pair.__class__ is not str or pair.count("/") != 1:
            raise PackError(f"{display}: each rate has a pair, like PEN/USD")
        rates.setdefault(pair, []).append(_reference(display, node, "rate"))
    measures: dict[str, tuple[str, list[Reference]]] = {}
    for name, node in (root.get("measures") or {}).items():
        if node.__class__ is not YMap or node.get("unit").__class__ is not str:
            raise _fail(display, root["measures"], name, "a measure has a unit and values")
        measures[name] = (node["unit"], [_reference(display, value, "value") for value in node.get("values") or []])
    _unknown_keys(file, "references")
    return {**base[0], **rates}, {**base[1], **measures}


def load_packs(root: Path | None, cwd: Path | None = None) -> Packs:
    """The packs for the project at ``root`` (or only the defaults): each packaged default,
    extended (or, with ``replace: true``, replaced) by the project's file of the same name.

    What an extending file's entries are keyed by, so that one with a default entry's key
    replaces it: vocabulary terms by list and term; lifecycles by name and their steps by event
    type; accepted spellings are a union; authority rules by event type; rates by currency pair;
    measures by figure id. Nothing is removed by extending: to drop an entry, replace the pack.
    """
    folder = None if root is None else root / PACKS_FOLDER
    paths = {name: DEFAULTS / f"{name}.yaml" for name in PACK_NAMES}
    overrides = {name: path for name in PACK_NAMES if (path := override_path(name, folder)) is not None}
    defaults = {name: _read(path, display_path(path, cwd), project=False) for name, path in paths.items()}
    projects = {name: _read(path, display_path(path, cwd), project=True) for name, path in overrides.items()}
    replaced = frozenset(name for name, file in projects.items() if not file.extends)

    def merged(name: str, read, empty, *context):
        """The default read alone, then the project's file over it (or instead of it)."""
        if name in replaced:
            return read(projects[name], *context, empty)
        try:
            value = read(defaults[name], *context, empty)
        except PackError as error:
            # A replaced vocabulary may lack terms a default names: say what to do about it.
            if "vocabulary" not in replaced or not context:
                raise
            raise PackError(f"{error} ({display_path(overrides['vocabulary'], cwd)} replaces the packaged vocabulary: "
                            f"replace the {name} pack too)") from None
        return read(projects[name], *context, value) if name in projects else value

    lists = merged("vocabulary", _vocabulary, {})
    vocabulary = Vocabulary(**lists)
    steps = _steps(merged("sequences", _lifecycles, {}, vocabulary))
    accepted = merged("names", _accepted, frozenset())
    authority = merged("authority", _authority, {}, vocabulary)
    rates, measures = merged("references", _references, ({}, {}))
    return Packs(
        vocabulary=vocabulary,
        steps=steps,
        accepted=accepted,
        authority=authority,
        rates=rates,
        measures=measures,
        paths=paths,
        overrides=overrides,
        replaced=replaced,
    )


def display_path(path: Path, cwd: Path | None) -> str:
    """How messages name ``path``: relative to ``cwd`` when it is under it, else in full."""
    if cwd is not None:
        try:
            return str(path.resolve().relative_to(cwd.resolve()))
        except ValueError:
            pass
    return str(path)
