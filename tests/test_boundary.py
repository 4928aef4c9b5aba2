"""Errors at the boundary: any value, of any type, given to the public API.

Every public function given a wrong type raises TypeError at the call, and a
wrong value a ZfgkError subclass (which also derives from the builtin it
refines); nothing else escapes: no AttributeError, KeyError, IndexError,
UnicodeError, re.error, RecursionError or bare ValueError from deep inside.
And no message repeats a long run of digits it was given (an ID or phone
number).  validate, mask_record and mask_id are covered in test_embedding,
deadlines, dates and audit in test_dates; this module does the rest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zfgk
from zfgk.documents import read as read_document
from zfgk.errors import InputError, InvalidArgumentError, ZfgkError
from zfgk.model import Note, parse_label, parse_labels
from zfgk.tables import read_table

CQ = zfgk.load("chongqing")
SY = zfgk.load("shanyin")
ITEM19 = CQ.item(19)
CAL = zfgk.default_calendar().through(2026)
FULL_ID = "11010519491231002X"  # GB 11643's own example
MOBILE = "13812345678"

#: Text as it comes: control characters, lone surrogates, format characters,
#: full-width digits, and the numbers a message must never repeat.
TEXT = st.one_of(
    st.text(max_size=24),
    st.text(
        st.characters(codec=None, categories=["Cc", "Cs", "Cf", "Zs", "Nd", "Lo"]), max_size=24
    ),
    st.sampled_from(
        [
            FULL_ID,
            MOBILE,
            f"{FULL_ID}{MOBILE}",
            f"https://{MOBILE}.gov.cn/",
            f"http://{FULL_ID}/",
            f"http://a.gov.cn:{MOBILE}/",
            f"http://{MOBILE}\udc80.gov.cn/",
            "１３８１２３４５６７８",
            "11010519491231002X\x00",
            "\ud800",
            "",
            " ",
            "\u200b",
            "{}",
            "{0}{x}",
            "%s",
            "[",
            "(?P<",
            "分配结果",
            "19",
            "0",
            "-1",
            "99999999999999999999",
            "政府网站",
            "■政府网站",
            "chongqing",
        ]
    ),
)


class Strange:
    """An object of no known kind, whose str and repr say a phone number."""

    def __str__(self) -> str:
        return MOBILE

    __repr__ = __str__


def _nested(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.lists(children, max_size=3),
        st.tuples(children, children),
        st.dictionaries(st.one_of(TEXT, st.integers()), children, max_size=2),
        st.frozensets(st.one_of(TEXT, st.integers()), max_size=2),
    )


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**10, max_value=10**18),
    st.floats(allow_nan=True, allow_infinity=True),
    st.complex_numbers(max_magnitude=1e6),
    TEXT,
    st.binary(max_size=12),
    st.just(MOBILE.encode()),
    st.dates(),
    st.datetimes(),
    st.builds(Strange),
    st.builds(object),
    st.just(Path(MOBILE)),
    st.just(ITEM19),
    st.just(CQ),
    st.sampled_from(list(zfgk.Channel)),
)
#: Anything a caller might pass by mistake.
ANYTHING = st.recursive(SCALARS, _nested, max_leaves=4)

_LONG = re.compile(r"[0-9０-９]{11,}")


def _long_numbers(value: Any, depth: int = 0) -> Iterator[str]:
    """The runs of 11 or more digits in a value, in its text and in its parts."""
    if depth > 4:
        return
    if isinstance(value, (bytes, bytearray)):
        value = value.decode("latin-1")
    if isinstance(value, (str, int, Strange, Path)) and not isinstance(value, bool):
        yield from _LONG.findall(str(value))
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _long_numbers(k, depth + 1)
            yield from _long_numbers(v, depth + 1)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for v in value:
            yield from _long_numbers(v, depth + 1)


#: The exceptions that must never escape, even as a subclass of an allowed one.
FORBIDDEN = (AttributeError, KeyError, IndexError, UnicodeError, re.error, RecursionError)


def only_documented(call: Callable[[], object], *given: Any) -> None:
    """Run ``call``: it returns, or raises TypeError or a ZfgkError that names no long number."""
    error: TypeError | ZfgkError | None = None
    try:
        call()
    except (TypeError, ZfgkError) as e:
        error = e
    if error is None:
        return
    assert not isinstance(error, FORBIDDEN) or isinstance(error, ZfgkError), repr(error)
    said = [str(error)]
    if isinstance(error, ZfgkError):
        said.append(error.localized("zh"))
    for number in {n for g in given for n in _long_numbers(g)}:
        for message in said:
            assert number not in message, f"{type(error).__name__} repeats {number}: {message}"


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ------------------------------------------------------------- catalogues


@FAST
@given(name=ANYTHING)
def test_load_raises_only_documented_errors(name: Any) -> None:
    only_documented(lambda: zfgk.load(name), name)
    only_documented(lambda: zfgk.load_file(name))  # a path: its messages name the file


def test_catalogue_names_takes_no_arguments() -> None:
    assert zfgk.catalogue_names() == ("chongqing", "shanyin")
    with pytest.raises(TypeError):
        zfgk.catalogue_names("chongqing")  # type: ignore[call-arg,unused-ignore]


@FAST
@given(key=ANYTHING, category=st.one_of(st.none(), ANYTHING), query=ANYTHING, basis=ANYTHING)
def test_catalogue_lookup_raises_only_documented_errors(
    key: Any, category: Any, query: Any, basis: Any
) -> None:
    only_documented(lambda: CQ.item(key, category=category), key, category)
    only_documented(lambda: SY.item(key), key)
    only_documented(lambda: CQ.search(query), query)
    only_documented(lambda: CQ.search(basis=basis), basis)
    only_documented(lambda: key in CQ, key)
    assert [i.number for i in CQ] == list(CQ.numbers)


@FAST
@given(schema_id=ANYTHING)
def test_json_schema_raises_only_documented_errors(schema_id: Any) -> None:
    only_documented(lambda: ITEM19.json_schema(schema_id=schema_id), schema_id)


@FAST
@given(a=st.one_of(st.just(CQ), ANYTHING), b=st.one_of(st.just(SY), ANYTHING))
def test_diff_raises_only_documented_errors(a: Any, b: Any) -> None:
    only_documented(lambda: zfgk.diff(a, b), a, b)
    only_documented(lambda: zfgk.diff(CQ, SY).item(a), a)


# ---------------------------------------------------------------- privacy


@FAST
@given(text=ANYTHING, flag=ANYTHING, mask_char=st.one_of(st.just("*"), ANYTHING))
def test_privacy_functions_raise_only_documented_errors(
    text: Any, flag: Any, mask_char: Any
) -> None:
    only_documented(lambda: zfgk.is_valid_id(text), text)
    only_documented(lambda: zfgk.is_valid_id(FULL_ID, legacy=flag), flag)
    only_documented(lambda: zfgk.parse_id(text, legacy=flag), text, flag)
    only_documented(lambda: zfgk.upgrade_id(text), text)
    only_documented(lambda: zfgk.mask_name(text, keep_last=flag, mask_char=mask_char), text)
    only_documented(lambda: zfgk.mask_name("张三", mask_char=mask_char), mask_char)
    only_documented(lambda: zfgk.mask_phone(text), text)
    only_documented(lambda: zfgk.mask_phone(MOBILE, mask_char=mask_char))  # see below


@FAST
@given(text=ANYTHING, mask_char=st.one_of(st.just("*"), ANYTHING))
def test_finder_raises_only_documented_errors(text: Any, mask_char: Any) -> None:
    only_documented(lambda: zfgk.find_pii(text), text)
    only_documented(lambda: zfgk.redact(text), text)
    only_documented(lambda: zfgk.redact(f"手机 {MOBILE}", mask_char=mask_char))  # see below


@pytest.mark.parametrize(
    "call",
    [
        lambda: zfgk.mask_phone(MOBILE, mask_char=MOBILE),
        lambda: zfgk.mask_id(FULL_ID, mask_char=MOBILE),
    ],
)
def test_a_refused_mask_character_is_not_repeated(call: Callable[[], object]) -> None:
    only_documented(call, MOBILE)


@pytest.mark.parametrize(
    ("mask_char", "error"),
    [
        (MOBILE, InvalidArgumentError),
        ("#", InvalidArgumentError),
        ("**", InvalidArgumentError),
        (None, TypeError),
        (1, TypeError),
    ],
)
def test_redact_checks_its_mask_character_at_the_call(mask_char: Any, error: type) -> None:
    with pytest.raises(error, match="mask_char") as info:
        zfgk.redact(f"手机 {MOBILE}", mask_char=mask_char)
    assert MOBILE not in str(info.value)


@pytest.mark.parametrize("value", [None, b"13812345678", 13812345678, ["x"]])
@pytest.mark.parametrize("function", [zfgk.find_pii, zfgk.redact])
def test_the_finder_names_its_parameter(function: Callable[[Any], object], value: Any) -> None:
    with pytest.raises(TypeError, match=r"text must be a str"):
        function(value)


@pytest.mark.parametrize("function", [zfgk.parse_id, zfgk.is_valid_id])
def test_legacy_must_be_a_bool(function: Callable[..., object]) -> None:
    with pytest.raises(TypeError, match="legacy"):
        function("110105491231002", legacy="no")


# ------------------------------------------------------------------- urls


@FAST
@given(url=ANYTHING, suffixes=st.one_of(st.none(), ANYTHING))
def test_url_functions_raise_only_documented_errors(url: Any, suffixes: Any) -> None:
    only_documented(lambda: zfgk.normalize_url(url), url)
    only_documented(lambda: zfgk.display_url(url), url)
    only_documented(lambda: zfgk.is_government_url(url), url)
    only_documented(
        lambda: zfgk.is_government_url("https://a.gov.cn/", government_suffixes=suffixes),
        suffixes,
    )


# --------------------------------------------------------------- workdays


def test_default_calendar_takes_no_arguments() -> None:
    assert zfgk.default_calendar() is zfgk.default_calendar()
    with pytest.raises(TypeError):
        zfgk.default_calendar(2026)  # type: ignore[call-arg]


@FAST
@given(value=ANYTHING, other=ANYTHING)
def test_calendar_methods_raise_only_documented_errors(value: Any, other: Any) -> None:
    only_documented(lambda: CAL.is_workday(value), value)
    only_documented(lambda: CAL.is_holiday(value), value)
    only_documented(lambda: CAL.is_make_up_day(value), value)
    only_documented(lambda: CAL.covers(value), value)
    only_documented(lambda: CAL.next_workday(value), value)
    only_documented(lambda: CAL.deadline(value, other), value, other)
    only_documented(lambda: CAL.working_days_between(value, other), value, other)
    only_documented(lambda: CAL.month(value, other), value, other)
    only_documented(lambda: CAL.through(value), value)
    only_documented(lambda: CAL.with_provisional_years(value), value)
    only_documented(lambda: CAL.with_year(value, holidays=other), value, other)
    only_documented(lambda: CAL.with_year(2027, workdays=value), value)
    # a source is a path (its messages name the file) or the data of one
    only_documented(lambda: CAL.with_holiday_cn(value))
    only_documented(lambda: CAL.with_holidays(value))
    only_documented(lambda: zfgk.WorkdayCalendar.from_holiday_cn(value, base=CAL))
    only_documented(lambda: zfgk.WorkdayCalendar.from_holiday_cn({"year": 2027}, base=value))


# ------------------------------------------------------------------ model


@FAST
@given(label=ANYTHING)
def test_labels_raise_only_documented_errors(label: Any) -> None:
    for kind in (zfgk.Channel, zfgk.Audience, zfgk.Mode, zfgk.Level, zfgk.PersonalKind):
        only_documented(lambda: kind(label), label)  # noqa: B023
    kinds: tuple[Any, ...] = (zfgk.Channel, zfgk.Audience, zfgk.Mode, zfgk.Level)
    for label_kind in kinds:
        only_documented(lambda: parse_label(label_kind, label), label)  # noqa: B023
        only_documented(lambda: parse_labels(label_kind, label), label)  # noqa: B023


@FAST
@given(message=ANYTHING, params=ANYTHING, value=ANYTHING)
def test_notes_raise_only_documented_errors(message: Any, params: Any, value: Any) -> None:
    def said(note: Note) -> None:
        assert isinstance(note.text, str)
        assert isinstance(note.localized("zh"), str)
        assert Note.from_json(note.to_json()) == note

    only_documented(lambda: said(Note(message, params)), message, params)
    only_documented(lambda: said(Note.of("{x}", x=value)), value)
    only_documented(lambda: said(Note.plain(message)), message)
    only_documented(lambda: said(Note.from_json(value)), value)


# ----------------------------------------------------- files by the wrong name


@settings(FAST, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(path=ANYTHING, other=ANYTHING)
def test_readers_raise_only_documented_errors(path: Any, other: Any, tmp_path: Path) -> None:
    csv = tmp_path / "名单.csv"
    csv.write_text("姓名,房号\n张*,1-101\n", encoding="utf-8")
    html = tmp_path / "a.html"
    html.write_text("<p>x</p>", encoding="utf-8")
    only_documented(lambda: read_table(path))  # a path: its messages name the file
    only_documented(lambda: read_table(csv, other), other)
    only_documented(lambda: read_table(csv, sheet=other), other)
    only_documented(lambda: read_table(csv, known=other), other)
    only_documented(lambda: read_table(csv, header_row=other), other)
    only_documented(lambda: read_document(path))
    only_documented(lambda: read_document(html, other), other)


# ------------------------------------------------ what the messages say, exactly

HERE = Path(__file__).resolve().parent
# Typed Any: the calls below are wrong on purpose.
z: Any = zfgk
cq: Any = CQ
cal: Any = CAL
table: Any = read_table
document: Any = read_document
note: Any = Note
label: Any = parse_label
labels: Any = parse_labels


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: z.load(None), "name must be a str"),
        (lambda: z.load_file(None), "path must be a path"),
        (lambda: z.load_file(3.5), "path must be a path"),
        (lambda: cq.item(19.0), "an item key is a number or a name, not float"),
        (lambda: cq.item(19, category=1), "category must be a str or None, not int"),
        (lambda: z.diff(CQ, SY).item("19"), "number must be an int"),
        (lambda: z.Channel(None), "Channel() takes a label, a str, not NoneType"),
        (lambda: z.Level(1), "Level() takes a label, a str, not int"),
        (lambda: cq.search(None), "query must be a str, not NoneType"),
        (lambda: z.mask_name("张三", keep_last="no"), "keep_last must be a bool, not str"),
        (lambda: cq.item(19).json_schema(schema_id=1), "schema_id must be a str or None"),
        (lambda: cq.search(basis=1), "basis must be a str or None, not int"),
        (lambda: cal.with_year(2027, holidays=None), "holidays must be a collection of"),
        (lambda: cal.with_year(2027, workdays="2027-01-01"), "workdays must be a collection"),
        (lambda: cal.with_year(2027, holidays=["2027-01-01"]), "each of holidays must be a"),
        (lambda: cal.with_holidays(None), "sources must be a collection of paths"),
        (
            lambda: z.is_government_url("https://a.gov.cn/", government_suffixes=1),
            "government_suffixes",
        ),
        (lambda: label(z.Channel, None), "label must be a str"),
        (lambda: labels(z.Level, ["县级"]), "text must be a str"),
        (lambda: note(None), "a note's message must be a str"),
        (lambda: note.plain(b"x"), "a note's message must be a str"),
        (lambda: note("{x}", "x"), "params must be a mapping or (name, value) pairs"),
        (lambda: note("{x}", [("x",)]), "params must be a mapping or (name, value) pairs"),
        (lambda: note.of("{x}", x=1.5), "the value of 'x' must be a str, an int or a Note"),
        (lambda: note.of("{x}", x=True), "the value of 'x' must be a str, an int or a Note"),
        (lambda: cal.month(2026.0, 10), "year must be an int"),
        (lambda: cal.month(2026, "10"), "month must be an int"),
        (lambda: cal.through("2025"), "last_year must be an int"),
        (lambda: cal.with_year(None), "year must be an int"),
        (lambda: cal.with_provisional_years(2027.0), "last_year must be an int"),
        (lambda: cal.with_holidays("2027.json"), "sources must be a collection of paths"),
        (lambda: cal.with_holiday_cn(None), "source must be a path"),
        (lambda: z.WorkdayCalendar.from_holiday_cn({}, base="x"), "base must be a WorkdayCalendar"),
        (lambda: table(None), "path must be a path"),
        (lambda: table(HERE / "x.csv", b"utf-8"), "encoding must be a str or None"),
        (lambda: table(HERE / "x.csv", sheet=1.0), "sheet must be a str"),
        (lambda: table(HERE / "x.csv", sheet=True), "sheet must be a str"),
        (lambda: table(HERE / "x.csv", known="姓名"), "known must be a collection"),
        (lambda: table(HERE / "x.csv", known=[1]), "each a str"),
        (lambda: table(HERE / "x.csv", header_row=2.0), "header_row must be an int"),
        (lambda: document(None), "path must be a path"),
        (lambda: document(HERE / "a.html", "html"), "kind must be a zfgk.formats.Kind"),
    ],
)
def test_a_wrong_type_is_a_type_error_naming_the_parameter(
    call: Callable[[], object], expected: str
) -> None:
    with pytest.raises(TypeError) as info:
        call()
    assert not isinstance(info.value, ZfgkError)
    assert expected in str(info.value)


@pytest.mark.parametrize(
    ("call", "error", "expected"),
    [
        (lambda: z.Channel("微博"), InvalidArgumentError, "unknown channel label '微博'"),
        (lambda: z.Mode("主动公开"), InvalidArgumentError, "unknown mode label"),
        (lambda: note("{column} is blank"), InvalidArgumentError, "no value for {column}"),
        (lambda: note("{0}", {"x": 1}), InvalidArgumentError, "not a template"),
        (lambda: note("{x", {"x": 1}), InvalidArgumentError, "not a template"),
        (lambda: z.diff(CQ, SY).item(30), z.UnknownItemError, "item 30 is not in both"),
        (lambda: cq.item("9" * 5000), z.UnknownItemError, "no item … in the chongqing"),
        (lambda: cq.item(MOBILE), z.UnknownItemError, "no item … in the chongqing"),
        (lambda: z.load(MOBILE), z.UnknownCatalogueError, "catalogue named '…'"),
        (lambda: cal.month(2026, 13), InvalidArgumentError, "no month 13 of year 2026"),
        (lambda: cal.month(0, 1), InvalidArgumentError, "a month is 1–12 of a year 1–9999"),
        (lambda: cal.month(2040, 1), z.CalendarCoverageError, "no official schedule for 2040"),
        (lambda: cal.through(int(MOBILE)), InvalidArgumentError, "up to …"),
        (lambda: z.load_file("a\x00.json"), z.CatalogueError, "NUL character"),
        (lambda: z.load_file("\ud800.csv"), z.CatalogueError, "unpaired surrogate"),
        (lambda: cal.with_holiday_cn("\x00"), z.HolidayFileError, "NUL character"),
        (lambda: cal.with_holidays(["\x00"]), z.HolidayFileError, "NUL character"),
        (lambda: table("\ud800.csv"), InputError, "unpaired surrogate"),
        (lambda: table(HERE / "x.csv", "\x00"), InputError, "unknown encoding"),
        (lambda: table(HERE / "x.csv", header_row=0), InputError, "no row 0"),
        (lambda: document("a\x00.html"), z.errors.InputError, "NUL character"),
        (
            lambda: z.normalize_url(f"http://{MOBILE}\udc80.gov.cn/"),
            z.InvalidUrlError,
            "not a valid domain name",
        ),
    ],
)
def test_a_wrong_value_is_a_zfgk_error_that_says_what_was_expected(
    call: Callable[[], object], error: type[ZfgkError], expected: str
) -> None:
    with pytest.raises(error) as info:
        call()
    assert expected in str(info.value)
    assert MOBILE not in str(info.value)
    assert MOBILE not in info.value.localized("zh")
    assert isinstance(info.value, (ValueError, LookupError))


def test_read_table_names_a_sheet_as_before() -> None:
    with pytest.raises(InputError, match=r"no sheets to choose from \(sheet 'Sheet1'\)"):
        table(HERE.parent / "examples" / "item19-allocation.csv", sheet="Sheet1")
