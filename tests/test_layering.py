"""The folder tree shows the pipeline, and the layers stay apart (an AST walk over src/helpers).

Build-time modules (cleaning, nlp, the */tables.py builders and the modules they use, stage, build) never
import notebook-time code (measures, charts, views, presentation). Measures never import plotly or spaCy,
directly or through another module of the package, so a notebook's numbers need neither.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from helpers.fingerprint import import_closure

SRC = Path(__file__).resolve().parents[1] / "src" / "helpers"
MAX_LINES = 400


def module_name(path: Path) -> str:
    return ".".join(("helpers", *path.relative_to(SRC).with_suffix("").parts)).removesuffix(".__init__")


MODULES = {module_name(p): p for p in sorted(SRC.rglob("*.py"))}
BUILD = sorted(m for m in MODULES if m.split(".")[1:2] in (["cleaning"], ["nlp"]) or m.endswith(".tables")
               or m in ("helpers.stage", "helpers.build", "helpers.distributed"))
NOTEBOOK_TIME = sorted(m for m in MODULES if m.rsplit(".", 1)[-1] in ("measures", "charts", "views", "readability")
                       or m.startswith(("helpers.present", "helpers.findings")) or m == "helpers.corpus")
MEASURES = sorted(m for m in MODULES if m.rsplit(".", 1)[-1] in ("measures", "readability", "evaluation")
                  or (m.startswith("helpers.findings") and m.rsplit(".", 1)[-1] not in ("views", "charts")))


def imported_packages(paths: list[Path]) -> set[str]:
    """Top-level names of every third-party or package module imported anywhere in ``paths``."""
    found = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module)
    return found


def test_the_tree_has_one_room_per_stage():
    rooms = {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert rooms == {"cleaning", "nlp", "overview", "coverage", "wording", "framing", "reuse", "present", "findings"}
    for room in ("coverage", "framing", "reuse"):
        assert {"tables", "measures", "charts"} <= {p.stem for p in (SRC / room).glob("*.py")}


@pytest.mark.parametrize("module", BUILD)
def test_build_time_code_never_imports_notebook_time_code(module):
    reached = {module_name(p) for p in import_closure(module)}
    assert not reached & set(NOTEBOOK_TIME), f"{module} reaches {sorted(reached & set(NOTEBOOK_TIME))}"


@pytest.mark.parametrize("module", MEASURES)
def test_measures_import_neither_plotly_nor_spacy(module):
    names = imported_packages(import_closure(module))
    heavy = {n for n in names if n.split(".")[0] in ("plotly", "spacy")}
    assert not heavy, f"{module} imports {sorted(heavy)} (directly or through the package)"
    assert not {module_name(p) for p in import_closure(module)} & {"helpers.present.charts", "helpers.nlp.model"}


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: p.relative_to(SRC).as_posix())
def test_no_module_is_over_400_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_only_a_handful_of_public_functions_take_group_by():
    takers = []
    for name, path in MODULES.items():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                arguments = [a.arg for a in node.args.args + node.args.kwonlyargs]
                if "group_by" in arguments:
                    takers.append(f"{name}.{node.name}")
    assert takers == ["helpers.corpus.load_corpus"]


def test_library_code_never_reads_the_gold_sets():
    for name, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        assert "GOLD_DIR" not in text or name == "helpers.config", name
        assert "tests/gold" not in text.replace("``tests/gold/``", "") or name == "helpers.config", name
