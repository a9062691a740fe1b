"""The registry of checks: rule name to the module that implements it.

Each module has a docstring (summary line, why it matters, Bad and Good
examples), a ``NAME``, a default ``SEVERITY`` and a pure
``check(store, packs)`` that yields findings.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from types import ModuleType

from timeline.checks import (
    as_of,
    authority,
    contemporary,
    count_subset,
    date_order,
    duplicate_id,
    duplicate_key,
    invalid_date,
    missing_source,
    name_spelling,
    name_variant,
    quote_not_found,
    rate_consistency,
    relative_offset,
    role_title,
    same_day,
    schema,
    sequence,
    source_conflict,
    source_date,
    stale_acknowledgment,
    tenure,
    unknown_reference,
    yaml_syntax,
)

_MODULES: tuple[ModuleType, ...] = (
    yaml_syntax,
    duplicate_key,
    schema,
    invalid_date,
    duplicate_id,
    unknown_reference,
    date_order,
    relative_offset,
    same_day,
    tenure,
    sequence,
    source_date,
    contemporary,
    name_spelling,
    name_variant,
    authority,
    role_title,
    quote_not_found,
    source_conflict,
    missing_source,
    count_subset,
    rate_consistency,
    as_of,
    stale_acknowledgment,
)

REGISTRY: dict[str, ModuleType] = {module.NAME: module for module in _MODULES}

# The rule packs each rule reads, for `timeline checks --explain`.
PACKS_READ: dict[str, tuple[str, ...]] = {
    "schema": ("vocabulary",),
    "sequence": ("sequences",),
    "name-spelling": ("names",),
    "authority": ("authority",),
    "rate-consistency": ("references",),
    "as-of": ("references",),
}

# Old rule names kept working after a rename: old name -> current name.
ALIASES: dict[str, str] = {}


def resolve(name: str) -> str | None:
    """The current rule name for ``name`` (which may be an alias), or None."""
    name = ALIASES.get(name, name)
    return name if name in REGISTRY else None


def summary(module: ModuleType) -> str:
    """The first line of a check's docstring."""
    return (module.__doc__ or "").strip().splitlines()[0]


@dataclass(frozen=True)
class Example:
    """A Bad or Good example from a check's docstring.

    ``expected`` holds the finding lines (``line:col severity rule message``)
    a Bad example must produce, exactly; a Good example produces none.
    """

    kind: str  # "Bad" or "Good"
    store: str
    expected: tuple[str, ...]
    files: tuple[tuple[str, str], ...] = ()  # other files beside the store: (name, text)


def examples(module: ModuleType) -> list[Example]:
    """The ``Bad::`` and ``Good::`` blocks of a check's docstring, in order.

    A block is the indented text after its header; its lines starting with
    ``=>`` are the findings the example must produce. A ``Files::`` block
    holds ``name: text`` lines: files every example has beside its store.
    """
    found: list[Example] = []
    files: list[tuple[str, str]] = []
    kind: str | None = None
    block: list[str] = []

    def close() -> None:
        text = textwrap.dedent("\n".join(block))
        if kind == "Files":
            files.extend(tuple(line.split(": ", 1)) for line in text.splitlines() if ": " in line)
        elif kind is not None:
            store = [line for line in text.splitlines() if not line.startswith("=> ")]
            expected = tuple(line[3:] for line in text.splitlines() if line.startswith("=> "))
            found.append(Example(kind, "\n".join(store).strip("\n") + "\n", expected))

    for line in (module.__doc__ or "").splitlines():
        header = line.strip()
        if header in ("Bad::", "Good::", "Files::"):
            close()
            kind, block = header[:-2], []
        elif kind is not None:
            if line.strip() and not line.startswith("    "):
                close()
                kind, block = None, []
            else:
                block.append(line)
    close()
    return [Example(example.kind, example.store, example.expected, tuple(files)) for example in found]
