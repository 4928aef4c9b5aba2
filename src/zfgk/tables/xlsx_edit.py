"""Deprecated since zfgk 0.3: writing workbooks back is :mod:`zfgk.workbooks` (importing this warns).

The names of 0.2 (``mask_cells``, ``check_output``, ``coordinate``,
``MaskedWorkbook``, ``CellKey``) are :mod:`zfgk.workbooks`' own, handed on
when used; the module goes in zfgk 0.4.

>>> import warnings
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore", DeprecationWarning)
...     from zfgk.tables.xlsx_edit import mask_cells
>>> import zfgk.workbooks
>>> mask_cells is zfgk.workbooks.mask_cells
True
"""

from __future__ import annotations

import importlib
from typing import Any

from zfgk._deprecated import warn_deprecated

_NAMES = ("CellKey", "MaskedWorkbook", "check_output", "coordinate", "mask_cells")

__all__: list[str] = []

warn_deprecated("zfgk.tables.xlsx_edit", "zfgk.workbooks", stacklevel=2)


def __getattr__(name: str) -> Any:
    if name not in _NAMES:
        raise AttributeError(f"module 'zfgk.tables.xlsx_edit' has no attribute {name!r}")
    return getattr(importlib.import_module("zfgk.workbooks"), name)
