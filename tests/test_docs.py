"""The docs, the README and CI stay true to the code."""

from __future__ import annotations

import re

import pytest
from conftest import REPO

from timeline.checks import REGISTRY, RULES
from timeline.cli import main
from timeline.project.packs import DEFAULTS
from timeline.store.schema import SECTIONS
from timeline.tools.docgen import checks_markdown

STORE_FORMAT = (REPO / "docs" / "store-format.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1]
    block = re.search(r"```[a-z]*\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_quick_start_is_two_commands_in_a_virtual_environment():
    install_and_check, install_and_test = quick_start_commands()
    assert install_and_check == "python3 -m venv .venv && .venv/bin/pip install -q . && .venv/bin/timeline check"
    assert install_and_test == (
        "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/python -m pytest"
    )


def test_ci_runs_the_readme_test_command():
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert f'test_command="{quick_start_commands()[1]}"' in script
    # The README's command runs as written, then the browser tests it leaves out, and nothing else.
    after = script.split('bash -c "$test_command"\n', 1)[1]
    commands = [line for line in after.splitlines() if line.strip() and not line.lstrip().startswith(("#", "echo", "if", "fi", "apt-get"))]
    assert commands == [".venv/bin/pip install -q -e '.[browser]'", ".venv/bin/python -m pytest -m browser"]


def test_checks_md_is_up_to_date():
    current = (REPO / "docs" / "checks.md").read_text(encoding="utf-8")
    assert current == checks_markdown(RULES.values()), "regenerate with: timeline checks --markdown > docs/checks.md"


@pytest.mark.parametrize("name, module", REGISTRY.items())
def test_every_check_is_documented(name, module):
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", name)
    assert RULES[name].summary.endswith(".")
    assert "Why:" in module.__doc__
    assert f"\n## {name}\n" in (REPO / "docs" / "checks.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "section, field",
    [(section, field) for section, fields in SECTIONS.items() for field in fields],
)
def test_every_field_is_in_the_store_format_doc(section, field):
    assert f"`{field}`" in STORE_FORMAT


def test_the_worked_example_passes_the_check(cli, tmp_path):
    example = re.search(r"## A worked example\n\n```yaml\n(.*?)```", STORE_FORMAT, re.S).group(1)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "events.yaml").write_text(example, encoding="utf-8")
    run = cli("check", cwd=tmp_path)
    assert run.lines == ["0 errors, 0 warnings, 0 info in 1 file, 2 events"]
    assert run.exit_code == 0


@pytest.mark.parametrize("command", [[]] + [[name] for name in sorted(main.commands)])
def test_every_command_has_help(cli, command):
    run = cli(*command, "--help")
    assert run.exit_code == 0
    assert run.lines[0].startswith("Usage: ")
    help_text = (main.commands[command[0]] if command else main).help
    assert help_text.split("\n")[0] in run.stdout


def test_checks_lists_every_rule(cli):
    run = cli("checks")
    assert run.lines == [
        'yaml-syntax           error    A store file that is not YAML the store can use.',
        'duplicate-key         error    A key written twice in one mapping.',
        "schema                error    Fields the store format doesn't have, lacks, or can't read.",
        "invalid-date          error    A date that isn't one: a day the month doesn't have, a malformed value.",
        'duplicate-id          error    Two records of one section with the same id.',
        'unknown-reference     error    An id that names nothing: a place, actor, source or event the store lacks.',
        'date-order            error    An "after" or "before" relation that the dates contradict.',
        'relative-offset       error    A relation\'s offset ("10 months later") that the dates don\'t bear out.',
        "same-day              error    Events said to happen on the same day that can't have.",
        'tenure                error    An actor acting in an office outside the dates they held it.',
        'sequence              error    Events out of their lifecycle: an escape with no earlier capture, a recapture before the escape.',
        'source-date           error    An event reported as done, dated after the source that reports it was published.',
        'contemporary          error    An actor taking part in an event before it existed or after it ended.',
        'name-spelling         warning  A name spelled close to, but not as, a registered name: "Humaala" for "Humala".',
        'name-variant          warning  One text spelling the same name or word two ways: "Ecuadorean" and "Ecuadorian".',
        'authority             error    An agent doing what it has no authority to do: a Supreme Court "approving" an executive plan.',
        'role-title            warning  A title given to an actor that is not the office they held: "Minister of National Security".',
        "quote-not-found       error    A quote that is not in its source's text: a misquote, or the wrong source.",
        "source-conflict       error    Two sources that can't both be right about one event: its date, its place, its figures.",
        'missing-source        warning  An event that cites no source.',
        'likely-duplicate      warning  Two records that look like one: the same event to the same subject at once, or one source twice.',
        'count-subset          error    A part larger than its whole, or parts that should add up and don\'t: "2,000 of the 1,960 cases".',
        'rate-consistency      error    Conversions that imply different exchange rates, or a rate far from the reference.',
        "as-of                 warning  A figure checked against the value in force at its source's date, not today's.",
        'unreviewed-draft      info     A record drafted from an article that no person has reviewed yet.',
        'stale-acknowledgment  warning  An acknowledgement that no longer matches any finding.',
    ]


def test_explain_prints_the_rule_docs(cli):
    run = cli("checks", "--explain", "invalid-date")
    assert run.lines[0] == "invalid-date (default severity: error)"
    assert run.lines[2] == REGISTRY["invalid-date"].__doc__.strip().splitlines()[0]
    assert "Bad::" in run.stdout and "Good::" in run.stdout


def test_explain_prints_the_pack_in_force_for_pack_driven_rules(cli):
    run = cli("checks", "--explain", "sequence")
    # The repository is itself a timeline project, running on the packaged defaults: nothing extends them.
    pack = (DEFAULTS / "sequences.yaml").read_text(encoding="utf-8").rstrip()
    assert run.stdout.endswith(f"\n\nThe sequences pack in force (timeline/project/default_packs/sequences.yaml):\n\n{pack}\n")
