"""An item's rules as JSON Schema (Draft 2020-12): what :meth:`zfgk.Item.json_schema` gives."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from zfgk import patterns
from zfgk.model._labels import PersonalKind
from zfgk.model._parts import Element, Field, TimeLimit


class SchemaSubject(Protocol):
    """What a schema is made of: the parts of an :class:`~zfgk.Item` it reads."""

    @property
    def number(self) -> int: ...
    @property
    def category(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def elements(self) -> Sequence[Element]: ...
    @property
    def basis(self) -> Sequence[str]: ...
    @property
    def time_limit(self) -> TimeLimit | None: ...
    @property
    def subjects(self) -> Sequence[str] | None: ...


_JSON_VALUES = ["string", "number", "boolean"]


def _portable_class(chars: frozenset[str], *, negate: bool = False) -> str:
    """A character class that Python and ECMA-262 read alike: BMP characters as \\uXXXX ranges."""
    runs = patterns.code_runs(c for c in chars if ord(c) <= 0xFFFF)
    body = "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in runs)
    return f"[{'^' if negate else ''}{body}]"


#: What a blank string holds (:data:`zfgk.values.BLANK_CHARACTERS`): whitespace and the
#: invisible format characters (Unicode Cf).  Those outside the Basic Multilingual Plane
#: (tag characters, hieroglyph format controls) cannot be written portably: a string of
#: only those is blank to zfgk and not to a schema.
_BLANK_CHARACTERS = patterns.WHITESPACE | patterns.FORMAT_CHARACTERS
#: A blank string, anchored; and a search for a character that makes a string not blank.
BLANK_VALUE = patterns.anchored(_portable_class(_BLANK_CHARACTERS) + "*")
NOT_BLANK_VALUE = _portable_class(_BLANK_CHARACTERS, negate=True)
#: An empty list or object: blank too (a list with something in it is no value).
_EMPTY_CONTAINER: dict[str, Any] = {"type": ["array", "object"], "maxItems": 0, "maxProperties": 0}


def _field_schema(f: Field, element: Element) -> dict[str, Any]:
    """The schema of one field's value, as :func:`zfgk.validate` judges it."""
    notes = list(f.notes)
    if element.text != f.name:
        notes.insert(0, f"公开内容：{element.text}")
    if not element.required:
        notes.append("可选（○）：可以不填")
    schema: dict[str, Any] = {"title": f.name}
    if f.personal is PersonalKind.ID_NUMBER:
        if f.masked:
            hidden = "须隐藏部分号码：出生日期的 8 位数字须以 * 等字符隐藏"
            notes = [hidden if n == "须隐藏部分号码" else n for n in notes]
            pattern = patterns.MASKED_ID
        else:
            pattern = f"{patterns.MASKED_ID}|{patterns.FULL_ID}"
        notes.append("JSON Schema 只能检查号码的形状，不能检查校验码和出生日期")
        value: dict[str, Any] = {"type": "string", "pattern": patterns.anchored(pattern)}
    elif f.personal is PersonalKind.PHONE:
        pattern = patterns.MASKED_PHONE if f.masked else patterns.PHONE
        value = {"type": "string", "pattern": patterns.anchored(pattern)}
    else:
        value = {"type": _JSON_VALUES, "pattern": NOT_BLANK_VALUE}
    if element.required:
        schema.update(value)
    elif "pattern" in value and value["type"] == "string":
        blank = {"type": "string", "pattern": BLANK_VALUE}
        schema["anyOf"] = [{"type": "null"}, blank, _EMPTY_CONTAINER, value]
    else:
        schema.update(_EMPTY_CONTAINER)
        schema["type"] = [*_JSON_VALUES, "null", *_EMPTY_CONTAINER["type"]]
    schema["description"] = "；".join(notes) + "。" if notes else f"{f.name}。"
    return schema


def item_schema(item: SchemaSubject, schema_id: str | None = None) -> dict[str, Any]:
    """The JSON Schema of an item's records (see :meth:`zfgk.Item.json_schema`).

    >>> import zfgk
    >>> from zfgk.model import item_schema
    >>> item_schema(zfgk.load("chongqing").item(19))["required"][:2]
    ['保障对象姓名', '保障性住房类型']
    """
    properties: dict[str, Any] = {}
    required: list[str] = []
    for element in item.elements:
        for f in element.fields:
            properties[f.name] = _field_schema(f, element)
            if element.required and f.name not in required:
                required.append(f.name)
    description = [f"{item.category} / {item.name}（第 {item.number} 项）"]
    if item.basis:
        description.append("公开依据：" + "、".join(item.basis))
    if item.time_limit is not None:
        description.append(f"公开时限：{item.time_limit.text}")
    if item.subjects:
        description.append("公开主体：" + "、".join(item.subjects))
    description.append(
        "zfgk.validate 还会在每个字段中查找完整的身份证号（含校验码和出生日期的判断），"
        "并接受复合列名（如 房号面积套型）和别名；JSON Schema 不能表达这些。"
    )
    schema: dict[str, Any] = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    if schema_id is not None:
        schema["$id"] = schema_id
    schema.update(
        {
            "title": f"{item.name}（第 {item.number} 项）",
            "description": "\n".join(description),
            "type": "object",
            "required": required,
            "properties": properties,
            "additionalProperties": True,
        }
    )
    return schema
