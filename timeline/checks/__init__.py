"""The registry of checks: rule name to the module that implements it.

Each module has a docstring (summary line, why it matters, Bad and Good
examples), a ``NAME``, a default ``SEVERITY``, the ``PACKS`` it reads,
whether its findings judge a ``CLAIM``, its ``SCOPE`` (one file or the
whole store) and a pure ``check(ctx)`` that yields findings, ``ctx`` being
the run's :class:`~timeline.checks.context.Context`.
"""

from __future__ import annotations

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
    likely_duplicate,
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
    unreviewed_draft,
    yaml_syntax,
)
from timeline.store.findings import Severity
from timeline.store.rules import RuleInfo

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
    likely_duplicate,
    count_subset,
    rate_consistency,
    as_of,
    unreviewed_draft,
    stale_acknowledgment,
)

REGISTRY: dict[str, ModuleType] = {module.NAME: module for module in _MODULES}

# Old rule names kept working after a rename: old name -> current name.
ALIASES: dict[str, str] = {}


def info(module: ModuleType, severity: Severity | None = None) -> RuleInfo:
    """What a rule's module says of itself, for the run's result (``severity``
    when the configuration gives it another)."""
    return RuleInfo(module.NAME, severity or module.SEVERITY, module.__doc__ or "", module.PACKS, module.CLAIM, module.SCOPE)


RULES: dict[str, RuleInfo] = {name: info(module) for name, module in REGISTRY.items()}


def resolve(name: str) -> str | None:
    """The current rule name for ``name`` (which may be an alias), or None."""
    name = ALIASES.get(name, name)
    return name if name in REGISTRY else None
