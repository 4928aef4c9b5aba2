"""HTML pages read as a browser shows them, and masked in place (zfgk.documents).

The numbers are invented but valid (MOD 11-2 check digit), from Faker's
zh_CN ``ssn()``; the expected findings and masked bytes are written out by
hand from the pages.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zfgk import find_pii, redact
from zfgk.documents import DocumentError, read
from zfgk.errors import InputError, OutputError
from zfgk.formats import Family, Kind, kind_of
from zfgk.privacy import strip_separators

from .helpers import mask


def format_of(path: Path) -> Kind | None:
    """The kind of a document, None for a table or a workbook."""
    kind = kind_of(path)
    return kind if kind.family is Family.DOCUMENT else None


DocumentFormat = Kind

DATA = Path(__file__).parent / "data" / "documents"


def found(path: Path) -> list[tuple[str, str, int | None]]:
    """(kind, the number's significant characters, source line) of each finding."""
    doc = read(path)
    return [
        (m.kind.value, strip_separators(doc.text[m.start : m.end]), doc.locate(m.start).line)
        for m in find_pii(doc.text)
    ]


def page(tmp_path: Path, markup: str, name: str = "page.html", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(markup.encode(encoding))
    return path


# ------------------------------------------------------------ the issue's page

ISSUE_PAGE = (
    "<table><tr><td>张三</td>\n"
    "<td><span lang=EN-US>500103</span><span lang=EN-US>1990</span><span>03071239</span></td>\n"
    "</tr><tr><td>李四</td>\n"
    "<td>&#53;00103199003071239</td>\n"
    "</tr><tr><td>王五</td>\n"
    "<td>500103&nbsp;19900307&nbsp;1239</td>\n"
    "<td>138<span>1234</span>5678</td></tr></table>\n"
)


def test_the_issues_page_shows_three_id_numbers_and_a_mobile(tmp_path: Path) -> None:
    assert found(page(tmp_path, ISSUE_PAGE)) == [
        ("id_number", "500103199003071239", 2),
        ("id_number", "500103199003071239", 4),
        ("id_number", "500103199003071239", 6),
        ("phone", "13812345678", 7),
    ]


SMALL = (
    "<html><head><meta charset=utf-8><title>公示</title></head><body>\r\n"
    "<p>张三 <span lang=EN-US>500103</span><span lang=EN-US>1990</span><span>03071239</span></p>\r\n"
    "<p>&#53;00103199003071239</p>\r\n"
    "<p>500103&nbsp;19900307&nbsp;1239</p>\r\n"
    "<p>手机 138<span>1234</span>5678 或 &#49;&#51;8&#x31;2345678</p>\r\n"
    "<p>办公室 023-63612345，房号 3-2-201</p>\r\n"
    "</body></html>\r\n"
)
SMALL_MASKED = (
    "<html><head><meta charset=utf-8><title>公示</title></head><body>\r\n"
    "<p>张三 <span lang=EN-US>500103</span><span lang=EN-US>****</span><span>****1239</span></p>\r\n"
    "<p>&#53;00103********1239</p>\r\n"
    "<p>500103&nbsp;********&nbsp;1239</p>\r\n"
    "<p>手机 138<span>****</span>5678 或 &#49;&#51;8****5678</p>\r\n"
    "<p>办公室 023-63612345，房号 3-2-201</p>\r\n"
    "</body></html>\r\n"
)


def test_mask_writes_the_same_markup_with_each_digit_hidden_where_it_sits(tmp_path: Path) -> None:
    source = page(tmp_path, SMALL)
    matches = mask(source, tmp_path / "out.html")
    assert [m.kind.value for m in matches] == ["id_number"] * 3 + ["phone"] * 2
    assert (tmp_path / "out.html").read_bytes() == SMALL_MASKED.encode("utf-8")
    assert source.read_bytes() == SMALL.encode("utf-8")


def test_mask_char_is_written_as_a_reference_where_the_encoding_lacks_it(tmp_path: Path) -> None:
    source = page(tmp_path, "<meta charset=iso-8859-1><p>13812345678</p>", encoding="cp1252")
    mask(source, tmp_path / "out.html", mask_char="＊")
    assert (tmp_path / "out.html").read_bytes() == (
        b"<meta charset=iso-8859-1><p>138&#65290;&#65290;&#65290;&#65290;5678</p>"
    )


def test_masking_a_page_in_place_replaces_it(tmp_path: Path) -> None:
    source = page(tmp_path, "<p>138<b>1234</b>5678</p>")
    mask(source, source)
    assert source.read_text(encoding="utf-8") == "<p>138<b>****</b>5678</p>"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


# ------------------------------------------------------- what joins, what splits

INLINE = "span font b strong i em u sup sub a small big o:p label abbr st1:chsdate s strike code"


@pytest.mark.parametrize("tag", INLINE.split())
def test_inline_elements_do_not_split_a_number(tmp_path: Path, tag: str) -> None:
    path = page(tmp_path, f"<p>手机138<{tag} class=x>1234</{tag}>5678</p>")
    assert found(path) == [("phone", "13812345678", 1)]


@pytest.mark.parametrize(
    "between",
    [
        "<!-- 注释 -->",
        "<![if !supportLists]>",
        "<![endif]>",
        "<!--[if !supportLists]-->",
        "<o:p></o:p>",
    ],
)
def test_comments_and_words_conditional_marks_do_not_split(tmp_path: Path, between: str) -> None:
    path = page(tmp_path, f"<p>手机138{between}12345678</p>")
    assert found(path)[0] == ("phone", "13812345678", 1)


@pytest.mark.parametrize(
    "markup",
    [
        "<p>138</p><p>12345678</p>",
        "<div>138</div>12345678",
        "<td>138</td><td>12345678</td>",
        "<th>138</th><th>12345678</th>",
        "<li>138<li>12345678",
        "138<br>12345678",
        "138<br/>12345678",
        "<h1>138</h1>12345678",
        "<tr><td>138</tr><tr><td>12345678",
    ],
)
def test_block_and_cell_boundaries_split(tmp_path: Path, markup: str) -> None:
    path = page(tmp_path, markup)
    assert found(path) == []
    assert "\n" in read(path).text


def test_script_and_style_are_not_text(tmp_path: Path) -> None:
    path = page(
        tmp_path,
        "<p>138<script>var a = '<p>';</script>1234<style>p{x:1}</style>5678</p>",
    )
    assert read(path).text == "13812345678\n"


def test_a_number_the_page_publishes_without_showing_it_is_found_and_masked(
    tmp_path: Path,
) -> None:
    markup = (
        "<p><a href='tel:13812345678' title=\"证件 11010519491231002X\">电话</a></p>\n"
        "<!-- 13912345678 -->\n<script>\nvar id = '500103199003071239';\n</script>"
    )
    path = page(tmp_path, markup)
    assert found(path) == [
        ("phone", "13812345678", 1),
        ("id_number", "11010519491231002X", 1),
        ("phone", "13912345678", 2),
        ("id_number", "500103199003071239", 4),
    ]
    assert read(path).text.startswith("电话\n")
    mask(path, tmp_path / "out.html")
    assert (tmp_path / "out.html").read_text(encoding="utf-8") == (
        "<p><a href='tel:138****5678' title=\"证件 110105********002X\">电话</a></p>\n"
        "<!-- 139****5678 -->\n<script>\nvar id = '500103********1239';\n</script>"
    )


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("&#53;&#x35;&#X35;&nbsp;&amp;&lt;&gt;&quot;&copy;", '555\xa0&<>"©'),
        ("&nbsp1&amp", "\xa01&"),  # legacy references without their semicolon
        ("&#0;&#128;&#xD800;&nosuch;&#;&", "\ufffd€\ufffd&nosuch;&#;&"),
        ("a \t\r\n b", "a b"),
        ("<pre>a\n  b</pre>", "a\n  b\n"),
        ("<textarea>x<b>&lt;</textarea>", "x<b><\n"),
    ],
)
def test_entities_and_white_space_as_a_browser_shows_them(
    tmp_path: Path, markup: str, text: str
) -> None:
    assert read(page(tmp_path, markup)).text == text


# --------------------------------------------------- pages as Word and CMSs make

WORD_PAGE = DATA / "word_page.htm"


def test_a_word_web_page_in_gb2312() -> None:
    assert found(WORD_PAGE) == [
        ("id_number", "500103199003071239", 102),
        ("phone", "13812345678", 103),
        ("id_number", "430482196401255682", 108),
        ("phone", "15965849294", 109),
        ("id_number", "130801194803078184", 114),
        ("phone", "17016019667", 115),
        ("id_number", "330603199904096543", 120),
        ("phone", "19370779187", 121),
    ]
    text = read(WORD_PAGE).text
    assert text.startswith("2023年第一批公共租赁住房分配结果公示\n一、\xa0\xa0\xa0\xa0 公示期：")
    assert "监督电话：023-63612345。\n序号\n姓名\n身份证号\n联系电话\n1\n张三\n" in text


def test_masking_a_word_web_page_changes_only_the_hidden_digits(tmp_path: Path) -> None:
    out = tmp_path / "out.htm"
    mask(WORD_PAGE, out)
    original = WORD_PAGE.read_bytes()
    expected = original
    for before, after in [
        (
            b"<span lang=EN-US>1990</span><span>03071239",
            b"<span lang=EN-US>****</span><span>****1239",
        ),
        (b"138<span>1234</span>5678", b"138<span>****</span>5678"),
        (b"&#52;30482196401255682", b"&#52;30482********5682"),
        (
            b"159 6584<span style='mso-spacerun:yes'>&nbsp;</span>9294",
            b"159 ****<span style='mso-spacerun:yes'>&nbsp;</span>9294",
        ),
        (b"130801&nbsp;19480307&nbsp;8184", b"130801&nbsp;********&nbsp;8184"),
        (b"170-1601-9667", b"170-****-9667"),
        (b"33060319990409654<b>3</b>", b"330603********654<b>3</b>"),
        (b"&#x31;9370779187", b"&#x31;93****9187"),
    ]:
        assert expected.count(before) == 1
        expected = expected.replace(before, after)
    assert out.read_bytes() == expected
    assert find_pii(read(out).text) == ()


CMS_PAGE = DATA / "cms_page.html"


def test_a_cms_editor_page() -> None:
    assert found(CMS_PAGE) == [
        ("id_number", "441283199809187611", 29),
        ("phone", "15803107671", 29),
        ("id_number", "341323194911159820", 30),
        ("id_number", "210522199607027185", 31),
        ("id_number", "63022419470727162X", 35),
        ("phone", "13276427744", 35),
        ("id_number", "530701194804204276", 36),
        ("phone", "15126471397", 39),  # href="tel:…"
        ("phone", "13469409895", 40),  # an editor's comment
    ]


def test_masking_a_cms_page_leaves_nothing_and_changes_nothing_else(tmp_path: Path) -> None:
    out = tmp_path / "out.html"
    mask(CMS_PAGE, out)
    before = CMS_PAGE.read_text(encoding="utf-8")
    after = out.read_text(encoding="utf-8")
    assert find_pii(read(out).text) == ()
    assert len(after) == len(before)
    changed = [k for k in range(len(before)) if before[k] != after[k]]
    assert {after[k] for k in changed} == {"*"}
    assert {before[k] for k in changed} <= set("0123456789０１２３４５６７８９")
    assert len(changed) == 5 * 8 + 4 * 4  # 5 ID numbers, 4 mobiles


# ---------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("prefix", "encoding", "declaration"),
    [
        (b"", "gb18030", "<meta http-equiv=Content-Type content='text/html; charset=gbk'>"),
        (b"", "gb18030", ""),  # undeclared, not UTF-8: GB18030
        (codecs.BOM_UTF8, "utf-8", ""),
        (codecs.BOM_UTF16_LE, "utf-16-le", ""),
        (codecs.BOM_UTF16_BE, "utf-16-be", "<meta charset=gb2312>"),  # the BOM wins
        (b"", "big5", "<meta charset=big5>"),
    ],
)
def test_encodings(tmp_path: Path, prefix: bytes, encoding: str, declaration: str) -> None:
    markup = f"{declaration}<p>張三 138<span>1234</span>5678</p>"
    path = tmp_path / "page.htm"
    path.write_bytes(prefix + markup.encode(encoding))
    assert read(path).text == "張三 13812345678\n"
    mask(path, tmp_path / "out.htm")
    masked = markup.replace("1234<", "****<")
    assert (tmp_path / "out.htm").read_bytes() == prefix + masked.encode(encoding)


def test_bytes_no_encoding_reads_are_kept(tmp_path: Path) -> None:
    data = b"<p>\xff\xfe\x80 13812345678 \x81</p>"
    path = tmp_path / "page.html"
    path.write_bytes(data)
    mask(path, tmp_path / "out.html")
    assert (tmp_path / "out.html").read_bytes() == data.replace(b"1234", b"****", 1)


# ------------------------------------------------------- malformed and errors


@pytest.mark.parametrize(
    "markup",
    [
        "<p>138<span",
        "<p title='13812345678>x</p>",
        "<!-- never closed 13812345678",
        "<script>13812345678",
        "</>< p>1<2 && 3>2</ p></unknown x='>'>",
        "<!DOCTYPE html><?php echo 1; ?><![CDATA[x]]>",
        "<<<>>>&&&;;;</</<!",
        "",
    ],
)
def test_malformed_markup_never_crashes(tmp_path: Path, markup: str) -> None:
    path = page(tmp_path, markup)
    doc = read(path)
    doc.write(tmp_path / "same.html", doc.text)
    assert (tmp_path / "same.html").read_bytes() == path.read_bytes()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<",
                ">",
                "/",
                "!",
                "-",
                "&",
                "#",
                ";",
                "'",
                '"',
                "=",
                " ",
                "\n",
                "p",
                "b",
                "x3",
                "span",
                "script",
                "<td>",
                "</td>",
                "<!--",
                "-->",
                "&nbsp;",
                "&#53;",
                "138",
                "1234",
                "5678",
                "1",
                "张",
            ]
        ),
        max_size=60,
    )
)
def test_any_markup_reads_and_writes_back(tokens: list[str]) -> None:
    import tempfile

    folder = Path(tempfile.mkdtemp())
    source = folder / "p.html"
    source.write_text("".join(tokens), encoding="utf-8")
    doc = read(source)
    masked = redact(doc.text)
    doc.write(folder / "out.html", masked)
    assert read(folder / "out.html").text == masked


def test_a_text_of_another_length_cannot_be_written(tmp_path: Path) -> None:
    doc = read(page(tmp_path, "<p>x</p>"))
    with pytest.raises(DocumentError, match="same length"):
        doc.write(tmp_path / "out.html", doc.text + "y")


def test_an_unwritable_output_leaves_nothing(tmp_path: Path) -> None:
    source = page(tmp_path, "<p>13812345678</p>")
    with pytest.raises(OutputError, match="cannot write"):
        mask(source, tmp_path / "no such folder" / "out.html")
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_what_is_not_a_document(tmp_path: Path) -> None:
    assert format_of(page(tmp_path, "姓名,身份证号\n张三,1\n", "list.csv")) is None
    assert (
        format_of(page(tmp_path, "  <!doctype HTML>\n<html>", "export.txt")) is DocumentFormat.HTML
    )
    table = read(tmp_path / "list.csv")  # a table reads as a sheet, not a text
    assert table.texts == []
    assert [s.name for s in table.sheets()] == [None]
    with pytest.raises(InputError, match="cannot read the file"):
        read(tmp_path / "missing.html")


PARAGRAPH = "申请人张三，身份证号 500103199003071239，电话 138-1234-5678，房号 3-2-201"


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=12),
            st.sampled_from(["span", "font", "b", "o:p", "!--x--", "entity", "nbsp"]),
        ),
        max_size=20,
    )
)
def test_a_paragraph_split_by_any_inline_markup_reads_whole_and_masks_as_redact(
    cuts: list[tuple[int, str]],
) -> None:
    import tempfile

    folder = Path(tempfile.mkdtemp())
    markup, position = [], 0
    for size, how in cuts:
        piece = PARAGRAPH[position : position + size]
        position += size
        if how == "entity":
            markup.append("".join(f"&#{ord(ch)};" for ch in piece))
        elif how == "nbsp":
            markup.append(piece.replace(" ", "&nbsp;"))
        elif how.startswith("!"):
            markup.append(f"{piece}<!-- x -->")
        else:
            markup.append(f"<{how} style='x:1'>{piece}</{how}>")
    markup.append(PARAGRAPH[position:])
    source = folder / "p.html"
    source.write_text("<p>" + "".join(markup) + "</p>", encoding="utf-8")
    text = read(source).text
    assert text.replace("\xa0", " ") == PARAGRAPH + "\n"
    mask(source, folder / "out.html")
    assert read(folder / "out.html").text == redact(text)


def test_what_the_bytes_say_wins_over_the_name(tmp_path: Path) -> None:
    word_page = page(tmp_path, "<html><body><p>13812345678</p></body></html>", "公示.doc")
    assert format_of(word_page) is DocumentFormat.HTML
    assert found(word_page) == [("phone", "13812345678", 1)]
    pdf = tmp_path / "附件.html"
    pdf.write_bytes((DATA / "notice.pdf").read_bytes())
    assert format_of(pdf) is DocumentFormat.PDF
    workbook = tmp_path / "名单.html"
    workbook.write_bytes(b"PK\x03\x04" + bytes(30))
    assert format_of(workbook) is None
    old_word = tmp_path / "旧.doc"
    old_word.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    with pytest.raises(DocumentError, match="a damaged Word 97-2003 document"):
        read(old_word)  # read as a .doc by its bytes, and this one is damaged: never clean


def test_the_mask_character_must_be_one_character(tmp_path: Path) -> None:
    source = page(tmp_path, "<p>13812345678</p>")
    with pytest.raises(ValueError, match="mask_char must be one of"):
        mask(source, tmp_path / "out.html", mask_char="**")
    assert not (tmp_path / "out.html").exists()


def test_a_page_past_the_size_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zfgk.documents._readers

    monkeypatch.setattr(zfgk.documents._readers, "MAX_SIZE", 10)
    with pytest.raises(DocumentError, match="refused: the file is larger than"):
        read(page(tmp_path, "<p>13812345678</p>"))
