"""Deprecated: marking a report moved to :mod:`zfgk.workbooks` (importing this warns).

>>> import warnings
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore", DeprecationWarning)
...     from zfgk.tables.xlsx_report import mark_problems
>>> import zfgk.workbooks
>>> mark_problems is zfgk.workbooks.mark_problems
True
"""

from __future__ import annotations

import warnings

from zfgk.workbooks import CellMark, Severity, mark_problems

__all__ = ["CellMark", "Severity", "mark_problems"]

warnings.warn(
    "zfgk.tables.xlsx_report is deprecated: import mark_problems and the rest from zfgk.workbooks",
    DeprecationWarning,
    stacklevel=2,
)
