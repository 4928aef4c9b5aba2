"""Reading the Chongqing text: the annex table as tab-started cells.

The annex table follows the heading line ``重庆市保障性住房领域政务公开标准目录``.
A row is a block of lines separated by a blank line; a cell starts with a
tab at the start of a line and continues on the following lines that carry
no tab.  Item rows are the rows whose first cell is a number.
"""

from __future__ import annotations

from zfgk_build.rows import SourceError, SourceRow

HEADING = "\n重庆市保障性住房领域政务公开标准目录\n"


def read(text: str, name: str = "chongqing.txt") -> list[SourceRow]:
    """The item rows of the annex table, in order."""
    start = text.rindex(HEADING) + len(HEADING)
    line_no = text[:start].count("\n") + 1
    rows: list[SourceRow] = []
    for block in text[start:].split("\n\n"):
        first_line = line_no
        line_no += block.count("\n") + 2
        cells: list[str] = []
        for line in block.split("\n"):
            if line.startswith("\t"):
                cells.append(line[1:])
            elif cells:
                cells[-1] += "\n" + line
            elif line.strip():
                raise SourceError(f"{name} line {first_line}: text outside a cell")
        if cells and cells[0].strip().isdecimal():
            rows.append(SourceRow(first_line, tuple(cells)))
    return rows
