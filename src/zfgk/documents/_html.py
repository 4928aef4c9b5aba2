"""HTML read as a browser shows it, and written back with digits hidden in place (internal).

The text is what a browser renders: entities decoded (``&nbsp;``,
``&#53;``, ``&#x35;``, named ones), runs of white space shown as one space,
inline elements (``span``, ``font``, ``b``, ``o:p`` …) and comments joined
into the text around them, a line break at each block or cell boundary
(``p``, ``div``, ``td``, ``br`` …).  Word's ``<![if !supportLists]>`` marks
are markup; what they enclose shows.  Script and style contents are not
shown.  Text a page hides within a line (``display:none``, the ``hidden``
attribute, a font size of 0 or under a pixel, an opacity of about 0: in an
element's ``style`` or by a rule of the page's stylesheets,
:mod:`zfgk.documents._css`; a hidden block, rule or table too, which breaks
no line; a template's content, ``noscript``, a dialog not open) is read both as stored and as shown, the text around it
joined; so is the text a stylesheet's ``::before`` and ``::after`` show.

After the visible text come, each on its own line, numbers a person reads
that the text splits: one written a digit per cell of a form's row, or
broken over two lines of a cell (:mod:`zfgk.documents._forms`), and one a
tracked change Word saved into the page (``<del>``, ``<ins>``) holds before
or after the change.  Then what the page publishes without showing it:
comments, script and style contents, declarations and processing
instructions (``<![CDATA[…]]>``, ``<?php …?>``), a tag the end of the file
cut off, and attribute values (a ``title``, a ``href="tel:…"``), each that
holds at least 11 digits.  A script's string escapes (``\u0031``, ``\x31``)
are read as the characters they stand for, and an iframe's ``srcdoc`` as the
page it shows (:mod:`zfgk.documents._nested`).  A number there is still
published, so it is found and masked too, its characters changed where they
are.
"""

from __future__ import annotations

import bisect
import html
import re
from functools import cached_property
from html.entities import html5
from pathlib import Path

from zfgk.documents._charset import decode_html, looks_like_html
from zfgk.documents._css import Compound, Stylesheet, hides
from zfgk.documents._data_urls import without_long_data
from zfgk.documents._forms import Rows
from zfgk.documents._model import (
    COPY,
    GONE,
    MARKED,
    NEW,
    SAME,
    SYNTHETIC,
    WHOLE,
    Location,
    Piece,
    TextMap,
    apply_edits,
    numbers_changed,
    removing,
)
from zfgk.documents._nested import Decoded, escaped
from zfgk.documents._open import OpenElements
from zfgk.documents._page_pictures import PageWithPictures, data_pictures
from zfgk.errors import DocumentError
from zfgk.i18n import N_
from zfgk.patterns import MASK_CHARACTERS
from zfgk.tables import atomic_binary

__all__ = [
    "HtmlSource",
    "PageWithPictures",
    "data_pictures",
    "decode_html",
    "looks_like_html",
    "read_html",
]

#: Elements whose start and end are a boundary in the text (a new line).
BLOCKS = frozenset(
    """address article aside blockquote body br button caption center col colgroup dd details
    dialog dir div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6
    head header hgroup hr html iframe input legend li listing main menu nav noframes ol optgroup
    option p plaintext pre section select summary table tbody td textarea tfoot th thead title tr
    ul xmp""".split()
)
#: Elements whose content is not markup and not shown.
_RAW = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes"})
#: Elements whose content is text, not markup (entities are decoded).
_RCDATA = frozenset({"title", "textarea"})
#: Elements in which white space shows as it is.
_PRE = frozenset({"pre", "listing", "textarea"})
#: A page that may hide text within a line (the ``hidden`` attribute, ``display:none``),
#: or holds a tracked change Word wrote into it: it is read again as it is shown (see
#: :meth:`_Parser.changed`).  A test of the whole page, before each tag's
#: (:func:`~zfgk.documents._css.hides`; a stylesheet's rules: :class:`Stylesheet`).
_GAP = r"(?:\s|/\*(?:[^*]|\*(?!/))*\*/)*"  # white space and comments, as CSS reads them
_REVISION = re.compile(
    rf"<(?:del|ins|rt|rp|template|noscript|dialog)[\s>]|\shidden\b|display{_GAP}:{_GAP}none"
    rf"|font-size{_GAP}:{_GAP}[+-]?[0.]|font{_GAP}:{_GAP}(?:[a-z-]+\s+|\d+\s+)*[+-]?[0.]"
    rf"|position{_GAP}:{_GAP}(?:absolute|fixed)|float{_GAP}:{_GAP}(?!none)[a-z]"
    rf"|visibility{_GAP}:{_GAP}(?:hidden|collapse)|opacity{_GAP}:{_GAP}[+-]?[0.]"
    rf"|(?<![\w-])(?:max-)?width{_GAP}:{_GAP}[+-]?[0.]"
    r"""|\sstyle\s*=\s*(?:"[^"]*[&\\][^"]*"|'[^']*[&\\][^']*'|[^\s>]*[&\\])""",
    re.IGNORECASE,
)
#: A ruby's annotation (its pinyin, shown above the line) and the brackets a browser without
#: ruby shows: a number under a phonetic guide is read without them, as its line shows.  And
#: what a browser never shows in the line: a template's content, what a page shows only
#: where scripts do not run (a browser runs them).
_UNSHOWN = frozenset({"rt", "rp", "template", "noscript"})
#: A dialog not open is not shown (``dialog:not([open]) {display:none}``: a block).
_OPEN = re.compile(r"(?<![\w-])open(?![\w-])", re.IGNORECASE)
#: Elements that have no end tag: hiding one hides no text.
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
#: Elements whose hiding hides no text within a line: blocks (their text is a line of its
#: own: but see :data:`_HIDING_BLOCKS`), those whose content is not shown or not markup,
#: and void ones.
_NOT_HIDING = BLOCKS | _RAW | _RCDATA | _VOID
#: Blocks whose hiding joins the text around them: a block a browser does not render breaks
#: no line (``<span>138<div style="display:none">0</div>12345678</span>``), nor does a
#: hidden table (its parts inside it).  Table parts, form controls and the page's frame are
#: read as before.
_HIDING_BLOCKS = frozenset(
    """address article aside blockquote center dd details dialog dir div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup legend li main menu nav ol p
    pre section summary table ul""".split()
)
#: The start tags that end a hidden block whose end tag may be left out (HTML's parsing).
_CLOSES_P = _HIDING_BLOCKS - {"legend"} | {"hr", "table", "listing", "plaintext", "xmp"}
#: The parts of a table whose start or end ends a block left open in a cell.
_TABLE_PARTS = frozenset({"td", "th", "tr", "tbody", "thead", "tfoot", "caption"})
_CLOSED_BY = {
    "p": _CLOSES_P,
    "li": frozenset({"li"}),
    "dd": frozenset({"dd", "dt"}),
    "dt": frozenset({"dd", "dt"}),
}
#: Elements a stylesheet's ``::before`` and ``::after`` put no text in.
_NOT_SHOWING = _RAW | _RCDATA | _VOID | {"html", "head"}
#: Void elements that break a line only where they are shown; a form's hidden field is not.
_INLINE_VOID = frozenset({"br", "input"})
#: A doctype: a page without one is read in quirks mode (a table does not end a paragraph).
_DOCTYPE = re.compile(r"(?:\s|<!--.*?-->|<\?[^>]*>)*<!doctype", re.IGNORECASE | re.DOTALL)
_HIDDEN_INPUT = re.compile(r"""\stype\s*=\s*["']?hidden\b""", re.IGNORECASE)


#: The elements of a table: a row group's start or end ends a row, as a browser reads a
#: table whose end tags were left out.
_CELLS = frozenset({"td", "th"})
_ROW_GROUPS = frozenset({"tbody", "thead", "tfoot"})

# Attributes, as HTML reads them: a name, then maybe = and a value quoted or not.
_ATTRS = r"""(?:[^\s/>][^\s/>=]*+(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s>]++))?+|[\s/]++)*+"""
#: The tokens of a page, each starting where the last ended.
_TOKEN = re.compile(
    r"(?P<text>[^<& \t\n\r\f]++)"
    rf"|(?P<start><(?P<name>[A-Za-z][^\s/>\x00]*+)(?P<attrs>{_ATTRS})>)"
    r"|(?P<end></(?P<end_name>[A-Za-z][^\s/>\x00]*+)[^>]*+>)"
    r"|(?P<space>[ \t\n\r\f]++)"
    r"|(?P<entity>&(?:#[xX][0-9a-fA-F]++;?|#[0-9]++;?|[A-Za-z][A-Za-z0-9]*+;?))"
    r"|(?P<comment><!--)"
    r"|(?P<bogus><(?:[!?]|/(?![A-Za-z]))[^>]*+>)"
    r"|(?P<other>[<&])"
)
#: What follows a "<" that starts a tag or a comment the end of the file cut off.
_CUT = frozenset("/!?abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_VALUE = re.compile(r"""=\s*+(?:"([^"]*+)"|'([^']*+)'|([^\s>"']++))""")
_COMMENT_END = re.compile(r"--!?>")
_DATA = re.compile(
    r"(?P<space>[ \t\n\r\f]+)"
    r"|(?P<entity>&(?:#[xX][0-9a-fA-F]++;?|#[0-9]++;?|[A-Za-z][A-Za-z0-9]*+;?))"
    r"|(?P<text>[^ \t\n\r\f&]++|&)"
)
_LINE_END = re.compile(r"\r\n?|\n")
#: How a stretch the page publishes without showing it is read: as it is, its entities
#: decoded (an attribute's value), as a page (an iframe's ``srcdoc``), its string escapes
#: read (a script's).
_AS_IS, _DECODED, _FRAME, _SCRIPT = range(4)
#: An iframe's ``srcdoc``: the page it shows (one in another's, so deep at most).
_SRCDOC = re.compile(
    r"""(?<![^\s/])srcdoc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.IGNORECASE
)
_DEEPEST = 4
#: The longest name of a named character reference.
_LONGEST_NAME = max(len(name) for name in html5)
#: A hidden stretch with fewer digits than this holds no personal number.
_SHORTEST = 11
#: A ``data:`` address's media type and its base64 data (up to white space: a ``srcset``'s
#: descriptor and next candidate follow).
_BASE64_DATA = re.compile(r"\s*data:[^,]{0,200};\s*base64\s*,[A-Za-z0-9+/=%]*", re.IGNORECASE)
#: A digit, or a mask character (a masked number still shows where it was, after masking too).
_DIGIT = re.compile("[0-9" + re.escape("".join(sorted(MASK_CHARACTERS))) + r"]|\d")


def _entity(src: str, start: int, end: int) -> tuple[str, int]:
    """(what the reference at ``src[start:end]`` shows, where it ends); ``("", start)`` if none."""
    ref = src[start:end]
    if ref.startswith("&#"):
        shown = html.unescape(ref)
        return ("", start) if shown == ref else (shown, end)
    name = ref[1:]
    if name.endswith(";") and name in html5:
        return html5[name], end
    for k in range(min(len(name), _LONGEST_NAME), 0, -1):
        value = html5.get(name[:k])
        if value is not None:  # a legacy reference without its semicolon (&nbsp, &copy)
            return value, start + 1 + k
    return "", start


def _markup(src: str) -> str:
    """``src``, or on a page of megabytes, the page without the files it carries in base64
    (for a test of the whole page: a 25 MB page with a 17 MB one took seconds)."""
    return without_long_data(src) if len(src) > 1 << 20 else src


class _Parser:
    """One pass over the page: the visible text, then what the page hides."""

    def __init__(self, src: str, depth: int = 0, *, maybe: bool = False) -> None:
        self.src = src
        self.depth = depth  # how many pages hold this one (in an iframe's srcdoc)
        # Whether what only may hide is taken out too (a stylesheet's rule, a position out
        # of the line, a hidden block): the page is read first with only what surely hides
        # (an inline element's own style or hidden attribute), then, if the page has more
        # that may, again with all of it (see run()).
        self.maybe = maybe
        self.more = False  # whether the page has something that only may hide
        self.text = TextMap()
        self.rows: Rows[None] = Rows(self.text)
        self.pre = 0
        self.hidden: list[tuple[int, int, int]] = []  # (start, end, how: _AS_IS, _DECODED …)
        # A page with tracked changes (Word's <del> and <ins>) or text hidden within a line:
        # the state of each piece (hidden text is read as inserted: see revision()).
        self.sheet = Stylesheet.of(src)
        self.revisions: list[int] | None = (
            [] if self.sheet or _REVISION.search(_markup(src)) is not None else None
        )
        self.open = {"del": 0, "ins": 0, "hide": 0}
        self.hider: str | None = None  # the name of the element that hides what it holds
        self.inside: list[str] | None = None  # if it is a block, the blocks open inside it
        self.in_table = False  # whether that block is in a table (a cell's end ends it)
        self.hidden_end = -1  # the count of pieces when the last hidden block ended
        self.in_p = False  # whether a <p> is open (a block's start ends it: a shown break)
        self.quirks = _DOCTYPE.match(src) is None  # (then a <table> does not end a <p>)
        # the open elements, if a rule asks an ancestor or shows ::after text
        self.opened = OpenElements() if self.sheet.deep or self.sheet.generated else None
        self.deletions: list[tuple[int, int]] = []  # each <del>…</del>, in the page
        self.open_deletions: list[int] = []

    def run(self) -> TextMap:
        """The page's text: as stored, then each number a reading of it as shown holds that
        it does not (with the surely hidden text left out; then, if the page may hide more,
        with all of it: an element that only may hide, a box put elsewhere, does not keep
        the text hidden inside it from being read out of its line)."""
        self.scan()
        lines = [pieces for _, pieces in self.rows.lines]  # across a form's boxes, a cell's lines
        if self.revisions is not None:
            lines += self.changed()
            if self.more and not self.maybe:
                shown = _Parser(self.src, self.depth, maybe=True)
                shown.scan()
                seen = {tuple(pieces) for pieces in lines}
                lines += [p for p in shown.changed() if tuple(p) not in seen]
        for pieces in lines:
            self.text.separate(0, pieces[0][2])
            self.text.extend(pieces)
        self.add_hidden()
        return self.text

    def scan(self) -> None:
        """One pass over the page's tokens."""
        src, n, text, match = self.src, len(self.src), self.text, _TOKEN.match
        pos = 0
        while pos < n:
            m = match(src, pos)
            assert m is not None  # every character starts a token
            kind, end = m.lastgroup, m.end()
            if kind == "text":
                text.add(m.group(), 0, pos, end, COPY)
            elif kind == "start":
                end = self.start_tag(m)
            elif kind == "end":
                self.end_tag(m)
            elif kind == "space":
                if self.pre:
                    text.add(m.group(), 0, pos, end, COPY)
                elif text.length and text.last not in " \n":
                    text.add(" ", 0, pos, end, WHOLE)
            elif kind == "entity":
                self.entity(pos, end)
            elif kind == "comment":
                end = self.comment(pos)
            elif kind == "bogus":  # <!DOCTYPE …>, <?xml …?>, <![CDATA[…]]>, <![if !supportLists]>
                self.hidden.append((pos, end, _AS_IS))  # not shown, but published
            elif kind == "other":  # a "<" or "&" that starts nothing is text
                if m.group() == "<" and src[end : end + 1] in _CUT:
                    self.hidden.append((pos, n, _AS_IS))  # a tag the end of the file cut off
                    break  # shows nothing, but its bytes are published
                text.add(m.group(), 0, pos, end, COPY)
            pos = end
        self.rows.close()

    def add_hidden(self) -> None:
        """After the visible text, each stretch the page publishes without showing it."""
        src = self.src
        for start, end, how in self.hidden:
            if len(_DIGIT.findall(src, start, end)) < _SHORTEST:
                continue
            self.text.separate(0, start)
            if how == _DECODED:
                self.data(start, end, keep_space=True)
            elif how == _FRAME:
                self.frame(start, end)
            else:  # a script's string escapes read as what they stand for
                pieces = escaped(src, start, end) if how == _SCRIPT else []
                self.text.extend(pieces or [(src[start:end], 0, start, end, COPY)])

    def frame(self, start: int, end: int) -> None:
        """The page an iframe's ``srcdoc`` holds, shown in it: its entities decoded, then
        read as a page, each piece traced back to the attribute's characters."""
        decoded = Decoded(end)
        for m in _DATA.finditer(self.src, start, end):
            a, b = m.span()
            if m.lastgroup != "entity":
                decoded.add(m.group(), a, b, copied=True)
                continue
            shown, stop = _entity(self.src, a, b)
            decoded.add(shown, a, stop, copied=False)
            decoded.add(self.src[stop:b], stop, b, copied=True)
        inner = _Parser(decoded.text(), self.depth + 1).run()
        self.text.extend(decoded.pieces(inner.pieces(0, inner.count())))

    def entity(self, start: int, end: int) -> None:
        shown, stop = _entity(self.src, start, end)
        if shown:
            self.text.add(shown, 0, start, stop, WHOLE)
        if stop < end:
            self.text.add(self.src[stop:end], 0, stop, end, COPY)

    def data(self, start: int, end: int, *, keep_space: bool = False) -> None:
        """Text without markup (a title, an attribute value): entities decoded."""
        src, text = self.src, self.text
        for m in _DATA.finditer(src, start, end):
            kind = m.lastgroup
            a, b = m.span()
            if kind == "text":
                text.add(m.group(), 0, a, b, COPY)
            elif kind == "space":
                if self.pre or keep_space:
                    text.add(m.group(), 0, a, b, COPY)
                elif text.length and text.last not in " \n":
                    text.add(" ", 0, a, b, WHOLE)
            else:
                self.entity(a, b)

    def comment(self, lt: int) -> int:
        src = self.src
        for empty in ("<!-->", "<!--->"):
            if src.startswith(empty, lt):
                return lt + len(empty)
        m = _COMMENT_END.search(src, lt + 4)
        end = m.start() if m else len(src)
        if end - lt - 4 >= _SHORTEST:
            self.hidden.append((lt + 4, end, _AS_IS))
        return m.end() if m else len(src)

    def revision(self, name: str, step: int) -> None:
        """A tracked change starts or ends: the pieces so far take the state they had."""
        states = self.revisions
        if states is None:
            return
        # Text a page hides is read as if inserted: the page "before" is the page as shown.
        state = GONE if self.open["del"] else NEW if self.open["ins"] or self.open["hide"] else SAME
        states.extend([state] * (self.text.count() - len(states)))
        self.open[name] = max(self.open[name] + step, 0)

    def changed(self) -> list[list[Piece]]:
        """Each full number a block of tracked changes holds before or after the changes
        that the page as a browser shows it (both, struck through and underlined) does not."""
        assert self.revisions is not None
        self.revision("del", 0)
        pieces = self.text.pieces(0, self.text.count())
        found: list[list[Piece]] = []
        start = 0
        states = [*self.revisions, SAME]
        for end, piece in enumerate([*pieces, ("\n", 0, 0, 0, SYNTHETIC)]):
            if piece[4] != SYNTHETIC or piece[0] != "\n" or states[end] == NEW:
                continue  # a line break of a hidden block is not shown: the line goes on
            line = states[start:end]
            if any(line):
                found += numbers_changed(list(zip(pieces[start:end], line, strict=True)), MARKED)
            start = end + 1
        return found

    def unhide(self) -> None:
        """A block starts or ends: text hidden within a line ends there (hidden text is read
        where it splits a line; a hidden element left open does not hide the rest)."""
        if self.hider is not None and self.inside is None:
            self.end_hiding()

    def end_hiding(self, shown: int | None = None) -> None:
        """The element that hides what it holds ends; ``shown``: where a line break a browser
        shows ends it (a block that closes a hidden paragraph), else its last line break,
        not shown, was put in before."""
        self.revision("hide", -self.open["hide"])
        self.hider = None
        self.inside = None
        self.hidden_end = self.text.count()
        if shown is not None:
            self.separate(shown)

    def separate(self, at: int) -> None:
        """A line break, unless the text starts or ends with one; where the one it ends with
        is a hidden block's (not shown), one that is."""
        if (
            self.text.last == "\n"
            and self.text.count() == self.hidden_end
            and not self.open["hide"]
        ):
            self.text.add("\n", 0, at, at, SYNTHETIC)
        else:
            self.text.separate(0, at)

    def generate(self, pieces: list[Piece]) -> None:
        """Text a stylesheet puts before or after an element (``::before{content:…}``): shown,
        but read as if inserted, so that the page is read without it too."""
        if pieces:
            self.revision("ins", 1)
            self.text.extend(pieces)
            self.revision("ins", -1)

    def end_tag(self, m: re.Match[str]) -> None:
        name = m.group("end_name").lower()
        hidden_end = False
        if self.opened is not None:  # it ends, and those left open inside it
            self.generate(self.opened.end(name))
        if name in self.open:
            self.revision(name, -1)
            if name == "del" and self.open_deletions:
                self.deletions.append((self.open_deletions.pop(), m.end()))
        if self.inside is not None and name in BLOCKS:  # in a hidden block
            if name in self.inside:  # a block inside it ends (and those left open in that one)
                del self.inside[self.inside.index(name) :]
            elif name == self.hider:  # it ends: its line break is not shown
                self.text.separate(0, m.start())
                self.end_hiding()
                hidden_end = True
            elif self.hider in _CLOSED_BY or (
                self.in_table
                and name in _TABLE_PARTS | {"table"}
                and "table" not in self.inside
                and self.hider != "table"
            ):  # the block that holds it ends: that break shows
                self.end_hiding(m.start())
        elif name == self.hider:
            self.revision("hide", -1)
            if not self.open["hide"]:
                self.hider = None
        if name in BLOCKS:
            self.unhide()
            if not hidden_end:
                self.separate(m.start())
            self.in_p = False
        if name in _PRE and self.pre:
            self.pre -= 1
        if name in _CELLS:
            self.rows.end_cell()
        elif name == "tr" or name in _ROW_GROUPS:
            self.rows.end_row()
        elif name == "table":
            self.rows.end_table()

    def start_tag(self, m: re.Match[str]) -> int:
        start, end = m.span("attrs")
        name = m.group("name").lower()
        if end - start >= _SHORTEST:
            self.attributes(start, end, name)
        if name in self.open:
            self.revision(name, 1)
            if name == "del":
                self.open_deletions.append(m.start())
        shows = self.opened is not None and name not in _NOT_SHOWING
        if self.opened is not None and shows:  # the elements it ends (<li>…<li>) end first
            self.generate(self.opened.implied(name))
        hidden = self.revisions is not None and (
            name in _UNSHOWN
            or hides(self.src[start:end], away=False)
            or (name == "dialog" and _OPEN.search(self.src, start, end) is None)
        )
        if self.revisions is not None and (self.maybe or not self.more):
            may = (
                name in _HIDING_BLOCKS
                if hidden
                else hides(self.src[start:end])
                or bool(self.sheet and self.sheet.hides_tag(name, self.src[start:end], self.within))
            )
            if self.maybe:
                hidden = hidden or may
            elif may:
                self.more = True  # read again, with it hidden (see run())
                if not self.sheet.generated:  # no rule's ancestors are asked here any more
                    self.opened = None
                    shows = False
        before: list[Piece] = []
        if self.opened is not None and shows:  # what a rule's ancestors are, its ::after
            before, after = self.sheet.content(name, self.src[start:end])
            self.opened.push(self.sheet.element(name, self.src[start:end]), after)
        breaks = name in BLOCKS and not (
            name in _INLINE_VOID and (hidden or _HIDDEN_INPUT.search(self.src, start, end))
        )  # a hidden line break or field breaks nothing: the text around it joins
        if breaks:
            self.unhide()  # text hidden within a line ends at a block (not in a hidden one)
        if self.inside is not None and name in BLOCKS:  # in a hidden block
            if (not self.inside and name in _CLOSED_BY.get(self.hider or "", ())) or (
                self.in_table
                and name in _TABLE_PARTS
                and "table" not in self.inside
                and self.hider != "table"
            ):  # <p hidden>…<p>, <td><div hidden>…<td>: this one ends it, shown
                self.end_hiding(m.start())
            elif name not in _VOID:
                self.inside.append(name)
        if name == self.hider and self.inside is None:  # nested in it: one more to close
            self.revision("hide", 1)
        elif (
            hidden
            and self.hider is None
            and (name not in _NOT_HIDING or (self.maybe and name in _HIDING_BLOCKS))
            and not self.src.endswith("/", start, end)
        ):
            if self.in_p and name in _CLOSES_P and (name != "table" or not self.quirks):
                self.separate(m.start())  # it ends the paragraph: that shows
            self.hider = name
            self.revision("hide", 1)
            if name in _HIDING_BLOCKS:
                self.inside = []
                self.in_table = bool(self.rows.tables)
        if breaks and hidden and name == "hr" and not self.in_p and self.hider is None:
            self.revision("hide", 1)  # a hidden rule: its line break is not shown either
            self.separate(m.start())
            self.revision("hide", -1)
        elif breaks:  # (a hidden block's line break: not shown, see changed())
            self.separate(m.start())
        if name in _CLOSES_P:
            self.in_p = name == "p"
        if name in _CELLS:
            self.rows.cell(None)
        elif name == "tr":
            self.rows.row()
        elif name in _ROW_GROUPS:
            self.rows.end_row()
        elif name == "table":
            self.rows.table()
        if name in _PRE:
            self.pre += 1
        self.generate(before)
        if name in _RAW or name in _RCDATA:
            return self.raw(name, m.end())
        return m.end()

    def within(self, rules: list[tuple[Compound, ...]]) -> bool:
        return self.opened is None or self.opened.within_any(rules)

    def attributes(self, start: int, end: int, name: str) -> None:
        frame = None
        if name == "iframe" and self.depth < _DEEPEST:
            m = _SRCDOC.search(self.src, start, end)
            frame = m.span(m.lastindex or 1) if m else None
        for m in _VALUE.finditer(self.src, start, end):
            group = m.lastindex or 3
            a, b = m.span(group)
            if b - a >= _SHORTEST and (data := _BASE64_DATA.match(self.src, a, b)) is not None:
                a = data.end()  # (a file's base64 is no text: the file is read apart)
            if b - a >= _SHORTEST:
                self.hidden.append((a, b, _FRAME if (a, b) == frame else _DECODED))

    def raw(self, name: str, start: int) -> int:
        """The content of a script, style, title or textarea, up to its end tag."""
        src = self.src
        close = re.compile(rf"</{name}[\s/>]", re.IGNORECASE).search(src, start)
        end = close.start() if close else len(src)
        if name in _RCDATA:
            self.data(start, end)
            if name in _PRE and self.pre:
                self.pre -= 1
            self.separate(end)
        elif end - start >= _SHORTEST:
            self.hidden.append((start, end, _SCRIPT if name == "script" else _AS_IS))
        if close is None:
            return len(src)
        stop = src.find(">", close.start())
        return len(src) if stop < 0 else stop + 1


class HtmlSource:
    """A page's source, its encoding and its text map: locates and writes back."""

    def __init__(self, path: Path, data: bytes, charset: str | None = None) -> None:
        self.path = path
        self.data = data
        self.src, self.codec, self.bom = decode_html(data, charset)
        if "\x00" in self.src:  # not text: a number in it would not be seen
            raise DocumentError.of(
                N_(
                    "{path}: the page holds NUL bytes: it is not text in {codec} or any encoding zfgk knows"
                ),
                path=path,
                codec=self.codec,
            )
        parser = _Parser(self.src)
        self.map = parser.run()
        self.deletions = parser.deletions

    @cached_property
    def text(self) -> str:
        """The text of the page."""
        return self.map.text()

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0, *(m.end() for m in _LINE_END.finditer(self.src))]

    def locate(self, offset: int) -> Location:
        if not self.map.length:
            return Location(line=1)
        _, at = self.map.source_offset(offset)
        return Location(line=bisect.bisect_right(self._line_starts, at))

    def write(self, output: Path, old: str, new: str) -> None:
        data = self.edited(old, new)
        with atomic_binary(output) as f:
            f.write(data)

    def edited(self, old: str, new: str) -> bytes:
        """The page's bytes with ``old`` (its text) changed into ``new``."""
        edits = removing(self.map.edits(old, new, self.path).get(0, []), self.deletions)
        if not edits:
            return self.data
        src = apply_edits(self.src, edits, self._escape)
        try:
            if self.bom + self.src.encode(self.codec, "surrogateescape") != self.data:
                raise UnicodeError
            return self.bom + src.encode(self.codec, "surrogateescape")
        except UnicodeError:
            raise DocumentError.of(
                N_("{path}: the page cannot be written back byte for byte in its encoding {codec}"),
                path=self.path,
                codec=self.codec,
            ) from None

    def _escape(self, text: str) -> str:
        out = []
        for ch in text:
            if ch in "<&":
                out.append(html.escape(ch))
                continue
            try:
                ch.encode(self.codec)
            except UnicodeError:
                out.append(f"&#{ord(ch)};")
                continue
            out.append(ch)
        return "".join(out)


def read_html(path: Path, data: bytes, charset: str | None = None) -> tuple[str, HtmlSource]:
    """The text of a page and its source (``charset``: the one it was sent with, if any)."""
    source = HtmlSource(path, data, charset)
    return source.text, source
