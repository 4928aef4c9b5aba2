"""Files a user can hand zfgk that are not honest workbooks: each ends in one clear error.

Every hostile file is made here, at test time: a zip bomb (a part that
inflates a thousandfold), a zip whose directory lies about a part's size,
XML bombs (nested entities), a sheet with a cell at the far corner (a
reader allocates every cell up to it), truncated files, and files that are
not workbooks at all.  Each must be refused with an InputError naming the
file, quickly and in bounded memory, before any parser expands it.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest

from tests.xlsb import write_xlsb
from zfgk.errors import InputError
from zfgk.tables import check_zip, read_table, stream_sheets

OFFICERS = Path(__file__).parent / "data" / "officers"
SHEET = "xl/worksheets/sheet1.xml"
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


def workbook(tmp_path: Path, name: str = "base.xlsx") -> Path:
    path = tmp_path / name
    book = openpyxl.Workbook()
    for row in (["姓名", "房号"], ["张*", "1-101"]):
        book.active.append(row)
    book.save(path)
    return path


def rewrite(src: Path, dst: Path, parts: dict[str, bytes]) -> Path:
    """A copy of the zip ``src`` with some parts replaced (or added)."""
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, parts.pop(info.filename, old.read(info.filename)))
        for name, data in parts.items():
            new.writestr(name, data)
    return dst


def sheet_xml(src: Path) -> str:
    with zipfile.ZipFile(src) as z:
        return z.read(SHEET).decode()


def refused(path: Path, match: str) -> None:
    with pytest.raises(InputError, match=match) as caught:
        list(read_table(path).lists())
    assert str(path) in str(caught.value)


def test_zip_bomb(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    shutil.copy(workbook(tmp_path), path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z, z.open("xl/bomb.xml", "w") as f:
        for _ in range(64):
            f.write(b" " * (1 << 20))
    refused(path, "inflates .* times its size")


def liar(src: Path, dst: Path, part: str, declared: int) -> Path:
    """A copy of ``src`` whose directory says ``part`` inflates to ``declared`` bytes."""
    out = bytearray()
    central = bytearray()
    with zipfile.ZipFile(src) as z:
        for info in z.infolist():
            data = z.read(info.filename)
            packer = zlib.compressobj(6, zlib.DEFLATED, -15)
            packed = packer.compress(data) + packer.flush()
            size = declared if info.filename == part else len(data)
            name = info.filename.encode()
            fields = (20, 0, 8, 0, 0, zlib.crc32(data), len(packed), size, len(name))
            central += (
                struct.pack(
                    "<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, 0, len(out)
                )
                + name
            )
            out += struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", *fields, 0) + name + packed
    count = len(central) and len(z.infolist())
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, count, count, len(central), len(out), 0)
    dst.write_bytes(bytes(out + central + end))
    return dst


def test_a_part_larger_than_declared(tmp_path: Path) -> None:
    src = workbook(tmp_path)
    noise = "<!--" + os.urandom(2_000_000).hex() + "-->"  # does not compress: no bomb
    big = sheet_xml(src).replace("<sheetData>", "<sheetData>" + noise)
    src = rewrite(src, tmp_path / "big.xlsx", {SHEET: big.encode()})
    refused(liar(src, tmp_path / "liar.xlsx", SHEET, 5000), "damaged or truncated")
    strings = rewrite(src, tmp_path / "s.xlsx", {"xl/extra.xml": f"<a>{noise}</a>".encode()})
    refused(liar(strings, tmp_path / "liar2.xlsx", "xl/extra.xml", 10), "damaged or truncated")


def test_a_part_declared_to_inflate_to_gigabytes(tmp_path: Path) -> None:
    path = liar(workbook(tmp_path), tmp_path / "huge.xlsx", SHEET, 2_000_000_000)
    refused(path, "inflates .* times its size")


@pytest.mark.parametrize("part", [SHEET, "xl/sharedStrings.xml", "xl/workbook.xml"])
def test_xml_bomb(tmp_path: Path, part: str) -> None:
    src = workbook(tmp_path)
    with zipfile.ZipFile(src) as z:
        body = z.read(part).decode() if part in z.namelist() else "<sst/>"
    body = LAUGHS + body.split("?>", 1)[-1] if body.startswith("<?xml") else LAUGHS + body
    path = rewrite(src, tmp_path / "laughs.xlsx", {part: body.replace("张*", "&lol9;").encode()})
    refused(path, "declares a document type")


def far_xlsx(tmp_path: Path) -> Path:
    """The workbook with a last row at Excel's far corner, XFD1048576."""
    src = workbook(tmp_path)
    corner = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>角</t></is></c></row>'
    far = sheet_xml(src).replace("</sheetData>", corner + "</sheetData>")
    return rewrite(src, tmp_path / "far.xlsx", {SHEET: far.encode()})


def test_a_cell_at_the_far_corner(tmp_path: Path) -> None:
    # An .xlsx is streamed a row at a time: a sheet as large as Excel's is read, not refused
    # (calamine, which allocates every cell between the first and the last, is not used).
    far = far_xlsx(tmp_path)
    sheet = next(stream_sheets(far))
    rows = dict(sheet.rows)
    assert rows[1048576][-1] == "角"
    assert sheet.first_column + len(rows[1048576]) - 1 == 16384  # in column XFD
    # Past Excel's last row, the file is damaged.
    past = sheet_xml(workbook(tmp_path)).replace(
        "</sheetData>", '<row r="1048577"><c r="A1048577"><v>1</v></c></row></sheetData>'
    )
    refused(rewrite(workbook(tmp_path), tmp_path / "past.xlsx", {SHEET: past.encode()}), "damaged")


def far_xls(tmp_path: Path) -> Path:
    """item22-clean.xls with its first text cell (a LABELSST record) moved to IV65536."""
    data = bytearray((OFFICERS / "item22-clean.xls").read_bytes())
    at = data.index(b"\xfd\x00\x0a\x00")
    data[at + 4 : at + 8] = b"\xff\xff\xff\x00"  # row 65535, column 255
    path = tmp_path / "far.xls"
    path.write_bytes(data)
    return path


def test_an_xls_cell_at_the_far_corner(tmp_path: Path) -> None:
    refused(far_xls(tmp_path), "65536 rows and 256 columns")


def repeated_ods(tmp_path: Path) -> Path:
    """item22-clean.ods with a row of 16,000 filled cells, repeated 100,000 times: 74 bytes."""
    with zipfile.ZipFile(OFFICERS / "item22-clean.ods") as z:
        content = z.read("content.xml").decode()
    row = (
        '<table:table-row table:number-rows-repeated="100000"><table:table-cell '
        'table:number-columns-repeated="16000" office:value-type="string"><text:p>x</text:p>'
        "</table:table-cell></table:table-row>"
    )
    content = content.replace("</table:table>", row + "</table:table>", 1)
    return rewrite(
        OFFICERS / "item22-clean.ods", tmp_path / "repeated.ods", {"content.xml": content.encode()}
    )


def test_an_ods_row_repeated_into_billions_of_cells(tmp_path: Path) -> None:
    refused(repeated_ods(tmp_path), "rows and 16000 columns")


def test_an_xlsb_cell_at_the_far_corner(tmp_path: Path) -> None:
    far = write_xlsb(tmp_path / "far.xlsb", [(0, 0, 1.0), (1_048_575, 16_383, 2.0)])
    refused(far, "1048576 rows and 16384 columns")


def test_the_guard_leaves_honest_sheets_alone(tmp_path: Path) -> None:
    # Wide and long enough to need the exact extent, not so big as to be refused.
    book = openpyxl.Workbook()
    for row in range(1, 3):
        book.active.append([f"{row}-{column}" for column in range(1, 40)])
    book.active["AM120000"] = "x"
    book.save(tmp_path / "wide.xlsx")
    check_zip(tmp_path / "wide.xlsx")


@pytest.mark.parametrize("name", ["item22-clean.xlsx", "item22-clean.xls", "item22-clean.ods"])
def test_truncated(tmp_path: Path, name: str) -> None:
    data = (OFFICERS / name).read_bytes()
    for cut in (len(data) // 2, len(data) - 30):
        path = tmp_path / name
        path.write_bytes(data[:cut])
        refused(path, "damaged or truncated")


def test_a_wps_et_is_read_as_the_xls_it_is(tmp_path: Path) -> None:
    # WPS Spreadsheets saves an .et as an Excel 97-2003 workbook (a compound file whose
    # Workbook stream is BIFF8): read as one, rows and all, as the same book named .xls
    from zfgk.tables import read_table

    et = tmp_path / "名单.et"
    shutil.copy(OFFICERS / "item22-clean.xls", et)
    assert list(read_table(et).lists()) == list(read_table(OFFICERS / "item22-clean.xls").lists())
    from zfgk.documents._doc import _compound_file

    et.write_bytes(_compound_file("Contents", bytes(64)))  # an .et of another shape
    refused(et, "a WPS Spreadsheets file, .* save it as .xlsx")


def test_not_workbooks(tmp_path: Path) -> None:
    png = tmp_path / "名单.xls"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    refused(png, "binary data, .* save it as .xlsx")
    html = tmp_path / "导出.xls"
    html.write_text("<html><table><tr><td>姓名</td></tr></table></html>", encoding="utf-8")
    refused(html, "a web page or XML file named as a workbook")
    docx = tmp_path / "名单.xlsx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    refused(docx, "a zip file that is not a workbook")


def test_a_csv_named_xls_reads_as_text(tmp_path: Path) -> None:
    path = tmp_path / "导出.xls"
    path.write_text("姓名,房号\n张*,1-101\n", encoding="gb18030")
    assert list(read_table(path).lists()) == [(2, ["张*", "1-101"])]


def test_bounded_memory(tmp_path: Path) -> None:
    """Each hostile file is refused (the far corner of an .xlsx read) by a fresh process that
    stays well under 400 MB."""
    src = workbook(tmp_path)
    far = far_xlsx(tmp_path)  # read, not refused: streamed
    bomb = tmp_path / "bomb.xlsx"
    shutil.copy(src, bomb)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as z, z.open(SHEET + ".big", "w") as f:
        for _ in range(256):
            f.write(b" " * (1 << 20))
    laughs = rewrite(src, tmp_path / "laughs.xlsx", {SHEET: (LAUGHS + sheet_xml(src)).encode()})
    code = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from zfgk.errors import InputError\n"
        "from zfgk.tables import read_table\n"
        "assert list(read_table(Path(sys.argv[1])).lists())\n"
        "for name in sys.argv[2:]:\n"
        "    try:\n"
        "        list(read_table(Path(name)).lists())\n"
        "    except InputError:\n"
        "        pass\n"
        "    else:\n"
        "        raise SystemExit(name + ' was read')\n"
        # This process's peak (kB): Linux's ru_maxrss keeps the peak of the process that
        # started it (a test worker that ran OCR holds 1 GB), VmHWM is this program's own.
        "try:\n"
        "    print(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1])\n"
        "except (OSError, StopIteration):\n"
        "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            str(far),
            str(bomb),
            str(laughs),
            str(far_xls(tmp_path)),
            str(repeated_ods(tmp_path)),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert int(done.stdout) < 400 * 1024  # kilobytes


def test_a_gt_inside_a_cells_attribute_is_cannot_check(tmp_path: Path) -> None:
    """Well-formed XML no spreadsheet program writes: a ``>`` inside an attribute's value cut
    the cell's tag short, and its ID number was read as an empty number ("clean")."""
    from zfgk.cli import main

    src = workbook(tmp_path)

    def noted(note: str, name: str) -> Path:
        xml = (
            sheet_xml(src)
            .replace(
                '<c r="B2" t="inlineStr">',
                f'<c r="B2" x:note="{note}" t="inlineStr" xmlns:x="urn:x">',
            )
            .replace("1-101", "11010519491231002X")
        )
        return rewrite(src, tmp_path / name, {SHEET: xml.encode()})

    assert main(["scan", str(noted("a&gt;b", "escaped.xlsx"))]) == 1  # read, and found
    bare = noted("a>b", "bare.xlsx")
    refused(bare, "attribute holds '>'")
    assert main(["scan", str(bare)]) == 2
