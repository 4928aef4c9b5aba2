"""Catalogues as officers keep them: one spreadsheet row per item, in the source's columns.

:func:`write` puts a catalogue in an ``.xlsx`` workbook or a ``.csv`` file
(UTF-8 with a BOM, so that Excel in China opens it right); :func:`read`
reads one back, also after Excel, WPS or LibreOffice saved it again (as
.xls or .ods too), and :func:`zfgk.load_file` uses it for sheets.

The columns are the source table's, in its order (:data:`COLUMNS`):
序号, 一级事项, 二级事项, 公开内容 (one entry a line: ``● …``/``○ …`` where
the source marks them, ``1. …`` where it numbers them), 公开依据 (one a
line), 公开时限, 公开主体 and 公开渠道和载体 (one a line), 公开对象, 公开方式
and 公开层级 (labels separated by 、).  A blank cell is a value the source
does not give (``None``); ``（无）`` is a row with nothing ticked.  A blank
一级事项 continues the one above, as a merged cell does.

The last column, ``zfgk数据``, holds what a cell cannot show: how each
entry is split into fields, the judgements recorded in the data, where
each row comes from in the source, and (in the first row) the catalogue's
own title, region and source.  With it, export then load gives back an
equal catalogue.  An officer may leave it out, or edit the visible cells:
an entry whose text changed gets its fields by the rules the packaged
catalogues are built with (:mod:`zfgk.fields`), and says so in its note.

>>> import pathlib, tempfile, zfgk
>>> from zfgk import spreadsheet
>>> path = pathlib.Path(tempfile.mkdtemp()) / "chongqing.csv"
>>> spreadsheet.write(zfgk.load("chongqing"), path)
>>> spreadsheet.read(path) == zfgk.load("chongqing")
True
"""

from __future__ import annotations

from zfgk.spreadsheet._layout import COLUMNS, DATA_COLUMN, DERIVED_NOTE, STANDARD_TOTAL
from zfgk.spreadsheet._read import read
from zfgk.spreadsheet._write import rows, write

__all__ = ["COLUMNS", "DATA_COLUMN", "DERIVED_NOTE", "STANDARD_TOTAL", "read", "rows", "write"]
