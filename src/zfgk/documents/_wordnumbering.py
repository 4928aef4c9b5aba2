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
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from xml.parsers import expat

__all__ = ["Numbering"]

_WORD = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
)
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


class Numbering:
    """A numbering part's lists, as far as their labels show digits; counted as read.

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
        self._abstract: dict[str, list[_Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._counters: dict[str, list[int | None]] = {}
        self.digits = False  # whether any label may show a digit
        self._path: list[str | None] = []
        self._ids: list[str] = []  # the abstract list, the level, the num being read
        self._level: _Level | None = None
        self._override: int | None = None

    @classmethod
    def read(cls, data: bytes, encoding: str | None = None) -> Numbering:
        """The lists of a numbering part; a part that cannot be read gives what was read."""
        numbering = cls()
        parser = expat.ParserCreate(encoding, namespace_separator=" ")
        parser.StartDoctypeDeclHandler = numbering._refuse
        parser.EntityDeclHandler = numbering._refuse
        parser.StartElementHandler = numbering._start
        parser.EndElementHandler = numbering._end
        with contextlib.suppress(expat.ExpatError, ValueError):
            parser.Parse(data, True)
        numbering.digits = any(
            level.text is not None
            and (
                _DIGITS.search(level.text)
                or (_PLACE.search(level.text) and level.format in _FORMATS)
            )
            for levels in numbering._abstract.values()
            for level in levels
        )
        return numbering

    def _refuse(self, *args: object) -> None:
        raise ValueError

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        namespace, _, local = tag.rpartition(" ")
        self._path.append(local if namespace in _WORD else None)
        values = {k.rpartition(" ")[2]: v for k, v in attrs.items()}
        value = values.get("val", "")
        parent = self._path[-2] if len(self._path) > 1 else None
        if local == "abstractNum":
            self._ids = [values.get("abstractNumId", "")]
            self._abstract[self._ids[0]] = [_Level() for _ in range(_LEVELS)]
        elif local == "lvl" and parent == "abstractNum" and self._ids:
            ilvl = _number(values.get("ilvl", "0"))
            levels = self._abstract.get(self._ids[0])
            self._level = levels[ilvl] if levels is not None and 0 <= ilvl < _LEVELS else None
        elif self._level is not None and parent == "lvl":
            if local == "start":
                self._level.start = _number(value, 1)
            elif local == "numFmt":
                self._level.format = value
            elif local == "lvlText":
                self._level.text = value
            elif local == "suff":
                self._level.suffix = _SUFFIXES.get(value, "\t")
        elif local == "num":
            self._ids = [values.get("numId", "")]
            self._nums[self._ids[0]] = ("", {})
        elif local == "abstractNumId" and parent == "num" and self._ids:
            self._nums[self._ids[0]] = (value, self._nums[self._ids[0]][1])
        elif local == "lvlOverride" and parent == "num" and self._ids:
            self._override = _number(values.get("ilvl", "0"))
        elif (
            local == "startOverride"
            and parent == "lvlOverride"
            and self._ids
            and self._ids[0] in self._nums  # not an abstract list's (not as the standard has it)
            and self._override is not None
        ):
            self._nums[self._ids[0]][1][self._override] = _number(value, 1)

    def _end(self, tag: str) -> None:
        local = self._path.pop() if self._path else None
        if local == "lvl":
            self._level = None
        elif local == "lvlOverride":
            self._override = None

    def label(self, num_id: str | None, ilvl: str | None) -> str | None:
        """The label (with its suffix) of the next paragraph of list ``num_id`` at level
        ``ilvl``, counted; None where it is no list's or shows no digit."""
        if num_id is None or not self.digits or num_id not in self._nums:
            return None
        abstract, overrides = self._nums[num_id]
        levels = self._abstract.get(abstract)
        level = _number(ilvl or "0")
        if levels is None or not 0 <= level < _LEVELS:
            return None
        key = num_id if overrides else abstract  # a list restarted by its own start counts alone
        counters = self._counters.setdefault(key, [None] * _LEVELS)
        start = overrides.get(level, levels[level].start)
        current = counters[level]
        counters[level] = start if current is None else current + 1
        for deeper in range(level + 1, _LEVELS):
            counters[deeper] = None
        this = levels[level]
        if this.text is None:
            return None

        def place(m: re.Match[str]) -> str:
            at = int(m.group(1)) - 1
            count = counters[at]
            if count is None:
                count = overrides.get(at, levels[at].start)
            shown = _FORMATS.get(levels[at].format)
            return "#" if shown is None else shown(count)

        text = _PLACE.sub(place, this.text)
        return text + this.suffix if _DIGITS.search(text) else None


def _number(text: str, default: int = 0) -> int:
    try:
        return int(text)
    except ValueError:
        return default
