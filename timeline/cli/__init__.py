"""The ``timeline`` command line: thin click commands over the library."""

from __future__ import annotations

import dataclasses
import gc
import os
import sys
import traceback
from collections.abc import Callable
from functools import wraps
from pathlib import Path

import click

from timeline import __version__
from timeline.outputs.console import ExitStatus, print_renderable, printable, stdout_console, stdout_is_styled
from timeline.errors import UserError

REPORT_BUGS = "please report it on the timeline issue tracker, with the output of `timeline --debug ...`"


class Failure(UserError):
    """A usage, configuration or I/O error: one line on stderr, exit 2."""


def _fail(message: str) -> None:
    click.echo(f"timeline: error: {printable(message)}", err=True)
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


def _store_paths(paths: tuple[str, ...]) -> tuple[str, ...]:
    """``paths``, or the project's ``data/`` relative to the current folder."""
    from timeline.project import default_store

    if paths:
        return paths
    store_dir = default_store(Path.cwd())
    if store_dir is None:
        raise Failure("no store given, and no data/ folder here or in any parent folder")
    return (os.path.relpath(store_dir, Path.cwd()),)


def _open_store(paths: tuple[str, ...]):
    """Load the store at ``paths`` (default: the project's ``data/``) and its packs."""
    from timeline.store.loader import load_store
    from timeline.project.packs import load_packs
    from timeline.project import find_root

    paths = _store_paths(paths)
    root = find_root(Path(paths[0]))
    store = load_store(paths, root)
    # The store lives until the process ends and holds no cycles: keep the
    # collector from walking its millions of objects again during the checks.
    gc.freeze()
    return store, load_packs(root, Path.cwd())


def _open_stdin(display: str):
    """Load one store file from standard input, printed as ``display``; the
    project (packs, texts) is the one ``display`` would be in."""
    from timeline.store.loader import load_bytes
    from timeline.project.packs import load_packs
    from timeline.project import find_root

    root = find_root(Path(display).parent if display != "-" else Path.cwd())
    store = load_bytes(sys.stdin.buffer.read(), display, root)
    return store, load_packs(root, Path.cwd())


def _settings(paths: tuple[str, ...], config: str | None):
    from timeline.engine import known_rule
    from timeline.outputs.reporters import known_format
    from timeline.project.config import find_config, load_settings

    if config is not None:
        path = Path(config)
        if not path.is_file():
            raise Failure(f"{config}: no such configuration file")
        return load_settings(path, config, known_rule, known_format)
    # Walking up from the store or from here reaches the project root alike.
    found = find_config(Path(paths[0]) if paths else Path.cwd())
    display = os.path.relpath(found, Path.cwd()) if found is not None else None
    return load_settings(found, display, known_rule, known_format)


def _rules(values: tuple[str, ...]) -> list[str]:
    """Rule names from repeated and comma-separated options."""
    return [name.strip() for value in values for name in value.split(",") if name.strip()]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="timeline")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
def main(debug: bool) -> None:
    """Keep a binational timeline of security news in YAML, and check its claims.

    The store is a YAML file or a folder of them (by default the nearest
    data/ folder); rule packs come from the project's checks/ folder.
    """
    # --debug is read by run(), which catches what escapes the commands.


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--output-format",
    "--format",
    "output_format",
    metavar="FORMAT",
    help="full (a terminal's default), concise (when piped), json, json-lines, github (under GitHub Actions), sarif, junit or gitlab.",
)
@click.option("--output", "--output-file", "output_file", type=click.Path(dir_okay=False), help="Write the report to this file instead of stdout.")
@click.option("--select", multiple=True, metavar="RULE", help="Run only these rules, replacing the configuration's select (repeatable, or comma-separated).")
@click.option("--extend-select", multiple=True, metavar="RULE", help="Run these rules too, beside the selection.")
@click.option("--ignore", multiple=True, metavar="RULE", help="Don't run these rules, beside those the configuration ignores.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="Exit 1 on unacknowledged findings this severe or worse. [default: error]")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--statistics", is_flag=True, help="Print how many findings each rule has: instead of the findings for people, beside them in json, on stderr for the CI formats.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the findings, no summary line.")
@click.option("--stdin-filename", metavar="PATH", help="With PATHS '-': the path to print for the store read from standard input.")
@click.option("--since", metavar="REV", help="Report only findings on lines (or records) changed since this git revision.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Read settings from this file instead of looking for one.")
@_guarded
def check(
    paths: tuple[str, ...],
    output_format: str | None,
    output_file: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    exit_zero: bool,
    statistics: bool,
    quiet: bool,
    stdin_filename: str | None,
    since: str | None,
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
    from timeline.project.config import override
    from timeline.engine import only_changed, rule_names, run
    from timeline.project import repository_root

    from_stdin = paths == ("-",)
    if "-" in paths and not from_stdin:
        raise Failure("'-' (standard input) can't be checked beside other paths")
    if stdin_filename is not None and not from_stdin:
        raise Failure("--stdin-filename goes with the path '-' (standard input)")
    settings = _settings((stdin_filename or ".",) if from_stdin else paths, config_file)
    if _rules(select):
        override(settings, "select", _rules(select))
    if _rules(extend_select):
        override(settings, "extend-select", _rules(extend_select))
    if _rules(ignore):
        override(settings, "ignore", _rules(ignore))
    if fail_on:
        override(settings, "fail-on", fail_on)
    if output_format:
        override(settings, "output-format", output_format)
    rules = rule_names(settings.select.value, settings.ignore.value, settings.extend_select.value)
    if from_stdin:
        store, packs = _open_stdin(stdin_filename or "-")
    else:
        paths = _store_paths(paths)
        store, packs = _open_store(paths)
    result = run(store, packs, rules, settings.severity.value)
    anchor = Path(stdin_filename or ".") if from_stdin else Path(paths[0])
    result = dataclasses.replace(result, fail_on=settings.fail_on.value, root=repository_root(anchor), base=Path.cwd())
    if since is not None:
        from timeline.tools.changes import changed_lines

        texts = [source.text_file.path for source in store.sources if source.text_file is not None]
        changed = changed_lines([file.path for file in store.files] + sorted(set(texts)), since, Path.cwd())
        result = only_changed(result, store, changed)
    _report(result, _format(settings.output_format.value, output_file), output_file, statistics, quiet)
    failed = result.failed(settings.fail_on.value) and not exit_zero
    sys.exit(ExitStatus.FINDINGS if failed else ExitStatus.OK)


def _format(configured: str | None, output_file: str | None) -> str:
    if configured is not None:
        return configured
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    return "full" if output_file is None and sys.stdout.isatty() else "concise"


def _report(result, output_format: str, output_file: str | None, statistics: bool, quiet: bool) -> None:
    from timeline.outputs.reporters import notes, reporter

    people = output_format in ("concise", "full")
    if statistics and people:
        from timeline.outputs.reporters.text import statistics_table

        text = statistics_table(result, quiet=quiet)
    elif output_file is None and people and stdout_is_styled():
        from timeline.outputs.reporters.text import render_styled

        console = stdout_console()
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
            click.echo(f"timeline: {note}", err=True)
    if output_file is None:
        click.echo(text, nl=False)
    else:
        from timeline.tools.files import write_atomic

        write_atomic(Path(output_file), text)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--diff", "show_diff", is_flag=True, help="Print the changes as a diff instead of writing them.")
@click.option("--select", multiple=True, metavar="RULE", help="Apply only these rules' fixes (repeatable, or comma-separated).")
@_guarded
def fix(paths: tuple[str, ...], show_diff: bool, select: tuple[str, ...]) -> None:
    """Apply the safe fixes: misspelled names in titles and notes.

    Only the misspelled words change; comments, quoting and layout stay as
    they were, and verbatim quotes are never touched. With --diff, exits 1
    when there is something to fix.
    """
    from timeline.tools import fixer
    from timeline.engine import rule_names, run

    store, packs = _open_store(paths)
    result = run(store, packs, rule_names(_rules(select)))
    edits = fixer.plan(result.findings)
    if show_diff:
        click.echo("".join(fixer.diff(edit) for edit in edits), nl=False)
        sys.exit(ExitStatus.FINDINGS if edits else ExitStatus.OK)
    for edit in edits:
        fixer.write(edit)
        click.echo(f"fixed {edit.fixes} in {edit.file.path}")
    total = sum(edit.fixes for edit in edits)
    click.echo(f"{total} fix{'es' if total != 1 else ''} applied; `timeline check` shows what is left")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "report_format", type=click.Choice(["markdown", "claimreview"]), default="markdown", show_default=True, help="Markdown, or schema.org ClaimReview JSON-LD.")
@click.option("--output", type=click.Path(dir_okay=False), help="Write the report to this file instead of stdout.")
@click.option("--by", default="The fact-check desk", show_default=True, help="Who reviewed the claims (ClaimReview's author).")
@_guarded
def report(paths: tuple[str, ...], report_format: str, output: str | None, by: str) -> None:
    """Write a report a desk can publish: each claim's verdict, evidence and reasons.

    A claim is contradicted when a finding about it is an error or warning,
    consistent when two or more sources report it and nothing contradicts
    it, unverifiable when only one source does.
    """
    from timeline.outputs import report as reports
    from timeline.engine import run

    store, packs = _open_store(paths)
    result = run(store, packs)
    text = reports.markdown(store, result) if report_format == "markdown" else reports.claimreview(store, result, by)
    if output is None:
        click.echo(text, nl=False)
    else:
        from timeline.tools.files import write_atomic

        write_atomic(Path(output), text)


@main.command()
@click.argument("path", required=False, type=click.Path())
@click.option("--event", "event_id", metavar="ID", help="Show one event in full instead.")
@click.option("--by", type=click.Choice(["country", "actor", "type"]), default="country", show_default=True, help="What the lanes are.")
@click.option("--from", "start", metavar="DATE", help="Only events that may be on or after this date (any store date form).")
@click.option("--to", "end", metavar="DATE", help="Only events that may be on or before this date.")
@click.option("--country", multiple=True, metavar="CODE", help="Only events involving this country (repeatable).")
@click.option("--actor", multiple=True, metavar="ID", help="Only events with this actor (repeatable).")
@click.option("--type", "types", multiple=True, metavar="TYPE", help="Only events of this type (repeatable).")
@click.option("--grep", metavar="TEXT", help="Only events whose title, notes or quotes contain this.")
@click.option("--source", multiple=True, metavar="ID", help="Only events citing this source (repeatable).")
@click.option("--pager", is_flag=True, help="Page the output.")
@_guarded
def show(
    path: str | None,
    event_id: str | None,
    by: str,
    start: str | None,
    end: str | None,
    country: tuple[str, ...],
    actor: tuple[str, ...],
    types: tuple[str, ...],
    grep: str | None,
    source: tuple[str, ...],
    pager: bool,
) -> None:
    """Show the store as a timeline, a lane per country.

    Dates are drawn at their real precision: ● for a known day, ┣━┫ for a
    span. Office terms show as eras (▶ starts, ◀ ends), findings as ⚠ marks.
    """
    from timeline.dates import DateError
    from timeline.engine import run
    from timeline.store.findings import did_you_mean
    from timeline.outputs.views.event import event_detail
    from timeline.outputs.views.timeline import Filters, parse_filter_date, timeline_view

    store, packs = _open_store((path,) if path else ())
    findings = run(store, packs).findings
    if event_id is not None:
        event = store.event_index.get(event_id)
        if event is None:
            raise Failure(f'no event has id "{event_id}"{did_you_mean(event_id, store.event_index)}')
        view = event_detail(store, event, findings)
    else:
        try:
            filters = Filters(
                parse_filter_date(start), parse_filter_date(end), tuple(code.upper() for code in country), actor, types, grep, source
            )
        except DateError as error:
            raise Failure(f"--from/--to: {error}") from None
        view = timeline_view(store, findings, filters, by)
    console = stdout_console()
    if pager:
        with console.pager(styles=True):
            console.print(view)
    else:
        print_renderable(console, view)


@main.command("export")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "export_format", type=click.Choice(["json", "csv", "ics", "timelinejs", "markdown", "svg", "html"]), required=True, help="The export format.")
@click.option("--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@click.option("--width", type=click.IntRange(60, 400), default=120, show_default=True, help="Width of the svg and html views.")
@_guarded
def export_command(paths: tuple[str, ...], export_format: str, output: str | None, width: int) -> None:
    """Export the store for other tools.

    json (dates normalized), csv, ics, timelinejs, markdown, or the view
    itself as svg or html. ics stamps its events with SOURCE_DATE_EPOCH
    when set, else with the time of the store's last commit.
    """
    from timeline.engine import run
    from timeline.outputs.exports import epoch_stamp, export_store

    # A bad SOURCE_DATE_EPOCH is a usage error, said before the store is read.
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip() if export_format == "ics" else ""
    stamp = epoch_stamp(epoch) if epoch else None
    paths = _store_paths(paths)
    store, packs = _open_store(paths)
    findings = run(store, packs).findings if export_format in ("svg", "html") else ()
    project = "timeline"
    if export_format == "ics":
        import datetime as dt

        from timeline.tools.changes import last_commit_time
        from timeline.project.config import find_config, load_settings
        from timeline.project import find_root

        given = Path(paths[0])
        folder = given if given.is_dir() else given.parent
        if stamp is None:
            # The store's own history dates it, so exporting an unchanged store gives the same file.
            committed = last_commit_time([os.path.abspath(file.path) for file in store.files], folder)
            stamp = committed or dt.datetime.now(dt.UTC)
        # The UIDs name the project, so two stores' events called alike stay two calendar events.
        root = find_root(given) or folder.resolve()
        project = load_settings(find_config(given)).name.value or root.name
    exported = export_store(store, export_format, findings, width, stamp=stamp, project=project)
    if output is None:
        click.echo(exported.text, nl=False)
    else:
        from timeline.tools.files import write_atomic

        write_atomic(Path(output), exported.text)
    if exported.left_out:
        count = len(exported.left_out)
        events = f"{count} event{'' if count == 1 else 's'}"
        ids = ", ".join(exported.left_out)
        click.echo(printable(f"timeline: left {events} out of the {export_format} export ({exported.why}): {ids}"), err=True)


@main.command("entities")
@click.argument("path", required=False, type=click.Path())
@click.option("--kind", help="Only entities of this kind (person, court, place, ...).")
@click.option("--country", help="Only entities of this country (ISO code, like PE).")
@click.option("--name", help="Only entities whose name or alias contains this (accents and case ignored).")
@_guarded
def entities_command(path: str | None, kind: str | None, country: str | None, name: str | None) -> None:
    """List the registry: entities with their kinds, countries and offices."""
    from timeline.outputs.views.entities import entities_table

    store, _ = _open_store((path,) if path else ())
    print_renderable(stdout_console(), entities_table(store, kind=kind, country=country, name=name))


@main.command("checks")
@click.option("--explain", metavar="RULE", help="Print one rule's documentation, its examples and the pack it reads.")
@click.option("--markdown", is_flag=True, help="Print every rule's documentation as Markdown (docs/checks.md).")
@_guarded
def checks_command(explain: str | None, markdown: bool) -> None:
    """List every rule with its default severity and what it finds."""
    from timeline.checks import RULES
    from timeline.engine import rule_names

    if markdown:
        from timeline.tools.docgen import checks_markdown

        click.echo(checks_markdown(RULES.values()), nl=False)
        return

    if explain:
        (name,) = rule_names([explain])
        click.echo(f"{name} (default severity: {RULES[name].severity})\n")
        click.echo(RULES[name].doc.strip())
        from timeline.project.packs import display_path, load_packs
        from timeline.project import find_root

        packs = load_packs(find_root(Path.cwd()), Path.cwd()) if RULES[name].packs else None
        for pack in RULES[name].packs:
            # The packaged default (named in full when outside the folder), then the project's file over it.
            default, override = packs.paths[pack], packs.overrides.get(pack)
            if pack in packs.replaced:
                click.echo(f"\nThe {pack} pack in force ({os.path.relpath(override)}, which replaces the packaged default):\n")
                click.echo(override.read_text(encoding="utf-8").rstrip())
                continue
            click.echo(f"\nThe {pack} pack in force ({display_path(default, Path.cwd())}):\n")
            click.echo(default.read_text(encoding="utf-8").rstrip())
            if override is not None:
                click.echo(f"\nextended by {os.path.relpath(override)}:\n")
                click.echo(override.read_text(encoding="utf-8").rstrip())
        return
    width = max(len(name) for name in RULES)
    for name, rule in RULES.items():
        click.echo(f"{name:<{width}}  {str(rule.severity):<7}  {rule.summary}")


@main.command("config")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Read settings from this file instead of looking for one.")
@_guarded
def config_command(paths: tuple[str, ...], config_file: str | None) -> None:
    """Print the settings in force for the store, and where each came from."""
    settings = _settings(paths, config_file)
    click.echo(f"configuration file: {settings.display or '(none found)'}")
    for key, setting in settings.items():
        click.echo(f"{key:<14} {_shown(key, setting.value):<28} {setting.origin}")


def _shown(key: str, value) -> str:
    if key in ("select", "extend-select", "ignore"):
        return ", ".join(value) if value else ("every rule" if key == "select" else "none")
    if key == "severity":
        return ", ".join(f"{rule}={level}" for rule, level in value.items()) or "rules' defaults"
    if key == "name" and value is None:
        return "the project folder's name"
    if key == "output-format" and value is None:
        return "full on a terminal, else concise"
    return str(value)


@main.command("schema")
@click.option("--output", type=click.Path(dir_okay=False), help="Write the schema to this file instead of stdout.")
@_guarded
def schema_command(output: str | None) -> None:
    """Write the store's JSON Schema, for editors that validate and complete YAML.

    Put "# yaml-language-server: $schema=PATH" at the top of a store file.
    """
    from timeline.tools.jsonschema import store_schema
    from timeline.project.packs import load_packs
    from timeline.project import find_root

    text = store_schema(load_packs(find_root(Path.cwd()), Path.cwd()))
    if output is None:
        click.echo(text, nl=False)
    else:
        from timeline.tools.files import write_atomic

        write_atomic(Path(output), text)


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
        code = 130  # the shell's code for an interrupted command
    except Exception as error:  # noqa: BLE001 - the last line of defence
        if "--debug" in sys.argv[1:]:
            traceback.print_exc()
        name = type(error).__name__
        click.echo(f"timeline: internal error: {name}: {printable(str(error))}; {REPORT_BUGS}", err=True)
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
    os._exit(code)
