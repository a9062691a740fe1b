"""The layers of docs/architecture.md, held: every import points down.

Each module of the package may import only from its own stage or the
stages below it (imports inside functions and under TYPE_CHECKING count
too: a lazy import up is still an arrow up)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

PACKAGE = REPO / "timeline"

# Top to bottom: a stage may import itself and anything after it.
LAYERS = [
    "timeline.__main__",
    "timeline.cli",
    "timeline.api",
    "timeline.engine",
    "timeline.parallel",
    "timeline.checks",
    "timeline.outputs",
    "timeline.tools",
    "timeline.draft",
    "timeline.temporal",
    "timeline.text",
    "timeline.project",
    "timeline.store",
    "timeline.dates",
    "timeline.errors",
    "timeline",
]


def _stage(module: str) -> int:
    return min(index for index, layer in enumerate(LAYERS) if module == layer or module.startswith(layer + "."))


def _module(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.startswith("timeline")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("timeline") and node.level == 0:
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                submodule = (REPO / Path(*candidate.split("."))).with_suffix(".py").exists() or (REPO / Path(*candidate.split("."))).is_dir()
                found.append((node.lineno, candidate if submodule else node.module))
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[_module(path) for path in MODULES])
def test_every_import_points_down(path):
    here = _stage(_module(path))
    upward = [f"{path.relative_to(REPO)}:{line} imports {name}" for line, name in _imports(path) if _stage(name) < here]
    assert upward == []


def test_every_module_has_a_stage():
    assert all(_stage(_module(path)) < len(LAYERS) for path in MODULES)


def test_importing_the_reporters_loads_neither_yaml_nor_a_check():
    script = (
        "import sys\n"
        "import timeline.outputs.reporters.sarif, timeline.outputs.reporters.junit, timeline.outputs.reporters.gitlab\n"
        "import timeline.outputs.reporters.text, timeline.outputs.reporters.full, timeline.outputs.reporters.github\n"
        "import timeline.outputs.reporters.json_report, timeline.outputs.reporters.json_lines\n"
        "print(sorted(name for name in sys.modules if name == 'yaml' or name.startswith(('timeline.checks', 'timeline.engine', 'timeline.store.loader'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO)
    assert done.stdout == "[]\n"
