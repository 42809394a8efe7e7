"""The student edition keeps every exercise prompt and drops every worked solution."""

import hashlib

import nbformat

from helpers.present.report import notebook_paths
from helpers.present.student import ANSWER_PLACEHOLDER, exercise_count, student_version, write_student_edition


def test_lesson_notebooks_have_exercises_with_worked_solutions():
    counted = {path.name: exercise_count(nbformat.read(path, as_version=4)) for path in notebook_paths()}
    for name in ("01_cleaning.ipynb", "02_corpus_overview.ipynb", "03_coverage.ipynb", "04_wording.ipynb"):
        exercises, solutions = counted[name]
        assert exercises >= 1 and solutions >= 1, (name, counted[name])


def test_student_version_drops_solutions_and_leaves_an_answer_cell():
    teacher = nbformat.read(notebook_paths()[1], as_version=4)
    student = student_version(teacher)
    assert exercise_count(student) == (exercise_count(teacher)[0], 0)
    assert all("solution" not in cell.metadata.get("tags", []) for cell in student.cells)
    answers = [cell for cell in student.cells if cell.source == ANSWER_PLACEHOLDER]
    assert len(answers) == sum(1 for i, cell in enumerate(teacher.cells)
                               if "solution" in cell.metadata.get("tags", []) and cell.cell_type == "code"
                               and "solution" not in teacher.cells[i - 1].metadata.get("tags", []))
    assert exercise_count(teacher)[1] >= 1, "the teacher's copy must keep its solutions"


def test_student_edition_is_written_without_solution_text_and_leaves_the_teachers_notebooks(tmp_path):
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in notebook_paths()}
    index = write_student_edition(tmp_path / "student", executed_dir=tmp_path / "none")
    assert index == tmp_path / "student" / "report" / "index.html"
    for path in notebook_paths():
        teacher = nbformat.read(path, as_version=4)
        solutions = [c.source for c in teacher.cells if "solution" in c.metadata.get("tags", [])]
        notebook_text = (tmp_path / "student" / "notebooks" / path.name).read_text(encoding="utf-8")
        page = (tmp_path / "student" / "report" / f"{path.stem}.html").read_text(encoding="utf-8")
        for source in solutions:
            first_line = source.splitlines()[0]
            assert first_line not in notebook_text, (path.name, first_line)
        assert "Solution notes" not in page, path.name
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in notebook_paths()} == before
