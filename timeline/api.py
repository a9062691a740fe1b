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

import datetime as dt
import gc
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct, structs

from timeline import parallel
from timeline.engine import known_rule, only_changed, prepare, rule_names, run
from timeline.errors import UserError
from timeline.outputs.reporters import known_format
from timeline.project import default_store, find_root, repository_root, store_root
from timeline.project.config import Settings, find_config, load_settings, override
from timeline.project.packs import Packs, load_packs
from timeline.store.findings import DESK, Finding
from timeline.store.loader import (
    Progress,
    ReadFile,
    assembling,
    collector_paused,
    load_bytes,
    load_read,
    load_store,
    read_store,
)
from timeline.store.model import Store
from timeline.store.result import Result

if TYPE_CHECKING:
    from timeline.project.cache import Cache


class UsageError(UserError):
    """A call that can't be carried out as asked: a missing store, a bad combination."""


class Project(Struct, frozen=True):
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


def open_project(paths: Iterable[str] = (), cwd: Path | None = None, settings: Settings | None = None, cache: Cache | None = None) -> Project:
    """Load the store at ``paths`` (default: the project's ``data/``) and its packs.

    ``settings`` (by default, those of the store's configuration) bound the
    size of the files read; with a ``cache`` (see :func:`open_cache`), a file
    whose bytes haven't changed since it was last parsed isn't parsed again."""
    cwd = cwd or Path.cwd()
    paths = store_paths(paths, cwd)
    settings = settings or settings_for(paths, cwd=cwd)
    root = store_root(Path(paths[0]))
    limit = settings.max_file_size.value
    return _opened(read_store(paths, root, limit), paths, root, limit, cwd, cache)


def _opened(
    read: list[ReadFile],
    paths: tuple[str, ...],
    root: Path,
    limit: int,
    cwd: Path,
    cache: Cache | None,
    progress: Progress | None = None,
    jobs: int | None = None,
) -> Project:
    # A large store's files still to parse are scanned in forked workers meanwhile (see
    # timeline.parallel); nothing here keeps the list, so that each file's bytes go once parsed.
    with parallel.scanning(cache.unparsed(read) if cache is not None else [item for item in read if item.raw is not None], jobs) as scanner:
        if cache is not None:
            parser = cache.parser(scanner)
        else:
            parser = assembling(scanner) if scanner is not None else None
        # The store lives until the process ends and holds no cycles: keep the
        # collector from walking its millions of objects again during the checks.
        # Frozen before the collector is back on: its first pass would walk them all.
        with collector_paused():
            store = load_read(read, root, limit, parser, progress)
            gc.freeze()
    return Project(store, load_packs(root, cwd), paths, root)


def open_cache(paths: Iterable[str] = (), cwd: Path | None = None, folder: str | None = None) -> Cache:
    """The cache of the project the store at ``paths`` is in, in ``folder`` (default: the
    user's cache folder, or ``$TIMELINE_CACHE_DIR``): see :mod:`timeline.project.cache`."""
    from timeline.project.cache import Cache, cache_home  # here: a run without the cache doesn't hash

    cwd = cwd or Path.cwd()
    return Cache.open(store_root(Path(store_paths(paths, cwd)[0])), cache_home(folder))


def clean_cache(paths: Iterable[str] = (), cwd: Path | None = None, folder: str | None = None) -> tuple[Path, tuple[int, int] | None]:
    """Remove the cache of the project the store at ``paths`` is in: its root, and how many
    files and bytes the cache held (None when there was none)."""
    from timeline.project.cache import cache_home, clean

    cwd = cwd or Path.cwd()
    root = store_root(Path(store_paths(paths, cwd)[0]))
    return root, clean(root, cache_home(folder))


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


def check(project: Project, settings: Settings | None = None, since: str | None = None, cwd: Path | None = None, jobs: int | None = None) -> Result:
    """Run the checks the settings select over the project's store.

    With ``since`` (a git revision), only the findings the changes since it
    may have caused are kept. ``jobs`` is how many processes may run the
    rules (default: the CPUs this process may use; a small store runs in
    this one).
    """
    cwd = cwd or Path.cwd()
    settings = settings or Settings()
    rules = rule_names(settings.select.value, settings.ignore.value, settings.extend_select.value)
    result = run(project.store, project.packs, rules, settings.severity.value, jobs=jobs)
    return _after(project, result, settings, since, cwd)


def _settled(result: Result, settings: Settings, paths: tuple[str, ...], cwd: Path) -> Result:
    """A run's result with what the settings and the folder add: the severity that fails it, where paths start."""
    return structs.replace(result, fail_on=settings.fail_on.value, root=repository_root(Path(paths[0])), base=cwd)


def _after(project: Project, result: Result, settings: Settings, since: str | None, cwd: Path) -> Result:
    result = _settled(result, settings, project.paths, cwd)
    if since is not None:
        from timeline.tools.changes import changed_lines  # here: git is only asked with --since

        store = project.store
        texts = {source.text_file.path for source in store.sources if source.text_file is not None}
        changed = changed_lines([file.path for file in store.files] + sorted(texts), since, cwd)
        result = only_changed(result, store, changed)
    return result


def check_store(
    paths: Iterable[str] = (),
    settings: Settings | None = None,
    since: str | None = None,
    cwd: Path | None = None,
    jobs: int | None = None,
    cache: Cache | None = None,
    progress: Progress | None = None,
    loaded: Callable[[Project], object] | None = None,
) -> Result:
    """Load the store at ``paths`` and check it, as :func:`open_project` and :func:`check` do.

    With a ``cache`` (see :func:`open_cache`), a run whose store files, source texts,
    packs, rules and tool are all as they were in a run before gives that run's findings
    without loading the store, and files whose bytes haven't changed aren't parsed again.
    The findings are the same with or without it. ``progress`` is told how far the load
    and the rules have gone: ``(stage, done, total)``, stage ``"files"`` then ``"rules"``.
    ``loaded`` is handed the project once it is loaded (a cached run loads none): the
    command line keeps it, so that it isn't freed object by object before the process ends.
    """
    cwd = cwd or Path.cwd()
    paths = store_paths(paths, cwd)
    settings = settings or settings_for(paths, cwd=cwd)
    root = store_root(Path(paths[0]))
    limit = settings.max_file_size.value
    read = read_store(paths, root, limit)
    rules = rule_names(settings.select.value, settings.ignore.value, settings.extend_select.value)
    severities = sorted((name, int(severity)) for name, severity in settings.severity.value.items())
    key = ("run", tuple(paths), str(cwd.resolve()), str(root.resolve()), limit, tuple(rules), tuple(severities))
    cached = cache.lookup(key, read, root, limit) if cache is not None and since is None else None
    if cached is not None:
        return _settled(cached, settings, paths, cwd)
    if cache is not None:
        for item in read:
            cache.state(item)  # hashed (once a run) while the bytes are here, for save below
    # The load lets each file's bytes go once it is parsed (see load_read).
    project = _opened(read, paths, root, limit, cwd, cache, progress, jobs)
    if loaded is not None:
        loaded(project)
    result = run(project.store, project.packs, rules, settings.severity.value, jobs=jobs, progress=progress)
    if cache is not None:
        cache.save(key, read, project.store, result, root, limit)
    return _after(project, result, settings, since, cwd)


def published(project: Project) -> Project:
    """The project as what it publishes sees it: without the records still drafts (see
    :meth:`~timeline.store.model.Store.reviewed`), so that no draft decides a verdict or
    marks a page."""
    store = project.store.reviewed()
    return project if store is project.store else structs.replace(project, store=store)


def context(project: Project):
    """The run's Context for the project: hand it to :func:`findings`, and its
    ``dates`` to the outputs, so that dates are derived once a run."""
    return prepare(project.store, project.packs)


def findings(project: Project, rules: Iterable[str] | None = None, context=None, jobs: int | None = None) -> Result:
    """Every finding of the project's store (or those of ``rules``), for the
    outputs that mark them (views, reports, fixes); ``jobs`` as :func:`check` has them."""
    return run(project.store, project.packs, rule_names(rules or ()), context=context, jobs=jobs)


def published_findings(project: Project, context=None) -> list[Finding]:
    """The findings a published page marks: those about what the sources say, none of the desk's
    own transcription slips (a misquote, an unreadable date: see :mod:`timeline.checks.sides`)."""
    return [finding for finding in findings(project, context=context).findings if finding.side != DESK]


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


class Drafted(Struct, frozen=True):
    """A draft, and where it was written: the store file and the article's text (None on stdout)."""

    draft: object  # timeline.draft.drafting.Draft
    output: str
    text_path: Path | None
    text: str = ""  # the draft as written, for the caller to print when output is "-"


def draft(
    raw: bytes,
    name: str,
    output: str | None = None,
    output_format: str = "yaml",
    published: str | None = None,
    language: str | None = None,
    source_id: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    cwd: Path | None = None,
    environ: dict | None = None,
) -> Drafted:
    """Draft a store file from an article's bytes, against the registry of the project at
    ``cwd``, and write it: to ``output``, by default a new ``data/<source-id>.yaml``, with
    the article's text as ``sources/<source-id>.txt`` beside it. Never over a file that
    exists, never outside the project; ``-`` is standard output (and no text is saved)."""
    from timeline.draft.article import read_article
    from timeline.draft.drafting import draft_article
    from timeline.store.reading import inside
    from timeline.store.schema import SLUG
    from timeline.tools.files import write_atomic

    cwd = cwd or Path.cwd()
    environ = os.environ if environ is None else environ
    day = _published_day(published) if published is not None else None
    if source_id is not None and not SLUG.fullmatch(source_id):
        raise UsageError(f"--source-id: {source_id!r} is not an id (lowercase words joined by hyphens, like efe-2013-02-12)")
    from timeline.outputs.exports import epoch_stamp
    from timeline.store.loader import STORE_SUFFIXES, load_text

    root = find_root(cwd)
    if root is None and output is None:
        raise UsageError("no data/ folder here or in any parent folder: run it in a project, or give --output")
    data = default_store(cwd)
    found = [path for path in data.rglob("*") if path.is_file()] if data is not None else []
    if any(path.suffix.lower() in STORE_SUFFIXES for path in found):
        project = open_project([str(data)], cwd)  # the registry, read as every command reads it
        store, packs = project.store, project.packs
    else:
        store, packs = load_text("", "<empty>"), load_packs(root, cwd)  # an empty project has an empty registry
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    today = epoch_stamp(epoch).date() if epoch else dt.date.today()
    article = read_article(raw, name)
    # A default id takes no name a file of the project already has, as a draft never writes over one.
    files = frozenset(path.stem for path in found)
    drafted = draft_article(article, store, packs, today, day, language, source_id, outlet, url, files)
    text = drafted.json() if output_format == "json" else drafted.yaml()
    if output == "-":
        return Drafted(drafted, "-", None, text)  # the caller prints it: the library writes no stream
    target = Path(output) if output is not None else root / "data" / f"{drafted.source_id}.yaml"
    target = target if target.is_absolute() else cwd / target
    limit = store_root(target) if root is None else root
    if not inside(Path(os.path.abspath(target)).parent.resolve() / target.name, limit.resolve()):
        raise UsageError(f"{output or target}: outside the project folder ({limit}): a draft is written into the project's store")
    text_path = target.parent / drafted.source["text"]
    for path in (target, text_path):
        if path.exists() or path.is_symlink():
            raise UsageError(f"{os.path.relpath(path, cwd)} already exists: a draft never writes over a file (give --source-id or --output)")
    text_path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(text_path, drafted.text)
    try:
        write_atomic(target, text)
    except OSError:
        text_path.unlink(missing_ok=True)  # whole or not at all: no text without its record
        raise
    return Drafted(drafted, os.path.relpath(target, cwd), text_path)


def read_dates_alone(expressions: Iterable[str], published: str, language: str = "en", direction: str = "past") -> list[dict]:
    """What the in-text date reader makes of each expression alone, read against the day
    ``published``: ``{"text", "rule", "earliest", "latest", "precision", "label"}`` for a date,
    ``{"text", "rule", "relation", "offset", "event"}`` for one relative to another event, and
    ``rule`` None (with ``"why"``) for one it doesn't read."""
    from timeline.dates import DateValue
    from timeline.draft.when import NUMERIC, read_date

    day = _published_day(published)
    readings = []
    for text in expressions:
        found = read_date(text, day, language, direction)
        if found is None:
            numeric = NUMERIC.fullmatch(text.strip()) is not None
            why = "a numeric date is refused: day/month or month/day?" if numeric else "not a date the reader knows"
            readings.append({"text": text, "rule": None, "why": why})
        elif isinstance(found.value, DateValue):
            value = found.value
            readings.append(
                {"text": text, "rule": found.rule, "earliest": value.earliest.isoformat(), "latest": value.latest.isoformat(),
                 "precision": value.precision, "label": value.display()}
            )
        else:
            relative = found.value
            readings.append(
                {"text": text, "rule": found.rule, "relation": relative.kind, "offset": relative.offset, "event": relative.event}
            )
    return readings


def reading_line(reading: dict) -> str:
    """One line of ``timeline date``: ``late 2011 → 2011-09-01..2011-12-31 (month, part-of): late 2011``."""
    if reading["rule"] is None:
        return f"{reading['text']} → not read: {reading['why']}"
    if "earliest" in reading:
        span = reading["earliest"] if reading["earliest"] == reading["latest"] else f"{reading['earliest']}..{reading['latest']}"
        return f"{reading['text']} → {span} ({reading['precision']}, {reading['rule']}): {reading['label']}"
    offset = f" by {reading['offset']}" if reading["offset"] else ""
    event = f" {reading['event']}" if reading["event"] else " the event before"
    return f"{reading['text']} → {reading['relation']}{offset}{event} ({reading['rule']})"


def _published_day(published: str) -> dt.date:
    """``--published``: a day, or a usage error that says what it is instead."""
    from timeline.dates import DateError, parse_date

    try:
        value = parse_date(published)
    except DateError as error:
        raise UsageError(f"--published: {error}") from None
    if value.precision != "day" or value.earliest != value.latest:
        raise UsageError(f"--published: {published!r} is not a day (write YYYY-MM-DD)")
    return value.earliest


class Merged(Struct, frozen=True):
    """What :func:`merge` wrote: the plan (records, links, texts), the new file as a path from
    ``cwd``, and the source texts copied beside it."""

    plan: object  # a timeline.tools.merge.Plan
    output: str
    texts: tuple[Path, ...]


def merge(other: str, prefix: str | None = None, output: str | None = None, cwd: Path | None = None, environ: dict | None = None) -> Merged:
    """Bring the records of the store at ``other`` into the project's store at ``cwd``, as one new
    file: by default ``data/merged-<name>.yaml``, never over a file, never outside ``data/``.

    Incoming entities the store already has (same kind, a name or alias in common) are linked, not
    copied; with ``prefix`` every other incoming id becomes ``<prefix>-<id>``. Ids already taken are
    :class:`~timeline.tools.merge.Collisions`, and nothing is written."""
    from timeline.outputs.exports import epoch_stamp
    from timeline.store.loader import STORE_SUFFIXES, load_text
    from timeline.store.reading import inside
    from timeline.store.schema import SLUG
    from timeline.tools.merge import header, merge_target, plan_merge, store_name, write_merge, yaml_text

    cwd = cwd or Path.cwd()
    environ = os.environ if environ is None else environ
    if prefix is not None and not SLUG.fullmatch(prefix):
        raise UsageError(f"--prefix: {prefix!r} is not an id prefix (lowercase words joined by hyphens, like quito)")
    root = find_root(cwd)
    if root is None:
        raise UsageError("no data/ folder here or in any parent folder: run it in the project to merge into")
    data = default_store(cwd)
    given = Path(other) if Path(other).is_absolute() else cwd / other
    if not given.exists() and not given.is_symlink():
        raise UsageError(f"{other}: no such file or folder")
    folder, there = data.resolve(), Path(os.path.abspath(given))
    try:
        there = there.resolve()
    except (RuntimeError, OSError):  # a loop of links: the loader says so, at the file
        pass
    if inside(there, folder) or inside(folder, there):
        raise UsageError(f"{other} {'is part of' if inside(there, folder) else 'holds'} the project's store already: a merge brings in a store from elsewhere")
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    today = epoch_stamp(epoch).date() if epoch else dt.date.today()
    target = merge_target(data, store_name(str(given)), output, cwd)
    paths = (os.path.relpath(data, cwd),)
    settings = settings_for(paths, cwd=cwd)
    limit = settings.max_file_size.value
    if any(path.suffix.lower() in STORE_SUFFIXES and not path.is_dir() for path in data.rglob("*")):
        store = load_store(paths, root, limit)  # the registry, read as every command reads it
    else:
        store = load_text("", "<empty>")  # an empty project has nothing to collide with
    incoming = load_store([other], store_root(Path(other)), limit)
    plan = plan_merge(incoming, store, prefix)
    text = yaml_text(plan.sections, header(other, today.isoformat(), plan, prefix))
    texts = write_merge(plan, target, text, root, cwd)
    return Merged(plan, os.path.relpath(target, cwd), tuple(texts))
