"""How two catalogues differ: the items only one has, and the attributes that changed.

Counties and districts adapt the city's (or the province's) catalogue; an
officer who keeps one wants to see what it changed.

>>> import zfgk
>>> d = zfgk.diff(zfgk.load("shanyin"), zfgk.load("chongqing"))
>>> d.same, d.only_in_a, d.only_in_b[:5]
(False, (), (1, 2, 22, 23, 24))
>>> [c.attribute for c in d.item(14).changes]
['elements', 'basis', 'time_limit', 'subjects', 'channels', 'levels']

The content attributes are compared (:data:`ATTRIBUTES`), each in the form
the catalogue files write it; where an item's data came from (``inferred``,
``source_line``, ``source_cells``) is not, nor how a source marks or notes
an entry: an entry is its text, whether it is required, and its fields.
"""

from __future__ import annotations

from typing import Any

import attrs

from zfgk._arguments import quiet
from zfgk.catalogues import item_to_dict
from zfgk.errors import UnknownItemError
from zfgk.i18n import N_
from zfgk.model import COLUMNS, Catalogue, Item

__all__ = ["ATTRIBUTES", "LABELS", "CatalogueDiff", "Change", "ItemDiff", "diff"]

#: The attributes of an item that are compared, in the source table's order.
ATTRIBUTES = tuple(COLUMNS)
#: Each attribute by the source table's column name.
LABELS = COLUMNS


@attrs.frozen
class Change:
    """One attribute of an item that differs: its values in A and in B, as the files write them.

    >>> import zfgk
    >>> change = zfgk.diff(zfgk.load("shanyin"), zfgk.load("chongqing")).item(14).changes[2]
    >>> change.attribute, change.label, change.a["text"], change.b["text"]
    ('time_limit', '公开时限', '信息形成（变更）20个工作日内', '信息获取（形成变更）20个工作日内')
    """

    attribute: str
    a: Any
    b: Any

    @property
    def label(self) -> str:
        """The attribute by the source table's column name (公开内容 for ``elements``)."""
        return LABELS[self.attribute]


@attrs.frozen
class ItemDiff:
    """An item both catalogues have, and the attributes in which they differ."""

    number: int
    name: str
    changes: tuple[Change, ...]

    @property
    def attributes(self) -> tuple[str, ...]:
        """The names of the attributes that differ."""
        return tuple(c.attribute for c in self.changes)


@attrs.frozen
class CatalogueDiff:
    """What differs between catalogue ``a`` and catalogue ``b`` (named by their names)."""

    a: str
    b: str
    only_in_a: tuple[int, ...]
    only_in_b: tuple[int, ...]
    changed: tuple[ItemDiff, ...]

    @property
    def same(self) -> bool:
        """Whether the two catalogues have the same items with the same content.

        >>> import zfgk
        >>> zfgk.diff(zfgk.load("chongqing"), zfgk.load("chongqing")).same
        True
        """
        return not (self.only_in_a or self.only_in_b or self.changed)

    def item(self, number: int) -> ItemDiff:
        """The differences of one item both have.

        >>> import zfgk
        >>> zfgk.diff(zfgk.load("shanyin"), zfgk.load("chongqing")).item(30)
        Traceback (most recent call last):
        ...
        zfgk.errors.UnknownItemError: item 30 is not in both catalogues, or does not differ

        A ``number`` that is not an int is a TypeError.
        """
        if isinstance(number, bool) or not isinstance(number, int):
            raise TypeError(f"number must be an int, an item number, not {type(number).__name__}")
        for changed in self.changed:
            if changed.number == number:
                return changed
        raise UnknownItemError.of(
            N_("item {number} is not in both catalogues, or does not differ"), number=quiet(number)
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON form ``zfgk diff --json`` prints.

        >>> import zfgk
        >>> data = zfgk.diff(zfgk.load("shanyin"), zfgk.load("chongqing")).to_dict()
        >>> sorted(data), data["changed"][0]["number"], data["changed"][0]["attributes"][:2]
        (['a', 'b', 'changed', 'only_in_a', 'only_in_b'], 3, ['elements', 'basis'])
        """
        return {
            "a": self.a,
            "b": self.b,
            "only_in_a": list(self.only_in_a),
            "only_in_b": list(self.only_in_b),
            "changed": [
                {
                    "number": c.number,
                    "name": c.name,
                    "attributes": list(c.attributes),
                    "a": {change.attribute: change.a for change in c.changes},
                    "b": {change.attribute: change.b for change in c.changes},
                }
                for c in self.changed
            ],
        }


def _compared(item: Item) -> dict[str, Any]:
    """The item's compared attributes in their file form, entries without marks and notes."""
    data = item_to_dict(item)
    values = {attribute: data.get(attribute) for attribute in ATTRIBUTES}
    values["elements"] = [
        {"text": entry["text"], "required": element.required, "fields": entry["fields"]}
        for entry, element in zip(data["elements"], item.elements, strict=True)
    ]
    return values


def diff(a: Catalogue, b: Catalogue) -> CatalogueDiff:
    """Compare two catalogues: the item numbers only one has, and what changed in the others.

    >>> import zfgk
    >>> d = zfgk.diff(zfgk.load("shanyin"), zfgk.load("chongqing"))
    >>> len(d.changed), d.item(14).attributes[0]
    (22, 'elements')
    >>> zfgk.diff(zfgk.load("chongqing"), "shanyin")
    Traceback (most recent call last):
    ...
    TypeError: diff compares two Catalogue objects (zfgk.load or zfgk.load_file), not a str
    """
    for value in (a, b):
        if not isinstance(value, Catalogue):
            raise TypeError(
                "diff compares two Catalogue objects (zfgk.load or zfgk.load_file), "
                f"not a {type(value).__name__}"
            )
    changed = []
    for item in a:
        if item.number not in b:
            continue
        other = b.item(item.number)
        ours, theirs = _compared(item), _compared(other)
        changes = tuple(
            Change(attribute, ours[attribute], theirs[attribute])
            for attribute in ATTRIBUTES
            if ours[attribute] != theirs[attribute]
        )
        if changes:
            changed.append(ItemDiff(item.number, item.name, changes))
    return CatalogueDiff(
        a=a.name,
        b=b.name,
        only_in_a=tuple(n for n in a.numbers if n not in b),
        only_in_b=tuple(n for n in b.numbers if n not in a),
        changed=tuple(changed),
    )
