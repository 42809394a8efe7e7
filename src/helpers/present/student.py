"""The student edition: the notebooks and the report without the worked solutions.

Exercise prompts are Markdown cells tagged ``exercise``; their worked
solutions are cells tagged ``solution``. The student edition drops every
solution cell and leaves an empty answer cell in place of each run of
solution code. The teacher's notebooks are never changed.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell

from helpers.config import BUILD_DIR, STUDENT_DIR
from helpers.present.report import notebook_paths, write_report
from helpers.storage import write_text

SOLUTION_TAG = "solution"
EXERCISE_TAG = "exercise"
ANSWER_PLACEHOLDER = "# Your answer here: write and run your code, then compare with a classmate's."


def _tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def student_version(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``notebook`` without solution cells, with an empty answer cell where solution code was."""
    student = copy.deepcopy(notebook)
    cells = []
    previous_was_solution = False
    for cell in student.cells:
        is_solution = SOLUTION_TAG in _tags(cell)
        if is_solution and cell.cell_type == "code" and not previous_was_solution:
            answer = new_code_cell(ANSWER_PLACEHOLDER)
            answer["id"] = f"{cell.get('id', 'answer')}-answer"
            answer.metadata["tags"] = ["answer"]
            cells.append(answer)
        if not is_solution:
            cells.append(cell)
        previous_was_solution = is_solution
    student.cells = cells
    return student


def exercise_count(notebook: nbformat.NotebookNode) -> tuple[int, int]:
    """(exercise prompts, solution cells) in ``notebook``."""
    tags = [_tags(cell) for cell in notebook.cells]
    return sum(EXERCISE_TAG in t for t in tags), sum(SOLUTION_TAG in t for t in tags)


def write_student_edition(out_dir: Path | None = None, executed_dir: Path | None = None,
                          corpus_note: str = "") -> Path:
    """Write ``student/notebooks`` and ``student/report`` from the executed notebooks.

    The executed copies from ``make all`` (``build/notebooks``) are used when
    present, else the committed notebooks with their stored outputs.
    """
    out_dir = Path(out_dir or STUDENT_DIR)
    executed_dir = Path(executed_dir or BUILD_DIR / "notebooks")
    executed = []
    for path in notebook_paths():
        source = executed_dir / path.name if (executed_dir / path.name).exists() else path
        student = student_version(nbformat.read(source, as_version=4))
        write_text(out_dir / "notebooks" / path.name, nbformat.writes(student) + "\n")
        executed.append((path, student))
    return write_report(executed, out_dir / "report", corpus_note=corpus_note)
