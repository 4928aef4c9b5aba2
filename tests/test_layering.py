"""Imports flow one way: the layering of DESIGN.md, with no circle and no import hidden in a function.

DESIGN.md: cli → audit → validation → privacy → catalogues → model → workdays → errors.
A module may import only modules of a lower layer, wherever the import
statement is (module level, inside a function, or under TYPE_CHECKING).
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "zfgk"

#: The layer of each module; a module imports only modules of lower layers.
#: ``formats`` (what a file is, bomb guards, atomic output) and ``values`` (what a value
#: reads as) need only the errors; ``workdays`` (the calendar and deadlines) needs only
#: the errors and messages, and sits under ``model``, whose items count their deadlines
#: with it; ``tables`` reads officers' tables into rows; ``spreadsheet`` (catalogues as
#: sheets) sits under ``catalogues``, which reads sheets with it; ``documents`` gives every
#: file as parts, ``files`` runs the tasks on them.  ``_deprecated`` (old spellings kept
#: for one minor version, with a warning), ``_spill`` (records kept on disk, in
#: order) and ``_workers`` (how worker processes start) need nothing.  The package's ``__init__`` and
#: ``__main__`` sit on top.  (A name deprecated for one minor version may forward to its
#: new home, higher up, by ``importlib`` at the time it is used.)
LAYERS = {
    "zfgk._version": -2,
    "zfgk._progress": -2,
    "zfgk._po": -2,
    "zfgk._spill": -2,
    "zfgk._workers": -2,
    "zfgk._deprecated": -2,
    "zfgk.i18n": -1,
    "zfgk.errors": 0,
    "zfgk._arguments": 0,
    "zfgk.patterns": 0,
    "zfgk.words": 0,
    "zfgk.problems": 0,
    "zfgk.formats": 1,
    "zfgk.values": 1,
    "zfgk.workdays": 1,
    "zfgk.tables": 2,
    "zfgk.model": 2,
    "zfgk.urls": 2,
    "zfgk.fields": 3,
    "zfgk.headers": 4,
    "zfgk.spreadsheet": 4,
    "zfgk._catalogue_json": 4,
    "zfgk.catalogues": 5,
    "zfgk.privacy": 6,
    "zfgk.guess": 6,
    "zfgk.workbooks": 7,
    "zfgk.documents": 8,
    "zfgk.validation": 8,
    "zfgk.compare": 8,
    "zfgk.audit": 9,
    "zfgk.files": 10,
    "zfgk.scanning": 11,
    "zfgk.cli": 12,
    "zfgk": 13,
    "zfgk.__main__": 14,
}


def module_name(path: Path) -> str:
    parts = ["zfgk", *path.relative_to(PACKAGE).with_suffix("").parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer(name: str) -> int:
    """The layer of a module; the modules of a subpackage share its layer."""
    while name not in LAYERS:
        if "." not in name:
            raise AssertionError(f"{name} has no layer in tests/test_layering.py: give it one")
        name = name.rsplit(".", 1)[0]
    return LAYERS[name]


def zfgk_imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import of a zfgk module in the file, wherever it is."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "zfgk"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            if target.split(".")[0] != "zfgk":
                continue
            # "from zfgk.cli import items" imports the submodule zfgk.cli.items
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.append((node.lineno, sub if (PACKAGE / sub_path(sub)).exists() else target))
    return found


def sub_path(name: str) -> str:
    parts = name.split(".")[1:]
    return "/".join(parts) + ".py" if parts else "__init__.py"


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[module_name(p) for p in MODULES])
def test_imports_go_down(path: Path) -> None:
    importer = module_name(path)
    for line, imported in zfgk_imports(path):
        if imported == importer or imported.startswith(importer + "."):
            continue  # a package importing its own submodules
        same_package = importer.rsplit(".", 1)[0] == imported.rsplit(".", 1)[0] != "zfgk"
        if same_package:
            # Within a subpackage (zfgk.cli), command modules use the shared one.
            assert imported.rsplit(".", 1)[1].startswith("_"), (
                f"{importer} line {line} imports {imported}, a sibling command module"
            )
            continue
        assert layer(imported) < layer(importer), (
            f"{importer} (layer {layer(importer)}) line {line} imports {imported} "
            f"(layer {layer(imported)}): imports must go down the layers of DESIGN.md"
        )


def room(name: str) -> str:
    """The room a module belongs to: ``zfgk.workdays._dates`` is in ``zfgk.workdays``."""
    parts = name.split(".")
    return ".".join(parts[:2])


@pytest.mark.parametrize("path", MODULES, ids=[module_name(p) for p in MODULES])
def test_rooms_meet_at_their_front_door(path: Path) -> None:
    """Another room's modules are imported through its package, never its ``_private`` parts.

    ``zfgk.audit`` imports ``zfgk.workdays``, not ``zfgk.workdays._dates``: what a room
    offers the others is what its ``__init__`` exports (issue 24).
    """
    importer = module_name(path)
    for line, imported in zfgk_imports(path):
        private = any(part.startswith("_") for part in imported.split(".")[2:])
        assert room(imported) == room(importer) or not private, (
            f"{importer} line {line} imports {imported}, a private part of another room: "
            f"import it from {room(imported)}, exporting it there if it must be shared"
        )


def test_the_architecture_page_names_every_room() -> None:
    """docs/architecture.md, the maintainers' map, has a row for every room of LAYERS."""
    page = (PACKAGE.parent.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    for name in LAYERS:
        room = name.removeprefix("zfgk.")
        if room not in ("zfgk", "__main__"):
            assert f"`{room}`" in page or f"`{room}/`" in page, f"{name} is not on the page"


def test_every_module_has_a_layer() -> None:
    for path in MODULES:
        layer(module_name(path))


@pytest.mark.thorough
def test_every_module_imports_on_its_own() -> None:
    """Each module imports first in a fresh interpreter: no hidden order dependency.

    ``import zfgk.x`` in a fresh interpreter runs the package ``zfgk`` first,
    whole, whichever module is asked for; so one interpreter imports ``zfgk``
    and forks a child per module (a fresh interpreter per module cost the
    suite half a minute).  The modules that ``zfgk`` leaves to be imported on
    use are the ones each child imports in an order of its own.  Importing
    ``zfgk.p.m`` first imports ``zfgk.p`` first, whole: a module its package
    imports is imported just as the package's child imported it, and is not
    imported again.
    """
    names = sorted(module_name(p) for p in MODULES if p.name != "__main__.py")
    code = """
import importlib, os, sys, traceback
import zfgk  # what any import of zfgk.x runs first, whole, in a fresh interpreter
failed, loaded, skipped = [], {}, 0
for name in sys.argv[1:]:
    ancestor = name.rpartition(".")[0]
    while ancestor not in loaded and "." in ancestor:
        ancestor = ancestor.rpartition(".")[0]
    if name in loaded.get(ancestor, ()):
        skipped += 1  # imported first by a package's child, as any first import of it is
        continue
    read, write = os.pipe()
    before = set(sys.modules)
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            importlib.import_module(name)
        except BaseException:
            traceback.print_exc()
            os._exit(1)
        new = [m for m in sys.modules if m not in before and m.startswith("zfgk.")]
        os.write(write, "\\n".join(new).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        loaded[name] = set(pipe.read().decode().split("\\n"))
    if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]):
        failed.append(name)
print(f"{len(sys.argv) - 1 - skipped} imported first, {skipped} by their packages")
sys.exit(f"cannot be imported first: {failed}" if failed else 0)
"""
    if not hasattr(os, "fork"):
        code = "import importlib, sys\nimportlib.import_module(sys.argv[1])"
        for name in names:
            subprocess.run([sys.executable, "-c", code, name], check=True)
        return
    result = subprocess.run(
        [sys.executable, "-c", code, *names], check=False, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
