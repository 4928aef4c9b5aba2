"""Deprecated: writing workbooks back moved to :mod:`zfgk.workbooks` (importing this warns).

>>> import warnings
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore", DeprecationWarning)
...     from zfgk.tables.xlsx_edit import mask_cells
>>> import zfgk.workbooks
>>> mask_cells is zfgk.workbooks.mask_cells
True
"""

from __future__ import annotations

import warnings

from zfgk.workbooks import CellKey, MaskedWorkbook, check_output, coordinate, mask_cells

__all__ = ["CellKey", "MaskedWorkbook", "check_output", "coordinate", "mask_cells"]

warnings.warn(
    "zfgk.tables.xlsx_edit is deprecated: import mask_cells and the rest from zfgk.workbooks",
    DeprecationWarning,
    stacklevel=2,
)
