"""A page's stylesheet reading costs time in proportion to the page: end tags left out
(``<p>``), stray end tags, deep nesting, a ``<style`` never closed.

Each page here is a reviewer's denial-of-service case, scaled: the first stylesheet
reading (whose lookups walked every element still open, which never shrank when end tags
were left out, and whose ``<style`` pattern backtracked) took quadratic time on it.  Read
in linear time, four times the page costs about four times the work, not sixteen.  The work
is counted, not timed (the machines are shared): the lines of zfgk's page reader that run
(``sys.settrace``).  A regular expression's backtracking is no line a trace sees: the
``<style`` never closed, which took minutes, is read by a scan of its own now, its lines
counted as any.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from zfgk.documents._html import read_html

#: Each page, of ``n`` repeats.
PAGES: dict[str, Callable[[int], str]] = {
    "deep": lambda n: "<style>.q div{display:none}</style>" + "<div>" * n + "x" + "</div>" * n,
    "stray": lambda n: "<style>.a .b{display:none}</style>" + "<p>" * n + "</i>" * (2 * n),
    "unclosed_p": lambda n: (
        "<style>.art .x{display:none}</style><div class=art>"
        + "".join(f"<p>行{i} <span class=x>隐</span> 2023" for i in range(n))
    ),
    "style_open": lambda n: "<p>x</p>" + "<style a=b " * (20 * n),
    # a rule holding many nested ones; many rules that show again, many elements they weigh
    "nested": lambda n: (
        "<style>.p{color:red;"
        + "".join(f"& .x{i}{{display:none}}" for i in range(n))
        + "}</style>"
        + "".join(f"<p class=p>1<span class=x{i}>2</span>" for i in range(n))
    ),
    # many rules asking each an ancestor no element has, over many elements they may hide
    "ancestors_not_open": lambda n: (
        "<style>"
        + "".join(f".d{i} .x{{display:none}} .x.s{i}{{display:inline}}" for i in range(n))
        + "</style>"
        + "<div class=zz>" * n
        + "".join(f"<span class='x s0'>{i % 10}</span>" for i in range(n))
        + "</div>" * n
    ),
    "shown_again": lambda n: (
        "<style>.x{display:none}"
        + "".join(f".x.s{i}{{display:inline}}" for i in range(n))
        + "</style>"
        + "".join(f"<p>1<span class='x s{i}'>2</span>3" for i in range(n))
    ),
}


def _lines(page: str) -> int:
    """The lines of zfgk's page reader (``zfgk/documents``) run to read ``page``."""
    count = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if "documents" not in frame.f_code.co_filename:
            return None
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        read_html(Path("page.html"), page.encode())
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_page_is_read_in_linear_work(name: str) -> None:
    # four times the page: about four times the lines run (linear), not sixteen (quadratic)
    small, large = _lines(PAGES[name](300)), _lines(PAGES[name](1200))
    assert large < 6 * small


def test_an_after_text_shows_where_its_element_ends_if_its_end_tag_is_left_out() -> None:
    page = (
        "<style>.list li::after{content:'|'}</style><ul class=list>"
        "<li><a>通知1</a>\n<li>通知2<li>通知3</ul><p>尾</p>"
    )
    text, _ = read_html(Path("list.html"), page.encode())
    assert text == "通知1 |\n通知2|\n通知3|\n尾\n"
