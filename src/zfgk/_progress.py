"""Pages read by OCR, told to whoever asked: how a long command shows a sign of life (internal).

OCR takes seconds a page, and a scan has no rows to count: the readers call
:func:`page_read` after each page image the engine reads, and the command
line counts them (``zfgk.cli._common.count_pages``).  Here, below every
room, so that the command line need not import the readers to listen.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar

__all__ = ["page_read", "pages_read"]

#: What :func:`pages_read` asked to be told after each page image read by OCR.
_PAGE_READ: ContextVar[Callable[[], None] | None] = ContextVar("zfgk_page_read", default=None)


@contextlib.contextmanager
def pages_read(callback: Callable[[], None]) -> Iterator[None]:
    """Within the block, ``callback()`` after each page image read by OCR (in this context).

    >>> from zfgk._progress import page_read, pages_read
    >>> seen = []
    >>> with pages_read(lambda: seen.append("page")):
    ...     page_read()  # what the OCR reader calls after each page
    ...     page_read()
    >>> page_read()  # outside: nobody asked
    >>> seen
    ['page', 'page']
    """
    token = _PAGE_READ.set(callback)
    try:
        yield
    finally:
        _PAGE_READ.reset(token)


def page_read() -> None:
    """One more page image read by OCR: tell the callback of :func:`pages_read`, if any.

    >>> from zfgk._progress import page_read
    >>> page_read()  # nobody listening: nothing happens
    """
    told = _PAGE_READ.get()
    if told is not None:
        told()
