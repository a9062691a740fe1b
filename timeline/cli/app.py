"""The ``timeline`` commands: each reads its options, calls the library
(:mod:`timeline.api`) and hands the result to an output; nothing here
checks or formats anything itself."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING

import click

from timeline import __version__
from timeline.cli.environment import READ_BY_PEOPLE, Environment, ExitStatus
from timeline.cli.options import cache_dir_option, config_option, filter_options, output_option, paths_argument, rule_options, rules
from timeline.errors import UserError
from timeline.outputs import EXPORT_FORMATS
from timeline.outputs.console import one_line, printable, terminal_output
from timeline.outputs.reporters import FORMATS as CHECK_FORMATS
from timeline.outputs.reporters import json_text
from timeline.parallel import PARALLEL_FROM
from timeline.store.reading import size_text

if TYPE_CHECKING:
    from timeline.api import Project

REPORT_BUGS = "please report it on the timeline issue tracker, with the output of `timeline --debug ...`"


class Failure(UserError):
    """A usage, configuration or I/O error: one line on stderr, exit 2."""


def _fail(message: str) -> None:
    click.echo(f"timeline: error: {one_line(message)}", err=True)
    sys.exit(ExitStatus.ERROR)


def _guarded(function: Callable) -> Callable:
    """Turn expected failures into one stderr line and exit 2, never a traceback."""

    @wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except UserError as error:
            _fail(str(error))
        except BrokenPipeError:
            # The reader went away (`timeline check | head`): nothing to say to it.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(ExitStatus.ERROR)
        except OSError as error:
            _fail(f"{getattr(error, 'filename', '') or ''}: {error.strerror or error}".lstrip(": "))

    return wrapper


def environment() -> Environment:
    """The Environment of the command being run, with --color/--no-color."""
    context = click.get_current_context()
    return Environment(color=context.find_root().params.get("color"))


def emit(text: str | Iterable[str], output: str | None) -> None:
    """Write ``text`` (or its parts, in order, as an export makes them) to
    ``output`` whole (never half a file), or to stdout.

    A terminal gets the text with its control characters made visible (as
    ``ls`` does): a store string in a report, an export or a diff is shown
    there, never obeyed. A file or a pipe gets the format's own text.
    """
    from timeline.tools.files import in_blocks, write_atomic

    if output is None:
        shown = terminal_output if environment().stdout_isatty else str
        # A block holds whole parts, and a part whole lines: a CRLF is never split.
        for block in in_blocks((text,) if isinstance(text, str) else text):
            click.echo(shown(block), nl=False)
        return
    write_atomic(Path(output), text)


# What the commands loaded, while run() is the process's way out: it ends the process without
# freeing the heap, and a large store freed object by object as its command returned cost half
# a second of a 100k-event run. Called from tests (click's runner), commands hold nothing.
_HELD: list = []
_HOLDING = False


def held(project: Project) -> Project:
    """``project``, kept until the process ends when run() ends it."""
    if _HOLDING:
        _HELD.append(project)
    return project


def say(message: str) -> None:
    """One line on stderr, about the output (what it left out)."""
    click.echo(one_line(f"timeline: {message}"), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="timeline")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@click.option("--color/--no-color", "color", default=None, help="Colour the output, or don't. [default: on a terminal, unless NO_COLOR]")
def main(debug: bool, color: bool | None) -> None:
    """Keep a binational timeline of security news in YAML, and check its claims.

    The store is a YAML file or a folder of them (by default the nearest
    data/ folder); rule packs come from the project's checks/ folder.
    """
    # --debug is read by run(), which catches what escapes the commands;
    # --color by environment().


@main.command()
@paths_argument
@click.option(
    "--output-format",
    "--format",
    "output_format",
    metavar="FORMAT",
    help=f"One of {', '.join(CHECK_FORMATS)}. [default: full on a terminal, concise when piped, github under GitHub Actions]",
)
@output_option
@rule_options
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="Exit 1 on unacknowledged findings this severe or worse. [default: error]")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--statistics", is_flag=True, help="Print how many findings each rule has: instead of the findings for people, beside them in json, on stderr for the CI formats.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the findings, no summary line.")
@click.option("--stdin-filename", metavar="PATH", help="With PATHS '-': the path to print for the store read from standard input.")
@click.option("--since", metavar="REV", help="Report only findings on lines (or records) changed since this git revision.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    metavar="N",
    help=f"Parse the files and run the rules in N processes; a store under {PARALLEL_FROM:,} events runs its rules in one. [default: the CPUs this process may use]",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache: parse every file and run every rule.")
@cache_dir_option
@config_option
@_guarded
def check(
    paths: tuple[str, ...],
    output_format: str | None,
    output: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    exit_zero: bool,
    statistics: bool,
    quiet: bool,
    stdin_filename: str | None,
    since: str | None,
    jobs: int | None,
    no_cache: bool,
    cache_dir: str | None,
    config_file: str | None,
) -> None:
    """Check the store for contradictions and mistakes.

    PATHS are store files or folders (default: the project's data/); '-'
    reads one store file from standard input.

    Prints one line per finding (path:line:col: severity rule message) and a
    summary. Exits 0 when there is no unacknowledged error (or finding as
    severe as --fail-on), 1 when there is, 2 on a usage, configuration or
    I/O error.
    """
    from timeline import api

    env = environment()
    from_stdin = paths == ("-",)
    if "-" in paths and not from_stdin:
        raise Failure("'-' (standard input) can't be checked beside other paths")
    if stdin_filename is not None and not from_stdin:
        raise Failure("--stdin-filename goes with the path '-' (standard input)")
    settings = api.settings_for((stdin_filename or ".",) if from_stdin else paths, config_file)
    api.with_options(
        settings,
        select=rules(select),
        extend_select=rules(extend_select),
        ignore=rules(ignore),
        fail_on=fail_on,
        output_format=output_format,
    )
    chosen_format = _format(env, settings.output_format.value, output)
    if from_stdin:
        limit = settings.max_file_size.value
        raw = env.stdin.buffer.read(limit + 1)
        if len(raw) > limit:
            raise Failure(f"standard input: more than the {size_text(limit)} a store file may be (the max-file-size setting)")
        result = api.check(api.open_bytes(raw, stdin_filename or "-", settings=settings), settings, since, jobs=jobs)
    else:
        cache = None if no_cache else api.open_cache(paths, folder=cache_dir)
        progress = None if quiet else env.progress(chosen_format)
        with progress or contextlib.nullcontext():
            result = api.check_store(paths, settings, since, jobs=jobs, cache=cache, progress=progress, loaded=held)
    _report(env, result, chosen_format, output, statistics, quiet)
    failed = result.failed(settings.fail_on.value) and not exit_zero
    sys.exit(ExitStatus.FINDINGS if failed else ExitStatus.OK)


def _format(env: Environment, configured: str | None, output: str | None) -> str:
    if configured is not None:
        return configured
    if env.under_github_actions:
        return "github"
    return "full" if output is None and env.stdout_isatty else "concise"


def _report(env: Environment, result, output_format: str, output: str | None, statistics: bool, quiet: bool) -> None:
    from timeline.outputs.reporters import notes, reporter

    people = output_format in READ_BY_PEOPLE
    if statistics and people:
        from timeline.outputs.reporters.text import statistics_table

        text = statistics_table(result, quiet=quiet)
    elif output is None and people and env.styled:
        from timeline.outputs.reporters.text import render_styled

        console = env.console()
        for line in render_styled(result, full=output_format == "full", quiet=quiet):
            console.print(line, soft_wrap=True)
        return
    elif statistics and output_format == "json":
        from timeline.outputs.reporters.json_report import render

        text = render(result, statistics=True)
    else:
        render = reporter(output_format)
        text = render(result, quiet=quiet) if people or output_format == "github" else render(result)
        if statistics:
            # The report stays what its reader expects (an empty SARIF would read
            # as a clean run): the counts go to the person watching the log.
            from timeline.outputs.reporters.text import statistics_table

            click.echo(statistics_table(result, quiet=quiet), err=True, nl=False)
        for note in notes(output_format, result):
            say(note)
    emit(text, output)


@main.command()
@paths_argument
@click.option("--diff", "show_diff", is_flag=True, help="Print the changes as a diff instead of writing them.")
@click.option("--select", multiple=True, metavar="RULE", help="Apply only these rules' fixes (repeatable, or comma-separated).")
@click.option("--force", is_flag=True, help="Write files that are read-only (no write bit for their owner) too.")
@_guarded
def fix(paths: tuple[str, ...], show_diff: bool, select: tuple[str, ...], force: bool) -> None:
    """Apply the safe fixes: misspelled names in titles and notes.

    Only the misspelled words change; comments, quoting and layout stay as
    they were, and verbatim quotes are never touched. With --diff, exits 1
    when there is something to fix.
    """
    from timeline import api
    from timeline.tools import fixer

    project = held(api.open_project(paths))
    edits = fixer.plan(api.findings(project, rules(select)).findings)
    if show_diff:
        emit("".join(fixer.diff(edit) for edit in edits), None)
        sys.exit(ExitStatus.FINDINGS if edits else ExitStatus.OK)
    if not force:
        fixer.refuse_read_only(edits)  # before any write: a refusal leaves every file unchanged
    for edit in edits:
        fixer.write(edit)
        click.echo(f"fixed {edit.fixes} in {one_line(edit.file.path)}")
    total = sum(edit.fixes for edit in edits)
    click.echo(f"{total} fix{'es' if total != 1 else ''} applied; `timeline check` shows what is left")


@main.command()
@paths_argument
@click.option("--format", "report_format", type=click.Choice(["markdown", "claimreview"]), default="markdown", show_default=True, help="Markdown, or schema.org ClaimReview JSON-LD.")
@output_option
@click.option("--by", default="The fact-check desk", show_default=True, help="Who reviewed the claims (ClaimReview's author).")
@click.option("--url", "url", metavar="TEMPLATE", help="Where each review is published, {id} standing for the claim's id (ClaimReview's url).")
@_guarded
def report(paths: tuple[str, ...], report_format: str, output: str | None, by: str, url: str | None) -> None:
    """Write a report a desk can publish: each claim's verdict, evidence and reasons.

    A claim is contradicted when a finding about it is an error or warning,
    consistent when two or more sources report it and nothing contradicts
    it, unverifiable when only one source does.
    """
    from timeline import api
    from timeline.outputs import report as reports
    from timeline.outputs.exports import epoch_stamp

    if url is not None:
        try:
            reports.review_address(url)
        except ValueError as error:
            raise api.UsageError(str(error)) from None
    everything = held(api.open_project(paths))
    project = api.published(everything)  # drafts get no verdict and decide none
    context = api.context(project)
    result = api.findings(project, context=context)
    if report_format == "markdown":
        # A confidential draft is counted, never named: its id names its outlet and date.
        drafts = tuple(None if getattr(record, "confidential", False) else record.id for _, record in everything.store.records() if record.draft)
        text = reports.markdown(project.store, result, context.dates, drafts)
    else:
        epoch = environment().environ.get("SOURCE_DATE_EPOCH", "").strip()
        published = epoch_stamp(epoch).date() if epoch else dt.datetime.now(dt.UTC).date()
        text = reports.claimreview(project.store, result, by, context.dates, url, published)
    emit(text, output)


@main.command()
@paths_argument
@click.option("--event", "event_id", metavar="ID", help="Show one event in full instead.")
@click.option("--by", type=click.Choice(["country", "actor", "type"]), default="country", show_default=True, help="What the lanes are.")
@filter_options
@click.option("--pager/--no-pager", default=None, help="Page the output through less (or $PAGER), or never; by default only when it is taller than the terminal.")
@_guarded
def show(
    paths: tuple[str, ...],
    event_id: str | None,
    by: str,
    start: str | None,
    end: str | None,
    country: tuple[str, ...],
    actor: tuple[str, ...],
    types: tuple[str, ...],
    grep: str | None,
    source: tuple[str, ...],
    pager: bool | None,
) -> None:
    """Show the store as a timeline, a lane per country.

    Dates are drawn at their real precision: ● for a known day, ┣━┫ for a
    span. Office terms show as eras (▶ starts, ◀ ends), findings as ⚠ marks.
    """
    from timeline import api
    from timeline.dates import DateError
    from timeline.outputs.views.event import event_detail
    from timeline.outputs.views.timeline import Filters, parse_filter_date, timeline_view
    from timeline.store.findings import did_you_mean
    from timeline.store.loader import collector_paused

    env = environment()
    project = held(api.open_project(paths))
    store = project.store
    context = api.context(project)
    findings = api.findings(project, context=context).findings
    # The view's rows and lines hold no cycles: reference counting frees each drawn line.
    with collector_paused():
        if event_id is not None:
            event = store.event_index.get(event_id)
            if event is None:
                raise Failure(f'no event has id "{event_id}"{did_you_mean(event_id, store.event_index)}')
            view = event_detail(store, event, findings, context.dates)
        else:
            try:
                filters = Filters(
                    parse_filter_date(start), parse_filter_date(end), tuple(code.upper() for code in country), actor, types, grep, source
                )
            except DateError as error:
                raise Failure(f"--from/--to: {error}") from None
            view = timeline_view(store, findings, filters, by, context.dates)
        env.page(view, pager)


@main.command("export")
@paths_argument
@click.option("--format", "export_format", type=click.Choice(EXPORT_FORMATS), required=True, help="The export format.")
@output_option
@click.option("--width", type=click.IntRange(60, 400), default=120, show_default=True, help="Width of the svg view.")
@click.option("--lang", "language", type=click.Choice(["en", "es"]), help="The language of the html page's words. [default: the store's]")
@_guarded
def export_command(paths: tuple[str, ...], export_format: str, output: str | None, width: int, language: str | None) -> None:
    """Export the store for other tools.

    json (dates normalized), csv, ics, timelinejs, markdown, the view
    itself as svg, or html: a standalone web page of the timeline. ics
    stamps its events with SOURCE_DATE_EPOCH when set, else with the time
    of the store's last commit.
    """
    from timeline import api
    from timeline.outputs.exports import epoch_stamp, export_store

    env = environment()
    # A bad SOURCE_DATE_EPOCH is a usage error, said before the store is read.
    if export_format == "ics" and env.environ.get("SOURCE_DATE_EPOCH", "").strip():
        epoch_stamp(env.environ["SOURCE_DATE_EPOCH"].strip())
    project = api.published(held(api.open_project(paths)))  # no draft is exported, nor marks what is
    context = api.context(project)
    findings = api.published_findings(project, context=context) if export_format in ("svg", "html") else ()
    stamp, name = (api.calendar_stamp(project, env.environ), api.project_name(project)) if export_format == "ics" else (None, "timeline")
    exported = export_store(project.store, export_format, findings, width, stamp=stamp, project=name, dates=context.dates, language=language)
    emit(exported.parts, output)
    if exported.left_out:
        count = len(exported.left_out)
        events = f"{count} event{'' if count == 1 else 's'}"
        say(f"left {events} out of the {export_format} export ({exported.why}): {', '.join(exported.left_out)}")


@main.command("draft")
@click.argument("article", type=click.Path(allow_dash=True, dir_okay=False))
@click.option("--published", help="The article's publication day (YYYY-MM-DD), when it doesn't print one.")
@click.option("--lang", "language", type=click.Choice(["en", "es"]), help="The article's language. [default: detected]")
@click.option("--source-id", help="The id of the article's source record. [default: <outlet>-<published>]")
@click.option("--outlet", help="Who published it, when the article doesn't say.")
@click.option("--url", help="Where it was published.")
@click.option("--output", "-o", help="Where to write the draft (- for standard output). [default: a new data/<source-id>.yaml]")
@click.option("--format", "output_format", type=click.Choice(["yaml", "json"]), default="yaml", show_default=True, help="The draft's format.")
@_guarded
def draft_command(article: str, published, language, source_id, outlet, url, output, output_format) -> None:
    """Draft store records from an article's text.

    ARTICLE is a plain-text file, an HTML page saved from a browser, or -
    for standard input. Writes one new store file (never over one) with the article's source
    record, its text saved beside it, an event per dated claim with its
    sentence as the quote, and candidate entities; every record is marked
    drafted, and `timeline check` reports it until someone reviews it.
    """
    from timeline import api
    from timeline.store.reading import DEFAULT_LIMIT, Refused, read_bytes

    env = environment()
    try:
        # An article is read as a store file is: a regular file, bounded (never /dev/zero).
        raw = env.stdin.buffer.read(DEFAULT_LIMIT + 1) if article == "-" else read_bytes(Path(article), None, DEFAULT_LIMIT)
    except Refused as refused:
        raise api.UsageError(f"{article}: the file {refused}") from None
    except OSError as error:
        raise api.UsageError(f"{article}: cannot read: {error.strerror or error}") from None
    if len(raw) > DEFAULT_LIMIT:
        raise api.UsageError(f"standard input: more than the {size_text(DEFAULT_LIMIT)} an article may be")
    done = api.draft(raw, article, output, output_format, published, language, source_id, outlet, url, environ=env.environ)
    if done.output == "-":
        emit(done.text, None)  # the terminal gets it escaped, as every output is
    else:
        events, entities = len(done.draft.events), len(done.draft.entities)
        say(
            f"drafted {events} event{'' if events == 1 else 's'} and {entities} candidate entit{'y' if entities == 1 else 'ies'} "
            f"into {done.output}: review each, then add reviewed: {{by: ..., date: ...}}"
        )
        for note in done.draft.notes:
            say(f"note: {note}")


@main.command("merge")
@click.argument("other_store", type=click.Path())
@click.option("--prefix", metavar="P", help="Rename every incoming id to P-<id>, and every reference to it, so that none collides with the store's.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Where to write the merged records, inside data/. [default: a new data/merged-<name>.yaml]")
@_guarded
def merge_command(other_store: str, prefix: str | None, output: str | None) -> None:
    """Bring another store's records into this one, as one new file.

    OTHER_STORE is a store file or folder (another desk's data/). Its records
    are written to one new file of the project's data/ (never over one), which
    says where they came from; its sources' texts are copied beside it. An
    incoming entity the store has (the same kind, a name or alias in common)
    is linked, not copied: references to it name the store's. An incoming id
    the store already uses stops the merge, each listed, unless --prefix
    renames them all. Exits 0 when written, 2 when nothing was.
    """
    from timeline import api
    from timeline.tools.merge import Collisions

    env = environment()
    try:
        done = api.merge(other_store, prefix, output, environ=env.environ)
    except Collisions as refused:
        for line in refused.lines:
            click.echo(one_line(line), err=True)
        raise
    for link in done.plan.links:
        click.echo(one_line(f"linked {link.incoming} to {link.existing} ({link.where})"))
    events, entities, sources = (done.plan.count(section) for section in ("events", "entities", "sources"))
    click.echo(
        one_line(
            f"wrote {done.output}: {events} event{'' if events == 1 else 's'}, {entities} entit{'y' if entities == 1 else 'ies'}, "
            f"{sources} source{'' if sources == 1 else 's'} ({len(done.plan.links)} linked)"
        )
    )


@main.command("date")
@click.argument("expressions", nargs=-1)
@click.option("--published", required=True, help="The day the expressions are read against (YYYY-MM-DD): the article's publication.")
@click.option("--lang", "language", type=click.Choice(["en", "es"]), default="en", show_default=True, help="The language of the expressions.")
@click.option("--direction", type=click.Choice(["past", "future"]), default="past", show_default=True, help="Where a date without its year falls: news tells the past, announcements the future.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True, help="One line each, or JSON Lines.")
@_guarded
def date_command(expressions: tuple[str, ...], published: str, language: str, direction: str, output_format: str) -> None:
    """Say what the date reader makes of each expression.

    Each EXPRESSION ("a fines del 2011", "ten months later", "el martes
    19") is read as `timeline draft` reads it in an article published on
    --published; with none, one expression a line from standard input.
    Prints the interval, its precision and the rule that read it, or why
    it wasn't read. Exits 1 when one wasn't.
    """
    from timeline import api

    env = environment()
    lines = expressions or tuple(line.rstrip("\r\n") for line in env.stdin if line.strip())
    unread = False
    for reading in api.read_dates_alone(lines, published, language, direction):
        unread = unread or reading["rule"] is None
        if output_format == "json":
            click.echo(json_text(reading, indent=None))
        else:
            click.echo(one_line(api.reading_line(reading)))
    if unread:
        sys.exit(ExitStatus.FINDINGS)


@main.command("entities")
@paths_argument
@click.option("--kind", help="Only entities of this kind (person, court, place, ...).")
@click.option("--country", help="Only entities of this country (ISO code, like PE).")
@click.option("--name", help="Only entities whose name or alias contains this (accents and case ignored).")
@_guarded
def entities_command(paths: tuple[str, ...], kind: str | None, country: str | None, name: str | None) -> None:
    """List the registry: entities with their kinds, countries and offices."""
    from timeline import api
    from timeline.outputs.views.entities import entities_table

    project = held(api.open_project(paths))
    environment().print(entities_table(project.store, kind=kind, country=country, name=name))


@main.command("checks")
@click.option("--explain", metavar="RULE", help="Print one rule's documentation, its examples and the pack it reads.")
@click.option("--markdown", is_flag=True, help="Print every rule's documentation as Markdown (docs/checks.md).")
@_guarded
def checks_command(explain: str | None, markdown: bool) -> None:
    """List every rule with its default severity and what it finds."""
    from timeline.checks import RULES
    from timeline.engine import known_rule

    if markdown:
        from timeline.tools.docgen import checks_markdown

        click.echo(checks_markdown(RULES.values()), nl=False)
        return
    if explain:
        _explain(RULES[known_rule(explain)])
        return
    width = max(len(name) for name in RULES)
    for name, rule in RULES.items():
        click.echo(f"{name:<{width}}  {str(rule.severity):<7}  {rule.summary}")


def _explain(rule) -> None:
    from timeline.project import find_root
    from timeline.project.packs import display_path, load_packs

    click.echo(f"{rule.name} (default severity: {rule.severity})\n")
    click.echo(rule.doc.strip())
    packs = load_packs(find_root(Path.cwd()), Path.cwd()) if rule.packs else None
    for pack in rule.packs:
        # The packaged default (named in full when outside the folder), then the project's file over it.
        default, override = packs.paths[pack], packs.overrides.get(pack)
        if pack in packs.replaced:
            click.echo(f"\nThe {pack} pack in force ({one_line(os.path.relpath(override))}, which replaces the packaged default):\n")
            click.echo(printable(override.read_text(encoding="utf-8").rstrip()))
            continue
        click.echo(f"\nThe {pack} pack in force ({one_line(display_path(default, Path.cwd()))}):\n")
        click.echo(printable(default.read_text(encoding="utf-8").rstrip()))
        if override is not None:
            click.echo(f"\nextended by {one_line(os.path.relpath(override))}:\n")
            click.echo(printable(override.read_text(encoding="utf-8").rstrip()))


@main.command("config")
@paths_argument
@config_option
@_guarded
def config_command(paths: tuple[str, ...], config_file: str | None) -> None:
    """Print the settings in force for the store, and where each came from."""
    from timeline import api

    settings = api.settings_for(paths, config_file)
    click.echo(f"configuration file: {one_line(settings.display or '(none found)')}")
    for key, setting in settings.items():
        click.echo(f"{key:<14} {one_line(_shown(key, setting.value)):<28} {one_line(str(setting.origin))}")


def _shown(key: str, value) -> str:
    if key in ("select", "extend-select", "ignore"):
        return ", ".join(value) if value else ("every rule" if key == "select" else "none")
    if key == "severity":
        return ", ".join(f"{rule}={level}" for rule, level in value.items()) or "rules' defaults"
    if key == "name" and value is None:
        return "the project folder's name"
    if key == "output-format" and value is None:
        return "full on a terminal, else concise"
    if key == "max-file-size":
        return size_text(value)
    return str(value)


@main.command("schema")
@output_option
@_guarded
def schema_command(output: str | None) -> None:
    """Write the store's JSON Schema, for editors that validate and complete YAML.

    Put "# yaml-language-server: $schema=PATH" at the top of a store file.
    """
    from timeline.project import find_root
    from timeline.project.packs import load_packs
    from timeline.tools.jsonschema import store_schema

    emit(store_schema(load_packs(find_root(Path.cwd()), Path.cwd())), output)


@main.command("clean")
@paths_argument
@cache_dir_option
@_guarded
def clean_command(paths: tuple[str, ...], cache_dir: str | None) -> None:
    """Remove the project's cache (which `check` keeps outside the project folder)."""
    from timeline import api

    root, removed = api.clean_cache(paths, folder=cache_dir)
    where = one_line(os.path.relpath(root) if root.resolve() != Path.cwd().resolve() else "this project")
    if removed is None:
        click.echo(f"no cache to remove for {where}")
    else:
        files, size = removed
        click.echo(f"removed the cache of {where}: {files:,} file{'s' if files != 1 else ''}, {size_text(size)}")


@main.command("init")
@click.argument("folder", default=".", type=click.Path(file_okay=False))
@_guarded
def init_command(folder: str) -> None:
    """Create a new timeline project: a store, the rule packs, the configuration."""
    from timeline.tools.scaffold import create_project

    for path in create_project(Path(folder)):
        click.echo(f"created {os.path.relpath(path)}")


def run() -> None:
    """The console script: ``main``, then exit without tearing the heap down.

    A checked store can be millions of objects; freeing them one by one at
    exit took seconds and serves nothing, so once the output is flushed the
    process ends at once (as mypy does). An unexpected error is one line
    and exit 2 (``--debug`` shows the traceback).
    """
    global _HOLDING
    _HOLDING = True
    try:
        code = main(standalone_mode=False)
    except SystemExit as exit:
        code = exit.code
    except click.exceptions.Exit as exit:
        code = exit.exit_code
    except click.ClickException as error:
        error.show()
        code = error.exit_code
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("timeline: interrupted", err=True)
        code = ExitStatus.INTERRUPTED
    except Exception as error:  # noqa: BLE001 - the last line of defence
        if "--debug" in sys.argv[1:]:
            import traceback  # here: only a crash pays for it

            traceback.print_exc()
        name = type(error).__name__
        click.echo(f"timeline: internal error: {name}: {one_line(str(error))}; {REPORT_BUGS}", err=True)
        code = ExitStatus.ERROR
    if code is None:
        code = 0
    elif not isinstance(code, int):
        click.echo(code, err=True)
        code = ExitStatus.ERROR
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        # A reader that stopped early (`timeline check | head`) is no error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    os._exit(int(code))
