"""OFD documents (GB/T 33190-2016) read as an OFD reader shows them (internal).

An .ofd is a zip of XML: ``OFD.xml`` names each document's root
(``Doc_0/Document.xml``) and holds its properties (``DocInfo``: title,
author, abstract, keywords, custom data); the root lists the pages in
order, each page's content (``Pages/Page_0/Content.xml``), the templates
under them, the annotations and the attachments.  Read:

- each page's text: every ``TextCode`` of its ``TextObject``\\s (in
  ``PageBlock``\\s too, and in the templates the page uses) placed where it
  is drawn (its ``X``, ``Y``, ``DeltaX``/``DeltaY`` with their ``g``
  repeats, the object's ``Boundary`` and ``CTM``), and the characters of
  the page joined line by line by their position, as a reader sees them:
  a number drawn one glyph at a time, or split over objects, is read whole;
- the annotations of each page (their remark, parameters and the text of
  their appearance);
- the attachments, each a file of its own, read as what it is (its places
  nested under its name);
- the document's properties, the custom tags, and, where they hold a full
  number, the text and attribute values of every other XML member.

A page whose pictures cover most of it is a scan: its text can be read
only by OCR, and it is listed as not read (as a scanned page of a PDF).
zfgk does not write OFD: to publish a masked copy, mask the document the
OFD was made from and export it again.
"""

from __future__ import annotations

import contextlib
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import attrs

from zfgk.documents._archive import open_package, read_member
from zfgk.documents._container import CANNOT_INFLATE, Container
from zfgk.documents._parts import Document, Location
from zfgk.errors import DocumentError
from zfgk.formats import Kind
from zfgk.i18n import N_, Message
from zfgk.privacy import find_pii

__all__ = ["read_ofd"]

_DOCTYPE = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
#: How much of a page pictures may cover before the page is taken for a scan.
_SCANNED = 0.5
#: A gap wider than this share of the font size between two glyphs of different text objects
#: is a space; within one object (a run drawn in one style: letter-spaced digits, each glyph
#: placed on its own), a gap wider than :data:`_GAP_IN_RUN`.
_GAP = 0.6
_GAP_IN_RUN = 1.5


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ElementTree.Element, name: str) -> Iterator[ElementTree.Element]:
    for child in element:
        if _local(child.tag) == name:
            yield child


def _child(element: ElementTree.Element, name: str) -> ElementTree.Element | None:
    return next(_children(element, name), None)


def _numbers(value: str | None) -> list[float]:
    if not value:
        return []
    return [float(m.group()) for m in _NUMBER.finditer(value)]


def _deltas(value: str | None) -> list[float]:
    """A ``DeltaX``/``DeltaY`` list with its ``g N d`` repeats spread."""
    if not value:
        return []
    out: list[float] = []
    tokens = value.split()
    i = 0
    while i < len(tokens):
        if tokens[i] == "g" and i + 2 < len(tokens):
            try:
                count, step = int(float(tokens[i + 1])), float(tokens[i + 2])
            except ValueError:
                i += 1
                continue
            out.extend([step] * max(0, min(count, 100_000)))
            i += 3
            continue
        with contextlib.suppress(ValueError):
            out.append(float(tokens[i]))
        i += 1
    return out


def _physical_box(area: ElementTree.Element | None) -> list[float] | None:
    """The page size an ``Area`` or ``PageArea`` gives (its ``PhysicalBox``)."""
    box = _child(area, "PhysicalBox") if area is not None else None
    numbers = _numbers(box.text) if box is not None else []
    return numbers if len(numbers) == 4 else None


@attrs.frozen
class _Glyph:
    x: float
    y: float
    width: float
    size: float
    char: str
    run: int  # the text object it is drawn by


@attrs.frozen
class _Matrix:
    a: float = 1.0
    b: float = 0.0
    c: float = 0.0
    d: float = 1.0
    e: float = 0.0
    f: float = 0.0

    @classmethod
    def of(cls, value: str | None) -> _Matrix:
        numbers = _numbers(value)
        return cls(*numbers[:6]) if len(numbers) >= 6 else cls()

    def apply(self, x: float, y: float) -> tuple[float, float]:
        return self.a * x + self.c * y + self.e, self.b * x + self.d * y + self.f

    @property
    def scale(self) -> float:
        return abs(self.a * self.d - self.b * self.c) ** 0.5 or 1.0


def _text_glyphs(element: ElementTree.Element, run: int) -> Iterator[_Glyph]:
    """The glyphs of a ``TextObject``, where each is drawn on the page."""
    origin = (0.0, 0.0)
    box = _numbers(element.get("Boundary"))
    left = origin[0] + (box[0] if len(box) >= 2 else 0.0)
    top = origin[1] + (box[1] if len(box) >= 2 else 0.0)
    matrix = _Matrix.of(element.get("CTM"))
    size = (_numbers(element.get("Size")) or [3.5])[0]
    x = y = 0.0
    for code in _children(element, "TextCode"):
        text = "".join(code.itertext())
        xs = _numbers(code.get("X"))
        ys = _numbers(code.get("Y"))
        x = xs[0] if xs else x
        y = ys[0] if ys else y
        dx, dy = _deltas(code.get("DeltaX")), _deltas(code.get("DeltaY"))
        for i, char in enumerate(text):
            width = size if ord(char) > 0x2E7F else size / 2
            px, py = matrix.apply(x, y)
            yield _Glyph(left + px, top + py, width * matrix.scale, size * matrix.scale, char, run)
            x += dx[i] if i < len(dx) else width
            y += dy[i] if i < len(dy) else 0.0


def _lines(glyphs: list[_Glyph]) -> str:
    """The glyphs of a page read line by line: top to bottom, each line left to right."""
    lines: list[list[_Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: (g.y, g.x)):
        if lines and abs(glyph.y - lines[-1][0].y) <= 0.5 * min(glyph.size, lines[-1][0].size):
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
    out = []
    for line in lines:
        line.sort(key=lambda g: g.x)
        text = []
        previous: _Glyph | None = None
        for glyph in line:
            if previous is not None and not previous.char.isspace():
                gap = glyph.x - (previous.x + previous.width)
                share = _GAP_IN_RUN if glyph.run == previous.run else _GAP
                if gap > share * max(glyph.size, previous.size) and not glyph.char.isspace():
                    text.append(" ")
            text.append(glyph.char)
            previous = glyph
        out.append("".join(text))
    return "\n".join(out)


@attrs.frozen
class _Piece:
    """A text of the document: a page, an annotation, properties."""

    text: str
    where: Location

    def locate(self, offset: int) -> Location:
        return self.where


class _OfdReader:
    def __init__(self, path: Path, kind: Kind, archive: zipfile.ZipFile) -> None:
        self.path = path
        self.archive = archive
        self.infos = {info.filename: info for info in archive.infolist()}
        self.lower = {name.lower(): name for name in self.infos}
        self.container = Container(path, kind)
        self.read: set[str] = set()

    def run(self) -> Document:
        root = self.xml("OFD.xml")
        if root is None:
            raise DocumentError.of(
                N_("{path}: not an OFD document: the archive has no OFD.xml"), path=self.path
            )
        for number, body in enumerate(_children(root, "DocBody"), start=1):
            info = _child(body, "DocInfo")
            if info is not None:
                self.properties(info)
            doc_root = _child(body, "DocRoot")
            if doc_root is not None and doc_root.text:
                self.document(doc_root.text.strip(), number)
        self.rest()
        return self.container.document(None)

    # ------------------------------------------------------------------ members

    def member(self, name: str, base: str = "") -> str | None:
        """The archive's member that a location in the document names (relative to ``base``)."""
        name = name.strip().replace("\\", "/")
        full = name.lstrip("/") if name.startswith("/") else posixpath.join(base, name)
        full = posixpath.normpath(full).lstrip("/")
        if full in self.infos:
            return full
        return self.lower.get(full.lower())

    def xml(self, name: str, base: str = "") -> ElementTree.Element | None:
        found = self.member(name, base)
        if found is None:
            return None
        self.read.add(found)
        data = read_member(self.archive, self.infos[found], self.path)
        if _DOCTYPE.search(data[:65536]):
            raise DocumentError.of(
                N_("{path}: refused: {member} declares a DOCTYPE or an entity"),
                path=self.path,
                member=found,
            )
        try:
            return ElementTree.fromstring(data)
        except ElementTree.ParseError as e:
            raise DocumentError.of(
                N_("{path}: {member} is not well-formed XML (line {line})"),
                path=self.path,
                member=found,
                line=e.position[0],
            ) from None

    # ------------------------------------------------------------------ parts

    def properties(self, info: ElementTree.Element) -> None:
        texts = [t.strip() for t in info.itertext() if t.strip()]
        texts += [v for e in info.iter() for v in e.attrib.values() if v.strip()]
        if texts:
            self.container.add_text(_Piece("\n".join(texts), Location(part="properties")))

    def document(self, root_name: str, number: int) -> None:
        document = self.xml(root_name)
        if document is None:
            self.container.not_read(
                Location(part=root_name),
                Message(N_("the document's root named in OFD.xml is missing from the file")),
            )
            return
        base = posixpath.dirname(self.member(root_name) or root_name)
        common = _child(document, "CommonData")
        templates: dict[str, str] = {}
        page_box = [0.0, 0.0, 210.0, 297.0]
        if common is not None:
            page_box = _physical_box(_child(common, "PageArea")) or page_box
            for template in _children(common, "TemplatePage"):
                if template.get("BaseLoc"):
                    templates[template.get("ID", "")] = template.get("BaseLoc", "")
        pages = _child(document, "Pages")
        labels: dict[str, str] = {}
        for index, page in enumerate(
            _children(pages, "Page") if pages is not None else (), start=1
        ):
            label = str(index) if number == 1 else f"{number}.{index}"
            labels[page.get("ID", "")] = label
            self.page(page.get("BaseLoc", ""), base, label, templates, page_box)
        for name, part in (("Annotations", "annotation"), ("CustomTags", "custom tags")):
            element = _child(document, name)
            if element is not None and element.text:
                if name == "Annotations":
                    self.annotations(element.text.strip(), base, labels)
                else:
                    self.loose(element.text.strip(), base, part)
        attachments = _child(document, "Attachments")
        if attachments is not None and attachments.text:
            self.attachments(attachments.text.strip(), base)

    def page(
        self, location: str, base: str, label: str, templates: dict[str, str], box: list[float]
    ) -> None:
        content = self.xml(location, base)
        where = Location(page=label)
        if content is None:
            self.container.not_read(
                where, Message(N_("the page's content named in the document is missing"))
            )
            return
        box = _physical_box(_child(content, "Area")) or box
        glyphs: list[_Glyph] = []
        covered = self.glyphs(content, glyphs)
        for used in _children(content, "Template"):
            template = templates.get(used.get("TemplateID", ""))
            if template:
                shared = self.xml(template, base)
                if shared is not None:
                    covered += self.glyphs(shared, glyphs)
        text = _lines(glyphs)
        self.container.add_text(_Piece(text, where))
        area_size = max(box[2] * box[3], 1e-6)
        if covered / area_size > _SCANNED:
            self.container.not_read(
                where,
                Message(
                    N_(
                        "a picture covers most of the page: a scan? zfgk cannot read it; "
                        "check it by eye, or make the OFD from its source document"
                    )
                ),
            )

    def glyphs(self, content: ElementTree.Element, glyphs: list[_Glyph]) -> float:
        """Add the glyphs drawn in ``content``; the area its pictures cover."""
        covered = 0.0
        for element in content.iter():
            name = _local(element.tag)
            if name == "TextObject":
                glyphs.extend(_text_glyphs(element, len(glyphs) and glyphs[-1].run + 1))
            elif name == "ImageObject":
                box = _numbers(element.get("Boundary"))
                if len(box) == 4:
                    covered += abs(box[2] * box[3])
        return covered

    def annotations(self, location: str, base: str, labels: dict[str, str]) -> None:
        index = self.xml(location, base)
        if index is None:
            return
        index_base = posixpath.dirname(self.member(location, base) or location)
        for page in _children(index, "Page"):
            label = labels.get(page.get("PageID", ""), page.get("PageID", "?"))
            file_loc = _child(page, "FileLoc")
            if file_loc is None or not file_loc.text:
                continue
            annotations = self.xml(file_loc.text.strip(), index_base)
            if annotations is None:
                continue
            for annot in annotations.iter():
                if _local(annot.tag) != "Annot":
                    continue
                glyphs: list[_Glyph] = []
                self.glyphs(annot, glyphs)
                texts = [annot.get("Creator", "")]
                for element in annot.iter():
                    if _local(element.tag) in ("Remark", "Parameter") and element.text:
                        texts.append(element.text.strip())
                texts.append(_lines(glyphs))
                text = "\n".join(t for t in texts if t)
                self.container.add_text(_Piece(text, Location(page=label, part="annotation")))

    def attachments(self, location: str, base: str) -> None:
        index = self.xml(location, base)
        if index is None:
            return
        index_base = posixpath.dirname(self.member(location, base) or location)
        for attachment in _children(index, "Attachment"):
            file_loc = _child(attachment, "FileLoc")
            if file_loc is None or not file_loc.text:
                continue
            found = self.member(file_loc.text.strip(), index_base)
            name = attachment.get("Name") or posixpath.basename(file_loc.text.strip())
            if "." not in name and attachment.get("Format"):
                name = f"{name}.{attachment.get('Format')}"
            if found is None:
                self.container.not_read(
                    Location(part="attachment").inside(name),
                    Message(N_("the attachment named in the document is missing from the file")),
                )
                continue
            self.read.add(found)
            info = self.infos[found]
            if not self.container.fits(name, info.file_size, info.compress_size):
                continue
            try:
                with self.archive.open(info) as stream:
                    self.container.add_member(name, stream)
            except (
                zipfile.BadZipFile,
                zlib.error,
                NotImplementedError,
                RuntimeError,
                OSError,
                ValueError,
            ):
                self.container.not_read(
                    Location(part="attachment").inside(name), Message(CANNOT_INFLATE)
                )

    def loose(self, location: str, base: str, part: str) -> None:
        element = self.xml(location, base)
        if element is None:
            return
        texts = [t.strip() for t in element.itertext() if t.strip()]
        if texts:
            self.container.add_text(_Piece("\n".join(texts), Location(part=part)))

    def rest(self) -> None:
        """Every other XML member: its text and attribute values, where they hold a number."""
        for name, info in self.infos.items():
            if name in self.read or info.is_dir() or not name.lower().endswith(".xml"):
                continue
            element = self.xml(name)
            if element is None:
                continue
            texts = [t.strip() for t in element.itertext() if t.strip()]
            texts += [v for e in element.iter() for v in e.attrib.values() if v.strip()]
            text = "\n".join(texts)
            if find_pii(text):
                self.container.add_text(_Piece(text, Location(part=name)))


def read_ofd(path: Path, kind: Kind, encoding: str | None) -> Document:
    """An OFD document: its pages' text, annotations, attachments and properties."""
    archive = open_package(path, N_("OFD document (.ofd)"))
    with archive:
        return _OfdReader(path, kind, archive).run()
