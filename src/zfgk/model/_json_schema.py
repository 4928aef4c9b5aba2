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
        value = {"type": _JSON_VALUES, "pattern": patterns.NOT_BLANK}
    if element.required:
        schema.update(value)
    elif "pattern" in value and value["type"] == "string":
        blank = {"type": "string", "pattern": patterns.anchored(patterns.BLANK)}
        schema["anyOf"] = [{"type": "null"}, blank, value]
    else:
        schema["type"] = [*_JSON_VALUES, "null"]
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
