"""The hostile-store property of tests/test_fuzz.py, run for as long as you like.

Mutates a copy of the shipped store (data/) and runs every command that
reads a store on it, as the test does (tests/fuzzing.py has the mutations
and what is held of each output), with many more examples and a fresh
seed each run. Every failing store is kept in a folder, with a
failure.txt that says what broke and the command that shows it.

    .venv/bin/python fuzz/fuzz_store.py                       # stop at the first failure, shrink it
    .venv/bin/python fuzz/fuzz_store.py --keep-going          # list every distinct failure
    .venv/bin/python fuzz/fuzz_store.py --only "export csv"   # find and shrink one kind of failure

Exits 0 when every example passed, 1 when one failed (see fuzz/README.md).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shlex
import shutil
import stat
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

import fuzzing  # found through the path above
from hypothesis import Phase, given, settings
from hypothesis import seed as with_seed


def slug(signature: str) -> str:
    return re.sub(r"[^A-Za-z0-9.+-]+", "-", signature).strip("-")[:100]


def copy_tree(source: Path, target: Path) -> None:
    """Copy a mutated project as it is: links as links, pipes as pipes (copying a pipe's contents would block)."""
    target.mkdir(parents=True, exist_ok=True)
    for entry in os.scandir(source):
        into = target / entry.name
        mode = os.lstat(entry.path).st_mode
        if stat.S_ISLNK(mode):
            os.symlink(os.readlink(entry.path), into)
        elif stat.S_ISDIR(mode):
            copy_tree(Path(entry.path), into)
        elif stat.S_ISFIFO(mode):
            os.mkfifo(into)
        else:
            shutil.copy2(entry.path, into)


class Failures:
    """The distinct failures seen, each kept with its smallest example so far."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.seen: dict[str, dict] = {}

    def keep(self, defect: fuzzing.Defect, project: Path, described: list[str], always: bool = False) -> None:
        size = sum(len(line) for line in described)
        known = self.seen.get(defect.signature)
        if known is not None:
            known["count"] += 1
            if size >= known["size"] and not always:
                return
        else:
            print(f"new failure: {defect.signature}", file=sys.stderr, flush=True)
        target = self.folder / slug(defect.signature)
        if target.exists():
            shutil.rmtree(target)
        copy_tree(project.parent, target)  # the project, and what its links point to beside it
        rerun = shlex.join(["timeline", *fuzzing.argv(defect.command)])
        mutations = "".join(f"  - {line}\n" for line in described)
        text = f"{defect.signature}\n\n{defect.message}\n\nmutations of the shipped store:\n{mutations}\nre-run:\n  cd {target / 'project'} && {rerun}\n"
        (target / "failure.txt").write_text(text, encoding="utf-8", errors="backslashreplace")
        self.seen[defect.signature] = {
            "count": known["count"] if known else 1,
            "size": size,
            "folder": target,
            "command": rerun,
            "described": described,
        }

    def summary(self) -> str:
        if not self.seen:
            return "no failure"
        lines = [f"{len(self.seen)} distinct failure{'s' if len(self.seen) != 1 else ''}:"]
        for signature, seen in sorted(self.seen.items()):
            lines.append(f"\n{signature}  ({seen['count']} example{'s' if seen['count'] != 1 else ''})")
            lines.extend(f"    {line}" for line in seen["described"])
            lines.append(f"    re-run: cd {seen['folder'] / 'project'} && {seen['command']}")
        return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=2000, help="how many mutated stores to try (default: 2000)")
    parser.add_argument("--seed", type=int, help="the run's seed (default: a random one, printed): the same seed tries the same stores")
    parser.add_argument("--keep-going", action="store_true", help="don't stop at a failure: list every distinct one (not shrunk)")
    parser.add_argument("--only", metavar="TEXT", help="fail (and shrink) only on failures whose signature contains TEXT; keep the others going")
    parser.add_argument("--save", metavar="DIR", type=Path, help="where failing stores are kept (default: a new folder in the temporary folder)")
    options = parser.parse_args(argv)

    seed = options.seed if options.seed is not None else random.randrange(1 << 32)
    folder = options.save or Path(tempfile.mkdtemp(prefix="timeline-fuzz-failures-"))
    folder.mkdir(parents=True, exist_ok=True)
    failures = Failures(folder)
    counter = {"examples": 0, "started": time.monotonic()}
    mode = "keep going" if options.keep_going else f"only {options.only!r}" if options.only else "stop at the first failure"
    print(f"fuzzing {options.examples} examples, seed {options.seed if options.seed is not None else seed} ({mode}); failing stores go to {folder}", flush=True)

    def progress() -> None:
        counter["examples"] += 1
        if counter["examples"] % 25 == 0:
            elapsed = time.monotonic() - counter["started"]
            print(f"  {counter['examples']} examples in {elapsed:.0f} s, {len(failures.seen)} distinct failures", file=sys.stderr, flush=True)

    shrinking = not options.keep_going
    phases = (Phase.generate, Phase.shrink) if shrinking else (Phase.generate,)
    # Keeping going, nothing fails, so slowness is told by hand; else the deadline tells it, as in the test.
    deadline = fuzzing.HANG_SECONDS * 1000 if shrinking else None

    @with_seed(seed)
    @settings(max_examples=options.examples, deadline=deadline, database=None, phases=phases, print_blob=True, report_multiple_bugs=False)
    @given(fuzzing.examples)
    def hostile_store(example: fuzzing.Example) -> None:
        progress()
        started = time.monotonic()
        try:
            fuzzing.run_example(example, on_defect=lambda defect, project, described: failures.keep(defect, project, described, always=shrinking))
        except fuzzing.Defect as defect:
            if options.keep_going or (options.only and options.only not in defect.signature):
                return
            raise
        took = time.monotonic() - started
        if options.keep_going and took > fuzzing.HANG_SECONDS:
            print(f"slow example: {took:.0f} s: {example!r}"[:2000], file=sys.stderr, flush=True)

    try:
        hostile_store()
    except fuzzing.Defect as defect:
        # Hypothesis tells the falsifying example (and a @reproduce_failure blob) in the error's notes.
        print("\n".join(getattr(defect, "__notes__", ())))
        print(f"\nfailed: {defect.signature}\n{defect.message}")
        print(f"\nthe shrunk store is in {folder / slug(defect.signature)} (failure.txt says how to re-run it)")
        print(failures.summary())
        return 1
    except Exception as error:  # noqa: BLE001 - the deadline, or a harness error: say it and the seed
        print("\n".join(getattr(error, "__notes__", ())))
        print(f"\nfailed: {type(error).__name__}: {error}\nre-run with --seed {seed}")
        return 1
    print(f"\n{counter['examples']} examples in {time.monotonic() - counter['started']:.0f} s, seed {seed}")
    print(failures.summary())
    return 1 if failures.seen and not options.only else 0


if __name__ == "__main__":
    sys.exit(main())
