"""Where the header and the records of a sheet are, as a person reading it sees them.

A title above the header, a header of two rows, blank rows, and signatures,
notes and totals under the data: the header is found by the names it holds,
the rest is skipped and named in a note.  Row numbers stay the sheet's own.
The same for every format: a CSV saved from such a sheet reads the same.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path

from zfgk._arguments import quiet
from zfgk.errors import InputError
from zfgk.i18n import N_
from zfgk.tables._encodings import TextFormat
from zfgk.tables._footers import footer_labels, total_word
from zfgk.tables._table import RowKind, SkippedRows, Table, Values, check_header

__all__ = [
    "HEADER_SCAN_ROWS",
    "ROW_NUMBER_HEADERS",
    "KnownNames",
    "find_header",
    "head_rows",
    "header_names",
    "lay_out",
]

#: How many rows that are not blank may stand above and at the header (titles, notes).
HEADER_SCAN_ROWS = 30
#: Column names of the running number nearly every list has.
ROW_NUMBER_HEADERS = frozenset({"序号"})
#: The names that count as headers: a set of names, or a test of one.
KnownNames = Callable[[str], bool] | Collection[str]

_SPACE = re.compile(r"\s+")
#: First characters of footer labels and total words: a row starting otherwise is data.
_FOOTER_STARTS = frozenset("制填审复负单经联监日注备说附合总小")
#: First characters of a row's first cell that call for a closer look (blank? footer?).
_LOOK_CLOSER = _FOOTER_STARTS | frozenset(" \t\r\n\u3000\xa0")
_TITLE_WIDTH = 30
#: The most rows looked at for the header, blank ones included.
_HEAD_LIMIT = 1000


def _matcher(known: KnownNames | None) -> Callable[[str], bool]:
    if known is None:
        test: Callable[[str], bool] = ROW_NUMBER_HEADERS.__contains__
    elif callable(known):
        test = known
    else:
        test = frozenset(known).__contains__

    def is_known(name: str) -> bool:
        name = name.strip()
        squeezed = _SPACE.sub("", name)
        return bool(name) and (
            name in ROW_NUMBER_HEADERS
            or squeezed in ROW_NUMBER_HEADERS
            or test(name)
            or (squeezed != name and test(squeezed))
        )

    return is_known


def _filled(values: Sequence[str]) -> list[str]:
    return [v.strip() for v in values if v and not v.isspace()]


def _score(values: Sequence[str], is_known: Callable[[str], bool]) -> int:
    return sum(1 for name in set(_filled(values)) if is_known(name))


def _combine(upper: Sequence[str], lower: Sequence[str]) -> list[str]:
    """Two header rows as one: the lower cell's name, else the upper's (merged over it)."""
    width = max(len(upper), len(lower))
    names = []
    for i in range(width):
        low = lower[i].strip() if i < len(lower) else ""
        names.append(low or (upper[i].strip() if i < len(upper) else ""))
    return names


def _titled(rows: Sequence[Values]) -> int:
    """The index of the first row that is not a title (one value alone, above wider rows)."""
    widths = [len(set(_filled(values))) for _, values in rows]
    for index, width in enumerate(widths):
        if width == 1 and any(w > 1 for w in widths[index + 1 :]):
            continue
        if width:
            return index
    return next((i for i, w in enumerate(widths) if w), 0)


def find_header(
    rows: Sequence[Values], known: KnownNames | None = None, header_row: int | None = None
) -> tuple[int, int] | None:
    """Indexes in ``rows`` of the header's first and last row (the same for one row), or None.

    ``rows`` are the first rows of a sheet, (row number, values).  With
    ``header_row`` the header is that row (as the sheet numbers it); else
    the row holding the most ``known`` names; else the first row that is
    not a title.  The row under it joins it when the two read as one
    header with more known names, and the row over it when it holds known
    names too (the upper half of a header of two rows).

    >>> from zfgk.tables import find_header
    >>> sheet = [
    ...     (1, ["2026年第三批公共租赁住房分配结果公示", "", "", ""]),
    ...     (2, ["序号", "保障对象姓名", "房屋信息", ""]),
    ...     (3, ["", "", "房号", "面积"]),
    ...     (4, ["1", "张*", "1-2-301", "45.6"]),
    ... ]
    >>> find_header(sheet, {"保障对象姓名", "房号", "面积"})
    (1, 2)
    >>> find_header(sheet[3:], header_row=4), find_header([(1, ["", ""])]) is None
    ((0, 0), True)
    """
    is_known = _matcher(known)
    if not any(_filled(values) for _, values in rows):
        return None
    if header_row is not None:
        index = next((i for i, (number, _) in enumerate(rows) if number == header_row), None)
        if index is None:
            return None
        return index, _lower_half(rows, index, is_known)
    scores = [_score(values, is_known) for _, values in rows]
    best = max(scores)
    if best == 0:
        index = _titled(rows)
        return index, _lower_half(rows, index, is_known)
    index = scores.index(best)
    if index > 0 and scores[index - 1] > 0 and rows[index - 1][0] == rows[index][0] - 1:
        return index - 1, index
    return index, _lower_half(rows, index, is_known)


def _lower_half(rows: Sequence[Values], index: int, is_known: Callable[[str], bool]) -> int:
    """``index + 1`` if the next row completes the header's names, else ``index``."""
    if index + 1 >= len(rows) or rows[index + 1][0] != rows[index][0] + 1:
        return index
    upper, lower = rows[index][1], rows[index + 1][1]
    if _score(_combine(upper, lower), is_known) > _score(upper, is_known):
        return index + 1
    return index


def _trimmed(values: list[str], width: int) -> list[str]:
    while len(values) > width and not (values[-1] and not values[-1].isspace()):
        values.pop()
    return values


def _blank(values: Sequence[str]) -> bool:
    return not any(v and not v.isspace() for v in values)


def _footer(values: Sequence[str]) -> tuple[RowKind, str] | None:
    """What a row would be if it came after the data: a footer, a total, or None."""
    first = next((v for v in values if v and not v.isspace()), "")
    if first.lstrip()[:1] not in _FOOTER_STARTS:
        return None
    word = total_word(values)
    if word is not None:
        return RowKind.TOTAL, word
    labels = footer_labels(values)
    return None if labels is None else (RowKind.FOOTER, ", ".join(labels))


def _group(kind: RowKind, found: list[tuple[int, str]]) -> list[SkippedRows]:
    """Consecutive rows of one kind as one note (their texts joined, each once)."""
    notes: list[SkippedRows] = []
    for number, text in found:
        last = notes[-1] if notes else None
        if last is not None and last.kind is kind and last.last == number - 1:
            texts = last.text.split(", ")
            merged = ", ".join(texts + [t for t in text.split(", ") if t not in texts])
            notes[-1] = SkippedRows(kind, last.first, number, merged)
        else:
            notes.append(SkippedRows(kind, number, number, text))
    return notes


def lay_out(
    rows: Iterator[Values],
    path: Path,
    known: KnownNames | None = None,
    header_row: int | None = None,
    fmt: TextFormat | None = None,
) -> Table:
    """The :class:`Table` of a sheet's rows: its header found, titles and footers noted.

    ``rows`` are (row number, values) as the sheet shows them, blank rows
    included.  The records stream: a footer-like row is held back until a
    record follows it (then it is a record too) or the sheet ends (then it
    is a footer, in ``table.notes``).
    """
    head = _head(rows, header_row)
    found = find_header(head, known, header_row)
    if found is None:
        if header_row is not None:
            raise InputError.of(
                N_("{path}: there is no row {row} to be the header"), path=path, row=header_row
            )
        raise InputError.of(N_("{path}: the sheet is empty"), path=path)
    upper, lower = found
    if _blank(head[upper][1]):
        raise InputError.of(
            N_("{path}: row {row} is empty: it cannot be the header"), path=path, row=header_row
        )
    names = head[upper][1] if upper == lower else _combine(head[upper][1], head[lower][1])
    header = _trimmed([name.strip() for name in names], 0)
    check_header(header, path, head[upper][0])
    table = Table(header, fmt=fmt)
    table.header_rows = (head[upper][0], head[lower][0])
    titles = [(number, _title(values)) for number, values in head[:upper] if not _blank(values)]
    table.set_aside.extend(
        (number, values) for number, values in head[: lower + 1] if not _blank(values)
    )
    table.blank_rows = upper - len(titles)
    table.notes.extend(_group(RowKind.TITLE, titles))
    table.set_lists(_records(table, itertools.chain(head[lower + 1 :], rows), len(header)))
    return table


def head_rows(rows: Iterator[Values], header_row: int | None = None) -> list[Values]:
    """The first rows of a sheet, where :func:`find_header` looks for the header.

    :data:`HEADER_SCAN_ROWS` rows that are not blank (and the blank rows
    among them), or up to the row after ``header_row``; ``rows`` goes on
    after them.

    >>> from zfgk.tables import head_rows
    >>> rows = iter([(1, ["标题"]), (2, ["姓名", "房号"]), (3, ["张*", "1-101"])])
    >>> head_rows(rows, header_row=2), list(rows)
    ([(1, ['标题']), (2, ['姓名', '房号']), (3, ['张*', '1-101'])], [])
    """
    return _head(rows, header_row)


def header_names(head: Sequence[Values], found: tuple[int, int]) -> list[str]:
    """The names of the header :func:`find_header` found in ``head`` (two rows read as one).

    >>> from zfgk.tables import find_header, header_names
    >>> head = [(1, ["序号", "保障对象姓名", "房屋信息", ""]), (2, ["", "", "房号", "面积"])]
    >>> header_names(head, find_header(head, {"保障对象姓名", "房号", "面积"}))
    ['序号', '保障对象姓名', '房号', '面积']
    """
    upper, lower = found
    names = head[upper][1] if upper == lower else _combine(head[upper][1], head[lower][1])
    return _trimmed([name.strip() for name in names], 0)


def _head(rows: Iterator[Values], header_row: int | None) -> list[Values]:
    """The first rows, where the header is: :data:`HEADER_SCAN_ROWS` that are not blank
    (blank rows above them do not count), or up to the row after ``header_row``."""
    head: list[Values] = []
    filled = 0
    for number, values in rows:
        head.append((number, values))
        if header_row is not None:
            if number > header_row:
                break
            continue
        filled += not _blank(values)
        if filled >= HEADER_SCAN_ROWS or len(head) >= _HEAD_LIMIT:
            break
    return head


def _title(values: Sequence[str]) -> str:
    """A title row's text for a note: its long numbers left out (a note is printed), shortened."""
    text = quiet(" ".join(dict.fromkeys(_filled(values))))
    return text if len(text) <= _TITLE_WIDTH else text[: _TITLE_WIDTH - 1] + "…"


def _records(table: Table, rows: Iterator[Values], width: int) -> Iterator[Values]:
    held: list[tuple[int, list[str], tuple[RowKind, str]]] = []
    for number, values in rows:
        if len(values) > width:
            _trimmed(values, width)  # in place
        start = values[0][:1] if values else ""
        if start and start not in _LOOK_CLOSER and not held:
            table.record_count += 1  # the common case: a record, quickly
            yield number, values
            continue
        if _blank(values):
            table.blank_rows += 1
            continue
        footer = _footer(values)
        if footer is not None:
            held.append((number, values, footer))
            continue
        for row in held:  # footer-like rows in the middle of the data are records
            table.record_count += 1
            yield row[0], row[1]
        held.clear()
        table.record_count += 1
        yield number, values
    for kind in RowKind:
        table.notes.extend(_group(kind, [(n, f[1]) for n, _, f in held if f[0] is kind]))
    table.set_aside.extend((n, values) for n, values, _ in held)
    table.notes.sort(key=lambda note: note.first)
