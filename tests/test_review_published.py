"""A privacy review of what zfgk reads before it is published: cases once missed, now caught.

Each input is written here by hand, and each expected answer is known
without zfgk: where the full number is, and what the masked file says.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import zfgk
import zfgk.documents
from zfgk.cli import main
from zfgk.documents import read
from zfgk.errors import DocumentError, InputError, MaskUnsupportedError
from zfgk.files import scan_file
from zfgk.formats import Kind

from .helpers import mask

ID = "11010519491231002X"
MASKED_ID = "110105********002X"

# ------------------------------------------------------------------ pages


@pytest.mark.parametrize(
    ("name", "content"),
    [
        # a server-side include: a comment first, no <html>; was read as XML, whose
        # line breaks at <wbr> and <nobr> split the number
        ("list.shtml", "<!--#include virtual='/head.html'-->\n<p>电话 139<wbr>1234<wbr>5678</p>"),
        ("list.htm", "<!-- CMS -->\n<p>电话 <nobr>1391234</nobr><nobr>5678</nobr></p>"),
        # a page whose first line is a date field: was taken for a mail, entities unread
        ("notice.html", "Date: 2026-05-01\n<p>电话 &#49;&#51;&#57;12345678</p>\n"),
    ],
)
def test_a_page_is_read_as_a_page(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert zfgk.formats.kind_of(path) is Kind.HTML
    assert [f.kind.value for f in scan_file(path).findings] == ["phone"]


def test_a_mail_without_its_name_is_still_a_mail(tmp_path: Path) -> None:
    path = tmp_path / "message.txt"
    path.write_text(
        "From: a@example.cn\nTo: b@example.cn\nSubject: list\n\n电话 13912345678\n",
        encoding="utf-8",
    )
    assert zfgk.formats.kind_of(path) is Kind.EML


@pytest.mark.parametrize(
    ("source", "masked"),
    [
        (f"<![CDATA[{ID}]]>", f"<![CDATA[{MASKED_ID}]]>"),
        (f"<?php echo '{ID}'; ?>", f"<?php echo '{MASKED_ID}'; ?>"),
        (f"<!{ID}>", f"<!{MASKED_ID}>"),
        (f'<img alt="{ID}', f'<img alt="{MASKED_ID}'),  # a tag the end of the file cut off
    ],
)
def test_a_page_publishes_what_it_does_not_show(tmp_path: Path, source: str, masked: str) -> None:
    page = tmp_path / "公示.html"
    page.write_text(f"<html><body>\n<p>名单</p>\n{source}", encoding="utf-8")
    assert [f.to_dict() for f in scan_file(page).findings] == [{"kind": "id_number", "line": 3}]
    assert [m.kind.value for m in mask(page, tmp_path / "out.html")] == ["id_number"]
    assert (tmp_path / "out.html").read_text(encoding="utf-8") == (
        f"<html><body>\n<p>名单</p>\n{masked}"
    )


# ------------------------------------------------------------------ tables

HEADER = "序号,所在建设项目名称,保障性住房类型,房号,面积,套型,保障对象姓名"
RECORD = "1,A小区,公租房,1-1-101,50,一室,张*"


# ------------------------------------------------------------------ .docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def _docx(path: Path, body: str, extra: dict[str, bytes]) -> Path:
    xml = f'<?xml version="1.0"?>\n<w:document xmlns:w="{W}" xmlns:wp="{WP}"><w:body>{body}</w:body></w:document>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", xml)
        for name, data in extra.items():
            z.writestr(name, data)
    return path


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {info.filename: z.read(info) for info in z.infolist()}


CORE = f"<cp:coreProperties xmlns:cp='c'><dc:title xmlns:dc='d'>公示 {ID}</dc:title></cp:coreProperties>"
RELS = "<Relationships><Relationship Id='rId9' Target='tel:13812345678' TargetMode='External'/></Relationships>"
ALT = f'<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" descr="{ID}"/></wp:inline></w:drawing></w:r></w:p>'


def test_a_docx_publishes_its_properties_links_and_alt_texts(tmp_path: Path) -> None:
    path = _docx(
        tmp_path / "a.docx",
        "<w:p><w:r><w:t>名单</w:t></w:r></w:p>" + ALT,
        {"docProps/core.xml": CORE.encode(), "word/_rels/document.xml.rels": RELS.encode()},
    )
    assert [f.to_dict() for f in scan_file(path).findings] == [
        {"kind": "id_number", "part": "document", "paragraph": 2},
        {"kind": "id_number", "part": "docProps/core"},
        {"kind": "phone", "part": "_rels/document.xml.rels"},
    ]
    mask(path, tmp_path / "out.docx")
    after = _members(tmp_path / "out.docx")
    assert after["docProps/core.xml"] == CORE.replace(ID, MASKED_ID).encode()
    assert (
        after["word/_rels/document.xml.rels"] == RELS.replace("13812345678", "138****5678").encode()
    )
    assert f'descr="{MASKED_ID}"'.encode() in after["word/document.xml"]
    assert scan_file(tmp_path / "out.docx").clean


def test_a_docx_without_hidden_numbers_reads_as_before(tmp_path: Path) -> None:
    core = "<cp:coreProperties xmlns:cp='c'><c>2026-09-28T08:00:00Z</c></cp:coreProperties>"
    path = _docx(
        tmp_path / "a.docx",
        "<w:p><w:r><w:t>名单</w:t></w:r></w:p>",
        {"docProps/core.xml": core.encode()},
    )
    assert read(path).text == "名单\n"


def test_a_number_in_an_embedded_workbook_is_not_passed(tmp_path: Path) -> None:
    sheet = f"<sst><si><t>{ID}</t></si></sst>".encode()
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("xl/sharedStrings.xml", sheet)
    body = "<w:p><w:r><w:t>名单</w:t></w:r></w:p>"
    path = _docx(tmp_path / "a.docx", body, {"word/embeddings/Sheet1.xlsx": inner.getvalue()})
    result = scan_file(path)
    assert not result.clean
    # a zip that is no workbook: read as the archive it is, its string table as XML
    assert [(f.kind.value, f.location.member) for f in result.findings] == [
        ("id_number", "word/embeddings/Sheet1.xlsx/xl/sharedStrings.xml")
    ]
    with pytest.raises(MaskUnsupportedError):  # in a file inside the document: refused
        mask(path, tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()
    ole = _docx(tmp_path / "b.docx", body, {"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0"})
    assert not scan_file(ole).clean


def test_a_hidden_number_behind_an_entity_is_found_and_never_written_half_masked(
    tmp_path: Path,
) -> None:
    core = "<cp:coreProperties xmlns:cp='c'><t>110105&#49;9491231002X</t></cp:coreProperties>"
    path = _docx(tmp_path / "a.docx", "<w:p/>", {"docProps/core.xml": core.encode()})
    assert [f.to_dict() for f in scan_file(path).findings] == [
        {"kind": "id_number", "part": "docProps/core"}
    ]
    mask(path, tmp_path / "out.docx")  # the entity is one digit: masked whole (issue 25)
    after = _members(tmp_path / "out.docx")["docProps/core.xml"]
    assert after == core.replace("&#49;9491231", "********").encode()


# ------------------------------------------------------------------ encodings

TABLE = "姓名,身份证号\n张三,11010519491231002X\n"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        # (Unicode text without its BOM is read: tests/test_text_family.py.)
        ("名单.txt", codecs.BOM_UTF32_LE + TABLE.encode("utf-32-le")),  # read as UTF-16 by its BOM
        ("名单.csv", "姓名,身份证号\n".encode() + b"\x00" + TABLE.encode()),
    ],
)
def test_text_zfgk_cannot_read_is_never_clean(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = scan_file(path)
    assert isinstance(result.error, InputError) or result.unread
    assert result.verdict.value == "cannot-check"
    assert main(["mask", str(path), "-o", str(tmp_path / "out.csv")]) == 2
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_a_page_in_utf16_without_its_bom_is_read_and_masked(tmp_path: Path, codec: str) -> None:
    page = tmp_path / "公示.html"
    page.write_bytes("<html><body>\n<p>138<b>1234</b>5678</p>".encode(codec))
    assert [f.to_dict() for f in scan_file(page).findings] == [{"kind": "phone", "line": 2}]
    mask(page, tmp_path / "out.html")
    assert (tmp_path / "out.html").read_bytes() == (
        "<html><body>\n<p>138<b>****</b>5678</p>".encode(codec)
    )


def test_a_page_with_nul_bytes_is_not_clean(tmp_path: Path) -> None:
    page = tmp_path / "公示.html"
    page.write_bytes(b"<html><body><p>1\x003\x008\x001\x002\x003\x004\x005\x006\x007\x008</p>")
    result = scan_file(page)
    assert isinstance(result.error, DocumentError) or result.unread
    assert result.verdict.value == "cannot-check"


# ------------------------------------------------------------------ PDF

LABELLED = Path(__file__).parent / "data" / "documents" / "pages_labelled.pdf"
#: What the fixture's pages hold, by page label (made by tests/data/documents/make_fixtures.py).
ON_PAGES = [{"kind": "id_number", "page": "1"}, {"kind": "phone", "page": "2"}]


def _pdf(tmp_path: Path, change: Callable[[Any], object]) -> Path:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=LABELLED)
    change(writer)
    path = tmp_path / "公示.pdf"
    writer.write(path)
    return path


def test_a_pdf_publishes_its_properties_annotations_and_bookmarks(tmp_path: Path) -> None:
    from pypdf.annotations import Link, Text

    def change(writer: Any) -> None:
        writer.add_metadata({"/Title": f"公示 {ID}"})
        writer.add_annotation(0, Text(text=f"身份证{ID}", rect=(50, 50, 100, 100)))
        writer.add_annotation(2, Link(rect=(50, 50, 100, 100), url="tel:13812345678"))
        writer.add_outline_item(title="张三 139 1234 5678", page_number=1)

    assert [f.to_dict() for f in scan_file(_pdf(tmp_path, change)).findings] == [
        *ON_PAGES,
        {"kind": "id_number", "page": "i"},  # the comment on the first page, labelled i
        {"kind": "phone", "page": "2"},  # the link on the third
        {"kind": "id_number", "page": "(properties)"},
        {"kind": "phone", "page": "(bookmarks)"},
    ]


@pytest.mark.parametrize(
    ("where", "kind"),
    [
        ("page label", "phone"),  # the viewer's page box: "张三 13812345678 p1"
        ("attachment name", "id_number"),  # the attachments pane, the content clean
        ("choice", "phone"),  # a drop-down's options
        ("script", "phone"),  # app.alert on opening
        ("alternate text", "id_number"),  # a figure's /Alt, read aloud
    ],
)
def test_a_pdf_publishes_every_string_of_its_objects(tmp_path: Path, where: str, kind: str) -> None:
    # each was "clean" before: only the texts a viewer names were read
    pypdf = pytest.importorskip("pypdf")
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    def change(writer: Any) -> None:
        root = writer._root_object
        if where == "page label":
            label = DictionaryObject({NameObject("/P"): TextStringObject("张三 13812345678 p")})
            nums = ArrayObject([NumberObject(0), label])
            root[NameObject("/PageLabels")] = DictionaryObject({NameObject("/Nums"): nums})
        elif where == "attachment name":
            writer.add_attachment(f"张三{ID}.txt", b"clean")
        elif where == "choice":
            options = ArrayObject([TextStringObject("张三"), TextStringObject("李四 13812345678")])
            root[NameObject("/ZfgkChoice")] = DictionaryObject({NameObject("/Opt"): options})
        elif where == "script":
            script = DecodedStreamObject()
            script.set_data(b"app.alert('13812345678');")
            action = DictionaryObject(
                {
                    NameObject("/S"): NameObject("/JavaScript"),
                    NameObject("/JS"): writer._add_object(script),
                }
            )
            root[NameObject("/OpenAction")] = writer._add_object(action)
        else:
            figure = DictionaryObject({NameObject("/Alt"): TextStringObject(f"身份证 {ID}")})
            root[NameObject("/ZfgkFigure")] = writer._add_object(figure)

    found = [f.to_dict() for f in scan_file(_pdf(tmp_path, change)).findings]
    pages = ON_PAGES
    if where == "page label":  # every page is labelled so now, its number never shown
        pages = [{**f, "page": "张三 … p"} for f in ON_PAGES]
    assert found == [*pages, {"kind": kind, "page": "(other objects)"}]
    assert pypdf is not None


def test_a_pdf_with_attached_files_is_not_passed(tmp_path: Path) -> None:
    path = _pdf(tmp_path, lambda w: w.add_attachment("名单.csv", f"张三,{ID}\n".encode()))
    result = scan_file(path)
    assert result.error is None  # the attached file is read as a file of its own (issue 25)
    assert [f.to_dict() for f in result.findings] == [
        {"kind": "id_number", "row": 1, "column": "B", "member": "名单.csv"},
        *ON_PAGES,
    ]


# ------------------------------------------------------------------ validation

RECORD_19 = {
    "所在建设项目名称": "A小区",
    "保障性住房类型": "公租房",
    "房号": "1-1-101",
    "面积": "50",
    "套型": "一室",
    "保障对象姓名": "张*",
}


@pytest.mark.parametrize("key", ["房号", "备注"])
def test_a_mobile_number_read_as_a_float_is_unmasked(key: str) -> None:
    report = zfgk.validate(zfgk.load("chongqing").item(19), {**RECORD_19, key: 13812345678.0})
    assert [(p.code.value, p.field) for p in report.problems if not p.warning] == [
        ("unmasked", key)
    ]


def test_a_key_holding_a_number_is_named_without_it_and_unmasked() -> None:
    report = zfgk.validate(zfgk.load("chongqing").item(19), {**RECORD_19, ID: "x"})
    assert [(p.code.value, p.field) for p in report.problems] == [
        ("unknown", "…"),
        ("unmasked", "…"),
    ]
    assert "1949" not in repr(report)


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        (13812345678.0, "138****5678"),
        (110105491231002.0, "110105******002"),  # a 15-digit ID number
        # 18 digits, the last ones lost: as a sheet shows the number (Excel keeps 15 digits)
        (1.1010519491231002e17, "110105********0000"),
    ],
)
def test_a_number_read_as_a_float_is_masked_and_unmasked(value: float, masked: str) -> None:
    item = zfgk.load("chongqing").item(19)
    assert zfgk.mask_record(item, {"备注": value}) == {"备注": masked}
    report = zfgk.validate(item, {**RECORD_19, "备注": value})
    code = "unmasked" if masked.startswith("138") else "stored-as-number"
    assert [(p.code.value, p.field) for p in report.problems] == [
        ("unknown", "备注"),
        (code, "备注"),
    ]


def test_a_small_float_is_left_as_it_is() -> None:
    item = zfgk.load("chongqing").item(19)
    assert zfgk.mask_record(item, {"面积": 56.8, "备注": 20260928.0}) == {
        "面积": 56.8,
        "备注": 20260928.0,
    }


def test_a_json_key_given_twice_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = json.dumps(RECORD_19, ensure_ascii=False)[:-1]
    path = tmp_path / "名单.jsonl"
    path.write_text(f'{record}, "备注": "{ID}", "备注": "无"}}\n', encoding="utf-8")
    assert main(["check", str(path), "--item", "19", "--catalogue", "chongqing"]) == 2
    assert capsys.readouterr().err == (
        f'zfgk: error: {path}: row 1: the key "备注" appears twice in one object\n'
    )


# ------------------------------------------------------------------ not files


def test_a_pipe_or_a_device_is_an_error_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "公示.txt"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        result = scan_file(path)
        assert isinstance(result.error, InputError)
        assert "not a file but a device, a pipe or a socket" in str(result.error)


def test_a_device_is_no_document_to_read() -> None:
    with pytest.raises(InputError, match="not a file but a device"):
        read("/dev/zero", Kind.HTML)


def test_a_column_naming_anyones_id_number_is_masked_whole(tmp_path: Path) -> None:
    path = tmp_path / "名单.csv"
    path.write_text(
        "序号,姓名,配偶身份证号,身份证明材料\n1,张三,1101051949****002X,已提交\n", encoding="utf-8"
    )
    assert main(["mask", str(path), "-o", str(tmp_path / "out.csv")]) == 0
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()[1] == (
        "1,张三,110105********002X,已提交"
    )


def test_check_finds_an_id_number_masked_too_little_in_a_column_not_of_the_item(
    tmp_path: Path,
) -> None:
    path = tmp_path / "名单.csv"
    rows = [f"{RECORD},{value}" for value in ("1101051949****002X", "无", MASKED_ID)]
    path.write_text("\n".join([f"{HEADER},配偶身份证号", *rows, ""]), encoding="utf-8")
    assert main(["check", str(path), "--item", "19", "--catalogue", "chongqing"]) == 1
    report = zfgk.validate(
        zfgk.load("chongqing").item(19), {**RECORD_19, "配偶身份证号": "1101051949****002X"}
    )
    assert [(p.code.value, p.field) for p in report.problems] == [
        ("unknown", "配偶身份证号"),
        ("unmasked", "配偶身份证号"),
    ]
    for value in ("无", MASKED_ID):
        report = zfgk.validate(
            zfgk.load("chongqing").item(19), {**RECORD_19, "配偶身份证号": value}
        )
        assert [p.code.value for p in report.problems] == ["unknown"]


def test_a_title_note_never_prints_a_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "名单.csv"
    path.write_text(f"公示 {ID}\n{HEADER}\n{RECORD}\n", encoding="utf-8")
    main(["check", str(path), "--item", "19", "--catalogue", "chongqing"])
    out = capsys.readouterr().out
    assert "  note: row 1: title 公示 …, not a record\n" in out
    assert "1949" not in out
