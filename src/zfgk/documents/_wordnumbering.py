"""The labels Word shows before the paragraphs of a numbered list (internal).

A paragraph of a list (``w:pPr/w:numPr``: its ``w:numId`` and level
``w:ilvl``) is shown after a label that ``numbering.xml`` defines: the
level's ``w:lvlText``, each ``%1`` … ``%9`` in it the counter of that level
(from ``w:start``, or the list's ``w:startOverride``) in the level's
``w:numFmt``, then its ``w:suff`` (a tab, a space, or nothing).  A label may
hold digits of its own (``w:lvlText w:val="138%1"``): the paragraph is then
read again after its label, so that a number a label begins is found.  Only
decimal formats show digits; a counter in another format (一, a, i) is read
as a mark that is no digit.

Word 2003 XML keeps its lists in the document (``w:lists``): a ``w:listDef``
is an abstract list (``w:nfc``, the format's number as a .doc has it), a
``w:list`` (``w:ilfo``, its ``w:ilst``) a list, and a paragraph's
``w:listPr`` (``w:ilfo``, ``w:ilvl``) puts it in one; they are read as
``numbering.xml``'s.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from xml.parsers import expat

from zfgk.documents._wordstyles import Styles

__all__ = ["FORMATS_BY_NFC", "Numbering"]

_WORD = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
    "http://schemas.microsoft.com/office/word/2003/wordml",
)
#: Word 2003's names of numbering.xml's elements and attributes.
_AS_2007 = {"listDef": "abstractNum", "list": "num", "ilst": "abstractNumId", "nfc": "numFmt"}
#: Word 2003's formats (``w:nfc``, as [MS-DOC]'s nfc) that show a counter in digits.
_NFC = {"0": "decimal", "14": "decimalFullWidth", "15": "decimalHalfWidth"}
_NFC |= {"19": "decimalFullWidth2", "22": "decimalZero"}
#: The same, by the format's number (a .doc's LVLF ``nfc``).
FORMATS_BY_NFC = {int(key): value for key, value in _NFC.items()}
_LEVELS = 9
_PLACE = re.compile(r"%([1-9])")
_SUFFIXES = {"tab": "\t", "space": " ", "nothing": ""}
_DIGITS = re.compile(r"[0-9０-９]")
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _full_width(count: int) -> str:
    return str(count).translate(_FULL_WIDTH)


#: Formats that show a counter in digits, each as a function of it.
_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda count: f"{count:02d}",
    "decimalHalfWidth": str,
    "decimalFullWidth": _full_width,
    "decimalFullWidth2": _full_width,
}


class _Level:
    __slots__ = ("format", "start", "suffix", "text")

    def __init__(self) -> None:
        self.start = 1
        self.format = "decimal"
        self.text: str | None = None
        self.suffix = "\t"

    def digits(self) -> bool:
        """Whether its label may show a digit."""
        text = self.text
        return text is not None and bool(
            _DIGITS.search(text) or (_PLACE.search(text) and self.format in _FORMATS)
        )


_DEFAULT = _Level()  # a level a list does not define


class _Num:
    """A list (``w:num``): its abstract list, and its own levels and starts."""

    __slots__ = ("abstract", "levels", "starts")

    def __init__(self) -> None:
        self.abstract = ""
        self.starts: dict[int, int] = {}  # w:lvlOverride/w:startOverride
        self.levels: dict[int, _Level] = {}  # w:lvlOverride/w:lvl: in place of the abstract's


class Numbering:
    """A numbering part's lists, as far as their labels show digits; counted as read.

    Levels are made as the part defines them (a part of many empty lists costs little), and
    an abstract list none of whose labels shows a digit is not kept.  A part that is not as
    the standard has it (an override outside a list) is read for what it holds.

    >>> from zfgk.documents._wordnumbering import Numbering
    >>> numbering = Numbering.read(
    ...     b'<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    ...     b'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="4"/>'
    ...     b'<w:numFmt w:val="decimal"/><w:lvlText w:val="138%1"/><w:suff w:val="nothing"/>'
    ...     b'</w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    ...     b"</w:numbering>"
    ... )
    >>> numbering.label("1", "0"), numbering.label("1", "0"), numbering.label("2", "0")
    ('1384', '1385', None)
    """

    def __init__(self) -> None:
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._nums: dict[str, _Num] = {}
        self._counters: dict[str, list[int | None]] = {}
        #: The counters as the lists were before tracked changes of paragraphs' formatting,
        #: once one changed a paragraph's list (:meth:`diverge`); until then, the same.
        self._before: dict[str, list[int | None]] | None = None
        #: Abstract lists that are a numbering style's (``w:numStyleLink``): the style.
        self._links: dict[str, str] = {}
        self._styles: Styles | None = None
        self.digits = False  # whether any label may show a digit
        self._path: list[str | None] = []
        self._abstract_id: str | None = None  # the abstract list being read
        self._num: _Num | None = None  # the list being read
        self._level: _Level | None = None
        self._override: int | None = None  # the level of the w:lvlOverride being read

    @classmethod
    def of(
        cls,
        lists: dict[str, dict[int, tuple[int, str, str, str]]],
        overrides: dict[str, tuple[str, dict[int, int], dict[int, tuple[int, str, str, str]]]],
    ) -> Numbering:
        """Lists defined otherwise than by a numbering part (a .doc's LSTs and LFOs):
        ``lists``, each abstract list's levels (each its start, format as ``w:numFmt``
        names it, text with ``%1`` … ``%9``, suffix); ``overrides``, each list's abstract
        list, its own starts and its own levels.

        >>> from zfgk.documents._wordnumbering import Numbering
        >>> numbering = Numbering.of({"7": {0: (1, "decimal", "138%1", "")}}, {"1": ("7", {0: 4}, {})})
        >>> numbering.label("1", "0"), numbering.label("1", "0")
        ('1384', '1385')
        """
        numbering = cls()

        def level(start: int, format_: str, text: str, suffix: str) -> _Level:
            made = _Level()
            made.start, made.format, made.text, made.suffix = start, format_, text, suffix
            return made

        for key, levels in lists.items():
            numbering._abstract[key] = {ilvl: level(*found) for ilvl, found in levels.items()}
        for key, (abstract, starts, own) in overrides.items():
            num = _Num()
            num.abstract, num.starts = abstract, dict(starts)
            num.levels = {ilvl: level(*found) for ilvl, found in own.items()}
            numbering._nums[key] = num
        numbering._keep()
        return numbering

    @classmethod
    def read(
        cls, data: bytes, encoding: str | None = None, styles: Styles | None = None
    ) -> Numbering:
        """The lists of a numbering part; a part that cannot be read gives what was read.
        ``styles`` has the numbering styles a list may be defined by."""
        numbering = cls()
        numbering._styles = styles
        if b"lvlText" not in data:  # no level has a label: nothing to read (a fast path)
            return numbering
        parser = expat.ParserCreate(encoding, namespace_separator=" ")
        parser.StartDoctypeDeclHandler = numbering._refuse
        parser.EntityDeclHandler = numbering._refuse
        parser.StartElementHandler = numbering._start
        parser.EndElementHandler = numbering._end
        with contextlib.suppress(expat.ExpatError, ValueError):
            parser.Parse(data, True)
        numbering._keep()
        return numbering

    def _keep(self) -> None:
        """Keep the abstract lists a label may show a digit of (or a list's own level needs)."""
        needed = {num.abstract for num in self._nums.values() if num.levels}
        self._abstract = {
            key: levels
            for key, levels in self._abstract.items()
            if key in needed or any(level.digits() for level in levels.values())
        }
        self.digits = any(
            level.digits()
            for levels in [*self._abstract.values(), *(num.levels for num in self._nums.values())]
            for level in levels.values()
        )

    def _refuse(self, *args: object) -> None:
        raise ValueError

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        namespace, _, local = tag.rpartition(" ")
        if namespace == _WORD[2]:
            local = _AS_2007.get(local, local)
            if local == "numFmt":
                attrs = {"val": _NFC.get(_value(attrs), "other")}
            elif local == "abstractNum":
                attrs = {"abstractNumId": _value(attrs, "listDefId")}
            elif local == "num":
                attrs = {"numId": _value(attrs, "ilfo")}
        parent = self._path[-1] if self._path else None
        self._path.append(local if namespace in _WORD else None)
        if namespace not in _WORD:
            return
        level = self._level
        if level is not None and parent == "lvl":
            value = _value(attrs)
            if local == "start":
                level.start = _number(value, 1)
            elif local == "numFmt":
                level.format = value
            elif local == "lvlText":
                level.text = value
            elif local == "suff":
                level.suffix = _SUFFIXES.get(value.lower(), "\t")  # Word 2003's: Tab
        elif local == "abstractNum":
            self._abstract_id, self._num = _value(attrs, "abstractNumId"), None
        elif local == "num":
            self._abstract_id, self._num = None, _Num()
            self._nums[_value(attrs, "numId")] = self._num
        elif local == "lvl":
            self._level = self._new_level(parent, _number(_value(attrs, "ilvl") or "0", -1))
        elif local == "numStyleLink" and parent == "abstractNum" and self._abstract_id is not None:
            self._links[self._abstract_id] = _value(attrs)
        elif local == "abstractNumId" and parent == "num" and self._num is not None:
            self._num.abstract = _value(attrs)
        elif local == "lvlOverride" and parent == "num" and self._num is not None:
            self._override = _number(_value(attrs, "ilvl") or "0", -1)
        elif (
            local == "startOverride"
            and parent == "lvlOverride"
            and self._num is not None
            and self._override is not None
            and 0 <= self._override < _LEVELS
        ):
            self._num.starts[self._override] = _number(_value(attrs), 1)

    def _new_level(self, parent: str | None, ilvl: int) -> _Level | None:
        """A level a ``w:lvl`` in ``parent`` defines, made as it is met: an abstract list's,
        or a list's own (in a ``w:lvlOverride``, for the level it names)."""
        if parent == "abstractNum" and self._abstract_id is not None and 0 <= ilvl < _LEVELS:
            level = _Level()
            self._abstract.setdefault(self._abstract_id, {})[ilvl] = level
            return level
        override = self._override
        if parent != "lvlOverride" or self._num is None or override is None:
            return None
        if not 0 <= override < _LEVELS:
            return None
        level = _Level()
        self._num.levels[override] = level
        return level

    def _end(self, tag: str) -> None:
        local = self._path.pop() if self._path else None
        if local == "lvl":
            self._level = None
        elif local == "lvlOverride":
            self._override = None
        elif local == "abstractNum":
            self._abstract_id = None
        elif local == "num":
            self._num = None

    @property
    def diverged(self) -> bool:
        """Whether the lists are counted apart as they were before tracked changes."""
        return self._before is not None

    def diverge(self) -> None:
        """From now on, count the lists as they were before tracked changes apart (a
        paragraph's list may have changed): from the counts so far, the same until now."""
        if self._before is None:
            self._before = {key: list(counts) for key, counts in self._counters.items()}

    def label(self, num_id: str | None, ilvl: str | None, *, before: bool = False) -> str | None:
        """The label (with its suffix) of the next paragraph of list ``num_id`` at level
        ``ilvl``, counted; None where it is no list's or shows no digit.  ``before``: counted
        apart, as the lists were before tracked changes of paragraphs' formatting (once
        :meth:`diverge` is called; until then, counted as now)."""
        if num_id is None or not self.digits or num_id not in self._nums:
            return None
        num = self._nums[num_id]
        abstract = self._linked(num.abstract)
        levels = self._abstract.get(abstract, {})
        level = _number(ilvl or "0")
        if not (levels or num.levels) or not 0 <= level < _LEVELS:
            return None

        def level_of(at: int) -> _Level:
            return num.levels.get(at) or levels.get(at) or _DEFAULT

        # a list restarted by its own start or levels counts alone
        key = f"num {num_id}" if num.starts or num.levels else f"abstract {abstract}"
        counts = self._before if before and self._before is not None else self._counters
        counters = counts.setdefault(key, [None] * _LEVELS)
        current = counters[level]
        counters[level] = (
            num.starts.get(level, level_of(level).start) if current is None else current + 1
        )
        for deeper in range(level + 1, _LEVELS):
            counters[deeper] = None
        this = level_of(level)
        if this.text is None:
            return None

        def place(m: re.Match[str]) -> str:
            at = int(m.group(1)) - 1
            count = counters[at]
            if count is None:
                count = num.starts.get(at, level_of(at).start)
            shown = _FORMATS.get(level_of(at).format)
            return "#" if shown is None else shown(count)

        text = _PLACE.sub(place, this.text)
        return text + this.suffix if _DIGITS.search(text) else None

    def _linked(self, abstract: str) -> str:
        """The abstract list that defines ``abstract``: itself, or where it is a numbering
        style's (``w:numStyleLink``), the list of the style's ``w:numPr``."""
        style = self._links.get(abstract)
        if style is None or abstract in self._abstract or self._styles is None:
            return abstract
        num_id, _ = self._styles.list_of(style, "numbering")
        num = self._nums.get(num_id or "")
        return abstract if num is None else num.abstract


def _value(attrs: dict[str, str], name: str = "val") -> str:
    """The attribute ``name`` of WordprocessingML (either namespace), or ""."""
    for namespace in _WORD:
        value = attrs.get(f"{namespace} {name}")
        if value is not None:
            return value
    return attrs.get(name, "")


def _number(text: str, default: int = 0) -> int:
    try:
        return int(text)
    except ValueError:
        return default
