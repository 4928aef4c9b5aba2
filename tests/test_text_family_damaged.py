"""Damaged files of the text family end in a result or one clear error, never a traceback.

Each fixture of tests/data/text is cut short, has bytes changed, inserted
or removed (as a failed upload or a bad disk leaves a file), and is
scanned and masked: whatever breaks is a part not read or a ZfgkError.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zfgk.errors import ZfgkError
from zfgk.files import mask_file, scan_file

DATA = Path(__file__).parent / "data" / "text"
FIXTURES = sorted(DATA.iterdir())


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, bytes]:
    source = draw(st.sampled_from(FIXTURES))
    data = bytearray(source.read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        how = draw(st.sampled_from(["cut", "change", "insert", "remove"]))
        if how == "cut":
            del data[at:]
        elif how == "change" and data:
            data[at] = draw(st.integers(0, 255))
        elif how == "insert":
            data[at:at] = draw(
                st.sampled_from(
                    [b"{", b"}", b"\\", b"\\u99999", b"=\r\n", b"<", b"&", b"\x00", b"--"]
                )
            )
        else:
            del data[at : at + draw(st.integers(1, 40))]
    return source.suffix, bytes(data)


@pytest.mark.thorough
@settings(
    max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(damaged())
def test_a_damaged_file_is_a_result_or_a_clear_error(
    tmp_path: Path, case: tuple[str, bytes]
) -> None:
    suffix, data = case
    path = tmp_path / f"damaged{suffix}"
    path.write_bytes(data)
    result = scan_file(path)  # never raises: an error is in result.error
    assert result.error is None or isinstance(result.error, ZfgkError)
    output = tmp_path / f"masked{suffix}"
    output.unlink(missing_ok=True)
    try:
        mask_file(path, output)
    except ZfgkError:
        assert not output.exists()  # nothing written
    else:
        assert scan_file(output).verdict.value == "clean"


def test_a_subject_with_bytes_no_codec_reads_cannot_be_checked(tmp_path: Path) -> None:
    """An encoded word whose bytes neither its charset, UTF-8 nor GB18030 reads (a damaged or
    mislabelled subject) is "cannot check": a full-width mobile number in GBK bytes inside a
    UTF-8 word is there for a mail program that guesses GBK, and zfgk cannot see it.  The
    numbers it can read are still found; mask writes nothing and says why."""
    raw = b"\xff" + "电话１３５１２３４５６７８ 手机 13812345678".encode("gb18030")
    message = (
        b"Subject: =?utf-8?b?" + base64.b64encode(raw) + b"?=\r\n"
        b"From: a@example.gov.cn\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: text/plain; charset="utf-8"\r\n\r\n' + "公示\r\n".encode()
    )
    source, output = tmp_path / "公示.eml", tmp_path / "公示-masked.eml"
    source.write_bytes(message)
    scanned = scan_file(source)
    assert [f.location.part for f in scanned.findings] == ["Subject"]  # 13812345678
    assert [str(gap.location) for gap in scanned.unread] == ["Subject"]
    with pytest.raises(ZfgkError, match="Subject"):
        mask_file(source, output)
    assert not output.exists()


def test_an_encoded_word_whose_charset_is_not_ascii_is_literal_text(tmp_path: Path) -> None:
    """RFC 2047 names an encoded word's charset in ASCII: ``=?\\x80tf-8?q?…?=`` (a damaged
    byte, found by hypothesis) is no encoded word but text as it stands, and the whole
    numbers around it are still found (it crashed the reader before)."""
    message = (
        b"Subject: =?\x80tf-8?q?678=EF=BC=89?= 13812345678\r\n"
        b"From: a@example.gov.cn\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: text/plain; charset="utf-8"\r\n\r\n' + "公示\r\n".encode()
    )
    source = tmp_path / "公示.eml"
    source.write_bytes(message)
    scanned = scan_file(source)
    assert [f.location.part for f in scanned.findings] == ["Subject"]
