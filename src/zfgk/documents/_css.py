"""Which elements of a page its stylesheets hide (internal).

A page may hide a digit by a rule of a ``<style>`` element rather than by an element's
own ``style``: ``.x{display:none}`` and ``<span class="x">``.  Word's "Save as web page"
writes its hidden character styles so (``span.hid{display:none;mso-hide:all}``).  A browser
leaves the element out and the text around it joins, so the page is read that way too
(:mod:`zfgk.documents._html`).

Of each compound of a selector only its tag, ids, classes, attributes (CSS escapes read)
and ``:empty`` (an empty element hides no text) are read,
and of the compounds before its last (its subject: ``span.x`` of ``div > span.x``) only
those of its ancestors (a parent read as an ancestor; ``html``, ``body`` and a table's
``tbody`` there where the page leaves their tags out: :mod:`zfgk.documents._open`); what
else a selector asks (a sibling, a pseudo-class such as ``:hover``, a ``@media``
condition) is not, so an element that rule *may* hide is taken as hidden.  That costs
nothing where the browser shows it: the page is read both ways, as stored and as shown,
and a number in either is found.  A rule that shows the element again (``display:inline``),
``:not()``, and an element's own ``style`` display are not weighed against a rule that
hides, for the same reason: a browser drops or does not apply such a rule in more ways than
a reading of the page's text can tell (an invalid value or selector, a ``<style>`` inside a
comment or a ``<template>``, the case of a class on a page with a doctype, a cascade
layer), and a rule wrongly weighed would lose a number.  The stylesheet's text (its
rules, nested ones too, and their declarations) is read in :mod:`zfgk.documents._css_text`.

A ``::before`` or ``::after`` rule's ``content`` strings are shown at their element
(``.x::before{content:"1381234"}`` and ``<span class=x>5678</span>`` show 13812345678):
they are read there as if inserted, so that the page is read with and without them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from zfgk.documents._css_text import (
    content_pieces,
    declarations_hide,
    hiding,
    selector_list,
    style_elements,
    style_rules,
)
from zfgk.documents._model import Piece

__all__ = ["Compound", "Element", "Stylesheet", "element", "hides", "matches"]

#: The pseudo-elements: a rule for one styles that box, not the element's own text.
_PSEUDO_ELEMENT = re.compile(
    r"::?(?:before|after|marker|placeholder|selection|backdrop)\b|::[\w-]", re.IGNORECASE
)
#: The pseudo-element whose ``content`` is shown before or after the element's own text.
_GENERATED = re.compile(r"::?(before|after)\s*$", re.IGNORECASE)
#: An identifier in a selector (CSS escapes of ASCII characters read).
_NAME = r"(?:[\w-]|\\[0-9a-fA-F]{1,6}\s?|\\[^\n0-9a-fA-F]|[^\x00-\x7f])+"
_SIMPLE = re.compile(
    rf"(?P<tag>{_NAME}|\*)"
    rf"|\.(?P<class>{_NAME})"
    rf"|#(?P<id>{_NAME})"
    r"""|\[\s*(?P<attr>[\w:-]+)\s*(?:(?P<op>[~|^$*]?=)\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s\]]+))\s*(?:[iIsS]\s*)?)?\]"""
    r"|(?P<other>:{1,2}[\w-]+(?:\((?:[^()]|\([^()]*\))*\))?|\[[^\]]*\]?|\|)"
)
_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.DOTALL)


def _unescape(name: str) -> str:
    return _ESCAPE.sub(
        lambda m: chr(min(int(m[1], 16), 0x10FFFF) or 0xFFFD) if m[1] else m[2], name
    ).lower()


#: A compound selector as read: (tag or "", classes, ids, attributes (name, op, value)).
Compound = tuple[str, frozenset[str], frozenset[str], tuple[tuple[str, str, str], ...]]


#: A selector as read: its subject, and the compounds its ancestors must meet (the farthest
#: first; a child's parent read as an ancestor, a sibling's condition left out).
Selector = tuple[Compound, tuple[Compound, ...]]


def _selector(selector: str) -> Selector | None:
    """The compound a selector styles (its last) and those of its ancestors, with what of
    each is read; ``None`` if the rule styles a pseudo-element.

    >>> from zfgk.documents._css import _selector
    >>> subject, ancestors = _selector("div.a > p:hover + span.x")
    >>> subject[0], sorted(subject[1]), [(c[0], sorted(c[1])) for c in ancestors]
    ('span', ['x'], [('div', ['a'])])
    """
    if _PSEUDO_ELEMENT.search(selector):
        return None
    # the compounds, each with the combinator after it, outside brackets and parentheses
    compounds: list[tuple[str, str]] = []
    depth, start, combinator = 0, 0, ""
    escaped = _escaped(selector)  # the characters an escape holds (``.\\31 x``: its space)
    for i, ch in enumerate(selector + " "):
        if i in escaped:
            pass
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(depth - 1, 0)
        elif depth == 0 and ch in " \t\n\r\f>+~":
            if i > start:
                compounds.append((selector[start:i], ""))
            if ch in ">+~" or not combinator:
                combinator = ch
            if compounds:
                compounds[-1] = (compounds[-1][0], combinator)
            start = i + 1
            continue
        combinator = ""
    if not compounds:
        return None
    ancestors = tuple(_compound(text) for text, after in compounds[:-1] if after not in ("+", "~"))
    return _compound(compounds[-1][0]), ancestors


def _escaped(selector: str) -> set[int]:
    """Where the characters after each backslash of ``selector`` are, that an escape holds
    (the white space that ends a hex escape too): none of them a combinator or bracket.

    >>> from zfgk.documents._css import _escaped
    >>> sorted(_escaped(r".\\31 x #a\\ b"))
    [2, 3, 4, 10]
    """
    return {i for m in _ESCAPE.finditer(selector) for i in range(m.start() + 1, m.end())}


def _compound(compound: str) -> Compound:
    """What of a compound selector is read: its tag, classes, ids, attributes (any element
    if it cannot be read)."""
    tag, classes, ids, attributes = "", set(), set(), []
    pos = 0
    while pos < len(compound):
        m = _SIMPLE.match(compound, pos)
        if m is None or m.end() == pos:
            return ("", frozenset(), frozenset(), ())  # not understood: any element
        if m["tag"] and m["tag"] != "*":
            tag = _unescape(m["tag"])
        elif m["class"]:
            classes.add(_unescape(m["class"]))
        elif m["id"]:
            ids.add(_unescape(m["id"]))
        elif m["attr"]:
            value = (
                m["dq"] if m["dq"] is not None else m["sq"] if m["sq"] is not None else m["bare"]
            )
            attributes.append((m["attr"].lower(), m["op"] or "", (value or "").lower()))
        elif (m["other"] or "").lower() == ":empty":
            attributes.append(("", _EMPTY, ""))
        pos = m.end()
    return tag, frozenset(classes), frozenset(ids), tuple(attributes)


#: The condition of a compound that is no attribute's: it has no content (``:empty``).
_EMPTY = ":empty"


#: An element as a stylesheet sees it: (tag, classes, ids, attributes with their values).
Element = tuple[str, frozenset[str], frozenset[str], dict[str, str]]
#: An attribute of a start tag: its name, and its value (quoted or not) if it has one.
_ATTRIBUTE = re.compile(r"""([^\s/>=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def element(name: str, attributes: str) -> Element:
    """An element as a stylesheet sees it, from its tag's name and attributes; classes and
    ids compared without case (as a page without a doctype, Word's, has them).

    >>> from zfgk.documents._css import element
    >>> tag, classes, ids, values = element("SPAN", ' class="Hid  x" id=A')
    >>> tag, sorted(classes), sorted(ids), values
    ('span', ['hid', 'x'], ['a'], {'class': 'hid  x', 'id': 'a'})
    """
    values: dict[str, str] = {}
    for m in _ATTRIBUTE.finditer(attributes):
        key = m[1].lower()
        if key not in values:
            raw = m[2] if m[2] is not None else m[3] if m[3] is not None else m[4] or ""
            values[key] = html.unescape(raw).lower() if "&" in raw else raw.lower()
    classes = frozenset(values.get("class", "").split())
    ids = frozenset([values["id"].strip()]) if values.get("id", "").strip() else frozenset()
    return name.lower(), classes, ids, values


def matches(compound: Compound, found: Element) -> bool:
    """Whether ``found`` meets what of ``compound`` is read.

    >>> from zfgk.documents._css import _compound, element, matches
    >>> matches(_compound("td.a[x^=b]"), element("td", ' class="a c" x=bc'))
    True
    """
    tag, classes, ids, attributes = compound
    if tag and tag != found[0]:
        return False
    if not classes <= found[1] or not ids <= found[2]:
        return False
    values = found[3]
    for name, op, value in attributes:
        if op == _EMPTY:
            continue  # (an element is not known empty at its start; see Stylesheet.of)
        if not _meets(values.get(name), op, value):
            return False
    return True


def _meets(have: str | None, op: str, value: str) -> bool:
    """Whether an attribute's value (``None``: it has none) meets an attribute selector's."""
    if have is None:
        return False
    if op == "=":
        return have == value
    if op == "~=":
        return value in have.split()
    if op == "|=":
        return have == value or have.startswith(value + "-")
    if op == "^=":
        return have.startswith(value)
    if op == "$=":
        return have.endswith(value)
    if op == "*=":
        return value in have
    return True


class Stylesheet:
    """The rules of a page's ``<style>`` elements that hide their element's text, and those
    that put text before or after it.

    >>> from zfgk.documents._css import Stylesheet, element
    >>> sheet = Stylesheet.of("<style>/* Word */ span.hid, #n {display:none; mso-hide:all}</style>")
    >>> sheet.hides(element("span", ' class="hid"')), sheet.hides(element("b", ' class="hid"'))
    (True, False)
    >>> sheet.hides(element("i", " id=n")), bool(Stylesheet.of("<p>display:none</p>"))
    (True, False)
    >>> none_met, all_met = (lambda ancestors: False), (lambda ancestors: True)
    >>> sheet.hides_tag("span", " class=HID", none_met)
    True
    >>> deep = Stylesheet.of("<style>td .x {display:none}</style>")
    >>> deep.hides_tag("b", " class=x", none_met), deep.hides_tag("b", " class=x", all_met)
    (False, True)
    """

    def __init__(
        self,
        selectors: list[Selector],
        generated: list[tuple[Compound, bool, list[Piece]]] | None = None,
    ) -> None:
        self.selectors = selectors
        self.deep = any(ancestors for _, ancestors in selectors)  # whether any asks ancestors
        self.generated = generated or []  # (compound, after, its content's pieces)
        self._elements: dict[tuple[str, str], Element] = {}
        # for each tag: whether a rule that asks no ancestor hides it, those that ask some
        self._seen: dict[tuple[str, str], tuple[bool, list[tuple[Compound, ...]]]] = {}
        self._made: dict[tuple[str, str], tuple[list[Piece], list[Piece]]] = {}
        # each selector under one of its subject's names, to look up only those that may apply
        self._by: dict[tuple[str, str], list[Selector]] = {}
        for selector in selectors:
            self._by.setdefault(_key(selector[0]), []).append(selector)

    @classmethod
    def of(cls, page: str) -> Stylesheet:
        """The rules of the ``<style>`` elements of ``page`` (the source of a page)."""
        selectors: dict[Selector, None] = {}  # (in the order met, each once)
        generated: list[tuple[Compound, bool, list[Piece]]] = []
        for css, offset, _ in style_elements(page):
            for prelude, block, at, _ in style_rules(css):
                content = content_pieces(block, offset + at) if "content" in block else None
                none, small, moved, _ = hiding(block)
                hides_text = bool(none) or small or moved
                for text in selector_list(prelude):
                    read = _selector(text) if text and hides_text else None
                    if read is not None and not any(a[1] == _EMPTY for a in read[0][3]):
                        selectors[read] = None  # (an empty element hides no text)
                    where = _GENERATED.search(text) if content is not None else None
                    if where is not None and content is not None:
                        read = _selector(text[: where.start()] + text[where.end() :])
                        if read is not None:
                            generated.append((read[0], where[1].lower() == "after", content))
        return cls(list(selectors), generated)

    def __bool__(self) -> bool:
        return bool(self.selectors or self.generated)

    def element(self, name: str, attributes: str) -> Element:
        """:func:`element`, each tag read once."""
        key = (name, attributes)
        found = self._elements.get(key)
        if found is None:
            found = self._elements[key] = element(name, attributes)
        return found

    def content(self, name: str, attributes: str) -> tuple[list[Piece], list[Piece]]:
        """The text a rule's ``::before`` and ``::after`` put in the element a start tag
        begins: the pieces of its ``content`` strings, each where it is in the page; that
        of the last rule whose subject it is (rules of equal weight: the last one wins).

        >>> from zfgk.documents._css import Stylesheet
        >>> page = '<style>.x::before{content:"138" "\\\\31 234"}</style><span class=x>5678</span>'
        >>> Stylesheet.of(page).content("span", " class=x")
        ([('138', 0, 27, 30, 0), ('1', 0, 33, 37, 1), ('234', 0, 37, 40, 0)], [])
        """
        key = (name, attributes)
        made = self._made.get(key)
        if made is None:
            found = self.element(name, attributes)
            before: list[Piece] = []
            after: list[Piece] = []
            for compound, is_after, pieces in self.generated:
                if matches(compound, found):
                    if is_after:
                        after = pieces
                    else:
                        before = pieces
            made = self._made[key] = (before, after)
        return made

    def hides_tag(
        self,
        name: str,
        attributes: str,
        within: Callable[[list[tuple[Compound, ...]]], bool],
    ) -> bool:
        """Whether a rule may hide the element a start tag begins (its name, its attributes'
        source); ``within``: whether the open elements meet the ancestors of any of the
        rules given (each the farthest first; :class:`zfgk.documents._open.OpenElements`),
        given the same list for the same tag."""
        key = (name, attributes)
        known = self._seen.get(key)
        if known is None:
            found = self.element(name, attributes)
            simple, deep = False, []
            for selector in self._candidates(found):
                if selector[1]:
                    deep.append(selector[1])
                else:
                    simple = True
            known = self._seen[key] = (simple, deep)
        return known[0] or (bool(known[1]) and within(known[1]))

    def hides(self, found: Element) -> bool:
        """Whether a rule that asks no ancestor may hide ``found``."""
        return any(not ancestors for _, ancestors in self._candidates(found))

    def _candidates(self, found: Element) -> list[Selector]:
        """The selectors whose subject ``found`` meets."""
        by = self._by
        return [s for key in _keys(found) for s in by.get(key, ()) if matches(s[0], found)]


def _key(compound: Compound) -> tuple[str, str]:
    """The name a compound is looked up by: an id of it, else a class, else its tag."""
    tag, classes, ids, _ = compound
    return ("#", min(ids)) if ids else (".", min(classes)) if classes else ("", tag)


def _keys(found: Element) -> list[tuple[str, str]]:
    """The names an element is looked up by: any, its tag, its classes, its ids."""
    return [("", ""), ("", found[0]), *((".", c) for c in found[1]), *(("#", i) for i in found[2])]


def hides(attributes: str, *, away: bool = True) -> bool:
    """Whether a start tag's attributes make a browser leave its content out, so that the
    text around it joins: the ``hidden`` attribute, or ``display: none`` in its style (Word
    writes hidden text as ``display:none;mso-hide:all``), or a font size of 0 (a CMS's way
    to hide a word), or a position out of the line (``absolute``, ``fixed``: what is around
    it joins), or ``visibility: hidden`` (its room is kept: a gap of a character or two, which
    a reader reads across, as zfgk reads ``138 1234 5678``).  ``mso-hide`` alone is Word's,
    not a browser's: it joins nothing.  A class can hide too, but only a stylesheet says
    which.  ``away=False``: a position out of the line and a kept room are not counted (the
    box may still be shown, elsewhere, or leave its gap: what surely hides).

    >>> from zfgk.documents._css import hides
    >>> hides(" hidden"), hides(" style='display:none;mso-hide:all'"), hides(' style="display: none !important"')
    (True, True, True)
    >>> hides(' class="x hidden"'), hides(' title="hidden"'), hides(" style='mso-hide:all'")
    (False, False, False)
    >>> hides(' style="display:none; display:inline"'), hides(' style="overflow: hidden"')
    (False, False)
    >>> hides(' style="font-size:0px"'), hides(' style="font-size: 0.8em"')
    (True, False)
    >>> hides(' style="position:absolute;left:-9999px"'), hides(' style="position: relative"')
    (True, False)
    >>> hides(' style="position:fixed"', away=False), hides(' hidden', away=False)
    (False, True)
    >>> hides(' style="visibility:hidden"'), hides(' style="visibility:hidden"', away=False)
    (True, False)
    >>> hides(' style="display&#58;none"'), hides(r' style="d\\69splay: n\\on\\65"')
    (True, True)
    """
    for m in _ATTRIBUTE.finditer(attributes):
        name = m[1].lower()
        if name == "hidden":
            return True
        if name == "style":
            style = m[2] if m[2] is not None else m[3] if m[3] is not None else m[4] or ""
            if declarations_hide(html.unescape(style) if "&" in style else style, away=away):
                return True
    return False
