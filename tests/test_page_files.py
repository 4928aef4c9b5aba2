"""Files a page or a mail carries in ``data:`` links and objects are read (not only pictures).

``<a href="data:text/csv;base64,…" download="名单.csv">`` hands every reader the
whole list; an ``<object data="data:text/html,…">`` shows a page inside the page.
Each such file is read as what its media type says, a number in it is found and
named (``data file 1.csv: row 2, column B``), and masking refuses the page.  Fonts,
stylesheets and scripts in ``data:`` addresses keep a clean page clean.
"""

from __future__ import annotations

import base64
import io
import urllib.parse
from email.message import EmailMessage
from pathlib import Path

import openpyxl
import pytest

from zfgk.errors import ZfgkError
from zfgk.files import Verdict, mask_file, scan_file

MOBILE = "13812345678"
ID = "11010519491231002X"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _xlsx() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "名单"
    sheet.append(["姓名", "身份证号"])
    sheet.append(["张三", ID])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


CSV = f"姓名,电话\n张三,{MOBILE}\n".encode()
CASES = {
    "csv link": (
        f'<a href="data:text/csv;charset=utf-8;base64,{_b64(CSV)}" download="名单.csv">下载</a>',
        ("phone", "data file 1.csv: row 2, column B"),
    ),
    "percent-encoded page": (
        f"<object data='data:text/html,{urllib.parse.quote(f'<p>电话 {MOBILE}</p>')}'></object>",
        ("phone", "data file 1.html: line 1"),
    ),
    "json in an iframe": (
        f'<iframe src="data:application/json;base64,{_b64(f"""{{"tel": "{MOBILE}"}}""".encode())}">'
        "</iframe>",
        ("phone", "data file 1.json: line 1"),
    ),
    "workbook link": (
        '<a href="data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;'
        f'base64,{_b64(_xlsx())}">名单.xlsx</a>',
        ("id_number", "data file 1.xlsx: 名单!B2"),
    ),
    "no media type, unquoted": (
        f"<a href=data:,{urllib.parse.quote(f'电话：{MOBILE[:3]} {MOBILE[3:7]} {MOBILE[7:]}')}>x</a>",
        ("phone", "data file 1.txt: line 1"),
    ),
}


def _page(body: str) -> str:
    return f"<html><body><p>公租房配租结果公示</p>{body}</body></html>"


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_file_in_a_data_address_is_read_and_masking_refuses(case: str, tmp_path: Path) -> None:
    body, finding = CASES[case]
    page = tmp_path / "公示.html"
    page.write_text(_page(body), encoding="utf-8")
    result = scan_file(page)
    assert result.error is None
    assert [(f.kind.value, str(f.location)) for f in result.findings] == [finding]
    out = tmp_path / "公示-隐藏.html"
    with pytest.raises(ZfgkError) as refused:
        mask_file(page, out)
    assert "data file 1" in str(refused.value)
    assert MOBILE not in str(refused.value)
    assert ID not in str(refused.value)
    assert not out.exists()


def test_a_file_in_a_mails_page_is_read(tmp_path: Path) -> None:
    mail = EmailMessage()
    mail["Subject"] = "配租名单"
    mail.set_content("名单见附件")
    mail.add_alternative(_page(CASES["csv link"][0]), subtype="html")
    path = tmp_path / "名单.eml"
    path.write_bytes(mail.as_bytes())
    (found,) = scan_file(path).findings
    assert found.kind.value == "phone"
    assert str(found.location).endswith("data file 1.csv: row 2, column B")


def test_fonts_stylesheets_and_scripts_in_data_addresses_stay_clean(tmp_path: Path) -> None:
    woff2 = _b64(b"wOF2\x00\x01\x00\x00" + bytes(40))
    woff_as_bytes = _b64(b"wOFF\x00\x01\x00\x00" + bytes(40))
    page = _page(
        "<style>@font-face{font-family:x;"
        f"src:url(data:application/font-woff2;base64,{woff2}) format('woff2'),"
        f'url("data:application/octet-stream;base64,{woff_as_bytes}")}}</style>'
        '<link rel="stylesheet" href="data:text/css,p%7Bcolor:red%7D">'
        '<script src="data:text/javascript,var%20total%3D2026;"></script>'
        f'<img src="data:image/gif;base64,{_b64(b"GIF89a" + bytes(20))}">'
        "<p>data: 2026, 年度</p>"
    )
    path = tmp_path / "公示.html"
    path.write_text(page, encoding="utf-8")
    result = scan_file(path)
    assert result.verdict is Verdict.CLEAN
    assert (list(result.findings), list(result.unread)) == ([], [])


def test_a_data_address_that_does_not_decode_is_passed_over(tmp_path: Path) -> None:
    path = tmp_path / "公示.html"
    path.write_text(_page('<a href="data:text/csv;base64,@@not base64@@">x</a>'), encoding="utf-8")
    assert scan_file(path).verdict is Verdict.CLEAN


def test_a_plain_data_link_at_the_pages_end_is_read_apart_from_it(tmp_path: Path) -> None:
    # The address, written out plainly, ends the page's own text with the same digits the
    # file begins with: they must not join into a number of 22 digits.
    link = f'<a href="data:text/csv;charset=utf-8,姓名,电话%0A张三,{MOBILE}" download="名单.csv">导出</a>'
    page = tmp_path / "公示.html"
    page.write_text(_page(link), encoding="utf-8")
    places = [str(f.location) for f in scan_file(page).findings]
    assert "data file 1.csv: row 2, column B" in places


def test_a_picture_sent_as_text_is_a_picture(tmp_path: Path) -> None:
    # <link rel=icon href="data:;base64,iVBORw0KGgo="> stops a browser asking for a favicon:
    # a PNG's signature with no media type, no file of text.
    page = tmp_path / "公示.html"
    page.write_text(_page('<link rel="icon" href="data:;base64,iVBORw0KGgo=">'), encoding="utf-8")
    result = scan_file(page)
    assert (result.verdict, list(result.unread)) == (Verdict.CLEAN, [])


@pytest.mark.parametrize("form", ["padded", "unpadded", "percent-encoded padding"])
def test_base64_as_browsers_take_it(tmp_path: Path, form: str) -> None:
    # Browsers decode base64 without its = padding, and with %3D for it.
    encoded = _b64(f"电话,{MOBILE}\n".encode())
    assert encoded.endswith("=")
    encoded = {
        "padded": encoded,
        "unpadded": encoded.rstrip("="),
        "percent-encoded padding": encoded.replace("=", "%3D"),
    }[form]
    page = tmp_path / "公示.html"
    page.write_text(_page(f'<a href="data:text/csv;base64,{encoded}">x</a>'), encoding="utf-8")
    assert [str(f.location) for f in scan_file(page).findings] == [
        "data file 1.csv: row 1, column B"
    ]
