"""The JUnit report as Jenkins and GitLab read it: valid against Jenkins's XSD,
with test names that survive lines moving, failing only at --fail-on."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
import xmlschema
from conftest import FIXTURES, REPO

SCHEMA = xmlschema.XMLSchema(str(FIXTURES / "junit-10.xsd"))

# A sequence warning (an escape with no earlier capture), an unknown entity
# the event acknowledges, and the same misspelling twice in one quote (the
# same identity twice).
STORE = """\
entities:
  - id: ollanta-humala
    name: Ollanta Humala
    kind: person
    country: PE
events:
  - id: escape
    date: 2013-02
    type: escape
    title: t
    actors:
      - entity: someone
        role: subject
    acknowledged:
      - rule: unknown-reference
        reason: "someone is added with the next batch"
    sources:
      - source: wire
  - id: met
    date: 2013-02-11
    type: summit
    title: t
    actors: [ollanta-humala]
    sources:
      - source: wire
        quote: "President Humaala met Humaala's friend."
sources:
  - id: wire
    title: A wire report
    published: 2013-11-15
"""


def cases(run) -> list[ElementTree.Element]:
    return ElementTree.fromstring(run.stdout).findall("testsuite/testcase")


def described(case: ElementTree.Element) -> tuple:
    """A case as its attributes and its children's tags, attributes and text."""
    return case.attrib, [(child.tag, child.attrib, child.text) for child in case]


@pytest.mark.parametrize(
    "args, cwd", [((), REPO), (("hostile,store:1.yaml",), FIXTURES / "formats")], ids=["shipped-store", "hostile-store"]
)
def test_report_is_valid_against_the_jenkins_xsd(cli, args, cwd):
    run = cli("check", *args, "--format", "junit", cwd=cwd)
    assert SCHEMA.validate(run.stdout) is None


def test_names_stay_when_lines_move(cli, store_dir):
    store = store_dir / "data" / "x.yaml"
    store.write_text(STORE, encoding="utf-8")
    before = cases(cli("check", "--format", "junit", cwd=store_dir))
    store.write_text("# moved down\n\n" + STORE, encoding="utf-8")
    after = cases(cli("check", "--format", "junit", cwd=store_dir))
    names = [
        "sequence events/escape",
        "unknown-reference events/escape actors[0].entity",
        "name-spelling events/met sources[0].quote",
        "name-spelling events/met sources[0].quote #2",
    ]
    assert [case.get("name") for case in before] == names
    assert [case.get("name") for case in after] == names
    # The lines did move: the locations in the text follow them.
    assert [case.find("system-out").text.split(" ")[0] for case in before] == [
        "data/x.yaml:7:5:",
        "data/x.yaml:12:17:",
        "data/x.yaml:26:27:",
        "data/x.yaml:26:39:",
    ]
    assert [case.find("system-out").text.split(" ")[0] for case in after] == [
        "data/x.yaml:9:5:",
        "data/x.yaml:14:17:",
        "data/x.yaml:28:27:",
        "data/x.yaml:28:39:",
    ]


SEQUENCE = (
    "data/x.yaml:7:5: warning sequence someone escapes (escape, Feb 2013) with no earlier capture, arrest, recapture, extradition, "
    "sentenced or imprisoned in the store: A person escapes only from custody, and is recaptured only after escaping."
)


def test_a_warning_passes_with_its_line_in_system_out(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(STORE, encoding="utf-8")
    run = cli("check", "--format", "junit", "--select", "sequence", cwd=store_dir)
    suite = ElementTree.fromstring(run.stdout).find("testsuite")
    assert suite.attrib == {"name": "timeline check", "tests": "1", "failures": "0", "errors": "0", "skipped": "0"}
    assert [described(case) for case in cases(run)] == [
        ({"classname": "data.x_yaml", "name": "sequence events/escape"}, [("system-out", {}, SEQUENCE)]),
    ]
    assert run.exit_code == 0


def test_a_warning_fails_with_fail_on_warning(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(STORE, encoding="utf-8")
    run = cli("check", "--format", "junit", "--select", "sequence", "--fail-on", "warning", cwd=store_dir)
    suite = ElementTree.fromstring(run.stdout).find("testsuite")
    assert suite.attrib == {"name": "timeline check", "tests": "1", "failures": "1", "errors": "0", "skipped": "0"}
    message = SEQUENCE.split(" warning sequence ")[1]
    assert [described(case) for case in cases(run)] == [
        (
            {"classname": "data.x_yaml", "name": "sequence events/escape"},
            [("failure", {"message": message, "type": "warning"}, SEQUENCE)],
        ),
    ]
    assert run.exit_code == 1


def test_an_acknowledged_finding_is_skipped_with_its_reason(cli):
    run = cli("check", "hostile,store:1.yaml", "--format", "junit", cwd=FIXTURES / "formats")
    reason = "Humala is in the people file: 100%, promised"
    assert described(cases(run)[2]) == (
        {"classname": "tests.fixtures.formats.hostile,store:1_yaml", "name": "unknown-reference events/piura-summit actors[0]"},
        [
            ("skipped", {"message": reason}, reason),
            ("system-out", {}, 'hostile,store:1.yaml:7:14: error unknown-reference no entity has id "ollanta-humala"'),
        ],
    )


def test_cases_have_no_file_or_line_attribute(cli):
    run = cli("check", "--format", "junit")
    assert {tuple(case.attrib) for case in cases(run)} == {("classname", "name")}
    assert sorted({case.get("classname") for case in cases(run)}) == ["data.events_yaml", "data.sources.alava-2013-11-25_txt"]


def test_a_clean_store_is_one_passing_case(cli, store_dir):
    (store_dir / "data" / "x.yaml").write_text(STORE, encoding="utf-8")
    run = cli("check", "--format", "junit", "--select", "date-order", cwd=store_dir)
    suite = ElementTree.fromstring(run.stdout).find("testsuite")
    assert suite.attrib == {"name": "timeline check", "tests": "1", "failures": "0", "errors": "0", "skipped": "0"}
    assert [described(case) for case in cases(run)] == [({"classname": "timeline", "name": "store is consistent"}, [])]
