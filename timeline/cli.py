"""The ``timeline`` command line: thin click commands over the library."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import Callable

import click

from timeline import __version__
from timeline.console import ExitStatus, print_renderable, printable, stdout_console, stdout_is_styled


class Failure(Exception):
    """A usage, configuration or I/O error: one line on stderr, exit 2."""


def _fail(message: str) -> None:
    click.echo(f"timeline: error: {printable(message)}", err=True)
    sys.exit(ExitStatus.ERROR)


def _guarded(function: Callable) -> Callable:
    """Turn expected failures into one stderr line and exit 2, never a traceback."""
    from functools import wraps

    @wraps(function)
    def wrapper(*args, **kwargs):
        from timeline.engine import RuleError
        from timeline.loader import StoreError
        from timeline.packs import PackError

        try:
            return function(*args, **kwargs)
        except (Failure, StoreError, PackError, RuleError) as error:
            _fail(str(error))
        except BrokenPipeError:
            # The reader went away (`timeline check | head`): nothing to say to it.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(ExitStatus.ERROR)
        except OSError as error:
            _fail(f"{getattr(error, 'filename', '') or ''}: {error.strerror or error}".lstrip(": "))

    return wrapper


def _open_store(paths: tuple[str, ...]):
    """Load the store at ``paths`` (default: the project's ``data/``) and its packs."""
    from timeline.loader import load_store
    from timeline.packs import load_packs
    from timeline.project import default_store, find_root

    cwd = Path.cwd()
    if not paths:
        store_dir = default_store(cwd)
        if store_dir is None:
            raise Failure("no store given, and no data/ folder here or in any parent folder")
        paths = (os.path.relpath(store_dir, cwd),)
    root = find_root(Path(paths[0]))
    store = load_store(paths)
    # The store lives until the process ends and holds no cycles: keep the
    # collector from walking its millions of objects again during the checks.
    gc.freeze()
    return store, load_packs(root, cwd)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="timeline")
def main() -> None:
    """Keep a binational timeline of security news in YAML, and check its claims.

    The store is a YAML file or a folder of them (by default the nearest
    data/ folder); rule packs come from the project's checks/ folder.
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format.")
@click.option("--select", multiple=True, metavar="RULE", help="Run only this rule (repeatable).")
@click.option("--ignore", multiple=True, metavar="RULE", help="Don't run this rule (repeatable).")
@_guarded
def check(paths: tuple[str, ...], output_format: str, select: tuple[str, ...], ignore: tuple[str, ...]) -> None:
    """Check the store for contradictions and mistakes.

    Prints one line per finding (path:line:col: severity rule message) and a
    summary. Exits 0 when there is no unacknowledged error, 1 when there is,
    2 on a usage, configuration or I/O error.
    """
    from timeline.engine import rule_names, run
    from timeline.reporters import REPORTERS

    rules = rule_names(select, ignore)
    store, packs = _open_store(paths)
    result = run(store, packs, rules)
    if output_format == "text" and stdout_is_styled():
        from timeline.reporters.text import render_styled

        console = stdout_console()
        for text in render_styled(result):
            console.print(text, soft_wrap=True)
    else:
        click.echo("\n".join(REPORTERS[output_format](result)))
    sys.exit(ExitStatus.FINDINGS if result.failed() else ExitStatus.OK)


@main.command()
@click.argument("path", required=False, type=click.Path())
@_guarded
def show(path: str | None) -> None:
    """Show the store's events in date order: date, title, actors, place, sources."""
    from timeline.views.timeline import timeline_table

    store, _ = _open_store((path,) if path else ())
    print_renderable(stdout_console(), timeline_table(store))


@main.command("checks")
@click.option("--explain", metavar="RULE", help="Print one rule's documentation, with its examples.")
@_guarded
def checks_command(explain: str | None) -> None:
    """List every rule with its default severity and what it finds."""
    from timeline.checks import REGISTRY, summary
    from timeline.engine import rule_names

    if explain:
        (name,) = rule_names([explain])
        doc = REGISTRY[name].__doc__ or ""
        click.echo(f"{name} (default severity: {REGISTRY[name].SEVERITY})\n")
        click.echo(doc.strip())
        return
    width = max(len(name) for name in REGISTRY)
    for name, module in REGISTRY.items():
        click.echo(f"{name:<{width}}  {str(module.SEVERITY):<7}  {summary(module)}")


def run() -> None:
    """The console script: ``main``, then exit without tearing the heap down.

    A checked store can be millions of objects; freeing them one by one at
    exit took seconds and serves nothing, so once the output is flushed the
    process ends at once (as mypy does).
    """
    try:
        main()
        code = 0
    except SystemExit as exit:
        code = exit.code
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
