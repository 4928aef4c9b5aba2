"""A page's stylesheet reading costs time in proportion to the page: end tags left out
(``<p>``), stray end tags, deep nesting, a ``<style`` never closed.

Each page here is a reviewer's denial-of-service case, scaled: the reader of 0.9.1's first
stylesheet reading (whose lookups walked every element still open, which never shrank when
end tags were left out, and whose ``<style`` pattern backtracked) took quadratic time on
it.  Read in linear time, four times the page takes about four times as long, not sixteen
(the bound is generous, for a loaded machine).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

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
}


def _seconds(page: str) -> float:
    """The least time of three readings of ``page``."""
    times = []
    for _ in range(3):
        started = time.perf_counter()
        read_html(Path("page.html"), page.encode())
        times.append(time.perf_counter() - started)
    return min(times)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_page_is_read_in_linear_time(name: str) -> None:
    # four times the page: four times the time (linear), not sixteen (quadratic)
    small, large = _seconds(PAGES[name](500)), _seconds(PAGES[name](2000))
    assert large < 9 * small + 0.05


def test_an_after_text_shows_where_its_element_ends_if_its_end_tag_is_left_out() -> None:
    page = (
        "<style>.list li::after{content:'|'}</style><ul class=list>"
        "<li><a>通知1</a>\n<li>通知2<li>通知3</ul><p>尾</p>"
    )
    text, _ = read_html(Path("list.html"), page.encode())
    assert text == "通知1 |\n通知2|\n通知3|\n尾\n"
