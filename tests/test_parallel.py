"""The rules run in forked workers (--jobs) find exactly what a serial run finds, in the same order."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, REPO

from timeline import parallel
from timeline.checks import REGISTRY
from timeline.checks.context import Context
from timeline.engine import run
from timeline.outputs.reporters.text import line as concise_line
from timeline.project.packs import load_packs
from timeline.store.loader import load_store

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
