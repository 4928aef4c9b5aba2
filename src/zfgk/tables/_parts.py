"""What an .xlsx or .xlsm publishes outside its cells' values (internal).

Comments, hyperlinks (a ``tel:`` link), page headers and footers, defined
names, formulas and the document's properties travel with a workbook but
are not cells: python-calamine does not read them.  :func:`workbook_parts`
gives their texts, part by part, for the checks that search them.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

from zfgk.errors import InputError
from zfgk.i18n import N_
from zfgk.tables._guard import check_zip

__all__ = ["workbook_parts"]

#: Parts whose texts are the cells' values, read as cells.
_CELL_PARTS = frozenset({"xl/sharedStrings.xml"})
#: In a sheet, the elements that hold a cell's value (read as cells).
_CELL_VALUES = frozenset({"v", "t"})
#: A text shorter than this cannot show a birth date's digits.
_SHORTEST = 7


def workbook_parts(path: Path) -> Iterator[tuple[str, str]]:
    """(part, text) of each text and attribute value of an .xlsx outside its cells' values.

    The zip is checked first (:func:`~zfgk.tables.check_zip`: no bomb, no
    entity declarations).  Texts shorter than seven characters are left out.

    >>> import pathlib, tempfile
    >>> import openpyxl
    >>> from openpyxl.comments import Comment
    >>> from zfgk.tables._parts import workbook_parts
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.xlsx"
    >>> book = openpyxl.Workbook()
    >>> book.active["A1"] = "张*"
    >>> book.active["A1"].comment = Comment("已核实 电话 13812345678", "经办人")
    >>> book.save(path)
    >>> [part for part, text in workbook_parts(path) if "13812345678" in text]
    ['xl/comments/comment1.xml']
    """
    check_zip(path)
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            name = info.filename
            if name in _CELL_PARTS or not name.endswith((".xml", ".rels")):
                continue
            in_sheet = name.startswith("xl/worksheets/")
            with archive.open(info) as stream:
                try:
                    for _, element in ElementTree.iterparse(stream, events=("end",)):
                        tag = element.tag.rsplit("}", 1)[-1]
                        text = element.text
                        if (
                            text
                            and len(text) >= _SHORTEST
                            and not (in_sheet and tag in _CELL_VALUES)
                        ):
                            yield name, text
                        for value in element.attrib.values():
                            if len(value) >= _SHORTEST:
                                yield name, value
                        element.clear()
                except ElementTree.ParseError:
                    raise InputError.of(
                        N_("{path}: the part {part} of the workbook is not well-formed XML"),
                        path=path,
                        part=name,
                    ) from None
