"""Fingerprints of what a built table depends on: the code that builds it, its data files, package versions.

The code part is not a hand-written list: :func:`import_closure` walks the imports of a module inside
``helpers`` (top-level and inside functions), so any module a stage reaches, however indirectly, is
part of its fingerprint, and editing it rebuilds the stage's tables.
"""

from __future__ import annotations

import ast
import hashlib
from collections.abc import Iterable
from importlib import metadata as importlib_metadata
from importlib import util as importlib_util
from pathlib import Path

PACKAGE = "helpers"


def _module_file(name: str) -> Path | None:
    """The source file of module ``name`` (a package's ``__init__.py``), or None when it is not a module."""
    try:
        spec = importlib_util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return None
    return Path(spec.origin)


def _imported(path: Path, name: str) -> set[str]:
    """Modules of this package that the file at ``path`` (module ``name``) imports, anywhere in it."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative import
                parts = package.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}  # "from helpers.nlp import gazetteer"
    return {m for m in found if m == PACKAGE or m.startswith(PACKAGE + ".")}


def import_closure(*modules: str) -> list[Path]:
    """Source files of ``modules`` and of every module of the package they import, directly or not, sorted.

    Parent packages count too: importing ``helpers.nlp.parse`` runs ``helpers/nlp/__init__.py``.
    """
    todo, seen, files = list(modules), set(), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        path = _module_file(name)
        if path is None:
            continue
        files.add(path)
        parts = name.split(".")
        todo += [".".join(parts[:i]) for i in range(1, len(parts))]
        todo += sorted(_imported(path, name) - seen)
    return sorted(files)


def digest(*, modules: Iterable[str] = (), files: Iterable[Path] = (), packages: Iterable[str] = (),
           extra: Iterable[str] = ()) -> str:
    """SHA-256 (32 hex digits) of the import closure of ``modules``, the bytes of ``files``, the installed
    versions of ``packages`` and any ``extra`` strings."""
    sha = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for path in import_closure(*modules):
        sha.update(str(path.resolve().relative_to(root.parent)).encode())
        sha.update(path.read_bytes())
    for path in sorted(map(Path, files)):
        sha.update(path.name.encode())
        sha.update(path.read_bytes())
    for package in packages:
        sha.update(f"{package}=={importlib_metadata.version(package)}".encode())
    for text in extra:
        sha.update(text.encode())
    return sha.hexdigest()[:32]
