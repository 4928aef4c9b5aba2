"""Converting an .ods to .xlsx keeps what can be read of its look: the pieces, against ODF by hand.

The officers' .ods and .xls files (made by LibreOffice from the openpyxl
designs) are compared with their designs in tests/test_xlsx_edit.py; here
the ODF pieces LibreOffice writes when an officer saves by hand (data
styles, borders, frozen panes in settings.xml), each with the Excel form
worked out from the two specifications.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from zfgk.workbooks._ods import _format_code, _frozen, _line

NUMBER = "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"


def data_style(kind: str, body: str) -> ElementTree.Element:
    return ElementTree.fromstring(
        f'<number:{kind} xmlns:number="{NUMBER}" xmlns:style="{STYLE}" style:name="N1">{body}</number:{kind}>'
    )


@pytest.mark.parametrize(
    ("kind", "body", "code"),
    [
        (
            "number-style",
            '<number:number number:decimal-places="2" number:min-integer-digits="1"/>',
            "0.00",
        ),
        (
            "number-style",
            '<number:number number:decimal-places="0" number:min-integer-digits="1" number:grouping="true"/>',
            "#,##0",
        ),
        (
            "date-style",
            '<number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/>'
            '<number:text>-</number:text><number:day number:style="long"/>',
            "yyyy-mm-dd",
        ),
        (
            "date-style",
            '<number:year number:style="long"/><number:text>年</number:text><number:month/>'
            "<number:text>月</number:text><number:day/><number:text>日</number:text>",
            'yyyy"年"m"月"d"日"',
        ),
        (
            "percentage-style",
            '<number:number number:decimal-places="1" number:min-integer-digits="1"/><number:text>%</number:text>',
            "0.0%",
        ),
        ("text-style", "<number:text-content/>", "@"),
    ],
)
def test_data_styles_become_excel_formats(kind: str, body: str, code: str) -> None:
    assert _format_code(data_style(kind, body)) == code


def test_a_data_style_with_conditions_has_no_plain_format() -> None:
    body = (
        '<number:number/><style:map style:condition="value()&gt;=0" style:apply-style-name="N2"/>'
    )
    assert _format_code(data_style("number-style", body)) is None


@pytest.mark.parametrize(
    ("spec", "excel"),
    [
        ("0.06pt solid #000000", 'style="thin"><color rgb="FF000000"/>'),
        ("1.5pt solid #ff0000", 'style="medium"><color rgb="FFFF0000"/>'),
        ("2.5pt solid #0000ff", 'style="thick"><color rgb="FF0000FF"/>'),
        ("1.1pt double #000000", 'style="double"><color rgb="FF000000"/>'),
        ("0.5pt dashed #808080", 'style="dashed"><color rgb="FF808080"/>'),
        ("none", None),
    ],
)
def test_borders(spec: str, excel: str | None) -> None:
    assert _line(spec) == excel


def test_frozen_panes_are_read_from_settings(tmp_path: Path) -> None:
    """LibreOffice's settings.xml for a sheet frozen under row 2 and right of column A."""
    settings = (
        '<office:document-settings xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0"><office:settings>'
        '<config:config-item-set config:name="ooo:view-settings"><config:config-item-map-indexed config:name="Views">'
        '<config:config-item-map-entry><config:config-item-map-named config:name="Tables">'
        '<config:config-item-map-entry config:name="名单">'
        '<config:config-item config:name="HorizontalSplitMode" config:type="short">2</config:config-item>'
        '<config:config-item config:name="VerticalSplitMode" config:type="short">2</config:config-item>'
        '<config:config-item config:name="HorizontalSplitPosition" config:type="int">1</config:config-item>'
        '<config:config-item config:name="VerticalSplitPosition" config:type="int">2</config:config-item>'
        "</config:config-item-map-entry>"
        '<config:config-item-map-entry config:name="说明">'
        '<config:config-item config:name="HorizontalSplitMode" config:type="short">0</config:config-item>'
        '<config:config-item config:name="VerticalSplitMode" config:type="short">0</config:config-item>'
        "</config:config-item-map-entry>"
        "</config:config-item-map-named></config:config-item-map-entry></config:config-item-map-indexed>"
        "</config:config-item-set></office:settings></office:document-settings>"
    )
    path = tmp_path / "a.ods"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("settings.xml", settings)
    with zipfile.ZipFile(path) as z:
        assert _frozen(z) == {"名单": (3, 2)}  # rows 3 and column B onwards scroll
