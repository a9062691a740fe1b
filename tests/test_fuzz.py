"""The shipped store made hostile (bytes flipped, lines gone, values swapped,
random scalars in any field, random dates and offsets, files replaced):
no command crashes, prints a raw control character, or hangs.

The mutations and what is held of each command's output are in
tests/fuzzing.py; `python fuzz/fuzz_store.py` runs the same property with
many more examples (fuzz/README.md).
"""

from __future__ import annotations

import datetime as dt

from fuzzing import HANG_SECONDS, examples, run_example
from hypothesis import Phase, given, settings


# Bounded for the test command (about two thirds of a second an example), the
# same examples every run, and no shrinking: each step of it reruns every
# command, minutes for one failure. A failure prints its mutations, one line
# each; `python fuzz/fuzz_store.py --only SIGNATURE` finds one like it and
# shrinks it. The deadline is the hang guard, not a speed test.
@settings(
    max_examples=25,
    deadline=dt.timedelta(seconds=HANG_SECONDS),
    derandomize=True,
    database=None,
    phases=(Phase.explicit, Phase.generate),
    print_blob=True,
)
@given(examples)
def test_no_command_crashes_prints_a_control_character_or_hangs_on_a_hostile_store(example):
    run_example(example)
