"""A file read once into the parts a reader or a crawler gets, each with its place (internal).

Every reader gives a :class:`Document`: its texts (a page, the body of a
Word file, a comment, a sheet's header), its sheets (rows of cells, read as
the sheet shows them) and the parts it could not read, with why.  The tasks
of :mod:`zfgk.files` judge the same parts the same way, and a writer turns
the changes they decide back into the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import attrs

from zfgk._arguments import quiet
from zfgk.formats import Kind
from zfgk.i18n import N_, Message, translate

__all__ = [
    "PART_WORDS",
    "CellEdits",
    "Document",
    "Location",
    "Lost",
    "Sheet",
    "Text",
    "TextEdits",
    "Unread",
    "column_letter",
]

#: The words that name the parts of a file beside its body, as :attr:`Location.part` holds them.
PART_WORDS = (
    N_("comment"),
    N_("header"),
    N_("footer"),
    N_("name"),
    N_("properties"),
    N_("hyperlink"),
    N_("formula"),
    N_("data validation"),
    N_("chart"),
    N_("drawing"),
    N_("annotation"),
    N_("bookmarks"),
    N_("form fields"),
    N_("attachment"),
    N_("number format"),
    N_("macro sheet"),
    N_("whole file"),
    N_("lock file's user name"),
)


#: Words that start a part's or a member's name, followed by what it is (``name 打印区域``,
#: ``revision 1``): said in the reader's language.
_LEADING_WORDS = (
    N_("name"),
    N_("revision"),
    N_("picture"),
    N_("slide"),
    N_("notes"),
    N_("master"),
)


def _said(text: str, lang: str) -> str:
    """A part's or member's name in ``lang``: a part word translated, or its leading word."""
    if text in PART_WORDS:
        return translate(text, lang)
    word, space, rest = text.partition(" ")
    if space and word in _LEADING_WORDS:
        return f"{translate(word, lang)} {rest}"
    return text


def column_letter(index: int) -> str:
    """The letters a spreadsheet names a column with, from its index counted from 0.

    >>> from zfgk.documents import column_letter
    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(701)
    ('A', 'Z', 'AA', 'ZZ')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@attrs.frozen
class Location:
    """Where something is in a file, as a person opening it would find it.

    A page or a text file gives its ``line``; a PDF its ``page`` (as the PDF
    numbers it) and, for a scan, the ``box`` (left, top, right, bottom in
    pixels of the page image); a Word file the ``part`` and the
    ``paragraph``; a workbook its ``sheet`` and ``cell`` (``B4``); a CSV
    export its ``row`` and ``column`` (``C``).  A part beside the body
    names itself in ``part`` (``comment``, ``header``, ``word/footnotes.xml``,
    ``<title>``).  :meth:`describe` says it in words.

    >>> from zfgk.documents import Location
    >>> print(Location(sheet="名单", cell="C7", part="comment"))
    comment on 名单!C7
    >>> print(Location(sheet="名单", part="header").describe("zh"))
    工作表 名单 的页眉
    >>> Location(row=4, column="C").to_dict()
    {'row': 4, 'column': 'C'}
    """

    line: int | None = None
    page: str | None = None
    part: str | None = None
    paragraph: int | None = None
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None
    column: str | None = None
    box: tuple[int, int, int, int] | None = None
    #: The file inside a container this place is in: a zip's member, a PDF's attachment, a
    #: workbook embedded in a Word file (``附件/名单.xlsx``); None for the file itself.
    member: str | None = None

    def describe(self, lang: str = "en") -> str:
        """The place in words, in ``lang`` (``en`` or ``zh``).

        >>> from zfgk.documents import Location
        >>> Location(part="name 经办人电话").describe("zh"), Location(page="1", member="revision 1").describe("zh")
        ('名称 经办人电话', '修订版 1: 第 1 页')
        """
        inner = self._describe(lang)
        if self.member is not None:
            inner = f"{_said(self.member, lang)}: {inner}"
        return quiet(inner)  # a sheet or a page named with a person's number: never shown

    def inside(self, member: str) -> Location:
        """This place, in the file ``member`` of a container (a zip, an attachment).

        >>> from zfgk.documents import Location
        >>> print(Location(sheet="名单", cell="C3").inside("附件.zip/名单.xlsx").inside("公示.pdf"))
        公示.pdf/附件.zip/名单.xlsx: 名单!C3
        """
        return attrs.evolve(
            self, member=member if self.member is None else f"{member}/{self.member}"
        )

    def _describe(self, lang: str) -> str:
        part = None if self.part is None else _said(self.part, lang)
        if self.sheet is not None and self.cell is not None:
            cell = f"{self.sheet}!{self.cell}"
            if part is None:
                return cell
            return translate(N_("{part} on {cell}"), lang).format(part=part, cell=cell)
        if self.sheet is not None:
            if part is None:
                return translate(N_("sheet {sheet}"), lang).format(sheet=self.sheet)
            return translate(N_("{part} of sheet {sheet}"), lang).format(
                part=part, sheet=self.sheet
            )
        if self.row is not None:
            if self.column is None:
                return translate(N_("row {row}"), lang).format(row=self.row)
            return translate(N_("row {row}, column {column}"), lang).format(
                row=self.row, column=self.column
            )
        if self.line is not None:
            line = translate(N_("line {line}"), lang).format(line=self.line)
            return line if part is None else f"{part}, {line}"
        if self.page is not None:
            page = translate(N_("page {page}"), lang).format(page=self.page)
            return page if part is None else f"{page}, {part}"
        if part is not None and self.paragraph is not None:
            return translate(N_("{part}, paragraph {paragraph}"), lang).format(
                part=part, paragraph=self.paragraph
            )
        return part if part is not None else translate(N_("whole file"), lang)

    def __str__(self) -> str:
        return self.describe("en")

    def to_dict(self) -> dict[str, Any]:
        """The place as JSON keys: only those that are set (a long number in a name as ``…``)."""
        found: dict[str, Any] = {}
        for field in attrs.fields(Location):
            value = getattr(self, field.name)
            if value is not None:
                found[field.name] = (
                    list(value)
                    if field.name == "box"
                    else quiet(value)
                    if isinstance(value, str)
                    else value
                )
        return found


@attrs.frozen
class Unread:
    """A part of a file that could hold text and was not read, and why.

    A file with any is never "clean": its answer is "cannot check".

    >>> from zfgk.documents import Location, Unread
    >>> from zfgk.i18n import Message
    >>> gap = Unread(Location(page="3"), Message("a scanned image: pip install 'zfgk[ocr]'"))
    >>> print(gap.describe())
    page 3: a scanned image: pip install 'zfgk[ocr]'
    """

    location: Location
    reason: Message

    def describe(self, lang: str = "en") -> str:
        """Where, and why, in ``lang``."""
        return f"{self.location.describe(lang)}: {self.reason.localized(lang)}"


class _Located(Protocol):
    def locate(self, offset: int) -> Location: ...


@attrs.frozen(eq=False)
class Text:
    """A text a reader gets from the file, and where each of its characters is.

    ``where`` is the place of every character, or a function of the offset
    (a page's line, a PDF's page).  ``key`` names the text for its writer.

    >>> from zfgk.documents import Location, Text
    >>> print(Text("电话 13812345678", Location(sheet="名单", cell="B4", part="comment")).locate(3))
    comment on 名单!B4
    """

    text: str = attrs.field(repr=False)
    where: Location | _Located
    key: object = None

    def locate(self, offset: int) -> Location:
        """The place of the character at ``offset``."""
        if isinstance(self.where, Location):
            return self.where
        return self.where.locate(offset)


#: A sheet's row: its number as the sheet shows it, and the texts of its cells.
Row = tuple[int, list[str]]


@attrs.define(eq=False)
class Sheet:
    """The cells of one sheet (or of a CSV or JSON Lines file, whose ``name`` is None), streamed.

    ``rows()`` gives (row, cell texts) as the sheet numbers them, a merged
    range's value in every cell it covers; ``first_column`` is the sheet's
    column (from 1) of each row's first text.  ``anchor`` tells, for a cell
    that a merged range covers, the cell that holds its value (a value is
    judged once, where it is).  ``state`` is ``visible``, ``hidden`` or
    ``veryHidden``.
    """

    name: str | None
    rows: Callable[[], Iterator[Row]]
    first_column: int = 1
    state: str = "visible"
    merges: Sequence[tuple[tuple[int, int], tuple[int, int]]] = ()
    key: object = None
    #: For JSON Lines: (line, record) of each record, its keys the columns (``rows`` is empty).
    records: Callable[[], Iterator[tuple[int, dict[str, str]]]] | None = None
    #: The file inside a container the sheet is in (see :attr:`Location.member`).
    member: str | None = None

    def cell_name(self, row: int, index: int) -> Location:
        """The place of the cell at ``row`` and ``index`` (from 0) of a row's texts."""
        column = column_letter(self.first_column - 1 + index)
        if self.name is None:
            return Location(row=row, column=column, member=self.member)
        return Location(sheet=self.name, cell=f"{column}{row}", member=self.member)

    def anchors(self) -> Mapping[tuple[int, int], tuple[int, int]]:
        """Each cell a merged range covers beyond its first, with that first cell (from 1)."""
        found: dict[tuple[int, int], tuple[int, int]] = {}
        for (r1, c1), (r2, c2) in self.merges:
            for r in range(r1 + 1, r2 + 2):
                for c in range(c1 + 1, c2 + 2):
                    if (r, c) != (r1 + 1, c1 + 1):
                        found[(r, c)] = (r1 + 1, c1 + 1)
        return found


#: What a writer could not keep of a file (a converted workbook's fonts): messages or words.
Lost = tuple["Message | str", ...]
#: New texts of a document's texts, by their ``key``: each as long as the text it replaces.
TextEdits = Mapping[object, str]
#: New texts of cells, by (sheet key, row, column from 1).
CellEdits = Mapping[tuple[object, int, int], str]


@attrs.define(eq=False)
class Document:
    """A file read as a person sees it: its texts, its sheets, and what could not be read.

    Made by :func:`zfgk.documents.open_document`.  ``texts`` come read;
    ``sheets()`` streams (a workbook's sheet is read when reached).
    ``unread`` lists the parts that could hold text and were not read: it
    is complete once ``sheets()`` has been read to its end.  :meth:`write`
    writes the file back with some texts or cells changed, where the
    format allows (else :class:`~zfgk.errors.MaskUnsupportedError`).

    A document that is one text (a page, a Word file, a PDF) also answers
    as that text: ``text``, :meth:`locate`.

    >>> import pathlib, tempfile
    >>> from zfgk.documents import open_document
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.html"
    >>> _ = path.write_text("<p>电话</p>\\n<p>138<b>1234</b>5678</p>", encoding="utf-8")
    >>> doc = open_document(path)
    >>> doc.kind.value, doc.text
    ('html', '电话\\n13812345678\\n')
    >>> doc.locate(doc.text.index("138")).line
    2
    """

    path: Path
    kind: Kind
    texts: list[Text] = attrs.Factory(list)
    unread: list[Unread] = attrs.Factory(list)
    _sheets: Callable[[], Iterable[Sheet]] | None = attrs.field(default=None, alias="sheets")
    _writer: Callable[[Document, Path, TextEdits, CellEdits], Lost] | None = attrs.field(
        default=None, alias="writer"
    )
    #: Facts of the reading a summary may show (an encoding, a separator).
    details: dict[str, Any] = attrs.Factory(dict)

    def sheets(self) -> Iterator[Sheet]:
        """The sheets, in the file's order (hidden ones too); none for a document of text."""
        if self._sheets is not None:
            yield from self._sheets()

    @property
    def writable(self) -> bool:
        """Whether the file can be written back with changed texts or cells."""
        return self._writer is not None

    def write(
        self,
        output: Path | str,
        texts: TextEdits | str | None = None,
        cells: CellEdits | None = None,
    ) -> Lost:
        """Write the file to ``output`` with ``texts`` and ``cells`` changed, nothing else.

        ``texts`` maps a text's ``key`` to its new text, as long as the old
        one (a document that is one text also takes the new text itself);
        ``cells`` maps (sheet key, row, column from 1) to a cell's new text.
        Returns what the writer could not keep (an .xls written as .xlsx
        loses its fonts).  Raises :class:`~zfgk.errors.MaskUnsupportedError`
        for a format zfgk cannot write back.

        >>> import pathlib, tempfile
        >>> from zfgk.documents import open_document
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "a.html").write_text("<p>A<i>b</i>c</p>", encoding="utf-8")
        >>> doc = open_document(folder / "a.html")
        >>> doc.write(folder / "b.html", doc.text.upper())
        ()
        >>> (folder / "b.html").read_text(encoding="utf-8")
        '<p>A<i>B</i>C</p>'
        """
        from zfgk.documents._writers import cannot_write

        if self._writer is None:
            raise cannot_write(self)
        if isinstance(texts, str):
            texts = {self._only().key: texts}
        return self._writer(self, Path(output), texts or {}, cells or {})

    # --------------------------------------------------------- one text

    @property
    def text(self) -> str:
        """The text of a document that is one text (a page, a Word file, a PDF)."""
        return self._only().text

    def locate(self, offset: int) -> Location:
        """Where the character at ``offset`` of :attr:`text` is."""
        only = self._only()
        if not 0 <= offset < max(len(only.text), 1):
            raise IndexError(offset)
        return only.locate(offset)

    def _only(self) -> Text:
        if len(self.texts) != 1:
            raise TypeError(
                f"this {self.kind.value} file has {len(self.texts)} texts, not one: read doc.texts"
            )
        return self.texts[0]
