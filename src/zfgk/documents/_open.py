"""The elements a page holds open where its reader is, as a stylesheet's rules ask them
(internal).

A rule's ancestors (``td .x``, ``.nav li span``) are looked up here, and the ``::after``
text of an element waits here for its end.  A page's end tags are often left out (``<p>``,
``<li>``, ``<td>``, ``<tr>``) or stray (``</i>`` with no ``<i>``): the elements a start tag
ends, as HTML's parsing reads it, are closed here, and each lookup costs at most a bounded
number of steps (a page of 20,000 nested ``<div>`` or unclosed ``<p>`` is read in linear
time).  What cannot be weighed within those steps is taken as met: a rule that then
hides its element only *may* hide it (:mod:`zfgk.documents._html` reads the page both ways).
"""

from __future__ import annotations

import bisect

from zfgk.documents._css import Compound, Element, matches
from zfgk.documents._model import Piece

__all__ = ["OpenElements"]

#: Elements that a start tag's implied end does not look past (HTML's scopes, simplified).
_SCOPE = frozenset({"applet", "caption", "html", "table", "td", "th", "marquee", "object"})
_TABLE_SCOPE = frozenset({"html", "table", "template"})
_P_ENDERS = frozenset(
    """address article aside blockquote center dd details dialog dir div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li listing main menu nav
    ol p plaintext pre section summary table ul xmp""".split()
)
#: For a start tag: the open elements it ends (the nearest, and what is open inside it),
#: and those that it does not look past.
_ENDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "li": (frozenset({"li"}), _SCOPE | {"ol", "ul"}),
    "dd": (frozenset({"dd", "dt"}), _SCOPE | {"dl"}),
    "dt": (frozenset({"dd", "dt"}), _SCOPE | {"dl"}),
    "td": (frozenset({"td", "th"}), _TABLE_SCOPE),
    "th": (frozenset({"td", "th"}), _TABLE_SCOPE),
    "tr": (frozenset({"tr", "td", "th"}), _TABLE_SCOPE),
    "tbody": (frozenset({"tbody", "thead", "tfoot", "tr", "td", "th"}), _TABLE_SCOPE),
    "thead": (frozenset({"tbody", "thead", "tfoot", "tr", "td", "th"}), _TABLE_SCOPE),
    "tfoot": (frozenset({"tbody", "thead", "tfoot", "tr", "td", "th"}), _TABLE_SCOPE),
}
_P_ENDS = (frozenset({"p"}), _SCOPE | {"button"})
#: The elements HTML's parsing puts around what a page shows whose tags it left out (as
#: they are then: no attribute), and the one it puts between a table and a row.
_IMPLIED_ROOT: tuple[Element, ...] = (
    ("html", frozenset(), frozenset(), {}),
    ("body", frozenset(), frozenset(), {}),
)
_IMPLIED_TBODY: Element = ("tbody", frozenset(), frozenset(), {})
_TR: Compound = ("tr", frozenset(), frozenset(), ())
_SECTIONS = frozenset({"thead", "tfoot", "tbody"})
#: How far down a start tag's implied end, or a rule's ancestor, is looked for.
_STEPS = 32


def _keys(found: Element) -> list[tuple[str, str]]:
    return [("", ""), ("", found[0]), *((".", c) for c in found[1]), *(("#", i) for i in found[2])]


def _key(compound: Compound) -> tuple[str, str]:
    tag, classes, ids, _ = compound
    return ("#", min(ids)) if ids else (".", min(classes)) if classes else ("", tag)


#: Rules' ancestors: those whose nearest one an element HTML puts in may meet, and the
#: others by the key of their nearest one.
_Groups = tuple[list[tuple[Compound, ...]], dict[tuple[str, str], list[tuple[Compound, ...]]]]


def _grouped(rules: list[tuple[Compound, ...]], keys: dict[int, tuple[str, str] | None]) -> _Groups:
    """``rules`` grouped by their nearest ancestor's key (``keys``: each compound's, by its
    id, None where an element HTML puts in may meet it; filled in as compounds are met:
    the stylesheet holds them while the page is read)."""
    always: list[tuple[Compound, ...]] = []
    by: dict[tuple[str, str], list[tuple[Compound, ...]]] = {}
    for ancestors in rules:
        if not ancestors:
            always.append(ancestors)
            continue
        nearest = ancestors[-1]
        if id(nearest) in keys:
            key = keys[id(nearest)]
        else:
            implied = any(matches(nearest, e) for e in (*_IMPLIED_ROOT, _IMPLIED_TBODY))
            key = keys[id(nearest)] = None if implied else _key(nearest)
        if key is None:
            always.append(ancestors)
        else:
            by.setdefault(key, []).append(ancestors)
    return always, by


class OpenElements:
    """The open elements, the farthest first, each with the ``::after`` text it waits to
    show, and for each tag, class and id where the open elements that have it are.

    >>> from zfgk.documents._css import _selector, element
    >>> from zfgk.documents._open import OpenElements
    >>> stack = OpenElements()
    >>> for name, attributes in (("table", ""), ("td", ""), ("p", ""), ("span", " class=x")):
    ...     _ = stack.implied(name)
    ...     stack.push(element(name, attributes), [])
    >>> stack.within(_selector("td p span")[1]), stack.within(_selector("li p span")[1])
    (True, False)
    >>> _ = stack.implied("td")  # ends the cell, and the p and span in it
    >>> stack.push(element("td", ""), [])
    >>> stack.within(_selector("p .y")[1]), stack.within(_selector("table td .y")[1])
    (False, True)
    """

    def __init__(self) -> None:
        self.elements: list[Element] = []
        self.after: list[list[Piece]] = []
        self._where: dict[tuple[str, str], list[int]] = {}
        self.keys: list[list[tuple[str, str]]] = []  # of each open element
        self._keys: dict[int, list[tuple[str, str]]] = {}  # of each element seen, by its id
        self._held: list[Element] = []
        self._open: set[tuple[str, str]] = set()  # the keys of the open elements
        # each list of rules' ancestors weighed, by its nearest ancestor's key (None: one
        # that may be met by an element HTML puts in): (the list, kept alive; its groups)
        self._groups: dict[int, tuple[object, _Groups]] = {}
        self._nearest_keys: dict[int, tuple[str, str] | None] = {}

    def implied(self, name: str) -> list[Piece]:
        """A start tag: the open elements it ends (``<li>`` an open ``li``, ``<td>`` an
        open cell, a block an open ``p``) end; the ``::after`` text they show."""
        ends = _ENDS.get(name) or (_P_ENDS if name in _P_ENDERS else None)
        if ends is None:
            return []
        targets, scope = ends
        where = self._where
        for target in targets:
            if where.get(("", target)):
                break
        else:
            return []
        for i in range(len(self.elements) - 1, max(len(self.elements) - _STEPS, 0) - 1, -1):
            if self.elements[i][0] in targets:
                return self._close(i)
            if self.elements[i][0] in scope:
                break
        return []

    def push(self, found: Element, after: list[Piece]) -> None:
        """An element starts (``after``: the ``::after`` text it shows at its end)."""
        at = len(self.elements)
        self.elements.append(found)
        self.after.append(after)
        self.keys.append(keys := self._keys.get(id(found)) or self._key_of(found))
        where = self._where
        for key in keys:
            if key in where:
                where[key].append(at)
            else:
                where[key] = [at]
            self._open.add(key)

    def _key_of(self, found: Element) -> list[tuple[str, str]]:
        keys = self._keys[id(found)] = _keys(found)
        self._held.append(found)  # (its id stays its own)
        return keys

    def end(self, name: str) -> list[Piece]:
        """An end tag: the nearest open element of that name ends, and those open inside it;
        the ``::after`` text they show (the innermost first).  A stray one ends nothing."""
        where = self._where.get(("", name))
        return self._close(where[-1]) if where else []

    def _close(self, i: int) -> list[Piece]:
        shown: list[Piece] = []
        where = self._where
        for at in range(len(self.elements) - 1, i - 1, -1):
            if self.after[at]:
                shown += self.after[at]
            for key in self.keys[at]:
                held = where[key]
                held.pop()
                if not held:
                    self._open.discard(key)
        del self.elements[i:], self.after[i:], self.keys[i:]
        return shown

    def within_any(self, rules: list[tuple[Compound, ...]]) -> bool:
        """Whether the open elements meet the ancestors of any of ``rules`` (:meth:`within`),
        in steps as many as the fewer of the rules' and the open elements' names: a rule
        whose nearest ancestor no open element has is not weighed (3,000 rules ``.dN .x``
        over 3,000 elements ``.x``: 9 million weighings, 27 s).

        >>> from zfgk.documents._css import _selector, element
        >>> from zfgk.documents._open import OpenElements
        >>> stack = OpenElements()
        >>> for name, attributes in (("div", " class=d7"), ("span", " class=x")):
        ...     stack.push(element(name, attributes), [])
        >>> rules = [_selector(f".d{n} .x")[1] for n in range(100)]
        >>> stack.within_any(rules), stack.within_any(rules[:7]), stack.within_any([])
        (True, False, False)
        """
        held = self._groups.get(id(rules))
        if held is None or held[0] is not rules:
            held = self._groups[id(rules)] = (rules, _grouped(rules, self._nearest_keys))
        always, by = held[1]
        if any(self.within(ancestors) for ancestors in always):
            return True
        open_keys = self._open
        if len(by) <= len(open_keys):
            found = (group for key, group in by.items() if key in open_keys)
        else:
            found = (by[key] for key in open_keys if key in by)
        return any(self.within(ancestors) for group in found for ancestors in group)

    def within(self, ancestors: tuple[Compound, ...]) -> bool:
        """Whether the open elements meet ``ancestors`` (the farthest first) in that order;
        true too if that cannot be told within a bounded number of steps.  The elements
        HTML's parsing puts in where a page leaves their tags out are there: ``html`` and
        ``body`` around all the page shows, a ``tbody`` between a table and its row.

        >>> from zfgk.documents._css import _selector, element
        >>> from zfgk.documents._open import OpenElements
        >>> stack = OpenElements()
        >>> for name in ("table", "tr", "td"):
        ...     stack.push(element(name, ""), [])
        >>> [stack.within(_selector(s)[1]) for s in ("html body .x", "table tbody td .x")]
        [True, True]
        >>> [stack.within(_selector(s)[1]) for s in ("body.home .x", "thead td .x")]
        [False, False]
        >>> stack = OpenElements()
        >>> for name in ("table", "thead", "tr", "td"):
        ...     stack.push(element(name, ""), [])
        >>> stack.within(_selector("tbody td .x")[1])  # HTML puts no tbody in a thead
        False
        """
        below = len(self.elements)
        for compound in reversed(ancestors):
            found = self._nearest(compound, below)
            if found is not None and found < 0 and matches(compound, _IMPLIED_TBODY):
                found = self._nearest(_TR, below + 1)  # one HTML put in: above an open row
                if found is not None and found > 0 and self.elements[found - 1][0] in _SECTIONS:
                    found = -1  # (not above a thead's or a tfoot's row)
            if found is None:
                return True  # too many to weigh: it may be met
            if found < 0 and not any(matches(compound, e) for e in _IMPLIED_ROOT):
                return False
            below = max(found, 0)
        return True

    def _nearest(self, compound: Compound, below: int) -> int | None:
        """Where the nearest open element below ``below`` that meets ``compound`` is; -1 if
        none does, ``None`` if that cannot be told within a bounded number of steps."""
        where = self._where.get(_key(compound))
        if not where:
            return -1
        k = bisect.bisect_left(where, below) - 1
        for step in range(_STEPS):
            if k - step < 0:
                return -1
            if matches(compound, self.elements[where[k - step]]):
                return where[k - step]
        return None
