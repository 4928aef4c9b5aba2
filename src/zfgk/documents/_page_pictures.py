"""The pictures a page carries in itself, and a page read with their text (internal)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from zfgk.documents._data_urls import data_addresses, decoded
from zfgk.documents._model import Composite, Location

if TYPE_CHECKING:
    from zfgk.documents._html import HtmlSource

__all__ = ["PageWithPictures", "data_pictures"]


def data_pictures(src: str) -> Iterator[bytes]:
    """The pictures a page carries in ``data:`` addresses (``src="data:image/png;base64,…"``,
    as web editors such as UEditor and KindEditor save a pasted screenshot; a ``srcset``'s
    too), decoded, in page order; one that does not decode is left out (a browser shows
    nothing for it either).

    >>> import base64
    >>> from zfgk.documents._page_pictures import data_pictures
    >>> picture = b"GIF89a" + bytes(100)
    >>> page = f'<img src="data:image/gif;base64,{base64.b64encode(picture).decode()}">'
    >>> [len(p) for p in data_pictures(page)]
    [106]
    """
    for address in data_addresses(src):
        if address.media.startswith("image/") and not address.too_long:
            data = decoded(src, address)
            if data:
                yield data


class PageWithPictures:
    """A page's text, then the text of each picture it carries that OCR read (or would): its
    places, and its writing back (the page's own characters; a picture is never written)."""

    def __init__(self, path: Path, source: HtmlSource, own: str) -> None:
        self.path = path
        self.source = source
        self.own = own
        # a line break after the page's own text: the digits it ends with (a data: address
        # written out plainly, ``…,13800138000``) never join the first of a file's
        self.children = Composite(len(own) + 1)

    @property
    def text(self) -> str:
        return self.children.text(self.own + "\n")

    def locate(self, offset: int) -> Location:
        inner = self.children.locate(offset)
        return (
            self.source.locate(min(offset, max(len(self.own) - 1, 0))) if inner is None else inner
        )

    def write(self, output: Path, old: str, new: str) -> None:
        self.children.changed(old, new, self.path)  # refuses where a picture would change
        size = len(self.own)
        self.source.write(output, old[:size], new[:size])
