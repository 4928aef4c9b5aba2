"""PowerPoint 97-2003 presentations (.ppt) read by their text, no longer "cannot check" whole.

The fixtures (tools/make_ppt_fixtures.py) are LibreOffice's .ppt of
tests/data/presentations/split-runs.pptx and clean.pptx (python-pptx), and of a
presentation with a link to ``tel:13812345678`` and a second slide with notes; the answers
are read off that script.  The bitmap of the first slide LibreOffice keeps in the
properties is read by OCR where it is installed (seconds): these tests read without it.
"""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import pytest

from zfgk.cli import main
from zfgk.documents import open_document
from zfgk.documents._doc import _compound_file
from zfgk.errors import DocumentError, MaskUnsupportedError
from zfgk.files import Verdict, mask_file, scan_file

DATA = Path(__file__).parent / "data" / "presentations"


@pytest.fixture(autouse=True)
def _no_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("zfgk.documents._embedded.ocr_installed", lambda: False)


def _ppt(name: str, folder: Path) -> Path:
    path = folder / f"{name}.ppt"
    path.write_bytes(gzip.decompress((DATA / f"{name}.ppt.gz").read_bytes()))
    return path


def _places(path: Path) -> list[tuple[str, str]]:
    return [(f.kind.value, str(f.location)) for f in scan_file(path).findings]


def test_a_ppt_s_slides_tables_and_notes_are_read(tmp_path: Path) -> None:
    # split-runs.pptx: a mobile number in two runs of slide 1's text box (its paragraph 2,
    # after the title), an ID number in the table's last cell (title, two paragraphs, three
    # cells before it), a mobile number in the notes; the landline and the date are not.
    path = _ppt("split-runs", tmp_path)
    assert _places(path) == [
        ("phone", "slide 1, paragraph 2"),
        ("id_number", "slide 1, paragraph 7"),
        ("phone", "notes 1, paragraph 1"),
    ]
    assert scan_file(path).unread == ()
    text = open_document(path).text
    assert "办公室电话 023-67654321，2026年9月28日" in text


def test_a_clean_ppt_is_clean(tmp_path: Path) -> None:
    # Before, every .ppt was "cannot check" (exit 2) whole.
    path = _ppt("clean", tmp_path)
    assert scan_file(path).verdict is Verdict.CLEAN
    assert main(["scan", str(path)]) == 0


def test_a_link_s_address_and_a_later_slide_are_read(tmp_path: Path) -> None:
    # links: tel:13812345678 (the link's text and address, both kept as its strings), slide 2
    # a mobile number typed in two runs, a landline, a date, a credit code; notes of slide 2.
    path = _ppt("links", tmp_path)
    assert _places(path) == [
        ("phone", "hyperlink, paragraph 1"),
        ("phone", "hyperlink, paragraph 2"),
        ("phone", "slide 2, paragraph 2"),
        ("phone", "notes 2, paragraph 1"),
    ]
    assert main(["--lang", "zh", "scan", str(path)]) == 1


def test_masking_a_ppt_refuses(tmp_path: Path) -> None:
    path = _ppt("split-runs", tmp_path)
    with pytest.raises(MaskUnsupportedError):
        mask_file(path, tmp_path / "out.ppt")
    assert not (tmp_path / "out.ppt").exists()


def _record(kind: int, body: bytes, *, container: bool = False, instance: int = 0) -> bytes:
    return struct.pack("<HHI", instance << 4 | (0xF if container else 0), kind, len(body)) + body


def _hand_made(folder: Path, records: bytes) -> Path:
    path = folder / "手写.ppt"
    path.write_bytes(_compound_file("PowerPoint Document", records))
    return path


def test_a_number_outside_the_text_atoms_is_found(tmp_path: Path) -> None:
    # A shape's alternative text is kept in its OfficeArt properties (UTF-16), no text atom:
    # the stream is read for a full number too.
    text = _record(0x0FA0, "公示".encode("utf-16-le"))
    alt = _record(0xF00B, b"\x00" * 6 + "经办人 15812345678".encode("utf-16-le"))
    path = _hand_made(tmp_path, _record(0x03E8, text + alt, container=True))
    assert [kind for kind, _ in _places(path)] == ["phone"]
    bare = _hand_made(tmp_path, _record(0x03E8, text, container=True))
    assert scan_file(bare).verdict is Verdict.CLEAN


def test_a_text_of_bytes_is_read(tmp_path: Path) -> None:
    text = _record(0x0FA8, b"Tel 13812345678\r")
    path = _hand_made(tmp_path, _record(0x03E8, text, container=True))
    assert [kind for kind, _ in _places(path)] == ["phone"]


def test_a_protected_ppt_is_cannot_check(tmp_path: Path) -> None:
    crypt = _record(0x2F14, _record(0x0FA0, "x".encode("utf-16-le")), container=True)
    path = _hand_made(tmp_path, _record(0x03E8, crypt, container=True))
    result = scan_file(path)
    assert result.verdict is Verdict.CANNOT_CHECK
    assert "protected by a password" in result.unread[0].describe()


def test_a_damaged_ppt_is_said_damaged(tmp_path: Path) -> None:
    path = _hand_made(tmp_path, struct.pack("<HHI", 0xF, 0x03E8, 10_000) + bytes(8))
    with pytest.raises(DocumentError, match="damaged PowerPoint"):
        open_document(path)
    assert main(["scan", str(path)]) == 2


def test_an_ole_file_of_no_kind_stays_cannot_check(tmp_path: Path) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(_compound_file("Contents", b"13812345678"))
    assert scan_file(path).verdict is Verdict.CANNOT_CHECK


#: The pictures a reviewer put in a LibreOffice .ppt as blips of their own kind: a 700 x 120,
#: 24-bit bitmap drawing "Tel 13812345678" (as a DIB: the .bmp file less its 14-byte header)
#: and the same drawing as a TIFF; the files' SHA-256, as Pillow wrote them.
ORIGINALS = {
    "dib_blip": "0770bfae266c96e4586f7c018e464b244eb53447091968f92a9b2815ad945ec4",
    "tiff_blip": "589ca36c382386e0b4fa9ba7994a9357b2019e23118fc86cb8bc1d4389e3018f",
}


@pytest.mark.parametrize("name", sorted(ORIGINALS))
def test_a_bitmap_or_tiff_kept_as_a_blip_is_read_as_the_picture_it_is(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Found by no signature, such a picture was passed over and the file called clean, though
    # LibreOffice shows the number; now each is read as the very file it was made from
    import hashlib

    from zfgk.documents import _ppt as reader

    read: list[bytes] = []

    def keep(picture: bytes) -> bool:
        read.append(picture)
        return False

    monkeypatch.setattr(reader, "read_picture", keep)
    scan_file(_ppt(name, tmp_path))
    assert ORIGINALS[name] in {hashlib.sha256(picture).hexdigest() for picture in read}


def test_a_chart_object_libreoffice_keeps_is_read_as_its_package(tmp_path: Path) -> None:
    # A reviewer's LibreOffice .ppt of a slide with a table and a chart, no number: the
    # chart's storage keeps its OpenDocument in a package_stream, which was "cannot check
    # object 1" (read as an old binary Office file); it is read as the package it is
    result = scan_file(_ppt("chart_object", tmp_path))
    assert (result.findings, result.unread) == ((), ())


def test_an_office_package_object_is_read_as_its_package(tmp_path: Path) -> None:
    # An object whose storage keeps an .xlsx in its Package stream, as Office 2007 and later
    # save a workbook embedded in a 97-2003 file (a reviewer's; its sheet's B2 holds a
    # mobile number)
    assert _places(_ppt("package_object", tmp_path)) == [("phone", "object 2: Sheet!B2")]
