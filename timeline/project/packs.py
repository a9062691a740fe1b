"""Rule packs: the YAML data the checks read (vocabulary, lifecycles, spellings, authority, references).

Each pack has one packaged default, in ``timeline/project/default_packs/``, so an installed
``timeline`` works anywhere. A project's ``checks/<pack>.yaml`` extends that default: it adds
entries, and an entry with the key of a default's entry replaces it (the key per pack is in
``load_packs``). A project file that says ``replace: true`` at its top level replaces the default
wholly instead, and must then be complete, as a default is. docs/packs.md describes the same.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from timeline.dates import DateValue, parse_number, try_parse_date
from timeline.errors import UserError
from timeline.project import PACKS_FOLDER
from timeline.store.findings import did_you_mean
from timeline.store.loader import plain, read_settings_file
from timeline.store.model import Span, YMap, YSeq

DEFAULTS = Path(__file__).parent / "default_packs"
PACK_NAMES = ("vocabulary", "sequences", "names", "authority", "references", "drafting")
VOCABULARY_LISTS = ("event_types", "entity_kinds", "offices")
# What each pack's top level holds, besides ``replace`` (a project file's choice to replace the default).
TOP_LEVEL = {
    "vocabulary": VOCABULARY_LISTS,
    "sequences": ("lifecycles",),
    "names": ("accepted",),
    "authority": ("rules",),
    "references": ("rates", "measures"),
    "drafting": ("verbs", "said", "titles"),
}
# What the drafting pack's ``titles`` holds: word lists by English word, and plain word lists.
TITLE_ENTRIES = ("offices", "words")
TITLE_LISTS = ("heads", "connectors", "modifiers", "former")
TRUE, FALSE = ("true", "True", "TRUE"), ("false", "False", "FALSE")


class PackError(UserError):
    """A pack that can't be used; the message starts with ``file:line:col:``."""


class Vocabulary(Struct, frozen=True):
    """The terms the store's ``type``, ``kind`` and office fields take, with what each means."""

    event_types: dict[str, str]
    entity_kinds: dict[str, str]
    offices: dict[str, str]

    def terms(self, name: str) -> dict[str, str]:
        return getattr(self, name)


class Step(Struct, frozen=True):
    """One event type of a lifecycle, and what must come before it."""

    lifecycle: str
    explain: str
    requires: tuple[str, ...]
    after: tuple[str, ...]


class Authority(Struct, frozen=True):
    """Who may be the agent of one event type, and why."""

    kinds: tuple[str, ...]
    offices: tuple[str, ...]
    explain: str


class Reference(Struct, frozen=True):
    """A reference value in force over a period: a rate, or a measure's value."""

    value: float
    start: DateValue | None
    end: DateValue | None
    source: str


class Titles(Struct, frozen=True):
    """The words of office titles ("el ministro de Justicia", "Minister of the Interior"), per
    language. ``offices`` (the words that make a phrase a title) and ``words`` (the others a title
    may have: what a ministry covers) map the English word a title is compared as to what each
    language writes for it; ``heads`` name the head of the office named after them ("el titular
    del Interior"); ``connectors`` join a title's words and stand before it (of, the, del);
    ``modifiers`` stand in a title without changing the office (new, acting); ``former`` mark a
    title held before (former, ex)."""

    offices: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    words: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    heads: dict[str, tuple[str, ...]] = field(default_factory=dict)
    connectors: dict[str, tuple[str, ...]] = field(default_factory=dict)
    modifiers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    former: dict[str, tuple[str, ...]] = field(default_factory=dict)


class Drafting(Struct, frozen=True):
    """What tells `timeline draft` what a sentence reports: per event type, per
    language, the words of its verbs (in the pack's order); per language, the
    words that attribute a statement. A word ending in ``*`` is a prefix.
    ``titles`` are the words of office titles, which role-title reads."""

    verbs: dict[str, dict[str, tuple[str, ...]]]
    said: dict[str, tuple[str, ...]]
    titles: Titles = field(default_factory=Titles)


class Packs(Struct, frozen=True):
    """The packs in force, and the files they came from."""

    vocabulary: Vocabulary
    steps: dict[str, Step]  # by event type
    accepted: frozenset[str]  # spellings the name rules leave alone
    authority: dict[str, Authority]  # by event type
    rates: dict[str, list[Reference]]  # by currency pair, "PEN/USD"
    measures: dict[str, tuple[str, list[Reference]]]  # by figure id: (unit, values)
    drafting: Drafting
    paths: dict[str, Path]  # the packaged default of every pack
    overrides: dict[str, Path]  # the project's file of a pack, where it has one
    replaced: frozenset[str]  # the packs whose project file says replace: true


class _File(Struct, frozen=True):
    """One pack file, read: its top-level node (None when empty), its name in messages, and whether
    it extends what came before (a project's file) or stands alone (a default, or replace: true)."""

    root: Any
    display: str
    extends: bool
    project: bool = True  # the project's own file, not the packaged default


def override_path(name: str, packs_folder: Path | None) -> Path | None:
    """The project's file for pack ``name``, if it has one."""
    if packs_folder is not None:
        for suffix in (".yaml", ".yml"):
            candidate = packs_folder / f"{name}{suffix}"
            if candidate.is_file():
                return candidate
    return None


def _at(display: str, span: Span, message: str) -> PackError:
    return PackError(f"{display}:{span.line}:{span.column}: {message}")


def _fail(display: str, node: YMap, key: str | None, message: str) -> PackError:
    """An error at ``node[key]``'s value, or at ``node`` when it has no ``key``."""
    return _at(display, node.value_span(key) if key is not None and key in node else node.span, message)


# Every value a pack gives is checked here, for shape and range, when the pack is read: a check that meets a
# list where it expects a word, or a rate of 0, would otherwise fail in the middle of a run, far from the pack.


def _text(value: Any) -> bool:
    """Whether ``value`` is text with something in it (a sentence, a unit, a source)."""
    return value.__class__ is str and value.strip() != ""


def _only(display: str, node: YMap, keys: tuple[str, ...], what: str) -> None:
    """Refuse keys ``node`` doesn't take: a misspelled one would otherwise be ignored, silently."""
    for key in node:
        if key not in keys:
            raise _at(display, node.key_span(key), f"unknown key {key!r} in {what}: it takes {_listing(keys)}")


def _listing(words: tuple[str, ...]) -> str:
    return ", ".join(words[:-1]) + f" and {words[-1]}" if len(words) > 1 else words[0]


def _words(display: str, node: YMap, key: str, known: Any, message: str) -> tuple[str, ...]:
    """``node[key]``: a list of words, each one ``known`` has (none when the key is absent or empty).

    An error points at the item that is wrong, when it is an item."""
    items = node.get(key)
    if items is None:
        return ()
    if items.__class__ is not YSeq:
        raise _fail(display, node, key, message)
    for index, item in enumerate(items):
        # The class first: a list or mapping can't even be looked up in ``known``.
        if item.__class__ is not str or item not in known:
            raise _at(display, items.item_span(index), message)
    return tuple(items)


def _read(path: Path, display: str, project: bool) -> _File:
    root = read_settings_file(path, display, PackError)
    if not project:
        return _File(root, display, extends=False, project=False)
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
        message = f"{name} must map each term to what it means, like 'meeting: Officials of two or more parties meet.'"
        if terms.__class__ is not YMap:
            raise _fail(file.display, root, name, message)
        for term, meaning in terms.items():
            if not _text(meaning):
                raise _fail(file.display, terms, term, message)
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
        _only(display, lifecycle, ("explain", "steps"), f"lifecycle {name!r}")
        # Findings end with the explain: a new lifecycle needs one, and one given must be a sentence.
        if name not in lifecycles and "explain" not in lifecycle:
            raise _fail(display, root["lifecycles"], name, f"lifecycle {name!r} needs an explain: the sentence findings quote")
        if "explain" in lifecycle and not _text(lifecycle["explain"]):
            raise _fail(display, lifecycle, "explain", "explain says, in a sentence, in what order the lifecycle's events come")
        explain, steps = lifecycles.get(name, ("", {}))
        explain = lifecycle.get("explain", explain)
        for event_type, rule in (lifecycle.get("steps") or {}).items():
            if event_type not in vocabulary.event_types:
                raise _fail(display, lifecycle["steps"], event_type, f"unknown event type {event_type!r} in lifecycle {name!r}")
            if rule.__class__ is not YMap or set(rule) - {"requires", "after"}:
                raise _fail(display, lifecycle["steps"], event_type, "a step takes requires and after: lists of event types")
            lists = {
                key: _words(display, rule, key, vocabulary.event_types, f"{key} must list event types from the vocabulary")
                for key in ("requires", "after")
            }
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
    message = "a names pack is a mapping with accepted: a list of spellings"
    if root.__class__ is not YMap:
        raise PackError(f"{display}:1:1: {message}")
    words = root.get("accepted")
    if words is not None and words.__class__ is not YSeq:
        raise _fail(display, root, "accepted", message)
    for index, word in enumerate(words or ()):
        # The name rules compare one word at a time: a phrase, or nothing, would never match.
        if not _text(word) or len(word.split()) != 1:
            raise _at(display, words.item_span(index), "accepted lists spellings, one word each")
    _unknown_keys(file, "names")
    return base | frozenset(word.strip() for word in words or ())


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
        kinds = _words(display, rule, "kinds", vocabulary.entity_kinds, "kinds must list entity kinds from the vocabulary")
        offices = _words(display, rule, "offices", vocabulary.offices, "offices must list offices from the vocabulary")
        explain = rule.get("explain")
        if not _text(explain):
            raise _fail(display, rule, "explain", "explain says, in a sentence, who may do this and why")
        rules[event_type] = Authority(kinds, offices, explain)
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


_PAIR = re.compile(r"[^/\s]+/[^/\s]+")
# What a rate and a measure's value each hold: the key of the number first.
_REFERENCE_KEYS = {"rate": ("pair", "rate", "from", "to", "source"), "value": ("value", "from", "to", "source")}


def _reference(display: str, items: YSeq, index: int, what: str) -> Reference:
    """Item ``index`` of ``items``: a rate (``what`` "rate") or a measure's value (``what`` "value")."""
    node = items[index]
    if node.__class__ is not YMap:
        raise _at(display, items.item_span(index), f"each {what} is a mapping with {_listing(_REFERENCE_KEYS[what])}")
    _only(display, node, _REFERENCE_KEYS[what], f"a {what}")
    # A rate's figures are matched by pair, "PEN/USD": the units of the two sides of a conversion.
    if what == "rate" and (node.get("pair").__class__ is not str or _PAIR.fullmatch(node["pair"]) is None):
        raise _fail(display, node, "pair", "each rate has a pair, like PEN/USD")
    number = parse_number(node.get(what))
    if what == "rate":
        # The rules divide by a rate and measure conversions against it: 0 or less converts nothing.
        if number is None or number <= 0:
            raise _fail(display, node, what, "a rate needs a number above 0, like 2.80")
    elif number is None:
        raise _fail(display, node, what, "a value needs a number, like 1420")
    source = node.get("source")
    if not _text(source):
        raise _fail(display, node, "source", f"a {what} says where it comes from (source)")
    start, end = _period(display, node, "from"), _period(display, node, "to")
    if start is not None and end is not None and end.latest < start.earliest:
        raise _fail(display, node, "to", f"a {what}'s period ends (to: {end.label}) before it starts (from: {start.label})")
    return Reference(number, start, end, source)


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
    items = root.get("rates")
    if items is not None and items.__class__ is not YSeq:
        raise _fail(display, root, "rates", "rates is a list of rates, each with a pair, a rate and a source")
    for index, node in enumerate(items or ()):
        reference = _reference(display, items, index, "rate")
        rates.setdefault(node["pair"], []).append(reference)
    measures: dict[str, tuple[str, list[Reference]]] = {}
    named = root.get("measures")
    if named is not None and named.__class__ is not YMap:
        raise _fail(display, root, "measures", "measures map each figure id to its unit and values")
    for name, node in (named or {}).items():
        if node.__class__ is not YMap or not _text(node.get("unit")) or "values" not in node:
            raise _fail(display, named, name, "a measure has a unit and values")
        _only(display, node, ("unit", "values"), f"measure {name!r}")
        values = node["values"]
        if values.__class__ is not YSeq or not values:
            raise _fail(display, node, "values", "values lists the measure's values, each with a value and a source")
        measures[name] = (node["unit"], [_reference(display, values, index, "value") for index in range(len(values))])
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
    drafting = merged("drafting", _drafting, Drafting({}, {}), vocabulary)
    return Packs(
        vocabulary=vocabulary,
        steps=steps,
        accepted=accepted,
        authority=authority,
        rates=rates,
        measures=measures,
        drafting=drafting,
        paths=paths,
        overrides=overrides,
        replaced=replaced,
    )


_LANGUAGE = re.compile(r"[a-z]{2}")


def _phrases(display: str, node: YMap, key: str, what: str) -> dict[str, tuple[str, ...]]:
    """``node[key]``: languages (ISO 639-1 codes) to lists of words or phrases."""
    value = node.get(key)
    if value.__class__ is not YMap:
        raise _fail(display, node, key, f"{what} maps languages (en, es) to lists of words")
    found = {}
    for language, words in value.items():
        if not _LANGUAGE.fullmatch(language):
            raise _at(display, value.key_span(language), f"{language!r} is not a language code like en or es")
        if words.__class__ is not YSeq or not all(_text(word) for word in words):
            raise _fail(display, value, language, f"{what} in {language} is a list of words or phrases")
        found[language] = tuple(word.strip().lower() for word in words)
    return found


def _drafting(file: _File, vocabulary: Vocabulary, base: Drafting) -> Drafting:
    """An extending file's words join the default's, per type and language; a
    type it adds comes after the default's (so the default's still win first)."""
    root, display = file.root, file.display
    if root is None:
        return base
    if root.__class__ is not YMap:
        raise PackError(f"{display}:1:1: a drafting pack is a mapping with verbs and said")
    _unknown_keys(file, "drafting")
    verbs = {kind: dict(languages) for kind, languages in base.verbs.items()}
    said = dict(base.said)
    if "verbs" in root:
        node = root["verbs"]
        if node.__class__ is not YMap:
            raise _fail(display, root, "verbs", "verbs maps event types to their words, per language")
        for kind in node:
            if kind not in vocabulary.event_types and not file.project:
                continue  # the packaged words of a type a project's own vocabulary replaced away
            if kind not in vocabulary.event_types:
                raise _at(display, node.key_span(kind), f"{kind!r} is not an event type of the vocabulary{did_you_mean(kind, vocabulary.event_types)}")
            for language, words in _phrases(display, node, kind, f"the words of {kind}").items():
                known = verbs.setdefault(kind, {}).get(language, ())
                verbs[kind][language] = known + tuple(word for word in words if word not in known)
    if "said" in root:
        for language, words in _phrases(display, root, "said", "said").items():
            known = said.get(language, ())
            said[language] = known + tuple(word for word in words if word not in known)
    titles = _titles(display, root, base.titles) if "titles" in root else base.titles
    return Drafting(verbs, said, titles)


def _joined(known: dict[str, tuple[str, ...]], more: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Word lists by language, ``more``'s words after ``known``'s (each once)."""
    joined = dict(known)
    for language, words in more.items():
        have = joined.get(language, ())
        joined[language] = have + tuple(word for word in words if word not in have)
    return joined


def _titles(display: str, root: YMap, base: Titles) -> Titles:
    """The drafting pack's ``titles``: an extending file's words join the default's, per English
    word (for offices and words) and language."""
    node = root["titles"]
    lists = _listing((*TITLE_ENTRIES, *TITLE_LISTS))
    if node.__class__ is not YMap:
        raise _fail(display, root, "titles", f"titles is a mapping with {lists}")
    _only(display, node, (*TITLE_ENTRIES, *TITLE_LISTS), "titles")
    merged: dict[str, Any] = {}
    for key in TITLE_ENTRIES:
        entries = {word: dict(languages) for word, languages in getattr(base, key).items()}
        if key in node:
            words = node[key]
            if words.__class__ is not YMap:
                raise _fail(display, node, key, f"titles' {key} map English words to their words, per language (es: [ministro, ministra])")
            for word in words:
                if not _text(word):
                    raise _at(display, words.key_span(word), f"titles' {key} are keyed by words")
                found = _phrases(display, words, word, f"the words of {word!r}") if words[word] is not None else {}
                entries[word.strip().lower()] = _joined(entries.get(word.strip().lower(), {}), found)
        merged[key] = entries
    for key in TITLE_LISTS:
        known = getattr(base, key)
        merged[key] = _joined(known, _phrases(display, node, key, f"titles' {key}")) if key in node else dict(known)
    return Titles(**merged)


def display_path(path: Path, cwd: Path | None) -> str:
    """How messages name ``path``: relative to ``cwd`` when it is under it, else in full."""
    if cwd is not None:
        try:
            return str(path.resolve().relative_to(cwd.resolve()))
        except ValueError:
            pass
    return str(path)
