"""Which text a Word file's styles hide (internal).

Word hides a run when its own properties say ``w:vanish``, and also when its
character style (``w:rStyle``), its paragraph's style (``w:pStyle``, or the
default paragraph style), its table's style (``w:tblStyle``, or the default
table style; a part of it for some cells, ``w:tblStylePr``, is taken to hide
every cell) or the document's defaults (``w:docDefaults``) do,
each style inheriting from the one it is ``w:basedOn``.  :class:`Styles` reads
``styles.xml`` (or the ``w:styles`` of a Word 2003 XML file) for that alone.

Hidden is a toggle property: the specification has the character style's
value and the paragraph style's cancel each other out, where some programs
take the nearer one.  A run is said hidden where either reading hides it:
a reader of the file then reads its text both with and without the run
(:mod:`zfgk.documents._wordprocessing`), so a number the run splits is found
whichever way a program shows it.  A run's own ``w:vanish w:val="0"`` shows it
whatever its styles say.
"""

from __future__ import annotations

import contextlib
from xml.parsers import expat

__all__ = ["Styles", "on"]

_WORD = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
    "http://schemas.microsoft.com/office/word/2003/wordml",
)
#: Values of an on/off property that turn it off (``<w:vanish w:val="false"/>``).
_OFF = frozenset({"0", "false", "off"})
_VALUES = tuple(f"{ns} val" for ns in _WORD)
_TYPES = tuple(f"{ns} type" for ns in _WORD)
_IDS = tuple(f"{ns} styleId" for ns in _WORD)
_DEFAULTS = tuple(f"{ns} default" for ns in _WORD)


def _local(tag: str) -> str | None:
    """The local name of a WordprocessingML element, None for any other."""
    namespace, _, local = tag.rpartition(" ")
    return local if namespace in _WORD else None


def on(attrs: dict[str, str]) -> bool:
    """Whether an on/off property (``<w:vanish/>``, ``<w:vanish w:val="0"/>``) is on."""
    return next((attrs[k] for k in _VALUES if k in attrs), "1").lower() not in _OFF


class _Style:
    __slots__ = ("based_on", "bidi", "hidden", "ilvl", "kind", "num_id")

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.based_on: str | None = None
        self.hidden: bool | None = None  # set by the style itself, or left to its parent
        self.bidi: bool | None = None  # a paragraph right to left (w:pPr/w:bidi), or as its parent
        #: The list its paragraphs are in (``w:pPr/w:numPr``), or left to its parent.
        self.num_id: str | None = None
        self.ilvl: str | None = None


class Styles:
    """The styles of a Word file, as far as they hide text."""

    def __init__(self) -> None:
        self._styles: dict[str, _Style] = {}
        self._default: dict[str, str] = {}  # the default style of each type
        self.hidden_by_default = False  # w:docDefaults' run properties
        self.bidi_by_default = False  # w:docDefaults' paragraph properties: right to left
        self._resolved: dict[str, bool | None] = {}
        self._lists: dict[str, tuple[str | None, str | None]] = {}
        self._path: list[str | None] = []
        self._style: _Style | None = None
        self._id = ""  # the id of the style being read
        self.hides = False  # whether any style or default hides text at all

    @classmethod
    def read(cls, data: bytes, encoding: str | None = None) -> Styles:
        """The styles of ``data`` (a styles part, or a whole Word 2003 XML file); a part that
        cannot be read gives none (the part itself is read, and judged, as any other)."""
        styles = cls()
        parser = expat.ParserCreate(encoding, namespace_separator=" ")
        parser.StartDoctypeDeclHandler = styles._refuse
        parser.EntityDeclHandler = styles._refuse
        parser.StartElementHandler = styles._start
        parser.EndElementHandler = styles._end
        with contextlib.suppress(expat.ExpatError, ValueError):  # what was read so far stands
            parser.Parse(data, True)
        styles._style = None
        styles._path = []
        styles.hides = styles.hidden_by_default or any(s.hidden for s in styles._styles.values())
        return styles

    def define(self, style_id: str, kind: str, based_on: str | None, hidden: bool | None) -> None:
        """Add a style read from another format (a .doc's stylesheet): its id, type
        (``"paragraph"``, ``"character"``), the style it is based on and whether it hides
        (None: as its base)."""
        style = self._styles.setdefault(style_id, _Style(kind))
        style.based_on, style.hidden = based_on, hidden
        self.hides |= bool(hidden)
        self._resolved.clear()
        self._lists.clear()

    def default(self, kind: str, style_id: str) -> None:
        """Make ``style_id`` the default style of ``kind`` (a .doc's Normal is its first)."""
        self._default[kind] = style_id
        self._resolved.clear()

    def _refuse(self, *args: object) -> None:
        raise ValueError

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        local = _local(tag)
        self._path.append(local)
        if local == "style":
            kind = next((attrs[k] for k in _TYPES if k in attrs), "paragraph")
            style_id = next((attrs[k] for k in _IDS if k in attrs), "")
            self._style = _Style(kind)
            self._id = style_id
            self._styles.setdefault(style_id, self._style)
            if next((attrs[k] for k in _DEFAULTS if k in attrs), "0").lower() in (
                "1",
                "true",
                "on",
            ):
                self._default.setdefault(kind, style_id)
        elif local == "basedOn" and self._style is not None and self._path[-2] == "style":
            self._style.based_on = next((attrs[k] for k in _VALUES if k in attrs), None)
        elif (
            local in ("numId", "ilvl", "ilfo")
            and self._style is not None
            and self._path[-4:-1] in (["style", "pPr", "numPr"], ["style", "pPr", "listPr"])
        ):  # Word 2003's w:listPr/w:ilfo is numbering.xml's w:numPr/w:numId
            value = next((attrs[k] for k in _VALUES if k in attrs), None)
            if local != "ilvl":
                self._style.num_id = value
            else:
                self._style.ilvl = value
        elif local == "bidi" and len(self._path) >= 3 and self._path[-2] == "pPr":
            if self._path[-3] == "style" and self._style is not None:
                self._style.bidi = on(attrs)
            elif self._path[-3] == "pPrDefault":
                self.bidi_by_default = on(attrs)
        elif local in ("vanish", "specVanish") and len(self._path) >= 3:
            parent, owner = self._path[-2], self._path[-3]
            if parent != "rPr":
                return
            if owner == "style" and self._style is not None:
                self._style.hidden = on(attrs)
            elif owner == "tblStylePr" and self._style is not None and on(attrs):
                # a table style's part for some cells (its first row, odd columns): the
                # table is read with and without the text of every cell
                self._style.hidden = True
            elif owner == "rPrDefault":
                self.hidden_by_default = on(attrs)

    def _end(self, tag: str) -> None:
        local = self._path.pop() if self._path else None
        if local == "style":
            kept = self._styles.get(self._id)
            if self._style is not None and kept is not None and kept is not self._style:
                # a second definition of one id: which one a program takes is its own
                # choice (LibreOffice the last); hidden where either hides
                if self._style.hidden or (kept.hidden is None and self._style.hidden is not None):
                    kept.hidden = self._style.hidden
                kept.based_on = kept.based_on or self._style.based_on
                kept.num_id = kept.num_id or self._style.num_id
                kept.ilvl = kept.ilvl or self._style.ilvl
            self._style = None

    def list_of(
        self, style_id: str | None, kind: str = "paragraph"
    ) -> tuple[str | None, str | None]:
        """The list (``w:numId``, ``w:ilvl``) a style puts its paragraphs in (None: the
        default style of ``kind``), each its own or the nearest it is based on's.

        >>> from zfgk.documents._wordstyles import Styles
        >>> styles = Styles.read(
        ...     b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        ...     b'<w:style w:type="paragraph" w:styleId="L"><w:pPr><w:numPr><w:numId w:val="3"/>'
        ...     b'</w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="M">'
        ...     b'<w:basedOn w:val="L"/></w:style></w:styles>'
        ... )
        >>> styles.list_of("M"), styles.list_of(None)
        (('3', None), (None, None))
        """
        if style_id is None or style_id not in self._styles:
            style_id = self._default.get(kind)
            if style_id is None:
                return None, None
        key = f"{kind} {style_id}"
        if key in self._lists:
            return self._lists[key]
        num_id: str | None = None
        ilvl: str | None = None
        seen: set[str] = set()
        current: str | None = style_id
        while current is not None and current not in seen and (num_id is None or ilvl is None):
            seen.add(current)
            style = self._styles.get(current)
            if style is None:
                break
            num_id = style.num_id if num_id is None else num_id
            ilvl = style.ilvl if ilvl is None else ilvl
            current = style.based_on
        self._lists[key] = (num_id, ilvl)
        return num_id, ilvl

    def right_to_left(self, style_id: str | None) -> bool:
        """Whether a paragraph of the style ``style_id`` (None: the default paragraph style)
        is right to left by its style, the one it is based on, or the document's defaults.

        >>> from zfgk.documents._wordstyles import Styles
        >>> w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        >>> part = (f'<w:styles {w}><w:style w:type="paragraph" w:default="1" w:styleId="a">'
        ...     '<w:pPr><w:bidi/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="b">'
        ...     '<w:basedOn w:val="a"/></w:style></w:styles>')
        >>> styles = Styles.read(part.encode())
        >>> styles.right_to_left(None), styles.right_to_left("b"), Styles().right_to_left(None)
        (True, True, False)
        """
        if style_id is None or style_id not in self._styles:
            style_id = self._default.get("paragraph")
        seen: set[str] = set()
        current = style_id
        while current is not None and current not in seen:
            seen.add(current)
            style = self._styles.get(current)
            if style is None:
                break
            if style.bidi is not None:
                return style.bidi
            current = style.based_on
        return self.bidi_by_default

    def style_hidden(self, style_id: str | None, kind: str) -> bool | None:
        """Whether the style (or the default style of ``kind`` where ``style_id`` is None)
        hides text: its own setting or the nearest one it is based on; None where none says."""
        if style_id is None or style_id not in self._styles:  # Word gives it the default
            style_id = self._default.get(kind)
            if style_id is None:
                return None
        key = f"{kind} {style_id}"
        if key in self._resolved:
            return self._resolved[key]
        found: bool | None = None
        seen: dict[str, None] = {}  # in order
        current: str | None = style_id
        while current is not None and current not in seen:  # however long; a loop stops
            known = self._resolved.get(f"{kind} {current}", ...)
            if known is not ...:
                found = known
                break
            seen[current] = None
            style = self._styles.get(current)
            if style is None:
                break
            if style.hidden is not None:
                found = style.hidden
                break
            current = style.based_on
        for name in seen:  # each style on the way says as the one that decided
            self._resolved[f"{kind} {name}"] = found
        return found

    def hidden(
        self,
        own: bool | None,
        character: str | None,
        paragraph: str | None,
        table: str | None = None,
    ) -> bool:
        """Whether a run may be hidden: its own ``w:vanish`` (None if it has none), its
        character style's id, its paragraph's style's id (None: the defaults), and in a
        table the table's style's id (``""``: the default table style; None: in no table).

        >>> from zfgk.documents._wordstyles import Styles
        >>> styles = Styles.read(
        ...     b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        ...     b'<w:style w:type="table" w:styleId="T"><w:rPr><w:vanish/></w:rPr></w:style>'
        ...     b"</w:styles>"
        ... )
        >>> styles.hidden(None, None, None, "T"), styles.hidden(None, None, None)
        (True, False)
        >>> styles.hidden(False, None, None, "T")  # the run's own formatting shows it
        False
        """
        if own is not None:
            return own
        if not self.hides:
            return False
        by_character = self.style_hidden(character, "character")
        by_paragraph = self.style_hidden(paragraph, "paragraph")
        by_table = None if table is None else self.style_hidden(table, "table")
        # the nearer style decides, or the styles toggle: hidden where any hides
        said = [value for value in (by_character, by_paragraph, by_table) if value is not None]
        if said:
            return any(said)
        return self.hidden_by_default
