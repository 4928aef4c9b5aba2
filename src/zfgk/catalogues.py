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
import threading
import types
import typing
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zfgk.errors import CatalogueError, UnknownCatalogueError
from zfgk.model import (
    Audience,
    Catalogue,
    Channel,
    Item,
    Level,
    Mode,
    close_matches,
)

if TYPE_CHECKING:  # pragma: no cover
    import cattrs

__all__ = [
    "FORMAT",
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

FORMAT = "zfgk.catalogue/1"
"""The value of the ``format`` key that every catalogue file carries."""

_ENUM_SETS: tuple[type[enum.Enum], ...] = (Channel, Audience, Mode, Level)
_lock = threading.Lock()


class _LabelError(ValueError):
    """An unknown enum label inside a list; the message starts with its index."""


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

        def structure_set(
            values: Any, _: Any, enum_type: type[enum.Enum] = enum_type
        ) -> frozenset[enum.Enum]:
            if not isinstance(values, list):
                raise TypeError(f"expected a list of {enum_type.__name__} labels")
            members = []
            for index, label in enumerate(values):
                try:
                    members.append(enum_type(label))
                except ValueError:
                    known = "、".join(m.value for m in enum_type)
                    raise _LabelError(
                        f"[{index}]: unknown {enum_type.__name__.lower()} label {label!r} "
                        f"(known: {known})"
                    ) from None
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


def _describe_errors(exc: Exception) -> str:
    import cattrs

    if isinstance(exc, cattrs.BaseValidationError):
        from cattrs.v import format_exception

        def describe(e: BaseException, t: Any) -> str:
            if isinstance(e, _LabelError):
                return str(e)
            return format_exception(e, t)

        messages = cattrs.transform_error(exc, path="$", format_exception=describe)
        return "; ".join(_tidy(m) for m in messages[:5]) + (
            f" (and {len(messages) - 5} more)" if len(messages) > 5 else ""
        )
    return str(exc)


def _tidy(message: str) -> str:
    """Turn cattrs' 'what @ $.path' into '$.path: what'."""
    what, sep, where = message.rpartition(" @ ")
    if not sep:
        return message
    # Label errors read "[3]: ...": they point inside a list, so fold that into the path.
    if what.startswith("[") and "]: " in what:
        index, _, what = what.partition(": ")
        where += index
    return f"{where}: {what}"


def loads(text: str | bytes, *, origin: str = "<string>") -> Catalogue:
    """Convert the JSON text of a catalogue into a :class:`~zfgk.model.Catalogue`.

    ``origin`` names the text in error messages.

    >>> import zfgk
    >>> zfgk.catalogues.loads('{"format": "zfgk.catalogue/1"}', origin="mine.json")
    Traceback (most recent call last):
    ...
    zfgk.errors.CatalogueError: mine.json: $: required field missing: name, title, ...
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise CatalogueError(
                f"{origin}: not UTF-8 text (byte {e.start} cannot be decoded); "
                "save the file as UTF-8"
            ) from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as e:
        raise CatalogueError(
            f"{origin}: not valid JSON: {e.msg} (line {e.lineno}, column {e.colno})"
        ) from None
    return from_dict(raw, origin=origin)


def from_dict(raw: Any, *, origin: str = "<dict>") -> Catalogue:
    """Convert an already-parsed JSON object into a catalogue, checking it.

    >>> import zfgk
    >>> cat = zfgk.load("chongqing")
    >>> zfgk.catalogues.from_dict(zfgk.catalogues.to_dict(cat)) == cat
    True
    >>> zfgk.catalogues.from_dict({"format": "zfgk.catalogue/1", "name": "mine"}, origin="mine")
    Traceback (most recent call last):
    ...
    zfgk.errors.CatalogueError: mine: $: required field missing: title, region, source, complete, total, items, categories; see the catalogue format in the zfgk documentation
    """
    if not isinstance(raw, dict):
        raise CatalogueError(f"{origin}: $: expected a JSON object, found {type(raw).__name__}")
    fmt = raw.get("format")
    if fmt != FORMAT:
        found = "no 'format' key" if fmt is None else f"format {fmt!r}"
        raise CatalogueError(
            f"{origin}: $.format: not a zfgk catalogue ({found}; expected {FORMAT!r})"
        )
    body = {k: v for k, v in raw.items() if k != "format"}
    missing = [
        key
        for key in ("name", "title", "region", "source", "complete", "total", "items", "categories")
        if key not in body
    ]
    if missing:
        raise CatalogueError(
            f"{origin}: $: required field missing: {', '.join(missing)}; "
            "see the catalogue format in the zfgk documentation"
        )
    try:
        catalogue = _converter().structure(body, Catalogue)
    except Exception as fast_error:  # cattrs raises TypeError, ValueError, KeyError...
        # Convert again with detailed validation, only to say where the error is.
        try:
            _converter(detailed=True).structure(body, Catalogue)
        except Exception as e:
            raise CatalogueError(f"{origin}: {_describe_errors(e)}") from None
        raise CatalogueError(f"{origin}: {fast_error}") from None  # pragma: no cover
    _check(catalogue, origin)
    return catalogue


def _check(catalogue: Catalogue, origin: str) -> None:
    seen: dict[int, int] = {}
    for index, item in enumerate(catalogue.items):
        where = f"{origin}: $.items[{index}]"
        if item.number in seen:
            raise CatalogueError(
                f"{where}.number: duplicate item number {item.number} "
                f"(also at $.items[{seen[item.number]}])"
            )
        seen[item.number] = index
        if not 1 <= item.number <= catalogue.total:
            raise CatalogueError(
                f"{where}.number: item number {item.number} is outside 1–{catalogue.total} "
                "(the catalogue's total)"
            )
        if not item.name.strip():
            raise CatalogueError(f"{where}.name: an item needs a name")
        if item.category not in catalogue.categories:
            raise CatalogueError(
                f"{where}.category: {item.category!r} is not listed in $.categories"
            )
    if catalogue.complete and len(catalogue.items) != catalogue.total:
        raise CatalogueError(
            f"{origin}: $.complete: the catalogue says it is complete but has "
            f"{len(catalogue.items)} of {catalogue.total} items"
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
        hint = f"; did you mean {close[0]!r}?" if close else ""
        known = ", ".join(names)
        if hint:
            raise UnknownCatalogueError(
                f"no packaged catalogue named {name!r}{hint} (known: {known})"
            )
        raise UnknownCatalogueError(
            f"no packaged catalogue named {name!r} (known: {known}); "
            "to use your own, call zfgk.load_file(path)"
        )
    with _lock:
        catalogue = _cache.get(name)
        if catalogue is None:
            data = (_DATA_DIR / f"{name}.json").read_bytes()
            catalogue = loads(data, origin=f"zfgk/data/{name}.json")
            _cache[name] = catalogue
    return catalogue


def load_file(path: str | os.PathLike[str]) -> Catalogue:
    """Read a catalogue of your own from a JSON file in zfgk's format.

    The file is read each time (nothing is cached).  Anything wrong with it
    raises :class:`~zfgk.CatalogueError` naming the file and the place:

    >>> import zfgk
    >>> import json, tempfile, pathlib
    >>> d = zfgk.catalogues.to_dict(zfgk.load("chongqing"))
    >>> d["items"][0]["channels"] = ["政府网站", "微博"]
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "mine.json"
    >>> _ = path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    >>> zfgk.load_file(path)
    Traceback (most recent call last):
    ...
    zfgk.errors.CatalogueError: .../mine.json: $.items[0].channels[1]: unknown channel label '微博' (known: ...)
    """
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise CatalogueError(f"{os.fspath(path)}: cannot read the file: {e.strerror}") from None
    return loads(data, origin=os.fspath(path))
