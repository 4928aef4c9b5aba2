"""A page's stylesheets read as CSS reads them (internal): the ``<style>`` elements, their
rules (those in ``@media`` and those nested in a rule: CSS nesting), their selector lists,
what their declarations do to a line of text (``display:none``, a font size of 0, a box put
out of the line) and the strings of a ``content`` declaration.  What each rule styles is
weighed in :mod:`zfgk.documents._css`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from zfgk.documents._model import COPY, WHOLE, Piece

__all__ = [
    "content_pieces",
    "declarations_hide",
    "font_size_hides",
    "hiding",
    "selector_list",
    "style_elements",
    "style_rules",
]

#: The content of each ``<style>`` element of a page (a style in a comment too: reading
#: one more rule only reads the page one more way).
_STYLE_START = re.compile(r"<style(?=[\s>])", re.IGNORECASE)
_STYLE_END = re.compile(r"</style", re.IGNORECASE)


def style_elements(page: str) -> Iterator[tuple[str, int, bool]]:
    """The content of each ``<style>`` element of ``page``, where it starts, and whether
    it applies only to some media (a ``media`` attribute); in one pass (a start tag never
    closed, a style never ended, reads to the end once).

    >>> from zfgk.documents._css_text import style_elements
    >>> list(style_elements("<style>a{}</style><STYLE media=x>b{}<style c"))
    [('a{}', 7, False), ('b{}<style c', 33, True)]
    """
    pos = 0
    while (m := _STYLE_START.search(page, pos)) is not None:
        gt = page.find(">", m.end())
        if gt < 0:
            return
        end = _STYLE_END.search(page, gt + 1)
        stop = end.start() if end else len(page)
        yield page[gt + 1 : stop], gt + 1, _MEDIA.search(page, m.end(), gt) is not None
        if end is None:
            return
        pos = end.end()


_MEDIA = re.compile(r"\smedia\s*=", re.IGNORECASE)
#: What CSS reads as nothing (a comment) or as white space (HTML's comment marks).
_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)|<!--|-->", re.DOTALL)
#: A string, or one of the characters that structure a stylesheet.
_STRUCTURE = re.compile(r""""(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|[{};]""", re.DOTALL)
#: At-rules whose block holds rules (the others hold declarations or frames: not read).
_GROUPING = frozenset(
    {"media", "supports", "document", "-moz-document", "layer", "container", "scope"}
)
#: A font size of nothing: ``0``, ``0px``, ``0pt``, ``0em``, ``0%``.
_NO_SIZE = re.compile(r"[+-]?0*\.?0*(?:px|pt|em|rem|%|ex|ch|vw|vh|cm|mm|in|pc|q)?")
#: ``!important`` as CSS reads it, with space or a comment after the ``!``.
_IMPORTANT = re.compile(r"!\s*important\s*$")
#: A CSS escape: a hex code and the white space that ends it, or a character.
_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})[ \t\n]?|\\(.)", re.DOTALL)


def _unescaped(m: re.Match[str]) -> str:
    if m[1]:
        code = int(m[1], 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code < 0xE000 else "\ufffd"
    return m[2] if m[2] != "\n" else ""


#: The ``display`` values that show their element, one keyword alone (a value CSS does not
#: know is dropped, and leaves the declaration before it): read word by word, never by a
#: pattern that can backtrack.  ``revert-layer`` is none of them: it may fall back to a
#: layer's ``display:none``.
_DISPLAY_ALONE = frozenset(
    "block inline run-in flow flow-root table flex grid ruby list-item contents math "
    "inline-block inline-table inline-flex inline-grid table-row-group table-header-group "
    "table-footer-group table-row table-cell table-column-group table-column table-caption "
    "ruby-base ruby-text ruby-base-container ruby-text-container -webkit-box "
    "-webkit-inline-box -moz-box -moz-inline-box -ms-flexbox -ms-inline-flexbox -webkit-flex "
    "-webkit-inline-flex inherit initial unset revert".split()
)
#: Two keywords: how the box sits in its line, and how it lays out what it holds.
_OUTSIDE = frozenset({"block", "inline", "run-in"})
_INSIDE = frozenset({"flow", "flow-root", "table", "flex", "grid", "ruby"})


def _shows(value: str) -> bool:
    """Whether a ``display`` value (lower case, trimmed) is one CSS knows that shows.

    >>> from zfgk.documents._css_text import _shows
    >>> _shows("inline-block"), _shows("inline flow-root"), _shows("inline-blok"), _shows("block block")
    (True, True, False, False)
    """
    words = value.split()
    if len(words) == 1:
        return words[0] in _DISPLAY_ALONE
    if len(words) == 2:
        first, second = words
        return (first in _OUTSIDE and second in _INSIDE) or (
            first in _INSIDE and second in _OUTSIDE
        )
    return False


#: The words of a ``font`` shorthand before its size.
_FONT_KEYWORDS = frozenset(
    """normal italic oblique small-caps bold bolder lighter ultra-condensed extra-condensed
    condensed semi-condensed semi-expanded expanded extra-expanded ultra-expanded""".split()
)
#: A string of a ``content`` declaration, or what else its value holds (a counter, attr()).
_CONTENT = re.compile(
    r"""(?P<key>(?<![\w-])content\s*:\s*)|"(?P<dq>(?:[^"\\\n]|\\.)*)"|'(?P<sq>(?:[^'\\\n]|\\.)*)'|;""",
    re.DOTALL | re.IGNORECASE,
)
_STRING_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})[ \t\n]?|\\\n|\\(.)", re.DOTALL)


def content_pieces(block: str, at: int) -> list[Piece] | None:
    """The pieces of the strings of the last ``content`` declaration of ``block`` (which
    starts at ``at`` in the page), CSS escapes read; ``None`` if it has none.

    >>> from zfgk.documents._css_text import content_pieces
    >>> content_pieces(r'content: "13" "\\38 "', 100), content_pieces("color: red", 0)
    ([('13', 0, 110, 112, 0), ('8', 0, 115, 119, 1)], None)
    """
    found: list[Piece] | None = None
    reading = False
    for m in _CONTENT.finditer(block):
        if m["key"]:
            found, reading = [], True
        elif m.group() == ";":
            reading = False
        elif reading and found is not None:
            text = m["dq"] if m["dq"] is not None else m["sq"]
            found += _string(text, at + m.start() + 1)
    return found or None


def _string(text: str, at: int) -> list[Piece]:
    """The pieces of a CSS string's characters (``at``: where they start in the page)."""
    found: list[Piece] = []
    done = 0
    for m in _STRING_ESCAPE.finditer(text):
        if m.start() > done:
            found.append((text[done : m.start()], 0, at + done, at + m.start(), COPY))
        if m[1]:
            code = int(m[1], 16)
            shown = chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code < 0xE000 else ""
        else:
            shown = m[2] or ""  # an escaped line break is no character
        if shown:
            found.append((shown, 0, at + m.start(), at + m.end(), WHOLE))
        done = m.end()
    if done < len(text):
        found.append((text[done:], 0, at + done, at + len(text), COPY))
    return found


def declarations_hide(block: str, *, away: bool = True) -> bool:
    """Whether declarations take their element's text out of its line: ``display:none`` (the
    last display declaration wins), a font size of 0 or under a pixel (``font-size``, or the
    ``font`` shorthand's: ``font:0/0 a``; :func:`font_size_hides`), or a position out of the flow (``absolute``, ``fixed``: the
    "visually hidden" text of a screen reader's, put off the page, or a box put elsewhere; a
    ``float``, put at the side of its line): the text around it joins where it was.  As CSS
    reads them: comments are nothing, names and keywords any case, ``! important`` spaced.

    >>> from zfgk.documents._css_text import declarations_hide
    >>> declarations_hide("DISPLAY:/**/NONE ! important"), declarations_hide("font:0/0 a")
    (True, True)
    >>> declarations_hide("font:bold 12px/0 a"), declarations_hide("float:left", away=False)
    (False, False)
    """
    none, small, moved, _ = hiding(block)
    return bool(none) or small or (away and moved)


def hiding(block: str) -> tuple[str, bool, bool, str]:
    """How declarations hide: by ``display`` (``"none"``, ``"important"`` if ``!important``;
    ``""`` if not), by a font size of 0 (or under a pixel), by a position out of the line
    (or what else only may hide: a font size that may be under a pixel, an opacity of
    about 0, a room kept by ``visibility:hidden``); and whether they
    show their element (a ``display`` but ``none``: ``"shown"``, ``"important"`` if
    ``!important``; ``""`` if not).

    >>> from zfgk.documents._css_text import hiding
    >>> hiding("display:none"), hiding("display:none!important; font-size:0; float:left")
    (('none', False, False, ''), ('important', True, True, ''))
    >>> hiding("display:none; display:inline-block"), hiding("display:none; display:nonee")
    (('', False, False, 'shown'), ('none', False, False, ''))
    >>> hiding("display:none !important; display:inline"), hiding(r"display:none; display:inline\\9")
    (('important', False, False, ''), ('none', False, False, ''))
    """
    if "/*" in block:
        block = _COMMENT.sub(" ", block)
    escaped = "\\" in block
    if escaped:  # an escape in a name or keyword (d\\69splay) is the character
        block = _ESCAPE.sub(_unescaped, block)
    none, small, moved, shows = "", False, False, ""
    narrow, clipped, tiny, faint = False, False, False, False
    for declaration in block.split(";"):
        key, _, value = declaration.partition(":")
        key = key.strip().lower()
        value, important = _IMPORTANT.subn("", value.lower())
        value = value.strip()
        if key == "display" and value == "none":
            if important or none != "important":
                none, shows = "important" if important else "none", ""
        elif key == "display" and not escaped and _shows(value):  # (a value CSS does not know,
            if important or none != "important":  # or one an escape may spoil: not read)
                none, shows = "", "important" if important else "shown"
        elif key == "font-size":
            small, tiny = font_size_hides(value)
        elif key == "font":
            small, tiny = font_size_hides(_font_size(value))
        elif key == "opacity":  # (its room kept, as visibility:hidden)
            faint = _faint(value)
        elif key == "position":
            moved = value in ("absolute", "fixed")
        elif key == "float":
            moved = moved or value not in ("none", "")
        elif key == "visibility":  # its room kept: a gap a reader reads across
            moved = moved or value in ("hidden", "collapse")
        elif key in ("width", "max-width"):
            narrow = narrow or (_NO_SIZE.fullmatch(value) is not None and value not in ("", "."))
        elif key in ("overflow", "overflow-x"):
            clipped = value.split()[0] in ("hidden", "clip") if value else clipped
    # a box of no width that clips what it holds (an inline-block): the text joins around it;
    # a font size that may be under a pixel, an opacity of (nearly) 0: what may hide
    return none, small, moved or (narrow and clipped) or tiny or faint, shows


def _font_size(value: str) -> str:
    """The font size a ``font`` shorthand sets: its first part that is no style, variant,
    weight or stretch (``italic bold 0/0 serif``); ``""`` if none.

    >>> from zfgk.documents._css_text import _font_size
    >>> _font_size("0/0 a"), _font_size("700 0px serif"), _font_size("italic 12px/0 a")
    ('0', '0px', '12px')
    """
    for part in value.replace("/", " / ").split():
        if part in _FONT_KEYWORDS or (part.isdigit() and int(part) > 0):
            continue  # a style, variant, weight (100 … 900) or stretch
        return part
    return ""


#: A length (a number, its unit) as CSS writes it.
_LENGTH = re.compile(r"\+?((?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)([a-z]*|%)")
#: How many pixels one of a unit is: the absolute units, then about (with a browser's
#: default font of 16 pixels and a window 1,000 pixels wide) the relative ones.
_PIXELS = {"px": 1, "pt": 4 / 3, "pc": 16, "in": 96, "cm": 96 / 2.54, "mm": 96 / 25.4}
_PIXELS |= {"q": 96 / 101.6}
_ABOUT = {"em": 16, "rem": 16, "%": 0.16, "ex": 8, "ch": 8, "ic": 16, "lh": 19, "rlh": 19}
_ABOUT |= {"vw": 10, "vh": 10, "vmin": 10, "vmax": 10, "cap": 11}


def font_size_hides(value: str) -> tuple[bool, bool]:
    """Whether a font size surely hides its text, and whether it may: 0, or under a pixel
    in an absolute unit (``0.01px``, ``0.5pt``: nothing a person sees) surely; under about
    a pixel in a relative unit (``0.01em``: it depends on the font it is relative to) may.

    >>> from zfgk.documents._css_text import font_size_hides
    >>> [font_size_hides(v) for v in ("0", "0.01px", ".5pt", "0.01em", "1px", "0.8em", "x")]
    [(True, False), (True, False), (True, False), (False, True), (False, False), (False, False), (False, False)]
    """
    if value and value != "." and _NO_SIZE.fullmatch(value) is not None:
        return True, False
    m = _LENGTH.fullmatch(value)
    if m is None:
        return False, False
    number = float(m[1])
    if m[2] in _PIXELS:
        return number * _PIXELS[m[2]] < 1, False
    return False, m[2] in _ABOUT and number * _ABOUT[m[2]] < 1


def _faint(value: str) -> bool:
    """Whether an opacity leaves its text unseen: under 0.05 (5%), 0 written any way."""
    m = _LENGTH.fullmatch(value)
    if m is None or m[2] not in ("", "%"):
        return False
    return float(m[1]) / (100 if m[2] else 1) < 0.05


def style_rules(css: str) -> Iterator[tuple[str, str, int, bool]]:
    """(selector list, declarations, where they start, whether an at-rule holds them) of
    each style rule of a stylesheet, those inside ``@media`` and the other grouping at-rules
    too, and those nested in a rule (CSS nesting: ``.p { & .x {…} }`` and ``.p { .x {…} }``
    are ``.p .x``; an ``@media`` in a rule holds declarations of that rule's).

    >>> from zfgk.documents._css_text import style_rules
    >>> css = ".p, .q { color:red; & .x {a:b} > i {c:d} } @media print { .y {e:f} }"
    >>> [(s, d.strip(), at_rule) for s, d, _, at_rule in style_rules(css)]
    [('.p .x, .q .x', 'a:b', False), ('.p > i, .q > i', 'c:d', False), ('.p, .q', 'color:red;', False), ('.y', 'e:f', True)]
    """
    css = _COMMENT.sub(lambda m: " " * len(m.group()), css)  # each character where it was
    # each open block: the selectors of the rule it holds the declarations of (None: a
    # block that holds rules; ``()``: one skipped), where it starts, the blocks inside it
    stack: list[tuple[tuple[str, ...] | None, int, list[tuple[int, int]], bool]] = []
    prelude_start = 0
    for m in _STRUCTURE.finditer(css):
        token = m.group()
        if token == "{":
            head = css[prelude_start : m.start()].strip()
            outer = stack[-1][0] if stack else None
            selectors: tuple[str, ...] | None = ()
            if head.startswith("@"):
                name = head[1:].split(None, 1)[0].lower() if len(head) > 1 else ""
                if name in _GROUPING:
                    selectors = outer  # rules, or (in a rule) its declarations
            elif outer is None:
                selectors = tuple(selector_list(head))
            elif outer:
                selectors = _nested(outer, head)
            if stack:
                stack[-1][2].append((prelude_start, m.start()))  # its prelude: no declaration
            held = head.startswith("@") or bool(stack and stack[-1][3])
            stack.append((selectors, m.end(), [], held))
            prelude_start = m.end()
        elif token == "}":
            if stack:
                selectors, begin, inner, held = stack.pop()
                if selectors:
                    parts, done = [], begin
                    for a, b in inner:  # the rules nested in it are no declarations of it
                        parts += [css[done:a], " " * (b - a)]
                        done = b
                    yield (
                        ", ".join(selectors),
                        "".join([*parts, css[done : m.start()]]),
                        begin,
                        held,
                    )
                if stack and stack[-1][2]:  # its prelude, on to its end
                    stack[-1][2][-1] = (stack[-1][2][-1][0], m.end())
            prelude_start = m.end()
        elif token == ";":
            prelude_start = m.end()  # @import …; @charset …; a declaration


#: The most selectors a nested rule is read as (each of its own with each of its rule's).
_MOST_NESTED = 256


def _nested(outer: tuple[str, ...], head: str) -> tuple[str, ...]:
    """The selectors of a rule nested in one of ``outer``'s: ``&`` that rule's selector
    (only its subject, where ``&`` does not start the selector), else a descendant of it."""
    inner = [text for text in selector_list(head) if text]
    if len(inner) * len(outer) > _MOST_NESTED:
        outer = ("*",)  # too many to weigh: any element may be that rule's
    found: list[str] = []
    for text in inner:
        for parent in outer:
            if "&" not in text:
                found.append(f"{parent} {text}")
                continue
            subject = parent.replace(">", " ").replace("+", " ").replace("~", " ").split()
            lead, rest = (parent, text[1:]) if text.startswith("&") else ("", text)
            found.append(lead + rest.replace("&", subject[-1] if subject else "*"))
    return tuple(found)


def selector_list(selectors: str) -> Iterator[str]:
    """Each selector of a selector list (a comma in brackets or parentheses is no break).

    >>> from zfgk.documents._css_text import selector_list
    >>> list(selector_list(" a, :is(b, c) , [x=','] "))
    ['a', ':is(b, c)', "[x=',']"]
    """
    depth, start = 0, 0
    for i, ch in enumerate(selectors):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(depth - 1, 0)
        elif ch == "," and depth == 0:
            yield selectors[start:i].strip()
            start = i + 1
    yield selectors[start:].strip()
