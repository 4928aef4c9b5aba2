"""Numbers LibreOffice shows whole that an .odt, a .doc or an .rtf keeps cut by text a style
hides, or by a paragraph mark a tracked change took out (zfgk.documents).

The fixtures in ``tests/data/hidden-styles/`` are LibreOffice's .odt and .doc
of ``tests/data/docx-hidden/styles.docx`` and ``marks.docx``, and an .rtf
written by hand whose runs name a hiding style and only its stylesheet says
``\\v`` (tools/make_hidden_style_fixtures.py).  The answers below are what
LibreOffice's PDF of each file shows, read by eye: in ``styles.*`` paragraph 2
shows 13812345678 (号 hidden by the character style 隐藏), paragraph 3
13912345678 (（备）, by a style based on it), paragraph 4 1101051949号1231002X
(the run's own formatting shows 号: no ID number), paragraph 5 15895116928
(转, by its paragraph's style).  ``marks.*`` keep a deleted paragraph mark
(the changes accepted, paragraphs 2 and 3 are one) and an inserted one (before
the change, 4 and 5 were one; LibreOffice's .odt has the two as paragraphs 3
and 4, the deleted mark's two paragraphs made one); LibreOffice keeps no
hidden mark.  Shapes LibreOffice does not write are written here by hand, as
the OpenDocument and RTF specifications have them.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from zfgk import mask_file, scan_file
from zfgk.cli import main
from zfgk.documents import Location, read
from zfgk.files import Verdict

from .test_documents_docx import members
from .test_word_tracked import found

DATA = Path(__file__).parent / "data" / "hidden-styles"
#: The numbers of styles.* (LibreOffice's PDF of each), with the paragraph of each.
STYLES = [
    ("phone", "13812345678", Location(part="document", paragraph=2)),
    ("phone", "13912345678", Location(part="document", paragraph=3)),
    ("phone", "15895116928", Location(part="document", paragraph=5)),
]


def places(path: Path) -> list[tuple[str, str]]:
    return [(f.kind.value, str(f.location)) for f in scan_file(path).findings]


# ------------------------------------------------------------------------------ .odt


def test_an_odt_s_text_hidden_by_styles_is_read_without_it() -> None:
    assert found(DATA / "styles.odt") == STYLES
    text = read(DATA / "styles.odt").text
    assert "联系电话：13812345678\n" in text  # as shown: 号 left out
    # 号 of the hiding style inside a span whose own style says display="true": shown
    assert "身份证号：1101051949号1231002X\n" in text
    assert "监督电话 023-63612345，金额 1234.56 元" in text


def test_a_number_an_odt_s_style_cuts_is_masked_around_the_hidden_text(tmp_path: Path) -> None:
    out = tmp_path / "out.odt"
    mask_file(DATA / "styles.odt", out)
    assert scan_file(out).verdict is Verdict.CLEAN
    before, after = members(DATA / "styles.odt"), members(out)
    assert list(after) == list(before)
    assert [name for name in before if before[name] != after[name]] == ["content.xml"]
    xml = after["content.xml"].decode()
    assert '联系电话：138****<text:span text:style-name="隐藏">号</text:span>5678' in xml
    assert '备用电话：139****<text:span text:style-name="隐藏附注">（备）</text:span>5678' in xml
    assert "身份证号：1101051949<" in xml  # nothing to hide
    assert ">1231002X<" in xml
    assert '158</text:span>转<text:span text:style-name="T1">****6928' in xml


def test_scan_names_the_paragraph_of_a_number_an_odt_s_style_cuts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["scan", str(DATA / "styles.odt")]) == 1
    out = capsys.readouterr().out
    for paragraph in (2, 3, 5):
        assert f"document, paragraph {paragraph}: unmasked mobile number" in out
    assert "13812345678" not in out


def test_an_odt_s_paragraph_break_deleted_or_inserted_joins_two_paragraphs(
    tmp_path: Path,
) -> None:
    assert found(DATA / "marks.odt") == [
        ("phone", "13812345678", Location(part="document", paragraph=2)),  # shown as one
        ("phone", "13912345678", Location(part="document", paragraph=3)),  # before the change
    ]
    out = tmp_path / "out.odt"
    mask_file(DATA / "marks.odt", out)
    assert scan_file(out).verdict is Verdict.CLEAN
    xml = members(out)["content.xml"].decode()
    assert "备用电话：139****<text:change-start" in xml


TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
NS = f'xmlns:office="{OFFICE}" xmlns:style="{STYLE}" xmlns:text="{TEXT}"'


def make_odt(
    path: Path, body: str, *, automatic: str = "", common: str = "", styles_xml: str = ""
) -> Path:
    """An .odt whose body is ``body``, with ``automatic`` styles in content.xml, ``common``
    ones in styles.xml and ``styles_xml`` after them there (its own automatic styles, its
    master pages)."""
    content = (
        f"<office:document-content {NS}><office:automatic-styles>{automatic}"
        f"</office:automatic-styles><office:body><office:text>{body}</office:text>"
        "</office:body></office:document-content>"
    )
    styles = (
        f"<office:document-styles {NS}><office:styles>{common}</office:styles>{styles_xml}"
        "</office:document-styles>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", content)
        z.writestr("styles.xml", styles)
    return path


def hiding(name: str, family: str = "text", display: str = "none", parent: str = "") -> str:
    parent_attribute = f' style:parent-style-name="{parent}"' if parent else ""
    properties = f'<style:text-properties text:display="{display}"/>' if display else ""
    return (
        f'<style:style style:name="{name}" style:family="{family}"{parent_attribute}>'
        f"{properties}</style:style>"
    )


SHOWN = hiding("S", display="true")
CUT = (
    '<text:p text:style-name="P"><text:span text:style-name="S">电话 1381234</text:span>'
    '<text:span text:style-name="{middle}">号</text:span>'
    '<text:span text:style-name="S">5678</text:span></text:p>'
)


@pytest.mark.parametrize(
    ("automatic", "common", "middle", "whole"),
    [
        (SHOWN, hiding("H"), "H", True),  # a common style
        (SHOWN + hiding("T1", display="", parent="H"), hiding("H", display=""), "T1", False),
        (SHOWN + hiding("T1", display="true", parent="H"), hiding("H"), "T1", False),  # its own
        (SHOWN + hiding("T1", parent="C"), hiding("C", parent="H") + hiding("H"), "T1", True),
        (SHOWN, hiding("H", display="condition"), "H", True),  # hidden where a condition holds
        (SHOWN, hiding("L", display="", parent="L"), "L", False),  # a loop of parents
        (SHOWN, hiding("H", family="paragraph"), "H", False),  # another family's style
        # the paragraph's style, and its parent, hide the span that says nothing
        (SHOWN, hiding("P", "paragraph", "", "Q") + hiding("Q", "paragraph"), "Gone", True),
        # the defaults of paragraphs
        (
            SHOWN,
            '<style:default-style style:family="paragraph"><style:text-properties '
            'text:display="none"/></style:default-style>',
            "Gone",
            True,
        ),
    ],
)
def test_an_odt_s_styles_inherit_and_the_nearest_setting_wins(
    tmp_path: Path, automatic: str, common: str, middle: str, whole: bool
) -> None:
    path = make_odt(
        tmp_path / "a.odt", CUT.format(middle=middle), automatic=automatic, common=common
    )
    expected = [("phone", "document, paragraph 1")] if whole else []
    assert places(path) == expected


def test_an_odt_s_automatic_styles_are_each_part_s_own(tmp_path: Path) -> None:
    """T1 of styles.xml (its header's) hides; T1 of content.xml does not: the body's number
    is cut, the header's is whole."""
    header = (
        f"<office:automatic-styles>{hiding('T1')}</office:automatic-styles>"
        '<office:master-styles><style:master-page style:name="Standard"><style:header>'
        '<text:p>经办人 1391234<text:span text:style-name="T1">转</text:span>5678</text:p>'
        "</style:header></style:master-page></office:master-styles>"
    )
    body = '<text:p>电话 1381234<text:span text:style-name="T1">号</text:span>5678</text:p>'
    path = make_odt(tmp_path / "a.odt", body, automatic=hiding("T1", display=""), styles_xml=header)
    assert places(path) == [("phone", "header, paragraph 1")]


def test_a_note_inside_a_hidden_span_is_a_paragraph_of_its_own(tmp_path: Path) -> None:
    """A note inside a hidden span has its own paragraph: the span does not hide it."""
    body = (
        '<text:p>电话 1381234<text:span text:style-name="H">号<text:note><text:note-body>'
        "<text:p>备用 13912345678</text:p></text:note-body></text:note></text:span>5678</text:p>"
    )
    path = make_odt(tmp_path / "a.odt", body, common=hiding("H"))
    assert places(path) == [("phone", "document, paragraph 1"), ("phone", "footnote, paragraph 1")]


# ------------------------------------------------------------------------------ .doc


def test_a_doc_s_text_hidden_by_its_stylesheet_is_read_without_it() -> None:
    """styles.doc: 隐藏 says sprmCFVanish, 隐藏附注 only its istdBase; 隐藏段落 is a paragraph
    style that says it."""
    assert found(DATA / "styles.doc") == STYLES
    text = read(DATA / "styles.doc").text
    assert "身份证号：1101051949号1231002X\n" in text


def test_scan_names_the_paragraph_of_a_number_a_doc_s_style_cuts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["scan", str(DATA / "styles.doc")]) == 1
    out = capsys.readouterr().out
    for paragraph in (2, 3, 5):
        assert f"document, paragraph {paragraph}: unmasked mobile number" in out
    assert "15895116928" not in out


def test_a_doc_s_paragraph_mark_deleted_or_inserted_joins_two_paragraphs() -> None:
    assert found(DATA / "marks.doc") == [
        ("phone", "13812345678", Location(part="document", paragraph=2)),  # changes accepted
        ("phone", "13912345678", Location(part="document", paragraph=4)),  # before them
    ]


@pytest.mark.parametrize(
    ("flag", "expected"),
    [
        (1, [(2, "经办人 17034111407")]),  # deleted: one after the changes
        (2, [(2, "经办人 17034111407")]),  # inserted: one before them
        (4, [(2, "经办人 17034111407")]),  # hidden: one where hidden text is not shown
        (0, []),
    ],
)
def test_a_doc_s_paragraph_mark_a_version_leaves_out_joins_its_paragraphs(
    flag: int, expected: list[tuple[int, str]]
) -> None:
    """Word keeps a mark's formatting in the character properties of its ``\\r`` (LibreOffice
    keeps a deleted and an inserted one, not a hidden one): the story is read with the flags
    of each character as the file's properties give them."""
    from zfgk.documents._doc import _extras

    story = "标题\r经办人 170\r34111407\r房号 3-2-201\r"
    flags = bytearray(len(story))
    flags[story.index("170") + 3] = flag
    assert list(_extras(story, 0, flags, {})) == expected


# ------------------------------------------------------------------------------ .rtf


def test_an_rtf_s_text_hidden_by_its_stylesheet_alone_is_read_without_it(tmp_path: Path) -> None:
    assert found(DATA / "stylesheet.rtf") == STYLES
    out = tmp_path / "out.rtf"
    mask_file(DATA / "stylesheet.rtf", out)
    assert scan_file(out).verdict is Verdict.CLEAN
    before, after = (DATA / "stylesheet.rtf").read_bytes(), out.read_bytes()
    assert len(before) == len(after)
    changed = [i for i in range(len(before)) if before[i] != after[i]]
    assert after[changed[0] : changed[-1] + 1].count(b"*") == 12  # 4 digits of each number


@pytest.mark.parametrize(
    ("run", "whole"),
    [
        ("{\\cs15 X}", True),
        ("{\\cs16 X}", True),  # based on cs15
        ("{\\cs15\\v0 X}", False),  # its own \v0 shows it
        ("{\\cs15\\plain X}", False),  # \plain drops the style
        ("{\\cs17 X}", False),  # a style that does not hide
        ("{\\cs99 X}", False),  # a style not in the stylesheet
    ],
)
def test_an_rtf_s_character_styles_inherit_and_a_run_s_own_setting_wins(
    tmp_path: Path, run: str, whole: bool
) -> None:
    path = tmp_path / "a.rtf"
    path.write_text(
        "{\\rtf1\\ansi{\\stylesheet{\\s0 Normal;}{\\*\\cs15\\additive\\v H;}"
        "{\\*\\cs16\\additive\\sbasedon15 C;}{\\*\\cs17\\additive\\b B;}}\n"
        f"\\pard\\plain Tel 1381234{run}5678\\par\n}}",
        encoding="ascii",
    )
    assert places(path) == ([("phone", "document, paragraph 1")] if whole else [])


def test_an_rtf_s_paragraph_style_hides_until_the_next_pard(tmp_path: Path) -> None:
    path = tmp_path / "a.rtf"
    path.write_text(
        "{\\rtf1\\ansi{\\stylesheet{\\s0 Normal;}{\\s1\\v\\sbasedon0 P;}}\n"
        "\\pard\\plain\\s1 {\\v0 Tel 1381234}X{\\v0 5678}\\par\n"
        "\\pard\\plain Tel 1391234X5678\\par\n}",
        encoding="ascii",
    )
    assert places(path) == [("phone", "document, paragraph 1")]
    assert re.search(r"Tel 1391234X5678", read(path).text)


def test_a_doc_paragraph_whose_mark_a_style_hides_is_not_joined_to_a_table_after_it() -> None:
    # mark-before-table.doc (tools/make_hidden_style_fixtures.py): 联系电话1381234 under a
    # paragraph style hiding its mark, then a table whose cell holds 5678. LibreOffice's PDF
    # of it shows the two apart; the .doc reader joined them, a mobile that is not there.
    assert scan_file(DATA / "mark-before-table.doc").verdict.value == "clean"


@pytest.mark.parametrize(
    ("body", "automatic", "common"),
    [
        (  # an automatic style named as the common style it is based on, which hides
            '<text:p>电话 1381234<text:span text:style-name="T1">号</text:span>5678</text:p>',
            hiding("T1", display="", parent="T1"),
            hiding("T1"),
        ),
        (  # a link whose style hides its text
            '<text:p>电话 1381234<text:a xlink:href="#x" xmlns:xlink="http://www.w3.org/1999/'
            'xlink" text:style-name="H">号</text:a>5678</text:p>',
            "",
            hiding("H"),
        ),
    ],
)
def test_an_odt_s_hiding_style_is_found_through_a_namesake_parent_and_on_a_link(
    tmp_path: Path, body: str, automatic: str, common: str
) -> None:
    # LibreOffice's PDF of each shows 13812345678 (the 号 hidden)
    path = make_odt(tmp_path / "a.odt", body, automatic=automatic, common=common)
    assert places(path) == [("phone", "document, paragraph 1")]
