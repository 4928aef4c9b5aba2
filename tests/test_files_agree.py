"""One reading, one verdict: check, scan and mask agree on every fixture and on every value.

Issue 24: a file passes ``check`` only if ``scan`` passes it; what ``mask``
writes passes ``scan``; and check, scan, mask, validate and mask_record
give the same verdict on the same value (floats, scientific notation,
"13812345678.00", a number in a column that is no field).
"""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zfgk
from zfgk.errors import InputError, MaskUnsupportedError, PrivacyError
from zfgk.files import Verdict, check_file, mask_file, scan_file
from zfgk.formats import Family, kind_of
from zfgk.headers import CATALOGUE_PERSONAL_FIELDS, column_key

DATA = Path(__file__).parent / "data"
ITEM19 = zfgk.load("chongqing").item(19)
GOOD19 = {
    "保障对象姓名": "张*",
    "保障性住房类型": "公租房",
    "房号": "1-1-101",
    "面积": "50.5",
    "套型": "一室一厅",
    "所在建设项目名称": "民心佳园",
}


def _ocr_available() -> bool:
    try:
        import rapidocr  # noqa: F401
    except ImportError:
        return False
    return True


def _fixtures() -> list[Path]:
    found = sorted(p for p in DATA.rglob("*") if p.is_file())
    if _ocr_available():  # reading every scan again is the ocr session's work, not this one's
        found = [p for p in found if "scans" not in p.parts]
    return found


def _item_of(path: Path) -> int:
    """The item a fixture's name says (item22-…), else 19."""
    name = path.name
    return int(name[4:6]) if name.startswith("item") and name[4:6].isdigit() else 19


@pytest.mark.parametrize("path", _fixtures(), ids=lambda p: str(p.relative_to(DATA)))
def test_check_scan_and_mask_agree_on_every_fixture(path: Path, tmp_path: Path) -> None:
    item = _item_of(path)
    scanned = scan_file(path)
    listed = scan_file(path, item=item) if _is_list(path) else scanned
    # check is the gate: it passes a file only if scan (with the same item) passes it.
    if _is_list(path):
        try:
            checked = check_file(path, item=item)
        except (InputError, zfgk.ZfgkError):
            checked = None
        if checked is not None and checked.verdict is Verdict.CLEAN:
            assert listed.verdict is Verdict.CLEAN, listed
        if checked is not None and listed.findings:
            assert checked.verdict is not Verdict.CLEAN
    # mask hides every finding scan reports, or refuses and names why; what it writes is clean.
    if scanned.verdict is not Verdict.FOUND:
        return
    out = tmp_path / ("masked" + _suffix(path))
    refusal: Exception | None = None
    try:
        done = mask_file(path, out, item=item if _is_list(path) else None)
    except (PrivacyError, MaskUnsupportedError, InputError) as e:
        refusal = e
    if refusal is not None:  # a refusal says why, and writes nothing
        assert str(refusal)
        assert not out.exists()
        return
    again = scan_file(done.path, item=item) if _is_list(path) else scan_file(done.path)
    assert again.findings == (), again.findings
    assert again.verdict is Verdict.CLEAN, again


def _is_list(path: Path) -> bool:
    try:
        return kind_of(path).family in (Family.TABLE, Family.WORKBOOK)
    except OSError:
        return False


def _suffix(path: Path) -> str:
    kind = kind_of(path)
    if kind.family is Family.WORKBOOK:
        return ".xlsx"
    return path.suffix or ".txt"


def test_the_catalogues_personal_fields_are_all_in_the_headers_table() -> None:
    """headers.CATALOGUE_PERSONAL_FIELDS names every personal field the packaged data names."""
    from zfgk.model import PersonalKind

    named = {
        column_key(f.name): f.personal
        for name in zfgk.catalogue_names()
        for item in zfgk.load(name)
        for f in item.personal_fields
        if f.personal is not PersonalKind.IDENTIFIER
    }
    table = {column_key(n): k for n, k in CATALOGUE_PERSONAL_FIELDS.items()}
    assert named == table


# ------------------------------------------------------------------ one value, five verdicts

#: Values as officers' lists and programs hold them: whole numbers, pasted ones, Excel's
#: and pandas' numbers, amounts and other long numbers that are no one's (hand-picked:
#: 11010519491231002X is GB 11643's example, the rest valid by its check digit or not).
VALUES = [
    "13812345678",
    "138 1234 5678",
    "电话：138-1234-5678",
    "13812345678.00",
    "13812345678.0",
    "金额 13812345678.00 元",
    "11010519491231002X",
    "110105 19491231 002X",
    "1101051949****002X",
    "110105********002X",
    "110105491231002",
    "6.20503200006097E+17",
    "1.10105194912310E+17",
    "6.20503E+17",
    "023-63881234",
    "91500000MA5U8J2K3X",
    "6222021234567890123",
    "20260928153012123",
    "房号 3-2-201，面积 89.5",
    "",
    13812345678.0,
    1.1010519491231002e17,
    110105491231002.0,
    56.8,
    20260928.0,
    13812345678,
]


def _leaks_in_validate(value: object) -> bool:
    report = zfgk.validate(ITEM19, {**GOOD19, "备注": value})
    return any(
        p.field == "备注" and p.code.value in ("unmasked", "stored-as-number")
        for p in report.problems
    )


def _leaks_in_mask_record(value: object) -> bool:
    try:
        masked = zfgk.mask_record(ITEM19, {**GOOD19, "备注": value})["备注"]
    except PrivacyError:
        return True
    if isinstance(value, float) and isinstance(masked, float) and math.isnan(value):
        return False
    return bool(masked != value)


def _workbook(folder: Path, value: object) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([*GOOD19, "备注"])
    sheet.append([*GOOD19.values(), value])
    path = folder / "名单.xlsx"
    book.save(path)
    return path


def _csv(folder: Path, value: str) -> Path:
    path = folder / "名单.csv"
    text = (
        ",".join([*GOOD19, "备注"])
        + "\n"
        + ",".join([*GOOD19.values(), json.dumps(value, ensure_ascii=False)])
        + "\n"
    )
    path.write_text(text, encoding="utf-8")
    return path


def _file_verdicts(path: Path) -> tuple[bool, bool, bool]:
    """(scan finds it, check reports it, mask changes or refuses it) for a one-record list."""
    scanned = bool(scan_file(path).findings)
    checked = check_file(path, item=19)
    reported = any(
        p.field == "备注" and p.code.value in ("unmasked", "stored-as-number")
        for row in checked.rows
        for p in row.report.problems
    )
    out = path.with_name("公示" + (".xlsx" if path.suffix == ".xlsx" else ".csv"))
    try:
        done = mask_file(path, out, item=19)
    except PrivacyError:
        return scanned, reported, True
    return scanned, reported, done.cells > 0


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_one_value_one_verdict(value: object) -> None:
    expected = _leaks_in_validate(value)
    assert _leaks_in_mask_record(value) == expected, "mask_record"
    with tempfile.TemporaryDirectory() as folder:
        if isinstance(value, str):
            assert _file_verdicts(_csv(Path(folder), value)) == (expected,) * 3, "csv"
        assert _file_verdicts(_workbook(Path(folder), value)) == (expected,) * 3, "xlsx"


_DIGITS = st.text(alphabet="0123456789", min_size=10, max_size=19)
_SEPARATORS = st.sampled_from(["", " ", "-", "\u00a0", "."])


@st.composite
def _values(draw: st.DrawFn) -> object:
    """Long numbers written as people and programs write them: grouped, floated, scientific."""
    digits = draw(st.one_of(_DIGITS, st.sampled_from(["13812345678", "11010519491231002X"])))
    form = draw(st.sampled_from(["plain", "grouped", "decimal", "float", "scientific", "words"]))
    if form == "grouped":
        sep = draw(_SEPARATORS)
        return sep.join(digits[i : i + 4] for i in range(0, len(digits), 4))
    if form == "decimal":
        return digits + "." + draw(st.sampled_from(["0", "00", "5"]))
    if form == "float" and digits.isdigit():
        return float(digits)
    if form == "scientific" and digits.isdigit():
        return f"{float(digits):.14E}".replace("E+", "E+0" if draw(st.booleans()) else "E+")
    if form == "words":
        return draw(st.sampled_from(["电话", "身份证号 ", "编号", "合计 "])) + digits
    return digits


@pytest.mark.thorough
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_values())
def test_drawn_values_get_one_verdict(value: object) -> None:
    expected = _leaks_in_validate(value)
    assert _leaks_in_mask_record(value) == expected
    with tempfile.TemporaryDirectory() as folder:
        if isinstance(value, str):
            assert _file_verdicts(_csv(Path(folder), value)) == (expected,) * 3
        else:
            assert _file_verdicts(_workbook(Path(folder), value)) == (expected,) * 3
