"""The messages of the package: every template marked ``N_("…")`` or passed to ``tr("…")``."""

from __future__ import annotations

import ast
import string
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "zfgk"
CATALOGUE = PACKAGE / "locale" / "zh" / "LC_MESSAGES" / "zfgk.po"
MARKERS = ("N_", "tr")


def messages() -> dict[str, list[str]]:
    """Template -> the places (file:line) it is marked."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in MARKERS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                where = f"{path.relative_to(PACKAGE)}:{node.lineno}"
                found.setdefault(node.args[0].value, []).append(where)
    return found


def placeholders(template: str) -> set[str]:
    """The names a template fills, ``{field!r}`` counted as ``field``."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
