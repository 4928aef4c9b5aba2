"""The shared strings: new texts added, the texts no cell uses any more blanked (internal).

A changed cell gets a new shared string (added at the end: the indexes of
the others stay); its old one is blanked if no cell uses it any more, so
the old value is gone from the file, and kept if another cell still shows
it.  Which strings the cells use is read from every sheet, as written, by
one search (:class:`References`), in a bitmap as long as the table.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from zfgk.workbooks._archive import Archive
from zfgk.workbooks._xml import attribute, escape_text, set_attribute, text_of

__all__ = ["NewStrings", "References", "count_strings", "rewrite_strings", "string_item"]

_ITEM_START = re.compile(rb"<(?:\w+:)?si[\s>/]")
#: A cell that holds a shared string, and its index: as office software writes it (the type
#: last, the value next), and as any XML writer may (searched where the first misses one).
_SHARED = re.compile(rb't="s"><v>([0-9]+)</v>')
_SHARED_ANY = re.compile(rb"""t\s*=\s*["']s["'][^>]*>\s*<(?:\w+:)?v>\s*([0-9]+)\s*</""")
_HEAD = re.compile(rb"<(?:\w+:)?sst\b[^>]*>")
_EMPTY_TABLE = re.compile(rb"<((?:\w+:)?sst)\b([^>]*?)/>")
_TABLE_END = re.compile(rb"</(?:\w+:)?sst\s*>")
_CELL_END = re.compile(rb"</(?:[\w.-]+:)?c>")


def cells_end(data: bytes) -> int:
    """Where the last whole cell of ``data`` ends (0 if none does): a safe place to cut.

    >>> from zfgk.workbooks._strings import cells_end
    >>> data = b'<c r="A1" t="s"><v>1</v></c><c r="B1"><v>2</v'
    >>> data[: cells_end(data)]
    b'<c r="A1" t="s"><v>1</v></c>'
    """
    end = len(data)
    while True:
        end = data.rfind(b"c>", 0, end)
        if end < 0:
            return 0
        start = data.rfind(b"</", max(end - 64, 0), end)
        if start >= 0 and _CELL_END.fullmatch(data, start, end + 2):
            return end + 2


_PLAIN = re.compile(r"[^&<>_\x00-\x1f\ufffe\uffff]*")


def string_item(text: str) -> bytes:
    """A shared string item (``<si>``) holding ``text``.

    >>> from zfgk.workbooks._strings import string_item
    >>> string_item(" 张* "), string_item("a&b")
    (b'<si><t xml:space="preserve"> \\xe5\\xbc\\xa0* </t></si>', b'<si><t>a&amp;b</t></si>')
    """
    if _PLAIN.fullmatch(text) and text.strip() == text:
        return b"<si><t>" + text.encode("utf-8") + b"</t></si>"
    escaped = escape_text(text).encode("utf-8")
    space = b' xml:space="preserve"' if text != text.strip() or "\n" in text else b""
    return b"<si><t" + space + b">" + escaped + b"</t></si>"


def count_strings(archive: Archive, name: str) -> int:
    """The number of items of the shared strings part ``name``, counted as it streams."""
    count = 0
    tail = b""
    for chunk in archive.chunks(name):
        window = tail + chunk
        # A match ends at most 5 bytes in: one lying across the seam is counted once, here.
        count += len(_ITEM_START.findall(window))
        keep = window[-8:]
        count -= len(_ITEM_START.findall(keep))
        tail = keep
    return count + len(_ITEM_START.findall(tail))


class References:
    """Which shared strings the cells use: a bitmap set from each sheet's XML as it passes."""

    def __init__(self, size: int) -> None:
        self.used = bytearray(size)
        self.size = size

    def add(self, xml: bytes) -> None:
        """Note the shared strings the cells in ``xml`` use (``xml`` cut between cells)."""
        found = _SHARED.findall(xml)
        # Every cell typed "s" (the only attribute whose value is the letter s) must have been
        # read: if the quick pattern missed one, the thorough one reads them all.
        if len(found) != xml.count(b'"s"') + xml.count(b"'s'"):
            found = _SHARED_ANY.findall(xml)
        used, size = self.used, self.size
        for index in set(found):
            number = int(index)
            if number < size:
                used[number] = 1

    def add_part(self, archive: Archive, name: str) -> None:
        """Note the shared strings a whole sheet uses."""
        rest = b""
        for chunk in archive.chunks(name):
            window = rest + chunk
            cut = cells_end(window)
            self.add(window[:cut])
            rest = window[cut:]
        self.add(rest)


class NewStrings:
    """The shared strings added, in order, kept in a temporary file (memory stays flat)."""

    def __init__(self, base: int, folder: Path) -> None:
        self.base = base
        self.count = 0
        self._file = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 - until close()
        self._recent: dict[str, int] = {}
        self._items: list[bytes] = []

    def index(self, text: str) -> int:
        """The index of a new shared string holding ``text`` (one recently added is reused)."""
        found = self._recent.get(text)
        if found is not None:
            return found
        if len(self._recent) >= 4096:
            self._recent.clear()
        index = self._recent[text] = self.base + self.count
        self.count += 1
        self._items.append(string_item(text))
        if len(self._items) >= 4096:
            self._file.write(b"".join(self._items))
            self._items.clear()
        return index

    def items(self) -> Iterator[bytes]:
        """The items added, a chunk at a time."""
        self._file.write(b"".join(self._items))
        self._items.clear()
        self._file.seek(0)
        while chunk := self._file.read(1 << 20):
            yield chunk

    def close(self) -> None:
        self._file.close()


def rewrite_strings(
    archive: Archive,
    name: str,
    rewrite: Callable[[int, list[bytes]], list[bytes]],
    added: NewStrings,
    references: int,
) -> Iterator[bytes]:
    """The shared strings part with its items as ``rewrite(first index, items)`` gives them back,
    then the new ones.

    ``references`` is how many cell references the edit added (new strings)
    less those it removed (old ones): the ``count`` attribute, if present,
    changes by it.
    """
    chunks = archive.chunks(name)
    buffer = b""
    for chunk in chunks:  # the table's start tag
        buffer += chunk
        head = _HEAD.search(buffer)
        if head is not None:
            break
    else:
        raise ValueError("no shared strings table")
    empty = _EMPTY_TABLE.match(buffer, head.start())
    if empty is not None:  # <sst …/>: no items yet
        yield buffer[: empty.start()]
        yield _counted(b"<" + empty[1] + empty[2] + b">", added, references)
        yield from added.items()
        yield b"</" + empty[1] + b">" + buffer[empty.end() :]
        yield from chunks
        return
    p = re.escape(head[0][1 : head[0].find(b"sst")])  # the prefix with its colon, if any
    splitter = re.compile(rb"(<" + p + rb"si\b[^>]*?(?:/>|>.*?</" + p + rb"si\s*>))", re.S)
    yield buffer[: head.start()] + _counted(head[0], added, references)
    buffer = buffer[head.end() :]
    index = 0
    while True:
        # [between, item, between, item, …, rest]: the items at the odd places.
        parts = splitter.split(buffer)
        items = parts[1:-1:2]
        if items:
            parts[1:-1:2] = rewrite(index, items)
            index += len(items)
        yield b"".join(parts[:-1])
        buffer = parts[-1]
        more = next(chunks, None)
        if more is None:
            break
        buffer += more
    end = _TABLE_END.search(buffer)
    if end is None:
        raise ValueError("the shared strings table does not end")
    yield buffer[: end.start()]
    yield from added.items()
    yield buffer[end.start() :]


def _counted(tag: bytes, added: NewStrings, references: int) -> bytes:
    """The table's start tag with its counts changed by the strings added."""
    unique = attribute(tag, b"uniqueCount")
    if unique is not None and unique.isdigit():
        tag = set_attribute(tag, b"uniqueCount", str(int(unique) + added.count).encode())
    count = attribute(tag, b"count")
    if count is not None and count.isdigit():
        tag = set_attribute(tag, b"count", str(max(int(count) + references, 0)).encode())
    return tag


def old_text(item: bytes) -> str:
    """The text of a shared string item."""
    return text_of(item)
