"""The catalogue format's JSON: its versions, its conversion with cattrs, what is wrong with a file.

:mod:`zfgk.catalogues` reads and writes catalogue files with these; the
messages they give are said in the officer's language.  A packaged
catalogue is built by :func:`packaged`, a constructor written for the
format, without importing cattrs; whatever that constructor does not vouch
for is converted by cattrs as any other file is (``tests/test_import_*.py``
hold the two to each other).

>>> from zfgk._catalogue_json import FORMATS_READ
>>> FORMATS_READ
('zfgk.catalogue/2', 'zfgk.catalogue/1')
"""

from __future__ import annotations

import enum
import re
import types
import typing
from functools import cache
from typing import TYPE_CHECKING, Any

from zfgk.errors import CatalogueError, InvalidArgumentError
from zfgk.i18n import N_, Message
from zfgk.model import (
    Audience,
    Catalogue,
    Channel,
    Element,
    Field,
    Inference,
    Item,
    LabelKind,
    Level,
    Mode,
    Note,
    PersonalKind,
    Source,
    SourceCell,
    TimeLimit,
    parse_label,
)

if TYPE_CHECKING:  # pragma: no cover
    import cattrs

#: The format every catalogue file zfgk writes carries, and the ones it reads.
FORMAT = "zfgk.catalogue/2"
FORMATS_READ = (FORMAT, "zfgk.catalogue/1")

_FORMAT_VERSION = re.compile(r"zfgk\.catalogue/(\d+)")

#: Python's reasons a text is not JSON, as its json module words them, said in any language.
JSON_REASONS = {
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
def converter(detailed: bool = False) -> cattrs.Converter:
    """The converter; ``detailed`` adds the JSON paths of errors, at a cost in speed."""
    return _make_converter(detailed)


def describe_errors(exc: Exception) -> Message | str:
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


def format_error(fmt: Any, origin: str) -> CatalogueError:
    """The error for a ``format`` zfgk does not read, saying which one it needs.

    >>> from zfgk._catalogue_json import format_error
    >>> print(format_error("zfgk.catalogue/9", "mine.json").localized("zh"))
    mine.json：$.format：该文件的格式为 'zfgk.catalogue/9'，由更新版本的 zfgk 写出；本版 zfgk 能读取的格式为 zfgk.catalogue/2, zfgk.catalogue/1：请升级 zfgk 后再读取，或将目录另存为 'zfgk.catalogue/2' 格式
    """
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


def from_version_1(body: dict[str, Any]) -> dict[str, Any]:
    """A ``zfgk.catalogue/1`` body in this format: an element's one ``note`` becomes ``notes``.

    Version 1 kept every note as English text; the notes stay that text
    (verbatim notes), in every language.

    >>> from zfgk._catalogue_json import from_version_1
    >>> from_version_1({"items": [{"elements": [{"text": "房号", "note": "why"}, {"text": "面积", "note": None}]}]})
    {'items': [{'elements': [{'text': '房号', 'notes': ['why']}, {'text': '面积'}]}]}
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


# ------------------------------------------------------------------ packaged catalogues


class Irregular(Exception):
    """A body :func:`packaged` does not vouch for: cattrs converts it, or says what is wrong."""


#: The keys of each object of the format, as :func:`packaged` reads them; each class's
#: ``attrs.fields`` (tests/test_import_catalogue.py holds them to each other).
CATALOGUE_KEYS = frozenset(
    {"name", "title", "region", "source", "complete", "total", "items", "categories", "notes"}
)
SOURCE_KEYS = frozenset({"title", "file", "sha256", "origin"})
ITEM_KEYS = frozenset(
    {
        "number",
        "category",
        "name",
        "elements",
        "basis",
        "time_limit",
        "subjects",
        "channels",
        "audiences",
        "modes",
        "levels",
        "inferred",
        "source_line",
        "source_cells",
    }
)
ELEMENT_KEYS = frozenset(
    {"text", "fields", "required", "marker", "open", "inherited_from", "notes"}
)
FIELD_KEYS = frozenset({"name", "personal", "masked"})
TIME_LIMIT_KEYS = frozenset({"text", "working_days", "trigger"})
INFERENCE_KEYS = frozenset({"attribute", "note", "from_item"})
SOURCE_CELL_KEYS = frozenset({"column", "text"})


def packaged(body: Any) -> Catalogue:
    """The catalogue a well-formed body of the current format holds, built without cattrs.

    ``body`` is the parsed JSON of a catalogue file, ``format`` key
    included.  It must be exactly what zfgk writes: every key known, every
    value of its JSON type (a whole number where a number is meant, a list
    where a tuple is).  Anything else raises :class:`Irregular`: cattrs then
    converts the body as it converts every user's file (it is more lenient,
    and says where a file is wrong).  On such a body the catalogue is equal
    to cattrs' conversion of it.

    >>> import json, zfgk
    >>> from zfgk import _catalogue_json
    >>> body = json.loads(zfgk.catalogues.dumps(zfgk.load("shanyin")))
    >>> _catalogue_json.packaged(body) == zfgk.load("shanyin")
    True
    >>> _catalogue_json.packaged({**body, "total": "43"})
    Traceback (most recent call last):
    ...
    zfgk._catalogue_json.Irregular: $.total
    """
    try:
        return _catalogue(body)
    except (KeyError, TypeError, ValueError) as e:  # a key missing, a note or a label wrong
        raise Irregular(f"{type(e).__name__}: {e}") from None


def _catalogue(body: Any) -> Catalogue:
    d = _object(body, CATALOGUE_KEYS | {"format"}, "$")
    if d.get("format") != FORMAT:
        raise Irregular("$.format")
    source = _object(d["source"], SOURCE_KEYS, "$.source")
    return Catalogue(
        name=_str(d["name"], "$.name"),
        title=_str(d["title"], "$.title"),
        region=_str(d["region"], "$.region"),
        source=Source(
            title=_str(source["title"], "$.source.title"),
            file=_str(source["file"], "$.source.file"),
            sha256=_str(source["sha256"], "$.source.sha256"),
            origin=_str(source["origin"], "$.source.origin"),
        ),
        complete=_bool(d["complete"], "$.complete"),
        total=_int(d["total"], "$.total"),
        items=tuple([_item(item) for item in _list(d["items"], "$.items")]),
        categories=_strs(d["categories"], "$.categories"),
        notes=_notes(d.get("notes", []), "$.notes"),
    )


def _item(value: Any) -> Item:
    d = _object(value, ITEM_KEYS, "$.items[]")
    time_limit = d["time_limit"]
    if time_limit is not None:
        t = _object(time_limit, TIME_LIMIT_KEYS, "time_limit")
        time_limit = TimeLimit(
            _str(t["text"], "time_limit.text"),
            _int(t["working_days"], "time_limit.working_days"),
            _str(t["trigger"], "time_limit.trigger"),
        )
    subjects = d["subjects"]
    source_line = d.get("source_line")
    return Item(
        _int(d["number"], "number"),
        _str(d["category"], "category"),
        _str(d["name"], "name"),
        tuple([_element(e) for e in _list(d["elements"], "elements")]),
        _strs(d["basis"], "basis"),
        time_limit,
        None if subjects is None else _strs(subjects, "subjects"),
        _labels(Channel, d["channels"]),
        _labels(Audience, d["audiences"]),
        _labels(Mode, d["modes"]),
        _labels(Level, d["levels"]),
        tuple([_inference(i) for i in _list(d.get("inferred", []), "inferred")]),
        None if source_line is None else _int(source_line, "source_line"),
        _source_cells(d.get("source_cells", [])),
    )


def _element(value: Any) -> Element:
    d = _object(value, ELEMENT_KEYS, "elements[]")
    marker = d.get("marker")
    inherited_from = d.get("inherited_from")
    return Element(
        _str(d["text"], "text"),
        tuple([_field(f) for f in _list(d["fields"], "fields")]),
        _bool(d.get("required", True), "required"),
        None if marker is None else _str(marker, "marker"),
        _bool(d.get("open", False), "open"),
        None if inherited_from is None else _int(inherited_from, "inherited_from"),
        _notes(d.get("notes", []), "notes"),
    )


def _field(value: Any) -> Field:
    d = _object(value, FIELD_KEYS, "fields[]")
    personal = d.get("personal")
    if personal is not None:
        personal = _PERSONAL_KINDS.get(personal) or PersonalKind(personal)
    return Field(_str(d["name"], "name"), personal, _bool(d.get("masked", False), "masked"))


def _inference(value: Any) -> Inference:
    d = _object(value, INFERENCE_KEYS, "inferred[]")
    from_item = d.get("from_item")
    return Inference(
        _str(d["attribute"], "attribute"),
        Note.from_json(d["note"]),
        None if from_item is None else _int(from_item, "from_item"),
    )


def _source_cells(value: Any) -> tuple[SourceCell, ...]:
    cells = []
    for cell in _list(value, "source_cells"):
        if type(cell) is not dict or cell.keys() != SOURCE_CELL_KEYS:
            raise Irregular("source_cells[]")
        column = cell["column"]
        text = cell["text"]
        if type(column) is not str or type(text) is not str:
            raise Irregular("source_cells[]")
        cells.append(SourceCell(column, text))
    return tuple(cells)


def _notes(value: Any, where: str) -> tuple[Note, ...]:
    return tuple([Note.from_json(note) for note in _list(value, where)])


#: Each label set's members by their labels: the labels as zfgk writes them.
_MEMBERS: dict[type[enum.Enum], dict[Any, enum.Enum]] = {
    kind: {member.value: member for member in kind} for kind in _ENUM_SETS
}
_PERSONAL_KINDS: dict[Any, PersonalKind] = {kind.value: kind for kind in PersonalKind}


def _labels(kind: type[LabelKind], value: Any) -> frozenset[LabelKind] | None:
    """A label set; a label written otherwise (a tick box, spaces) is read by parse_label."""
    if value is None:
        return None
    members: dict[Any, Any] = _MEMBERS[kind]
    return frozenset(
        [members.get(label) or parse_label(kind, label) for label in _list(value, "labels")]
    )


def _object(value: Any, keys: frozenset[str], where: str) -> dict[str, Any]:
    if type(value) is not dict or not keys.issuperset(value):
        raise Irregular(where)
    return value


def _list(value: Any, where: str) -> list[Any]:
    if type(value) is not list:
        raise Irregular(where)
    return value


def _strs(value: Any, where: str) -> tuple[str, ...]:
    if type(value) is not list:
        raise Irregular(where)
    for text in value:
        if type(text) is not str:
            raise Irregular(where)
    return tuple(value)


def _str(value: Any, where: str) -> str:
    if type(value) is not str:
        raise Irregular(where)
    return value


def _int(value: Any, where: str) -> int:
    if type(value) is not int:
        raise Irregular(where)
    return value


def _bool(value: Any, where: str) -> bool:
    if type(value) is not bool:
        raise Irregular(where)
    return value
