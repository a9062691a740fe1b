"""Running a run's rules in forked worker processes (``--jobs``).

The store is loaded once; forked workers share it as it stands in memory
(the loader moved it out of the collector's sight, so workers don't touch
its pages), each runs some of the rules on its own copy of the run's
Context, and sends back only its findings. The rules that read the dates
derived through relations run in one worker, so the relations are
propagated once, as in a serial run. What a worker sends back names the
store's files by their place in the store, not by their text.

Forking costs more than it saves on a small store: below
:data:`PARALLEL_FROM` events, or where the platform can't fork, the rules
run in this process, one after another. Either way the findings are the
same, in the same order.
"""

from __future__ import annotations

import io
import os
import pickle
from collections.abc import Callable, Sequence

from timeline.store.findings import Finding, SourceFile

PARALLEL_FROM = 20_000  # events: under it, forking takes longer than the rules it spreads

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
_RUN: tuple[Callable[[str], list[Finding]], dict[int, int]] | None = None


def run_jobs(
    jobs: list[_Job],
    workers: int,
    check: Callable[[str], list[Finding]],
    files: Sequence[SourceFile],
    progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, list[Finding]]:
    """Each rule's findings, from ``workers`` forked processes running ``jobs``; ``check(name)`` runs one rule.

    ``progress``, called here, never in a worker, is told ``("rules", run, of)`` as each job's findings arrive.
    """
    import multiprocessing

    global _RUN
    _RUN = (check, {id(file): index for index, file in enumerate(files)})
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
        found.update(_Unpickler(io.BytesIO(data), files, others).load())
    return found


def _work(numbered: tuple[int, _Job]) -> tuple[int, bytes]:
    assert _RUN is not None, "a worker runs in a process forked by run_jobs"
    check, indexes = _RUN
    index, job = numbered
    found = {name: check(name) for name in job}
    buffer = io.BytesIO()
    _Pickler(buffer, indexes).dump(found)
    return index, buffer.getvalue()


class _Pickler(pickle.Pickler):
    """Findings with the store's files named by their index (a file the store doesn't list goes whole)."""

    def __init__(self, buffer: io.BytesIO, indexes: dict[int, int]) -> None:
        super().__init__(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        self.indexes = indexes

    def persistent_id(self, obj):
        if obj.__class__ is not SourceFile:
            return None
        index = self.indexes.get(id(obj))
        return ("file", index) if index is not None else ("text", obj.path, obj.text, obj.bom)


class _Unpickler(pickle.Unpickler):
    def __init__(self, buffer: io.BytesIO, files: Sequence[SourceFile], others: dict[tuple, SourceFile]) -> None:
        super().__init__(buffer)
        self.files = files
        self.others = others

    def persistent_load(self, pid):
        if pid[0] == "file":
            return self.files[pid[1]]
        return self.others.setdefault(pid[1:], SourceFile(pid[1], pid[2], bom=pid[3]))
