"""Writing a document back with some texts or cells changed, every other byte kept (internal)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, cast

from zfgk.documents._parts import CellEdits, Document, Lost, TextEdits
from zfgk.errors import DocumentError, MaskUnsupportedError
from zfgk.formats import ENCODINGS, Kind, atomic_binary, atomic_output
from zfgk.i18n import N_, Message
from zfgk.tables import open_text, quote_like, read_records

__all__ = [
    "cannot_write",
    "write_cells",
    "write_delimited",
    "write_single",
    "write_text",
]


def cannot_write(document: Document) -> MaskUnsupportedError:
    """The error of writing back a kind zfgk cannot write."""
    if document.kind is Kind.PDF:
        return MaskUnsupportedError.of(
            N_(
                "{path}: a PDF cannot be masked in place: mask the document it was made from "
                "(.docx, .html) with zfgk and export the PDF again"
            ),
            path=document.path,
        )
    if document.kind in (Kind.DOC, Kind.WPS):
        return MaskUnsupportedError.of(
            N_(
                "{path}: a Word 97-2003 .doc cannot be masked in place: save it in Word or WPS "
                "as .docx, and mask that with zfgk"
            ),
            path=document.path,
        )
    return MaskUnsupportedError.of(
        N_("{path}: {kind} cannot be written back by zfgk: mask the document it was made from"),
        path=document.path,
        kind=Message(document.kind.label),
    )


def _no_cells(document: Document, cells: CellEdits) -> None:
    """A document of one text has cells only in the files it carries: they are not rewritten."""
    if cells:
        raise MaskUnsupportedError.of(
            N_(
                "{path}: a full ID or mobile number in a file inside the document, which zfgk "
                "cannot change in place: mask that file and attach it again"
            ),
            path=document.path,
        )


def _only_text(document: Document, texts: TextEdits) -> str | None:
    """The new text of a document that is one text, or None when it does not change."""
    for key in texts:
        if not any(t.key == key for t in document.texts):
            raise ValueError(f"no text {key!r} in the document")
    new = texts.get(document.texts[0].key) if document.texts else None
    if new is not None and len(new) != len(document.texts[0].text):
        raise DocumentError.of(
            N_(
                "{path}: the new text has {new} characters where the document has {old}; "
                "only a text of the same length can be written back"
            ),
            path=document.path,
            new=len(new),
            old=len(document.texts[0].text),
        )
    return new


def write_single(document: Document, output: Path, texts: TextEdits, cells: CellEdits) -> Lost:
    """A page or a Word file: its one text changed where its source shows each character."""
    _no_cells(document, cells)
    new = _only_text(document, texts)
    text = document.texts[0]
    text.where.write(output, text.text, text.text if new is None else new)  # type: ignore[union-attr]
    return ()


def write_text(document: Document, output: Path, texts: TextEdits, cells: CellEdits) -> Lost:
    """A text file: its characters changed in place, in its encoding, its BOM kept."""
    _no_cells(document, cells)
    new = _only_text(document, texts)
    encoding = document.details["encoding"]
    codec, bom = ENCODINGS.get(encoding, (encoding, b""))
    errors = "surrogatepass" if codec.startswith("utf-16") else "surrogateescape"
    with open_text(document.path, encoding) as f:
        original = f.read()
    text = original if new is None else new
    with atomic_binary(output) as out:
        out.write(bom + text.encode(codec, errors))
    return ()


def write_delimited(document: Document, output: Path, texts: TextEdits, cells: CellEdits) -> Lost:
    """A CSV file: the changed fields rewritten (quoted as they were), every other byte kept."""
    if texts:
        raise TypeError("a CSV file has no texts to change: change its cells")
    fmt, records = read_records(document.path, document.details["encoding"])
    by_row: dict[int, dict[int, str]] = {}
    for (_, row, column), value in cells.items():
        by_row.setdefault(row, {})[column] = value
    with atomic_output(output, fmt.encoding) as out:
        for row, text, spans in records:
            changed = by_row.get(row)
            if not changed:
                out.write(text)
                continue
            pieces, position = [], 0
            for index, (a, b) in enumerate(spans):
                new = changed.get(index + 1)
                if new is not None:
                    pieces += [text[position:a], quote_like(text[a:b], new, fmt.delimiter)]
                    position = b
            pieces.append(text[position:])
            out.write("".join(pieces))
    return ()


def write_cells(document: Document, output: Path, texts: TextEdits, cells: CellEdits) -> Lost:
    """A workbook: only the changed cells written (an .xls, .ods or .xlsb becomes an .xlsx)."""
    from zfgk.workbooks import mask_cells

    if TYPE_CHECKING:
        from zfgk.workbooks import CellKey

    if texts:
        raise MaskUnsupportedError.of(
            N_(
                "{path}: zfgk changes only the cells of a workbook, not its comments, headers, "
                "footers, names, properties, pictures or the files embedded in it"
            ),
            path=document.path,
        )
    # A workbook's sheets are keyed by their names: the edits are given as they are, never
    # copied (a masked list of two million rows holds two million edits).
    if not all(type(sheet) is str for sheet in {key[0] for key in cells}):
        raise TypeError("a workbook's cell edits are keyed by sheet names")
    done = mask_cells(document.path, output, cast("Mapping[CellKey, str]", cells))
    # What a converted workbook lost, as messages (said in the command's language when shown).
    return done.lost
