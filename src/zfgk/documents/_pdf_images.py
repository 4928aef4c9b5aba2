"""Where a PDF page draws its images, and how much of the page they cover (internal).

One pass over the page's content stream, following the graphics state
(``q``/``Q``/``cm``) into form XObjects (up to a depth), gives the box on the
page of every image drawn (``Do`` of an image XObject, and inline images).
A scanned page is one image the size of the page, sometimes under a little
typed text (a title, a page number): :func:`scanned_pages` in
:mod:`zfgk.documents._pdf` uses :func:`page_images` to find them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import attrs

__all__ = ["MIN_SIDE", "PageImage", "coverage", "page_images", "pictures"]

#: Images smaller than this on either side (in pixels) hold no line of text: rules, bullets,
#: dots; the others are a page's pictures.
MIN_SIDE = 16

#: How deep form XObjects are followed (a form that draws itself stops here).
_MAX_DEPTH = 12
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
Matrix = tuple[float, float, float, float, float, float]


@attrs.frozen
class PageImage:
    """An image drawn on a page.

    ``names`` are the XObject names that lead to it from the page's
    resources (``("/Im0",)``, or ``("/Fm0", "/Im1")`` for an image inside a
    form), as pypdf's ``page.images`` takes them (the one name, or the
    tuple); empty for an inline image.  ``box`` is (left, bottom, right,
    top) in points on the page; ``width`` and ``height`` are its pixels.
    ``matrix`` is how it is drawn (the unit square to the page), ``image``
    the image XObject (a stream), or an inline image's operands (its
    ``settings`` and ``data``), and ``reference`` the XObject's indirect
    reference (object number, generation): one picture drawn several times
    (a logo on every page) has one; None for an inline image or a direct
    object.
    """

    names: tuple[str, ...]
    box: tuple[float, float, float, float]
    width: int
    height: int
    matrix: Matrix = attrs.field(default=_IDENTITY, eq=False, repr=False)
    image: Any = attrs.field(default=None, eq=False, repr=False)
    reference: tuple[int, int] | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def inline(self) -> bool:
        """Whether the image is drawn inline (in the content stream itself)."""
        return not self.names


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """The matrix ``m`` then ``n`` (PDF's row-vector convention)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


def _box(m: Matrix) -> tuple[float, float, float, float]:
    """The box on the page of the unit square drawn under ``m``."""
    a, b, c, d, e, f = m
    xs = (e, a + e, c + e, a + c + e)
    ys = (f, b + f, d + f, b + d + f)
    return min(xs), min(ys), max(xs), max(ys)


def _matrix(values: Sequence[Any]) -> Matrix:
    if len(values) != 6:
        return _IDENTITY
    a, b, c, d, e, f = (float(v) for v in values)
    return (a, b, c, d, e, f)


def page_images(page: Any, reader: Any) -> list[PageImage]:
    """Every image the pypdf ``page`` draws, with its box on the page."""
    from pypdf.generic import ContentStream

    contents = page.get_contents()
    if contents is None:
        return []
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else {}
    if resources.get("/XObject") is None and b"BI" not in contents.get_data():
        return []  # no image to draw: the content stream need not be read again
    stream = ContentStream(contents, reader)
    return list(_walk(stream, resources, _IDENTITY, (), reader, depth=0, seen=set()))


def _walk(
    stream: Any,
    resources: Any,
    start: Matrix,
    names: tuple[str, ...],
    reader: Any,
    *,
    depth: int,
    seen: set[int],
) -> Iterator[PageImage]:
    from pypdf.generic import ContentStream

    ctm = start
    stack: list[Matrix] = []
    xobjects = resources.get("/XObject") if resources is not None else None
    xobjects = xobjects.get_object() if xobjects is not None else {}
    for operands, operator in stream.operations:
        if operator == b"q":
            stack.append(ctm)
        elif operator == b"Q":
            ctm = stack.pop() if stack else start
        elif operator == b"cm":
            ctm = _multiply(_matrix(operands), ctm)
        elif operator == b"INLINE IMAGE":
            settings = operands.get("settings", {})
            width = int(settings.get("/W", settings.get("/Width", 0)) or 0)
            height = int(settings.get("/H", settings.get("/Height", 0)) or 0)
            yield PageImage((), _box(ctm), width, height, ctm, operands)
        elif operator == b"Do" and operands:
            name = str(operands[0])
            found = xobjects.get(name)
            if found is None:
                continue
            xobject = found.get_object()
            subtype = xobject.get("/Subtype")
            if subtype == "/Image":
                width = int(xobject.get("/Width", 0) or 0)
                height = int(xobject.get("/Height", 0) or 0)
                raw: Any = xobjects.raw_get(name) if hasattr(xobjects, "raw_get") else None
                reference = (raw.idnum, raw.generation) if hasattr(raw, "idnum") else None
                yield PageImage((*names, name), _box(ctm), width, height, ctm, xobject, reference)
            elif subtype == "/Form" and depth < _MAX_DEPTH and id(xobject) not in seen:
                inner = _multiply(_matrix(xobject.get("/Matrix", _IDENTITY)), ctm)
                form_resources = xobject.get("/Resources")
                form_resources = (
                    form_resources.get_object() if form_resources is not None else resources
                )
                yield from _walk(
                    ContentStream(xobject, reader),
                    form_resources,
                    inner,
                    (*names, name),
                    reader,
                    depth=depth + 1,
                    seen=seen | {id(xobject)},
                )


def coverage(images: Sequence[PageImage], page_box: tuple[float, float, float, float]) -> float:
    """The share of the page's area its images cover (0 to 1; overlaps counted once each)."""
    left, bottom, right, top = page_box
    area = (right - left) * (top - bottom)
    if area <= 0:
        return 0.0
    covered = 0.0
    for image in images:
        x0, y0, x1, y1 = image.box
        w = min(x1, right) - max(x0, left)
        h = min(y1, top) - max(y0, bottom)
        if w > 0 and h > 0:
            covered += w * h
    return min(covered / area, 1.0)


def pictures(images: Sequence[PageImage]) -> list[tuple[int, PageImage]]:
    """The pictures among a page's images (both sides at least :data:`MIN_SIDE` pixels),
    numbered from 1 in the order the page draws them: ``picture 2`` of a page is the second.

    >>> from zfgk.documents._pdf_images import PageImage, pictures
    >>> rule, logo = PageImage((), (0, 0, 500, 1), 800, 2), PageImage(("/Im1",), (0, 0, 60, 30), 120, 60)
    >>> [(n, image.names) for n, image in pictures([rule, logo])]
    [(1, ('/Im1',))]
    """
    found = [image for image in images if min(image.width, image.height) >= MIN_SIDE]
    return list(enumerate(found, start=1))
