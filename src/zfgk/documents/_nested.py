"""Text a page holds written another way: a page in an attribute, a script's string escapes
(internal).

An ``<iframe srcdoc="&lt;p&gt;138&#49;2345678">`` shows the page its attribute holds, once
its entities are decoded; a JSON-LD ``<script>`` publishes ``"\\u0031\\u0033\\u0038…"``, which
any reader of it (a search engine) reads as 138….  Both are read here as the characters they
stand for, each piece still traced back to the characters of the page it comes from, so
that masking changes those in place (:mod:`zfgk.documents._html`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from zfgk.documents._model import COPY, SYNTHETIC, WHOLE, Piece

__all__ = ["Decoded", "escaped"]


class Decoded:
    """A stretch of the page decoded (an attribute's entities), with where each of its
    characters comes from: ``starts[i]``, ``ends[i]`` in the page, and whether it is that
    character itself (``copied[i]``) or part of what a reference there stands for."""

    def __init__(self, end: int) -> None:
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.copied: list[bool] = []
        self.end = end  # where the stretch ends in the page

    def add(self, text: str, start: int, end: int, *, copied: bool) -> None:
        """Append ``text``, read from ``page[start:end]`` (character for character if copied)."""
        for i, ch in enumerate(text):
            self.chars.append(ch)
            self.starts.append(start + i if copied else start)
            self.ends.append(start + i + 1 if copied else end)
            self.copied.append(copied)

    def text(self) -> str:
        """The decoded text."""
        return "".join(self.chars)

    def pieces(self, inner: Sequence[Piece]) -> list[Piece]:
        """``inner`` (pieces of a reading of the decoded text) as pieces of the page.

        >>> from zfgk.documents._model import COPY
        >>> from zfgk.documents._nested import Decoded
        >>> page = "x=138&#49;2345678"
        >>> d = Decoded(len(page))
        >>> d.add("138", 2, 5, copied=True); d.add("1", 5, 10, copied=False)
        >>> d.add("2345678", 10, 17, copied=True)
        >>> d.pieces([(d.text(), 0, 0, 11, COPY)])
        [('138', 0, 2, 5, 0), ('1', 0, 5, 10, 1), ('2345678', 0, 10, 17, 0)]
        """
        found: list[Piece] = []
        for text, _, a, b, kind in inner:
            if kind == SYNTHETIC or a >= b:
                at = self.starts[a] if a < len(self.starts) else self.end
                found.append((text, 0, at, at, SYNTHETIC if kind == SYNTHETIC else WHOLE))
            elif kind == COPY:
                found += self._copied(a, b)
            else:
                found.append((text, 0, self.starts[a], self.ends[b - 1], WHOLE))
        return found

    def _copied(self, a: int, b: int) -> list[Piece]:
        found: list[Piece] = []
        i = a
        while i < b:
            j = i + 1
            if self.copied[i]:  # a run of characters copied from consecutive places
                while j < b and self.copied[j] and self.starts[j] == self.starts[j - 1] + 1:
                    j += 1
                found.append((self.text_of(i, j), 0, self.starts[i], self.starts[j - 1] + 1, COPY))
            else:  # what one reference stands for
                while j < b and not self.copied[j] and self.starts[j] == self.starts[i]:
                    j += 1
                found.append((self.text_of(i, j), 0, self.starts[i], self.ends[i], WHOLE))
            i = j
        return found

    def text_of(self, a: int, b: int) -> str:
        return "".join(self.chars[a:b])


#: A JavaScript or JSON string escape of one character (a pair of ``\\u`` escapes, UTF-16's
#: surrogates, is one character too).
_ESCAPE = re.compile(
    r"\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})"
    r"|\\u([0-9a-fA-F]{4})|\\u\{([0-9a-fA-F]{1,6})\}|\\x([0-9a-fA-F]{2})|\\([/\\\"'])"
)


def escaped(src: str, start: int, end: int) -> list[Piece]:
    """The pieces of ``src[start:end]`` (a script) with each string escape read as the
    character it stands for; ``[]`` if it has none.

    >>> from zfgk.documents._nested import escaped
    >>> script = '{"telephone":"\\\\u0031\\\\u00338"}'
    >>> [piece[0] for piece in escaped(script, 0, len(script))]
    ['{"telephone":"', '1', '3', '8"}']
    """
    found: list[Piece] = []
    at = start
    for m in _ESCAPE.finditer(src, start, end):
        if m[1]:
            code = 0x10000 + ((int(m[1], 16) - 0xD800) << 10) + int(m[2], 16) - 0xDC00
        elif m[6]:
            code = ord(m[6])
        else:
            code = int(m[3] or m[4] or m[5], 16)
        if code > 0x10FFFF:
            continue
        if m.start() > at:
            found.append((src[at : m.start()], 0, at, m.start(), COPY))
        found.append((chr(code), 0, m.start(), m.end(), WHOLE))
        at = m.end()
    if found and at < end:
        found.append((src[at:end], 0, at, end, COPY))
    return found
