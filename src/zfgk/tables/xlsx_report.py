"""Deprecated since zfgk 0.3: marking a report is :mod:`zfgk.workbooks` (importing this warns).

The names of 0.2 (``mark_problems``, ``CellMark``, ``Severity``) are
:mod:`zfgk.workbooks`' own, handed on when used; the module goes in zfgk 0.4.

>>> import warnings
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore", DeprecationWarning)
...     from zfgk.tables.xlsx_report import mark_problems
>>> import zfgk.workbooks
>>> mark_problems is zfgk.workbooks.mark_problems
True
"""

from __future__ import annotations

import importlib
from typing import Any

from zfgk._deprecated import warn_deprecated

_NAMES = ("CellMark", "Severity", "mark_problems")

__all__: list[str] = []

warn_deprecated("zfgk.tables.xlsx_report", "zfgk.workbooks", stacklevel=2)


def __getattr__(name: str) -> Any:
    if name not in _NAMES:
        raise AttributeError(f"module 'zfgk.tables.xlsx_report' has no attribute {name!r}")
    return getattr(importlib.import_module("zfgk.workbooks"), name)
