"""The text of a cell as the sheet shows it: :mod:`zfgk.values` (re-exported for the readers)."""

from zfgk.values import CellText, cell_text, is_number, number_shown

__all__ = ["CellText", "cell_text", "is_number", "number_shown"]
