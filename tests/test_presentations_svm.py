"""LibreOffice's StarView metafiles (.svm, the picture of a table an .odp keeps) read by the
text they draw, no longer "cannot check".

table.odp and split-runs.odp are LibreOffice's (tools/make_ppt_fixtures.py): a table of
names and masked ID numbers, and split-runs.pptx's slide whose table holds 11010519 and
491231002X in two runs of one cell.  Their thumbnail (read only by OCR) is taken out.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

from zfgk.documents._svm import _NOT_READ
from zfgk.documents._vector import read_vector
from zfgk.files import Verdict, scan_file

DATA = Path(__file__).parent / "data" / "presentations"
PREVIEW = "Pictures/TablePreview1.svm"


def _without_thumbnail(path: Path, folder: Path) -> Path:
    copy = folder / path.name
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(copy, "w") as new:
        for info in old.infolist():
            if not info.filename.startswith("Thumbnails/"):
                new.writestr(info, old.read(info))
    return copy


def test_a_clean_table_s_picture_is_clean(tmp_path: Path) -> None:
    path = _without_thumbnail(DATA / "table.odp", tmp_path)
    with zipfile.ZipFile(path) as package:
        assert PREVIEW in package.namelist()
    result = scan_file(path)
    assert result.unread == ()
    assert result.verdict is Verdict.CLEAN


def test_a_number_a_table_s_picture_draws_is_found(tmp_path: Path) -> None:
    # LibreOffice draws the cell's two runs as two pieces of one string (11010519, then
    # 491231002X): read as drawn, one number on the picture's second line.
    path = _without_thumbnail(DATA / "split-runs.odp", tmp_path)
    result = scan_file(path)
    assert ("id_number", f"{PREVIEW}: line 2") in [
        (f.kind.value, str(f.location)) for f in result.findings
    ]
    assert result.unread == ()
    with zipfile.ZipFile(path) as package:
        assert read_vector(package.read(PREVIEW)).lines == (
            "姓名 身份证号",
            "李四 11010519491231002X",
        )


def _action(kind: int, body: bytes, version: int = 2) -> bytes:
    return struct.pack("<HHI", kind, version, len(body)) + body


def _svm(*actions: bytes) -> bytes:
    header = struct.pack("<IHI", 0, 1, 0) + bytes(8) + struct.pack("<I", len(actions))
    return b"VCLMTF" + struct.pack("<HI", 1, len(header)) + header + b"".join(actions)


def _font(height: int, charset: int) -> bytes:
    name = b"SimSun"
    body = bytes(6) + struct.pack("<H", len(name)) + name + struct.pack("<H", 0)
    return _action(138, body + struct.pack("<iiH", 0, height, charset))


def _text(x: int, y: int, text: str) -> bytes:
    """A META_TEXT_ACTION of version 1: its string in 8 bits only."""
    data = text.encode("latin-1")
    body = struct.pack("<iiH", x, y, len(data)) + data + struct.pack("<HH", 0, len(data))
    return _action(112, body, version=1)


def test_pieces_drawn_side_by_side_are_read_as_one_line(tmp_path: Path) -> None:
    # 1381234 and 5678 drawn one after the other on one baseline (8-bit strings): 13812345678;
    # a line below, a landline stays a landline.
    svm = _svm(
        _font(100, 0),
        _text(1000, 1000, "Tel 1381234"),
        _text(1550, 1000, "5678"),
        _text(1000, 1400, "023-67654321"),
    )
    assert read_vector(svm).lines == ("Tel 13812345678", "023-67654321")
    path = tmp_path / "图.svm"
    path.write_bytes(svm)
    assert [f.kind.value for f in scan_file(path).findings] == ["phone"]


def test_what_an_svm_draws_that_cannot_be_read_is_cannot_check(tmp_path: Path) -> None:
    # An EPS (PostScript, its text not read) is unread; so is an SVM cut short.
    eps = _svm(_font(100, 0), _text(0, 100, "Notice"), _action(143, b"%!PS 13812345678"))
    assert [m.template for m in read_vector(eps).unread] == [_NOT_READ]
    assert read_vector(eps).lines == ("Notice",)
    cut = _svm(_text(0, 100, "13812345678"))[:-4]
    path = tmp_path / "图.svm"
    path.write_bytes(cut)
    assert scan_file(path).verdict is Verdict.CANNOT_CHECK
