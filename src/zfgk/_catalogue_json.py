"""The catalogue format's JSON: its versions, its conversion with cattrs, what is wrong with a file.

:mod:`zfgk.catalogues` reads and writes catalogue files with these; the
messages they give are said in the officer's language.

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
from zfgk.model import Audience, Channel, Level, Mode, Note, parse_label

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
