"""The labels a Word 97-2003 document (.doc) shows before its lists' paragraphs (internal).

A .doc keeps its lists in the table stream ([MS-DOC] 2.9.147, 2.9.151): the
``PlfLst`` (each list's ``LSTF``, its ``lsid``; then, after it, the ``LVL`` of
each of its levels: one for a simple list, else nine: the start, the
format's ``nfc``, what follows the label (``ixchFollow``: a tab, a space,
nothing) and the label's text, ``xst``, each character 0 to 8 in it the
counter of that level) and the ``PlfLfo`` (each list a paragraph names:
its ``lsid``, and its own starts and levels, ``LFOLVL``).  A paragraph is in
one by ``sprmPIlfo`` and ``sprmPIlvl`` among its properties, or its
style's (the stylesheet's ``UpxPapx``, through the styles it is based on).
The labels are counted as a .docx's are
(:class:`~zfgk.documents._wordnumbering.Numbering`).
"""

from __future__ import annotations

import bisect
import re
import struct
from collections.abc import Callable, Iterable, Iterator

from zfgk.documents._wordnumbering import FORMATS_BY_NFC, Numbering
from zfgk.privacy import find_pii

__all__ = ["labelled", "list_labels"]

_LIST, _LEVEL = 0x460B, 0x260A  # sprmPIlfo, sprmPIlvl
_FOLLOW = {0: "\t", 1: " ", 2: ""}
_LEVELS = 9
#: The most lists and levels read (a damaged count reads no further than the stream).
_MAX_LISTS = 4096

Level = tuple[int, str, str, str]
Sprms = Callable[[bytes], Iterable[tuple[int, bytes]]]
_MARKS = re.compile("[\r\x07]")  # a paragraph's mark, a cell's


def _level(table: bytes, at: int) -> tuple[Level, int]:
    """The LVL at ``at``: (start, format, text with ``%1`` … ``%9``, suffix), and its end."""
    start, nfc = struct.unpack_from("<iB", table, at)
    follow = table[at + 15]
    chpx, papx = table[at + 24], table[at + 25]
    at += 28 + papx + chpx
    (count,) = struct.unpack_from("<H", table, at)
    raw = table[at + 2 : at + 2 + 2 * count]
    if len(raw) != 2 * count:
        raise struct.error("a level's text cut short")
    text = "".join(
        f"%{ord(c) + 1}" if ord(c) < _LEVELS else c for c in raw.decode("utf-16-le", "replace")
    )
    shown = (start, FORMATS_BY_NFC.get(nfc, "other"), text, _FOLLOW.get(follow, "\t"))
    return shown, at + 2 + 2 * count


def _numbering(table: bytes, lists: tuple[int, int], overrides: tuple[int, int]) -> Numbering:
    """The lists of the ``PlfLst`` and the ``PlfLfo`` at ``(fc, lcb)`` each."""
    fc, lcb = lists
    if lcb < 2 or fc < 0 or fc + lcb > len(table):
        return Numbering()
    (count,) = struct.unpack_from("<h", table, fc)
    defined: dict[str, dict[int, Level]] = {}
    at = fc + lcb  # the levels follow the PlfLst
    for k in range(min(max(count, 0), _MAX_LISTS)):
        lsid, flags = struct.unpack_from("<i22xB", table, fc + 2 + 28 * k)
        levels: dict[int, Level] = {}
        for ilvl in range(1 if flags & 1 else _LEVELS):
            levels[ilvl], at = _level(table, at)
        defined[str(lsid)] = levels
    own: dict[str, tuple[str, dict[int, int], dict[int, Level]]] = {}
    fc, lcb = overrides
    if lcb >= 4 and fc >= 0 and fc + lcb <= len(table):
        (count,) = struct.unpack_from("<I", table, fc)
        count = min(count, _MAX_LISTS)
        at = fc + 4 + 16 * count  # the LFOData follow the LFOs
        for k in range(count):
            lsid, levels_count = struct.unpack_from("<i8xB", table, fc + 4 + 16 * k)
            starts: dict[int, int] = {}
            levels = {}
            at += 4  # its cp
            for _ in range(levels_count):
                start, bits = struct.unpack_from("<iI", table, at)
                at += 8
                ilvl = bits & 0xF
                if bits & 0x10:
                    starts[ilvl] = start
                if bits & 0x20:
                    levels[ilvl], at = _level(table, at)
            own[str(k + 1)] = (str(lsid), starts, levels)
    return Numbering.of(defined, own)


def _style_lists(
    table: bytes, stsh: tuple[int, int], sprms: Sprms
) -> dict[int, tuple[int | None, int | None]]:
    """Each paragraph style's list and level (``sprmPIlfo``, ``sprmPIlvl``: None where it
    sets none), through the styles it is based on."""
    fc, lcb = stsh
    own: dict[int, tuple[int | None, int | None, int]] = {}
    if lcb >= 6 and fc >= 0 and fc + lcb <= len(table):
        (size,) = struct.unpack_from("<H", table, fc)
        count, base_size = struct.unpack_from("<HH", table, fc + 2)
        at = fc + 2 + size
        for istd in range(count):
            if at + 2 > fc + lcb:
                break
            (length,) = struct.unpack_from("<H", table, at)
            std = table[at + 2 : at + 2 + length]
            at += 2 + length
            if length < max(base_size, 10) + 2 or len(std) != length:
                continue
            kind_base, upxs = struct.unpack_from("<HH", std, 2)
            if kind_base & 0xF != 1 or not upxs & 0xF:  # a paragraph style's UpxPapx first
                continue
            (name,) = struct.unpack_from("<H", std, base_size)
            position = base_size + 2 + 2 * name + 2
            if position + 2 > len(std):
                continue
            (cb,) = struct.unpack_from("<H", std, position)
            papx = std[position + 4 : position + 2 + cb]  # after its istd
            found = _own(papx, sprms)
            own[istd] = (*found, kind_base >> 4)
    resolved: dict[int, tuple[int | None, int | None]] = {}
    for istd in own:
        ilfo = ilvl = None
        at, seen = istd, 0
        while at in own and seen < 16 and (ilfo is None or ilvl is None):
            a, b, base = own[at]
            ilfo = a if ilfo is None else ilfo
            ilvl = b if ilvl is None else ilvl
            at, seen = base, seen + 1
        resolved[istd] = (ilfo, ilvl)
    return resolved


def _own(grpprl: bytes, sprms: Sprms) -> tuple[int | None, int | None]:
    ilfo = ilvl = None
    for sprm, operand in sprms(grpprl):
        if sprm == _LIST and len(operand) == 2:
            (ilfo,) = struct.unpack_from("<h", operand)
        elif sprm == _LEVEL and operand:
            ilvl = operand[0]
    return ilfo, ilvl


def list_labels(
    table: bytes,
    pairs: tuple[tuple[int, int], tuple[int, int], tuple[int, int]],
    pieces: list[tuple[int, str, int, int]],
    paragraphs: list[tuple[int, int, bytes, int]],
    sprms: Sprms,
) -> dict[int, str] | None:
    """The label that shows a digit of each paragraph of a list, by the character position
    of its mark (None where the lists cannot be read): the lists, the list overrides and
    the stylesheet at ``pairs``; ``pieces`` and ``paragraphs`` (the runs of paragraph
    properties, each with its style) as :mod:`zfgk.documents._doc` reads them.
    """
    try:
        numbering = _numbering(table, pairs[0], pairs[1])
    except (struct.error, IndexError):
        return None
    if not numbering.digits:
        return {}
    try:
        styles = _style_lists(table, pairs[2], sprms)
    except struct.error:
        styles = {}  # read as in no style's list: each paragraph's own is read
    firsts = [first for first, _, _, _ in paragraphs]
    labels: dict[int, str] = {}
    for cp, text, start, width in pieces:
        for mark in _MARKS.finditer(text):
            offset = mark.start()
            byte = start + offset * width
            i = bisect.bisect_right(firsts, byte) - 1
            if i < 0 or byte >= paragraphs[i][1]:
                continue
            _, _, grpprl, istd = paragraphs[i]
            ilfo, ilvl = _own(grpprl, sprms)
            style_lfo, style_lvl = styles.get(istd, (None, None))
            ilfo = style_lfo if ilfo is None else ilfo
            ilvl = (style_lvl if ilvl is None else ilvl) or 0
            if ilfo is None or ilfo <= 0:
                continue
            label = numbering.label(str(ilfo), str(ilvl))
            if label is not None:
                labels[cp + offset] = label
    return labels


def labelled(
    story: str, base: int, labels: dict[int, str], rows: set[int], show: Callable[[str], str]
) -> Iterator[tuple[int, str]]:
    """(paragraph, its label and text) of each paragraph of ``story`` (from character
    position ``base``) whose label begins a number its text alone does not hold; ``rows``
    the marks that end a row (no paragraph), ``show`` a paragraph's text as it is shown.

    >>> from zfgk.documents._doclists import labelled
    >>> list(labelled("甲\\r5678\\r", 10, {16: "1381234"}, set(), str))
    [(2, '13812345678')]
    """
    start = 0
    paragraph = 0
    for m in _MARKS.finditer(story):
        at = base + m.start()
        paragraph += at not in rows
        label = labels.get(at)
        if label is not None:
            shown = show(story[start : m.start()])
            if len(find_pii(label + shown)) > len(find_pii(shown)):
                yield paragraph, label + shown
        start = m.end()
