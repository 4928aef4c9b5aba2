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

import json
import os
import threading
from functools import cache
from pathlib import Path
from typing import Any

from zfgk import _catalogue_json as _json
from zfgk._arguments import UNNAMEABLE, as_path, nameable, quiet
from zfgk.errors import CatalogueError, UnknownCatalogueError
from zfgk.i18n import N_, Message, Said, os_reason
from zfgk.model import Catalogue, Item, close_matches, normalize_text
from zfgk.words import meant_items

__all__ = [
    "FORMAT",
    "FORMATS_READ",
    "catalogue_label",
    "catalogue_names",
    "dumps",
    "from_dict",
    "item_to_dict",
    "load",
    "load_file",
    "loads",
    "schema_path",
    "search",
    "to_dict",
]

FORMAT = _json.FORMAT
"""The value of the ``format`` key that every catalogue file zfgk writes carries."""

FORMATS_READ = _json.FORMATS_READ
"""The formats :func:`load_file` reads: this one, and the previous one (its notes kept as text)."""

_lock = threading.Lock()


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


def catalogue_label(catalogue: Catalogue) -> Said:
    """What a catalogue is called for people: its name in English, its own title in Chinese.

    The Chinese is the title the source gives, in book-title marks, as a
    document is cited: a Chinese officer reads 《重庆市…目录》, not
    ``chongqing``.  A message filled with it says the one that fits its
    language (:class:`zfgk.i18n.Said`).

    >>> import zfgk
    >>> from zfgk.catalogues import catalogue_label
    >>> label = catalogue_label(zfgk.load("shanyin"))
    >>> str(label), label.localized("zh")
    ('shanyin', '《山阴县住建局保障性住房领域基层政务公开标准目录》')
    """
    title = catalogue.title.strip() or catalogue.name
    return Said(en=catalogue.name, zh=f"《{title}》")


def search(catalogue: Catalogue, query: str = "", *, basis: str | None = None) -> tuple[Item, ...]:
    """:meth:`Catalogue.search <zfgk.Catalogue.search>`, and the items officers mean by the words of ``query``.

    An officer searching 配租 wants item 19 (分配结果) as well as the items
    whose text holds 配租 (17, 20, 21): the words officers use for items
    are in :mod:`zfgk.words`.  Items come in the catalogue's order.

    >>> import zfgk
    >>> from zfgk.catalogues import search
    >>> [(i.number, i.name) for i in search(zfgk.load("chongqing"), "配租")]  # doctest: +NORMALIZE_WHITESPACE
    [(17, '房源信息'), (19, '分配结果'), (20, '办理配租配售公告'), (21, '公租房资格定期审核')]
    """
    found = set(catalogue.search(query, basis=basis))
    meant = meant_items(normalize_text(query))
    if meant:
        cited = catalogue.search(basis=basis) if basis is not None else tuple(catalogue)
        found.update(i for i in cited if normalize_text(i.name) in meant)
    return tuple(i for i in catalogue if i in found)


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
            msg=Message(_json.JSON_REASONS[e.msg]) if e.msg in _json.JSON_REASONS else e.msg,
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
        raise _json.format_error(fmt, origin)
    body = {k: v for k, v in raw.items() if k != "format"}
    if fmt != FORMAT:
        body = _json.from_version_1(body)
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
        catalogue = _json.converter().structure(body, Catalogue)
    except Exception as fast_error:  # cattrs raises TypeError, ValueError, KeyError...
        # Convert again with detailed validation, only to say where the error is.
        try:
            _json.converter(detailed=True).structure(body, Catalogue)
        except Exception as e:
            raise CatalogueError.of(
                N_("{origin}: {detail}"), origin=origin, detail=_json.describe_errors(e)
            ) from None
        raise CatalogueError.of(
            N_("{origin}: {fast_error}"), origin=origin, fast_error=fast_error
        ) from None  # pragma: no cover
    _check(catalogue, origin)
    return catalogue


def _check(catalogue: Catalogue, origin: str) -> None:
    seen: dict[int, int] = {}
    for index, item in enumerate(catalogue.items):
        where = Message(N_("{origin}: $.items[{index}]"), origin=origin, index=index)
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
    body = _json.converter().unstructure(catalogue)
    return {"format": FORMAT, **body}


def item_to_dict(item: Item) -> dict[str, Any]:
    """The JSON-ready form of one item, as it appears in a catalogue file.

    >>> import zfgk
    >>> from zfgk.catalogues import item_to_dict
    >>> item_to_dict(zfgk.load("chongqing").item(19))["channels"]
    ['政府网站', '两微一端']
    """
    data: dict[str, Any] = _json.converter().unstructure(item)
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

    A name that is not a str is a TypeError:

    >>> zfgk.load(None)
    Traceback (most recent call last):
    ...
    TypeError: name must be a str, the name of a packaged catalogue, not NoneType
    """
    if not isinstance(name, str):
        raise TypeError(
            f"name must be a str, the name of a packaged catalogue, not {type(name).__name__}"
        )
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
                name=quiet(name),
                close=close[0],
                known=known,
            )
        raise UnknownCatalogueError.of(
            N_(
                "no packaged catalogue named {name!r} (known: {known}); to use your own, call zfgk.load_file(path)"
            ),
            name=quiet(name),
            known=known,
        )
    with _lock:
        catalogue = _cache.get(name)
        if catalogue is None:
            origin = f"zfgk/data/{name}.json"
            data = (_DATA_DIR / f"{name}.json").read_bytes()
            try:  # the format as zfgk writes it, built without cattrs
                catalogue = _json.packaged(json.loads(data))
            except (ValueError, _json.Irregular):  # anything else: cattrs, and its errors
                catalogue = loads(data, origin=origin)
            else:
                _check(catalogue, origin)
            _cache[name] = catalogue
    return catalogue


def load_file(path: str | os.PathLike[str]) -> Catalogue:
    """Read a catalogue of your own: a JSON file in zfgk's format, or a spreadsheet.

    A catalogue sheet, one row per item in the source table's columns, as
    ``zfgk export`` writes it and officers keep it (see
    :mod:`zfgk.spreadsheet`), is read whatever saved it: a workbook (.xlsx,
    .xlsm, .xlsb, .xls, .ods), known by its first bytes as every table zfgk
    reads (:func:`zfgk.tables.sniff`), or delimited text (.csv, .tsv, .txt).
    Any other text is read as JSON.  The file is read each time (nothing is
    cached).  Anything wrong with it raises :class:`~zfgk.CatalogueError`
    naming the file and the place (a JSON path, or a row and a column):

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

    A ``path`` that is not a str or an :class:`os.PathLike` is a TypeError.
    """
    path = as_path(path, "path")
    if not nameable(path):
        raise CatalogueError.of(UNNAMEABLE, path=repr(os.fspath(path)))
    if _is_sheet(path):
        from zfgk.spreadsheet import read  # on first use: only spreadsheets need it

        catalogue = read(path)
        _check(catalogue, os.fspath(path))
        return catalogue
    try:
        data = path.read_bytes()
    except OSError as e:
        raise CatalogueError.of(
            N_("{path}: cannot read the file: {strerror}"),
            path=os.fspath(path),
            strerror=os_reason(e),
        ) from None
    return loads(data, origin=os.fspath(path))


#: Text files read as catalogue sheets by their names (a workbook is known by its bytes;
#: a CSV named as a workbook, as some systems export one, is still a sheet).
_SHEET_SUFFIXES = frozenset({".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"})


def _is_sheet(path: Path) -> bool:
    """Whether ``path`` is a catalogue sheet (a workbook by its bytes, or delimited text) or JSON."""
    from zfgk.errors import InputError
    from zfgk.tables import FileKind, sniff

    json_named = path.suffix.lower() == ".json"
    try:
        kind = sniff(path)
    except InputError as e:
        if json_named:  # the JSON reader says what is wrong with a file named so
            return False
        raise CatalogueError.like(e) from None
    return kind is not FileKind.TEXT or path.suffix.lower() in _SHEET_SUFFIXES
