"""What a file is: the one table of file kinds, by their first bytes and their names.

Every command and function that opens a file asks :func:`kind_of` what it
is.  The bytes decide over the name: a PDF named ``.html`` is a PDF, a web
page saved as ``.doc`` is a page, a CSV a system exported as ``.xls`` is a
CSV.  The name decides only where the bytes cannot (plain text: a CSV, a
Markdown file), and between kinds whose bytes are alike (an OLE compound
file: an Excel 97-2003 .xls, a Word 97-2003 .doc, WPS's .et and .wps).
"""

from __future__ import annotations

import codecs
import enum
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from zfgk.formats._lock import lock_file_owner
from zfgk.i18n import N_

__all__ = [
    "HEAD_SIZE",
    "SUFFIXES",
    "Family",
    "Kind",
    "is_lock_file",
    "kind_of",
    "read_head",
    "utf16_order",
]

#: How many first bytes of a file :func:`kind_of` looks at.
HEAD_SIZE = 8192


class Family(enum.Enum):
    """What zfgk does with a kind of file."""

    TABLE = "table"
    """Delimited text or JSON Lines: rows of values, one table."""
    WORKBOOK = "workbook"
    """A spreadsheet: sheets of cells, and parts beside them (comments, headers, names)."""
    DOCUMENT = "document"
    """Text as a reader sees it: a page, a Word file, a PDF, a mail."""
    IMAGE = "image"
    """A picture: its text can be read only by OCR."""
    ARCHIVE = "archive"
    """A zip of other files, each read as what it is."""
    UNSUPPORTED = "unsupported"
    """A kind zfgk cannot read: the answer is "cannot check", with what to do instead."""
    LOCK = "lock"
    """An office program's lock file beside an open document: no content of its own."""


class Kind(enum.Enum):
    """The kinds of file zfgk tells apart; each has a :attr:`family` and a :attr:`label`.

    >>> from zfgk.formats import Kind
    >>> Kind.XLSX.family.value, Kind.DOC.family.value, Kind.ET.family.value, Kind.OLE.family.value
    ('workbook', 'document', 'workbook', 'unsupported')
    >>> print(Kind.ODT.label)
    an OpenDocument text (.odt)
    """

    CSV = "csv"
    JSON_LINES = "jsonl"
    JSON = "json"
    TEXT = "text"
    XML = "xml"
    HTML = "html"
    MHT = "mht"
    EML = "eml"
    RTF = "rtf"
    DOCX = "docx"
    WORD_XML = "word-xml"
    ODT = "odt"
    OFD = "ofd"
    PDF = "pdf"
    XLSX = "xlsx"
    XLSB = "xlsb"
    XLS = "xls"
    ODS = "ods"
    ZIP = "zip"
    OTHER_ARCHIVE = "other-archive"
    IMAGE = "image"
    DOC = "doc"
    WPS = "wps"
    ET = "et"
    OLE = "ole"
    LOCK = "lock"
    BINARY = "binary"

    @property
    def family(self) -> Family:
        """What zfgk does with files of this kind."""
        return _FAMILIES[self]

    @property
    def label(self) -> str:
        """The words that name the kind, an English template (``N_``) to translate."""
        return _LABELS[self]


_FAMILIES: Mapping[Kind, Family] = MappingProxyType(
    {
        Kind.CSV: Family.TABLE,
        Kind.JSON_LINES: Family.TABLE,
        Kind.JSON: Family.DOCUMENT,
        Kind.TEXT: Family.DOCUMENT,
        Kind.XML: Family.DOCUMENT,
        Kind.HTML: Family.DOCUMENT,
        Kind.MHT: Family.DOCUMENT,
        Kind.EML: Family.DOCUMENT,
        Kind.RTF: Family.DOCUMENT,
        Kind.DOCX: Family.DOCUMENT,
        Kind.WORD_XML: Family.DOCUMENT,
        Kind.ODT: Family.DOCUMENT,
        Kind.OFD: Family.DOCUMENT,
        Kind.PDF: Family.DOCUMENT,
        Kind.XLSX: Family.WORKBOOK,
        Kind.XLSB: Family.WORKBOOK,
        Kind.XLS: Family.WORKBOOK,
        Kind.ODS: Family.WORKBOOK,
        Kind.ZIP: Family.ARCHIVE,
        Kind.OTHER_ARCHIVE: Family.UNSUPPORTED,
        Kind.IMAGE: Family.IMAGE,
        Kind.DOC: Family.DOCUMENT,
        Kind.WPS: Family.DOCUMENT,
        Kind.ET: Family.WORKBOOK,  # as WPS saves it (an Excel 97-2003 workbook); else unread
        Kind.OLE: Family.UNSUPPORTED,
        Kind.LOCK: Family.LOCK,
        Kind.BINARY: Family.UNSUPPORTED,
    }
)

_LABELS: Mapping[Kind, str] = MappingProxyType(
    {
        Kind.CSV: N_("a CSV or tab-separated text (.csv, .tsv, Excel's Unicode text)"),
        Kind.JSON_LINES: N_("JSON Lines (.jsonl)"),
        Kind.JSON: N_("a JSON document (.json)"),
        Kind.TEXT: N_("a text file"),
        Kind.XML: N_("an XML file (.xml, RSS)"),
        Kind.HTML: N_("a web page (.html)"),
        Kind.MHT: N_("a web archive (.mht)"),
        Kind.EML: N_("an e-mail message (.eml)"),
        Kind.RTF: N_("a rich-text document (.rtf)"),
        Kind.DOCX: N_("a Word document (.docx)"),
        Kind.WORD_XML: N_("a Word 2003 XML document"),
        Kind.ODT: N_("an OpenDocument text (.odt)"),
        Kind.OFD: N_("an OFD document (.ofd)"),
        Kind.PDF: N_("a PDF file"),
        Kind.XLSX: N_("an Excel workbook (.xlsx, .xlsm)"),
        Kind.XLSB: N_("an Excel binary workbook (.xlsb)"),
        Kind.XLS: N_("an Excel 97-2003 workbook (.xls)"),
        Kind.ODS: N_("an OpenDocument spreadsheet (.ods)"),
        Kind.ZIP: N_("a zip archive"),
        Kind.OTHER_ARCHIVE: N_("an archive other than a zip (RAR, 7z, gzip, bzip2, xz, tar, cab)"),
        Kind.IMAGE: N_("an image"),
        Kind.DOC: N_("a Word 97-2003 document (.doc)"),
        Kind.WPS: N_("a WPS Writer document (.wps)"),
        Kind.ET: N_("a WPS Spreadsheets workbook (.et)"),
        Kind.OLE: N_("an Office file in the old binary format, or one protected by a password"),
        Kind.LOCK: N_("an office program's lock file"),
        Kind.BINARY: N_("binary data of no kind zfgk reads"),
    }
)

#: The kinds the names of files say (where their bytes agree, or cannot tell).
SUFFIXES: Mapping[str, Kind] = MappingProxyType(
    {
        **dict.fromkeys((".csv", ".tsv", ".tab"), Kind.CSV),
        **dict.fromkeys((".jsonl", ".ndjson"), Kind.JSON_LINES),
        ".json": Kind.JSON,
        **dict.fromkeys((".txt", ".text", ".md", ".markdown", ".log", ".js", ".css"), Kind.TEXT),
        **dict.fromkeys((".xml", ".rss", ".atom", ".svg"), Kind.XML),
        **dict.fromkeys(
            (".html", ".htm", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php"), Kind.HTML
        ),
        **dict.fromkeys((".mht", ".mhtml"), Kind.MHT),
        ".eml": Kind.EML,
        ".rtf": Kind.RTF,
        **dict.fromkeys((".docx", ".docm", ".dotx", ".dotm"), Kind.DOCX),
        **dict.fromkeys((".odt", ".ott"), Kind.ODT),
        ".ofd": Kind.OFD,
        ".pdf": Kind.PDF,
        **dict.fromkeys((".xlsx", ".xlsm", ".xltx", ".xltm"), Kind.XLSX),
        ".xlsb": Kind.XLSB,
        **dict.fromkeys((".xls", ".xlt"), Kind.XLS),
        **dict.fromkeys((".ods", ".ots"), Kind.ODS),
        ".zip": Kind.ZIP,
        **dict.fromkeys(
            (".rar", ".7z", ".gz", ".tgz", ".bz2", ".tbz2", ".xz", ".txz", ".tar", ".cab"),
            Kind.OTHER_ARCHIVE,
        ),
        **dict.fromkeys(
            (".png", ".jpg", ".jpeg", ".jpe", ".tif", ".tiff", ".bmp", ".webp", ".gif"), Kind.IMAGE
        ),
        **dict.fromkeys((".emf", ".wmf", ".emz", ".wmz"), Kind.IMAGE),
        **dict.fromkeys((".doc", ".dot"), Kind.DOC),
        **dict.fromkeys((".wps", ".wpt"), Kind.WPS),
        **dict.fromkeys((".et", ".ett"), Kind.ET),
    }
)

_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
#: The first bytes of RAR (4 and 5), 7z, gzip (deflate), xz and cab archives; a tar says
#: "ustar" at byte 257 (POSIX, or GNU's), and bzip2 is told by its first block.  (A gzip named as a picture is an .emz or .wmz: read as one.)
_ARCHIVES = (
    b"Rar!\x1a\x07",
    b"7z\xbc\xaf\x27\x1c",
    b"\x1f\x8b\x08",
    b"\xfd7zXZ\x00",
    b"MSCF\x00\x00\x00\x00",
)
#: What follows bzip2's ``BZh1``-``BZh9``: a block's magic, or the end of an empty stream's.
_BZIP2_BLOCKS = (b"1AY&SY", b"\x17rE8P\x90")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"II*\x00",
    b"MM\x00*",
    b"GIF87a",
    b"GIF89a",
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: The names an OLE compound file gives its main stream, in UTF-16 in its directory.
_OLE_STREAMS = (
    ("Workbook".encode("utf-16-le"), Kind.XLS),
    ("Book".encode("utf-16-le"), Kind.XLS),
    ("WordDocument".encode("utf-16-le"), Kind.DOC),
)
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
_WORD_XML = re.compile(rb"<\?mso-application\s+progid=\"Word\.Document\"|<w:wordDocument\b")
_MIME_HEADER = re.compile(
    rb"(?im)^(?:mime-version|content-type|from|to|cc|subject|date|message-id|received|"
    rb"return-path|delivered-to|reply-to|sender|x-[a-z0-9-]+|content-location)[ \t]*:"
)
#: Any header field, for a file whose name says it is a mail or a web archive.
_ANY_HEADER = re.compile(rb"[!-9;-~]+[ \t]*:")
_MULTIPART_RELATED = re.compile(rb"(?i)content-type:\s*multipart/related")
_XML_START = re.compile(rb"<(?:\?xml\b|rss\b|feed\b|rdf:RDF\b|svg\b|!--)")
#: A lock file: Excel's and WPS's ``~$name``, LibreOffice's ``.~lock.name#``.
_LOCK = re.compile(r"^~\$.+|^\.~lock\..+#$")


def is_lock_file(path: Path | str) -> bool:
    """Whether a file's name is that of an office program's lock file.

    Excel, Word and WPS write ``~$名单.xlsx`` beside a file they have open;
    LibreOffice writes ``.~lock.名单.xlsx#``.  Neither holds the document.

    >>> from zfgk.formats import is_lock_file
    >>> is_lock_file("~$配租公示.xlsx"), is_lock_file(".~lock.配租公示.xlsx#"), is_lock_file("配租公示.xlsx")
    (True, True, False)
    """
    return _LOCK.match(Path(path).name) is not None


#: No lock file is bigger: Office's and WPS's owner files are 162 or 165 bytes (the user's
#: name twice), LibreOffice's one line of a few dozen.
LOCK_FILE_SIZE = 1024


#: Eleven digits in a row, or apart by a space, tab, dot, dash, slash or underscore: ASCII
#: digits (UTF-16 text once its zero bytes are taken out), full-width ones in UTF-8 or GBK.
#: No lock file holds so many: Office's has the user's name, LibreOffice's the date as
#: ``06.12.2026 09:30`` (ten digits to the colon).
_DIGIT = rb"(?:[0-9]|\xef\xbc[\x90-\x99]|\xa3[\xb0-\xb9])"
_LONG_NUMBER = re.compile(rb"%s(?:[ \t./_-]*%s){10}" % (_DIGIT, _DIGIT))


def looks_like_lock_file(path: Path | str, head: bytes | None = None) -> bool:
    """Whether a file is an office program's lock file, to be passed over: a lock file's
    name (:func:`is_lock_file`), no bigger than :data:`LOCK_FILE_SIZE`, not a document
    by its first bytes (zip, OLE, PDF, RTF), and without a run of eleven digits (which
    no lock file holds, and any personal number has).

    A list saved under a lock file's name (``~$名单.xlsx`` of 5 KB, ``~$名单.csv`` of
    three rows) is read, not passed over.  A lock file that cannot be read is one:
    Office keeps its own open, and on Windows nobody else can read it.  ``head``
    is the file's first bytes (:func:`read_head`), read when not given.

    >>> import pathlib, tempfile
    >>> from zfgk.formats import looks_like_lock_file
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> owner = bytes([13]) + b"Administrator".ljust(53) + "Administrator".encode("utf-16-le").ljust(110)
    >>> _ = (folder / "~$名单.xlsx").write_bytes(owner)
    >>> _ = (folder / "~$副本.xlsx").write_bytes(b"PK\\x03\\x04" + bytes(5000))
    >>> [looks_like_lock_file(folder / n) for n in ("~$名单.xlsx", "~$副本.xlsx", "名单.xlsx")]
    [True, False, False]
    >>> _ = (folder / "~$名单.csv").write_text("姓名,电话\\n张三,138 1234 5678\\n", encoding="utf-8")
    >>> looks_like_lock_file(folder / "~$名单.csv")
    False
    """
    path = Path(path)
    if not is_lock_file(path):
        return False
    if head is None:
        try:
            head = read_head(path)
        except OSError:
            return True
    return len(head) <= LOCK_FILE_SIZE and not (
        head.startswith(_ZIP)
        or head.startswith(_OLE)
        or b"%PDF-" in head
        or head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf")
        or _LONG_NUMBER.search(head.replace(b"\0", b"")) is not None
    )


def read_head(path: Path) -> bytes:
    """The first :data:`HEAD_SIZE` bytes of a file (an OSError if it cannot be read)."""
    with path.open("rb") as f:
        return f.read(HEAD_SIZE)


def kind_of(path: Path | str, head: bytes | None = None) -> Kind:
    """What the file at ``path`` is, by its first bytes and then its name.

    ``head`` is the file's first bytes (at least the first 8 KiB where the
    file has them), read when not given; a zip is opened to see what it
    holds.  A file that cannot be read raises :class:`OSError`.

    >>> import pathlib, tempfile
    >>> from zfgk.formats import kind_of
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "名单.xls").write_text("姓名,身份证号\\n张三,110105********002X\\n")
    >>> _ = (folder / "公示.doc").write_text("<html><body><p>公示</p></body></html>")
    >>> _ = (folder / "附件.html").write_bytes(b"%PDF-1.7\\n")
    >>> [kind_of(folder / name).value for name in ("名单.xls", "公示.doc", "附件.html")]
    ['csv', 'html', 'pdf']
    >>> kind_of("名单.xlsx", b"\\xd0\\xcf\\x11\\xe0\\xa1\\xb1\\x1a\\xe1" + bytes(504)).value
    'xls'
    >>> kind_of("~$名单.xlsx", b"\\x06zhang san").value
    'lock'
    >>> kind_of("~$名单.xlsx", b"\\xd0\\xcf\\x11\\xe0\\xa1\\xb1\\x1a\\xe1" + bytes(504)).value  # a workbook
    'xls'
    """
    path = Path(path)
    if is_lock_file(path):
        try:
            head = read_head(path) if head is None else head
        except OSError:
            return Kind.LOCK  # Office keeps its lock file open: on Windows, unreadable
        if looks_like_lock_file(path, head) or (
            len(head) <= LOCK_FILE_SIZE and lock_file_owner(head) is not None
        ):
            return Kind.LOCK  # (one whose user name is a long number is read as one)
    if head is None:
        head = read_head(path)
    suffix = path.suffix.lower()
    named = SUFFIXES.get(suffix)
    if b"%PDF-" in head[:1024]:
        return Kind.PDF
    if head.startswith(_ZIP):
        return _zip_kind(path, named)
    if head.startswith(_OLE):
        return _ole_kind(head, named)
    if head.startswith(_IMAGES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return Kind.IMAGE
    if head.startswith(b"BM") and len(head) > 14 and named is Kind.IMAGE:
        return Kind.IMAGE
    if _metafile(head) or (head.startswith(b"\x1f\x8b") and named is Kind.IMAGE):
        return Kind.IMAGE  # an EMF or WMF (read by the text it draws); .emz, .wmz compressed
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return Kind.RTF
    if (
        head.startswith(_ARCHIVES)
        or head[257:263] in (b"ustar\x00", b"ustar ")
        or (head[:3] == b"BZh" and head[3:4].isdigit() and head[4:10] in _BZIP2_BLOCKS)
    ):
        return Kind.OTHER_ARCHIVE
    text = _as_utf8(head)
    if text is None:
        return Kind.BINARY
    return _text_kind(text, named, head)


#: The kinds whose files are zip archives: a damaged one is read as its name says, whose
#: reader says it is damaged.
_ZIP_KINDS = frozenset({Kind.XLSX, Kind.XLSB, Kind.ODS, Kind.DOCX, Kind.ODT, Kind.OFD, Kind.ZIP})


def _metafile(head: bytes) -> bool:
    """An EMF (its header record, " EMF" at 40) or a WMF (placeable, or its plain header)."""
    if head[:4] == b"\x01\x00\x00\x00" and head[40:44] == b" EMF":
        return True
    return head.startswith(b"\xd7\xcd\xc6\x9a") or (
        len(head) >= 18
        and head[:4] in (b"\x01\x00\x09\x00", b"\x02\x00\x09\x00")
        and head[4:6] in (b"\x00\x01", b"\x00\x03")
    )


def _zip_kind(path: Path, named: Kind | None) -> Kind:
    """The kind of a zip archive, by the members it holds."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
            word = "word/document.xml" in names or _word_main(archive, names)
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, NotImplementedError, ValueError):
        return named if named in _ZIP_KINDS else Kind.ZIP  # its reader says it is damaged
    if "xl/workbook.xml" in names:
        return Kind.XLSX
    if "xl/workbook.bin" in names:
        return Kind.XLSB
    if word:
        return Kind.DOCX
    if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        return Kind.ODS
    if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        return Kind.ODT
    if "OFD.xml" in names or "ofd.xml" in names:
        return Kind.OFD
    if named in (Kind.ODT, Kind.OFD):
        return named  # its reader says what it lacks
    return Kind.ZIP


#: The content type of a Word document's main part (a document, a template, macro-enabled).
_WORD_MAIN = re.compile(rb"(?:wordprocessingml|ms-word)[\w.-]*\.main\+xml", re.IGNORECASE)


def _word_main(archive: zipfile.ZipFile, names: set[str]) -> bool:
    """Whether the package's content types declare a Word document's main part, whatever
    its name (Word opens a .docx whose body is ``word/main.xml``)."""
    if "[Content_Types].xml" not in names:
        return False
    info = archive.getinfo("[Content_Types].xml")
    if info.file_size > 1 << 20:
        return False
    data = archive.read(info)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = data.decode("utf-16", "replace").encode("utf-8")
    return _WORD_MAIN.search(data) is not None


def _ole_kind(head: bytes, named: Kind | None) -> Kind:
    """An OLE compound file: by its name where it says an OLE kind, else by its streams."""
    if "EncryptedPackage".encode("utf-16-le") in head:
        return Kind.OLE  # an .xlsx or .docx protected by a password
    if named in (Kind.XLS, Kind.DOC, Kind.WPS, Kind.ET):
        return named
    if named in (Kind.XLSX, Kind.XLSB, Kind.ODS):
        return Kind.XLS  # an .xls under a newer name
    if named in (Kind.DOCX, Kind.ODT, Kind.RTF):
        return Kind.DOC
    for stream, kind in _OLE_STREAMS:
        if stream in head:
            return kind
    return Kind.OLE


def _as_utf8(head: bytes) -> bytes | None:
    """The first bytes of a text file as UTF-8 (from UTF-16 too), or None for binary data."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, "ignore").encode("utf-8")
    if b"\x00" not in head:
        return head
    order = utf16_order(head)
    if order is None:
        return None
    sample = head[: len(head) - len(head) % 2]
    return sample.decode(order, "ignore").encode("utf-8")


#: Characters of text in UTF-16 without a BOM: anything printable, tabs and line ends.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd\ufffe\uffff]")


def utf16_order(head: bytes) -> str | None:
    """The codec of text in UTF-16 without a byte-order mark (``utf-16-le`` or ``utf-16-be``),
    by its first bytes; None if they are not such text.

    ASCII text in UTF-16 has a zero in every other byte; Chinese text has
    few zeros, but reads as text in one byte order only.

    >>> from zfgk.formats import utf16_order
    >>> utf16_order("电话 13812345678".encode("utf-16-le")), utf16_order("身份证号码".encode("utf-16-be"))
    ('utf-16-le', 'utf-16-be')
    >>> utf16_order(b"PK\\x03\\x04\\x14\\x00\\x00\\x00"), utf16_order("电话".encode("utf-8"))
    (None, None)
    """
    if b"\x00" not in head and len(head) < 8:
        return None
    sample = head[: len(head) - len(head) % 2]
    if not sample:
        return None
    zeros_odd, zeros_even = sample[1::2].count(0), sample[0::2].count(0)
    orders = ("utf-16-le", "utf-16-be") if zeros_odd >= zeros_even else ("utf-16-be", "utf-16-le")
    for codec in orders:
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            try:  # the sample may end inside a surrogate pair
                text = sample[:-2].decode(codec)
            except UnicodeDecodeError:
                continue
        if text and not _CONTROL.search(text) and _looks_like_text(text):
            return codec
    return None


def _looks_like_text(text: str) -> bool:
    """Whether decoded characters are those of Chinese or Western text, not binary by chance."""
    common = sum(
        1 for ch in text if ch.isascii() or "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"
    )
    return common * 10 >= len(text) * 9


def _text_kind(text: bytes, named: Kind | None, head: bytes) -> Kind:
    """The kind of a text file, by what it starts with, else by its name."""
    start = text.lstrip(b" \t\r\n")
    if _WORD_XML.search(text[:4096]):
        return Kind.WORD_XML
    if start.startswith(b"<") and _HTML_START.search(text[:4096]):
        return Kind.HTML
    mail = _MIME_HEADER.match(start) or (named in (Kind.EML, Kind.MHT) and _ANY_HEADER.match(start))
    if mail and (named in (Kind.EML, Kind.MHT) or _mail_headers(start)):
        return Kind.MHT if named is Kind.MHT or _MULTIPART_RELATED.search(text) else Kind.EML
    if _XML_START.match(start) and not (named is Kind.HTML and start.startswith(b"<!--")):
        return Kind.XML  # but a page's fragment that opens with a comment (an include) is HTML
    if named in (Kind.JSON_LINES, Kind.JSON):
        return named
    if start.startswith(b"{"):
        return Kind.JSON_LINES if _one_object_per_line(start) else Kind.JSON
    if start.startswith(b"[") and named is None:
        return Kind.JSON
    if named in (Kind.CSV, Kind.XLS, Kind.XLSX, Kind.XLSB, Kind.ODS, Kind.ET):
        return Kind.CSV  # a CSV named as a workbook, as some systems export it
    if (
        head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        and b"\t" in text.split(b"\n")[0]
    ):
        return Kind.CSV  # Excel's "Unicode text"
    if named in (Kind.HTML, Kind.XML):
        return named  # a fragment of a page, a feed without its declaration
    return Kind.TEXT


def _mail_headers(start: bytes) -> bool:
    """Whether text opens with a mail's header: lines of fields (or their folded
    continuations) up to an empty line, two of them fields a mail has.  A page or a note
    whose first line is ``Date: 2026-05-01`` is not a mail."""
    lines = start.replace(b"\r\n", b"\n").split(b"\n")
    known = 0
    for line in lines:
        if not line.strip():
            return known >= 2
        if line[:1] in (b" ", b"\t"):
            continue  # a folded field
        if _ANY_HEADER.match(line) is None:
            return False
        known += _MIME_HEADER.match(line) is not None
    return False


def _one_object_per_line(start: bytes) -> bool:
    """Whether text that opens an object reads as JSON Lines: its first line closes it."""
    first = start.split(b"\n", 1)[0].rstrip(b"\r \t")
    return first.endswith(b"}")
