"""The rules run in forked workers (--jobs) find exactly what a serial run finds, in the same order."""

from __future__ import annotations

import shutil

import pytest
from conftest import FIXTURES, REPO

from timeline import parallel
from timeline.api import check_store, open_cache
from timeline.checks import REGISTRY
from timeline.checks.context import Context
from timeline.engine import run
from timeline.outputs.reporters.text import line as concise_line
from timeline.project.packs import load_packs
from timeline.store.loader import load_store, read_store

STORES = {
    "shipped": [str(REPO / "data")],
    "two articles": [str(FIXTURES / "two-articles")],
    "both": [str(REPO / "data"), str(FIXTURES / "formats")],
}


@pytest.mark.parametrize("name", STORES)
def test_forked_workers_find_what_a_serial_run_finds_in_the_same_order(name):
    store = load_store(STORES[name], root=REPO)
    packs = load_packs(REPO)
    serial = run(store, packs, jobs=1)
    forked = run(store, packs, jobs=2, parallel_from=0)
    assert [concise_line(finding) for finding in forked.findings] == [concise_line(finding) for finding in serial.findings]
    assert forked.findings == serial.findings
    assert [(finding.related, finding.fix, finding.side, finding.field_path) for finding in forked.findings] == [
        (finding.related, finding.fix, finding.side, finding.field_path) for finding in serial.findings
    ]
    assert serial.findings  # the stores have something to find


def test_a_finding_sent_back_names_the_store_s_own_file_objects():
    store = load_store(STORES["two articles"], root=REPO)
    forked = run(store, load_packs(REPO), jobs=3, parallel_from=0)
    texts = [source.text_file for source in store.sources if source.text_file is not None]
    files = {id(file) for file in (*store.files, *texts)}
    assert all(id(finding.span.file) in files for finding in forked.findings)


def test_a_small_store_runs_in_this_process(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("forked for a small store")

    monkeypatch.setattr(parallel, "run_jobs", refuse)
    store = load_store(STORES["shipped"], root=REPO)
    assert run(store, load_packs(REPO), jobs=8).findings == run(store, load_packs(REPO), jobs=1).findings


def test_the_rules_that_read_derived_dates_say_so_and_run_together():
    store = load_store(STORES["shipped"], root=REPO)
    packs = load_packs(REPO)
    reading = set()
    for name, module in REGISTRY.items():
        context = Context(store, packs)
        list(module.check(context))
        if "dates" in vars(context):
            reading.add(name)
    declared = {name for name, module in REGISTRY.items() if getattr(module, "READS_DATES", False)}
    assert reading == declared
    jobs = parallel.jobs_for(list(REGISTRY), lambda name: name in declared)
    assert jobs[0] == tuple(name for name in REGISTRY if name in declared)
    assert jobs[1:] == [(name,) for name in REGISTRY if name not in declared]


def test_the_cpus_are_those_this_process_may_use(monkeypatch):
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: {0, 1, 2, 3})
    monkeypatch.setattr(parallel, "_cgroup_quota", lambda: None)
    assert parallel.available_cpus() == 4
    monkeypatch.setattr(parallel, "_cgroup_quota", lambda: 2)
    assert parallel.available_cpus() == 2


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"cpu.max": "150000 100000\n"}, 2),
        ({"cpu.max": "max 100000\n"}, None),
        ({"cpu/cpu.cfs_quota_us": "50000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 1),
        ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None),
        ({"cpu.max": "garbage\n"}, None),
        ({}, None),
    ],
)
def test_the_cgroup_quota_is_read_in_whole_cpus_rounded_up(tmp_path, files, expected):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="ascii")
    assert parallel._cgroup_quota(str(tmp_path)) == expected


def test_a_fork_the_system_refuses_runs_the_rules_here(monkeypatch):
    import multiprocessing

    def refuse(method):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing, "get_context", refuse)
    store = load_store(STORES["two articles"], root=REPO)
    packs = load_packs(REPO)
    assert run(store, packs, jobs=2, parallel_from=0).findings == run(store, packs, jobs=1).findings


def _hostile_store(tmp_path):
    """The two articles' files and four broken ones: a syntax error, keys that can't be kept,
    bytes that aren't UTF-8, and a file that isn't a mapping."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "two-articles", data)
    (data / "broken.yaml").write_bytes(b"version: 1\nevents:\n  - id: a\n    title: [unclosed\n")
    (data / "keys.yaml").write_bytes(
        b"version: 1\nevents:\n  - id: k\n    id: again\n    ? [x]\n    : v\n    title: &a T\n    notes: *a\n    type: !!str meeting\n"
    )
    (data / "latin1.yaml").write_bytes("version: 1\nevents:\n  - id: l\n    title: Pe\u00f1a\n".encode("latin-1"))
    (data / "list.yaml").write_bytes(b"- a\n- b\n")
    return data


def test_files_scanned_in_workers_load_the_store_and_findings_a_serial_load_gives(tmp_path, monkeypatch):
    _hostile_store(tmp_path)
    monkeypatch.chdir(tmp_path)
    serial = check_store(["data"], jobs=1)
    assembled = []
    monkeypatch.setattr(parallel, "SCAN_FROM", 0)
    handed = parallel._Scans.__call__
    monkeypatch.setattr(parallel._Scans, "__call__", lambda scans, file, raw: (assembled.append(file.path), handed(scans, file, raw))[1])
    forked = check_store(["data"], jobs=2)
    # Every file with bytes was scanned in a worker, the document or why there is none.
    assert sorted(assembled) == sorted(
        f"data/{name}" for name in ("broken.yaml", "dialogo.yaml", "efe.yaml", "keys.yaml", "latin1.yaml", "list.yaml", "registry.yaml")
    )
    # Two loads: the same findings, each pointing at its own load's files.
    assert [_shown(finding) for finding in forked.findings] == [_shown(finding) for finding in serial.findings]
    assert {finding.rule for finding in serial.findings} >= {"yaml-syntax", "duplicate-key", "schema"}


def _shown(finding):
    return (
        concise_line(finding),
        (finding.span.start, finding.span.end),
        [(span.file.path, span.start, span.end) for span in finding.related],
        finding.side,
        finding.field_path,
    )


def test_a_store_under_the_size_worth_forking_for_is_parsed_here(tmp_path, monkeypatch):
    data = _hostile_store(tmp_path)

    def refuse(*args, **kwargs):
        raise AssertionError("forked for a small store")

    monkeypatch.setattr(parallel, "_Scans", refuse)
    many, one = (check_store([str(data)], cwd=tmp_path, jobs=jobs).findings for jobs in (8, 1))
    assert [_shown(finding) for finding in many] == [_shown(finding) for finding in one]


def test_only_the_files_the_cache_has_no_entry_for_are_scanned(tmp_path):
    data = _hostile_store(tmp_path)
    cache = open_cache([str(data)], cwd=tmp_path)
    read = read_store([str(data)], tmp_path)
    assert len(cache.unparsed(read)) == 7  # latin1.yaml's bytes are parsed too: it says why they aren't UTF-8
    check_store([str(data)], cwd=tmp_path, cache=cache)
    (data / "efe.yaml").write_bytes((data / "efe.yaml").read_bytes() + b"\n")
    cache = open_cache([str(data)], cwd=tmp_path)
    assert [item.path.name for item in cache.unparsed(read_store([str(data)], tmp_path))] == ["efe.yaml"]


def test_a_fork_the_system_refuses_parses_the_files_here(tmp_path, monkeypatch):
    import multiprocessing

    data = _hostile_store(tmp_path)
    one = check_store([str(data)], cwd=tmp_path, jobs=1).findings

    def refuse(method):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing, "get_context", refuse)
    monkeypatch.setattr(parallel, "SCAN_FROM", 0)
    many = check_store([str(data)], cwd=tmp_path, jobs=2).findings
    assert [_shown(finding) for finding in many] == [_shown(finding) for finding in one]


def test_what_workers_make_comes_back_in_order_and_a_reader_may_stop():
    assert list(parallel.made_in_order(lambda index: [index] * index, 7, 2)) == [[], [1], [2, 2], [3, 3, 3], [4] * 4, [5] * 5, [6] * 6]
    made = parallel.made_in_order(lambda index: index * 10, 1000, 2)
    assert [next(made), next(made)] == [0, 10]
    made.close()  # the workers stop with the reader
    assert list(parallel.made_in_order(lambda index: index, 0, 2)) == []


def test_what_workers_make_is_made_here_when_no_process_can_be_forked(monkeypatch):
    import multiprocessing

    def refuse(method):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing, "get_context", refuse)
    assert list(parallel.made_in_order(lambda index: index + 1, 3, 2)) == [1, 2, 3]


def test_a_given_context_gets_back_the_dates_the_workers_derived():
    store = load_store([str(FIXTURES / "articles")], root=REPO)
    packs = load_packs(REPO)
    serial = Context(store, packs)
    run(store, packs, context=serial, jobs=1)
    forked = Context(store, packs)
    run(store, packs, context=forked, jobs=2, parallel_from=0)
    undated = [event for event in store.events if event.date is None]
    assert len(undated) == 3  # the articles leave three events to their relations
    assert "face" not in vars(forked.dates)  # taken from the worker, not propagated again here
    assert [forked.dates.of(event) for event in undated] == [serial.dates.of(event) for event in undated]
    assert all(serial.dates.of(event) is not None for event in undated)
    assert "face" not in vars(forked.dates)
    # Without a context of the caller's, nothing comes back: nothing would read it.
    assert run(store, packs, jobs=2, parallel_from=0).findings == run(store, packs, jobs=1).findings


def test_only_the_job_that_derived_the_dates_sends_them_back(monkeypatch):
    store = load_store([str(FIXTURES / "articles")], root=REPO)
    packs = load_packs(REPO)
    context = Context(store, packs)
    taken = []
    adopt = context.dates.adopt
    monkeypatch.setattr(context.dates, "adopt", lambda inferred: taken.append(inferred) or adopt(inferred))
    run(store, packs, context=context, jobs=2, parallel_from=0)
    assert len(taken) == 1
    assert len(taken[0]) == 3
