"""A PDF page's text as a person reads it, from pypdf's pieces and where each is drawn (internal).

pypdf gives the text of a page piece by piece, each with the matrix it is
drawn at (``extract_text(visitor_text=…)``).  The page's text is their
concatenation, as ``extract_text`` gives it, with these corrections:

- **Letter-spaced digits** read whole.  LibreOffice draws text with wide
  character spacing (字符间距加宽) one glyph at a time inside one ``TJ``,
  and pypdf puts a space between the glyphs: ``1 5 8 9 8 7 6 5 4 3 2``.  A
  run of four or more single digits one space apart in one piece is one
  number.  Other software draws each glyph with its own ``Tj`` at a fixed
  pitch (reportlab's ``drawString`` per character, the boxes of a form):
  pieces of one digit each, on one baseline, at the same pitch of at most
  two and a half character widths (the boxes of a form), are one number too;
  so are such pieces down one column (vertical text, 竖排), and a gap of up
  to three pitches between their groups is a space (``139 1234 5678``).
- **A line drawn out of order** is read left to right: a program may draw
  the right half of a number before its left half.
- **Table cells kept apart.**  Two pieces on one baseline with more than
  0.6 character widths of empty page between them (a word space is about
  0.25) are in different columns
  (cells of a table): a tab goes between them, which no number is read
  across, so the numbers of neighbouring cells are never glued into one.
- Line breaks become spaces (a number wrapped at the end of a line in a
  narrow cell is read whole), as before.

:func:`unreadable` tells whether a piece's text is not what the page shows:
drawn in a font without a usable ToUnicode map, so that pypdf gives control
characters, private-use characters or the glyphs' numbers.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

import attrs

__all__ = ["Piece", "page_text", "unreadable_font", "unreadable_text"]

#: Four or more single digits (the last may be an ID's X) one space apart.
_SPACED_DIGITS = re.compile(r"(?<![0-9A-Za-z])[0-9](?: [0-9]){3,}(?: [Xx])?(?![0-9A-Za-z])")
#: The empty page between two pieces of one line, in ems, that makes them two columns.
_COLUMN_GAP = 0.6
#: The widest pitch, in ems, of the glyphs of a number drawn one at a time (the boxes of a
#: form are 5 to 7 mm: 1.4 to 1.9 em of a 10.5 pt font).
_PITCH = 2.5
#: How much wider than the pitch a gap between the groups of such a number may be.
_GROUP_GAP = 3.0
_GLYPH = re.compile(r"[0-9Xx０-９]")
#: Characters no text shows: control characters (but tab and line breaks), private-use
#: characters, the replacement character.
_UNSHOWN_CATEGORIES = frozenset({"Cc", "Co", "Cs"})
_SPACES = frozenset(" \t\n\r\f\xa0\u3000")
#: How many unreadable characters in one run of a page make its text unreadable: one
#: private-use bullet (Word's Symbol font) is no number, three in a row may be.
_UNREADABLE_RUN = 3
#: Encodings of a composite font whose codes are glyph numbers, not characters.
_IDENTITY = frozenset({"/Identity-H", "/Identity-V"})


@attrs.frozen
class Piece:
    """A piece of a page's text as pypdf gives it, and where it is drawn (in points).

    ``end`` is where its last glyph ends on the line, when the font's widths tell.
    """

    text: str
    x: float
    y: float
    size: float
    end: float | None = None


def _position(cm: Sequence[float], tm: Sequence[float], size: float) -> tuple[float, float, float]:
    """(x, y, font size) on the page of text drawn at ``tm`` under ``cm``."""
    a, b, c, d, e, f = (float(v) for v in cm)
    x, y = float(tm[4]), float(tm[5])
    scale = math.hypot(float(tm[0]), float(tm[1])) * math.hypot(a, b)
    return a * x + c * y + e, b * x + d * y + f, abs(float(size)) * (scale or 1.0)


def piece(
    text: str, cm: Sequence[float], tm: Sequence[float], size: float, end: float | None = None
) -> Piece:
    """The piece ``text`` drawn at ``tm`` under ``cm`` with a font of ``size``, ending at ``end``."""
    x, y, scaled = _position(cm, tm, size)
    return Piece(text, x, y, scaled, end if end is not None and end > x else None)


class Extents:
    """Where the text a page draws ends, from its fonts' widths (pypdf's operator visitors).

    ``end`` is the x on the page where the last string drawn ends, or None
    when its font's widths are not known (a standard font, a font of a form).
    """

    def __init__(self, page: Any) -> None:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        self.fonts = fonts.get_object() if fonts is not None else {}
        self.widths: dict[str, tuple[int, dict[int, float], float] | None] = {}
        self.font: str | None = None
        self.size = 0.0
        self.spacing = self.word_spacing = 0.0
        self.scale = 1.0
        self.end: float | None = None

    def before(self, operator: bytes, operands: Sequence[Any], cm: Any, tm: Any) -> None:
        """Follow the text state: the font, its size, the spacings."""
        try:
            if operator == b"Tf" and len(operands) == 2:
                self.font, self.size = str(operands[0]), float(operands[1])
            elif operator == b"Tc" and operands:
                self.spacing = float(operands[0])
            elif operator == b"Tw" and operands:
                self.word_spacing = float(operands[0])
            elif operator == b"Tz" and operands:
                self.scale = float(operands[0]) / 100
        except (TypeError, ValueError):
            pass

    def after(self, operator: bytes, operands: Sequence[Any], cm: Any, tm: Any) -> None:
        """Where the string just drawn (``Tj``, ``TJ``) ends."""
        self.end = None
        if operator not in (b"Tj", b"TJ") or not operands:
            return
        widths = self._widths()
        if widths is None:
            return
        items = operands[0] if operator == b"TJ" else [operands[0]]
        advance = 0.0
        try:
            for item in items:
                if isinstance(item, bytes | str):
                    advance += self._advance(_codes(item, widths[0]), widths)
                else:
                    advance -= float(item) / 1000 * self.size * self.scale
        except (TypeError, ValueError):
            return
        a, _, c, _, e, _ = (float(v) for v in cm)
        tx = float(tm[0]) * advance + float(tm[4])
        ty = float(tm[1]) * advance + float(tm[5])
        self.end = a * tx + c * ty + e

    def _advance(self, codes: list[int], widths: tuple[int, dict[int, float], float]) -> float:
        _, table, missing = widths
        total = 0.0
        for code in codes:
            total += table.get(code, missing) / 1000 * self.size + self.spacing
            if code == 32 and widths[0] == 1:
                total += self.word_spacing
        return total * self.scale

    def _widths(self) -> tuple[int, dict[int, float], float] | None:
        """(bytes per code, width of each code, width of a code not listed) of the font."""
        if self.font is None:
            return None
        if self.font not in self.widths:
            try:
                self.widths[self.font] = _font_widths(self.fonts.get(self.font))
            except Exception:  # a broken font dictionary: fall back on an estimate
                self.widths[self.font] = None
        return self.widths[self.font]


def _codes(value: bytes | str, size: int) -> list[int]:
    data = value if isinstance(value, bytes) else value.encode("latin-1", "replace")
    if size == 1:
        return list(data)
    return [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data) - 1, 2)]


def _font_widths(reference: Any) -> tuple[int, dict[int, float], float] | None:
    if reference is None:
        return None
    font = reference.get_object()
    if font.get("/Subtype") == "/Type0":
        encoding = font.get("/Encoding")
        if not (isinstance(encoding, str) and encoding.endswith(("-H", "-V"))) or not any(
            key in str(encoding) for key in ("Identity", "UCS2", "UTF16")
        ):
            return None  # a CMap with codes of varying length
        descendant = font["/DescendantFonts"].get_object()[0].get_object()
        table: dict[int, float] = {}
        w = descendant.get("/W")
        items = list(w.get_object()) if w is not None else []
        i = 0
        while i + 1 < len(items):
            first = int(items[i])
            following = (
                items[i + 1].get_object() if hasattr(items[i + 1], "get_object") else items[i + 1]
            )
            if isinstance(following, list):
                for k, width in enumerate(following):
                    table[first + k] = float(width)
                i += 2
            elif i + 2 < len(items):
                for code in range(first, min(int(following), first + 65536) + 1):
                    table[code] = float(items[i + 2])
                i += 3
            else:
                break
        return 2, table, float(descendant.get("/DW", 1000))
    widths = font.get("/Widths")
    if widths is None:
        return None
    first = int(font.get("/FirstChar", 0))
    descriptor = font.get("/FontDescriptor")
    missing = float(descriptor.get_object().get("/MissingWidth", 0)) if descriptor else 0.0
    table = {first + k: float(width) for k, width in enumerate(widths.get_object())}
    return 1, table, missing


def _width(text: str, size: float) -> float:
    """About how wide ``text`` is drawn: a wide (CJK) character one em, another 0.55 em."""
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else 0.55 * size for ch in text)


def page_text(pieces: Sequence[Piece]) -> str:
    """The text of a page from its pieces, as the module says (line breaks become spaces)."""
    out: list[str] = []
    previous: Piece | None = None  # the last piece with text
    single = False  # whether it is one glyph of a number
    pitch: float | None = None  # the pitch of the chain of one-glyph pieces being joined
    for current in _reading_order(pieces):
        shown = current.text.strip()
        if not shown:
            out.append(current.text)
            continue
        text = _SPACED_DIGITS.sub(lambda m: m.group().replace(" ", ""), current.text)
        glyph = len(shown) == 1 and _GLYPH.match(shown) is not None
        joined = False
        step = _step(previous, current) if previous is not None and single and glyph else None
        if step is not None and (
            (pitch is None and 0 < step <= _PITCH * current.size)
            or (pitch is not None and abs(step - pitch) <= 0.2 * pitch)
        ):
            _strip_end(out)  # the glyphs of one number: nothing between them
            text = text.lstrip()
            pitch = step
            joined = True
        elif step is not None and pitch is not None and pitch < step <= _GROUP_GAP * pitch:
            _strip_end(out)  # a gap between the groups of a number drawn a glyph at a time
            out.append(" ")  # 138 1234 5678, read as such a number is read
            text = text.lstrip()
            joined = True
        elif (
            previous is not None
            and _same_line(previous, current)
            and current.x - _end(previous) > _COLUMN_GAP * max(previous.size, current.size)
        ):
            _strip_end(out)
            out.append("\t")  # another column: no number is read across a tab
            text = text.lstrip()
        if not joined:
            pitch = None
        out.append(text)
        previous, single = current, glyph
    return "".join(out).replace("\r", " ").replace("\n", " ")


def _step(previous: Piece, current: Piece) -> float | None:
    """How far ``current`` is drawn after ``previous`` along their line: to the right on one
    baseline, or down one column (竖排, a glyph under the other); None if neither."""
    if _same_line(previous, current):
        return current.x - previous.x
    if abs(current.x - previous.x) <= 0.25 * max(previous.size, current.size, 1.0):
        return previous.y - current.y
    return None


def _reading_order(pieces: Sequence[Piece]) -> list[Piece]:
    """The pieces as a person reads them: the pieces one line is drawn in, left to right.

    A program may draw the pieces of a line in any order (the right half of a
    number, then its left half, as an editor that retyped part of a line
    writes it); pypdf gives them in the order drawn.  Where the pieces of one
    line, drawn one after the other, are out of order, they are put in order,
    their own line breaks dropped, a space put where the page has a gap, and
    one line break after the last.
    """
    result: list[Piece] = []
    run: list[Piece] = []  # the pieces of the line being drawn (blank ones too), as drawn

    def flush() -> None:
        shown = [p for p in run if p.text.strip()]
        if all(a.x <= b.x for a, b in itertools.pairwise(shown)):
            result.extend(run)
        else:
            ordered = sorted(shown, key=lambda p: p.x)
            for here, after in itertools.pairwise(ordered):
                text = here.text.rstrip("\r\n")
                if after.x - _end(here) > 0.2 * max(here.size, after.size):
                    text += " "
                result.append(attrs.evolve(here, text=text))
            last = ordered[-1]  # the line ends: what follows is on another one
            result.append(attrs.evolve(last, text=last.text.rstrip("\r\n") + "\n"))
        run.clear()

    first: Piece | None = None  # the run's first piece with text
    for current in pieces:
        if current.text.strip():
            if first is not None and not _same_line(first, current):
                flush()
                first = None
            first = first or current
        run.append(current)
    flush()
    return result


def _end(piece: Piece) -> float:
    """Where ``piece`` ends on its line: from its font's widths, else about."""
    if piece.end is not None:
        return piece.end
    return piece.x + _width(piece.text.strip(), piece.size)


def _same_line(a: Piece, b: Piece) -> bool:
    return abs(a.y - b.y) <= 0.25 * max(a.size, b.size, 1.0)


def _strip_end(out: list[str]) -> None:
    """Take the white space off the end of ``out`` (pieces of text)."""
    while out and not out[-1].strip():
        out.pop()
    if out:
        out[-1] = out[-1].rstrip()


def unreadable_text(text: str) -> bool:
    """Whether ``text`` holds a run of characters no font with a usable ToUnicode gives.

    Control characters (but tab and line breaks), private-use characters and
    the replacement character, three or more with nothing but spaces between
    them: where digits were drawn in such a font.

    >>> from zfgk.documents._pdf_text import unreadable_text
    >>> unreadable_text("电话：\\x13\\x15\\x0f\\x17\\x18"), unreadable_text("\\uf0b7 第一条")
    (True, False)
    """
    run = 0
    for ch in text:
        if ch in _SPACES:
            continue
        if ch == "\ufffd" or unicodedata.category(ch) in _UNSHOWN_CATEGORIES:
            run += 1
            if run >= _UNREADABLE_RUN:
                return True
        else:
            run = 0
    return False


def unreadable_font(font: Any, text: str = "") -> bool:
    """Whether ``text`` drawn in ``font`` (a pypdf font dictionary) cannot be turned into
    characters, for want of a ToUnicode map:

    - a composite font whose codes are glyph numbers (``Identity-H``): what
      pypdf gives is glyph numbers read as characters, which can look like
      any text;
    - a Type 3 font whose glyphs' names are no character's (``/g1``, not
      ``/one``): pypdf gives the codes, or the names themselves;
    - a symbolic TrueType font with no encoding (a subset that numbers its
      glyphs from ``!``): pypdf gives the codes as ASCII.  A bullet or two (a
      piece of under three characters) is no number and is let be.  (A
      Type 1 font's program carries its encoding, which pypdf reads: TeX's
      symbolic fonts are read.)
    """
    try:
        if font is None or "/ToUnicode" in font:
            return False
        subtype = font.get("/Subtype")
        encoding = font.get("/Encoding")
        if subtype == "/Type0":
            return isinstance(encoding, str) and encoding in _IDENTITY
        if subtype == "/Type3":
            return _unnamed_glyphs(encoding)
        if subtype == "/TrueType" and encoding is None:  # a Type 1 font carries its own
            descriptor = font.get("/FontDescriptor")
            flags = int(descriptor.get_object().get("/Flags", 0)) if descriptor else 0
            return bool(flags & _SYMBOLIC) and len("".join(text.split())) >= _UNREADABLE_RUN
        return False
    except Exception:  # a broken font dictionary: pypdf has read its text as it could
        return False


#: The font descriptor's flag of a symbolic font (its glyphs outside the standard set).
_SYMBOLIC = 4


def _unnamed_glyphs(encoding: Any) -> bool:
    """Whether a Type 3 font's encoding names a glyph that is no character's name."""
    from pypdf._codecs.adobe_glyphs import adobe_glyphs

    encoding = encoding.get_object() if hasattr(encoding, "get_object") else encoding
    if not hasattr(encoding, "get"):
        return True  # no encoding of its own: its codes say nothing of its glyphs
    for name in encoding.get("/Differences") or ():
        if isinstance(name, str) and name not in adobe_glyphs and not _UNI.fullmatch(name):
            return True
    return False


#: A glyph named by its character's code point: ``/uni4E00``, ``/u1F600``.
_UNI = re.compile(r"/(?:uni[0-9A-Fa-f]{4}(?:[0-9A-Fa-f]{4})*|u[0-9A-Fa-f]{4,6})")
