"""A catalogue of items, and looking its items up by number, name or words."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs

from zfgk import patterns
from zfgk._arguments import quiet
from zfgk.errors import AmbiguousItemError, UnknownItemError
from zfgk.i18n import N_
from zfgk.model._item import Item
from zfgk.model._note import Note
from zfgk.model._parts import Source, normalize_text
from zfgk.words import meant_items


def number_ranges(numbers: Iterable[int]) -> str:
    """Item numbers as ranges, the way people write them: ``3–21, 41–43``.

    >>> from zfgk.model import number_ranges
    >>> number_ranges([41, 3, 4, 5, 43, 42])
    '3–5, 41–43'
    """
    return ", ".join(
        f"{first}" if first == last else f"{first}–{last}"
        for first, last in patterns.code_runs(map(chr, numbers))
    )


@attrs.frozen(repr=False)
class Catalogue:
    """A disclosure standard catalogue: its items, in the source's order.

    ``complete`` is false for a source that gives only part of its table;
    ``total`` is the number of items the full table has, so
    :attr:`missing_numbers` tells which ones are absent.  ``notes`` are what
    a reader of the data should know, each a :class:`~zfgk.model.Note`.

    >>> import zfgk
    >>> cat = zfgk.load("shanyin")
    >>> len(cat), cat.complete, cat.total
    (22, False, 43)
    >>> cat.coverage
    '3–21, 41–43'
    """

    name: str
    title: str
    region: str
    source: Source
    complete: bool
    total: int
    items: tuple[Item, ...]
    categories: tuple[str, ...]
    notes: tuple[Note, ...] = ()
    _by_number: dict[int, Item] = attrs.field(
        init=False, repr=False, eq=False, hash=False, alias="_by_number"
    )

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_number", {i.number: i for i in self.items})

    def __repr__(self) -> str:
        return f"<Catalogue {self.name!r}: {self.title}, {len(self.items)} items>"

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Item]:
        return iter(self.items)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, int):
            return key in self._by_number
        if isinstance(key, Item):
            return self._by_number.get(key.number) == key
        return False

    @property
    def numbers(self) -> tuple[int, ...]:
        """The item numbers this catalogue holds.

        >>> import zfgk
        >>> zfgk.load("chongqing").numbers[:3]
        (1, 2, 3)
        """
        return tuple(i.number for i in self.items)

    @property
    def missing_numbers(self) -> tuple[int, ...]:
        """Numbers of the full table that this (partial) catalogue lacks.

        >>> import zfgk
        >>> zfgk.load("shanyin").missing_numbers[:4]
        (1, 2, 22, 23)
        >>> zfgk.load("chongqing").missing_numbers
        ()
        """
        return tuple(n for n in range(1, self.total + 1) if n not in self._by_number)

    @property
    def coverage(self) -> str:
        """The item numbers held, as ranges.

        >>> import zfgk
        >>> zfgk.load("chongqing").coverage
        '1–43'
        """
        return number_ranges(self._by_number)

    def item(self, key: int | str, *, category: str | None = None) -> Item:
        """Look an item up by number or by name (二级事项).

        A name is matched ignoring whitespace and full-/half-width
        differences; a string of digits is taken as a number.  Where a name
        belongs to several items, ``category`` (一级事项) picks one.

        >>> import zfgk
        >>> cat = zfgk.load("chongqing")
        >>> cat.item(19).name
        '分配结果'
        >>> cat.item("分配结果").number
        19
        >>> cat.item("自愿退出", category="办事指南").number
        38

        Raises :class:`~zfgk.UnknownItemError` for an unknown number or
        name, and :class:`~zfgk.AmbiguousItemError` for a name that names
        several items:

        >>> zfgk.load("shanyin").item(25)
        Traceback (most recent call last):
        ...
        zfgk.errors.UnknownItemError: item 25 is not in the shanyin catalogue: its source is partial and gives only items 3–21, 41–43
        """
        if isinstance(key, bool) or not isinstance(key, (int, str)):
            raise TypeError(f"an item key is a number or a name, not {type(key).__name__}")
        if category is not None and not isinstance(category, str):
            raise TypeError(f"category must be a str or None, not {type(category).__name__}")
        if isinstance(key, str) and key.strip().isdecimal():
            digits = key.strip()  # more digits than any item number has: past the last one
            key = int(digits) if len(digits) < 19 else 10**18
        if isinstance(key, int):
            return self._item_by_number(key, category)
        return self._item_by_name(key, category)

    def search(self, query: str = "", *, basis: str | None = None) -> tuple[Item, ...]:
        """Items whose name, category, content, legal basis or publishing body contains ``query``.

        Whitespace and full-/half-width differences are ignored; an empty
        query matches every item.  The words officers use for an item where
        the catalogue's differ find it too (配租 finds 分配结果:
        :mod:`zfgk.words`).

        >>> import zfgk
        >>> cat = zfgk.load("chongqing")
        >>> [i.number for i in cat.search("退出")]
        [22, 23, 24, 25, 38]
        >>> [i.number for i in cat.search("配租")]
        [17, 19, 20, 21]
        >>> len(cat.search("政府信息公开条例"))   # cited in 公开依据
        16

        ``basis`` keeps only the items that cite a matching document:

        >>> [i.number for i in cat.search(basis="2019年政务公开工作要点")]
        [7, 42]
        >>> [i.number for i in cat.search("身份证号", basis="公共租赁住房管理办法")]
        [14, 15, 16, 21, 22, 23, 24, 25, 26, 27, 28, 31]
        """
        if not isinstance(query, str):
            raise TypeError(f"query must be a str, not {type(query).__name__}")
        if basis is not None and not isinstance(basis, str):
            raise TypeError(f"basis must be a str or None, not {type(basis).__name__}")
        wanted = normalize_text(query)
        cited = normalize_text(basis) if basis is not None else ""
        meant = meant_items(query) if wanted else frozenset()
        return tuple(
            item
            for item in self.items
            if (not wanted or wanted in _haystack(item) or normalize_text(item.name) in meant)
            and (not cited or any(cited in normalize_text(b) for b in item.basis))
        )

    # ------------------------------------------------------------ lookup

    def _item_by_number(self, number: int, category: str | None) -> Item:
        item = self._by_number.get(number)
        if item is None:
            if not self.complete and 1 <= number <= self.total:
                raise UnknownItemError.of(
                    N_(
                        "item {number} is not in the {catalogue} catalogue: its source is partial "
                        "and gives only items {coverage}"
                    ),
                    number=quiet(number),
                    catalogue=self.name,
                    coverage=self.coverage,
                )
            raise UnknownItemError.of(
                N_("no item {number} in the {catalogue} catalogue: it has items {coverage}"),
                number=quiet(number),
                catalogue=self.name,
                coverage=self.coverage,
            )
        if category is not None and normalize_text(category) != normalize_text(item.category):
            raise UnknownItemError.of(
                N_(
                    "item {number} of the {catalogue} catalogue is in category {actual}, not {category}"
                ),
                number=number,
                catalogue=self.name,
                actual=item.category,
                category=quiet(category),
            )
        return item

    def _item_by_name(self, name: str, category: str | None) -> Item:
        wanted = normalize_text(name)
        matches = [i for i in self.items if normalize_text(i.name) == wanted]
        if category is not None and matches:
            in_category = [
                i for i in matches if normalize_text(i.category) == normalize_text(category)
            ]
            if not in_category:
                where = ", ".join(f"{i.number} ({i.category})" for i in matches)
                raise UnknownItemError.of(
                    N_(
                        "no item named {name!r} in category {category} of the {catalogue} "
                        "catalogue; items of that name: {where}"
                    ),
                    name=quiet(name),
                    category=quiet(category),
                    catalogue=self.name,
                    where=where,
                )
            matches = in_category
        if len(matches) == 1:
            return matches[0]
        if matches:
            where = ", ".join(f"{i.number} ({i.category})" for i in matches)
            raise AmbiguousItemError.of(
                N_(
                    "{name!r} names {count} items in the {catalogue} catalogue: {where}; pass "
                    "category= to choose one"
                ),
                tuple(i.number for i in matches),
                name=name,
                count=len(matches),
                catalogue=self.name,
                where=where,
            )
        raise self._no_item_named(name)

    def _no_item_named(self, name: str) -> UnknownItemError:
        """The error for a name no item has, with the names it may have meant."""
        wanted = normalize_text(name)
        names = list(dict.fromkeys(normalize_text(i.name) for i in self.items))
        close = close_matches(wanted, names, cutoff=0.5)
        if not close:
            close = [n for n in names if wanted and (wanted in n or n in wanted)][:3]
        if close and not self.complete:
            template = N_(
                "no item named {name!r} in the {catalogue} catalogue; did you mean {close}? "
                "(its source is partial: items {coverage} only)"
            )
        elif close:
            template = N_(
                "no item named {name!r} in the {catalogue} catalogue; did you mean {close}?"
            )
        elif not self.complete:
            template = N_(
                "no item named {name!r} in the {catalogue} catalogue "
                "(its source is partial: items {coverage} only)"
            )
        else:
            template = N_("no item named {name!r} in the {catalogue} catalogue")
        return UnknownItemError.of(
            template,
            name=quiet(name),
            catalogue=self.name,
            close=" or ".join(close),
            coverage=self.coverage,
        )


def close_matches(word: str, candidates: list[str], cutoff: float) -> list[str]:
    """Up to three candidates that look like ``word``, best first (for "did you mean").

    >>> from zfgk.model import close_matches
    >>> close_matches("分配结构", ["分配结果", "房源信息"], cutoff=0.5)
    ['分配结果']
    """
    import difflib  # only on error paths: it costs import time

    return difflib.get_close_matches(word, candidates, n=3, cutoff=cutoff)


def _haystack(item: Item) -> str:
    parts = [item.name, item.category, *item.basis, *(item.subjects or ())]
    for element in item.elements:
        parts.append(element.text)
        parts.extend(f.name for f in element.fields)
    return "\x00".join(normalize_text(p) for p in parts)
