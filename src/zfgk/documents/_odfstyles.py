"""Which styles of an OpenDocument hide text (internal; read by :mod:`._odf`)."""

from __future__ import annotations

import contextlib
from xml.parsers import expat

__all__ = ["Refused", "StyleReader", "Styles"]

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#: The style elements, where they are kept (a part's own, or the document's common ones).
_STYLE_ELEMENT, _DEFAULT_STYLE = f"{_STYLE} style", f"{_STYLE} default-style"
_AUTOMATIC, _COMMON = f"{_OFFICE} automatic-styles", f"{_OFFICE} styles"
_TEXT_PROPERTIES = f"{_STYLE} text-properties"
_FAMILY, _NAME = f"{_STYLE} family", f"{_STYLE} name"
_PARENT = f"{_STYLE} parent-style-name"
_DISPLAY = f"{_TEXT} display"
#: How far a chain of parent styles is followed (a loop stops).
_DEPTH = 64


class Styles:
    """Which styles of an OpenDocument hide text (``text:display`` "none", or "condition":
    hidden where a condition holds, which is read both ways), as far as they say."""

    def __init__(self) -> None:
        #: (scope, family, name): (parent, hidden or None where the style does not say); the
        #: scope of an automatic style is its member, of a common style its folder.
        self.styles: dict[tuple[str, str, str], tuple[str | None, bool | None]] = {}
        self.defaults: dict[tuple[str, str], bool] = {}  # (folder, family): style:default-style
        self.hides = False

    def hidden(self, member: str, family: str, name: str | None) -> bool | None:
        """Whether the style ``name`` of ``family`` that ``member`` names hides its text: its
        own setting or the nearest of its parents'; None where none says."""
        folder = member.rpartition("/")[0]
        if not self.hides or name is None:
            return None
        key = (member, family, name)
        if key not in self.styles:
            key = (folder, family, name)
        seen: set[tuple[str, str, str]] = set()  # an automatic style may name a common one
        while key in self.styles and key not in seen and len(seen) < _DEPTH:  # of its name
            seen.add(key)
            parent, hidden = self.styles[key]
            if hidden is not None:
                return hidden
            if parent is None:
                break
            key = (folder, family, parent)  # a parent is a common style
        return None

    def paragraph_hidden(self, member: str, name: str | None) -> bool:
        """Whether a paragraph of the style ``name`` hides its text (its style's defaults)."""
        hidden = self.hidden(member, "paragraph", name)
        if hidden is None:
            hidden = self.defaults.get((member.rpartition("/")[0], "paragraph"), False)
        return hidden


class StyleReader:
    """The styles of one member, read as its elements come (a pass of their own for a
    ``styles.xml``, whose common styles ``content.xml`` names before it is read)."""

    def __init__(self, styles: Styles, member: str) -> None:
        self.styles = styles
        self.member = member
        self.scope: str | None = None  # inside automatic or common styles: their scope
        self.current: tuple[str, str | None] | None = None  # (family, name; None: default)
        self.parent: str | None = None

    def start(self, tag: str, attrs_: dict[str, str]) -> None:
        if tag == _AUTOMATIC:
            self.scope = self.member
        elif tag == _COMMON:
            self.scope = self.member.rpartition("/")[0]
        elif self.scope is None:
            return
        elif tag == _STYLE_ELEMENT:
            family, name = attrs_.get(_FAMILY, ""), attrs_.get(_NAME, "")
            self.current = (family, name)
            self.styles.styles.setdefault((self.scope, family, name), (attrs_.get(_PARENT), None))
        elif tag == _DEFAULT_STYLE:
            self.current = (attrs_.get(_FAMILY, ""), None)
        elif tag == _TEXT_PROPERTIES and self.current is not None and _DISPLAY in attrs_:
            hidden = attrs_[_DISPLAY].strip() in ("none", "condition")
            self.styles.hides |= hidden
            family, named = self.current
            if named is None:
                self.styles.defaults[(self.member.rpartition("/")[0], family)] = hidden
            else:
                key = (self.scope, family, named)
                self.styles.styles[key] = (self.styles.styles[key][0], hidden)

    def end(self, tag: str) -> None:
        if tag in (_AUTOMATIC, _COMMON):
            self.scope = None
        elif tag in (_STYLE_ELEMENT, _DEFAULT_STYLE):
            self.current = None

    def read(self, data: bytes) -> None:
        """Read the styles of ``data`` alone; what cannot be read is said by the reading of
        the member that follows."""
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartDoctypeDeclHandler = _refuse
        parser.EntityDeclHandler = _refuse
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        with contextlib.suppress(expat.ExpatError, Refused):
            parser.Parse(data, True)


def _refuse(*args: object) -> None:
    raise Refused


class Refused(Exception):
    """A DOCTYPE or entity declaration in a part."""
