"""PDF files made by LibreOffice: the text of every page, named as the PDF numbers it (zfgk.documents).

The PDFs were exported by LibreOffice from the .docx files that
tests/data/documents/make_fixtures.py makes; ``pages_labelled.pdf`` has page
labels i, 1, 2 (set with pypdf); ``encrypted.pdf`` needs the password
``secret``; ``copy_protected.pdf`` has only an owner password, as notices
protected against copying do (RC4, by pypdf); ``copy_protected_aes128.pdf`` and
``copy_protected_aes256.pdf`` the same with AES, written by qpdf.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import pytest

from zfgk import find_pii
from zfgk.documents import DocumentError, MaskUnsupportedError, MissingExtraError, read
from zfgk.errors import InputError
from zfgk.formats import Kind, kind_of
from zfgk.privacy import strip_separators

from .helpers import mask

DATA = Path(__file__).parent / "data" / "documents"

NOTICE_FINDINGS = [
    ("phone", "17016019667", "1"),  # the header comes first on the page
    ("id_number", "500103199003071239", "1"),
    ("phone", "13812345678", "1"),
    ("id_number", "430482196401255682", "1"),  # wrapped over two lines in its cell
    ("phone", "15965849294", "1"),
    ("id_number", "130801194803078184", "1"),
]


def found(path: Path) -> list[tuple[str, str, str | None]]:
    doc = read(path)
    return [
        (m.kind.value, strip_separators(doc.text[m.start : m.end]), doc.locate(m.start).page)
        for m in find_pii(doc.text)
    ]


def test_every_number_of_a_libreoffice_pdf_with_its_page() -> None:
    assert sorted(found(DATA / "notice.pdf")) == sorted(NOTICE_FINDINGS)
    assert read(DATA / "notice.pdf").kind is Kind.PDF


def test_pages_are_named_by_their_labels() -> None:
    assert found(DATA / "pages_labelled.pdf") == [
        ("id_number", "441283199809187611", "1"),  # the second sheet: the cover is page i
        ("phone", "15803107671", "2"),
    ]
    doc = read(DATA / "pages_labelled.pdf")
    assert doc.locate(0).page == "i"
    assert doc.text.count("\f") == 3


def test_a_pdf_protected_only_against_copying_is_read() -> None:
    assert sorted(found(DATA / "copy_protected.pdf")) == sorted(NOTICE_FINDINGS)


@pytest.mark.parametrize("name", ["copy_protected_aes128.pdf", "copy_protected_aes256.pdf"])
def test_a_pdf_protected_against_copying_with_aes_is_read(name: str) -> None:
    # the pdf extra brings cryptography: before, AES-128 was "page 1 damaged?" and
    # AES-256 "not a PDF that can be read", exit 2 on most copy-protected notices
    assert sorted(found(DATA / name)) == sorted(NOTICE_FINDINGS)


@pytest.mark.parametrize("name", ["copy_protected_aes128.pdf", "copy_protected_aes256.pdf"])
def test_an_aes_pdf_without_cryptography_names_the_package(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pypdf without cryptography: its fallback raises when it first decrypts, which for
    # AES-128 is a page's text, well after the file was opened
    pypdf_encryption = pytest.importorskip("pypdf._encryption")
    fallback = pytest.importorskip("pypdf._crypt_providers._fallback")
    monkeypatch.setattr(pypdf_encryption, "CryptAES", fallback.CryptAES)
    monkeypatch.setattr(pypdf_encryption, "aes_cbc_decrypt", fallback.aes_cbc_decrypt)
    monkeypatch.setattr(pypdf_encryption, "aes_ecb_decrypt", fallback.aes_ecb_decrypt)
    monkeypatch.setattr(pypdf_encryption, "aes_cbc_encrypt", fallback.aes_cbc_encrypt)
    monkeypatch.setattr(pypdf_encryption, "aes_ecb_encrypt", fallback.aes_ecb_encrypt)
    with pytest.raises(MissingExtraError, match=r"encrypted with AES.*pip install cryptography"):
        read(DATA / name)


def test_a_pdf_that_needs_a_password_is_a_clear_error() -> None:
    with pytest.raises(DocumentError, match="needs a password to open"):
        read(DATA / "encrypted.pdf")


def test_a_broken_pdf_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n garbage")
    with pytest.raises(DocumentError, match="not a PDF that can be read"):
        read(path)


@pytest.mark.parametrize("data", [b"not a pdf at all", b""], ids=["text", "empty"])
def test_text_named_as_a_pdf_is_read_as_the_text_it_is(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    document = read(path)
    assert (document.kind, document.text, document.unread) == (Kind.TEXT, data.decode(), [])


def test_a_truncated_pdf_never_raises_anything_else(tmp_path: Path) -> None:
    whole = (DATA / "notice.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    for size in (len(whole) // 3, len(whole) // 2, len(whole) - 200):
        path.write_bytes(whole[:size])
        with contextlib.suppress(DocumentError):
            read(path)


def test_masking_a_pdf_says_to_mask_the_source(tmp_path: Path) -> None:
    with pytest.raises(MaskUnsupportedError, match="mask the document it was made from"):
        mask(DATA / "notice.pdf", tmp_path / "out.pdf")
    doc = read(DATA / "notice.pdf")
    with pytest.raises(MaskUnsupportedError):
        doc.write(tmp_path / "out.pdf", doc.text)
    assert list(tmp_path.iterdir()) == []


def test_a_pdf_is_known_by_its_first_bytes(tmp_path: Path) -> None:
    path = tmp_path / "附件1"
    path.write_bytes((DATA / "notice.pdf").read_bytes())
    assert kind_of(path) is Kind.PDF


def test_without_the_pdf_extra_the_error_names_the_pip_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pypdf", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'zfgk\[pdf\]'"):
        read(DATA / "notice.pdf")


def test_a_missing_pdf_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read the file"):
        read(tmp_path / "missing.pdf")
