"""Finding old values left in the written file: many texts searched at once, at C speed (internal)."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from typing import Any

import attrs

__all__ = ["Search", "needles", "search"]

#: Old values shorter than this, in ASCII only, cannot be told from the file's markup.
SHORTEST_ASCII = 6
#: The needles are first looked for by their first bytes (at most this many), then whole.
_PREFIX = 4


def needles(text: str) -> tuple[bytes, ...]:
    """The forms in which ``text`` could sit in a part: as it is, XML-escaped, in UTF-16.

    None if it is too short to tell from the file's own markup.

    >>> from zfgk.workbooks._search import needles
    >>> needles("许春梅")[:1], needles("12345"), needles("a&b<c>d")[1]
    ((b'\\xe8\\xae\\xb8\\xe6\\x98\\xa5\\xe6\\xa2\\x85',), (), b'a&amp;b&lt;c&gt;d')
    """
    if not text.strip() or (text.isascii() and len(text) < SHORTEST_ASCII):
        return ()
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    forms = [text.encode("utf-8"), escaped.encode("utf-8"), text.encode("utf-16-le")]
    if not text.isascii():  # as some writers put what is not ASCII: &#35768; or &#x8BB8;
        for template in ("&#{};", "&#x{:X};", "&#x{:x};"):
            forms.append(
                "".join(c if c.isascii() else template.format(ord(c)) for c in escaped).encode()
            )
    return tuple(dict.fromkeys(forms))


@attrs.frozen
class Search:
    """Finds which of many byte strings occur in a text, overlapping too, at C speed.

    A regular expression of their distinct first bytes (a trie) finds where
    one may begin; a set lookup of each length there says which one does.
    (A pattern of the whole strings takes seconds to compile for ten
    thousand ID numbers; their first bytes are few.)
    """

    needles: frozenset[bytes]
    lengths: dict[bytes, tuple[int, ...]]
    pattern: re.Pattern[bytes]

    def found(self, text: bytes, among: Collection[bytes] | None = None) -> set[bytes]:
        """The needles (or those of ``among``) that occur in ``text``.

        >>> from zfgk.workbooks._search import search
        >>> s = search([b"441622194704064031", b"510903196510119454"])
        >>> s.found(b"<v>441622194704064031</v><v>5109031965</v>")
        {b'441622194704064031'}
        """
        wanted = self.needles if among is None else self.needles & set(among)
        hits: set[bytes] = set()
        if not wanted:
            return hits
        for match in self.pattern.finditer(text):
            start = match.start()
            for length in self.lengths[match[1]]:
                candidate = text[start : start + length]
                if candidate in wanted:
                    hits.add(candidate)
        return hits


def search(found: Iterable[bytes]) -> Search:
    """A search for ``found``, all cut to one length of first bytes."""
    every = frozenset(found)
    size = min([_PREFIX, *map(len, every)])
    lengths: dict[bytes, set[int]] = {}
    for needle in every:
        lengths.setdefault(needle[:size], set()).add(len(needle))
    # The prefixes have one length, so none ends inside another: no optional branch.
    alternatives = _trie_pattern(lengths) if lengths else b"(?!)"
    return Search(
        needles=every,
        lengths={prefix: tuple(sorted(sizes)) for prefix, sizes in lengths.items()},
        pattern=re.compile(b"(?=(" + alternatives + b"))"),
    )


def _trie_pattern(words: Iterable[bytes]) -> bytes:
    """A regular expression matching any of ``words``, each shared beginning written once.

    Python's ``re`` tries the branches of ``a|b|…`` one by one at every
    position; a trie's branches each begin with a different byte, so only
    one is followed.
    """
    trie: dict[int, Any] = {}
    for word in words:
        node = trie
        for byte in word:
            node = node.setdefault(byte, {})

    def branches(node: dict[int, Any]) -> bytes:
        parts = [re.escape(bytes([byte])) + branches(child) for byte, child in sorted(node.items())]
        if len(parts) <= 1:
            return b"".join(parts)
        return b"(?:" + b"|".join(parts) + b")"

    return branches(trie)
