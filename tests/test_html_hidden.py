"""A page that hides part of a number (Word's hidden text, ``display:none``, ``hidden``):
the number a browser shows is found and masked.

Word's "Save as web page" writes hidden text as ``<span style='display:none;mso-hide:all'>``;
web editors write ``style="display:none"`` or the ``hidden`` attribute.  A browser leaves
such text out, so the digits around it join: before 0.9 zfgk read the page's text with the
hidden digit in place and called it clean.  The answers are hand-checked: the number as
the browser shows it (the hidden characters left out).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import page_found_and_masked, page_is_clean
from zfgk import scan_file

#: As Word 2016 saves a paragraph with hidden text ("Save as web page, filtered").
WORD_HIDDEN = (
    "<html><head><meta http-equiv=Content-Type content='text/html; charset=utf-8'></head>"
    "<body lang=ZH-CN><div class=WordSection1>\n"
    "<p class=MsoNormal>身份证号：110105<span style='display:none;mso-hide:all'>0</span>"
    "19491231002X</p>\n</div></body></html>\n"
)


@pytest.mark.parametrize(
    ("page", "kind", "masked"),
    [
        # (the page, what is found, the part of the masked page that shows the number)
        (
            WORD_HIDDEN,
            "id_number",
            "110105<span style='display:none;mso-hide:all'>0</span>********002X",
        ),
        (
            '<p>电话 1381234<span style="display: none">0</span>5678</p>',
            "phone",
            '138****<span style="display: none">0</span>5678',
        ),
        (
            "<p>电话 1381234<span hidden>0</span>5678</p>",
            "phone",
            "138****<span hidden>0</span>5678",
        ),
        (
            '<p>电话 139<span style="display:none !important">1<b>2</b></span>12345678</p>',
            "phone",
            '139<span style="display:none !important">1<b>2</b></span>****5678',
        ),
        (  # a hidden element holding another of its name
            "<p>电话 139<span hidden>1<span>2</span>3</span>12345678</p>",
            "phone",
            "139<span hidden>1<span>2</span>3</span>****5678",
        ),
        (  # a hidden line break breaks nothing, nor does a form's hidden field
            '<p>电话 1381234<br hidden>56<input type="hidden" name="id" value="7">78</p>',
            "phone",
            '138****<br hidden>56<input type="hidden" name="id" value="7">78',
        ),
        (  # after Google Tag Manager's hidden iframe and a hidden paragraph left open
            '<noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-X" '
            'height="0" width="0" style="display:none;visibility:hidden"></iframe></noscript>'
            "<p hidden>草稿<p>电话 1381234<span style=display:none>0</span>5678</p>",
            "phone",
            "138****<span style=display:none>0</span>5678",
        ),
        (  # under a phonetic guide: its pinyin is shown above the line, not in it
            "<p>电话 <ruby>138<rp>(</rp><rt>yāo sān bā</rt><rp>)</rp>12345678</ruby></p>",
            "phone",
            "<ruby>138<rp>(</rp><rt>yāo sān bā</rt><rp>)</rp>****5678</ruby>",
        ),
        (  # a word in a font of size 0
            '<p>电话 1381234<span style="font-size:0px">转</span>5678</p>',
            "phone",
            '138****<span style="font-size:0px">转</span>5678',
        ),
        (  # inside a wrapper that hides nothing (its overflow, a class only a stylesheet reads)
            '<div style="overflow: hidden !important" class="x hidden">电话 1381234'
            '<span style="display:none">0</span>5678</div>',
            "phone",
            '138****<span style="display:none">0</span>5678',
        ),
    ],
)
def test_a_number_a_hidden_element_splits_is_found_and_masked(
    tmp_path: Path, page: str, kind: str, masked: str
) -> None:
    assert masked in page_found_and_masked(tmp_path, page, [kind])


@pytest.mark.parametrize(
    "page",
    [
        # aria-hidden hides from screen readers only: the page shows 1381234 0 5678
        '<p>编号 1381234<span aria-hidden="true">0</span>5678</p>',
        # Word's own property: a browser shows the text (mso-hide without display:none)
        "<p>编号 1381234<span style='mso-hide:all'>0</span>5678</p>",
        # the word "hidden" in a class list or a title: shown
        '<p>编号 1381234<span class="x hidden">0</span>5678</p>',
        '<p>编号 1381234<span title="hidden">0</span>5678</p>',
        # nothing hidden: a contract number and a count
        "<p>合同 1381234-0-5678</p>",
    ],
)
def test_what_a_browser_does_not_join_is_not_reported(tmp_path: Path, page: str) -> None:
    assert page_is_clean(tmp_path, page)


def test_a_number_a_page_hides_whole_is_still_found(tmp_path: Path) -> None:
    # Hidden, it is still published: anyone who opens the page's source reads it.
    source = tmp_path / "page.html"
    source.write_text('<p>联系人<span style="display:none">13812345678</span></p>', "utf-8")
    assert [f.kind.value for f in scan_file(source).findings] == ["phone"]


@pytest.mark.parametrize(
    "page",
    [
        '<p>电话 1381234<span style="visibility:hidden">0</span>5678</p>',
        '<style>.x{visibility:hidden}</style><p>电话 138<span class="x">0</span>12345678</p>',
        '<p>电话 1381234<span style="visibility: collapse">0</span>5678</p>',
    ],
)
def test_a_gap_left_by_visibility_hidden_is_read_across(tmp_path: Path, page: str) -> None:
    # A browser keeps the hidden element's room: 1381234 5678 with a gap of one character,
    # which a person reads as the mobile number it is (as zfgk reads "138 1234 5678").
    masked = page_found_and_masked(tmp_path, page, ["phone"])
    assert "1381234" not in masked
    assert "12345678" not in masked
