"""Which item is this list?  The item whose fields best match a table's header.

An officer's list has a header (保障对象姓名, 身份证号, 发放金额（元） …)
and often no word of which disclosure item it is.  :func:`guess_item`
matches the header against every item of a catalogue, as ``zfgk check``
matches it against one (:class:`zfgk.headers.ColumnMatcher`: aliases, units,
compound names), and chooses the item that fits best: it says which, why
(the columns that are its fields) and how sure.  Where two items fit
equally (items 22–25 have the same fields) it does not guess: it raises
:class:`~zfgk.AmbiguousItemError` naming them, unless the list's title
names one.  :func:`better_items` answers the other question: given an item,
is there one that fits the list clearly better?

How well an item fits is one number from 0 to 1, the F1 score of two shares:
of the item's fields, those a column covers (required fields count 1,
optional ones ½); of the header's columns, those that are fields of the item.

>>> from zfgk.guess import guess_item
>>> guess = guess_item(["序号", "保障对象姓名", "身份证号", "发放金额（元）", "发放年度月份日期", "发放方式"])
>>> guess.item.number, guess.item.name, guess.certainty.value
(26, '租赁补贴发放', 'sure')
>>> print(guess.message.localized("zh"))  # doctest: +NORMALIZE_WHITESPACE
第 26 项 租赁补贴发放 最符合表头（把握很大）：列 保障对象姓名、身份证号、发放金额（元）、发放年度月份日期、发放方式
是它 5 个字段中的 5 个；其次是第 31 项 保障性住房调整（7 个字段中的 2 个）
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping, Sequence

import attrs

from zfgk._arguments import quiet
from zfgk.catalogues import catalogue_label, load
from zfgk.errors import AmbiguousItemError, UnknownItemError
from zfgk.headers import ColumnMatcher
from zfgk.i18n import N_, Message, Said, listed
from zfgk.model import Catalogue, Item, close_matches, normalize_text
from zfgk.words import meant_items

__all__ = [
    "Certainty",
    "ItemFit",
    "ItemGuess",
    "better_items",
    "better_message",
    "fit",
    "guess_item",
    "suggest_items",
]

#: How much an optional field (○) counts against a required one (● or unmarked).
OPTIONAL_WEIGHT = 0.5
#: How much better than the given item another must fit for :func:`better_items` to name it.
BETTER_BY = 0.2


class Certainty(enum.Enum):
    """How sure a guess is.

    ``sure``: the item fits well (score 0.8 or more) and the next fits far
    worse (by 0.3 or more); ``unsure``: it fits poorly (under 0.5), or the
    next fits almost as well (within 0.15), or only the title chose among
    equals; ``likely`` between.
    """

    SURE = "sure"
    LIKELY = "likely"
    UNSURE = "unsure"


_CERTAINTY_WORDS = {
    Certainty.SURE: N_("sure"),
    Certainty.LIKELY: N_("likely"),
    Certainty.UNSURE: N_("unsure"),
}


@attrs.frozen
class ItemFit:
    """How one item's fields match a header.

    ``columns`` pairs each header column that names fields of the item with
    those fields, in the header's order; ``missing`` are the required fields
    no column covers; ``covered`` and ``fields`` count the item's fields
    found and all of them; ``score`` is from 0 (no column is a field) to 1.

    >>> import zfgk
    >>> from zfgk.guess import fit
    >>> f = fit(zfgk.load("chongqing").item(19), ["姓名", "房号面积套型", "备注"])
    >>> f.columns, f.missing, (f.covered, f.fields)
    ((('姓名', ('保障对象姓名',)), ('房号面积套型', ('房号', '面积', '套型'))), ('保障性住房类型', '所在建设项目名称'), (4, 6))
    >>> round(f.score, 2)
    0.67
    """

    item: Item
    columns: tuple[tuple[str, tuple[str, ...]], ...]
    missing: tuple[str, ...]
    covered: int
    fields: int
    score: float

    def describe(self) -> Message:
        """Which of the item's fields the columns are, as a message.

        >>> import zfgk
        >>> from zfgk.guess import fit
        >>> print(fit(zfgk.load("chongqing").item(27), ["姓名", "身份证号"]).describe())
        item 27 租金收取, 2 of its 8 fields
        """
        return Message(
            N_("item {number} {name}, {covered} of its {fields} fields"),
            number=self.item.number,
            name=self.item.name,
            covered=self.covered,
            fields=self.fields,
        )


@attrs.frozen
class ItemGuess:
    """The item :func:`guess_item` chose: how it fits, how sure, and what came next.

    ``by_title`` is true where the title of the list chose among items that
    fit the header equally.  ``runner_up`` is the best of the others (None
    in a catalogue of one item).
    """

    fit: ItemFit
    certainty: Certainty
    runner_up: ItemFit | None
    by_title: bool = False

    @property
    def item(self) -> Item:
        """The item chosen."""
        return self.fit.item

    @property
    def score(self) -> float:
        """How well it fits, 0 to 1."""
        return self.fit.score

    @property
    def message(self) -> Message:
        """Which item, why and how sure, for a person (``message.localized("zh")``)."""
        params: dict[str, object] = {
            "number": self.item.number,
            "name": self.item.name,
            "certainty": Message(_CERTAINTY_WORDS[self.certainty]),
            "columns": "、".join(column for column, _ in self.fit.columns),
            "covered": self.fit.covered,
            "fields": self.fit.fields,
        }
        if self.by_title:
            template = N_(
                "item {number} {name} fits the header ({certainty}), and the title names it: the "
                "columns {columns} are {covered} of its {fields} fields"
            )
        elif self.runner_up is None:
            template = N_(
                "item {number} {name} fits the header best ({certainty}): the columns {columns} "
                "are {covered} of its {fields} fields"
            )
        else:
            template = N_(
                "item {number} {name} fits the header best ({certainty}): the columns {columns} "
                "are {covered} of its {fields} fields; next: {next}"
            )
            params["next"] = self.runner_up.describe()
        return Message(template, **params)

    def to_dict(self) -> dict[str, object]:
        """The JSON form: the item, the score, how sure, and the columns that matched.

        >>> from zfgk.guess import guess_item
        >>> data = guess_item(["保障对象姓名", "保障性住房类型", "房号", "面积", "套型"]).to_dict()
        >>> data["item"], data["certainty"], data["columns"]["房号"]
        (19, 'sure', ['房号'])
        """
        return {
            "item": self.item.number,
            "name": self.item.name,
            "score": round(self.score, 3),
            "certainty": self.certainty.value,
            "by_title": self.by_title,
            "columns": {column: list(fields) for column, fields in self.fit.columns},
            "missing": list(self.fit.missing),
            "runner_up": None if self.runner_up is None else self.runner_up.item.number,
        }


def _catalogue(catalogue: Catalogue | str) -> Catalogue:
    if isinstance(catalogue, Catalogue):
        return catalogue
    if isinstance(catalogue, str):
        return load(catalogue)
    raise TypeError(
        f"catalogue must be a zfgk.Catalogue or a packaged catalogue's name, not {type(catalogue).__name__}"
    )


def _columns(header: Iterable[object]) -> list[str]:
    if isinstance(header, str) or not isinstance(header, Iterable):
        raise TypeError(
            f"header must be the column names (a list or tuple of str), not {type(header).__name__}"
        )
    return [h for h in header if isinstance(h, str) and h.strip()]


def fit(
    item: Item,
    header: Sequence[object],
    *,
    aliases: Mapping[str, str] | None = None,
    ignore: Iterable[str] = (),
) -> ItemFit:
    """How well ``item``'s fields match ``header`` (column names; blank and non-text cells are left out).

    Columns are matched to fields as ``zfgk check`` matches them
    (:class:`zfgk.headers.ColumnMatcher`, with ``aliases`` and ``ignore``).

    >>> import zfgk
    >>> from zfgk.guess import fit
    >>> fit(zfgk.load("chongqing").item(26), ["保障对象姓名", "发放金额（元）"]).columns
    (('保障对象姓名', ('保障对象姓名',)), ('发放金额（元）', ('发放金额',)))
    """
    columns = _columns(header)
    matcher = ColumnMatcher(item, aliases, ignore=ignore)
    covered: set[int] = set()
    matched: list[tuple[str, tuple[str, ...]]] = []
    for column in columns:
        found = matcher.match(column)
        if found:
            covered.update(found)
            matched.append((column, tuple(matcher.slots[i].field.name for i in found)))
    weight = [1.0 if slot.required else OPTIONAL_WEIGHT for slot in matcher.slots]
    total = sum(weight)
    recall = sum(weight[i] for i in covered) / total if total else 0.0
    precision = len(matched) / len(columns) if columns else 0.0
    score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    missing = tuple(
        dict.fromkeys(
            slot.field.name
            for i, slot in enumerate(matcher.slots)
            if slot.required and i not in covered
        )
    )
    return ItemFit(item, tuple(matched), missing, len(covered), len(matcher.slots), score)


def _fits(
    catalogue: Catalogue,
    header: Sequence[object],
    aliases: Mapping[str, str] | None,
    ignore: Iterable[str],
) -> list[ItemFit]:
    """Every item's fit, best first (equal ones in the catalogue's order)."""
    ignore = tuple(ignore)
    fits = [fit(item, header, aliases=aliases, ignore=ignore) for item in catalogue]
    return sorted(fits, key=lambda f: -f.score)


def _equal(a: float, b: float) -> bool:
    return math.isclose(a, b, abs_tol=1e-9)


def _named_in(title: str, fits: Sequence[ItemFit]) -> list[ItemFit]:
    """The fits whose item the title names, by its name or by an officer's word for it."""
    text = normalize_text(title)
    meant = meant_items(text)
    return [
        f
        for f in fits
        if normalize_text(f.item.name) in text or normalize_text(f.item.name) in meant
    ]


def _certainty(best: ItemFit, runner_up: ItemFit | None, *, by_title: bool) -> Certainty:
    gap = best.score - (runner_up.score if runner_up else 0.0)
    if by_title or best.score < 0.5 or gap < 0.15:
        return Certainty.UNSURE
    if best.score >= 0.8 and gap >= 0.3:
        return Certainty.SURE
    return Certainty.LIKELY


def guess_item(
    header: Sequence[object],
    *,
    catalogue: Catalogue | str = "chongqing",
    aliases: Mapping[str, str] | None = None,
    ignore: Iterable[str] = (),
    title: str | None = None,
) -> ItemGuess:
    """The item of ``catalogue`` whose fields best match ``header``: which, why and how sure.

    ``header`` is the list's column names; ``aliases`` and ``ignore`` are
    as ``zfgk check`` takes them.  ``title`` (the list's title row, such as
    2026年第三批公租房配租结果公示) chooses among items that fit equally
    when it names one of them, by name or by an officers' word
    (:mod:`zfgk.words`).

    >>> from zfgk.guess import guess_item
    >>> guess = guess_item(["姓名", "保障性住房类型", "房号面积套型", "所在建设项目名称"])
    >>> guess.item.name, [column for column, _ in guess.fit.columns]
    ('分配结果', ['姓名', '保障性住房类型', '房号面积套型', '所在建设项目名称'])

    Two items that fit equally are not guessed between:

    >>> header = ["原保障对象姓名", "身份证号", "原租购项目名称", "地址", "类型", "套型", "面积"]
    >>> guess_item(header)
    Traceback (most recent call last):
    ...
    zfgk.errors.AmbiguousItemError: items 22 自愿退出, 23 到期退出, 24 不符合条件退出 and 25 违规处罚退出 of the chongqing catalogue fit the header equally (its columns 原保障对象姓名、身份证号、原租购项目名称、地址、类型、套型、面积 are fields of each); name the item
    >>> guess_item(header, title="2026年第三批公租房到期退出名单").item.number
    23

    A header of which no column is a field of any item:

    >>> guess_item(["序号", "备注"], catalogue="shanyin")
    Traceback (most recent call last):
    ...
    zfgk.errors.UnknownItemError: no item of the shanyin catalogue has a field among the columns 序号、备注; name the item
    """
    cat = _catalogue(catalogue)
    columns = _columns(header)
    fits = _fits(cat, columns, aliases, ignore)
    label = catalogue_label(cat)
    if not fits or fits[0].score == 0:
        raise UnknownItemError.of(
            N_(
                "no item of the {catalogue} catalogue has a field among the columns {columns}; name the item"
            ),
            catalogue=label,
            columns="、".join(quiet(c) for c in columns) or "—",
        )
    best = fits[0]
    tied = [f for f in fits if _equal(f.score, best.score)]
    by_title = False
    if len(tied) > 1:
        named = _named_in(title, tied) if title else []
        if len(named) != 1:
            raise AmbiguousItemError.of(
                N_(
                    "items {items} of the {catalogue} catalogue fit the header equally (its "
                    "columns {columns} are fields of each); name the item"
                ),
                tuple(f.item.number for f in tied),
                items=listed([f"{f.item.number} {f.item.name}" for f in tied]),
                catalogue=label,
                columns="、".join(column for column, _ in best.columns),
            )
        best, by_title = named[0], True
    others = [f for f in fits if f is not best]
    runner_up = others[0] if others else None
    return ItemGuess(best, _certainty(best, runner_up, by_title=by_title), runner_up, by_title)


def _items(items: Sequence[Item]) -> Said:
    """Items by number and name, listed in each language: ``item 22 自愿退出 and item 23 到期退出``."""
    template = N_("item {number} {name}")
    said = [Message(template, number=i.number, name=i.name) for i in items]
    en, zh = listed([str(m) for m in said]), listed([m.localized("zh") for m in said])
    return Said(en=en.en, zh=zh.zh)


def better_items(
    item: Item,
    header: Sequence[object],
    *,
    catalogue: Catalogue | str = "chongqing",
    aliases: Mapping[str, str] | None = None,
    ignore: Iterable[str] = (),
) -> tuple[ItemFit, ...]:
    """The items that fit ``header`` clearly better than ``item`` (by :data:`BETTER_BY`), best first.

    Empty when ``item`` fits as well as any.  Where several fit best
    equally, all of them.

    >>> import zfgk
    >>> from zfgk.guess import better_items
    >>> cat = zfgk.load("chongqing")
    >>> header = ["保障对象姓名", "身份证号", "发放金额（元）", "发放年度月份日期", "发放方式"]
    >>> [f.item.number for f in better_items(cat.item(19), header, catalogue=cat)]
    [26]
    >>> better_items(cat.item(26), header, catalogue=cat)
    ()
    """
    cat = _catalogue(catalogue)
    columns = _columns(header)
    given = fit(item, columns, aliases=aliases, ignore=ignore)
    fits = _fits(cat, columns, aliases, ignore)
    if not fits or fits[0].score < given.score + BETTER_BY:
        return ()
    return tuple(f for f in fits if _equal(f.score, fits[0].score) and f.item != item)


def better_message(item: Item, fits: Sequence[ItemFit]) -> Message:
    """What to tell whoever chose ``item`` when ``fits`` (from :func:`better_items`) fit better.

    >>> import zfgk
    >>> from zfgk.guess import better_items, better_message
    >>> cat = zfgk.load("chongqing")
    >>> header = ["保障对象姓名", "身份证号", "发放金额（元）", "发放年度月份日期", "发放方式"]
    >>> print(better_message(cat.item(19), better_items(cat.item(19), header, catalogue=cat)).localized("zh"))
    这份名单更符合第 26 项 租赁补贴发放（5 个字段中的 5 个是它的列），而不是第 19 项 分配结果（6 个字段中的 1 个）
    """
    if not fits:
        raise ValueError("no item fits better")
    first = fits[0]
    header = [column for column, _ in first.columns]
    given = fit(item, header)
    return Message(
        N_(
            "the list fits {better} better ({covered} of its {fields} fields are columns) than "
            "item {number} {name} ({given_covered} of {given_fields} fields)"
        ),
        better=_items([f.item for f in fits]),
        covered=first.covered,
        fields=first.fields,
        number=item.number,
        name=item.name,
        given_covered=given.covered,
        given_fields=given.fields,
    )


def suggest_items(
    name: str, *, catalogue: Catalogue | str = "chongqing", limit: int = 5
) -> tuple[Item, ...]:
    """Items someone typing ``name`` may mean: names holding it or held in it, close names, officers' words.

    For the advice after a name that names no item; in the catalogue's order.

    >>> from zfgk.guess import suggest_items
    >>> [(i.number, i.name) for i in suggest_items("公租房租赁补贴", catalogue="chongqing")]
    [(14, '公租房承租资格审核'), (15, '公租房租赁补贴或租金减免审批'), (26, '租赁补贴发放')]
    >>> [(i.number, i.name) for i in suggest_items("配租公示")]
    [(19, '分配结果'), (20, '办理配租配售公告')]
    """
    cat = _catalogue(catalogue)
    wanted = normalize_text(name)
    if not wanted:
        return ()
    names = {normalize_text(i.name): i.name for i in cat}
    chosen: list[str] = [n for n in names if len(wanted) > 1 and (wanted in n or n in wanted)]
    chosen += close_matches(wanted, list(names), cutoff=0.5)
    chosen += sorted(meant_items(wanted))
    keep = set(list(dict.fromkeys(n for n in chosen if n in names))[:limit])
    return tuple(i for i in cat if normalize_text(i.name) in keep)
