"""The workbook's package: its content types, relationships and sheets, read and edited (internal).

The small parts that say what the others are ([Content_Types].xml, the
``_rels`` parts, xl/workbook.xml) are read with ElementTree (the archive
has refused any document type) and edited as bytes: an entry added, an
attribute changed, and nothing else of the part moves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import PurePosixPath
from xml.etree import ElementTree

import attrs

from zfgk.errors import InputError
from zfgk.i18n import N_
from zfgk.workbooks._archive import Archive, part_path
from zfgk.workbooks._xml import (
    MAIN,
    RELATIONSHIPS,
    STRICT_MAIN,
    escape_attribute,
    prefix_of,
)

__all__ = [
    "ContentTypes",
    "Package",
    "Relationship",
    "SheetPart",
    "add_relationships",
    "rels_name",
]

_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_R_ID = f"{{{RELATIONSHIPS}}}id"
#: Relationship types, by the last word of their URI (transitional and Microsoft's alike).
WORKSHEET, CHARTSHEET, DIALOGSHEET, MACROSHEET = (
    "worksheet",
    "chartsheet",
    "dialogsheet",
    "xlMacrosheet",
)
SHARED_STRINGS, STYLES, COMMENTS, VML, CALC_CHAIN, VBA = (
    "sharedStrings",
    "styles",
    "comments",
    "vmlDrawing",
    "calcChain",
    "vbaProject",
)
REL_TYPE = {
    WORKSHEET: RELATIONSHIPS + "/worksheet",
    COMMENTS: RELATIONSHIPS + "/comments",
    VML: RELATIONSHIPS + "/vmlDrawing",
    STYLES: RELATIONSHIPS + "/styles",
}
CONTENT_TYPE = {
    WORKSHEET: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
    COMMENTS: "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
    VML: "application/vnd.openxmlformats-officedocument.vmlDrawing",
    STYLES: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
}
MACRO_WORKBOOK = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"
PLAIN_WORKBOOK = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_TYPES_END = re.compile(rb"</(?:\w+:)?Types\s*>")
_RELS_END = re.compile(rb"</(?:\w+:)?Relationships\s*>")
_RELS_EMPTY = re.compile(rb"<((?:\w+:)?Relationships)\b([^>]*?)/>")


def rels_name(part: str) -> str:
    """The name of a part's relationships part: xl/_rels/workbook.xml.rels for xl/workbook.xml.

    >>> from zfgk.workbooks._package import rels_name
    >>> rels_name("xl/worksheets/sheet1.xml"), rels_name("[Content_Types].xml")
    ('xl/worksheets/_rels/sheet1.xml.rels', '_rels/[Content_Types].xml.rels')
    """
    path = PurePosixPath(part)
    parent = "" if str(path.parent) == "." else f"{path.parent}/"
    return f"{parent}_rels/{path.name}.rels"


@attrs.frozen
class Relationship:
    """One relationship of a part: its id, type (the URI's last word), and the part it targets."""

    id: str
    type: str
    target: str
    external: bool


def relationships(archive: Archive, part: str) -> tuple[Relationship, ...]:
    """The relationships of ``part`` (none if it has no relationships part)."""
    name = rels_name(part)
    if not archive.has(name):
        return ()
    root = _parse(archive, name)
    found = []
    for element in root.iter(_PACKAGE_RELS + "Relationship"):
        external = element.get("TargetMode", "") == "External"
        target = element.get("Target", "")
        found.append(
            Relationship(
                id=element.get("Id", ""),
                type=element.get("Type", "").rsplit("/", 1)[-1],
                target=target if external else part_path(part, target),
                external=external,
            )
        )
    return tuple(found)


def _parse(archive: Archive, name: str) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(archive.read(name))
    except ElementTree.ParseError:
        raise InputError.of(
            N_("{path}: the part {part} of the workbook is not well-formed XML"),
            path=archive.path,
            part=name,
        ) from None


def add_relationships(data: bytes | None, added: Iterable[tuple[str, str, str]]) -> bytes:
    """A relationships part with (id, type URI, target) added, made anew when ``data`` is None.

    >>> from zfgk.workbooks._package import add_relationships
    >>> add_relationships(None, [("rId1", "urn:t", "../c.xml")]).decode()[-72:]
    '<Relationship Id="rId1" Type="urn:t" Target="../c.xml"/></Relationships>'
    """
    entries = "".join(
        f'<Relationship Id="{escape_attribute(i)}" Type="{escape_attribute(t)}" '
        f'Target="{escape_attribute(target)}"/>'
        for i, t, target in added
    ).encode("utf-8")
    if data is None:
        return (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + entries
            + b"</Relationships>"
        )
    empty = _RELS_EMPTY.search(data)
    if empty is not None:
        name = empty[1]
        return (
            data[: empty.start()]
            + b"<"
            + name
            + empty[2]
            + b">"
            + entries
            + b"</"
            + name
            + b">"
            + data[empty.end() :]
        )
    end = _last(_RELS_END, data)
    return data[:end] + entries + data[end:]


def remove_relationships(data: bytes, ids: Iterable[str]) -> bytes:
    """The relationships part without the relationships ``ids``."""
    for rid in ids:
        data = re.sub(
            rb"<(?:\w+:)?Relationship\b[^>]*\bId\s*=\s*[\"']"
            + re.escape(rid.encode("utf-8"))
            + rb"[\"'][^>]*?(?:/>|>\s*</(?:\w+:)?Relationship\s*>)",
            b"",
            data,
        )
    return data


def _last(pattern: re.Pattern[bytes], data: bytes) -> int:
    found = [m.start() for m in pattern.finditer(data)]
    if not found:
        raise ValueError("no end tag")
    return found[-1]


def new_id(taken: Iterable[str]) -> str:
    """A relationship id not in ``taken``: rId and the next number."""
    used = set(taken)
    n = len(used) + 1
    while f"rId{n}" in used:
        n += 1
    return f"rId{n}"


@attrs.define
class ContentTypes:
    """[Content_Types].xml: each part's type, and the entries to add to it."""

    data: bytes
    defaults: dict[str, str]
    overrides: dict[str, str]
    added: list[bytes] = attrs.Factory(list)

    @classmethod
    def read(cls, archive: Archive) -> ContentTypes:
        name = "[Content_Types].xml"
        if not archive.has(name):
            raise InputError.of(
                N_("{path}: not an .xlsx workbook (it has no [Content_Types].xml)"),
                path=archive.path,
            )
        root = _parse(archive, name)
        defaults = {
            e.get("Extension", "").lower(): e.get("ContentType", "")
            for e in root.iter(_TYPES + "Default")
        }
        overrides = {
            e.get("PartName", "").lstrip("/").lower(): e.get("ContentType", "")
            for e in root.iter(_TYPES + "Override")
        }
        return cls(archive.read(name), defaults, overrides)

    def of(self, part: str) -> str:
        """The content type of ``part``."""
        found = self.overrides.get(part.lower())
        if found is not None:
            return found
        return self.defaults.get(PurePosixPath(part).suffix.lstrip(".").lower(), "")

    def override(self, part: str, content_type: str) -> None:
        """Give the new ``part`` its type."""
        self.overrides[part.lower()] = content_type
        self.added.append(
            f'<Override PartName="/{escape_attribute(part)}" '
            f'ContentType="{escape_attribute(content_type)}"/>'.encode()
        )

    def default(self, extension: str, content_type: str) -> None:
        """Give parts ending in ``extension`` a type, unless they have one."""
        if extension not in self.defaults:
            self.defaults[extension] = content_type
            self.added.append(
                f'<Default Extension="{extension}" ContentType="{content_type}"/>'.encode()
            )

    def written(self) -> bytes:
        """The part with its additions."""
        if not self.added:
            return self.data
        end = _last(_TYPES_END, self.data)
        return self.data[:end] + b"".join(self.added) + self.data[end:]


@attrs.frozen
class SheetPart:
    """A sheet of the workbook: its name, state, place among the sheets, kind and part."""

    name: str
    index: int
    state: str
    kind: str
    part: str
    sheet_id: int


@attrs.define
class Package:
    """What the workbook's package says: its sheets, shared strings, styles and content types."""

    archive: Archive
    types: ContentTypes
    workbook: str
    workbook_rels: tuple[Relationship, ...]
    sheets: tuple[SheetPart, ...]
    shared_strings: str | None
    styles: str | None

    @classmethod
    def read(cls, archive: Archive) -> Package:
        types = ContentTypes.read(archive)
        office = [
            r
            for r in relationships(archive, "")
            if r.type == "officeDocument" and not r.external and archive.has(r.target)
        ]
        if not office:
            raise InputError.of(
                N_("{path}: not an .xlsx workbook (it names no workbook part)"), path=archive.path
            )
        workbook = archive.info(office[0].target).filename  # type: ignore[union-attr]
        rels = relationships(archive, workbook)
        data = archive.read(workbook)
        if prefix_of(data, STRICT_MAIN) is not None:
            raise InputError.of(
                N_(
                    "{path}: a workbook in ISO strict form, which zfgk does not edit; save it "
                    'again in Excel as "Excel Workbook (*.xlsx)"'
                ),
                path=archive.path,
            )
        root = _parse(archive, workbook)
        by_id = {r.id: r for r in rels}
        sheets = []
        for index, element in enumerate(root.iter(f"{{{MAIN}}}sheet")):
            rel = by_id.get(element.get(_R_ID, ""))
            if rel is None or rel.external:
                continue
            found = archive.info(rel.target)
            sheets.append(
                SheetPart(
                    name=element.get("name", ""),
                    index=index,
                    state=element.get("state", "visible"),
                    kind=rel.type,
                    part=found.filename if found is not None else rel.target,
                    sheet_id=int(element.get("sheetId", "0") or 0),
                )
            )

        def one(kind: str) -> str | None:
            for r in rels:
                found = archive.info(r.target) if not r.external else None
                if r.type == kind and found is not None:
                    return found.filename
            return None

        return cls(
            archive,
            types,
            workbook,
            rels,
            tuple(sheets),
            one(SHARED_STRINGS),
            one(STYLES),
        )

    def sheet(self, name: str) -> SheetPart | None:
        """The sheet named ``name``."""
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        return None

    def names(self) -> Sequence[str]:
        """The sheets' names in the workbook's order."""
        return [s.name for s in self.sheets]

    def taken(self) -> set[str]:
        """Every part name, lowercased (a new part must differ from them all)."""
        return {info.filename.lower() for info in self.archive.infos}


def free_name(taken: set[str], pattern: str) -> str:
    """The first name ``pattern.format(n)`` (n from 1) not in ``taken`` (lowercased); taken then.

    >>> from zfgk.workbooks._package import free_name
    >>> taken = {"xl/comments1.xml"}
    >>> free_name(taken, "xl/comments{}.xml"), free_name(taken, "xl/comments{}.xml")
    ('xl/comments2.xml', 'xl/comments3.xml')
    """
    n = 1
    while pattern.format(n).lower() in taken:
        n += 1
    name = pattern.format(n)
    taken.add(name.lower())
    return name


def main_workbook_type(data: bytes) -> bytes:
    """[Content_Types].xml with a macro-enabled workbook's type made a plain workbook's."""
    return data.replace(MACRO_WORKBOOK, PLAIN_WORKBOOK)


def without_override(data: bytes, part: str) -> bytes:
    """[Content_Types].xml without the Override of ``part``."""
    return re.sub(
        rb"<(?:\w+:)?Override\b[^>]*\bPartName\s*=\s*[\"']/"
        + re.escape(part.encode("utf-8"))
        + rb"[\"'][^>]*/>",
        b"",
        data,
        flags=re.I,
    )
