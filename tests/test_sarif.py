"""SARIF as GitHub code scanning ingests it: root-relative, percent-encoded
URIs, fingerprints that survive lines moving, descriptions within limits,
suppressions on all results or none, and at most 25,000 results a run."""

from __future__ import annotations

import json
import shutil

import jsonschema
import pytest
from conftest import FIXTURES, REPO

from timeline.outputs.reporters import sarif

SCHEMA = json.loads((FIXTURES / "sarif-2.1.0.json").read_text(encoding="utf-8"))  # the shared SARIF schema, committed
HOSTILE = FIXTURES / "formats" / "hostile,store:1.yaml"
NAMED = "my events #1 100%.yaml"


def _sarif(run) -> dict:
    document = json.loads(run.stdout)
    jsonschema.validate(document, SCHEMA, cls=jsonschema.Draft4Validator)
    return document["runs"][0]


def _uris(run_document) -> list[tuple[str, str | None]]:
    return [
        (
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            result["locations"][0]["physicalLocation"]["artifactLocation"].get("uriBaseId"),
        )
        for result in run_document["results"]
    ]


def test_the_shipped_store_validates_with_root_relative_uris_from_any_folder(cli):
    at_root = _sarif(cli("check", "--format", "sarif"))
    below = _sarif(cli("check", "../data", "--format", "sarif", cwd=REPO / "docs"))
    assert at_root["originalUriBaseIds"] == {"SRCROOT": {"uri": REPO.as_uri() + "/"}}
    assert _uris(at_root) == _uris(below)
    assert sorted(set(_uris(at_root))) == [("data/events.yaml", "SRCROOT"), ("data/sources/alava-2013-11-25.txt", "SRCROOT")]
    assert at_root["results"] == below["results"]


def test_a_hostile_file_name_gives_a_valid_percent_encoded_uri(cli, store_dir):
    shutil.copy(HOSTILE, store_dir / "data" / NAMED)
    document = _sarif(cli("check", "--format", "sarif", cwd=store_dir / "data"))
    assert set(_uris(document)) == {("data/my%20events%20%231%20100%25.yaml", "SRCROOT")}
    # The hostile fixture's own name: "," kept safe, ":" encoded so it can't read as a scheme.
    document = _sarif(cli("check", str(HOSTILE), "--format", "sarif"))
    assert set(_uris(document)) == {("tests/fixtures/formats/hostile%2Cstore%3A1.yaml", "SRCROOT")}


def test_a_file_outside_the_root_is_a_file_uri(cli, store_dir, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere")
    shutil.copy(HOSTILE, outside / NAMED)
    (store_dir / "data" / "events.yaml").write_text("events:\n  - id: e\n    date: 2013-02-30\n", encoding="utf-8")
    document = _sarif(cli("check", "data", str(outside / NAMED), "--format", "sarif", "--select", "invalid-date", cwd=store_dir))
    assert _uris(document) == [((outside / NAMED).as_uri(), None), ("data/events.yaml", "SRCROOT")]


def test_fingerprints_survive_lines_moving(cli, store_dir):
    store = store_dir / "data" / "events.yaml"
    text = HOSTILE.read_text(encoding="utf-8")
    store.write_text(text, encoding="utf-8")
    before = _sarif(cli("check", "--format", "sarif", cwd=store_dir))
    store.write_text("# moved down\n\n\n" + text, encoding="utf-8")
    after = _sarif(cli("check", "--format", "sarif", cwd=store_dir))
    lines = [result["locations"][0]["physicalLocation"]["region"]["startLine"] for result in after["results"]]
    assert lines == [6, 9, 10]
    prints = [result["partialFingerprints"] for result in after["results"]]
    assert prints == [result["partialFingerprints"] for result in before["results"]]
    assert len({print_["timeline/v1"] for print_ in prints}) == 3


def test_rules_carry_a_short_description_full_help_and_a_pascal_case_name(cli):
    driver = _sarif(cli("check", "--format", "sarif"))["tool"]["driver"]
    assert driver["informationUri"].startswith("https://")
    for rule in driver["rules"]:
        assert len(rule["fullDescription"]["text"]) <= 1024
        assert rule["name"] != rule["id"] and rule["name"][0].isupper() and "-" not in rule["name"]
        assert rule["help"]["text"].startswith(rule["shortDescription"]["text"])
    date_order = next(rule for rule in driver["rules"] if rule["id"] == "date-order")
    assert date_order["name"] == "DateOrder"
    assert date_order["fullDescription"]["text"].endswith("(an\napproximate or uncertain date), the finding is info.")
    assert "\n**Bad**\n\n```yaml\nevents:\n  - id: escape\n    date: 2013-02\n" in date_order["help"]["markdown"]


def test_suppressions_are_on_every_result_or_on_none(cli):
    with_acknowledged = _sarif(cli("check", str(HOSTILE), "--format", "sarif"))
    assert [result["suppressions"] for result in with_acknowledged["results"]] == [
        [],
        [],
        [{"kind": "inSource", "justification": "Humala is in the people file: 100%, promised"}],
    ]
    shipped = _sarif(cli("check", "--format", "sarif"))
    assert [result for result in shipped["results"] if "suppressions" in result] == []


def test_at_most_the_limit_of_results_the_most_severe_kept(cli, monkeypatch):
    monkeypatch.setattr(sarif, "RESULT_LIMIT", 3)
    run = cli("check", "--format", "sarif")
    document = _sarif(run)
    assert [result["level"] for result in document["results"]] == ["error", "error", "error"]
    assert run.stderr == (
        "timeline: the SARIF report holds the 3 most severe findings, the most code scanning takes in a run; 6 left out\n"
    )


@pytest.mark.parametrize("limit", [9, 10])
def test_no_note_within_the_limit(cli, monkeypatch, limit):
    monkeypatch.setattr(sarif, "RESULT_LIMIT", limit)
    run = cli("check", "--format", "sarif")
    assert (len(_sarif(run)["results"]), run.stderr) == (9, "")


def test_a_finding_about_no_record_keeps_its_fingerprint_from_any_folder(cli, store_dir):
    (store_dir / "data" / "events.yaml").write_text("events: 5\n", encoding="utf-8")
    at_root = _sarif(cli("check", "--format", "sarif", cwd=store_dir))
    below = _sarif(cli("check", "--format", "sarif", cwd=store_dir / "data"))
    assert [result["ruleId"] for result in at_root["results"]] == ["schema"]
    assert below["results"][0]["partialFingerprints"] == at_root["results"][0]["partialFingerprints"]
