"""Loading the packaged catalogues and users' own, and looking items up.

Nothing is read when :mod:`zfgk` is imported.  The first
:func:`load` of a name reads and converts its JSON file; later calls return
the same, immutable object.

>>> import zfgk
>>> zfgk.catalogue_names()
('chongqing', 'shanyin')
>>> zfgk.load("chongqing") is zfgk.load("chongqing")
True

The JSON format is documented in ``docs/format.md`` and described by a JSON
Schema shipped as ``zfgk/catalogue.schema.json`` (see :func:`schema_path`).
"""

from __future__ import annotations

import enum
import json
import os
import re
import threading
import types
import typing
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zfgk.errors import CatalogueError, InvalidArgumentError, UnknownCatalogueError
from zfgk.i18n import N_, Message, os_reason
from zfgk.model import (
    Audience,
    Catalogue,
    Channel,
    Item,
    Level,
    Mode,
    Note,
    close_matches,
    parse_label,
)

if TYPE_CHECKING:  # pragma: no cover
    import cattrs

__all__ = [
    "FORMAT",
    "FORMATS_READ",
    "catalogue_names",
    "dumps",
    "from_dict",
    "item_to_dict",
    "load",
    "load_file",
    "loads",
    "schema_path",
    "to_dict",
]

FORMAT = "zfgk.catalogue/2"
"""The value of the ``format`` key that every catalogue file zfgk writes carries."""

FORMATS_READ = (FORMAT, "zfgk.catalogue/1")
"""The formats :func:`load_file` reads: this one, and the previous one (its notes kept as text)."""

_FORMAT_VERSION = re.compile(r"zfgk\.catalogue/(\d+)")

#: Python's reasons a text is not JSON, as its json module words them, said in any language.
_JSON_REASONS = {
    "Expecting value": N_("Expecting value"),
    "Expecting property name enclosed in double quotes": N_(
        "Expecting property name enclosed in double quotes"
    ),
    "Expecting ',' delimiter": N_("Expecting ',' delimiter"),
    "Expecting ':' delimiter": N_("Expecting ':' delimiter"),
    "Unterminated string starting at": N_("Unterminated string starting at"),
    "Invalid control character at": N_("Invalid control character at"),
    "Invalid \\escape": N_("Invalid \\escape"),
    "Invalid \\uXXXX escape": N_("Invalid \\uXXXX escape"),
    "Extra data": N_("Extra data"),
    "Illegal trailing comma before end of object": N_(
        "Illegal trailing comma before end of object"
    ),
    "Illegal trailing comma before end of array": N_("Illegal trailing comma before end of array"),
}

_ENUM_SETS: tuple[type[enum.Enum], ...] = (Channel, Audience, Mode, Level)
_lock = threading.Lock()


class _LabelError(ValueError):
    """An unknown enum label inside a list: its index and what is wrong with it."""

    def __init__(self, index: int, error: InvalidArgumentError) -> None:
        super().__init__(f"[{index}]: {error}")
        self.index = index
        self.error = error


def _make_converter(detailed: bool) -> cattrs.Converter:
    import cattrs

    conv = cattrs.Converter(
        forbid_extra_keys=True, omit_if_default=True, detailed_validation=detailed
    )
    for enum_type in _ENUM_SETS:
        order = {member: i for i, member in enumerate(enum_type)}

        def unstructure_set(
            values: frozenset[enum.Enum], order: dict[enum.Enum, int] = order
        ) -> list[Any]:
            return [m.value for m in sorted(values, key=order.__getitem__)]

        def structure_set(values: Any, _: Any, enum_type: Any = enum_type) -> frozenset[enum.Enum]:
            if not isinstance(values, list):
                raise TypeError(f"expected a list of {enum_type.__name__} labels")
            members = []
            for index, label in enumerate(values):
                try:
                    members.append(parse_label(enum_type, str(label)))
                except InvalidArgumentError as e:
                    raise _LabelError(index, e) from None
            return frozenset(members)

        set_type: Any = frozenset[enum_type]  # type: ignore[valid-type]

        def is_set(t: Any, set_type: Any = set_type) -> bool:
            """``frozenset[E]`` or ``frozenset[E] | None``."""
            if t == set_type:
                return True
            args = typing.get_args(t)
            return typing.get_origin(t) in (typing.Union, types.UnionType) and set(args) == {
                set_type,
                type(None),
            }

        def structure_optional(
            values: Any, t: Any, structure: Any = structure_set, set_type: Any = set_type
        ) -> Any:
            if values is None and t != set_type:
                return None
            return structure(values, t)

        def unstructure_optional(values: Any, unstructure: Any = unstructure_set) -> Any:
            return None if values is None else unstructure(values)

        conv.register_unstructure_hook_func(is_set, unstructure_optional)
        conv.register_structure_hook_func(is_set, structure_optional)
    conv.register_structure_hook(Note, lambda value, _: Note.from_json(value))
    conv.register_unstructure_hook(Note, Note.to_json)
    return conv


@cache
def _converter(detailed: bool = False) -> cattrs.Converter:
    """The converter; ``detailed`` adds the JSON paths of errors, at a cost in speed."""
    return _make_converter(detailed)


_PACKAGE_DIR = Path(__file__).resolve().parent
_DATA_DIR = _PACKAGE_DIR / "data"


def schema_path() -> Path:
    """The path of the JSON Schema that describes the catalogue format.

    >>> import zfgk
    >>> zfgk.catalogues.schema_path().name
    'catalogue.schema.json'
    """
    return _PACKAGE_DIR / "catalogue.schema.json"


@cache
def catalogue_names() -> tuple[str, ...]:
    """The names of the catalogues shipped with zfgk, sorted.

    >>> import zfgk
    >>> zfgk.catalogue_names()
    ('chongqing', 'shanyin')
    """
    return tuple(
        sorted(
            entry.name.removesuffix(".json")
            for entry in _DATA_DIR.iterdir()
            if entry.name.endswith(".json")
        )
    )


def _describe_errors(exc: Exception) -> Message | str:
    """What cattrs found wrong, as a message in any language, each error with its JSON path."""
    import cattrs

    if not isinstance(exc, cattrs.BaseValidationError):
        return str(exc)
    found: list[Message] = []

    def describe(error: BaseException, t: Any) -> str:
        found.append(_structure_error(error, t))
        return str(len(found) - 1)

    messages = cattrs.transform_error(exc, path="$", format_exception=describe)
    described = []
    for text in messages[:5]:
        index, _, path = text.partition(" @ ")
        message = found[int(index)]
        label = message.params.pop("index", None)
        message.params["path"] = path + (f"[{label}]" if label is not None else "")
        described.append(message)
    joined: Message = described[0]
    for message in described[1:]:
        joined = Message(N_("{first}; {then}"), first=joined, then=message)
    if len(messages) > 5:
        joined = Message(N_("{errors} (and {count} more)"), errors=joined, count=len(messages) - 5)
    return joined


def _structure_error(error: BaseException, t: Any) -> Message:
    """One error cattrs met, said in any language; ``path`` is filled in by the caller."""
    import cattrs

    if isinstance(error, _LabelError):
        return Message(N_("{path}: {problem}"), index=error.index, problem=error.error.as_message())
    if t is Note:
        return Message(
            N_("{path}: not a note: {reason}"), reason=getattr(error, "reason", str(error))
        )
    if isinstance(error, KeyError):
        return Message(N_("{path}: required field missing"))
    if isinstance(error, cattrs.ForbiddenExtraKeysError):
        return Message(
            N_("{path}: extra fields found ({fields})"),
            fields=", ".join(sorted(error.extra_fields)),
        )
    if isinstance(error, (ValueError, TypeError)) and t is not None:
        return Message(
            N_("{path}: invalid value for type, expected {type}"),
            type=getattr(t, "__name__", repr(t)),
        )
    if isinstance(error, TypeError) and str(error).endswith("object is not iterable"):
        return Message(N_("{path}: invalid value for type, expected a list"))
    if isinstance(error, AttributeError) and str(error).endswith("has no attribute 'items'"):
        return Message(N_("{path}: expected a mapping"))
    return Message(N_("{path}: invalid value ({error})"), error=str(error))


def loads(text: str | bytes, *, origin: str = "<string>") -> Catalogue:
    """Convert the JSON text of a catalogue into a :class:`~zfgk.model.Catalogue`.

    ``origin`` names the text in error messages.

    >>> import zfgk
    >>> zfgk.catalogues.loads('{"format": "zfgk.catalogue/2"}', origin="mine.json")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    zfgk.errors.CatalogueError: mine.json: $: required field missing: name, title, ...
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise CatalogueError.of(
                N_(
                    "{origin}: not UTF-8 text (byte {start} cannot be decoded); save the file as UTF-8"
                ),
                origin=origin,
                start=e.start,
            ) from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as e:
        raise CatalogueError.of(
            N_("{origin}: not valid JSON: {msg} (line {lineno}, column {colno})"),
            origin=origin,
            msg=Message(_JSON_REASONS[e.msg]) if e.msg in _JSON_REASONS else e.msg,
            lineno=e.lineno,
            colno=e.colno,
        ) from None
    return from_dict(raw, origin=origin)


def from_dict(raw: Any, *, origin: str = "<dict>") -> Catalogue:
    """Convert an already-parsed JSON object into a catalogue, checking it.

    >>> import zfgk
    >>> cat = zfgk.load("chongqing")
    >>> zfgk.catalogues.from_dict(zfgk.catalogues.to_dict(cat)) == cat
    True
    >>> zfgk.catalogues.from_dict({"format": "zfgk.catalogue/2", "name": "mine"}, origin="mine")
    Traceback (most recent call last):
    ...
    zfgk.errors.CatalogueError: mine: $: required field missing: title, region, source, complete, total, items, categories; see the catalogue format in the zfgk documentation

    A file of the previous format, ``zfgk.catalogue/1``, is read as it is,
    its notes kept as the English text it holds; a later format says what
    this zfgk reads:

    >>> zfgk.catalogues.from_dict({"format": "zfgk.catalogue/3"}, origin="mine")
    Traceback (most recent call last):
    ...
    zfgk.errors.CatalogueError: mine: $.format: the file is in format 'zfgk.catalogue/3', which a newer zfgk writes; this zfgk reads zfgk.catalogue/2, zfgk.catalogue/1: upgrade zfgk to read it, or save the catalogue in format 'zfgk.catalogue/2'
    """
    if not isinstance(raw, dict):
        raise CatalogueError.of(
            N_("{origin}: $: expected a JSON object, found {kind}"),
            origin=origin,
            kind=type(raw).__name__,
        )
    fmt = raw.get("format")
    if fmt not in FORMATS_READ:
        raise _format_error(fmt, origin)
    body = {k: v for k, v in raw.items() if k != "format"}
    if fmt != FORMAT:
        body = _from_version_1(body)
    missing = [
        key
        for key in ("name", "title", "region", "source", "complete", "total", "items", "categories")
        if key not in body
    ]
    if missing:
        raise CatalogueError.of(
            N_(
                "{origin}: $: required field missing: {fields}; see the catalogue format in the zfgk documentation"
            ),
            origin=origin,
            fields=", ".join(missing),
        )
    try:
        catalogue = _converter().structure(body, Catalogue)
    except Exception as fast_error:  # cattrs raises TypeError, ValueError, KeyError...
        # Convert again with detailed validation, only to say where the error is.
        try:
            _converter(detailed=True).structure(body, Catalogue)
        except Exception as e:
            raise CatalogueError.of(
                N_("{origin}: {detail}"), origin=origin, detail=_describe_errors(e)
            ) from None
        raise CatalogueError.of(
            N_("{origin}: {fast_error}"), origin=origin, fast_error=fast_error
        ) from None  # pragma: no cover
    _check(catalogue, origin)
    return catalogue


def _format_error(fmt: Any, origin: str) -> CatalogueError:
    """The error for a ``format`` zfgk does not read, saying which one it needs."""
    if fmt is None:
        return CatalogueError.of(
            N_("{origin}: $.format: not a zfgk catalogue (no 'format' key; expected {expected!r})"),
            origin=origin,
            expected=FORMAT,
        )
    version = _FORMAT_VERSION.fullmatch(fmt) if isinstance(fmt, str) else None
    if version is not None and int(version.group(1)) > int(FORMAT.rpartition("/")[2]):
        return CatalogueError.of(
            N_(
                "{origin}: $.format: the file is in format {found!r}, which a newer zfgk writes; "
                "this zfgk reads {known}: upgrade zfgk to read it, or save the catalogue in "
                "format {expected!r}"
            ),
            origin=origin,
            found=fmt,
            known=", ".join(FORMATS_READ),
            expected=FORMAT,
        )
    return CatalogueError.of(
        N_("{origin}: $.format: not a zfgk catalogue (format {found!r}; expected {expected!r})"),
        origin=origin,
        found=fmt,
        expected=FORMAT,
    )


def _from_version_1(body: dict[str, Any]) -> dict[str, Any]:
    """A ``zfgk.catalogue/1`` body in this format: an element's one ``note`` becomes ``notes``.

    Version 1 kept every note as English text; the notes stay that text
    (verbatim notes), in every language.
    """
    items = body.get("items")
    if not isinstance(items, list):
        return body
    upgraded = []
    for item in items:
        elements = item.get("elements") if isinstance(item, dict) else None
        if isinstance(elements, list):
            upgraded.append({**item, "elements": [_element_from_version_1(e) for e in elements]})
        else:
            upgraded.append(item)
    return {**body, "items": upgraded}


def _element_from_version_1(element: Any) -> Any:
    if not isinstance(element, dict) or "note" not in element or "notes" in element:
        return element  # anything else is for the conversion to report
    element = dict(element)
    note = element.pop("note")
    if note is not None:
        element["notes"] = [note]
    return element


def _check(catalogue: Catalogue, origin: str) -> None:
    seen: dict[int, int] = {}
    for index, item in enumerate(catalogue.items):
        where = f"{origin}: $.items[{index}]"
        if item.number in seen:
            raise CatalogueError.of(
                N_("{where}.number: duplicate item number {number} (also at $.items[{first}])"),
                where=where,
                number=item.number,
                first=seen[item.number],
            )
        seen[item.number] = index
        if not 1 <= item.number <= catalogue.total:
            raise CatalogueError.of(
                N_(
                    "{where}.number: item number {number} is outside 1–{total} (the catalogue's total)"
                ),
                where=where,
                number=item.number,
                total=catalogue.total,
            )
        if not item.name.strip():
            raise CatalogueError.of(N_("{where}.name: an item needs a name"), where=where)
        if item.category not in catalogue.categories:
            raise CatalogueError.of(
                N_("{where}.category: {category!r} is not listed in $.categories"),
                where=where,
                category=item.category,
            )
    if catalogue.complete and len(catalogue.items) != catalogue.total:
        raise CatalogueError.of(
            N_(
                "{origin}: $.complete: the catalogue says it is complete but has {count} of {total} items"
            ),
            origin=origin,
            count=len(catalogue.items),
            total=catalogue.total,
        )


def to_dict(catalogue: Catalogue) -> dict[str, Any]:
    """The JSON-ready form of a catalogue, ``format`` key first.

    >>> import zfgk
    >>> d = zfgk.catalogues.to_dict(zfgk.load("chongqing"))
    >>> list(d)[:3]
    ['format', 'name', 'title']
    """
    body = _converter().unstructure(catalogue)
    return {"format": FORMAT, **body}


def item_to_dict(item: Item) -> dict[str, Any]:
    """The JSON-ready form of one item, as it appears in a catalogue file.

    >>> import zfgk
    >>> from zfgk.catalogues import item_to_dict
    >>> item_to_dict(zfgk.load("chongqing").item(19))["channels"]
    ['政府网站', '两微一端']
    """
    data: dict[str, Any] = _converter().unstructure(item)
    return data


def dumps(catalogue: Catalogue) -> str:
    """A catalogue as JSON text in zfgk's format, ready to save and :func:`load_file`.

    >>> import zfgk
    >>> text = zfgk.catalogues.dumps(zfgk.load("shanyin"))
    >>> zfgk.catalogues.loads(text) == zfgk.load("shanyin")
    True
    """
    return json.dumps(to_dict(catalogue), ensure_ascii=False, indent=1) + "\n"


_cache: dict[str, Catalogue] = {}


def load(name: str) -> Catalogue:
    """The packaged catalogue ``name``, read on first use and cached.

    >>> import zfgk
    >>> cat = zfgk.load("chongqing")
    >>> cat.title
    '重庆市保障性住房领域政务公开标准目录'
    >>> zfgk.load("beijing")
    Traceback (most recent call last):
    ...
    zfgk.errors.UnknownCatalogueError: no packaged catalogue named 'beijing' (known: chongqing, shanyin); to use your own, call zfgk.load_file(path)
    """
    catalogue = _cache.get(name)
    if catalogue is not None:
        return catalogue
    names = catalogue_names()
    if name not in names:
        close = close_matches(name, list(names), cutoff=0.6)[:1]
        known = ", ".join(names)
        if close:
            raise UnknownCatalogueError.of(
                N_(
                    "no packaged catalogue named {name!r}; did you mean {close!r}? (known: {known})"
                ),
                name=name,
                close=close[0],
                known=known,
            )
        raise UnknownCatalogueError.of(
            N_(
                "no packaged catalogue named {name!r} (known: {known}); to use your own, call zfgk.load_file(path)"
            ),
            name=name,
            known=known,
        )
    with _lock:
        catalogue = _cache.get(name)
        if catalogue is None:
            data = (_DATA_DIR / f"{name}.json").read_bytes()
            catalogue = loads(data, origin=f"zfgk/data/{name}.json")
            _cache[name] = catalogue
    return catalogue


def load_file(path: str | os.PathLike[str]) -> Catalogue:
    """Read a catalogue of your own: a JSON file in zfgk's format, or a spreadsheet.

    ``.xlsx`` and ``.csv`` files are read as catalogue sheets, one row per
    item in the source table's columns, as ``zfgk export`` writes them and
    officers keep them (see :mod:`zfgk.spreadsheet`); anything else as
    JSON.  The file is read each time (nothing is cached).  Anything wrong
    with it raises :class:`~zfgk.CatalogueError` naming the file and the
    place (a JSON path, or a row and a column):

    >>> import zfgk
    >>> import json, tempfile, pathlib
    >>> d = zfgk.catalogues.to_dict(zfgk.load("chongqing"))
    >>> d["items"][0]["channels"] = ["政府网站", "微博"]
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "mine.json"
    >>> _ = path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    >>> zfgk.load_file(path)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    zfgk.errors.CatalogueError: .../mine.json: $.items[0].channels[1]: unknown channel label '微博' (known: ...)
    """
    if Path(path).suffix.lower() in (".xlsx", ".csv"):
        from zfgk.spreadsheet import read  # on first use: only spreadsheets need it

        catalogue = read(path)
        _check(catalogue, os.fspath(path))
        return catalogue
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise CatalogueError.of(
            N_("{path}: cannot read the file: {strerror}"),
            path=os.fspath(path),
            strerror=os_reason(e),
        ) from None
    return loads(data, origin=os.fspath(path))
