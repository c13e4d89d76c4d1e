"""The package's modules import each other without cycles, and stages do not import each other.

Read from the source (every `import` and `from . import`, also inside functions),
so a cycle hidden in a function-level import is caught too. Also holds the project's
rule that no module is over 350 lines, for every Python package in the repository.
"""

import ast
import graphlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "data_prep"
LINE_LIMITED = ("data_prep", "dashboard", "benchmarks")
MAX_LINES = 350
STAGE_MODULES = ("language", "resolution", "dating", "talks", "other_events", "quotes")


def imports_of(path: Path) -> set[str]:
    """The data_prep modules a module imports."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("data_prep."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("data_prep."))
    return found


def graph() -> dict[str, set[str]]:
    return {path.stem: imports_of(path) - {path.stem} for path in PACKAGE.glob("*.py")}


def test_there_is_no_import_cycle():
    try:
        order = list(graphlib.TopologicalSorter(graph()).static_order())
    except graphlib.CycleError as error:
        pytest.fail(f"import cycle: {' -> '.join(error.args[1])}")
    assert order.index("record") < order.index("pipeline")


@pytest.mark.parametrize("stage", STAGE_MODULES)
def test_a_stage_module_imports_no_other_stage_module(stage):
    assert imports_of(PACKAGE / f"{stage}.py") & (set(STAGE_MODULES) - {stage}) == set()


def test_the_codebook_and_the_gazetteer_do_not_import_each_other():
    modules = graph()
    assert "codebook" not in modules["gazetteer"]


def line_limited_modules() -> list[Path]:
    """Every module of the packages the line limit holds, subpackages (dashboard/views, ...) included."""
    return sorted(path for package in LINE_LIMITED for path in (ROOT / package).rglob("*.py"))


def test_the_line_limit_sees_every_package():
    seen = {path.relative_to(ROOT).parts[0] for path in line_limited_modules()}
    assert seen == set(LINE_LIMITED)
    assert ROOT / "dashboard" / "views" / "common.py" in line_limited_modules()


@pytest.mark.parametrize("path", line_limited_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_over_350_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES
