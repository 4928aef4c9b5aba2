"""Each kind of the text family is named in its own words by check, scan and mask (issue 25).

Never "a zip file that is not a workbook … save it as .xlsx" for an .odt, a
.zip or an .ofd, never "damaged workbook" for a .wps, never "bytes that
are not gb18030 text" for a picture; a folder's pictures make the scan
"cannot check".
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from zfgk.cli import main

DATA = Path(__file__).parent / "data" / "text"
WRONG = ("workbook", ".xlsx", "gb18030", "JSON Lines", "Traceback")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["--lang", "en", *argv])
    out, err = capsys.readouterr()
    return code, out + err


def _files(folder: Path) -> dict[str, tuple[Path, str]]:
    """Files of each kind, broken or not, with words their messages must hold."""
    odt = (DATA / "notice.odt").read_bytes()
    files = {
        "truncated.odt": (odt[: len(odt) // 2], "a damaged OpenDocument text (.odt)"),
        "truncated.ofd": ((DATA / "notice.ofd").read_bytes()[:3000], "a damaged OFD document"),
        "truncated.zip": (
            (DATA / "archive.zip").read_bytes()[:5000],
            "a damaged or truncated zip archive",
        ),
        "公示.wps": (
            bytes.fromhex("d0cf11e0a1b11ae1") + bytes(600),
            "a WPS Writer document (.wps), which zfgk cannot read: save it in WPS as .docx",
        ),
        "照片.png": (bytes.fromhex("89504e470d0a1a0a") + bytes(60), "an image"),
        "照片.jpg": (bytes.fromhex("ffd8ffe0") + bytes(60), "an image"),
        "扫描.bmp": (b"BM" + bytes(60), "an image"),
    }
    made = {}
    for name, (data, words) in files.items():
        path = folder / name
        path.write_bytes(data)
        made[name] = (path, words)
    bad = folder / "bad.odt"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content><unclosed>")
    made["bad.odt"] = (bad, "content.xml is not well-formed XML")
    no_root = folder / "no-root.ofd"
    with zipfile.ZipFile(no_root, "w") as archive:
        archive.writestr("Doc_0/Document.xml", "<ofd:Document/>")
    made["no-root.ofd"] = (no_root, "not an OFD document: the archive has no OFD.xml")
    return made


@pytest.mark.parametrize("command", ["scan", "check", "mask"])
def test_each_kind_is_named_in_its_own_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    for name, (path, words) in _files(tmp_path).items():
        extra = {"check": ["--item", "19"], "mask": ["-o", str(tmp_path / f"out-{name}")]}
        code, said = run(capsys, command, str(path), *extra.get(command, []))
        assert code == 2, (name, said)
        assert words in said, (name, said)
        assert not any(word in said for word in WRONG), (name, said)
        assert not (tmp_path / f"out-{name}").exists()


@pytest.mark.parametrize("name", ["notice.odt", "archive.zip", "notice.ofd", "notice.rtf"])
def test_a_readable_file_of_each_kind_is_found_never_misnamed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    for command, extra in (("scan", []), ("check", ["--item", "19"])):
        code, said = run(capsys, command, str(DATA / name), *extra)
        assert code == 1, said
        assert not any(word in said for word in WRONG if word != ".xlsx"), said


def test_a_folder_with_a_picture_is_not_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "公示.txt").write_text("公示期 2026年1月5日至1月11日\n", encoding="utf-8")
    shutil.copy(DATA / "feed.xml", folder / "feed.xml")
    (folder / "feed.xml").write_text("<rss/>\n", encoding="utf-8")
    (folder / "名单.png").write_bytes(bytes.fromhex("89504e470d0a1a0a") + bytes(60))
    code, said = run(capsys, "scan", str(folder))
    assert code == 2
    assert "名单.png: cannot check whole file: an image" in said
    assert "gb18030" not in said
