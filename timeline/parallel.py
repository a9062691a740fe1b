"""Reading a large store's files, and running a run's rules, in forked worker processes (``--jobs``).

Files first: while the loader builds the store file by file, forked workers
scan the files still to come (:func:`scanning`), each sending back its file
as the three flat parts of :func:`timeline.store.loader.scan`, which
marshal writes and reads in a few milliseconds where the file's tree of
containers pickles about as slowly as it parses; the loader assembles each
into its containers as it comes, and builds the store here, once.

Then the rules: the store is loaded once; forked workers share it as it stands in memory
(the loader moved it out of the collector's sight, so workers don't touch
its pages), each runs some of the rules on its own copy of the run's
Context, and sends back only its findings. The rules that read the dates
derived through relations run in one worker, so the relations are
propagated once, as in a serial run. What a worker sends back names the
store's files by their place in the store, not by their text.

Forking costs more than it saves on a small store: below
:data:`PARALLEL_FROM` events, or where the platform can't fork, the rules
run in this process, one after another, and under :data:`SCAN_FROM` bytes
of files to parse (or with one file) so are the files. Either way the
store and its findings are the same, in the same order.
"""

from __future__ import annotations

import collections
import contextlib
import io
import marshal
import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from timeline.store.findings import Finding, SourceFile
from timeline.store.loader import ReadFile, Scanned, Scanner, scan

_T = TypeVar("_T")

PARALLEL_FROM = 20_000  # events: under it, forking takes longer than the rules it spreads
SCAN_FROM = 8 << 20  # bytes of store files to parse: under it, forking takes longer than the parsing it spreads

_Job = tuple[str, ...]  # rule names one worker runs, in the run's order


def available_cpus() -> int:
    """The CPUs this process may use: its affinity mask, within the cgroup's CPU quota."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    quota = _cgroup_quota()
    return max(1, min(cpus, quota) if quota is not None else cpus)


def _cgroup_quota(root: str = "/sys/fs/cgroup") -> int | None:
    """The CPUs the cgroup's quota allows (cgroup v2 ``cpu.max``, v1 ``cfs_quota_us``), rounded up, or None."""
    for quota_file, period_file in ((f"{root}/cpu.max", None), (f"{root}/cpu/cpu.cfs_quota_us", f"{root}/cpu/cpu.cfs_period_us")):
        try:
            with open(quota_file, encoding="ascii") as handle:
                words = handle.read().split()
            if period_file is not None:
                with open(period_file, encoding="ascii") as handle:
                    words += handle.read().split()
            quota, period = words[0], words[1]
        except (OSError, IndexError):
            continue
        if quota in ("max", "-1"):
            return None
        try:
            return max(1, -(-int(quota) // int(period)))
        except (ValueError, ZeroDivisionError):
            return None
    return None


def can_fork() -> bool:
    import multiprocessing  # here: a run that doesn't fork doesn't pay for importing it

    return "fork" in multiprocessing.get_all_start_methods()


def jobs_for(names: Sequence[str], shared: Callable[[str], bool]) -> list[_Job]:
    """The rules split into jobs: those that share derived dates together (``shared``), each other alone."""
    together = tuple(name for name in names if shared(name))
    alone = [(name,) for name in names if not shared(name)]
    return ([together] if together else []) + alone


# The state a forked worker reads: set in the parent just before the pool forks, never sent.
_RUN: tuple[Callable[[str], list[Finding]], dict[int, int], Callable[[_Job], object] | None] | None = None


def run_jobs(
    jobs: list[_Job],
    workers: int,
    check: Callable[[str], list[Finding]],
    files: Sequence[SourceFile],
    progress: Callable[[str, int, int], None] | None = None,
    handback: tuple[Callable[[_Job], object], Callable[[object], None]] | None = None,
) -> dict[str, list[Finding]]:
    """Each rule's findings, from ``workers`` forked processes running ``jobs``; ``check(name)`` runs one rule.

    ``progress``, called here, never in a worker, is told ``("rules", run, of)`` as each job's findings arrive.
    With ``handback`` (``derived``, ``take``), a worker also sends what ``derived(job)`` gives
    once it has run a job (what its rules derived that this process would otherwise derive
    again), and this process hands each value that isn't None to ``take``.
    """
    import multiprocessing

    global _RUN
    _RUN = (check, {id(file): index for index, file in enumerate(files)}, handback[0] if handback is not None else None)
    total = sum(map(len, jobs))
    sent: list[bytes | None] = [None] * len(jobs)
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(min(workers, len(jobs))) as pool:
            done = 0
            for index, data in pool.imap_unordered(_work, enumerate(jobs), chunksize=1):
                sent[index] = data
                done += len(jobs[index])
                if progress is not None:
                    progress("rules", done, total)
    except OSError:  # no process to spare (a process or memory limit): the rules run here instead
        return {name: check(name) for job in jobs for name in job}
    finally:
        _RUN = None
    found: dict[str, list[Finding]] = {}
    others: dict[tuple, SourceFile] = {}  # one object a file, whichever worker sent it
    for data in sent:  # in the jobs' order, whichever finished first
        rules, derived = _loads(data, files, others)
        found.update(rules)
        if derived is not None and handback is not None:
            handback[1](derived)
    return found


def _work(numbered: tuple[int, _Job]) -> tuple[int, bytes]:
    assert _RUN is not None, "a worker runs in a process forked by run_jobs"
    check, indexes, derived = _RUN
    index, job = numbered
    found = {name: check(name) for name in job}
    return index, _dumps((found, derived(job) if derived is not None else None), indexes)


def _dumps(value: object, indexes: dict[int, int]) -> bytes:
    """``value`` pickled with the store's files named by their index (a file the store doesn't list goes whole)."""
    import pickle  # here: a run that forks no worker never pickles

    def file_id(obj):
        if obj.__class__ is not SourceFile:
            return None
        index = indexes.get(id(obj))
        return ("file", index) if index is not None else ("text", obj.path, obj.text, obj.bom)

    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.persistent_id = file_id
    pickler.dump(value)
    return buffer.getvalue()


def _loads(data: bytes, files: Sequence[SourceFile], others: dict[tuple, SourceFile]) -> object:
    """What :func:`_dumps` pickled, its files taken from ``files`` (by index) or ``others`` (one object a file)."""
    import pickle

    def file_at(pid):
        if pid[0] == "file":
            return files[pid[1]]
        return others.setdefault(pid[1:], SourceFile(pid[1], pid[2], bom=pid[3]))

    unpickler = pickle.Unpickler(io.BytesIO(data))
    unpickler.persistent_load = file_at
    return unpickler.load()


# The files forked workers scan: set in the parent just before the pool forks, never sent.
_SCAN: Sequence[ReadFile] | None = None


@contextlib.contextmanager
def scanning(items: Sequence[ReadFile], jobs: int | None) -> Iterator[Scanner | None]:
    """A scanner (see :func:`timeline.store.loader.scan`) that takes ``items`` (files to parse,
    in the order the loader asks for them) from ``jobs`` forked workers (None: the CPUs this
    process may use), which scan them meanwhile; None when that isn't worth forking for, or the
    platform can't fork. Any other file it is asked for, it scans here.

    ``items`` is let go once the workers have forked (or none will): the loader lets each
    file's bytes go as it is parsed, and nothing here should keep them."""
    workers = available_cpus() if jobs is None else jobs
    if workers < 2 or len(items) < 2 or sum(len(item.raw or b"") for item in items) < SCAN_FROM or not can_fork():
        del items
        yield None
        return
    import multiprocessing

    global _SCAN
    _SCAN = items
    try:
        pool = multiprocessing.get_context("fork").Pool(min(workers, len(items)))
    except OSError:  # no process to spare (a process or memory limit): the files are parsed here
        pool = None
    finally:
        _SCAN = None  # the workers have their copy
    places = {id(item.file): index for index, item in enumerate(items)}
    del items
    if pool is None:
        yield None
        return
    with pool:
        yield _Scans(places, pool.imap(_scan, range(len(places)), chunksize=1))


class _Scans:
    """What the workers scanned, each file handed out as its turn comes."""

    def __init__(self, places: dict[int, int], results: Iterator[tuple[int, bytes | None, bytes]]) -> None:
        self.places = places  # a file's identity -> its place among the files the workers scan
        self.results = results
        self.waiting: dict[int, tuple[bytes | None, bytes]] = {}

    def __call__(self, file: SourceFile, raw: bytes) -> tuple[Scanned | None, list[Finding]]:
        place = self.places.pop(id(file), None)
        if place is None:
            return scan(file, raw)
        while place not in self.waiting:
            index, scanned, problems = next(self.results)
            self.waiting[index] = (scanned, problems)
        scanned, problems = self.waiting.pop(place)
        found = _loads(problems, [file], {})
        return (marshal.loads(scanned) if scanned is not None else None), found


def _scan(index: int) -> tuple[int, bytes | None, bytes]:
    assert _SCAN is not None, "a worker runs in a process forked by scanning"
    item = _SCAN[index]
    scanned, problems = scan(item.file, item.raw)
    return index, (marshal.dumps(scanned) if scanned is not None else None), _dumps(problems, {id(item.file): 0})


# What forked workers make: set in the parent just before the pool forks, never sent.
_MAKE: Callable[[int], object] | None = None


def made_in_order(make: Callable[[int], _T], count: int, workers: int) -> Iterator[_T]:
    """``make(0)``, ``make(1)`` … ``make(count - 1)``, in that order, made by ``workers`` forked
    processes a few ahead of the reader (so a slow reader, a pager, holds back the making); each
    value is pickled back. Made here, one after another, if no process can be forked. A reader
    that stops early stops the workers."""
    if count == 0:
        return
    import multiprocessing

    global _MAKE
    _MAKE = make
    try:
        pool = multiprocessing.get_context("fork").Pool(min(workers, count))
    except OSError:  # no process to spare: made here
        pool = None
    finally:
        _MAKE = None
    if pool is None:
        yield from map(make, range(count))
        return
    with pool:
        ahead = 2 * workers
        pending: collections.deque = collections.deque()
        asked = 0
        while asked < count or pending:
            while asked < count and len(pending) < ahead:
                pending.append(pool.apply_async(_made, (asked,)))
                asked += 1
            yield pending.popleft().get()


def _made(index: int) -> object:
    assert _MAKE is not None, "a worker runs in a process forked by made_in_order"
    return _MAKE(index)
