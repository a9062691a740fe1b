"""The cache: a run from it finds exactly what a run without it finds, and nothing it holds can be trusted blindly."""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
from pathlib import Path

from conftest import FIXTURES, REPO, SEED_FINDINGS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import timeline
from timeline import api
from timeline.engine import run
from timeline.outputs.reporters import reporter
from timeline.outputs.reporters.text import line as concise_line
from timeline.project.cache import Cache, project_folder, tool_fingerprint
from timeline.store.reading import size_text


def _project(folder: Path) -> Path:
    """The shipped store, and the two-article fixture's files beside it, as a project of several files."""
    shutil.copytree(REPO / "data", folder / "data")
    for path in sorted((FIXTURES / "two-articles").glob("*.yaml")):
        shutil.copy(path, folder / "data" / path.name)
    return folder


def _entries(home: Path) -> list[Path]:
    return sorted(path for path in home.rglob("*.pickle"))


def test_a_second_run_reads_the_findings_from_the_cache_without_loading_the_store(cli, tmp_path, own_cache, monkeypatch):
    project = tmp_path / "project"
    shutil.copytree(REPO / "data", project / "data")
    first = cli("check", "--format", "concise", cwd=project)
    assert first.lines == SEED_FINDINGS
    assert len(_entries(own_cache)) == 2  # the store file's document, and the run

    def refuse(*args, **kwargs):
        raise AssertionError("the store was loaded again")

    monkeypatch.setattr(api, "load_read", refuse)
    second = cli("check", "--format", "concise", cwd=project)
    assert (second.exit_code, second.lines) == (1, SEED_FINDINGS)


def test_every_format_is_the_same_from_the_cache(cli, tmp_path):
    project = _project(tmp_path / "project")
    for output_format in ("json", "full", "sarif", "github", "junit", "gitlab"):
        fresh = cli("check", "--no-cache", "--format", output_format, cwd=project)
        assert fresh.exit_code == 1 and fresh.stderr == "", output_format  # findings, not an error
        cli("check", "--format", output_format, cwd=project)
        cached = cli("check", "--format", output_format, cwd=project)
        assert (cached.exit_code, cached.stdout) == (fresh.exit_code, fresh.stdout), output_format


def test_a_changed_store_file_is_read_again(cli, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(REPO / "data", project / "data")
    cli("check", cwd=project)
    events = project / "data" / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("Humaala", "Humala"), encoding="utf-8")
    cached = cli("check", "--format", "concise", cwd=project)
    # The quote no longer says what the source printed, and the source's own misspelling shows.
    misquote = (
        "data/events.yaml:789:16: error quote-not-found the quote is not in alava-2013-11-25's text: the nearest passage "
        '(data/sources/alava-2013-11-25.txt:48:1) differs in a name: the quote has "Humala", the source "Humaala"'
    )
    in_text = 'data/sources/alava-2013-11-25.txt:48:82: warning name-spelling "Humaala" looks like a misspelling of "Humala" (ollanta-humala)'
    expected = [misquote if "Humaala" in line else line for line in SEED_FINDINGS[:-1]]
    assert cached.lines == [*expected, in_text, "6 errors, 3 warnings, 1 info in 1 file, 25 events"]


def _checked_once(cli, folder: Path) -> Path:
    """A copy of the shipped project, checked once (so its cache holds the run)."""
    project = folder / "project"
    shutil.copytree(REPO / "data", project / "data")
    assert cli("check", cwd=project).exit_code == 1
    return project


def _without(word: str) -> list[str]:
    """The shipped store's findings less the one line that has ``word``, one warning fewer."""
    return [line for line in SEED_FINDINGS[:-1] if word not in line] + ["5 errors, 2 warnings, 1 info in 1 file, 25 events"]


def test_a_changed_source_text_is_read_again(cli, tmp_path):
    project = _checked_once(cli, tmp_path)
    text = project / "data" / "sources" / "alava-2013-11-25.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("Ecuadorian", "Ecuadorean"), encoding="utf-8")
    # One spelling in the text now, and the two quotes that had the other no longer in it.
    misquotes = [
        "data/events.yaml:505:16: error quote-not-found the quote is not in alava-2013-11-25's text: the nearest passage "
        '(data/sources/alava-2013-11-25.txt:78:67) differs in a name: the quote has "Ecuadorian", the source "Ecuadorean"',
        "data/events.yaml:529:16: error quote-not-found the quote is not in alava-2013-11-25's text: the nearest passage "
        '(data/sources/alava-2013-11-25.txt:74:1) differs in a name: the quote has "Ecuadorian", the source "Ecuadorean"',
    ]
    findings = [line for line in SEED_FINDINGS[:-1] if "name-variant" not in line]
    # With no quote covering it, the text's own unaccented name is reported where the text prints it.
    in_text = (
        'data/sources/alava-2013-11-25.txt:74:63: info name-spelling "Cesar Demar Vernaza Quinonez" is '
        '"César Demar Vernaza Quiñónez" (el-empresario) without its accents'
    )
    expected = [*findings[:2], *misquotes, *findings[2:], in_text, "7 errors, 2 warnings, 2 info in 1 file, 25 events"]
    assert cli("check", "--format", "concise", cwd=project).lines == expected


def test_a_source_text_that_appears_is_read(cli, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(REPO / "data", project / "data")
    text = project / "data" / "sources" / "alava-2013-11-25.txt"
    kept = text.read_bytes()
    text.unlink()
    missing = cli("check", "--format", "concise", cwd=project)
    text.write_bytes(kept)
    cached = cli("check", "--format", "concise", cwd=project)
    assert missing.lines != SEED_FINDINGS
    assert cached.lines == SEED_FINDINGS


def test_a_project_pack_is_a_change(cli, tmp_path):
    project = _checked_once(cli, tmp_path)
    (project / "checks").mkdir()
    (project / "checks" / "names.yaml").write_text("accepted:\n  - Humaala\n", encoding="utf-8")
    assert cli("check", "--format", "concise", cwd=project).lines == _without("Humaala")


def test_another_selection_of_rules_is_another_run(cli, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(REPO / "data", project / "data")
    cli("check", cwd=project)
    selected = cli("check", "--select", "name-spelling", "--format", "concise", cwd=project)
    assert selected.lines == [line for line in SEED_FINDINGS if "name-spelling" in line] + ["0 errors, 1 warning, 1 info in 1 file, 25 events"]


def test_a_corrupt_entry_is_ignored_and_written_again(cli, tmp_path, own_cache):
    project = _project(tmp_path / "project")
    fresh = cli("check", "--format", "json", cwd=project)
    entries = _entries(own_cache)
    for number, entry in enumerate(entries):
        entry.write_bytes(entry.read_bytes()[: number * 7] if number % 2 else b"not a pickle")
    again = cli("check", "--format", "json", cwd=project)
    assert (again.exit_code, again.stdout) == (fresh.exit_code, fresh.stdout)
    rewritten = [entry.read_bytes() for entry in _entries(own_cache)]
    assert len(rewritten) == len(entries) and all(data.startswith(b"\x80") for data in rewritten)


def test_a_file_entry_whose_parts_do_not_assemble_is_parsed_again(cli, tmp_path, own_cache):
    project = _project(tmp_path / "project")
    fresh = cli("check", "--format", "json", cwd=project)
    files = sorted(path for path in _entries(own_cache) if path.parent.name == "files")
    assert files
    for entry in files:
        with open(entry, "rb") as handle:
            state = pickle.load(handle)
        # Well-formed pickles of the right header, but the steps name offsets and strings the entry hasn't.
        entry.write_bytes(pickle.dumps(state) + pickle.dumps(((bytes([3, 3, 3]), b"", []), [])))
    for entry in _entries(own_cache):
        if entry.parent.name == "runs":
            entry.unlink()  # so that the files are read, not the run's findings
    again = cli("check", "--format", "json", cwd=project)
    assert (again.exit_code, again.stdout, again.stderr) == (fresh.exit_code, fresh.stdout, "")
    assert all(len(entry.read_bytes()) > 100 for entry in files)  # written again, whole


class _Planted:
    """An entry that would create a file when loaded, if loading could call a function."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.mkdir, (str(self.marker),))


def test_an_entry_that_would_call_a_function_is_refused(cli, tmp_path, own_cache):
    project = tmp_path / "project"
    shutil.copytree(REPO / "data", project / "data")
    cli("check", cwd=project)
    marker = tmp_path / "planted"
    for entry in _entries(own_cache):
        entry.write_bytes(pickle.dumps(_Planted(marker)))
    again = cli("check", "--format", "concise", cwd=project)
    assert (again.exit_code, again.lines) == (1, SEED_FINDINGS)
    assert not marker.exists()


def test_a_cache_that_cannot_be_written_is_no_error(cli, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(REPO / "data", project / "data")
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder\n", encoding="utf-8")
    result = cli("check", "--format", "concise", "--cache-dir", str(blocked / "cache"), cwd=project)
    assert (result.exit_code, result.lines, result.stderr) == (1, SEED_FINDINGS, "")


def test_no_cache_reads_and_writes_nothing(cli, tmp_path, own_cache):
    project = tmp_path / "project"
    shutil.copytree(REPO / "data", project / "data")
    result = cli("check", "--no-cache", "--format", "concise", cwd=project)
    assert (result.exit_code, result.lines) == (1, SEED_FINDINGS)
    assert list(own_cache.iterdir()) == []


def test_the_cache_is_kept_outside_the_project_one_folder_a_project(cli, tmp_path, own_cache):
    one, two = tmp_path / "one", tmp_path / "two"
    for project in (one, two):
        shutil.copytree(REPO / "data", project / "data")
    before = sorted(path.relative_to(one) for path in one.rglob("*"))
    cli("check", cwd=one)
    cli("check", cwd=two)
    assert sorted(path.relative_to(one) for path in one.rglob("*")) == before
    assert sorted(path.name for path in own_cache.iterdir()) == sorted(project_folder(root, own_cache).name for root in (one, two))


def test_clean_removes_the_project_s_cache_and_says_how_much(cli, tmp_path, own_cache):
    project = tmp_path / "project"
    shutil.copytree(REPO / "data", project / "data")
    cli("check", cwd=project)
    entries = _entries(own_cache)
    size = sum(entry.stat().st_size for entry in entries)
    cleaned = cli("clean", cwd=project)
    assert (cleaned.exit_code, cleaned.lines) == (0, [f"removed the cache of this project: 2 files, {size_text(size)}"])
    assert list(own_cache.iterdir()) == []
    again = cli("clean", cwd=project)
    assert (again.exit_code, again.lines) == (0, ["no cache to remove for this project"])


def test_a_cache_that_cannot_be_removed_is_one_line_and_exit_2(cli, tmp_path, own_cache, monkeypatch):
    project = _checked_once(cli, tmp_path)
    folder = project_folder(project, own_cache)

    def refuse(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(shutil, "rmtree", refuse)
    cleaned = cli("clean", cwd=project)
    assert (cleaned.exit_code, cleaned.stdout, cleaned.stderr) == (2, "", f"timeline: error: {folder}: cannot remove the cache: Permission denied\n")


def test_an_older_tool_s_entries_are_removed(tmp_path):
    home = tmp_path / "cache"
    old = project_folder(REPO, home) / "0123456789abcdef"
    old.mkdir(parents=True)
    (old / "runs").mkdir()
    cache = Cache.open(REPO, home)
    assert [path.name for path in project_folder(REPO, home).iterdir()] == [cache.folder.name]


def test_the_tool_s_fingerprint_is_its_files_sizes_and_times_not_its_compiled_files(tmp_path, monkeypatch):
    package = tmp_path / "timeline"
    (package / "checks" / "__pycache__").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "checks" / "rule.py").write_text("NAME = 'rule'\n", encoding="utf-8")
    monkeypatch.setattr(timeline, "__file__", str(package / "__init__.py"))
    first = tool_fingerprint()
    (package / "checks" / "__pycache__" / "rule.cpython-311.pyc").write_bytes(b"compiled")
    assert tool_fingerprint() == first
    (package / "checks" / "rule.py").write_text("NAME = 'rules'\n", encoding="utf-8")
    edited = tool_fingerprint()
    assert edited != first
    os.utime(package / "checks" / "rule.py", ns=(1, 1))  # same size, another time: an edit undone
    assert tool_fingerprint() not in (first, edited)
    (package / "checks" / "other.py").write_text("", encoding="utf-8")
    assert len({first, edited, tool_fingerprint()}) == 3


# What a desk does to a store between runs, file by file.
EDITS = {
    "comment": lambda text: text + "# checked again\n",
    "shift": lambda text: "\n\n" + text,
    "misspell": lambda text: text.replace("Humala", "Humaala", 1).replace("Serrano", "Serano", 1),
    "retitle": lambda text: text.replace("title: ", "title: Reportedly ", 2),
    "break": lambda text: text + "events: [unclosed\n",
    "restore": None,
}


def _lines(result) -> list[str]:
    return [concise_line(finding) for finding in result.findings]


def _every_field(result) -> str:
    return reporter("json")(result) + reporter("sarif")(result)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.tuples(st.integers(0, 4), st.sampled_from(sorted(EDITS))), min_size=1, max_size=3), min_size=1, max_size=3))
def test_cached_serial_and_forked_runs_find_the_same_whatever_changed(steps):
    with tempfile.TemporaryDirectory() as folder:
        project = _project(Path(folder))
        files = [*sorted((project / "data").glob("*.yaml")), project / "data" / "sources" / "alava-2013-11-25.txt"]
        originals = {path: path.read_text(encoding="utf-8") for path in files}
        paths = (str(project / "data"),)
        cache = api.open_cache(paths, folder=str(Path(folder) / "cache"))
        api.check_store(paths, cwd=project, cache=cache)
        for step in steps:
            for index, edit in step:
                path = files[index]
                change = EDITS[edit]
                path.write_text(originals[path] if change is None else change(path.read_text(encoding="utf-8")), encoding="utf-8")
            cached = api.check_store(paths, cwd=project, cache=api.open_cache(paths, folder=str(Path(folder) / "cache")))
            loaded = api.open_project(paths, cwd=project)
            fresh = api.check(loaded, cwd=project)
            assert _lines(cached) == _lines(fresh)
            assert _every_field(cached) == _every_field(fresh)
            assert (cached.files, cached.events, cached.rules) == (fresh.files, fresh.events, fresh.rules)
        forked = run(loaded.store, loaded.packs, jobs=2, parallel_from=0)
        assert _lines(forked) == _lines(fresh)
