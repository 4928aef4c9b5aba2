"""Workbooks written back as officers made them, with only some cells changed (openpyxl).

:func:`mask_cells` writes the same workbook with only the given cells
changed, whichever way they were chosen, and checks that the old values are
gone from every part of the file written.  Cells are named as the sheet
shows them: sheet name, row and column counted from 1.  Output replaces a
file whole or not at all.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import attrs

from zfgk.errors import InvalidArgumentError, PrivacyError
from zfgk.i18n import N_

# With the tables/ refactor: atomic_binary comes from zfgk.tables._output.
from zfgk.tables._output import atomic_binary
from zfgk.tables._xlsx import (
    anchor,
    check_place,
    check_suffixes,
    compute_on_opening,
    coordinate,
    open_workbook,
    put,
    saved,
    sheet_named,
)

__all__ = ["CellKey", "MaskedWorkbook", "check_output", "coordinate", "mask_cells"]

#: A cell as the sheet shows it: (sheet name, row, column), row and column from 1.
CellKey = tuple[str, int, int]
#: Old values shorter than this, in ASCII only, cannot be told from the file's markup.
_SHORTEST_ASCII_NEEDLE = 6


@attrs.frozen
class MaskedWorkbook:
    """What :func:`mask_cells` wrote.

    ``cells`` is the number of cells changed (a merged range counts once);
    ``lost`` holds openpyxl's own (English) warnings about parts of the source
    it could not keep (shapes, images without Pillow, unsupported extensions).
    """

    path: Path
    cells: int
    lost: tuple[str, ...] = ()


def check_output(source: Path, output: Path) -> bool:
    """Refuse, before any work, a pair :func:`mask_cells` cannot write (an .xls as .xls).

    True when the source is converted (an .xls, .ods or .xlsb: its styles are not kept).

    >>> from pathlib import Path
    >>> from zfgk.tables.xlsx_edit import check_output
    >>> check_output(Path("名单.ods"), Path("公示.xlsx")), check_output(Path("名单.xlsx"), Path("公示.xlsx"))
    (True, False)
    >>> check_output(Path("名单.xls"), Path("公示.xls"))
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidArgumentError: 公示.xls: a .xls workbook can be written only as .xlsx, not .xls
    """
    return check_suffixes(Path(source), Path(output))


def mask_cells(source: Path, output: Path, changes: Mapping[CellKey, str]) -> MaskedWorkbook:
    """Write ``source`` to ``output`` with only the cells in ``changes`` set to their new text.

    ``changes`` maps (sheet name, row, column), counted from 1 as the sheet
    shows them, to the text the cell gets (the masked value).  A cell
    covered by a merged range changes the range's value.  Everything else
    stays as it was: titles, merged ranges, fonts, fills, borders,
    alignment, number formats, column widths, row heights, formulas, other
    sheets, footers, print settings.  Formulas are written without their
    stored results and computed again when the file is opened.

    An .xlsx or .xlsm source is written with its styles (an .xlsm keeps its
    macros when ``output`` is .xlsm too).  An .xls, .ods or .xlsb source is
    *converted*: read with python-calamine (:func:`~zfgk.tables.worksheets`,
    which refuses bombs) and written as .xlsx with its sheets (hidden ones
    hidden), cell values (dates as dates) and merged ranges, **but not
    its styles: no fonts, fills, borders, number formats, column widths or
    formulas** (a formula's last value is kept).  Columns are fitted to
    their text and sheets print landscape, one page wide.  ``output`` must
    then end in .xlsx.  Any other pairing raises
    :class:`~zfgk.errors.InvalidArgumentError`; a missing or broken source,
    :class:`~zfgk.errors.InputError`; an output that cannot be written,
    :class:`~zfgk.errors.OutputError`.  ``lost`` in the result lists what
    openpyxl said it could not keep.

    An .xlsx or .xlsm is checked for zip and XML bombs
    (:func:`~zfgk.tables.check_zip`) before openpyxl opens it.  Before the
    file is put in place, every part of it is searched for the
    old text of each changed cell (the text itself and as XML writes it):
    found anywhere but in a cell the caller left unchanged, it raises
    :class:`~zfgk.errors.PrivacyError` and nothing is written.  Old values
    in ASCII shorter than six characters cannot be told from the file's own
    markup and are not searched for.  The output is written atomically.

    >>> import pathlib, tempfile, openpyxl
    >>> from zfgk.tables.xlsx_edit import mask_cells
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     source = pathlib.Path(folder) / "名单.xlsx"
    ...     book = openpyxl.Workbook()
    ...     book.active.title = "退出名单"
    ...     book.active.append(["姓名", "身份证号"])
    ...     book.active.append(["许春梅", "44162219470406403X"])
    ...     book.active["B2"].font = openpyxl.styles.Font(bold=True)
    ...     book.save(source)
    ...     done = mask_cells(source, source.with_name("公示.xlsx"),
    ...                       {("退出名单", 2, 2): "441622********403X"})
    ...     sheet = openpyxl.load_workbook(done.path)["退出名单"]
    ...     print(done.cells, sheet["A2"].value, sheet["B2"].value, sheet["B2"].font.b)
    1 许春梅 441622********403X True
    """
    source, output = Path(source), Path(output)
    converted = check_suffixes(source, output)
    book, lost = open_workbook(source, converted, keep_vba=output.suffix.lower() == ".xlsm")
    olds = _apply(book, source, changes)
    # Formulas lose their stored results on writing: have them computed on opening.
    compute_on_opening(book)
    data = saved(book)
    _check_gone(data, olds, _remaining_text(book), source)
    with atomic_binary(output) as stream:
        stream.write(data)
    return MaskedWorkbook(path=output, cells=len(olds), lost=lost)


def _apply(book: Any, source: Path, changes: Mapping[CellKey, str]) -> dict[str, object]:
    """Set each changed cell (the anchor of a merged range); the old values by cell name."""
    targets: dict[tuple[str, str], str] = {}
    for (name, row, column), text in changes.items():
        sheet = sheet_named(book, source, name)
        check_place(source, name, row, column)
        if not isinstance(text, str):
            raise InvalidArgumentError.of(
                N_("{sheet}!{cell}: the new value must be text"),
                sheet=name,
                cell=coordinate(row, column),
            )
        first = anchor(sheet, row, column)
        if targets.setdefault((name, first), text) != text:
            raise InvalidArgumentError.of(
                N_("{sheet}!{cell}: two different new values for one merged range"),
                sheet=name,
                cell=first,
            )
    olds: dict[str, object] = {}
    for (name, place), text in targets.items():
        cell = book[name][place]
        olds[f"{name}!{place}"] = cell.value
        put(cell, text)
    return olds


def _remaining_text(book: Any) -> str:
    """Every value and formula of every cell of the written workbook, joined."""
    return "\0".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def _needles(value: object) -> tuple[bytes, ...]:
    """The forms in which an old value could sit in the file's XML; none if too short to tell."""
    if type(value).__name__ == "CellRichText":  # text in runs of several fonts
        value = str(value)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ()
    text = value if isinstance(value, str) else repr(value)
    if not text.strip() or (text.isascii() and len(text) < _SHORTEST_ASCII_NEEDLE):
        return ()
    return tuple(dict.fromkeys(form.encode("utf-8") for form in (text, escape(text))))


def _check_gone(data: bytes, olds: Mapping[str, object], remaining: str, source: Path) -> None:
    """Refuse if an old value remains anywhere in ``data`` but in a cell left unchanged."""
    forms = {cell: needles for cell, old in olds.items() if (needles := _needles(old))}
    every = {needle for needles in forms.values() for needle in needles}
    search = _search(every)
    kept = search.found(remaining.encode("utf-8"))
    owner = {
        needle: cell
        for cell, needles in forms.items()
        if needles[0] not in kept
        for needle in needles
    }
    if not owner:
        return
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for part in archive.namelist():
            found = search.found(archive.read(part), among=owner.keys())
            if found:
                raise PrivacyError.of(
                    N_(
                        "{path}: the old value of {cell} would remain in the written file "
                        "({part}); nothing was written"
                    ),
                    path=source,
                    cell=min(owner[needle] for needle in found),
                    part=part,
                )


#: The needles are first looked for by their first bytes (at most this many), then whole.
_PREFIX = 4


@attrs.frozen
class _Search:
    """Finds which of many byte strings occur in a text, overlapping too, at C speed.

    A regular expression of their distinct first bytes (a trie) finds where
    one may begin; a set lookup of each length there says which one does.
    (A pattern of the whole strings takes seconds to compile for ten
    thousand ID numbers; their first bytes are few.)
    """

    needles: frozenset[bytes]
    lengths: dict[bytes, tuple[int, ...]]
    pattern: re.Pattern[bytes]

    def found(self, text: bytes, among: Collection[bytes] | None = None) -> set[bytes]:
        """The needles (or those of ``among``) that occur in ``text``."""
        wanted = self.needles if among is None else self.needles & set(among)
        hits: set[bytes] = set()
        for match in self.pattern.finditer(text):
            start = match.start()
            for length in self.lengths[match[1]]:
                candidate = text[start : start + length]
                if candidate in wanted:
                    hits.add(candidate)
        return hits


def _search(needles: Iterable[bytes]) -> _Search:
    """A search for ``needles``, all cut to one length of first bytes."""
    every = frozenset(needles)
    size = min([_PREFIX, *map(len, every)])
    lengths: dict[bytes, set[int]] = {}
    for needle in every:
        lengths.setdefault(needle[:size], set()).add(len(needle))
    # The prefixes have one length, so none ends inside another: no optional branch.
    alternatives = _trie_pattern(lengths) if lengths else b"(?!)"
    return _Search(
        needles=every,
        lengths={prefix: tuple(sorted(sizes)) for prefix, sizes in lengths.items()},
        pattern=re.compile(b"(?=(" + alternatives + b"))"),
    )


def _trie_pattern(words: Iterable[bytes]) -> bytes:
    """A regular expression matching any of ``words``, each shared beginning written once.

    Python's ``re`` tries the branches of ``a|b|…`` one by one at every
    position; a trie's branches each begin with a different byte, so only
    one is followed.
    """
    trie: dict[int, Any] = {}
    for word in words:
        node = trie
        for byte in word:
            node = node.setdefault(byte, {})

    def branches(node: dict[int, Any]) -> bytes:
        parts = [re.escape(bytes([byte])) + branches(child) for byte, child in sorted(node.items())]
        if len(parts) <= 1:
            return b"".join(parts)
        return b"(?:" + b"|".join(parts) + b")"

    return branches(trie)
