"""An .xls, .ods or .xlsb written as .xlsx, with what of its look can be read (internal).

There is no editing those formats in place: the values are read by the
guarded reader (:func:`zfgk.tables.worksheets`, python-calamine), the look
by the format's own reader, and a new .xlsx is built (:class:`BookBuilder`),
which the room then edits like any other.

- .xls: its formatting through xlrd: fonts, fills, borders, alignment,
  number formats, merged ranges, column widths, row heights, hidden rows
  and columns, frozen panes.
- .ods: its styles from content.xml and styles.xml: the same, and the
  page's orientation.
- .xlsb: values and merged ranges only (nothing reads its styles); columns
  are fitted to their text and sheets print landscape, one page wide.

What could not be kept (formulas, whose last values are kept; comments;
images and charts; …) is said, as messages, for the summary.
"""

from __future__ import annotations

from pathlib import Path

from zfgk.formats import Kind, kind_of
from zfgk.i18n import Message
from zfgk.tables import worksheets
from zfgk.workbooks._build import BookBuilder
from zfgk.workbooks._kept import plain
from zfgk.workbooks._ods import OdsLook
from zfgk.workbooks._xls import XlsLook

__all__ = ["convert"]


def convert(source: Path, target: Path) -> tuple[Message, ...]:
    """Write the .xls, .ods or .xlsb ``source`` as the .xlsx ``target``; what could not be kept."""
    sheets = list(worksheets(source))  # refuses hostile files before anything else reads them
    kind = kind_of(source)
    builder = BookBuilder(target)
    try:
        if kind in (Kind.XLS, Kind.ET):  # WPS saves an .et as an .xls (else not read at all)
            lost = XlsLook(source).build(builder, sheets)
        elif kind is Kind.ODS:
            lost = OdsLook(source).build(builder, sheets)
        else:
            lost = plain(builder, sheets)
        builder.close()
    except BaseException:
        builder.abandon()
        target.unlink(missing_ok=True)
        raise
    return tuple(Message(text) for text in lost)
