"""Scanned notices: read page images by OCR, find ID and mobile numbers, paint them over.

Needs the ``ocr`` extra (``pip install 'zfgk[ocr]'``: rapidocr with the
PP-OCR models in its wheel, onnxruntime, Pillow, numpy); every function
that needs the engine raises :class:`zfgk.errors.MissingExtraError` naming
that command when it is missing.  Nothing is downloaded at run time: the
engine is given the model files inside rapidocr's wheel, and a wheel that
lacks them is an error, never a download.  rapidocr's log lines never reach
the console (a program's own logging handlers still get them).

The API, for the readers and tasks that plug it in:

- ``_ocr_files.page_images(path)``: the page
  images of an image file (.png .jpg .jpeg .tif .tiff with every page
  .bmp .webp) or the scanned pages of a PDF, one at a time.
- :func:`ocr_image` reads one page image into an :class:`OcrPage`: lines
  of text, each with its box on the page and the box of each character;
  ``_ocr_files.ocr_pages(path)`` reads every page of a file, one page in
  memory at a time.
- :func:`find_in_page` / :func:`find_in_pages`: each ID and mobile number
  (:func:`zfgk.find_pii`'s rules) with its page, its box and the boxes of
  the digits :func:`zfgk.mask_id` / :func:`zfgk.mask_phone` hide, also
  where OCR split a number over boxes on one row.
- :func:`paint` covers those digits on a page image;
  ``_ocr_files.mask_image_file`` and ``_ocr_files.mask_scanned_pdf``
  write an image file or a scanned PDF back with them painted over.
- ``_ocr_files.is_scanned_page`` tells whether a PDF page is a scan.

How exact the boxes are: rapidocr places each character from the columns of
the recogniser's output where it read it (CTC alignment), in the frame of
the line's box, so a character's box is right to within about a third of a
character's width; its height is the line's.  The painted box of hidden
digits therefore runs from half-way between the last shown digit and the
first hidden one to half-way between the last hidden and the next shown
one, over the whole height of the line and a little more: it covers the
hidden digits whole and leaves the shown ones readable.

>>> from zfgk.documents._ocr import Box
>>> Box(10, 20, 110, 52).width
100
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import math
import threading
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from zfgk._progress import page_read
from zfgk._workers import worker_context
from zfgk.errors import DocumentError, MissingExtraError
from zfgk.i18n import N_
from zfgk.model import PersonalKind
from zfgk.privacy import find_pii, redact

if TYPE_CHECKING:  # pragma: no cover
    from PIL.Image import Image

__all__ = [
    "INSTALL",
    "Box",
    "OcrChar",
    "OcrFinding",
    "OcrLine",
    "OcrPage",
    "PageText",
    "Place",
    "Point",
    "Quad",
    "find_in_page",
    "find_in_pages",
    "ocr_each",
    "ocr_image",
    "ocr_images",
    "page_text",
    "pages_in_parallel",
    "paint",
    "paint_quads",
    "require_ocr",
]

#: What to run to get the engine.
INSTALL = "pip install 'zfgk[ocr]'"
#: A point on the page image, in pixels from its top left corner.
Point = tuple[float, float]
#: A box that may be turned: its top left, top right, bottom right and bottom left corners.
Quad = tuple[Point, Point, Point, Point]

#: A gap between two characters wider than this many character widths (the median width of
#: the line's digits) reads as a space; wider than :data:`_CELL_GAP`, as the gap between two
#: table cells (a tab: no number spans it).  Two boxes on one row closer than that are read
#: as one (OCR split a number or a cell); a masked run of digits is 4 widths or more.
_SPACE_GAP = 0.5
_CELL_GAP = 1.6
#: How far a painted box reaches above and below its line, in line heights.
_PAD = 0.12
#: The longest side rapidocr scales a page down to before reading it (its default 2000
#: shrinks a 300 dpi A4 page to 170 dpi, where small digits start to blur).
_MAX_SIDE = 2000


@attrs.frozen
class Box:
    """An upright box on a page image, in whole pixels: ``left`` and ``top`` in, ``right`` and
    ``bottom`` out.

    >>> from zfgk.documents._ocr import Box
    >>> Box(10, 20, 110, 52), Box(10, 20, 110, 52).height
    (Box(left=10, top=20, right=110, bottom=52), 32)
    """

    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self) -> int:
        """How wide the box is."""
        return self.right - self.left

    @property
    def height(self) -> int:
        """How high the box is."""
        return self.bottom - self.top

    @classmethod
    def around(cls, points: Iterable[Point]) -> Box:
        """The smallest box holding ``points``.

        >>> from zfgk.documents._ocr import Box
        >>> Box.around([(1.5, 2.0), (7.2, 3.9)])
        Box(left=1, top=2, right=8, bottom=4)
        """
        xs, ys = zip(*points, strict=True)
        return cls(math.floor(min(xs)), math.floor(min(ys)), math.ceil(max(xs)), math.ceil(max(ys)))


@attrs.frozen
class OcrChar:
    """One character OCR read, and its box on the page (turned with its line).

    Its ``text`` is one digit of a number at most, so it is shown; a line's
    text is not (it may hold a whole number).

    >>> from zfgk.documents._ocr import OcrChar
    >>> OcrChar("7", ((0, 0), (9, 0), (9, 20), (0, 20))).text
    '7'
    """

    text: str
    quad: Quad


@attrs.frozen
class OcrLine:
    """A line of text OCR read in one box: its text, box, characters and confidence (0 to 1).

    The ``text`` is the characters' with a space where they stand apart
    and a tab where the gap is as wide as a table's column gap; it is
    left out of ``repr`` (it may be a full ID number).

    >>> from zfgk.documents._ocr import OcrLine
    >>> line = OcrLine("手机13812345678", ((0, 0), (200, 0), (200, 30), (0, 30)), (), 0.99)
    >>> line
    OcrLine(quad=((0, 0), (200, 0), (200, 30), (0, 30)), score=0.99)
    """

    text: str = attrs.field(repr=False)
    quad: Quad
    chars: tuple[OcrChar, ...] = attrs.field(repr=False)
    score: float

    @property
    def box(self) -> Box:
        """The upright box around the line."""
        return Box.around(self.quad)


@attrs.frozen
class OcrPage:
    """One page image as OCR read it: its ``number`` in the file (from 1), size and lines.

    For a PDF ``label`` is the page as the PDF numbers it, and ``image``
    which of the page's pictures this is (from 1; a scan has one); for an
    image file, ``label`` is the page number and ``image`` 1.  ``text`` is the lines in reading order, one
    row of the page (boxes on one line) to a line of text.

    >>> from zfgk.documents._ocr import OcrPage
    >>> OcrPage(1, "1", 1240, 1754, ())
    OcrPage(number=1, label='1', width=1240, height=1754, image=1)
    """

    number: int
    label: str
    width: int
    height: int
    lines: tuple[OcrLine, ...] = attrs.field(repr=False)
    image: int = 1

    @property
    def text(self) -> str:
        """The page's text, row by row, the cells of a row apart by tabs (:func:`page_text`)."""
        return page_text(self).text


@attrs.frozen
class OcrFinding:
    """An ID or mobile number found on a page image: where it is, and what to paint over.

    ``box`` holds the whole number; ``hidden`` the (possibly turned) boxes
    of the digits that :func:`zfgk.mask_id` / :func:`zfgk.mask_phone`
    hide.  ``masked`` is the number as it reads once masked (the hidden
    digits as ``*``): a finding never holds the full number.  ``image`` is
    the picture of the page it is on (:attr:`OcrPage.image`), and the boxes
    are in its pixels.

    >>> from zfgk import PersonalKind
    >>> from zfgk.documents._ocr import Box, OcrFinding
    >>> OcrFinding(PersonalKind.PHONE, 1, "1", Box(0, 0, 90, 20), (), "138****5678")
    OcrFinding(kind=<PersonalKind.PHONE: 'phone'>, page=1, label='1', box=Box(left=0, top=0, right=90, bottom=20), masked='138****5678', image=1)
    """

    kind: PersonalKind
    page: int
    label: str
    box: Box
    hidden: tuple[Quad, ...] = attrs.field(repr=False)
    masked: str
    image: int = 1


def require_ocr() -> None:
    """Raise :class:`MissingExtraError` (naming :data:`INSTALL`) unless the ``ocr`` extra is there.

    >>> from zfgk.documents._ocr import require_ocr
    >>> from zfgk.errors import MissingExtraError
    >>> try:
    ...     require_ocr()
    ... except MissingExtraError as e:
    ...     ready = "pip install 'zfgk[ocr]'" in str(e)  # without the extra
    ... else:
    ...     ready = True
    >>> ready
    True
    """
    _modules()


@cache
def _modules() -> tuple[Any, Any, Any]:
    """rapidocr, numpy and PIL.Image, imported once; rapidocr's logger kept off the console."""
    try:
        import numpy
        import PIL.Image
        import rapidocr
    except ImportError:
        raise MissingExtraError.of(
            N_("reading scanned pages and images needs the ocr extra: {install}"),
            install=INSTALL,
        ) from None
    # rapidocr gives its logger a console handler of its own and stops it propagating: every
    # model it loads would print a line on stderr.  Take the handler away; the records go to
    # the program's handlers (propagate), and nowhere where it has set up none (NullHandler).
    logger = logging.getLogger("RapidOCR")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    logger.addHandler(logging.NullHandler())
    logger.propagate = True
    logger.setLevel(logging.WARNING)
    return rapidocr, numpy, PIL.Image


def _model_files(package_dir: Path) -> dict[str, Path]:
    """The detection, recognition and direction models in rapidocr's wheel, by task."""
    models = package_dir / "models"
    found: dict[str, Path] = {}
    for task in ("det", "rec", "cls"):
        files = sorted(models.glob(f"*{task}*.onnx"))
        if not files:
            raise DocumentError.of(
                N_(
                    "the OCR engine's {task} model is not in the rapidocr package ({folder}); "
                    "zfgk never downloads models: reinstall with {install}"
                ),
                task=task,
                folder=models,
                install=INSTALL,
            )
        found[task] = files[-1]  # the newest version where a wheel carries two
    return found


_ENGINE_LOCK = threading.Lock()


@cache
def _engine() -> Any:
    """The OCR engine, made once per process with the models of rapidocr's wheel."""
    rapidocr, _, _ = _modules()
    files = _model_files(Path(rapidocr.__file__).resolve().parent)
    params = {
        "Global.log_level": "warning",
        "Global.max_side_len": _MAX_SIDE,
        "Global.use_cls": True,
        # rapidocr drops lines it reads with a score under 0.5; zfgk keeps them down to 0.2 so
        # that a line of digits read with little confidence is unread, not silently dropped
        # (zfgk.documents._image.doubtful_lines).
        "Global.text_score": 0.2,
        # Explicit model files: rapidocr downloads only where it is given none.
        "Det.model_path": str(files["det"]),
        "Rec.model_path": str(files["rec"]),
        "Cls.model_path": str(files["cls"]),
        # One thread per process: a page per worker, the workers spread over the cores.
        "EngineConfig.onnxruntime.intra_op_num_threads": 1,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    }
    with _ENGINE_LOCK:
        engine = rapidocr.RapidOCR(params=params)
    _modules()  # rapidocr's constructor sets its log level again: quiet it once more
    logging.getLogger("RapidOCR").setLevel(logging.WARNING)
    return engine


def ocr_image(
    image: Image, *, number: int = 1, label: str | None = None, picture: int = 1
) -> OcrPage:
    """Read one page image (a Pillow image) into an :class:`OcrPage` (``picture``: which of
    the page's pictures it is).

    >>> from zfgk.documents._ocr import ocr_image
    >>> from zfgk.errors import MissingExtraError
    >>> try:
    ...     from PIL import Image
    ...     page = ocr_image(Image.new("L", (200, 100), 255), number=3)
    ... except (ImportError, MissingExtraError):  # without pip install 'zfgk[ocr]'
    ...     lines = ()
    ... else:
    ...     lines = page.lines  # a blank page has none
    >>> lines
    ()
    """
    _, numpy, image_module = _modules()
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        # as it shows, over white paper: its colours alone may be black where it is clear
        # (black text on nothing, as a screenshot tool or an exporter saves it)
        shown = image.convert("RGBA")
        image = image_module.new("RGB", shown.size, "white")
        image.paste(shown, mask=shown.getchannel("A"))
    elif image.mode != "RGB":
        image = image.convert("RGB")
    pixels = numpy.asarray(image)[:, :, ::-1]  # rapidocr takes OpenCV's BGR order
    result = _engine()(pixels, return_word_box=True, return_single_char_box=True)
    lines: list[OcrLine] = []
    boxes = result.boxes if result.boxes is not None else ()  # None on a blank page
    texts = result.txts or ("",) * len(boxes)
    scores = result.scores or (0.0,) * len(boxes)
    words = result.word_results or ((),) * len(boxes)
    for quad, text, score, chars in zip(boxes, texts, scores, words, strict=False):
        line = _line(_quad(quad), str(text), float(score), chars)
        if line.chars:
            lines.append(line)
    page_read()
    return OcrPage(number, label or str(number), image.width, image.height, tuple(lines), picture)


def _quad(points: Any) -> Quad:
    (a, b), (c, d), (e, f), (g, h) = ((float(x), float(y)) for x, y in points)
    return ((a, b), (c, d), (e, f), (g, h))


def _line(quad: Quad, text: str, score: float, words: Sequence[Any]) -> OcrLine:
    """A line from rapidocr's box, text and character boxes (spaces and tabs put back)."""
    chars = [OcrChar(str(ch), _quad(q)) for ch, _, q in words if str(ch).strip()]
    if "".join(c.text for c in chars) != "".join(text.split()):
        # No character boxes, or not one to a character: share the line out evenly
        # (a character's place is then right to within a character or two).
        chars = _even(quad, "".join(text.split()))
    frame = _Frame(quad)
    unit = _unit(frame, chars)
    pieces: list[str] = []
    previous: tuple[float, float] | None = None
    for char in chars:
        extent = frame.extent(char.quad)
        if previous is not None:
            gap = extent[0] - previous[1]
            if gap > _CELL_GAP * unit:
                pieces.append("\t")
            elif gap > _SPACE_GAP * unit:
                pieces.append(" ")
        pieces.append(char.text)
        previous = extent
    return OcrLine("".join(pieces), quad, tuple(chars), score)


def _unit(frame: _Frame, chars: Sequence[OcrChar]) -> float:
    """The width of a character of the line: the median of its digits' (else of all)."""
    widths = sorted(
        b - a
        for ch in chars
        if ch.text.isdigit() or not any(c.isdigit() for c in (x.text for x in chars))
        for a, b in [frame.extent(ch.quad)]
    )
    return max(1.0, widths[len(widths) // 2]) if widths else frame.height / 2


def _even(quad: Quad, text: str) -> list[OcrChar]:
    frame = _Frame(quad)
    step = frame.length / max(1, len(text))
    return [OcrChar(ch, frame.quad(k * step, (k + 1) * step, 0.0)) for k, ch in enumerate(text)]


class _Frame:
    """A line's frame: distances along its box (from its left edge) and across it (from its top)."""

    def __init__(self, quad: Quad) -> None:
        (x0, y0), (x1, y1), _, (x3, y3) = quad
        self.origin = (x0, y0)
        length = math.hypot(x1 - x0, y1 - y0) or 1.0
        self.u = ((x1 - x0) / length, (y1 - y0) / length)
        self.v = (-self.u[1], self.u[0])  # the line's "down", square to its direction
        self.length = length
        self.height = max(1.0, abs((x3 - x0) * self.v[0] + (y3 - y0) * self.v[1]))

    def along(self, point: Point) -> float:
        return (point[0] - self.origin[0]) * self.u[0] + (point[1] - self.origin[1]) * self.u[1]

    def across(self, point: Point) -> float:
        return (point[0] - self.origin[0]) * self.v[0] + (point[1] - self.origin[1]) * self.v[1]

    def extent(self, quad: Quad) -> tuple[float, float]:
        along = [self.along(p) for p in quad]
        return min(along), max(along)

    def point(self, a: float, b: float) -> Point:
        return (
            self.origin[0] + a * self.u[0] + b * self.v[0],
            self.origin[1] + a * self.u[1] + b * self.v[1],
        )

    def quad(self, a0: float, a1: float, pad: float) -> Quad:
        """The box from ``a0`` to ``a1`` along the line, the line's height and ``pad`` more."""
        top, bottom = -pad * self.height, (1 + pad) * self.height
        return (
            self.point(a0, top),
            self.point(a1, top),
            self.point(a1, bottom),
            self.point(a0, bottom),
        )


def _rows(lines: Sequence[OcrLine]) -> list[list[int]]:
    """The lines (their indexes) as chains of boxes one after another on one row, in reading
    order.

    A box follows another when its first character starts at most
    :data:`_CELL_GAP` character widths after the other's last ends, along
    the other's direction, and its middle is within half a line height of
    the other's middle line: OCR's pieces of one number, or of one cell.
    Boxes further apart are separate cells (or columns): a number never
    spans them.
    """
    order = sorted(range(len(lines)), key=lambda k: (lines[k].box.top, lines[k].box.left))
    taken: set[int] = set()
    rows: list[list[int]] = []
    for k in order:
        if k in taken:
            continue
        taken.add(k)
        row = [k]
        while True:
            last = lines[row[-1]]
            frame = _Frame(last.quad)
            end = frame.extent(last.chars[-1].quad)[1]
            unit = _unit(frame, last.chars)
            best: tuple[float, int] | None = None
            for j, other in enumerate(lines):
                if j in taken or not other.chars:
                    continue
                gap = frame.extent(other.chars[0].quad)[0] - end
                middle = sum(frame.across(p) for p in other.quad) / 4
                if (
                    -unit <= gap <= _CELL_GAP * unit
                    and abs(middle - frame.height / 2) <= 0.5 * frame.height
                    and (best is None or gap < best[0])
                ):
                    best = (gap, j)
            if best is None:
                break
            taken.add(best[1])
            row.append(best[1])
        rows.append(row)
    return rows


#: Where a character of a page's text was read: (the line, its character), both indexes in
#: :attr:`OcrPage.lines` and :attr:`OcrLine.chars`; None for a space, tab or line break put in.
Place = tuple[int, int] | None


def _row_text(lines: Sequence[OcrLine], row: Sequence[int]) -> tuple[str, list[Place]]:
    """The text of a chain of boxes (a space between two where they stand apart) and the
    place of each of its characters."""
    text: list[str] = []
    where: list[Place] = []
    for n, k in enumerate(row):
        line = lines[k]
        if n:
            before = lines[row[n - 1]]
            frame = _Frame(before.quad)
            gap = frame.extent(line.chars[0].quad)[0] - frame.extent(before.chars[-1].quad)[1]
            if gap > _SPACE_GAP * _unit(frame, before.chars):
                text.append(" ")
                where.append(None)
        index = 0
        for ch in line.text:
            text.append(ch)
            if ch in " \t":
                where.append(None)
            else:
                where.append((k, index))
                index += 1
    return "".join(text), where


@attrs.frozen
class PageText:
    """A page image's text as a person reads it, and where each of its characters was read.

    ``text`` is the page's rows, one to a line, their cells apart by tabs (:attr:`OcrPage.text`);
    ``places`` gives, for each of its characters, the line and the character
    of :attr:`OcrPage.lines` it was read from (None for a space, a tab or a
    line break put in between boxes).  Neither is in ``repr``.

    >>> from zfgk.documents._ocr import OcrPage, page_text
    >>> page_text(OcrPage(1, "1", 100, 100, ())).text
    ''
    """

    page: OcrPage
    text: str = attrs.field(repr=False)
    places: tuple[Place, ...] = attrs.field(repr=False)

    def char(self, offset: int) -> OcrChar | None:
        """The OCR character read at ``offset`` of the text (None for one put in)."""
        place = self.places[offset]
        if place is None:
            return None
        return self.page.lines[place[0]].chars[place[1]]

    def box(self, start: int, end: int) -> Box | None:
        """The upright box around the characters of ``text[start:end]`` (None if none was read)."""
        quads = [c.quad for c in map(self.char, range(start, end)) if c is not None]
        return Box.around(p for q in quads for p in q) if quads else None

    def cover(self, offsets: Iterable[int]) -> tuple[Quad, ...]:
        """The boxes that paint over the characters at ``offsets`` of the text, and over nothing
        of their neighbours: one box for each run of them within one line's box.

        Each reaches half-way to the next character shown (or a third of a
        character past the line's end) and a little above and below the line.
        """
        places = sorted({p for p in (self.places[i] for i in offsets) if p is not None})
        runs: list[tuple[int, int, int]] = []  # (line, first char, last char)
        for k, c in places:
            if runs and runs[-1][0] == k and runs[-1][2] == c - 1:
                runs[-1] = (k, runs[-1][1], c)
            else:
                runs.append((k, c, c))
        quads: list[Quad] = []
        for k, first, last in runs:
            line = self.page.lines[k]
            frame = _Frame(line.quad)
            extents = [frame.extent(ch.quad) for ch in line.chars]
            a0, a1 = extents[first][0], extents[last][1]
            # Out to half-way to the shown neighbours (or a third of a character where none is).
            width = (a1 - a0) / (last - first + 1)
            a0 = (extents[first - 1][1] + a0) / 2 if first else a0 - width / 3
            a1 = (a1 + extents[last + 1][0]) / 2 if last + 1 < len(extents) else a1 + width / 3
            quads.append(frame.quad(a0, a1, _PAD))
        return tuple(quads)


def page_text(page: OcrPage) -> PageText:
    """The text of ``page``, one row of the page to a line (its cells apart by tabs), with the
    place of each character.

    >>> from zfgk.documents._ocr import OcrChar, OcrLine, OcrPage, page_text
    >>> box = ((0, 0), (10, 0), (10, 20), (0, 20))
    >>> read = page_text(OcrPage(1, "1", 100, 100, (OcrLine("7", box, (OcrChar("7", box),), 0.9),)))
    >>> read.text, read.places, read.box(0, 1)
    ('7\\n', ((0, 0), None), Box(left=0, top=0, right=10, bottom=20))
    """
    text: list[str] = []
    places: list[Place] = []
    for row in _table_rows(page.lines, _rows(page.lines)):
        for n, chain in enumerate(row):
            chain_text, where = _row_text(page.lines, chain)
            if n:
                text.append("\t")
                places.append(None)
            text.append(chain_text)
            places += where
        text.append("\n")
        places.append(None)
    return PageText(page, "".join(text), tuple(places))


def _table_rows(lines: Sequence[OcrLine], chains: list[list[int]]) -> list[list[list[int]]]:
    """The chains of boxes grouped into the rows of the page, each row's from left to right.

    A chain joins the row of the chain nearest to it along the row that it
    lies beside (its middle within half that chain's height of its middle
    line, measured square to that chain's direction: a page scanned askew,
    or photographed from an angle, keeps its rows); the rows go from the
    top of the page down.
    """
    frames = [_Frame(lines[chain[0]].quad) for chain in chains]
    middles = [_middle(lines[chain[0]].quad) for chain in chains]
    rows: list[list[int]] = []  # indexes of chains
    for k in range(len(chains)):  # top to bottom, as _rows gives them
        best: tuple[float, int] | None = None
        for r, row in enumerate(rows):
            near = min(row, key=lambda j: abs(frames[j].along(middles[k])))
            off = abs(frames[near].across(middles[k]) - frames[near].height / 2)
            if off <= frames[near].height / 2 and (best is None or off < best[0]):
                best = (off, r)
        if best is None:
            rows.append([k])
        else:
            rows[best[1]].append(k)
    return [
        [chains[j] for j in sorted(row, key=lambda j: frames[row[0]].along(middles[j]))]
        for row in rows
    ]


def _middle(quad: Quad) -> Point:
    return (sum(p[0] for p in quad) / 4, sum(p[1] for p in quad) / 4)


def find_in_page(page: OcrPage) -> tuple[OcrFinding, ...]:
    """Each ID and mobile number on ``page``, with its box and the boxes of its hidden digits.

    The page's text (:func:`page_text`: a row of boxes to a line) is
    searched with :func:`zfgk.find_pii`, so a number OCR read in two boxes
    is found whole; :func:`zfgk.redact` says which of its digits are hidden.

    >>> from zfgk.documents._ocr import OcrChar, OcrLine, OcrPage, find_in_page
    >>> def line(text, left, top):  # one box, each character 10 pixels wide
    ...     chars = tuple(
    ...         OcrChar(c, ((left + 10 * k, top), (left + 10 * k + 10, top),
    ...                     (left + 10 * k + 10, top + 20), (left + 10 * k, top + 20)))
    ...         for k, c in enumerate(text))
    ...     right = left + 10 * len(text)
    ...     return OcrLine(text, ((left, top), (right, top), (right, top + 20), (left, top + 20)),
    ...                    chars, 0.99)
    >>> page = OcrPage(1, "1", 800, 100, (line("1381234", 100, 10), line("5678", 175, 10)))
    >>> [(f.kind.value, f.masked, f.box) for f in find_in_page(page)]
    [('phone', '138****5678', Box(left=100, top=10, right=215, bottom=30))]
    >>> from zfgk.documents._ocr import Box
    >>> Box.around(find_in_page(page)[0].hidden[0])
    Box(left=130, top=7, right=174, bottom=33)
    """
    read = page_text(page)
    text = read.text
    matches = find_pii(text)
    if not matches:
        return ()
    masked = redact(text)
    findings: list[OcrFinding] = []
    for m in matches:
        box = read.box(m.start, m.end)
        if box is None:  # pragma: no cover - a number is made of characters read
            continue
        hidden = read.cover(i for i in range(m.start, m.end) if masked[i] != text[i])
        findings.append(
            OcrFinding(
                PersonalKind(m.kind.value),
                page.number,
                page.label,
                box,
                hidden,
                masked[m.start : m.end],
                page.image,
            )
        )
    return tuple(findings)


def find_in_pages(pages: Iterable[OcrPage]) -> tuple[OcrFinding, ...]:
    """Every finding of :func:`find_in_page` on ``pages``, page by page.

    >>> from zfgk.documents._ocr import OcrPage, find_in_pages
    >>> find_in_pages([OcrPage(1, "1", 100, 100, ()), OcrPage(2, "2", 100, 100, ())])
    ()
    """
    return tuple(f for page in pages for f in find_in_page(page))


def paint(image: Image, findings: Iterable[OcrFinding], *, colour: object = None) -> None:
    """Paint an opaque box over the hidden digits of each finding on ``image`` (in place).

    ``colour`` is black (``0`` in a one-band image) unless given.

    >>> from zfgk import PersonalKind
    >>> from zfgk.documents._ocr import Box, OcrFinding, paint
    >>> from zfgk.errors import MissingExtraError
    >>> finding = OcrFinding(PersonalKind.PHONE, 1, "1", Box(0, 0, 9, 9),
    ...                      (((2, 2), (6, 2), (6, 6), (2, 6)),), "138****5678")
    >>> try:
    ...     from PIL import Image
    ... except ImportError:  # without pip install 'zfgk[ocr]': what the picture would show
    ...     inside, outside = 0, 255
    ... else:
    ...     image = Image.new("L", (9, 9), 255)
    ...     paint(image, [finding])
    ...     inside, outside = image.getpixel((4, 4)), image.getpixel((0, 0))
    >>> inside, outside
    (0, 255)
    """
    paint_quads(image, [q for finding in findings for q in finding.hidden], colour=colour)


def paint_quads(image: Image, quads: Iterable[Quad], *, colour: object = None) -> None:
    """Paint each of ``quads`` on ``image`` (in place), opaque, black unless ``colour`` is given.

    >>> from zfgk.documents._ocr import paint_quads
    >>> try:
    ...     from PIL import Image
    ... except ImportError:  # without pip install 'zfgk[ocr]': what the picture would show
    ...     inside = 0
    ... else:
    ...     image = Image.new("RGB", (9, 9), "white")
    ...     paint_quads(image, [((2, 2), (6, 2), (6, 6), (2, 6))])
    ...     inside = image.getpixel((4, 4))[0]
    >>> inside
    0
    """
    quads = list(quads)
    if not quads:
        return
    from PIL import ImageDraw

    draw = ImageDraw.Draw(image)
    fill: Any = colour if colour is not None else _black(image)
    for quad in quads:
        draw.polygon([(round(x), round(y)) for x, y in quad], fill=fill, outline=fill)


def _black(image: Image) -> object:
    """Black in ``image``'s mode (in a palette image, its darkest colour)."""
    mode = image.mode
    if mode == "P":
        palette = image.getpalette() or [0, 0, 0]
        colours = [palette[i : i + 3] for i in range(0, len(palette) - 2, 3)]
        return min(range(len(colours)), key=lambda i: sum(colours[i]))
    if mode in ("1", "L", "I", "F", "I;16"):
        return 0
    if mode in ("LA", "La"):
        return (0, 255)
    if mode in ("RGBA", "RGBa", "CMYK"):
        return (0, 0, 0, 255)
    return (0, 0, 0)


def ocr_images(images: Iterable[tuple[int, str, Image]]) -> Iterator[OcrPage]:
    """Read each (number, label, image) of ``images`` in turn (one page in memory at a time).

    >>> from zfgk.documents._ocr import ocr_images
    >>> list(ocr_images([]))
    []
    """
    for number, label, image in images:
        yield ocr_image(image, number=number, label=label)


class _PagePool:
    """The processes that read pages while :func:`pages_in_parallel` is on: started on the
    first page sent (a block that reads no scan starts nothing), shut down at its end."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._executor: ProcessPoolExecutor | None = None

    def executor(self) -> ProcessPoolExecutor:
        if self._executor is None:
            # a fork server where there is one (never a fork of a process that may already
            # run the engine's threads), else spawned (zfgk._workers)
            self._executor = ProcessPoolExecutor(max_workers=self.jobs, mp_context=worker_context())
        return self._executor

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)


#: The pool of :func:`pages_in_parallel` while it is on.
_PAGE_POOL: ContextVar[_PagePool | None] = ContextVar("zfgk_page_pool", default=None)


@contextlib.contextmanager
def pages_in_parallel(jobs: int) -> Iterator[None]:
    """Within the block, the pages of a scan are read by OCR on ``jobs`` processes at once.

    Each process loads the engine once (about 900 MB at work on an A4 page)
    and reads one page at a time; the pages come back in their order, at
    most ``jobs`` of them in flight.  The processes start with the first
    scan of two pages or more (a block that reads none starts nothing) and
    stop at the end of the block.  ``zfgk scan FILE --jobs N`` reads a
    file's pages so.  ``jobs`` of 1 reads here, as without the block.  As
    with any pool of processes, a script that uses it on Windows or macOS
    guards its work with ``if __name__ == "__main__":``.

    >>> from zfgk.documents import pages_in_parallel
    >>> from zfgk.documents._ocr import ocr_each
    >>> with pages_in_parallel(2):
    ...     list(ocr_each([]))  # no page: no process is started
    []
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1 (given {jobs})")
    if jobs == 1:
        yield
        return
    pool = _PagePool(jobs)
    token = _PAGE_POOL.set(pool)
    try:
        yield
    finally:
        _PAGE_POOL.reset(token)
        pool.close()


def _read_page(image: Image, number: int, label: str | None, picture: int) -> OcrPage:
    return ocr_image(image, number=number, label=label, picture=picture)


def ocr_each(
    pages: Iterable[tuple[Image, int, str | None, int]],
) -> Generator[OcrPage, None, None]:
    """:func:`ocr_image` of each (image, number, label, picture) of ``pages``, in order.

    Here, one page after the other; within :func:`pages_in_parallel`, on its
    processes, a few pages ahead (a scan of one page is read here: starting
    the processes would cost more than it saves).  An error of ``pages``
    itself (a damaged frame) comes after the pages before it, as it does
    here; an error of the engine on a page comes in that page's place.

    >>> from zfgk.documents._ocr import ocr_each
    >>> list(ocr_each([]))
    []
    """
    pool = _PAGE_POOL.get()
    source = iter(pages)
    ahead: list[tuple[Image, int, str | None, int]] = []
    failure: Exception | None = None
    try:
        for _ in range(2 if pool is not None else 0):
            ahead.append(next(source))
    except StopIteration:
        pass
    except Exception as e:  # after the page before it, as one after the other
        failure = e
    if pool is None or len(ahead) < 2:
        for image, number, label, picture in itertools.chain(ahead, () if failure else source):
            yield ocr_image(image, number=number, label=label, picture=picture)
        if failure is not None:
            raise failure
        return
    executor, jobs = pool.executor(), pool.jobs
    first = iter(ahead)
    del ahead  # the first two pages are held by the futures only, once sent
    pending: deque[Future[OcrPage]] = deque()
    errors: list[Exception] = []
    try:
        for item in itertools.chain(first, _until_failure(source, errors)):
            image, number, label, picture = item
            del item
            pending.append(executor.submit(_read_page, image, number, label, picture))
            del image
            if len(pending) >= jobs:
                yield _done(pending.popleft())
        while pending:
            yield _done(pending.popleft())
    finally:
        for future in pending:  # stopped early, or an engine error: nothing more is read
            future.cancel()
    if errors:
        raise errors[0]


def _until_failure(source: Iterator[Any], errors: list[Exception]) -> Iterator[Any]:
    """The items of ``source`` up to its first error, which goes into ``errors``."""
    while True:
        try:
            yield next(source)
        except StopIteration:
            return
        except Exception as e:
            errors.append(e)
            return


def _done(future: Future[OcrPage]) -> OcrPage:
    page = future.result()
    page_read()  # the worker's own call told nobody: the progress line is here
    return page
