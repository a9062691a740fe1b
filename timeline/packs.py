"""Rule packs: the YAML data in ``checks/`` that the checks read.

A pack in the project's ``checks/`` folder replaces the packaged default of
the same name; packs the project doesn't have come from the defaults
shipped in ``timeline/default_packs/``, so an installed ``timeline`` works anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from timeline.findings import SourceFile
from timeline.loader import parse, plain
from timeline.model import YMap

DEFAULTS = Path(__file__).parent / "default_packs"
PACK_NAMES = ("vocabulary",)
VOCABULARY_LISTS = ("event_types", "entity_kinds", "offices")


class PackError(Exception):
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
class Packs:
    """The packs in force, and the file each came from."""

    vocabulary: Vocabulary
    paths: dict[str, Path]


def pack_path(name: str, packs_folder: Path | None) -> Path:
    """The file pack ``name`` is read from: the project's, else the default."""
    if packs_folder is not None:
        for suffix in (".yaml", ".yml"):
            candidate = packs_folder / f"{name}{suffix}"
            if candidate.is_file():
                return candidate
    return DEFAULTS / f"{name}.yaml"


def _read(path: Path, display: str) -> tuple[SourceFile, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PackError(f"{display}: cannot read rule pack: {getattr(error, 'strerror', None) or error}") from None
    file = SourceFile(display, text)
    root, problems = parse(file)
    if problems:
        first = problems[0]
        raise PackError(f"{display}:{first.span.line}:{first.span.column}: {first.message}")
    return file, root


def _vocabulary(path: Path, display: str) -> Vocabulary:
    file, root = _read(path, display)
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


def load_packs(root: Path | None, cwd: Path | None = None) -> Packs:
    """The packs for the project at ``root`` (or only the defaults)."""
    folder = None if root is None else root / "checks"
    path = pack_path("vocabulary", folder)
    display = _display(path, cwd)
    return Packs(vocabulary=_vocabulary(path, display), paths={"vocabulary": path})


def _display(path: Path, cwd: Path | None) -> str:
    if cwd is not None:
        try:
            return str(path.resolve().relative_to(cwd.resolve()))
        except ValueError:
            pass
    return str(path)
