"""Reading tables as officers make them, and writing output atomically.

Workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods, through python-calamine),
delimited text (CSV, TSV, Excel's "Unicode text") in UTF-8, GB18030 or
UTF-16 with one line reader and one CSV parser, and JSON Lines.  A sheet is
read as a person sees it: the header under its title (found by the names
it holds), merged cells spread, footers and totals not taken for records,
rows numbered as the sheet shows them.  Hostile files are refused before
they are parsed.  Output replaces a file whole or not at all.

>>> import pathlib, tempfile
>>> from zfgk.tables import read_table
>>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.csv"
>>> _ = path.write_text("姓名,房号\\n张*,1-101\\n", encoding="gb18030")
>>> table = read_table(path)
>>> table.format.encoding, table.header, list(table.lists())
('gb18030', ['姓名', '房号'], [(2, ['张*', '1-101'])])
"""

from __future__ import annotations

from zfgk.formats import atomic_binary, atomic_output, check_zip, make_folder
from zfgk.tables._biff import BrokenFile, CompoundEntry, CompoundFile
from zfgk.tables._cells import CellText, cell_text, is_number, number_shown
from zfgk.tables._delimited import (
    CsvFormulas,
    delimited_table,
    quote_like,
    read_lines,
    read_records,
    sniff_delimiter,
    unquote,
)
from zfgk.tables._encodings import TextFormat, detect_encoding, open_text, resolve_encoding
from zfgk.tables._footers import FOOTER_LABELS, TOTAL_WORDS, footer_labels, total_word
from zfgk.tables._layout import (
    HEADER_SCAN_ROWS,
    ROW_NUMBER_HEADERS,
    KnownNames,
    find_header,
    head_rows,
    header_names,
    lay_out,
)
from zfgk.tables._number_formats import text_section
from zfgk.tables._parts import WorkbookPart, embedded_files, workbook_parts
from zfgk.tables._places import column_letters, column_number
from zfgk.tables._read import JSON_LINES_SUFFIXES, is_json_lines, jsonl_table, read_table
from zfgk.tables._sniff import FileKind, holds_workbook, sniff
from zfgk.tables._table import Row, RowKind, SkippedRows, Table, Values, check_header
from zfgk.tables._workbooks import (
    SheetStream,
    Worksheet,
    choose_sheet,
    sheet_rows,
    stream_sheets,
    workbook_cells,
    workbook_table,
    worksheets,
)
from zfgk.tables._xls_parts import property_texts

__all__ = [
    "FOOTER_LABELS",
    "HEADER_SCAN_ROWS",
    "JSON_LINES_SUFFIXES",
    "ROW_NUMBER_HEADERS",
    "TOTAL_WORDS",
    "BrokenFile",
    "CellText",
    "CompoundEntry",
    "CompoundFile",
    "CsvFormulas",
    "FileKind",
    "KnownNames",
    "Row",
    "RowKind",
    "SheetStream",
    "SkippedRows",
    "Table",
    "TextFormat",
    "Values",
    "WorkbookPart",
    "Worksheet",
    "atomic_binary",
    "atomic_output",
    "cell_text",
    "check_header",
    "check_zip",
    "choose_sheet",
    "column_letters",
    "column_number",
    "delimited_table",
    "detect_encoding",
    "embedded_files",
    "find_header",
    "footer_labels",
    "head_rows",
    "header_names",
    "holds_workbook",
    "is_json_lines",
    "is_number",
    "jsonl_table",
    "lay_out",
    "make_folder",
    "number_shown",
    "open_text",
    "property_texts",
    "quote_like",
    "read_lines",
    "read_records",
    "read_table",
    "resolve_encoding",
    "sheet_rows",
    "sniff",
    "sniff_delimiter",
    "stream_sheets",
    "text_section",
    "total_word",
    "unquote",
    "workbook_cells",
    "workbook_parts",
    "workbook_table",
    "worksheets",
]
