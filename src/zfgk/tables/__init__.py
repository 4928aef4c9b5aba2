"""Reading tables as officers make them, and writing output atomically.

Delimited text (CSV, TSV, Excel's "Unicode text") in UTF-8, GB18030 or
UTF-16, read with one line reader and one CSV parser; JSON Lines; workbooks.
Rows are numbered as a spreadsheet shows them.  Output replaces a file whole
or not at all.

>>> import pathlib, tempfile
>>> from zfgk.tables import read_table
>>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.csv"
>>> _ = path.write_text("姓名,房号\\n张*,1-101\\n", encoding="gb18030")
>>> table = read_table(path)
>>> table.format.encoding, table.header, list(table.lists())
('gb18030', ['姓名', '房号'], [(2, ['张*', '1-101'])])
"""

from __future__ import annotations

from zfgk.tables._delimited import (
    delimited_table,
    quote_like,
    read_lines,
    read_records,
    sniff_delimiter,
    unquote,
)
from zfgk.tables._encodings import TextFormat, detect_encoding, open_text, resolve_encoding
from zfgk.tables._output import atomic_binary, atomic_output, make_folder
from zfgk.tables._read import jsonl_table, read_table
from zfgk.tables._table import Row, Table, Values, check_header
from zfgk.tables._workbooks import xlsx_table

__all__ = [
    "Row",
    "Table",
    "TextFormat",
    "Values",
    "atomic_binary",
    "atomic_output",
    "check_header",
    "delimited_table",
    "detect_encoding",
    "jsonl_table",
    "make_folder",
    "open_text",
    "quote_like",
    "read_lines",
    "read_records",
    "read_table",
    "resolve_encoding",
    "sniff_delimiter",
    "unquote",
    "xlsx_table",
]
