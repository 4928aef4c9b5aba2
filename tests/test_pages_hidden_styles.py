"""A page that hides part of a number by a rule of its stylesheet, or by a hidden block
inside a line: the number a browser shows is found and masked.

``<style>.x{display:none}</style> … 138<span class="x">0</span>12345678``: a browser leaves
the span out and shows 13812345678; before 0.9.1 zfgk read only an element's own ``style``
and called the page clean.  Word's "Save as web page" writes a hidden character style so
(``span.hid{mso-style-name:隐藏;display:none;mso-hide:all}`` in a ``<style>`` wrapped in
``<!-- -->``).  A rule zfgk cannot weigh whole (an ancestor, a pseudo-class, a ``@media``
condition) is taken as hiding: the page is read both ways, so the number is found whether
the browser hides the span or not.  The answers are hand-checked: the number a browser
shows, with the hidden characters left out.
"""

from __future__ import annotations

import quopri
import shutil
from pathlib import Path

import pytest

from tests.helpers import page_found_and_masked, page_is_clean
from zfgk import mask_file, scan_file
from zfgk.files import Verdict

#: As Word saves a paragraph whose 0 has the hidden character style 隐藏 ("Save as web page,
#: filtered": the stylesheet in a comment, font and page rules around the style rules).
WORD_STYLE_HIDDEN = """<html>
<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=Generator content="Microsoft Word 15 (filtered)">
<style>
<!--
 /* Font Definitions */
 @font-face
	{font-family:等线;
	panose-1:2 1 6 0 3 1 1 1 1 1;}
 /* Style Definitions */
 p.MsoNormal, li.MsoNormal, div.MsoNormal
	{margin:0cm;
	text-align:justify;
	text-justify:inter-ideograph;
	font-size:10.5pt;
	font-family:等线;}
span.a
	{mso-style-name:隐藏;
	display:none;}
 /* Page Definitions */
 @page WordSection1
	{size:595.3pt 841.9pt;
	margin:72.0pt 90.0pt 72.0pt 90.0pt;}
div.WordSection1
	{page:WordSection1;}
-->
</style>
</head>
<body lang=ZH-CN style='word-wrap:break-word'>
<div class=WordSection1>
<p class=MsoNormal>联系电话：<span lang=EN-US>1381234<span class=a>0</span>5678</span></p>
</div>
</body>
</html>
"""


@pytest.mark.parametrize(
    ("page", "masked"),
    [
        # (the page, the part of the masked page that shows the number)
        (WORD_STYLE_HIDDEN, "138****<span class=a>0</span>5678"),
        (
            '<style>.x{display:none}</style><p>电话 138<span class="x">0</span>12345678</p>',
            '138<span class="x">0</span>****5678',
        ),
        (  # by its id
            "<style>#n{display:none}</style><p>电话 138<span id=n>0</span>12345678</p>",
            "138<span id=n>0</span>****5678",
        ),
        (  # by tag and class, the element having another class too
            '<style>span.x{display:none}</style><p>电话 138<span class="y x">0</span>12345678</p>',
            '138<span class="y x">0</span>****5678',
        ),
        (  # in a list of selectors, with !important
            "<style>a, .x {color:red; display : none !important}</style>"
            '<p>电话 138<span class="x">0</span>12345678</p>',
            '138<span class="x">0</span>****5678',
        ),
        (  # a font size of 0
            "<style>.x{font-size:0}</style><p>电话 138<span class=x>转</span>12345678</p>",
            "138<span class=x>转</span>****5678",
        ),
        (  # a style at the end of the page, comments inside it
            '<p>电话 138<span class="x">0</span>12345678</p>'
            "<style>/* 隐藏 */ .x /* c */ { display: /* c */ none }</style>",
            '138<span class="x">0</span>****5678',
        ),
        (  # a rule of a child: its parent read, the pseudo-class not weighed (it may hide)
            "<style>div.a > span.x:first-child{display:none}</style>"
            '<div class=a>电话 138<span class="x">0</span>12345678</div>',
            '138<span class="x">0</span>****5678',
        ),
        (  # of a descendant, the sibling's condition not weighed
            "<style>.a + .b td .x{display:none}</style><div class=b><table><tr><td>"
            "<p>电话 138<span class=x>0</span>12345678</p></td></tr></table></div>",
            "138<span class=x>0</span>****5678",
        ),
        (  # of any child
            "<style>.x > *{display:none}</style><p class=x>电话 138<b>0</b>12345678</p>",
            "138<b>0</b>****5678",
        ),
        (
            "<style>@media screen { .x{display:none} }</style>"
            '<p>电话 138<span class="x">0</span>12345678</p>',
            '138<span class="x">0</span>****5678',
        ),
        (  # by an attribute, as normalize.css hides [hidden]
            "<style>[data-h]{display:none}</style><p>电话 138<span data-h>0</span>12345678</p>",
            "138<span data-h>0</span>****5678",
        ),
        (  # out of the line: Bootstrap's text for screen readers only, put off the page
            "<style>.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;"
            "clip:rect(0,0,0,0)}</style><p>电话 138<span class=sr-only>号码</span>12345678</p>",
            "138<span class=sr-only>号码</span>****5678",
        ),
        (
            '<p>电话 138<span style="position:absolute;left:-9999px">0</span>12345678</p>',
            '138<span style="position:absolute;left:-9999px">0</span>****5678',
        ),
        (  # a class named in capitals: a page without a doctype matches it all the same
            "<style>.Hid{display:none}</style><p>电话 138<span class=HID>0</span>12345678</p>",
            "138<span class=HID>0</span>****5678",
        ),
    ],
)
def test_a_number_a_stylesheet_splits_is_found_and_masked(
    tmp_path: Path, page: str, masked: str
) -> None:
    assert masked in page_found_and_masked(tmp_path, page, ["phone"])


@pytest.mark.parametrize(
    "page",
    [
        # a rule for a pseudo-element hides that box, not the span's own text
        '<style>.x::before{display:none}</style><p>编号 138<span class="x">0</span>12345678</p>',
        # a relative position keeps the element in its line; mso-hide is Word's, not a browser's
        '<p>编号 138<span style="position:relative;top:1px">0</span>12345678</p>',
        '<style>.x{mso-hide:all}</style><p>编号 138<span class="x">0</span>12345678</p>',
        # another class; declarations of a font face and a keyframe are no rule for elements
        '<style>.x{display:none}</style><p>编号 138<span class="xy">0</span>12345678</p>',
        "<style>@keyframes k{from{display:none}} @font-face{font-family:x;display:none}</style>"
        '<p>编号 138<span class="from">0</span>12345678</p>',
        # a rule for an element inside another, where it is not inside it
        "<style>div.a > span.x{display:none}</style>"
        '<p>编号 138<span class="x">0</span>12345678</p><div class=a><span class=x>y</span></div>',
        "<style>td .x{display:none}</style><p>编号 138<span class=x>0</span>12345678</p>",
        "<style>.y > *{display:none}</style><p class=x>编号 138<b>0</b>12345678</p>",
        # the hiding rule is in the page's text, not in a stylesheet
        '<p>.x{display:none}</p><p>编号 138<span class="x">0</span>12345678</p>',
    ],
)
def test_what_a_stylesheet_does_not_hide_is_not_joined(tmp_path: Path, page: str) -> None:
    assert page_is_clean(tmp_path, page)


#: A CMS's page: a stylesheet like normalize.css and Bootstrap's hiding what it does not show,
#: and what must be published (a credit code, a landline, dates, amounts) in inline elements.
CMS_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<style>
[hidden], template { display: none; }
.d-none { display: none !important; }
@media (max-width: 767px) { .hidden-xs { display: none !important; } }
.dropdown-menu { display: none; position: absolute; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; }
</style></head><body>
<nav><ul><li><a href="/">首页</a><ul class="dropdown-menu"><li><a href="/a">通知公告</a></li></ul></li></ul></nav>
<div class="article"><p>统一社会信用代码：<span>91500000</span><span class="d-none">-</span><span>MA5U7A1234</span></p>
<p>咨询电话：023-<span class="hidden-xs">6361</span>2345，发布日期 2024<span hidden>年</span>0105</p>
<p><span class="sr-only">当前位置</span>金额 <b>12345678</b><span class="d-none">.</span><b>90</b> 元</p>
</div></body></html>
"""


def test_an_ordinary_cms_page_with_a_stylesheet_stays_clean(tmp_path: Path) -> None:
    source = tmp_path / "通知.html"
    source.write_text(CMS_PAGE, encoding="utf-8")
    assert scan_file(source).verdict is Verdict.CLEAN


@pytest.mark.parametrize(
    ("page", "masked"),
    [
        # a block a browser does not render breaks no line: the text around it joins
        (
            '<table><tr><td><span>电话 138<div style="display:none">0</div>12345678</span></td></tr>'
            "</table>",
            '138<div style="display:none">0</div>****5678',
        ),
        (  # holding blocks of its own
            "<div>电话 138<div hidden><p>备注</p><p>见附件</p></div>12345678</div>",
            "138<div hidden><p>备注</p><p>见附件</p></div>****5678",
        ),
        (  # a hidden list, its items' end tags left out
            '<ul><li>电话 138<ul style="display:none"><li>0<li>1</ul>12345678</ul>',
            '138<ul style="display:none"><li>0<li>1</ul>****5678',
        ),
        (  # by a stylesheet
            "<style>div.x{display:none}</style><div>电话 1381234<div class=x>备注</div>5678</div>",
            "138****<div class=x>备注</div>5678",
        ),
        (  # two, one after the other
            "<div>电话 138<div hidden>0</div><div hidden>1</div>12345678</div>",
            "138<div hidden>0</div><div hidden>1</div>****5678",
        ),
        (  # holding a table
            "<table><tr><td><span>电话 138<div hidden><table><tr><td>0</td></tr></table></div>"
            "12345678</span></td></tr></table>",
            "</table></div>****5678</span>",
        ),
    ],
)
def test_a_number_a_hidden_block_splits_is_found_and_masked(
    tmp_path: Path, page: str, masked: str
) -> None:
    assert masked in page_found_and_masked(tmp_path, page, ["phone"])


@pytest.mark.parametrize(
    "page",
    [
        # a block ends the paragraph it starts in, hidden or not: 138 and 12345678 are two lines
        '<p>编号 138<div style="display:none">0</div>12345678</p>',
        "<p>编号 138<p hidden>0</p>12345678",
        # a hidden paragraph its next one ends: what follows is shown on its own line
        "<div>编号 138<p hidden>备注<p>12345678</p></div>",
        # after a hidden block, a block, a line break, a row, a cell break the line
        "<div>编号 138<div hidden>0</div></div><div>12345678</div>",
        "<div>编号 138<div hidden>0</div><p>12345678</p></div>",
        "<div>编号 138<div hidden>0</div><br>12345678</div>",
        "<table><tr><td>编号 138<div hidden>0</div></td></tr><tr><td>12345678</td></tr></table>",
        # a hidden block left open in a cell: the cell's end ends it
        "<table><tr><td>编号 138<div hidden>备注</td><td>12345678</td></tr></table>",
        "<table><tr><td>编号 138<div hidden>备注<td>12345678</td></tr></table>",
    ],
)
def test_a_hidden_block_that_a_browser_breaks_around_joins_nothing(
    tmp_path: Path, page: str
) -> None:
    assert page_is_clean(tmp_path, page)


@pytest.mark.parametrize(
    ("page", "masked"),
    [
        # (the page, the part of the masked page that shows the number): a browser shows a
        # ::before or ::after rule's content string at its element, the number joined
        (
            '<style>.x::before{content:"1381234"}</style><p>电话 <span class="x">5678</span></p>',
            '.x::before{content:"138****"}',
        ),
        (
            "<style>.x:after{content:'5678'}</style><p>电话 <span class=x>1381234</span></p>",
            "<span class=x>138****</span>",
        ),
        (  # a CSS escape of a digit
            '<style>span.t::before{content:"\\31 38"}</style><p>电话 <span class=t>12345678</span></p>',
            "<span class=t>****5678</span>",
        ),
        (  # the element's ::after, after what its children show
            "<style>p.x::after{content:'78'}</style><p class=x>电话 <b>1381234</b>56</p>",
            "<b>138****</b>56",
        ),
    ],
)
def test_a_number_a_stylesheet_s_content_completes_is_found_and_masked(
    tmp_path: Path, page: str, masked: str
) -> None:
    assert masked in page_found_and_masked(tmp_path, page, ["phone"])


def test_a_stylesheet_s_icons_and_bullets_join_nothing(tmp_path: Path) -> None:
    source = tmp_path / "page.html"
    source.write_text(
        '<style>.icon-phone::before{content:"\\e600"} li::before{content:"• "}'
        ' .n::after{content:"号"}</style><ul><li><i class="icon-phone"></i>023-63612345</li>'
        "<li>信用代码 91500000MA5U7A1234</li><li>第<span class=n>2024</span>0105</li></ul>",
        encoding="utf-8",
    )
    assert scan_file(source).verdict is Verdict.CLEAN


def test_word_s_single_file_web_page_hides_by_its_stylesheet_too(tmp_path: Path) -> None:
    # Word's "Single File Web Page" (.mht): the same page, quoted-printable in GB2312
    body = quopri.encodestring(WORD_STYLE_HIDDEN.replace("utf-8", "gb2312").encode("gb2312"))
    path = tmp_path / "公示.mht"
    path.write_bytes(
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart_01"\r\n'
        b"\r\nThis document is a Single File Web Page, also known as a Web Archive file.\r\n\r\n"
        b"------=_NextPart_01\r\nContent-Location: file:///C:/D6F0/file.htm\r\n"
        b'Content-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset="gb2312"'
        b"\r\n\r\n" + body.replace(b"\n", b"\r\n") + b"\r\n\r\n------=_NextPart_01--\r\n"
    )
    assert [f.kind.value for f in scan_file(path).findings] == ["phone"]
    out = tmp_path / "公示-隐藏.mht"
    mask_file(path, out)
    assert scan_file(out).verdict is Verdict.CLEAN


DATA = Path(__file__).parent / "data" / "pages-hidden"


@pytest.mark.parametrize("name", ["styles.xhtml", "styles.html"])
def test_libreoffice_s_pages_of_a_document_with_hidden_styles(tmp_path: Path, name: str) -> None:
    # LibreOffice's XHTML hides by class rules (.隐藏 { display:none; }), its HTML by each
    # element's style (tools/make_page_hidden_fixtures.py).  A browser shows 联系电话：
    # 13812345678, 备用电话：13912345678 and 身份证号：11010519491231002X (号 inside a span of
    # the hiding class: display:none hides what it holds, whatever that says); the hidden
    # paragraph 咨询电话：158转95116928 holds no number; 023-63612345 is a landline.
    source = tmp_path / name
    shutil.copy(DATA / name, source)
    assert [f.kind.value for f in scan_file(source).findings] == ["phone", "phone", "id_number"]
    out = tmp_path / f"masked-{name}"
    mask_file(source, out)
    assert scan_file(out).verdict is Verdict.CLEAN
    masked = out.read_text(encoding="utf-8")
    for published in ("023-63612345", "1234.56", "95116928"):  # (the last: hidden whole)
        assert published in masked
