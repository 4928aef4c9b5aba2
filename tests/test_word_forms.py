"""Forms: numbers written a digit per box, split over cells, broken over lines of a cell.

``form.docx`` is an application form made by python-docx, ``form.html`` the
same form saved as a web page by LibreOffice (tools/make_word_fixtures.py).
Its numbers, read off the script:

- 身份证号 450700199710133899, one digit per cell (row 2);
- 联系电话 15253299887, one digit per cell, the form's spare boxes empty (row 3);
- 配偶身份证号 640324198008212853 over three cells, 6-8-4 (row 4);
- 18645777767 broken by a line break in one cell, 13358146509 over two
  paragraphs of one cell (row 5).

``ordinary.docx`` / ``ordinary.html`` hold tables of values side by side
that are no personal number however they are glued: counts (138, 1234,
5678), single-digit counts, a landline, 统一社会信用代码 and a bank account
written box by box, 不动产单元号, a timestamp, an amount 13812345678.00
beside digit cells, a 公网安备 number.  A reader sees no ID or mobile
number there, so scan must say clean.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import ric

from zfgk import find_pii, mask_file, scan_file
from zfgk.documents import Location, read
from zfgk.files import Verdict
from zfgk.privacy import strip_separators

from .test_documents_docx import make_docx, members

DATA = Path(__file__).parent / "data" / "word"
FORM_NUMBERS = [
    ("id_number", "450700199710133899"),
    ("phone", "15253299887"),
    ("id_number", "640324198008212853"),
    ("phone", "18645777767"),
    ("phone", "13358146509"),
]
#: The paragraph of form.docx where each number starts: the title is 1, and each of the
#: table's 19 cells a row holds one paragraph (the cell of row 5 with two, two).
FORM_PARAGRAPHS = [22, 41, 60, 79, 81]


def found(path: Path) -> list[tuple[str, str]]:
    doc = read(path)
    return [(m.kind.value, strip_separators(doc.text[m.start : m.end])) for m in find_pii(doc.text)]


def test_the_numbers_are_valid_ones() -> None:
    """An independent check of the fixture's answers: the ID numbers' check digits."""
    for kind, number in FORM_NUMBERS:
        if kind == "id_number":
            assert ric.calc_check_digit(number) == number[17]  # it takes the whole number


@pytest.mark.parametrize("name", ["form.docx", "form.html"])
def test_a_form_is_read_box_by_box_and_line_by_line(name: str) -> None:
    path = DATA / name
    assert found(path) == FORM_NUMBERS
    text = read(path).text
    assert "身份证号\n4\n5\n0\n7\n0\n0\n1\n9\n9\n7\n1\n0\n1\n3\n3\n8\n9\n9\n联系电话\n" in text


def test_each_number_of_the_form_docx_is_placed_where_it_starts() -> None:
    doc = read(DATA / "form.docx")
    assert [doc.locate(m.start) for m in find_pii(doc.text)] == [
        Location(part="document", paragraph=p) for p in FORM_PARAGRAPHS
    ]


def test_each_number_of_the_form_page_is_placed_on_its_line() -> None:
    path = DATA / "form.html"
    lines = path.read_text(encoding="utf-8").splitlines()
    doc = read(path)
    for m, (_, number) in zip(find_pii(doc.text), FORM_NUMBERS, strict=True):
        line = lines[doc.locate(m.start).line - 1]  # type: ignore[operator]
        assert re.search(rf">{number[0]}<|>{number[:3]}|>{number[:6]}<|>{number[:7]}<", line)


@pytest.mark.parametrize("name", ["form.docx", "form.html"])
def test_a_form_is_masked_box_by_box(tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    done = mask_file(DATA / name, out)
    assert len(done.texts) == len(FORM_NUMBERS)
    assert scan_file(out).verdict is Verdict.CLEAN
    if name.endswith(".docx"):
        xml = members(out)["word/document.xml"]
        texts = [t.decode() for t in re.findall(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)]
        start = texts.index("身份证号") + 1
        assert "".join(texts[start : start + 18]) == "450700********3899"
        start = texts.index("联系电话") + 1
        assert "".join(texts[start : start + 11]) == "152****9887"
        start = texts.index("配偶身份证号") + 1
        assert texts[start : start + 3] == ["640324", "********", "2853"]
        start = texts.index("紧急联系人电话") + 1
        assert texts[start : start + 2] == ["186****", "7767"]
        start = texts.index("备用电话") + 1
        assert texts[start : start + 2] == ["133", "****6509"]


@pytest.mark.parametrize("name", ["ordinary.docx", "ordinary.html"])
def test_values_side_by_side_are_not_glued_into_numbers(name: str) -> None:
    result = scan_file(DATA / name)
    assert result.verdict is Verdict.CLEAN, result.findings


# --------------------------------------------------------------- shapes by hand


def cells(*texts: str) -> str:
    return "".join(f"<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>" for t in texts)


def test_digits_beside_a_label_in_the_same_box_run_are_read(tmp_path: Path) -> None:
    """A serial number's cell next to the boxes: the ID is still found (glued, checked)."""
    path = make_docx(
        tmp_path / "a.docx",
        f"<w:tbl><w:tr>{cells('1', *'11010519491231002X')}</w:tr></w:tbl>",
    )
    assert found(path) == [("id_number", "11010519491231002X")]


@pytest.mark.parametrize(
    "row",
    [
        ["138", "1234", "5678"],  # three counts
        ["1", "3", "8", "1", "2", "3", "4", "5", "6", "7", "8", "9"],  # twelve one-digit counts
        ["110105", "19491231", "0021"],  # a check digit that fails: counts, not an ID
        ["1381234", "5678", "12"],
        ["0", "2", "3", "6", "3", "6", "1", "2", "3", "4", "5"],  # a landline, box by box
        ["3", "13812345678.00", "5"],  # an amount between counts
    ],
)
def test_cells_that_make_no_number_a_person_reads(tmp_path: Path, row: list[str]) -> None:
    path = make_docx(tmp_path / "a.docx", f"<w:tbl><w:tr>{cells(*row)}</w:tr></w:tbl>")
    assert found(path) == []


def test_rows_are_read_apart(tmp_path: Path) -> None:
    """Boxes of two rows (or of two tables side by side) never make one number."""
    first, second = "13812", "345678"
    path = make_docx(
        tmp_path / "a.docx",
        f"<w:tbl><w:tr>{cells(*first)}</w:tr><w:tr>{cells(*second)}</w:tr></w:tbl>",
    )
    assert found(path) == []


def test_a_cell_holding_a_table_is_not_a_box(tmp_path: Path) -> None:
    inner = f"<w:tbl><w:tr>{cells(*'1381234')}</w:tr></w:tbl>"
    path = make_docx(
        tmp_path / "a.docx",
        f"<w:tbl><w:tr><w:tc>{inner}<w:p/></w:tc>{cells(*'5678')}</w:tr></w:tbl>",
    )
    assert found(path) == []


def test_a_line_break_outside_a_table_still_splits(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "a.docx",
        "<w:p><w:r><w:t>138</w:t><w:br/><w:t>12345678</w:t></w:r></w:p>",
    )
    assert found(path) == []


def test_full_width_digits_in_boxes(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "a.docx",
        f"<w:tbl><w:tr>{cells('手机', *'１３９１２３４５６７８')}</w:tr></w:tbl>",
    )
    assert found(path) == [("phone", "13912345678")]
    mask_file(path, tmp_path / "out.docx")
    xml = members(tmp_path / "out.docx")["word/document.xml"].decode()
    assert "".join(re.findall(r"<w:t>([^<]*)</w:t>", xml)) == "手机１３９****５６７８"


# --------------------------------------------------------- Word-style web pages

WORD_FORM = (
    "<html xmlns:o='urn:schemas-microsoft-com:office:office'><head><meta charset=gb2312></head>"
    "<body><table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0>\n"
    "<tr><td width=96><p class=MsoNormal><span style='font-family:宋体'>身份证号</span></p></td>\n"
    + "".join(
        f"<td width=20 style='width:15pt'><p class=MsoNormal><span lang=EN-US>{d}<o:p></o:p>"
        "</span></p></td>\n"
        for d in "11010519491231002X"
    )
    + "</tr>\n<tr><td><p class=MsoNormal>联系电话</p></td>"
    "<td colspan=18><p class=MsoNormal><span lang=EN-US>1391234<br>\n5678</span></p></td></tr>\n"
    "</table></body></html>"
)


def test_a_form_saved_as_a_web_page_by_word(tmp_path: Path) -> None:
    path = tmp_path / "申请表.htm"
    path.write_bytes(WORD_FORM.encode("gb18030"))
    doc = read(path)
    assert [
        (m.kind.value, strip_separators(doc.text[m.start : m.end]), doc.locate(m.start).line)
        for m in find_pii(doc.text)
    ] == [("id_number", "11010519491231002X", 3), ("phone", "13912345678", 22)]
    mask_file(path, tmp_path / "out.htm")
    masked = (tmp_path / "out.htm").read_bytes().decode("gb18030")
    assert masked.count("<span lang=EN-US>*<o:p>") == 8
    assert "<span lang=EN-US>139****<br>\n5678</span>" in masked
    boxes = re.findall(r"<span lang=EN-US>([^<]*)<o:p>", masked)
    assert "".join(boxes) == "110105********002X"
    assert len(masked) == len(WORD_FORM)  # only digits changed
    assert scan_file(tmp_path / "out.htm").verdict is Verdict.CLEAN


@pytest.mark.parametrize(
    "markup",
    [
        "<td>138</td><td>1234</td><td>5678</td>",
        "<td>1</td><td>3</td><td>9</td><td>1</td><td>2</td><td>3</td><td>4</td>"
        "<td>5</td><td>6</td><td>7</td><td>8</td><td>9</td>",
        "<td>3</td><td>13812345678.00</td><td>5</td>",
    ],
)
def test_a_page_of_ordinary_cells(tmp_path: Path, markup: str) -> None:
    path = tmp_path / "a.html"
    path.write_text(f"<table><tr>{markup}</tr></table>", encoding="utf-8")
    assert found(path) == []


def test_a_page_whose_end_tags_were_left_out(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(
        "<table><tr><td>1<td>3<td>8<td>1<td>2<td>3<td>4<td>5<td>6<td>7<td>8"
        "<tr><td>1<td>2<td>3</table><p>139<br>12345678",
        encoding="utf-8",
    )
    assert found(path) == [("phone", "13812345678")]


CELL_TEXTS = ["1", "3", "8", "X", "0", "138", "1234", "5678", "110105", "19491231", "002X"]
CELL_TEXTS += ["13812345678", "张三", "", "2.5", "１", "139<br>1234"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(CELL_TEXTS), min_size=1, max_size=20), max_size=3))
def test_any_table_masks_to_a_file_that_scans_clean(rows: list[list[str]]) -> None:
    """Whatever a form's cells hold, what mask writes of it (page and Word file) scans clean."""
    import tempfile

    folder = Path(tempfile.mkdtemp())

    def word_cell(text: str) -> str:
        runs = "<w:br/>".join(f"<w:t>{part}</w:t>" for part in text.split("<br>"))
        return f"<w:tc><w:p><w:r>{runs}</w:r></w:p></w:tc>"

    word = "".join("<w:tr>" + "".join(map(word_cell, row)) + "</w:tr>" for row in rows)
    page = "".join("<tr>" + "".join(f"<td>{t}</td>" for t in row) + "</tr>" for row in rows)
    make_docx(folder / "a.docx", f"<w:tbl>{word}</w:tbl>")
    (folder / "a.html").write_text(f"<table>{page}</table>", encoding="utf-8")
    for name in ("a.docx", "a.html"):
        mask_file(folder / name, folder / f"out-{name}")
        assert scan_file(folder / f"out-{name}").verdict is Verdict.CLEAN
