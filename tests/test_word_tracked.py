"""Tracked changes: digits a revision deleted are still in the file, read and masked (zfgk.documents).

``tracked.docx`` is made by LibreOffice from a flat ODF file with
``<text:tracked-changes>`` (tools/make_word_fixtures.py): three numbers
"masked" with Track Changes on, the old digits deleted (``w:delText``) and
stars typed in their place (``w:ins``).  Word and LibreOffice show the
deleted digits, struck through; mask removes each deletion that holds a
hidden digit, as accepting it would.  The answers below are read off that
script and the file's XML.  Shapes LibreOffice does not write (``w:moveFrom``, a
deleted paragraph, Word 2003's ``aml:annotation``) are written by hand.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zfgk import find_pii, mask_file, scan_file
from zfgk.documents import Location, read
from zfgk.files import Verdict
from zfgk.privacy import strip_separators

from .test_documents_docx import make_docx, members

DATA = Path(__file__).parent / "data" / "word"
TRACKED = DATA / "tracked.docx"
#: The full numbers of tracked.docx, each with where its first digit is.
TRACKED_NUMBERS = [
    ("id_number", "610702197502150348", Location(part="document", paragraph=2)),
    ("phone", "18477074206", Location(part="document", paragraph=3)),
    ("id_number", "42108319511105040X", Location(part="document", paragraph=7)),
]


def found(path: Path) -> list[tuple[str, str, Location]]:
    doc = read(path)
    return [
        (m.kind.value, strip_separators(doc.text[m.start : m.end]), doc.locate(m.start))
        for m in find_pii(doc.text)
    ]


def digits_of(data: bytes) -> str:
    """The digits (and X) of a member, markup and everything else left out: a number split
    over runs, or between a deletion and an insertion, shows whole here."""
    text = re.sub(rb"<[^>]*>", b"", data).decode("utf-8", "replace")
    return "".join(ch for ch in text if ch.isdigit() or ch == "X")


def test_the_text_is_the_document_with_its_changes_accepted() -> None:
    text = read(TRACKED).text
    assert text.startswith(
        "2024年第一批公共租赁住房资格审核结果公示\n"
        "申请人张三，身份证号：610702********0348。\n"
        "联系电话：184****4206，监督电话 023-63612345。\n"
        "姓名\n身份证号\n李四\n421083********040X\n"
    )


def test_the_deleted_digits_are_read_as_the_paragraph_held_them() -> None:
    assert found(TRACKED) == TRACKED_NUMBERS
    result = scan_file(TRACKED)
    assert result.verdict is Verdict.FOUND
    assert [(f.kind.value, f.location) for f in result.findings] == [
        (kind, where) for kind, _, where in TRACKED_NUMBERS
    ]


def test_each_number_was_in_the_file_before_masking() -> None:
    """The check the masked file must pass finds every number in the original."""
    digits = digits_of(members(TRACKED)["word/document.xml"])
    assert all(number in digits for _, number, _ in TRACKED_NUMBERS)


def test_mask_removes_each_deletion_holding_hidden_digits(tmp_path: Path) -> None:
    """As accepting the change would: the stars typed in stay, the old digits go."""
    out = tmp_path / "masked.docx"
    done = mask_file(TRACKED, out)
    assert len(done.texts) == 3
    before, after = members(TRACKED), members(out)
    assert list(after) == list(before)
    expected = before["word/document.xml"]
    deletions = re.findall(rb"<w:del [^>]*>.*?</w:del>", expected)
    assert [re.sub(rb"<[^>]*>", b"", d) for d in deletions] == [
        b"19750215",
        b"18477074206",
        b"42108319511105040X",
    ]
    for deletion in deletions:
        expected = expected.replace(deletion, b"")
    assert after["word/document.xml"] == expected
    assert {name: data for name, data in after.items() if name != "word/document.xml"} == {
        name: data for name, data in before.items() if name != "word/document.xml"
    }
    assert read(out).text == read(TRACKED).text.split("610702197502150348")[0]


def test_no_full_number_is_left_in_any_member_of_the_masked_file(tmp_path: Path) -> None:
    out = tmp_path / "masked.docx"
    mask_file(TRACKED, out)
    for name, data in members(out).items():
        digits = digits_of(data)
        for _, number, _ in TRACKED_NUMBERS:
            assert number not in digits, name
    assert scan_file(out).verdict is Verdict.CLEAN


# ------------------------------------------------------------- shapes by hand


def test_a_move_reads_as_before_and_after(tmp_path: Path) -> None:
    """Moved text: Word keeps it where it was (w:moveFrom) and where it went (w:moveTo)."""
    path = make_docx(
        tmp_path / "a.docx",
        "<w:p><w:r><w:t>电话 139</w:t></w:r>"
        "<w:moveFrom w:id='1' w:author='a' w:date='2024-01-01T00:00:00Z'>"
        "<w:r><w:t>1234</w:t></w:r></w:moveFrom><w:r><w:t>5678</w:t></w:r></w:p>"
        "<w:p><w:moveTo w:id='2' w:author='a' w:date='2024-01-01T00:00:00Z'>"
        "<w:r><w:t>1234</w:t></w:r></w:moveTo></w:p>",
    )
    doc = read(path)
    assert doc.text == "电话 1395678\n1234\n13912345678\n"
    assert found(path) == [("phone", "13912345678", Location(part="document", paragraph=1))]
    mask_file(path, tmp_path / "out.docx")
    xml = members(tmp_path / "out.docx")["word/document.xml"].decode()
    assert "moveFrom" not in xml  # the move accepted: the text is where it went
    assert "<w:moveTo w:id='2' w:author='a' w:date='2024-01-01T00:00:00Z'><w:r><w:t>1234<" in xml


def test_a_deleted_paragraph_and_an_insertion_into_a_number(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "a.docx",
        "<w:p><w:del w:id='1' w:author='a' w:date='2024-01-01T00:00:00Z'><w:r>"
        "<w:delText>申请人 11010519491231002X</w:delText></w:r></w:del></w:p>"
        "<w:p><w:r><w:t>电话 138</w:t></w:r><w:ins w:id='2' w:author='a' w:date='2024-01-01T00:00:00Z'>"
        "<w:r><w:t>1234</w:t></w:r></w:ins><w:r><w:t>5678</w:t></w:r></w:p>",
    )
    doc = read(path)
    # the inserted digits are in the text; the deleted paragraph after it, as it was
    assert doc.text == "电话 13812345678\n11010519491231002X\n"
    assert found(path) == [
        ("phone", "13812345678", Location(part="document", paragraph=2)),
        ("id_number", "11010519491231002X", Location(part="document", paragraph=1)),
    ]


def test_a_number_the_change_left_whole_is_found_once(tmp_path: Path) -> None:
    """A change elsewhere in a paragraph does not read its other numbers twice."""
    path = make_docx(
        tmp_path / "a.docx",
        "<w:p><w:r><w:t>电话 13812345678，</w:t></w:r>"
        "<w:del w:id='1' w:author='a' w:date='2024-01-01T00:00:00Z'><w:r>"
        "<w:delText>房号 3-2-201</w:delText></w:r></w:del></w:p>",
    )
    assert found(path) == [("phone", "13812345678", Location(part="document", paragraph=1))]


def test_digits_changed_in_both_readings_are_masked_once(tmp_path: Path) -> None:
    """A typo fixed under Track Changes: before and after are both full numbers, and the
    digits they share are hidden once."""
    path = make_docx(
        tmp_path / "a.docx",
        "<w:p><w:r><w:t>110105194912310</w:t></w:r>"
        "<w:del w:id='1' w:author='a' w:date='2024-01-01T00:00:00Z'><w:r>"
        "<w:delText>12X</w:delText></w:r></w:del>"
        "<w:ins w:id='2' w:author='a' w:date='2024-01-01T00:00:00Z'><w:r>"
        "<w:t>02X</w:t></w:r></w:ins></w:p>",
    )
    assert [(kind, number) for kind, number, _ in found(path)] == [
        ("id_number", "11010519491231002X"),
        ("id_number", "11010519491231012X"),
    ]
    mask_file(path, tmp_path / "out.docx")
    xml = members(tmp_path / "out.docx")["word/document.xml"].decode()
    assert "<w:t>110105********0</w:t>" in xml
    assert "<w:delText>12X</w:delText>" in xml
    assert "<w:t>02X</w:t>" in xml
    assert scan_file(tmp_path / "out.docx").verdict is Verdict.CLEAN


@pytest.mark.parametrize(
    ("shape", "annotation"),
    [("2006", "w:del"), ("2003", "aml:annotation")],
)
def test_a_deletion_holding_a_number_is_never_clean(
    tmp_path: Path, shape: str, annotation: str
) -> None:
    """Whatever Word writes a deletion with, scan finds the number and mask hides it."""
    if shape == "2006":
        path = make_docx(
            tmp_path / "a.docx",
            "<w:p><w:r><w:t>手机 </w:t></w:r><w:del w:id='1' w:author='a' "
            "w:date='2024-01-01T00:00:00Z'><w:r><w:delText>17016019667</w:delText></w:r>"
            "</w:del></w:p>",
        )
    else:
        path = tmp_path / "a.xml"
        path.write_text(
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<?mso-application progid="Word.Document"?>'
            '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml" '
            'xmlns:aml="http://schemas.microsoft.com/aml/2001/core"><w:body><w:p>'
            "<w:r><w:t>手机 </w:t></w:r>"
            '<aml:annotation aml:id="0" w:type="Word.Deletion" aml:author="a">'
            "<aml:content><w:r><w:delText>17016019667</w:delText></w:r></aml:content>"
            "</aml:annotation></w:p></w:body></w:wordDocument>",
            encoding="utf-8",
        )
    xml = members(path)["word/document.xml"] if shape == "2006" else path.read_bytes()
    assert annotation.encode() in xml
    assert found(path) == [("phone", "17016019667", Location(part="document", paragraph=1))]
    mask_file(path, tmp_path / f"out{path.suffix}")
    assert scan_file(tmp_path / f"out{path.suffix}").verdict is Verdict.CLEAN


# ------------------------------------------------- a page saved with its changes

#: As Word's "Save as Web Page" writes a paragraph whose number was "masked" with Track
#: Changes on: the deletion and the insertion both shown, struck through and underlined.
WORD_PAGE = (
    "<p class=MsoNormal>身份证号：110105<span class=msoDel><del cite='mailto:经办人' "
    "datetime='2024-03-01T10:00'><span lang=EN-US>19491231</span></del></span><span "
    "class=msoIns><ins cite='mailto:经办人' datetime='2024-03-01T10:00'><span lang=EN-US>"
    "********</span></ins></span><span lang=EN-US>002X</span></p>\n"
    "<p class=MsoNormal>电话 138<del>0000</del>12345678，备用 139<ins>1234</ins>5678</p>\n"
)


def test_a_page_with_tracked_changes_is_read_before_and_after_them(tmp_path: Path) -> None:
    path = tmp_path / "公示.htm"
    path.write_text(WORD_PAGE, encoding="utf-8")
    doc = read(path)
    assert doc.text.startswith(
        "身份证号：11010519491231********002X\n电话 138000012345678，备用 13912345678\n"
    )
    assert [
        (m.kind.value, strip_separators(doc.text[m.start : m.end]), doc.locate(m.start).line)
        for m in find_pii(doc.text)
    ] == [
        ("phone", "13912345678", 2),  # as shown: the insertion is in both
        ("id_number", "11010519491231002X", 1),  # before the change
        ("phone", "13812345678", 2),  # after it
    ]
    mask_file(path, tmp_path / "out.htm")
    deleted = WORD_PAGE[WORD_PAGE.index("<del ") : WORD_PAGE.index("</del>") + 6]
    assert (tmp_path / "out.htm").read_text(encoding="utf-8") == (
        WORD_PAGE.replace(deleted, "")  # the deletion holding hidden digits, removed
        .replace("</del>12345678", "</del>****5678")
        .replace("<ins>1234</ins>", "<ins>****</ins>")
    )
    assert scan_file(tmp_path / "out.htm").verdict is Verdict.CLEAN


PARAGRAPH = "申请人 11010519491231002X 电话 13812345678"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(min_value=1, max_value=8), st.sampled_from(["r", "del", "ins"])),
        min_size=1,
        max_size=12,
    )
)
def test_any_tracked_changes_mask_to_a_file_that_scans_clean(cuts: list[tuple[int, str]]) -> None:
    """A paragraph cut into runs, each kept, deleted or inserted: masked, it scans clean, and
    neither its reading before the changes nor after them holds a full number."""
    import tempfile

    folder = Path(tempfile.mkdtemp())
    runs, position = [], 0
    for size, how in cuts:
        piece = PARAGRAPH[position : position + size]
        position += size
        if how == "del":
            runs.append(
                "<w:del w:id='1' w:author='a' w:date='2024-01-01T00:00:00Z'><w:r>"
                f"<w:delText xml:space='preserve'>{piece}</w:delText></w:r></w:del>"
            )
        elif how == "ins":
            runs.append(
                "<w:ins w:id='2' w:author='a' w:date='2024-01-01T00:00:00Z'><w:r>"
                f"<w:t xml:space='preserve'>{piece}</w:t></w:r></w:ins>"
            )
        else:
            runs.append(f"<w:r><w:t xml:space='preserve'>{piece}</w:t></w:r>")
    runs.append(f"<w:r><w:t xml:space='preserve'>{PARAGRAPH[position:]}</w:t></w:r>")
    path = make_docx(folder / "a.docx", "<w:p>" + "".join(runs) + "</w:p>")
    mask_file(path, folder / "out.docx")
    assert scan_file(folder / "out.docx").verdict is Verdict.CLEAN
    xml = members(folder / "out.docx")["word/document.xml"].decode()
    for left_out in ("ins", "del"):  # the paragraph before its changes, and after them
        shown = re.sub(rf"<w:{left_out} [^>]*>.*?</w:{left_out}>", "", xml)
        text = "".join(re.findall(r"<w:(?:t|delText)[^>]*>([^<]*)<", shown))
        assert find_pii(text) == (), left_out
