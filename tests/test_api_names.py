"""The public API names itself once and truthfully (issue 24, point 7).

- ``zfgk/__init__`` lists its lazily imported names once, in ``_LAZY``; the
  imports under ``TYPE_CHECKING`` (for type checkers) agree with it, and
  ``__all__`` is the eager names plus that table.  It never reads its own
  source to find them.
- Every dotted ``zfgk.…`` name written in README.md and docs/*.md (code
  spans and code blocks, doctests included) is a real attribute or module.
- Each old spelling kept for one minor version works and warns, naming the
  new one; see also test_audit.py (``zfgk.audit``) and test_deprecations.py.
"""

from __future__ import annotations

import ast
import importlib
import re
import subprocess
import sys
import types
import warnings
from pathlib import Path

import pytest

import zfgk

ROOT = Path(__file__).resolve().parent.parent
INIT = ROOT / "src" / "zfgk" / "__init__.py"
TREE = ast.parse(INIT.read_text(encoding="utf-8"))


def typed_imports() -> dict[str, str]:
    """Each name imported under ``if TYPE_CHECKING:`` in zfgk/__init__.py, with its module."""
    found: dict[str, str] = {}
    for node in TREE.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom), ast.unparse(statement)
                for alias in statement.names:
                    # ``name as name``: an explicit re-export, which type checkers honour
                    assert alias.asname == alias.name, f"write {alias.name} as {alias.name}"
                    assert statement.module is not None
                    found[alias.name] = statement.module
    return found


def eager_imports() -> set[str]:
    """The names zfgk/__init__.py imports from its rooms at module level."""
    return {
        alias.asname or alias.name
        for node in TREE.body
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("zfgk")
        for alias in node.names
    }


def test_the_lazy_table_and_the_typed_imports_agree() -> None:
    assert typed_imports() == zfgk._LAZY
    assert not eager_imports() & set(zfgk._LAZY), "a name is both eager and lazy"


def test_all_is_the_eager_names_and_the_lazy_table() -> None:
    assert len(zfgk.__all__) == len(set(zfgk.__all__)), "a name is listed twice"
    # ``audit`` is the package zfgk.audit, kept in __all__ until 0.4 (it was a function)
    assert set(zfgk.__all__) == eager_imports() | set(zfgk._LAZY) | {"__version__", "audit"}
    assert set(zfgk.__all__) <= set(dir(zfgk))


def test_every_lazy_name_is_its_module_s_own_in_a_fresh_interpreter() -> None:
    code = (
        "import importlib, sys, zfgk\n"
        "for name, module in zfgk._LAZY.items():\n"
        "    value = getattr(zfgk, name)\n"
        "    assert value is getattr(importlib.import_module(module), name), name\n"
        "    assert name in vars(zfgk), name  # looked up once, then a plain attribute\n"
    )
    subprocess.run([sys.executable, "-W", "error", "-c", code], check=True)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="module 'zfgk' has no attribute 'nope'"):
        zfgk.nope  # noqa: B018
    assert not hasattr(zfgk, "__wrapped__")


def test_zfgk_does_not_read_its_own_source() -> None:
    imported = {
        alias.name
        for node in ast.walk(TREE)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    } | {node.module for node in ast.walk(TREE) if isinstance(node, ast.ImportFrom)}
    assert not imported & {"ast", "importlib.resources", "inspect"}
    assert "read_text" not in INIT.read_text(encoding="utf-8")


# ------------------------------------------------------------ names in the docs

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^(```+|~~~+)[^\n]*\n(.*?)^\1[ \t]*$", re.M | re.S)
SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
# A dotted name starting with zfgk, not part of a path, an address or a longer word.
NAME = re.compile(r"(?<![\w./\\-])zfgk(?:\.[A-Za-z_]\w*)+(?![\w/])")
#: Dotted words that are not Python names: file names, and a placeholder (``zfgk.X``).
NOT_NAMES = re.compile(r"\.(?:po|mo|json|py|md|toml|txt|csv|xlsx|[A-Z])$")


def code_in(text: str) -> list[str]:
    """The code of a Markdown page: its fenced blocks, then its inline code spans."""
    blocks = [m.group(2) for m in FENCE.finditer(text)]
    return blocks + [m.group(2) for m in SPAN.finditer(FENCE.sub("", text))]


def dotted_names(text: str) -> set[str]:
    return {n for code in code_in(text) for n in NAME.findall(code) if not NOT_NAMES.search(n)}


def resolves(dotted: str) -> bool:
    """Whether ``zfgk.a.b`` is an attribute chain from zfgk, importing submodules on the way."""
    value: object = zfgk
    path = "zfgk"
    for part in dotted.split(".")[1:]:
        path += "." + part
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # a deprecated name exists
            if hasattr(value, part):
                value = getattr(value, part)
                continue
        if not isinstance(value, types.ModuleType):
            return False
        try:
            value = importlib.import_module(path)
        except ModuleNotFoundError:
            return False
    return True


def test_the_name_finder_finds_names_and_only_names() -> None:
    page = (
        'Call `zfgk.load("x")` and `zfgk.audit.LogAudit`; not `zfgk.po`, `src/zfgk/x.py`,\n'
        "`zfgk.catalogue/2`, `https://zfgk.example/`, `zfgk.X`.\n\n"
        "```python\n>>> zfgk.errors.CalendarCoverageError  # `zfgk.nothing_here`\n```\n"
    )
    assert dotted_names(page) == {
        "zfgk.load",
        "zfgk.audit.LogAudit",
        "zfgk.errors.CalendarCoverageError",
        "zfgk.nothing_here",
    }
    assert not resolves("zfgk.nothing_here")
    assert not resolves("zfgk.audit.log_date")  # removed at 0.3
    assert not resolves("zfgk.load.nothing")
    assert resolves("zfgk.Item.deadline")
    assert resolves("zfgk.workdays.clear_calendar_cache")


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_docs_name_only_what_exists(page: Path) -> None:
    missing = sorted(n for n in dotted_names(page.read_text(encoding="utf-8")) if not resolves(n))
    assert not missing, f"{page.name} names what zfgk does not have: {missing}"
