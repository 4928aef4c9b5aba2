"""Presentations (.pptx) read as a zip of parts: a number PowerPoint keeps in several runs of a
paragraph is read whole, as the slide shows it.

The fixtures were written by python-pptx (tools/make_presentation_fixtures.py): a mobile
number typed in two runs of different sizes, an ID number in two runs of a table cell, a
mobile number in three runs of the speaker notes; beside them a landline split after its
area code and a date, which stay unreported.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from zfgk.documents._embedded import ocr_installed
from zfgk.files import mask_file, scan_file

DATA = Path(__file__).parent / "data" / "presentations"
THUMBNAIL = "docProps/thumbnail.jpeg"


def _places(path: Path) -> list[tuple[str, str]]:
    return [(f.kind.value, str(f.location)) for f in scan_file(path).findings]


def _unread(path: Path) -> list[str]:
    """What is not read, but the thumbnail where OCR is not installed (a picture of the first
    slide, "cannot check" without it, as every picture large enough is)."""
    places = [str(u.location).removesuffix(": whole file") for u in scan_file(path).unread]
    return [place for place in places if ocr_installed() or place != THUMBNAIL]


def _without_thumbnail(path: Path, folder: Path) -> Path:
    """A copy of the presentation without its thumbnail (read only by OCR)."""
    copy = folder / f"副本 {path.name}"
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(copy, "w") as new:
        for info in old.infolist():
            if info.filename != THUMBNAIL:
                new.writestr(info, old.read(info))
    return copy


def test_a_number_split_over_runs_is_read_whole_and_nothing_else() -> None:
    path = DATA / "split-runs.pptx"
    assert _places(path) == [
        ("phone", "ppt/slides/slide1.xml: line 2"),
        ("id_number", "ppt/slides/slide1.xml: line 2"),
        ("phone", "ppt/notesSlides/notesSlide1.xml: line 2"),
    ]
    assert _unread(path) == []


def test_masking_hides_the_digits_in_their_runs(tmp_path: Path) -> None:
    out = tmp_path / "公示.pptx"
    # Without OCR the thumbnail (a picture of the first slide) is not read: masking refuses.
    mask_file(_without_thumbnail(DATA / "split-runs.pptx", tmp_path), out)
    assert _places(out) == []
    with zipfile.ZipFile(out) as package:
        slide = package.read("ppt/slides/slide1.xml").decode()
    assert "<a:t>联系人：张三 电话 138****</a:t>" in slide
    assert "<a:t>5678</a:t>" in slide
    assert "<a:t>110105**</a:t>" in slide
    assert "<a:t>******002X</a:t>" in slide
    assert "023-6</a:t>" in slide  # the landline kept


def test_the_clean_presentation_is_clean() -> None:
    assert _places(DATA / "clean.pptx") == []
    assert _unread(DATA / "clean.pptx") == []


def test_printer_settings_holding_a_long_number_are_not_passed_over(tmp_path: Path) -> None:
    source = DATA / "clean.pptx"
    devmode = "打印机 13812345678".encode("utf-16-le").ljust(64, b"\0") + bytes(156)
    path = tmp_path / "公示.pptx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "ppt/printerSettings/printerSettings1.bin":
                data = devmode
            new.writestr(info, data)
    assert "ppt/printerSettings/printerSettings1.bin" in _unread(path)


def test_runs_of_other_vocabularies_stay_apart(tmp_path: Path) -> None:
    # The same elements outside an office namespace (a data file's "r" rows): each on its line.
    data = "<data><p><r>1381234</r><r>5678</r></p></data>"
    plain = tmp_path / "data.xml"
    plain.write_text(data, encoding="utf-8")
    assert _places(plain) == []
    # A slide's part on its own: its runs joined.
    slide = (
        '<p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><a:p>'
        "<a:r><a:t>1381234</a:t></a:r><a:br/><a:r><a:t>5678</a:t></a:r></a:p><a:p>"
        '<a:r><a:rPr lang="zh-CN"/><a:t>1391234</a:t></a:r><a:r><a:t>5678</a:t></a:r></a:p></p:sld>'
    )
    part = tmp_path / "slide1.xml"
    part.write_text(slide, encoding="utf-8")
    assert _places(part) == [("phone", "line 1")]  # the second paragraph only


def test_an_odt_part_in_a_zip_joins_its_spans(tmp_path: Path) -> None:
    content = (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><text:p>电话 '
        '<text:span text:style-name="T1">1381234</text:span>5678</text:p></office:body>'
        "</office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("公示/content.xml", content)
    path = tmp_path / "公示.zip"
    path.write_bytes(buffer.getvalue())
    assert [kind for kind, _ in _places(path)] == ["phone"]


def test_only_an_office_packages_printer_settings_are_passed_over(tmp_path: Path) -> None:
    # A member named as printer settings in a plain zip, or holding a document, or a number
    # spaced in UTF-16, is read as any member is.
    inner = (DATA / "split-runs.pptx").read_bytes()
    spaced = "打印机 138 1234 5678".encode("utf-16-le")
    for name, members in {
        "plain.zip": {"printerSettings/printerSettings1.bin": inner},
        "spaced.pptx": {"ppt/printerSettings/printerSettings1.bin": spaced},
        "document.pptx": {"ppt/printerSettings/printerSettings1.bin": inner},
    }.items():
        path = tmp_path / name
        with zipfile.ZipFile(path, "w") as archive:
            if name.endswith(".pptx"):
                archive.writestr("[Content_Types].xml", "<Types/>")
            for member, data in members.items():
                archive.writestr(member, data)
        assert scan_file(path).findings, name


def test_a_guid_in_an_attribute_is_no_number(tmp_path: Path) -> None:
    # PowerPoint writes a GUID on every shape (a16:creationId); 183-4256-9708 in one is no
    # mobile number.  A number in another attribute is still found.
    slide = (
        '<p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        'xmlns:a16="http://schemas.microsoft.com/office/drawing/2014/main">'
        '<a16:creationId id="{3A1B2C4D-A183-4256-9708-1234567890AB}"/>'
        "<a:p><a:r><a:t>公示</a:t></a:r></a:p>LINK</p:sld>"
    )
    part = tmp_path / "slide1.xml"
    part.write_text(slide.replace("LINK", ""), encoding="utf-8")
    assert _places(part) == []
    link = '<a:hlinkClick tooltip="电话 13812345678"/>'
    part.write_text(slide.replace("LINK", link), encoding="utf-8")
    assert [kind for kind, _ in _places(part)] == ["phone"]
