"""What users see of the shipped store stays as recorded: every check
format, export, report and view, byte for byte (tests/shipped_outputs.py
records them anew when a change means to alter them)."""

from __future__ import annotations

import pytest
from shipped_outputs import COMMANDS, expected, output, shown


@pytest.mark.parametrize("name", COMMANDS)
def test_the_output_is_as_recorded(name):
    assert shown(*output(name)) == expected(name)
