"""Word 97-2003 documents (.doc): read as Word shows them, never written.

The fixtures are LibreOffice's "Word 97-2003" saves (tools/make_word_fixtures.py,
``word97_files``) of sources written there, so each number and its place is known
from the source:

- ``notice97.doc``: 张三's ID number 451025195501255656 (split over runs) and
  mobile 15895116928 in paragraph 2, a footnote 13912345678, a comment
  520502199112142971, a hyperlink to tel:18624191938 (paragraph 4), a text box
  15049008204, the header 17093902948, a row of eleven boxes 17034111407
  (paragraph 6 on) and 13700001111 (paragraph 17); a landline, an amount and a
  credit code that are none;
- ``tracked97.doc``: numbers "masked" under Track Changes, the digits deleted
  (610702 19750215 0348, 18477074206, 42108319511105040X) and stars typed;
- ``embedded97.doc``: an embedded spreadsheet (王五 15049008204) and text
  object (18624191938), and 15895116928 in the body;
- ``form97.doc`` and ``ordinary97.doc``: form.docx and ordinary.docx saved
  as .doc, read against what the .docx reader finds in the same documents;
- ``edges97.doc`` (python-docx, then LibreOffice): numbers a reader sees whole
  that the file keeps apart (see ``edges97`` in the tool).
"""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import pytest

from zfgk import find_pii, scan_file
from zfgk.cli import main
from zfgk.documents import DocumentError, Location, open_document
from zfgk.files import Verdict
from zfgk.privacy import strip_separators

DATA = Path(__file__).parent / "data" / "word"
SCANS = Path(__file__).parent / "data" / "scans"


def numbers(path: Path) -> list[tuple[str, str, str]]:
    """(kind, digits, place) of each number found in the document."""
    document = open_document(path)
    found = []
    for text in document.texts:
        for m in find_pii(text.text):
            digits = strip_separators(text.text[m.start : m.end])
            found.append((m.kind.value, digits, text.locate(m.start).describe()))
    return found


def test_every_story_of_a_word_97_document_is_read() -> None:
    assert sorted(numbers(DATA / "notice97.doc")) == sorted(
        [
            ("id_number", "451025195501255656", "document, paragraph 2"),
            ("phone", "15895116928", "document, paragraph 2"),
            ("phone", "18624191938", "document, paragraph 4"),  # the field's code
            ("phone", "17034111407", "document, paragraph 6"),  # eleven boxes, one digit each
            ("phone", "13700001111", "document, paragraph 17"),
            ("phone", "13912345678", "footnotes, paragraph 1"),
            ("phone", "17093902948", "headers and footers, paragraph 1"),
            ("id_number", "520502199112142971", "comments, paragraph 1"),
            ("phone", "15049008204", "text boxes, paragraph 1"),
        ]
    )
    text = open_document(DATA / "notice97.doc").text
    for value in ("023-63612345", "89.5㎡", "1234.56", "91500103MA5U7AXX2P"):
        assert value in text  # read, and no finding


def test_digits_deleted_under_track_changes_are_read() -> None:
    found = numbers(DATA / "tracked97.doc")
    assert sorted(digits for _, digits, _ in found) == [
        "18477074206",
        "42108319511105040X",
        "610702197502150348",  # 610702 + the deleted 19750215 + 0348: the text before
    ]
    # as the .docx of the same source places them (test_word_tracked)
    assert sorted(place for _, _, place in found) == [
        "document, paragraph 2",
        "document, paragraph 3",
        "document, paragraph 7",
    ]


def test_objects_embedded_in_a_word_97_document_are_read() -> None:
    result = scan_file(DATA / "embedded97.doc")
    assert result.verdict is Verdict.FOUND
    assert result.unread == ()
    assert sorted(str(f.location) for f in result.findings) == [
        "document, paragraph 3",  # the body's 15895116928
        "object 1: document, paragraph 2",  # the text object's 18624191938
        "object 2.xls: 名单!B2",  # the spreadsheet's 15049008204, as Excel 97 keeps it
        "picture 1: line 2",  # and as the page shows it: the EMF blip of its picture
    ]


def test_numbers_cut_by_changes_fields_hidden_text_or_nested_boxes_are_read() -> None:
    assert sorted(numbers(DATA / "edges97.doc")) == sorted(
        [
            ("phone", "13812345678", "document, paragraph 2"),  # 号 deleted inside it
            ("phone", "13912345678", "document, paragraph 3"),  # as it was before 号 went in
            ("id_number", "11010519491231002X", "document, paragraph 4"),  # a form field
            ("phone", "15895116928", "document, paragraph 5"),  # a link's text inside it
            ("phone", "17034111407", "document, paragraph 6"),  # hidden 号 inside it
            ("phone", "18624191938", "document, paragraph 10"),  # a nested table's boxes
        ]
    )
    assert "第 1 页，金额 1234.56 元" in open_document(DATA / "edges97.doc").text


def test_the_docx_and_doc_readers_agree_on_the_numbers_they_cut() -> None:
    # edges.docx is edges97.doc's source: two readers of two formats, one answer (hidden
    # text inside a number was clean in a .docx before)
    assert sorted(numbers(DATA / "edges.docx")) == sorted(numbers(DATA / "edges97.doc"))


def test_a_form_saved_as_doc_is_read_as_its_docx_is() -> None:
    # the .docx reader (issue 25's rows of boxes, a cell's lines) is the second reader
    doc = scan_file(DATA / "form97.doc")
    docx = scan_file(DATA / "form.docx")
    assert [(f.kind, f.location) for f in doc.findings] == [
        (f.kind, f.location) for f in docx.findings
    ]
    assert len(doc.findings) == 5


def test_an_ordinary_document_saved_as_doc_is_clean() -> None:
    result = scan_file(DATA / "ordinary97.doc")
    assert result.verdict is Verdict.CLEAN
    assert result.findings == ()
    assert "110105003001GB00001F00010001" in open_document(DATA / "ordinary97.doc").text


def test_a_doc_is_never_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "公示 公开版.doc"
    assert main(["mask", str(DATA / "notice97.doc"), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "save it in Word or WPS as .docx, and mask that with zfgk" in err
    assert "15895116928" not in err
    assert not out.exists()


def _changed(tmp_path: Path, offset: int, value: bytes) -> Path:
    """notice97.doc with the FIB's bytes at ``offset`` set to ``value``."""
    data = bytearray((DATA / "notice97.doc").read_bytes())
    word = data.find(bytes.fromhex("ecA5").lower())  # the FIB's first word, 0xA5EC
    assert word > 0
    data[word + offset : word + offset + len(value)] = value
    path = tmp_path / "公示.doc"
    path.write_bytes(bytes(data))
    return path


def test_a_protected_or_word_95_document_cannot_be_checked(tmp_path: Path) -> None:
    flags = (DATA / "notice97.doc").read_bytes()
    word = flags.find(bytes.fromhex("eca5"))
    current = int.from_bytes(flags[word + 0x0A : word + 0x0C], "little")
    protected = _changed(tmp_path, 0x0A, (current | 0x0100).to_bytes(2, "little"))
    result = scan_file(protected)
    assert result.verdict is Verdict.CANNOT_CHECK
    assert [g.describe() for g in result.unread] == [
        "whole file: a Word 97-2003 document protected by a password, which zfgk cannot "
        "read: save a copy without a password as .docx and check that"
    ]
    old = _changed(tmp_path, 0x02, (0x65).to_bytes(2, "little"))  # nFib of Word 6.0/95
    assert "a Word 6.0/95 document" in scan_file(old).unread[0].describe()


def test_a_damaged_doc_cannot_be_checked(tmp_path: Path) -> None:
    data = (DATA / "notice97.doc").read_bytes()
    path = tmp_path / "公示.doc"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(DocumentError, match="a damaged Word 97-2003 document"):
        open_document(path)
    result = scan_file(path)
    assert result.verdict is Verdict.CANNOT_CHECK


@pytest.mark.skipif(
    importlib.util.find_spec("rapidocr") is not None,
    reason="tests the answer without the ocr extra (with it, pictures are read by OCR)",
)
def test_without_the_extra_a_picture_in_a_doc_cannot_be_checked() -> None:
    # rows.jpg (905 x 349 pixels) in picture.docx, saved as .doc by LibreOffice
    result = scan_file(SCANS / "picture.doc")
    assert result.verdict is Verdict.CANNOT_CHECK
    assert [g.location for g in result.unread] == [Location(part="whole file", member="picture 1")]


def test_a_stream_the_reader_does_not_know_is_searched_as_text() -> None:
    # a compound file of one stream (as _compound_file writes an embedded workbook), its
    # text in UTF-16 as Word keeps names (a bookmark's, the template's): read where it
    # holds a number, the stream's name its place
    from zfgk.documents._doc import _compound_file, _DocReader
    from zfgk.formats import Kind

    text = "模板 C:\\公示\\联系13512345678.dot".encode("utf-16-le")
    reader = _DocReader(Path("公示.doc"), Kind.DOC, _compound_file("1Table", text))
    reader.rest()
    document = reader.container.document(None)
    (match,) = find_pii(document.text)
    assert match.kind.value == "phone"
    assert document.locate(match.start) == Location(part="1Table")


def test_a_wps_writer_document_is_read_as_the_word_97_file_it_is(tmp_path: Path) -> None:
    # WPS Writer saves .wps in Word 97-2003's format: read as the .doc it is
    wps = tmp_path / "公示.wps"
    wps.write_bytes((DATA / "notice97.doc").read_bytes())
    assert numbers(wps) == numbers(DATA / "notice97.doc")
    # a compound file of another shape under the name is not read
    from zfgk.documents._doc import _compound_file

    other = tmp_path / "旧.wps"
    other.write_bytes(_compound_file("Contents", b"\x00" * 64))
    result = scan_file(other)
    assert result.verdict is Verdict.CANNOT_CHECK
    assert "a WPS Writer document (.wps), which zfgk cannot read" in result.unread[0].describe()


def test_a_photograph_is_cut_at_its_own_end_not_its_thumbnails() -> None:
    # a camera's JPEG carries a thumbnail (itself a JPEG, ending FF D9) in its APP1 segment;
    # the picture found in a stream ended there, and its size could not be read
    image = pytest.importorskip("PIL.Image")
    from zfgk.documents._embedded import picture_size
    from zfgk.documents._olepictures import pictures as _pictures

    def jpeg(size: tuple[int, int]) -> bytes:
        out = io.BytesIO()
        image.new("RGB", size, "white").save(out, "JPEG")
        return out.getvalue()

    thumbnail, photo = jpeg((160, 40)), jpeg((1600, 400))
    exif = b"Exif\x00\x00" + thumbnail
    app1 = b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif
    camera = photo[:2] + app1 + photo[2:]
    assert list(_pictures(b"\x00" * 7 + camera + b"\x00" * 5)) == [camera]
    assert picture_size(camera) == (1600, 400)


def test_a_wps_spreadsheet_is_checked_and_masked_as_the_xls_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # an .et as WPS saves it is an Excel 97-2003 workbook: the same verdict as the .xls
    pytest.importorskip("python_calamine")
    officers = Path(__file__).parent / "data" / "officers"
    et = tmp_path / "配租 名单.et"
    et.write_bytes((officers / "item22-ids-as-numbers.xls").read_bytes())
    xls = scan_file(officers / "item22-ids-as-numbers.xls")
    assert [(f.kind, str(f.location)) for f in scan_file(et).findings] == [
        (f.kind, str(f.location)) for f in xls.findings
    ]
    # IDs kept as numbers lost their last digits: mask refuses them, as for the .xls
    assert main(["mask", str(et), "-o", str(tmp_path / "a.xlsx")]) == 1
    clean = tmp_path / "退出 名单.et"
    clean.write_bytes((officers / "item22-clean.xls").read_bytes())
    out = tmp_path / "退出 名单 公开版.xlsx"
    assert main(["mask", str(clean), "-o", str(out)]) == 0
    assert "converted to .xlsx" in capsys.readouterr().err
    assert scan_file(out).verdict is Verdict.CLEAN


def test_a_wps_spreadsheet_is_a_workbook_kind(tmp_path: Path) -> None:
    # .et is read (as the .xls WPS saves it), so its kind is a workbook's, as .wps is a
    # document's: a CSV's masked copy cannot be written under its name
    from zfgk.formats import Family, Kind, kind_of

    assert Kind.ET.family is Family.WORKBOOK
    assert Kind.WPS.family is Family.DOCUMENT
    data = (Path(__file__).parent / "data" / "officers" / "item22-clean.xls").read_bytes()
    assert kind_of("名单.et", data[:8192]) is Kind.ET
    csv = tmp_path / "名单.csv"
    csv.write_text("姓名,联系电话\n张三,13812345678\n", encoding="utf-8")
    assert main(["mask", str(csv), "-o", str(tmp_path / "名单 公开版.et")]) == 2
    assert not (tmp_path / "名单 公开版.et").exists()
