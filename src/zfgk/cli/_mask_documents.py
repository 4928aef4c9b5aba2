"""``zfgk mask`` of a web page or a .docx: every ID and mobile number hidden in place.

:func:`zfgk.cli.mask.run` hands its input here first; a table (CSV,
"Unicode text") is not a document and goes on to the table masking.  A PDF
is refused with :class:`~zfgk.documents.MaskUnsupportedError` (exit 2):
mask the document it was made from and export it again.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from zfgk.cli._common import ZfgkUsageError, tr
from zfgk.documents import DocumentFormat, format_of, mask
from zfgk.i18n import N_
from zfgk.model import PersonalKind

__all__ = ["mask_document"]


def mask_document(args: argparse.Namespace) -> int | None:
    """Mask ``args.input`` into ``args.output`` if it is a page, a .docx or a PDF; else ``None``.

    The input is told by its first bytes, then its name
    (:func:`zfgk.documents.format_of`).  The options that choose columns
    (``--item``, ``--names``, ``--phones``, ``--columns``) are for tables:
    with a document they are refused, as zfgk could not do what they ask.

    >>> import contextlib, pathlib, sys, tempfile
    >>> from zfgk.cli import parser
    >>> from zfgk.cli._mask_documents import mask_document
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.html").write_text("<p>138<b>1234</b>5678</p>", encoding="utf-8")
    >>> args = parser().parse_args(["mask", str(folder / "a.html"), "-o", str(folder / "b.html")])
    >>> with contextlib.redirect_stderr(sys.stdout):
    ...     mask_document(args)  # doctest: +ELLIPSIS
    zfgk mask: ...a.html: ID numbers masked: 0; mobile numbers masked: 1; wrote ...b.html
    0
    >>> (folder / "b.html").read_text(encoding="utf-8")
    '<p>138<b>****</b>5678</p>'
    """
    form = format_of(args.input)
    if form is None:
        return None
    chosen = [
        option
        for option, value in (
            ("--item", args.item),
            ("--names", args.names),
            ("--phones", args.phones),
            ("--columns", args.columns),
            ("--ignore", getattr(args, "ignore", None)),
        )
        if value
    ]
    if chosen and form is not DocumentFormat.PDF:
        raise ZfgkUsageError.of(
            N_(
                "{options}: for tables (CSV, workbooks); in a web page or a .docx zfgk masks "
                "every full ID number and mobile number, and cannot find names or fixed-line "
                "phones to hide"
            ),
            options=", ".join(chosen),
        )
    found = Counter(m.kind for m in mask(args.input, args.output, format=form))
    print(
        tr(
            "zfgk mask: {input}: ID numbers masked: {ids}; mobile numbers masked: {phones}; "
            "wrote {output}",
            input=args.input,
            ids=found[PersonalKind.ID_NUMBER],
            phones=found[PersonalKind.PHONE],
            output=args.output,
        ),
        file=sys.stderr,
    )
    return 0
