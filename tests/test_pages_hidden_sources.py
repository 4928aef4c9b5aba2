"""A number a page publishes written another way: the page an ``<iframe srcdoc>`` shows,
and a script's string escapes (JSON-LD's ``\\u0031``).

``srcdoc`` is a page of its own, its markup written with entities (``&lt;p&gt;``): a browser
shows it in the frame, so it is read as a page (a number split by its own markup or by its
own hidden text is found).  A CMS's SEO plugin writes the office's contacts as JSON-LD,
where a JSON writer may escape any character: what a search engine reads is the characters
the escapes stand for.  The answers are hand-checked; each masked page rescans clean.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import page_found_and_masked, page_is_clean
from zfgk import scan_file


@pytest.mark.parametrize(
    ("page", "masked"),
    [
        # (the page, the part of the masked page that shows the number)
        (  # the number split by the frame page's own markup
            '<iframe srcdoc="<p>电话 138<b>1</b>2345678</p>"></iframe>',
            "138<b>*</b>***5678",
        ),
        (  # its markup and its hidden text written with entities, as an editor escapes them
            "<iframe srcdoc='&lt;p&gt;电话 1381234&lt;span style=&quot;display:none&quot;&gt;"
            "0&lt;/span&gt;5678&lt;/p&gt;'></iframe>",
            "138****&lt;span style=&quot;display:none&quot;&gt;0&lt;/span&gt;5678",
        ),
        (  # a digit as a reference, escaped once more for the attribute
            '<iframe srcdoc="&lt;p&gt;电话 138&amp;#49;2345678"></iframe>',
            "138****5678",
        ),
        (  # a frame in the frame's page
            '<iframe srcdoc="&lt;iframe srcdoc=&quot;&amp;lt;p&amp;gt;138&amp;lt;b&amp;gt;1'
            '&amp;lt;/b&amp;gt;2345678&quot;&gt;"></iframe>',
            "138&amp;lt;b&amp;gt;*&amp;lt;/b&amp;gt;***5678",
        ),
        (  # JSON-LD, each digit escaped or some
            '<script type="application/ld+json">{"@type":"GovernmentOrganization",'
            '"telephone":"\\u0031\\u0033\\u00381234\\u0035678"}</script><p>联系我们</p>',
            '"telephone":"\\u0031\\u0033\\u0038****\\u0035678"',
        ),
        (  # a script's string, its escapes as JavaScript writes them
            '<script>var contact = "\\x31\\x33\\x3812345678";</script><p>联系我们</p>',
            '"\\x31\\x33\\x38****5678"',
        ),
    ],
)
def test_a_number_written_another_way_is_found_and_masked(
    tmp_path: Path, page: str, masked: str
) -> None:
    assert masked in page_found_and_masked(tmp_path, page, ["phone"])


@pytest.mark.parametrize(
    "page",
    [
        # a CMS's JSON-LD: what must be published, and an escaped path of digits
        '<script type="application/ld+json">{"name":"\\u4f4f\\u623f\\u4fdd\\u969c\\u79d1",'
        '"telephone":"023-63612345","taxID":"91500000MA5U7A1234",'
        '"url":"http:\\/\\/example.gov.cn\\/2024\\/0105\\/12345678901234.html"}</script><p>x</p>',
        # a frame's page that splits nothing: a credit code, a landline, an amount
        '<iframe srcdoc="&lt;p&gt;统一社会信用代码 91500000MA5U7A1234，电话 023-63612345，'
        '金额 12345678.90 元&lt;/p&gt;"></iframe>',
    ],
)
def test_what_must_be_published_stays_clean(tmp_path: Path, page: str) -> None:
    assert page_is_clean(tmp_path, page)


def test_a_frame_s_number_is_placed_on_the_line_of_its_attribute(tmp_path: Path) -> None:
    source = tmp_path / "page.html"
    source.write_text('<p>联系方式</p>\n\n<iframe srcdoc="<p>138<b>1</b>2345678">', "utf-8")
    assert [str(f.location) for f in scan_file(source).findings] == ["line 3"]
