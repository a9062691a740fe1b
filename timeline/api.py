"""The library face of timeline: what the command line does, for programs and tests.

    project = open_project(["data"])
    result = check(project, settings_for(["data"]))
    for finding in result.findings:
        print(finding.span.line, finding.rule, finding.message)

Everything here reads files and git only through the stages below it and
returns values; nothing prints. Errors the user should be told about are
:class:`~timeline.errors.UserError` with a one-line message.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from timeline.engine import known_rule, only_changed, prepare, rule_names, run
from timeline.errors import UserError
from timeline.outputs.reporters import known_format
from timeline.project import default_store, find_root, repository_root, store_root
from timeline.project.config import Settings, find_config, load_settings, override
from timeline.project.packs import Packs, load_packs
from timeline.store.loader import load_bytes, load_store
from timeline.store.model import Store
from timeline.store.result import Result


class UsageError(UserError):
    """A call that can't be carried out as asked: a missing store, a bad combination."""


@dataclass(frozen=True)
class Project:
    """A store with the packs it is checked against.

    ``paths`` are the store's paths as given (or the project's ``data/``);
    ``root`` is the project folder (see :func:`~timeline.project.store_root`),
    or None for a store read from standard input outside any project.
    """

    store: Store
    packs: Packs
    paths: tuple[str, ...]
    root: Path | None


def store_paths(paths: Iterable[str] = (), cwd: Path | None = None) -> tuple[str, ...]:
    """``paths``, or the project's ``data/`` relative to ``cwd``."""
    paths = tuple(paths)
    if paths:
        return paths
    cwd = cwd or Path.cwd()
    store_dir = default_store(cwd)
    if store_dir is None:
        raise UsageError("no store given, and no data/ folder here or in any parent folder")
    return (os.path.relpath(store_dir, cwd),)


def open_project(paths: Iterable[str] = (), cwd: Path | None = None, settings: Settings | None = None) -> Project:
    """Load the store at ``paths`` (default: the project's ``data/``) and its packs.

    ``settings`` (by default, those of the store's configuration) bound the
    size of the files read."""
    cwd = cwd or Path.cwd()
    paths = store_paths(paths, cwd)
    settings = settings or settings_for(paths, cwd=cwd)
    root = store_root(Path(paths[0]))
    store = load_store(paths, root, settings.max_file_size.value)
    # The store lives until the process ends and holds no cycles: keep the
    # collector from walking its millions of objects again during the checks.
    gc.freeze()
    return Project(store, load_packs(root, cwd), paths, root)


def open_bytes(raw: bytes, display: str = "-", cwd: Path | None = None, settings: Settings | None = None) -> Project:
    """A project of one store file given as bytes (standard input), printed as
    ``display``: packs and texts are those of the project ``display`` is in."""
    cwd = cwd or Path.cwd()
    settings = settings or settings_for((display if display != "-" else ".",), cwd=cwd)
    root = store_root(Path(display)) if display != "-" else find_root(cwd)
    anchor = display if display != "-" else "."
    return Project(load_bytes(raw, display, root, settings.max_file_size.value), load_packs(root, cwd), (anchor,), root)


def settings_for(paths: Iterable[str] = (), config: str | None = None, cwd: Path | None = None) -> Settings:
    """The settings in force for the store at ``paths``: from ``config`` when
    given, else the nearest configuration file, else the defaults."""
    cwd = cwd or Path.cwd()
    paths = tuple(paths)
    if config is not None:
        path = Path(config)
        if not path.is_file():
            raise UsageError(f"{config}: no such configuration file")
        return load_settings(path, config, known_rule, known_format)
    # Walking up from the store or from here reaches the project root alike.
    found = find_config(cwd / paths[0] if paths else cwd)
    display = os.path.relpath(found, cwd) if found is not None else None
    return load_settings(found, display, known_rule, known_format)


def with_options(settings: Settings, **options) -> Settings:
    """``settings`` with command-line values over them (``fail_on="warning"``,
    ``select=[...]``): None or empty values leave a setting as it is."""
    for key, value in options.items():
        if value:
            override(settings, key.replace("_", "-"), value)
    return settings


def check(project: Project, settings: Settings | None = None, since: str | None = None, cwd: Path | None = None) -> Result:
    """Run the checks the settings select over the project's store.

    With ``since`` (a git revision), only the findings the changes since it
    may have caused are kept.
    """
    from timeline.tools.changes import changed_lines

    cwd = cwd or Path.cwd()
    settings = settings or Settings()
    rules = rule_names(settings.select.value, settings.ignore.value, settings.extend_select.value)
    store = project.store
    result = run(store, project.packs, rules, settings.severity.value)
    result = dataclasses.replace(result, fail_on=settings.fail_on.value, root=repository_root(Path(project.paths[0])), base=cwd)
    if since is not None:
        texts = {source.text_file.path for source in store.sources if source.text_file is not None}
        changed = changed_lines([file.path for file in store.files] + sorted(texts), since, cwd)
        result = only_changed(result, store, changed)
    return result


def context(project: Project):
    """The run's Context for the project: hand it to :func:`findings`, and its
    ``dates`` to the outputs, so that dates are derived once a run."""
    return prepare(project.store, project.packs)


def findings(project: Project, rules: Iterable[str] | None = None, context=None) -> Result:
    """Every finding of the project's store (or those of ``rules``), for the
    outputs that mark them (views, reports, fixes)."""
    return run(project.store, project.packs, rule_names(rules or ()), context=context)


def calendar_stamp(project: Project, environ: dict | None = None) -> dt.datetime:
    """When a calendar export of the project is dated: ``SOURCE_DATE_EPOCH``
    when set, else the newest commit of the store's files, else now."""
    from timeline.outputs.exports import epoch_stamp
    from timeline.tools.changes import last_commit_time

    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return epoch_stamp(epoch)
    given = Path(project.paths[0])
    folder = given if given.is_dir() else given.parent
    # The store's own history dates it, so exporting an unchanged store gives the same file.
    committed = last_commit_time([os.path.abspath(file.path) for file in project.store.files], folder)
    return committed or dt.datetime.now(dt.UTC)


def project_name(project: Project) -> str:
    """The project's name: the configuration's ``name``, else its folder's."""
    given = Path(project.paths[0])
    folder = given if given.is_dir() else given.parent
    root = project.root or folder.resolve()
    return load_settings(find_config(given)).name.value or root.resolve().name
