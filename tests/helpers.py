"""What several test modules share: a page or a Word file masked as ``zfgk mask`` masks it."""

from __future__ import annotations

from pathlib import Path

from zfgk import find_pii
from zfgk.documents import read
from zfgk.files import mask_file
from zfgk.privacy import PiiMatch


def mask(source: Path, output: Path, *, mask_char: str = "*") -> tuple[PiiMatch, ...]:
    """``source`` (a page, a Word file) masked into ``output`` by :func:`zfgk.mask_file`;
    the numbers it held, as :func:`zfgk.find_pii` finds them in its text."""
    text = read(source).text
    mask_file(source, output, mask_char=mask_char, overwrite=True)
    return find_pii(text)
