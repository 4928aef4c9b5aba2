"""Reading the Shanyin text: a PDF table extracted one line per row.

Cells are separated by tabs, with ``<p>``/``<ul>``/``<li>`` fragments left
in.  Rows without a number hold only a fragment of a merged cell whose items
the source does not give (the tail of the 公开依据 of items 1–2); they are
returned apart, as fragments.
"""

from __future__ import annotations

import html
import re

import attrs

from zfgk_build.rows import COLUMNS, SourceError, SourceRow

TAGS = re.compile(r"</?(?:p|ul|li)\b[^>]*>")


def clean(cell: str) -> str:
    """A cell's text without its HTML fragments and entities, stripped."""
    return html.unescape(TAGS.sub(" ", cell)).strip()


@attrs.frozen
class Fragment:
    """A row without a number: the filled cells it holds, by column."""

    line: int
    cells: tuple[tuple[str, str], ...]


def read(text: str, name: str = "shanyin.txt") -> tuple[list[SourceRow], list[Fragment]]:
    """The numbered rows, in order, and the fragments of rows without a number."""
    rows: list[SourceRow] = []
    fragments: list[Fragment] = []
    for line_no, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) < len(COLUMNS):
            raise SourceError(f"{name} line {line_no}: {len(cells)} cells")
        if not cells[0].strip():
            filled = tuple(
                (COLUMNS[i] if i < len(COLUMNS) else "?", c)
                for i, c in enumerate(cells)
                if c.strip()
            )
            fragments.append(Fragment(line_no, filled))
            continue
        rows.append(SourceRow(line_no, tuple(cells)))
    return rows, fragments
