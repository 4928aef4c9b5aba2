"""The form every reader produces: table rows with their cells verbatim."""

from __future__ import annotations

import attrs

from zfgk import spreadsheet

#: The eight text columns shared by both catalogues' tables, in order: the
#: first eight of the catalogue sheet's columns.
COLUMNS = spreadsheet.COLUMNS[:8]

#: The number of items of the full standard table.
TOTAL_ITEMS = spreadsheet.STANDARD_TOTAL


class SourceError(Exception):
    """The source text does not have the layout the reader or builder expects."""


@attrs.frozen
class SourceRow:
    """One row of a source table.

    ``line`` is the line of the source text where the row starts; ``cells``
    are the row's cells verbatim, the eight text columns of :data:`COLUMNS`
    first, then the mark cells (as many as the source gives).
    """

    line: int
    cells: tuple[str, ...]

    @property
    def number(self) -> int:
        """The row's 序号."""
        return int(self.cells[0])

    def cell(self, column: str) -> str:
        """The text of one of the eight text columns."""
        return self.cells[COLUMNS.index(column)]

    @property
    def marks(self) -> tuple[str, ...]:
        """The mark cells after the text columns."""
        return self.cells[len(COLUMNS) :]
