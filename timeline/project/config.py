"""Settings: defaults, then ``.timeline.yaml`` or ``[tool.timeline]``, then the command line.

The configuration file is found by walking up from the store: the first
folder with a ``.timeline.yaml``, or a ``pyproject.toml`` that has a
``[tool.timeline]`` table, holds it. Every setting remembers where it came
from, so ``timeline config`` can say.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from timeline.errors import UserError
from timeline.project import folder_of
from timeline.store.findings import Severity, did_you_mean
from timeline.store.loader import plain, read_settings_file
from timeline.store.model import YMap
from timeline.store.reading import DEFAULT_LIMIT

# Names the settings refer to are known above this layer (rules to the
# checks, formats to the reporters): whoever loads the settings says how to
# check one, as ``(name, where) -> the name in force``, raising with ``where``.
Known = Callable[[str, str], str]


def _as_is(name: str, where: str) -> str:
    return name
SEVERITIES = ("error", "warning", "info")
KEYS = ("select", "extend-select", "ignore", "fail-on", "output-format", "severity", "name", "max-file-size")


class ConfigError(UserError):
    """A configuration that can't be used; the message says where and why."""


class Setting(Struct):
    value: Any
    origin: str


class Settings(Struct):
    """The settings in force, each with where it came from."""

    select: Setting = field(default_factory=lambda: Setting((), "default"))
    extend_select: Setting = field(default_factory=lambda: Setting((), "default"))
    ignore: Setting = field(default_factory=lambda: Setting((), "default"))
    fail_on: Setting = field(default_factory=lambda: Setting(Severity.ERROR, "default"))
    output_format: Setting = field(default_factory=lambda: Setting(None, "default"))
    severity: Setting = field(default_factory=lambda: Setting({}, "default"))
    # The project's name, for what must tell two projects apart (calendar UIDs).
    name: Setting = field(default_factory=lambda: Setting(None, "default"))
    # The largest store file or source text read, in bytes.
    max_file_size: Setting = field(default_factory=lambda: Setting(DEFAULT_LIMIT, "default"))
    file: Path | None = None
    display: str | None = None  # the file's path as shown to the user
    known_rule: Known = _as_is
    known_format: Known = _as_is

    def items(self) -> list[tuple[str, Setting]]:
        return [
            ("select", self.select),
            ("extend-select", self.extend_select),
            ("ignore", self.ignore),
            ("fail-on", self.fail_on),
            ("output-format", self.output_format),
            ("severity", self.severity),
            ("name", self.name),
            ("max-file-size", self.max_file_size),
        ]


def find_config(start: Path) -> Path | None:
    """The nearest ``.timeline.yaml``, or ``pyproject.toml`` with ``[tool.timeline]``, at or above ``start``."""
    start = folder_of(start)
    for folder in (start, *start.parents):
        candidate = folder / ".timeline.yaml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _timeline_table(pyproject) is not None:
            return pyproject
    return None


def _timeline_table(path: Path) -> dict | None:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    # However the table is written ([tool.timeline], tool.timeline.select = ..., a quoted key),
    # its name is in the file, unless a quoted key escapes a letter of it: without either,
    # there is none, and the file (another tool's business) isn't read further.
    if b"timeline" not in raw and b"\\" not in raw:
        return None
    import tomllib  # only projects whose pyproject.toml may have the table pay for it

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    table = data.get("tool", {}).get("timeline")
    return table if isinstance(table, dict) else None


def load_settings(path: Path | None, display: str | None = None, rule: Known = _as_is, output_format: Known = _as_is) -> Settings:
    """The settings from the file at ``path`` (or the defaults); ``rule`` and
    ``output_format`` check the names of rules and formats it gives."""
    display = display or (str(path) if path is not None else None)
    settings = Settings(file=path, display=display, known_rule=rule, known_format=output_format)
    if path is None:
        return settings
    if path.name == "pyproject.toml":
        values = {key: (value, f"{display} [tool.timeline]") for key, value in (_timeline_table(path) or {}).items()}
    else:
        values = _yaml_values(path, display)
    for key, (value, origin) in values.items():
        _apply(settings, key, value, origin)
    return settings


def _yaml_values(path: Path, display: str) -> dict[str, tuple[Any, str]]:
    root = read_settings_file(path, display, ConfigError)
    if root is None:
        return {}
    if root.__class__ is not YMap:
        raise ConfigError(f"{display}:1:1: the configuration is a mapping of settings ({', '.join(KEYS)})")
    values = {}
    for key, value in root.items():
        span = root.key_span(key)
        values[key] = (plain(value), f"{display}:{span.line}")
    return values


def _apply(settings: Settings, key: str, value: Any, origin: str, where: str | None = None) -> None:
    """Set one setting from a file or the command line, checking it."""
    where = where or origin.split(" [")[0]
    if key not in KEYS:
        raise ConfigError(f'{where}: unknown setting "{key}"{did_you_mean(key, KEYS)} (settings are {", ".join(KEYS)})')
    if key == "name":
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f'{where}: "name" is the project\'s name, a line of text')
        settings.name = Setting(value.strip(), origin)
    elif key in ("select", "extend-select", "ignore"):
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
            raise ConfigError(f'{where}: "{key}" is a list of rule names')
        attribute = key.replace("-", "_")
        rules = tuple(settings.known_rule(name, where) for name in names)
        current: Setting = getattr(settings, attribute)
        if key != "select" and current.origin != "default" and origin == "command line":
            # --ignore and --extend-select add to the file's lists; --select replaces.
            rules = (*current.value, *(rule for rule in rules if rule not in current.value))
            origin = f"{current.origin} + command line"
        setattr(settings, attribute, Setting(rules, origin))
    elif key == "max-file-size":
        settings.max_file_size = Setting(_size(value, where), origin)
    elif key == "fail-on":
        settings.fail_on = Setting(_severity(value, where, key), origin)
    elif key == "output-format":
        if not isinstance(value, str):
            raise ConfigError(f'{where}: "output-format" is the name of a format')
        settings.output_format = Setting(settings.known_format(value, where), origin)
    elif key == "severity":
        if not isinstance(value, dict):
            raise ConfigError(f'{where}: "severity" maps rule names to error, warning or info')
        overrides = {settings.known_rule(name, where): _severity(level, where, f"severity of {name}") for name, level in value.items()}
        settings.severity = Setting({**settings.severity.value, **overrides}, origin)


_SIZE = r"(?i)(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>[KMG]i?B|B|bytes)?"  # compiled by re when first used: few configs set a size
_UNITS = {"": 1, "b": 1, "bytes": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30}


def _size(value: Any, where: str) -> int:
    """``200 MiB``, ``2GB``, ``1048576``: a number of bytes."""
    match = re.fullmatch(_SIZE, value.strip()) if isinstance(value, str) else None
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if match is not None and float(match["number"]) > 0:
        return int(float(match["number"]) * _UNITS[(match["unit"] or "").lower()])
    raise ConfigError(f'{where}: "max-file-size" is a size in bytes, or with a unit such as 200 MiB or 2 GB, not {value!r}')


def _severity(value: Any, where: str, key: str) -> Severity:
    if not isinstance(value, str) or value not in SEVERITIES:
        raise ConfigError(f'{where}: "{key}" must be one of {", ".join(SEVERITIES)}, not {value!r}')
    return Severity.parse(value)


def override(settings: Settings, key: str, value: Any) -> None:
    """A command-line value: it wins over the file's."""
    _apply(settings, key, value, "command line", f"--{key}")
