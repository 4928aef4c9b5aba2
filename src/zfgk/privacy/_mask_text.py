"""Masking a CSV or text export as the catalogue asks, byte for byte: :func:`mask_delimited`.

The header is found as ``zfgk check`` finds it (under a title, over two
rows; :func:`zfgk.tables.lay_out`), with the names :func:`mask_workbook`
knows; the records are masked cell by cell by the plan of that header; the
title, header, blank and footer rows are written through with only full ID
and mobile numbers redacted.  Every byte not masked is kept: the encoding,
the separator, the quotes and the line endings.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TextIO

import attrs

from zfgk.errors import PrivacyError
from zfgk.headers import ColumnMatcher
from zfgk.i18n import N_, Message
from zfgk.model import Item, PersonalKind
from zfgk.privacy._find import redact
from zfgk.privacy._records import MaskedColumn, MaskPlan, plan_with
from zfgk.privacy._workbook import header_names
from zfgk.tables import (
    SkippedRows,
    TextFormat,
    Values,
    atomic_output,
    lay_out,
    quote_like,
    read_records,
    unquote,
)

__all__ = ["TextMasked", "mask_delimited"]

#: The most cells an error names; the rest are counted.
_CELLS_NAMED = 20

_Record = tuple[str, list[tuple[int, int]]]


@attrs.frozen
class TextMasked:
    """What :func:`mask_delimited` wrote.

    ``header_rows`` are the header's first and last rows; ``records`` the
    rows masked by the plan of that header; ``columns`` each column masked
    whole with the number of its cells changed; ``redacted`` the other
    cells (records, titles, footers) that held a full ID or mobile number,
    masked where they stand; ``notes`` the title, footer and total rows,
    as ``zfgk check`` names them; ``blank_rows`` the empty rows kept.
    """

    path: Path
    format: TextFormat
    header_rows: tuple[int, int]
    records: int
    columns: tuple[tuple[MaskedColumn, int], ...]
    redacted: int
    notes: tuple[SkippedRows, ...] = ()
    blank_rows: int = 0

    @property
    def cells(self) -> int:
        """The cells changed, in all.

        >>> from pathlib import Path
        >>> from zfgk.privacy import TextMasked
        >>> from zfgk.tables import TextFormat
        >>> TextMasked(Path("公示.csv"), TextFormat("utf-8"), (1, 1), 3, (), 2).cells
        2
        """
        return sum(n for _, n in self.columns) + self.redacted


def mask_delimited(
    path: Path,
    output: Path,
    *,
    item: Item | None = None,
    names: bool = False,
    phones: bool = False,
    columns: Mapping[str, PersonalKind | None] | None = None,
    ignore: Iterable[str] = (),
    encoding: str | None = None,
) -> TextMasked:
    """Write the CSV or text file ``path`` to ``output`` with only the values to hide changed.

    The file is read as ``zfgk check`` reads it: the header under any title,
    found by the item's field names (without an item, by the names of
    personal columns), as :func:`mask_workbook` finds it.  Its records are
    masked cell by cell by :func:`~zfgk.privacy.mask_plan` with ``item``,
    ``names``, ``phones``, ``columns`` and ``ignore``; the rows that are not
    records (titles, the header, blank rows, signatures and totals under
    the data) are never masked by column, only searched for full ID and
    mobile numbers (:func:`~zfgk.redact`).  Every other byte is kept, and
    the encoding (``encoding`` forces the input's) and separator.

    Fails closed: a value that cannot be masked raises
    :class:`~zfgk.PrivacyError` naming its row and column, never the
    value, and nothing is written.  The output is written atomically.

    >>> import pathlib, tempfile, zfgk
    >>> from zfgk.privacy import mask_delimited
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "名单.csv").write_text(
    ...     "2026年第二批自愿退出名单,,\\n序号,原保障对象姓名,身份证号\\n"
    ...     "1,许春梅,44162219470406403X\\n制表人：张三,,\\n", encoding="utf-8")
    >>> done = mask_delimited(folder / "名单.csv", folder / "公示.csv",
    ...                       item=zfgk.load("chongqing").item(22))
    >>> print((folder / "公示.csv").read_text(encoding="utf-8"), end="")
    2026年第二批自愿退出名单,,
    序号,原保障对象姓名,身份证号
    1,许春梅,441622********403X
    制表人：张三,,
    >>> done.header_rows, done.records, [(c.header, n) for c, n in done.columns]
    ((2, 2), 1, [('身份证号', 1)])
    >>> [str(note.message) for note in done.notes]
    ['row 1: title 2026年第二批自愿退出名单, not a record', 'row 4: footer (制表人), not a record']
    """
    path, output = Path(path), Path(output)
    matcher = ColumnMatcher(item, ignore=ignore) if item is not None else None
    named = dict(columns or {})
    fmt, records = read_records(path, encoding)
    pending: dict[int, _Record] = {}

    def rows() -> Iterator[Values]:
        for row, text, spans in records:
            pending[row] = (text, spans)
            yield row, [unquote(text[a:b]) for a, b in spans]

    table = lay_out(rows(), path, header_names(matcher, named), fmt=fmt)
    header = table.header or []
    plan = plan_with(header, matcher, names=names, phones=phones, columns=named)
    with atomic_output(output, fmt.encoding) as out:
        writer = _Writer(plan, header, fmt.delimiter, out)
        for row, _ in table.lists():
            while (first := next(iter(pending))) < row:  # titles, the header, blank rows
                writer.write(first, pending.pop(first), record=False)
            writer.write(row, pending.pop(row), record=True)
        for row, text_spans in pending.items():  # footers, totals, blank rows at the end
            writer.write(row, text_spans, record=False)
        if writer.failures:
            raise _cannot_mask(path, output, writer.failures)
    return TextMasked(
        path=output,
        format=fmt,
        header_rows=table.header_rows or (1, 1),
        records=table.record_count,
        columns=tuple((c, writer.counts.get(i, 0)) for i, c in plan.columns.items()),
        redacted=writer.redacted,
        notes=tuple(table.notes),
        blank_rows=table.blank_rows,
    )


@attrs.define
class _Writer:
    """Writes each row with its cells masked in place, and counts what changed."""

    plan: MaskPlan
    header: Sequence[str]
    delimiter: str
    out: TextIO
    counts: dict[int, int] = attrs.Factory(dict)
    redacted: int = 0
    failures: list[Message] = attrs.Factory(list)

    def write(self, row: int, text_spans: _Record, *, record: bool) -> None:
        """Write one row: a record masked by the plan, any other row only redacted."""
        text, spans = text_spans
        pieces, position = [], 0
        for index, (a, b) in enumerate(spans):
            value = unquote(text[a:b])
            try:
                new = self.plan.mask(index, value) if record else redact(value)
            except ValueError as e:  # PrivacyError among them: never the value
                reason = e.as_message() if isinstance(e, PrivacyError) else str(e)
                column = self.header[index] if index < len(self.header) else index + 1
                self.failures.append(
                    Message(
                        N_("row {row}, column {column}: {message}"),
                        row=row,
                        column=column,
                        message=reason,
                    )
                )
                continue
            if new != value:
                if record and index in self.plan.columns:
                    self.counts[index] = self.counts.get(index, 0) + 1
                else:
                    self.redacted += 1
                pieces += [text[position:a], quote_like(text[a:b], new, self.delimiter)]
                position = b
        pieces.append(text[position:])
        self.out.write("".join(pieces))


class _Joined(Message):
    """Messages said one after another, in one language."""

    __slots__ = ("parts",)

    def __init__(self, parts: Sequence[Message]) -> None:
        super().__init__("")
        self.parts = parts

    def localized(self, language: str) -> str:
        """The parts in ``language``, separated by semicolons."""
        return "; ".join(part.localized(language) for part in self.parts)


def _cannot_mask(path: Path, output: Path, failures: Sequence[Message]) -> PrivacyError:
    """One error naming the cells that cannot be masked (never their values)."""
    more = len(failures) - _CELLS_NAMED
    named = _Joined(failures[:_CELLS_NAMED])
    template = (
        N_(
            "{path}: {cells}; 1 value could not be masked; nothing was written to {output}. "
            "Correct it (or blank it) and run again."
        )
        if len(failures) == 1
        else N_(
            "{path}: {cells} (+{more}); {count} values could not be masked; nothing was written "
            "to {output}. Correct them (or blank them) and run again."
        )
        if more > 0
        else N_(
            "{path}: {cells}; {count} values could not be masked; nothing was written to "
            "{output}. Correct them (or blank them) and run again."
        )
    )
    return PrivacyError.of(
        template, path=path, cells=named, more=more, count=len(failures), output=output
    )
