"""Names of zfgk 0.2's ``zfgk.documents`` kept for one minor version (internal).

``zfgk.documents.DocumentFormat`` is :class:`zfgk.formats.Kind`,
``format_of`` is :func:`zfgk.formats.kind_of` (``None`` for a kind that is
not a document), and ``mask`` writes a page or a Word file with every full
ID and mobile number hidden, as :func:`zfgk.mask_file` does.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from zfgk.documents._readers import open_document
from zfgk.errors import InvalidArgumentError
from zfgk.formats import SUFFIXES as _ALL_SUFFIXES
from zfgk.formats import Family, Kind, kind_of
from zfgk.i18n import N_
from zfgk.privacy import PiiMatch, find_pii, redact

__all__ = ["SUFFIXES", "DocumentFormat", "format_of", "mask"]

DocumentFormat = Kind

#: The name endings of documents (not tables, not workbooks).
SUFFIXES: Mapping[str, Kind] = MappingProxyType(
    {s: k for s, k in _ALL_SUFFIXES.items() if k.family is Family.DOCUMENT}
)


def format_of(path: Path | str, head: bytes | None = None) -> Kind | None:
    """The kind of a document by its first bytes, else its name; None if it is no document."""
    try:
        kind = kind_of(path, head)
    except OSError:
        kind = SUFFIXES.get(Path(path).suffix.lower(), Kind.BINARY)
    return kind if kind.family is Family.DOCUMENT else None


def mask(
    path: Path | str, output: Path | str, *, mask_char: str = "*", format: Kind | None = None
) -> tuple[PiiMatch, ...]:
    """Write the page or Word file ``path`` to ``output`` with every full number hidden."""
    if len(mask_char) != 1:
        raise InvalidArgumentError.of(
            N_("the mask character must be one character (given {mask_char!r})"),
            mask_char=mask_char,
        )
    document = open_document(path, kind=format)
    found = find_pii(document.text)
    document.write(output, redact(document.text, mask_char=mask_char))
    return found
