"""The set-up files agree with each other: one set of pins for make, conda and Binder."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _pyproject_requirements() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = [req for group in project["optional-dependencies"].values() for req in group]
    return {_normalise(req) for req in project["dependencies"] + extras}


def _environment_pip_requirements() -> set[str]:
    lines = (ROOT / "environment.yml").read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "- pip:")
    requirements = set()
    for line in lines[start + 1:]:
        item = line.strip()
        if not item.startswith("- "):
            break
        item = item[2:].strip()
        if not item.startswith("-"):  # skip pip options such as -c and -e
            requirements.add(_normalise(item))
    return requirements


def _normalise(requirement: str) -> str:
    name, _, version = requirement.partition("==")
    return f"{re.sub(r'[-_.]+', '-', name.strip().lower())}=={version.strip()}"


def _lock_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;]+)", line)
        if match:
            pins[re.sub(r"[-_.]+", "-", match[1].lower())] = match[2]
    return pins


def test_environment_yml_lists_exactly_the_pyproject_dependencies():
    assert _environment_pip_requirements() == _pyproject_requirements()


def test_every_dependency_is_pinned_exactly_and_agrees_with_the_lock():
    lock = _lock_pins()
    for requirement in _pyproject_requirements():
        name, version = requirement.split("==")
        assert version, f"{name} is not pinned with =="
        assert lock.get(name) == version, f"{name}: pyproject pins {version}, requirements.lock has {lock.get(name)}"


def test_environment_yml_uses_the_lock_and_installs_the_helpers():
    text = (ROOT / "environment.yml").read_text()
    assert "- -c requirements.lock" in text
    assert "- -e ." in text
    assert "python=3.11" in text


def test_readme_opens_with_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text()
    first_block = readme.split("```bash", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in first_block.strip().splitlines()]
    assert commands == ["make all", "make test"]
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, re.MULTILINE)


def test_makefile_installs_from_the_lock_before_running_anything():
    makefile = (ROOT / "Makefile").read_text()
    assert "-r requirements.lock" in makefile
    for target in ("all:", "test:", "lab:", "build:", "report:"):
        assert re.search(rf"^{target}", makefile, re.MULTILINE), target
