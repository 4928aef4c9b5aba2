"""Writing an .xlsx back by editing its XML: replace cells, mark a report (placeholder docstring)."""

from __future__ import annotations

from zfgk.workbooks._edit import Edited, SheetEdits, edit_workbook
from zfgk.workbooks._summary import Summary
from zfgk.workbooks._targets import Mark, Severity

__all__ = ["Edited", "Mark", "Severity", "SheetEdits", "Summary", "edit_workbook"]
