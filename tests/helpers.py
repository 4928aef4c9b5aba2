"""What several test modules share: a page or a Word file masked as ``zfgk mask`` masks it,
and a page checked and masked whole."""

from __future__ import annotations

from pathlib import Path

from zfgk import find_pii
from zfgk.documents import read
from zfgk.files import Verdict, mask_file, scan_file
from zfgk.privacy import PiiMatch


def mask(source: Path, output: Path, *, mask_char: str = "*") -> tuple[PiiMatch, ...]:
    """``source`` (a page, a Word file) masked into ``output`` by :func:`zfgk.mask_file`;
    the numbers it held, as :func:`zfgk.find_pii` finds them in its text."""
    text = read(source).text
    mask_file(source, output, mask_char=mask_char, overwrite=True)
    return find_pii(text)


def page_found_and_masked(folder: Path, page: str, kinds: list[str]) -> str:
    """``page`` saved in ``folder``: its findings are of ``kinds`` (asserted), and what
    :func:`zfgk.mask_file` writes of it scans clean (asserted); the masked page's text."""
    source = folder / "公示.html"
    source.write_text(page, encoding="utf-8")
    assert [f.kind.value for f in scan_file(source).findings] == kinds
    out = folder / "公示-隐藏.html"
    mask_file(source, out)
    assert scan_file(out).verdict is Verdict.CLEAN
    return out.read_text(encoding="utf-8")


def page_is_clean(folder: Path, page: str) -> bool:
    """Whether ``page``, saved in ``folder``, scans clean."""
    source = folder / "page.html"
    source.write_text(page, encoding="utf-8")
    return scan_file(source).verdict is Verdict.CLEAN
