"""The ``data:`` addresses of a page, found and decoded as a browser does (internal).

A browser reads an attribute's character references before the address in it
(``data&colon;``, ``&#100;ata:``), drops ASCII tabs and line breaks anywhere in an
address (``da<LF>ta:``), splits a ``srcset`` into its candidates at white space (``data:…
1x``), percent-decodes the data and then, for ``;base64``, decodes base64 forgivingly (white
space dropped, the ``=`` padding optional).  A link's ``download`` attribute names the file
a reader gets (:attr:`Address.download`).  An address longer than :data:`MAX_ADDRESS`
characters is not decoded: it is found (:attr:`Address.too_long`), so that it is said
unread, never passed over.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
import urllib.parse
from collections.abc import Iterator
from typing import NamedTuple

__all__ = ["MAX_ADDRESS", "Address", "data_addresses", "decoded", "without_long_data"]

#: The longest ``data:`` address whose data is decoded and read, in characters of the page
#: (a file of 9 MB in base64): one longer is said unread, its data never decoded.
MAX_ADDRESS = 12_000_000

#: What a browser leaves out of an address: ASCII tabs and line breaks, written plainly or
#: as references.
_GAP = r"(?:[\t\n\r]|&Tab;|&NewLine;|&#0*(?:9|10|13)(?:;|(?![0-9]))|&#x0*[9ad](?:;|(?![0-9a-f])))*"


def _char(c: str) -> str:
    """``c`` written plainly or as a character reference, either case."""
    forms = [re.escape(c)]
    for code in sorted({ord(c.lower()), ord(c.upper())}):
        forms.append(f"&#0*{code}(?:;|(?![0-9]))")
        forms.append(f"&#x0*{code:x}(?:;|(?![0-9a-f]))")
    if c == ":":
        forms.append("&colon;")
    return f"(?:{'|'.join(forms)})"


#: ``data:`` however a page may write it in an attribute.
_SCHEME = re.compile(_GAP.join(_char(c) for c in "data:"), re.IGNORECASE)
#: Where it may start (a case-sensitive search that skips ahead fast: ``_SCHEME`` is tried
#: at each place this finds).
_MAY_START = re.compile(r"[dD](?:[aA](?:[tT](?:[aA][\t\n\r&:]|[\t\n\r&])|[\t\n\r&])|[\t\n\r&])|&#")
#: What the page holds if it may hold an address: a character reference, or the colon
#: after ``data`` or a gap.
_PARTS = ("a:", "A:", "\t:", "\n:", "\r:", "&#", "&colon;", "&Tab;", "&NewLine;")
#: What may open an address: a quote, an unquoted attribute's ``=``, CSS's ``url(``, white
#: space or a comma (a ``srcset``'s later candidate; a script's text); after another
#: character but a letter or digit, it is read as after white space (a page's text).
_OPENERS = "\"'(=," + " \t\n\r\f"
_END = {'"': '"', "'": "'", "(": ")"}
#: A quote written as a character reference, just before an address (a browser writes a
#: style a script set as ``url(&quot;data:…&quot;)``), and what ends such an address.
_QUOTE_ENTITY = re.compile(r"(?:&quot;|&apos;|&#0*3[49];|&#x0*2[27];)\s*$", re.IGNORECASE)
_QUOTE_END = re.compile(r"&quot;|&apos;|&#0*3[49];|&#x0*2[27];|[\"'<>]", re.IGNORECASE)
#: The comma that ends an address's media type and parameters, written plainly or not.
_COMMA = re.compile(r",|&comma;|&#0*44(?:;|(?![0-9]))|&#x0*2c(?:;|(?![0-9a-f]))", re.IGNORECASE)
#: A media type and parameters (what a page's text must hold to be read as an address).
_HEADER = re.compile(
    r"""\s*([a-z][\w.+-]*/[\w.+-]+)?((?:\s*;\s*[\w.+-]+(?:=(?:"[^"]*"|[^;,"'\s>]*))?)*)\s*""",
    re.IGNORECASE,
)
_MEDIA = re.compile(r"\s*([a-z][\w.+-]*/[\w.+-]+)\s*(?:;|$)", re.IGNORECASE)
_BASE64 = re.compile(r";\s*base64\s*$", re.IGNORECASE)
_SRCSET = re.compile(r"(?:image)?srcset\s*=\s*[\"']?\s*$", re.IGNORECASE)
_SPACE = re.compile(r"[\s>\"']")
_URL_GAPS = str.maketrans("", "", "\t\n\r")
#: A link's ``download`` attribute, in a start tag of ``<a>`` or ``<area>``.
_LINK = re.compile(  # (case-sensitive: a search for its "<" skips ahead fast)
    r"""<(?:[aA]|[aA][rR][eE][aA])(?=[\s/])"""
    r"""((?:[^\s/>][^\s/>=]*+(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s>]++))?+|[\s/]++)*+)>"""
)
_ATTRIBUTE = re.compile(
    r"""([^\s/>][^\s/>=]*+)(?:\s*+=\s*+(?:"([^"]*+)"|'([^']*+)'|([^\s>]++)))?""",
)


class Address(NamedTuple):
    """A ``data:`` address of a page: what its media type says, where its data is."""

    at: int  #: where the address starts in the page
    media: str  #: its media type, in lower case (``text/plain`` where it has none)
    base64: bool  #: whether its data is base64
    start: int  #: where its data starts in the page
    end: int  #: where its data ends
    download: str | None  #: the name a link's ``download`` attribute gives the file

    @property
    def too_long(self) -> bool:
        """Whether the address is longer than :data:`MAX_ADDRESS` (its data not decoded)."""
        return self.end - self.start > MAX_ADDRESS


def _downloads(src: str) -> dict[int, str]:
    """Where each value of a link's ``href`` that has a ``download`` attribute starts, and
    the name that attribute gives (``""`` where it gives none)."""
    found: dict[int, str] = {}
    if re.search("download", src, re.IGNORECASE) is None:
        return found
    for link in _LINK.finditer(src):
        href, name = -1, None
        for a in _ATTRIBUTE.finditer(src, link.start(1), link.end(1)):
            key = a[1].lower()
            value = next((i for i in (2, 3, 4) if a[i] is not None), 0)
            if key == "href" and href < 0 and value:
                href = a.start(value)
            elif key == "download" and name is None:
                name = html.unescape(a[value]).strip() if value else ""
        if href >= 0 and name is not None:
            found[href] = name
    return found


def data_addresses(src: str, *, links: bool = True) -> Iterator[Address]:
    """The ``data:`` addresses of the page ``src``, in page order: a link's, an object's, a
    picture's (a ``srcset`` candidate's too), a stylesheet's ``url()``, a script's string.

    >>> from zfgk.documents._data_urls import data_addresses
    >>> page = '<a href="data&colon;text/csv;base64,MTM4" download="名单.csv">x</a>'
    >>> page += '<img srcset="da\\nta:image/png;base64,iVBO 1x, b.png 2x">'
    >>> [(a.media, a.base64, page[a.start : a.end], a.download) for a in data_addresses(page)]
    [('text/csv', True, 'MTM4', '名单.csv'), ('image/png', True, 'iVBO', None)]

    ``links=False`` leaves out the names links give (:attr:`Address.download` is None).
    """
    if not any(part in src for part in _PARTS):
        return  # (a test in a few fast steps: a regular expression's search takes 30 ns a
        # character, a page of megabytes without an address 0.1 s)
    downloads: dict[int, str] | None = None
    search, scheme, at = _MAY_START.search, _SCHEME.match, 0
    while (start := search(src, at)) is not None:
        m = scheme(src, start.start())
        if m is None:
            at = start.end()
            continue
        before = m.start()
        while before > 0 and src[before - 1] <= " ":
            before -= 1  # (a browser strips what comes before an address)
        opener = src[before - 1] if before > 0 else ""
        if (not opener or opener not in _OPENERS) and before < m.start():
            opener = src[m.start() - 1]  # (text's white space: the address starts there)
        at = m.end()  # (where to look next, unless an address is found)
        if not opener or (opener not in _OPENERS and (opener.isalnum() or opener == "_")):
            continue  # (``metadata:``; after other text, ``名单：data:…``, read as text's)
        quote = _QUOTE_ENTITY.search(src, max(0, before - 10), before)
        if quote is not None:  # an attribute's &quot;: a script-set style, url(&quot;data:…)
            opener = "&"
        elif opener not in _OPENERS:
            opener = " "
        quoted = opener in "\"'&"
        if (quoted or opener == "=") and downloads is None and links:
            downloads = _downloads(src)
        srcset = quoted and _SRCSET.search(src, max(0, before - 40), before) is not None
        closing = _END.get(opener)
        end = -1
        if opener == "&":  # to the next quote, written as a character reference or not
            stop = _QUOTE_END.search(src, m.end())
            end = stop.start() if stop else -1
        elif closing is not None:
            end = src.find(closing, m.end())
        if end < 0:  # no quotes, or none closes it: it ends at white space or the tag's end
            stop = _SPACE.search(src, m.end())  # (never at the page's: a stray ' or ( would
            end = stop.start() if stop else len(src)  # hide every later address)
        if srcset:  # a candidate's address ends at white space (its descriptor follows)
            stop = _SPACE.search(src, m.end(), end)
            end = stop.start() if stop else end
        comma = _COMMA.search(src, m.end(), min(end, m.end() + 1024))
        if comma is None:
            continue
        header = html.unescape(src[m.end() : comma.start()]).translate(_URL_GAPS)
        if opener in ", \t\n\r\f" and _HEADER.fullmatch(header) is None:
            continue  # text that merely says "data:", not an address
        media = _MEDIA.match(header)
        data_end = end
        base64 = _BASE64.search(header) is not None
        if srcset and base64:  # (a comma ends it: ``data:…,AAA,data:…,BBB 2x`` is two)
            cut = src.find(",", comma.end(), end)
            data_end = end if cut < 0 else cut
        at = max(data_end, comma.end())  # (its data is no page: never looked through)
        yield Address(
            m.start(),
            media[1].lower() if media else "text/plain",
            base64,
            comma.end(),
            data_end,
            None if downloads is None else downloads.get(before, downloads.get(m.start())),
        )


def decoded(src: str, address: Address) -> bytes | None:
    """The data of ``address`` as a browser decodes it: the page's character references
    (an attribute's), tabs and line breaks left out, percent-decoded, then base64 decoded;
    ``None`` where its base64 does not decode (a browser gives nothing for it either).

    >>> from zfgk.documents._data_urls import data_addresses, decoded
    >>> page = '<a href="data:text/plain;base64,MTM4OA%3D%3D">x</a><a href="data:,13&#56;%0A">y</a>'
    >>> [decoded(page, a) for a in data_addresses(page)]
    [b'1388', b'138\\n']
    """
    text = src[address.start : address.end]
    if "&" in text:
        text = html.unescape(text)
    text = text.translate(_URL_GAPS).partition("#")[0]  # (a fragment is no part of its data)
    if not address.base64:
        return urllib.parse.unquote_to_bytes(text)
    encoded = "".join(text.split())
    if "%" in encoded:  # %3D for the padding's =, as some pages write it
        encoded = urllib.parse.unquote(encoded)
    if len(encoded) % 4 == 0:
        encoded = encoded[:-2] + encoded[-2:].rstrip("=")
    if len(encoded) % 4 == 1:
        return None
    encoded += "=" * (-len(encoded) % 4)  # (a browser takes base64 without its padding)
    try:
        return base64.b64decode(encoded, validate=True)
    except (ValueError, binascii.Error):
        return None


#: The shortest data left out by :func:`without_long_data`.
_LONG = 4096


def without_long_data(src: str) -> str:
    """``src`` without the data of its long base64 ``data:`` addresses (a file a page
    carries: no markup, no text of the page), for a test of the whole page that must not
    take seconds on a page of megabytes of base64.

    >>> from zfgk.documents._data_urls import without_long_data
    >>> without_long_data('<a href="data:text/csv;base64,' + "QUJD" * 2000 + '">x</a>')
    '<a href="data:text/csv;base64,">x</a>'
    """
    pieces: list[str] = []
    at = 0
    for address in data_addresses(src, links=False):
        if address.base64 and address.end - address.start >= _LONG:
            pieces.append(src[at : address.start])
            at = address.end
    return "".join(pieces) + src[at:] if pieces else src
