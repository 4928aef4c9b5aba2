"""Excel's ids on a sheet's and a workbook's XML outside the cells are no person's numbers.

Excel 2016 and later writes a GUID on many an element outside a sheet's cells:
``xr:uid`` on the worksheet and on its data validations, ``id`` on a
conditional format's rule (and ``<x14:id>`` pointing to it), and a
``documentId="13_ncr:1_{…}"`` on the workbook's revisions.  A GUID's
hexadecimal digits hold 11 decimal digits in a row (or ``138-1234-5678``
split by its hyphens) in about one book of a few thousand: a false alarm,
and a book zfgk refused to mask.  The book is written by openpyxl and the
elements put in as Excel writes them (their shapes copied from a sheet that
Excel 365 saved); a number a person wrote outside the cells is still found.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import zfgk

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("python_calamine")

#: GUIDs whose digits a person's number reader takes for a mobile number (checked by hand:
#: "E1381234-5678" is 1381234-5678 after a letter; "A13812345678" is 13812345678 after one).
GUID_SPLIT = "{E1381234-5678-4ABC-8DEF-0123456789AB}"
GUID_WHOLE = "{00000000-0001-0000-0000-A13812345678}"
XR = 'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision"'
X14 = 'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"'
XM = 'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"'

#: A conditional format as Excel writes one with a data bar: the rule in the sheet, its
#: extension (with the same id) in the sheet's extLst.
RULE = (
    '<conditionalFormatting sqref="B2:B3"><cfRule type="dataBar" priority="1">'
    '<dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar>'
    f'<extLst><ext uri="{{B025F937-C7B1-47D3-B67F-A62EFF666E3E}}" {X14}>'
    f"<x14:id>{GUID_WHOLE}</x14:id></ext></extLst></cfRule></conditionalFormatting>"
)
EXTENSIONS = (
    f'<extLst><ext uri="{{78C0D931-6437-407d-A8EE-F0AAD7539E65}}" {X14}>'
    f"<x14:conditionalFormattings><x14:conditionalFormatting {XM}>"
    f'<x14:cfRule type="dataBar" id="{GUID_WHOLE}"><x14:dataBar minLength="0" maxLength="100">'
    '<x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/></x14:dataBar></x14:cfRule>'
    "<xm:sqref>B2:B3</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings>"
    "</ext>"
    f'<ext uri="{{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}}" {X14}>'
    f'<x14:dataValidations count="1" {XM}>'
    f'<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" {XR} '
    f'xr:uid="{GUID_SPLIT}"><x14:formula1><xm:f>Sheet2!$A$1:$A$3</xm:f></x14:formula1>'
    "<xm:sqref>B2:B9</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>"
)
REVISIONS = (
    '<xr:revisionPtr xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
    f'revIDLastSave="0" documentId="13_ncr:1_{GUID_SPLIT}" '
    'xr10:uidLastSave="{00000000-0000-0000-0000-000000000000}" '
    'xmlns:xr10="http://schemas.microsoft.com/office/spreadsheetml/2016/revision10"/>'
)


def _book(path: Path, sheet: Callable[[str], str], workbook: Callable[[str], str]) -> Path:
    """An openpyxl workbook, its sheet's and workbook's XML changed by ``sheet``, ``workbook``."""
    source = openpyxl.Workbook()
    cells = source.active
    assert cells is not None
    cells.title = "名单"
    cells.append(["姓名", "小区"])
    cells.append(["张*", "民心佳园"])
    data = io.BytesIO()
    source.save(data)
    with zipfile.ZipFile(data) as book, zipfile.ZipFile(path, "w") as out:
        for info in book.infolist():
            part = book.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                part = sheet(part.decode()).encode()
            elif info.filename == "xl/workbook.xml":
                part = workbook(part.decode()).encode()
            out.writestr(info, part)
    return path


def _with_excel_ids(text: str, before_end: str = "") -> str:
    """A sheet with Excel's ids: on itself, a conditional format's rule, a data validation."""
    text = text.replace("<worksheet ", f'<worksheet {XR} xr:uid="{GUID_SPLIT}" ', 1)
    text = text.replace("<pageMargins ", RULE + "<pageMargins ", 1)
    return text.replace("</worksheet>", before_end + EXTENSIONS + "</worksheet>")


def _with_revisions(text: str) -> str:
    return text.replace("<bookViews>", REVISIONS + "<bookViews>", 1)


def _found(path: Path) -> list[tuple[str, str]]:
    result = zfgk.scan_file(path)
    assert result.error is None
    return [(f.kind.value, str(f.location)) for f in result.findings]


def test_excel_ids_outside_the_cells_are_no_numbers(tmp_path: Path) -> None:
    path = _book(tmp_path / "名单.xlsx", _with_excel_ids, _with_revisions)
    assert GUID_SPLIT.encode() in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    assert _found(path) == []
    zfgk.mask_file(path, tmp_path / "公示.xlsx")  # nothing to hide: written, not refused
    assert (tmp_path / "公示.xlsx").exists()


@pytest.mark.parametrize(
    "outside",
    [
        '<ext uri="{X}"><note tip="联系电话 13812345678"/></ext>',  # an attribute, no GUID
        '<ext uri="{X}"><note>核实人 13812345678</note></ext>',  # a text
        f'<ext uri="{{X}}"><note tip="{GUID_WHOLE} 13812345678"/></ext>',  # beside a GUID
        f'<ext uri="{{X}}"><note tip="13812345678{GUID_WHOLE}"/></ext>',  # against its brace
    ],
    ids=["attribute", "text", "beside", "against"],
)
def test_a_number_outside_the_cells_is_still_found(outside: str, tmp_path: Path) -> None:
    def sheet(text: str) -> str:
        return text.replace("</worksheet>", f"<extLst>{outside}</extLst></worksheet>")

    path = _book(tmp_path / "名单.xlsx", sheet, _with_revisions)
    assert _found(path) == [("phone", "xl/worksheets/sheet1.xml")]


def test_a_number_beside_excel_ids_in_the_workbook_is_still_found(tmp_path: Path) -> None:
    def workbook(text: str) -> str:
        return _with_revisions(text).replace('revIDLastSave="0"', 'revIDLastSave="13812345678"')

    path = _book(tmp_path / "名单.xlsx", _with_excel_ids, workbook)
    assert _found(path) == [("phone", "xl/workbook.xml")]


#: WPS writes an ``ICV`` property (32 hexadecimal digits and ``_12``) in the custom properties
#: of every file it saves; this one holds 13812345678 (a reviewer's: about 1 in 590 do).
ICV = "3D3104DE13812345678AB089CA30F63C_12"
CUSTOM = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer">'
    "<vt:lpwstr>2052-12.1.0.16120</vt:lpwstr></property>"
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="{name}">'
    "<vt:lpwstr>{value}</vt:lpwstr></property></Properties>"
)


def _with_member(source: bytes, path: Path, name: str, data: str) -> Path:
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(path, "w") as new:
        for info in old.infolist():
            new.writestr(info, old.read(info))
        new.writestr(name, data.encode())
    return path


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_wps_icv_property_is_no_number_but_a_property_a_person_wrote_is(
    kind: str, tmp_path: Path
) -> None:
    if kind == "xlsx":
        book = openpyxl.Workbook()
        book.active.append(["姓名", "小区"])
        out = io.BytesIO()
        book.save(out)
    else:
        docx = pytest.importorskip("docx")
        document = docx.Document()
        document.add_paragraph("公租房配租结果公示")
        out = io.BytesIO()
        document.save(out)
    icv = CUSTOM.replace("{name}", "ICV").replace("{value}", ICV)
    path = _with_member(out.getvalue(), tmp_path / f"公示.{kind}", "docProps/custom.xml", icv)
    assert zfgk.files.scan_file(path).findings == ()
    written = CUSTOM.replace("{name}", "联系电话").replace("{value}", "13812345678")
    path = _with_member(out.getvalue(), tmp_path / f"电话.{kind}", "docProps/custom.xml", written)
    assert [f.kind.value for f in zfgk.files.scan_file(path).findings] == ["phone"]


def test_words_document_id_is_no_number(tmp_path: Path) -> None:
    # Word 2013 and later writes <w15:docId w15:val="{GUID}"/> in word/settings.xml
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("公租房配租结果公示")
    out = io.BytesIO()
    document.save(out)
    path = tmp_path / "公示.docx"
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as old, zipfile.ZipFile(path, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "word/settings.xml":
                tag = (
                    '<w15:docId xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"'
                    f' w15:val="{GUID_SPLIT}"/>'
                )
                data = data.replace(b"</w:settings>", tag.encode() + b"</w:settings>")
                assert GUID_SPLIT.encode() in data
            new.writestr(info, data)
    assert zfgk.files.scan_file(path).findings == ()
