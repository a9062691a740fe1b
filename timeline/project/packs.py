"""Rule packs: the YAML data in ``checks/`` that the checks read.

A pack in the project's ``checks/`` folder replaces the packaged default of
the same name; packs the project doesn't have come from the defaults
shipped in ``timeline/default_packs/``, so an installed ``timeline`` works anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from timeline.dates import DateValue, parse_number, try_parse_date
from timeline.errors import UserError
from timeline.store.loader import plain, read_settings_file
from timeline.store.model import YMap
from timeline.project import PACKS_FOLDER

DEFAULTS = Path(__file__).parent / "default_packs"
PACK_NAMES = ("vocabulary", "sequences", "names", "authority", "references")
VOCABULARY_LISTS = ("event_types", "entity_kinds", "offices")


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
    """The packs in force, and the file each came from."""

    vocabulary: Vocabulary
    steps: dict[str, Step]  # by event type
    accepted: frozenset[str]  # spellings the name rules leave alone
    authority: dict[str, Authority]  # by event type
    rates: dict[str, list[Reference]]  # by currency pair, "PEN/USD"
    measures: dict[str, tuple[str, list[Reference]]]  # by figure id: (unit, values)
    paths: dict[str, Path]


def pack_path(name: str, packs_folder: Path | None) -> Path:
    """The file pack ``name`` is read from: the project's, else the default."""
    if packs_folder is not None:
        for suffix in (".yaml", ".yml"):
            candidate = packs_folder / f"{name}{suffix}"
            if candidate.is_file():
                return candidate
    return DEFAULTS / f"{name}.yaml"


def _vocabulary(path: Path, display: str) -> Vocabulary:
    root = read_settings_file(path, display, PackError)
    if root.__class__ is not YMap:
        raise PackError(f"{display}:1:1: a vocabulary pack is a mapping with {', '.join(VOCABULARY_LISTS)}")
    lists = {}
    for name in VOCABULARY_LISTS:
        terms = root.get(name)
        if terms.__class__ is not YMap or not all(isinstance(text, str) for text in terms.values()):
            span = root.value_span(name) if name in root else root.span
            raise PackError(
                f"{display}:{span.line}:{span.column}: {name} must map each term to what it means, "
                "like 'meeting: Officials of two or more parties meet.'"
            )
        lists[name] = plain(terms)
    for key in root:
        if key not in VOCABULARY_LISTS:
            span = root.key_span(key)
            raise PackError(f"{display}:{span.line}:{span.column}: unknown list {key!r} in the vocabulary pack")
    return Vocabulary(**lists)


def _steps(path: Path, display: str, vocabulary: Vocabulary) -> dict[str, Step]:
    root = read_settings_file(path, display, PackError)

    def fail(node: YMap, key: str | None, message: str) -> PackError:
        span = node.value_span(key) if key is not None and key in node else node.span
        return PackError(f"{display}:{span.line}:{span.column}: {message}")

    if root.__class__ is not YMap or root.get("lifecycles").__class__ is not YMap:
        return_node = root if root.__class__ is YMap else None
        if return_node is None:
            raise PackError(f"{display}:1:1: a sequences pack is a mapping with lifecycles")
        raise fail(root, "lifecycles", "lifecycles must map each lifecycle's name to its explain and steps")
    steps: dict[str, Step] = {}
    for name, lifecycle in root["lifecycles"].items():
        if lifecycle.__class__ is not YMap or lifecycle.get("steps").__class__ is not YMap:
            raise fail(root["lifecycles"], name, f"lifecycle {name!r} needs steps: a mapping of event types")
        explain = lifecycle.get("explain") if lifecycle.get("explain").__class__ is str else ""
        for event_type, rule in lifecycle["steps"].items():
            if event_type not in vocabulary.event_types:
                raise fail(lifecycle["steps"], event_type, f"unknown event type {event_type!r} in lifecycle {name!r}")
            if rule.__class__ is not YMap or set(rule) - {"requires", "after"}:
                raise fail(lifecycle["steps"], event_type, "a step takes requires and after: lists of event types")
            lists = {}
            for key in ("requires", "after"):
                types = plain(rule.get(key)) or []
                if not isinstance(types, list) or any(kind not in vocabulary.event_types for kind in types):
                    raise fail(rule, key, f"{key} must list event types from the vocabulary")
                lists[key] = tuple(types)
            steps[event_type] = Step(name, explain, lists["requires"], lists["after"])
    return steps


def _fail(display: str, node: YMap, key: str | None, message: str) -> PackError:
    span = node.value_span(key) if key is not None and key in node else node.span
    return PackError(f"{display}:{span.line}:{span.column}: {message}")


def _accepted(path: Path, display: str) -> frozenset[str]:
    root = read_settings_file(path, display, PackError)
    if root is None:
        return frozenset()
    words = root.get("accepted") if root.__class__ is YMap else None
    if root.__class__ is not YMap or not isinstance(plain(words) or [], list):
        raise PackError(f"{display}:1:1: a names pack is a mapping with accepted: a list of spellings")
    values = plain(words) or []
    if not all(isinstance(word, str) for word in values):
        raise _fail(display, root, "accepted", "accepted lists spellings, one word each")
    return frozenset(values)


def _authority(path: Path, display: str, vocabulary: Vocabulary) -> dict[str, Authority]:
    root = read_settings_file(path, display, PackError)
    if root.__class__ is not YMap or root.get("rules").__class__ is not YMap:
        raise PackError(f"{display}:1:1: an authority pack is a mapping with rules: event type -> kinds, offices, explain")
    rules: dict[str, Authority] = {}
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


def _references(path: Path, display: str) -> tuple[dict, dict]:
    root = read_settings_file(path, display, PackError)
    if root is None:
        return {}, {}
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
    return rates, measures


def load_packs(root: Path | None, cwd: Path | None = None) -> Packs:
    """The packs for the project at ``root`` (or only the defaults)."""
    folder = None if root is None else root / PACKS_FOLDER
    paths = {name: pack_path(name, folder) for name in PACK_NAMES}
    vocabulary = _vocabulary(paths["vocabulary"], _display(paths["vocabulary"], cwd))
    steps = _steps(paths["sequences"], _display(paths["sequences"], cwd), vocabulary)
    accepted = _accepted(paths["names"], _display(paths["names"], cwd))
    authority = _authority(paths["authority"], _display(paths["authority"], cwd), vocabulary)
    rates, measures = _references(paths["references"], _display(paths["references"], cwd))
    return Packs(
        vocabulary=vocabulary,
        steps=steps,
        accepted=accepted,
        authority=authority,
        rates=rates,
        measures=measures,
        paths=paths,
    )


def _display(path: Path, cwd: Path | None) -> str:
    if cwd is not None:
        try:
            return str(path.resolve().relative_to(cwd.resolve()))
        except ValueError:
            pass
    return str(path)
