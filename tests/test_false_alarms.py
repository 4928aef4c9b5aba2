"""Numbers that are not personal data stay unreported, in text, in a CSV cell and in a page
(issue 25, point 4).

Each kind is written as it is published, real-shaped: check digits where
the kind has one are computed here from their standards (GB 32100-2015 for
the 统一社会信用代码, Luhn for bank cards), independently of zfgk.
"""

from __future__ import annotations

import csv
import html
from pathlib import Path

import pytest

from zfgk import find_pii
from zfgk.files import scan_file

#: GB 32100-2015: the 31 characters of a code and the weights of its first 17.
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc(first17: str) -> str:
    """A 统一社会信用代码 with its check character (GB 32100-2015, 4.4)."""
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return first17 + _USCC_CHARS[(31 - total % 31) % 31]


def luhn(body: str) -> str:
    """A bank card number with its Luhn check digit."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        digit = int(ch) * (2 if i % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return body + str((10 - total % 10) % 10)


def test_the_check_digits_are_those_of_published_examples() -> None:
    # GB 32100-2015's example; the Luhn example of ISO/IEC 7812-1 and the test card number
    # payment processors publish.
    assert uscc("91350100M000100Y4") == "91350100M000100Y43"
    assert luhn("7992739871") == "79927398713"
    assert luhn("411111111111111") == "4111111111111111"


FALSE_ALARMS = {
    "landline": [
        "023-63612345",
        "(010)88776655",
        "0755-83211234",
        "02363612345",
        "010-88776655-8001",
    ],
    "统一社会信用代码": [
        uscc("91500103MA5U7AXX2"),
        uscc("12500000450408838"),
        uscc("11500000009000001"),  # all digits: an 18-character number that is no ID
        uscc("52500000MJP512345"),
    ],
    "bank account": [
        luhn("622202123456789012"),
        luhn("622848040256489001"),
        "6222 0212 3456 7890 128",
        luhn("6214830123456789"),
    ],
    "不动产单元号": ["500103001001GB00001F00010001", "110105006003GB00123F00020305"],
    "公网安备": ["渝公网安备 50010302000111号", "京公网安备11010502030001号"],
    "timestamp": ["1735689600", "1735689600123", "20260105093000", "2026-01-05 09:30:00.123456"],
    "snowflake id": ["1587263498123456789", "7086213460198473728"],
    "amount": ["13812345678.00", "¥13,812,345,678.00", "13812345678.5元"],
}
VALUES = [value for values in FALSE_ALARMS.values() for value in values]


@pytest.mark.parametrize("value", VALUES)
def test_find_pii_reports_none(value: str) -> None:
    assert find_pii(value) == ()
    assert find_pii(f"编号：{value}，详见附件。") == ()


def test_none_in_text_in_a_csv_cell_or_in_a_page(tmp_path: Path) -> None:
    text = tmp_path / "说明.txt"
    text.write_text("\n".join(f"{kind}：{v}" for kind, vs in FALSE_ALARMS.items() for v in vs))
    table = tmp_path / "名单.csv"
    with table.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["类别", "号码"])
        writer.writerows([kind, v] for kind, vs in FALSE_ALARMS.items() for v in vs)
    page = tmp_path / "公示.html"
    page.write_text(
        "<table>"
        + "".join(
            f"<tr><td>{html.escape(kind)}</td><td>{html.escape(v)}</td></tr>"
            for kind, vs in FALSE_ALARMS.items()
            for v in vs
        )
        + "</table>",
        encoding="utf-8",
    )
    for path in (text, table, page):
        result = scan_file(path)
        assert result.findings == (), path.name
        assert result.verdict.value == "clean", path.name


def test_a_real_number_among_them_is_still_found(tmp_path: Path) -> None:
    text = tmp_path / "说明.txt"
    text.write_text("\n".join([*VALUES, "联系电话 13812345678"]), encoding="utf-8")
    assert [f.to_dict() for f in scan_file(text).findings] == [
        {"kind": "phone", "line": len(VALUES) + 1}
    ]
