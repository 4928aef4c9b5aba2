"""Writing an .xlsx back by editing its XML: replace cells, mark a report.

The room knows nothing of items or privacy: it is told which cells get
which text, which cells are marked with which problem, and which texts
must be gone from the file, and it writes the workbook again with only
those changes.  The sheets are streamed (never held whole); every part of
the zip the edit does not touch is copied byte for byte, in its place.

How to call it
--------------

:func:`edit_workbook` takes the source, the output and, by sheet name, a
:class:`SheetEdits`: the cells to replace as (row, column, new text) and
the cells to mark as (row, column, :class:`Mark`), rows and columns from 1
as the sheet shows them.  A caller that has streamed a sheet once (its
findings) gives them as generators in row order, with the sheet's merged
ranges if it read them: the room then holds neither the sheet nor the
findings, and reads no value again (lists and mappings are sorted first).
``summary`` adds a first sheet (:class:`Summary`: its name, 说明 or
Summary, and its lines); ``gone`` names texts that must not remain
anywhere but in cells (the full numbers the caller found: else
:class:`~zfgk.errors.PrivacyError`, and nothing is written); ``progress``
is told the rows read, every 10,000 (for the command line's progress
line); ``comments_at_end`` prints the comments after the sheet.  An .xls,
.ods or .xlsb is converted to the .xlsx output first
(:func:`check_output` says which pairs can be written), and
:attr:`Edited.lost` says what of its look could not be kept.

>>> import pathlib, tempfile, openpyxl
>>> from zfgk.workbooks import Mark, Severity, SheetEdits, Summary, edit_workbook
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> book = openpyxl.Workbook()
>>> book.active.title = "名单"
>>> book.active.append(["姓名", "身份证号"])
>>> book.active.append(["许春梅", "44162219470406403X"])
>>> book.save(folder / "名单.xlsx")
>>> def masked():
...     yield 2, 2, "441622********403X"
>>> done = edit_workbook(
...     folder / "名单.xlsx", folder / "公示.xlsx",
...     {"名单": SheetEdits(replace=masked(), mark=[(2, 1, Mark(Severity.WARNING, "姓名未隐藏"))],
...                       merges=())},
...     summary=Summary("说明", ["检查 1 条记录"]), gone=["44162219470406403X"])
>>> (done.changed, done.marked, done.summary)
(1, 1, '说明')
>>> sheet = openpyxl.load_workbook(done.path)["名单"]
>>> sheet["B2"].value, sheet["A2"].comment.text
('441622********403X', '姓名未隐藏')

:func:`mask_cells` (cells by (sheet, row, column), the old values of the
changed cells made texts that must be gone) and :func:`mark_problems` (a
report on a workbook, or on a sheet built from a CSV file's rows) are the
calls of 0.2, on the same editor.
"""

from __future__ import annotations

from zfgk.workbooks._edit import (
    CONVERTED_SUFFIXES,
    EDITED_SUFFIXES,
    Edited,
    SheetEdits,
    check_output,
    edit_workbook,
)
from zfgk.workbooks._legacy import (
    CellKey,
    CellMark,
    MaskedWorkbook,
    coordinate,
    mark_problems,
    mask_cells,
)
from zfgk.workbooks._summary import Summary
from zfgk.workbooks._targets import Mark, Merge, Severity

__all__ = [
    "CONVERTED_SUFFIXES",
    "EDITED_SUFFIXES",
    "CellKey",
    "CellMark",
    "Edited",
    "Mark",
    "MaskedWorkbook",
    "Merge",
    "Severity",
    "SheetEdits",
    "Summary",
    "check_output",
    "coordinate",
    "edit_workbook",
    "mark_problems",
    "mask_cells",
]
