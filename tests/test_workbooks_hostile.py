"""Hostile and broken workbooks given to the editor: one clear error, nothing written, no traceback.

The bomb limits hold while the sheets stream (the directory's sizes and
ratios, no document type in any part, never past a part's declared size),
and a damaged zip is said to be damaged, whichever part is broken.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from zfgk.errors import InputError
from zfgk.workbooks import SheetEdits, edit_workbook, mask_cells

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ROWS = "".join(
    f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>第{r}行</t></is></c></row>'
    for r in range(1, 400)
)


def workbook(path: Path, sheet: str, *, styles: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        rels = f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        if styles is not None:
            rels += f'<Relationship Id="rId2" Type="{REL}/styles" Target="styles.xml"/>'
            z.writestr("xl/styles.xml", styles)
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
        )
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def sheet(rows: str = ROWS) -> str:
    return f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'


CHANGE = {"名单": SheetEdits(replace=[(2, 1, "改")])}


def test_a_sound_workbook_to_start_from(tmp_path: Path) -> None:
    source = workbook(tmp_path / "a.xlsx", sheet())
    edit_workbook(source, tmp_path / "b.xlsx", CHANGE)
    assert (tmp_path / "b.xlsx").exists()


def test_a_zip_bomb_is_refused_before_it_inflates(tmp_path: Path) -> None:
    rows = '<row r="1"><c r="A1"><v>1</v></c></row>' + " " * 60_000_000
    source = workbook(tmp_path / "a.xlsx", sheet(rows))
    with pytest.raises(InputError, match=r"inflates .* times its size"):
        edit_workbook(source, tmp_path / "b.xlsx", CHANGE)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx"]


def test_a_document_type_is_refused(tmp_path: Path) -> None:
    laughs = '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]>' + sheet()
    source = workbook(tmp_path / "a.xlsx", laughs)
    with pytest.raises(InputError, match="declares a document type"):
        edit_workbook(source, tmp_path / "b.xlsx", CHANGE)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx"]


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
def test_a_truncated_workbook_is_damaged(tmp_path: Path, keep: float) -> None:
    whole = workbook(tmp_path / "whole.xlsx", sheet()).read_bytes()
    source = tmp_path / "a.xlsx"
    source.write_bytes(whole[: int(len(whole) * keep)])
    with pytest.raises(InputError, match="damaged or truncated"):
        edit_workbook(source, tmp_path / "b.xlsx", CHANGE)
    assert not (tmp_path / "b.xlsx").exists()


def test_a_sheet_whose_bytes_are_spoilt_is_damaged(tmp_path: Path) -> None:
    source = workbook(tmp_path / "a.xlsx", sheet())
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    middle = info.header_offset + 30 + len(info.filename.encode()) + info.compress_size // 2
    data[middle : middle + 8] = bytes(8)  # the deflate stream or its CRC no longer agree
    source.write_bytes(bytes(data))
    with pytest.raises(InputError, match="damaged or truncated"):
        edit_workbook(source, tmp_path / "b.xlsx", CHANGE)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx"]


def test_not_a_zip_at_all(tmp_path: Path) -> None:
    source = tmp_path / "a.xlsx"
    source.write_bytes(b"PK\x03\x04" + bytes(200))
    with pytest.raises(InputError):
        mask_cells(source, tmp_path / "b.xlsx", {})
    assert not (tmp_path / "b.xlsx").exists()


def test_a_part_too_big_to_edit_whole_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zfgk.workbooks import _archive

    monkeypatch.setattr(_archive, "MAX_PART", 1000)
    styles = f'<styleSheet xmlns="{MAIN}">' + "<!-- padding -->" * 200 + "</styleSheet>"
    source = workbook(tmp_path / "a.xlsx", sheet(), styles=styles)
    with pytest.raises(
        InputError, match=r"the part xl/styles\.xml is 0 MB, more than zfgk edits whole"
    ):
        edit_workbook(source, tmp_path / "b.xlsx", CHANGE)


def test_a_password_protected_zip_is_refused(tmp_path: Path) -> None:
    source = workbook(tmp_path / "a.xlsx", sheet())
    data = bytearray(source.read_bytes())
    # Set the "encrypted" flag of every entry, in its local header and the directory.
    position = 0
    while (position := data.find(b"PK\x03\x04", position)) >= 0:
        data[position + 6] |= 1
        position += 4
    position = 0
    while (position := data.find(b"PK\x01\x02", position)) >= 0:
        data[position + 8] |= 1
        position += 4
    source.write_bytes(bytes(data))
    with pytest.raises(InputError, match="protected by a password"):
        edit_workbook(source, tmp_path / "b.xlsx", CHANGE)


def test_a_sheet_cut_inside_its_cells(tmp_path: Path) -> None:
    cut = f'<worksheet xmlns="{MAIN}"><sheetData>{ROWS}'
    source = workbook(tmp_path / "a.xlsx", cut)
    with pytest.raises(InputError, match="ends inside its cells"):
        edit_workbook(source, tmp_path / "b.xlsx", CHANGE)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx"]
