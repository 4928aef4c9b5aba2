"""How a content entry (公开内容) becomes fields: the one copy of the rules.

Each numbered (or ●/○-marked) entry of 公开内容 becomes one element whose
``text`` keeps the source's words.  Its fields are found by these rules, in
order; the packaged catalogues are built with them (``tools/build_data.py``)
and a catalogue sheet whose entries were written or edited by hand is read
with them (:mod:`zfgk.spreadsheet`):

1. A final 等 ("and so on") is removed and recorded as ``open``.
2. An entry listed in :data:`KEEP_WHOLE` is one field (with a note saying why).
3. A heading ending in ``：`` or ``，含`` ("审核结果：…", "…家庭信息，含…") is not a
   field; the list after it is.
4. The list is split at 、.  A list after a heading that has no 、 at all is
   split at whitespace (the Shanyin text lost its 、 in extraction);
   elsewhere whitespace inside a name is removed (item 32's "统一社 会信用代码"
   is the field 统一社会信用代码).
5. A part listed in :data:`COMPOUNDS` (values written without a separator,
   such as 房号面积套型) is split as the table says; this is a judgement and
   the element's ``notes`` say so (each a :class:`~zfgk.model.Note`, said in
   the reader's language).
6. ``(隐藏部分号码)`` in any kind of brackets (:data:`MASK_NOTE`) marks the
   field ``masked`` and is removed from its name.
7. :func:`personal_kind` classifies a field by its name.

>>> from zfgk.fields import split_entry
>>> [f.name for f in split_entry("保障对象姓名、保障性住房类型、房号面积套型").fields]
['保障对象姓名', '保障性住房类型', '房号', '面积', '套型']
"""

from __future__ import annotations

import re

import attrs

from zfgk.errors import InvalidArgumentError
from zfgk.i18n import N_
from zfgk.model import Element, Field, Note, PersonalKind, normalize_text

__all__ = [
    "COMPOUNDS",
    "KEEP_WHOLE",
    "MASK_NOTE",
    "PERSONAL_BY_JUDGEMENT",
    "SplitEntry",
    "make_element",
    "make_field",
    "personal_kind",
    "split_entry",
]

#: The note that asks for a value published partly hidden, in any kind of brackets.
MASK_NOTE = re.compile(r"[(（﹝〔\[]\s*隐藏部分号码\s*[)）﹞〕\]]")

_WHY_BODY = N_("one field 正文: the words after 包括 describe what the text contains")

#: Normalized entry text (final 等 removed) -> (its field names, why: a message template).
KEEP_WHOLE: dict[str, tuple[tuple[str, ...], str]] = {
    normalize_text("建设、设计、施工和监理单位名称"): (
        ("建设、设计、施工和监理单位名称",),
        N_(
            "kept as one field: the four units share 单位名称, so splitting at 、 would leave fragments"
        ),
    ),
    normalize_text("申请条件、程序、期限和所需材料"): (
        ("申请条件、程序、期限和所需材料",),
        N_("kept as one field: a section of the application guide, not separate values"),
    ),
    normalize_text("正文，包括时间、地点、流程、注意事项"): (("正文",), _WHY_BODY),
    normalize_text("正文，包括时间地点 ●流程注意事项"): (("正文",), _WHY_BODY),
}

#: Normalized part -> its fields, as written in the source (with any mask note).
COMPOUNDS: dict[str, tuple[str, ...]] = {
    normalize_text("房号面积套型"): ("房号", "面积", "套型"),
    normalize_text("办公地址联系电话"): ("办公地址", "联系电话"),
    normalize_text("咨询电话监督电话"): ("咨询电话", "监督电话"),
    normalize_text("联系人及联系方式"): ("联系人", "联系方式"),
    # The Shanyin text lost the 、 between these:
    normalize_text("申请对象姓名身份证号(隐藏部分号码)申请房源类型"): (
        "申请对象姓名",
        "身份证号(隐藏部分号码)",
        "申请房源类型",
    ),
    normalize_text("保障对象编号姓名身份证号(隐藏部分号码)"): (
        "保障对象编号",
        "姓名",
        "身份证号(隐藏部分号码)",
    ),
}

#: Fields that are personal by reading their entry, not by their name alone.
PERSONAL_BY_JUDGEMENT: dict[str, PersonalKind] = {
    "联系人": PersonalKind.NAME,
    "联系方式": PersonalKind.PHONE,
    "腾退对象": PersonalKind.NAME,
    "保障对象编号": PersonalKind.IDENTIFIER,
}

_HEADINGS = ("：", "，含")
_WHITESPACE = re.compile(r"\s+")


@attrs.frozen
class SplitEntry:
    """What :func:`split_entry` finds in an entry: its fields, whether the list is open, why."""

    fields: tuple[Field, ...]
    open: bool
    notes: tuple[Note, ...] = ()


def personal_kind(name: str) -> PersonalKind | None:
    """Classify a field by its name.

    身份证号 is an ID number; a name ending in 姓名 is a person's name.  The
    fields in :data:`PERSONAL_BY_JUDGEMENT` are personal by reading the
    entry: the contact person of a repair contractor and their contact
    details, the tenant a home is recovered from (腾退对象), and the
    beneficiary's file number.  Government hotlines (咨询电话, 监督电话) and an
    operator's office phone (联系电话 after 办公地址) belong to organisations
    and are not.

    >>> from zfgk.fields import personal_kind
    >>> personal_kind("原保障对象姓名"), personal_kind("联系方式"), personal_kind("咨询电话")
    (<PersonalKind.NAME: 'name'>, <PersonalKind.PHONE: 'phone'>, None)
    """
    if "身份证号" in name:
        return PersonalKind.ID_NUMBER
    if name.endswith("姓名"):
        return PersonalKind.NAME
    return PERSONAL_BY_JUDGEMENT.get(name)


def make_field(part: str) -> Field:
    """The field one part of a list names: mask note removed, whitespace dropped, classified.

    >>> from zfgk.fields import make_field
    >>> make_field("身份证号（隐藏部分号码）")
    Field(name='身份证号', personal=<PersonalKind.ID_NUMBER: 'id_number'>, masked=True)

    A part that names nothing is an error:

    >>> make_field("（隐藏部分号码）")
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidArgumentError: an empty field name in '（隐藏部分号码）'
    """
    name = _WHITESPACE.sub("", MASK_NOTE.sub("", part))
    if not name:
        raise InvalidArgumentError.of(N_("an empty field name in {part!r}"), part=part)
    return Field(name=name, personal=personal_kind(name), masked=bool(MASK_NOTE.search(part)))


def _listing(body: str) -> list[str]:
    """The parts of the list an entry gives (rules 3 and 4)."""
    for heading in _HEADINGS:
        if heading in body:
            listing = body.split(heading, 1)[1].strip()
            return re.split(r"、" if "、" in listing else r"\s+", listing)
    return body.split("、")


def _compound_note(part: str, compound: tuple[str, ...]) -> Note:
    return Note.of(
        N_(
            "{part} is read as {count} fields ({fields}): a judgement, the source writes them "
            "without a separator"
        ),
        part=MASK_NOTE.sub("", part).strip(),
        count=len(compound),
        fields="、".join(MASK_NOTE.sub("", p) for p in compound),
    )


def split_entry(text: str) -> SplitEntry:
    """Split one content entry into its fields, by the rules of :mod:`zfgk.fields`.

    >>> from zfgk.fields import split_entry
    >>> entry = split_entry("审核结果：申请对象姓名、身份证号（隐藏部分号码）、申请房源类型等")
    >>> [(f.name, f.personal, f.masked) for f in entry.fields], entry.open
    ([('申请对象姓名', <PersonalKind.NAME: 'name'>, False), ('身份证号', <PersonalKind.ID_NUMBER: 'id_number'>, True), ('申请房源类型', None, False)], True)
    >>> entry = split_entry("建设、设计、施工和监理单位名称")
    >>> [f.name for f in entry.fields], [n.localized("zh") for n in entry.notes]
    (['建设、设计、施工和监理单位名称'], ['作为一个字段保留：四个单位共用“单位名称”，在“、”处拆分会留下残缺的片段'])
    """
    body = text.strip()
    is_open = body.endswith("等")
    if is_open:
        body = body[:-1].rstrip()
    whole = KEEP_WHOLE.get(normalize_text(body))
    if whole is not None:
        names, why = whole
        return SplitEntry(tuple(make_field(n) for n in names), is_open, (Note.of(why),))
    parts: list[str] = []
    notes: list[Note] = []
    for part in _listing(body):
        if not part.strip():
            continue
        compound = COMPOUNDS.get(normalize_text(part))
        if compound is None:
            parts.append(part)
        else:
            parts.extend(compound)
            notes.append(_compound_note(part, compound))
    fields = tuple(make_field(p) for p in parts)
    notes += [
        Note.of(
            N_("{field} is classed as personal data ({kind}) by judgement"),
            field=f.name,
            kind=f.personal.value,
        )
        for f in fields
        if f.personal is not None and f.name in PERSONAL_BY_JUDGEMENT
    ]
    return SplitEntry(fields, is_open, tuple(notes))


def make_element(
    text: str,
    *,
    required: bool = True,
    marker: str | None = None,
    inherited_from: int | None = None,
    notes: tuple[Note, ...] = (),
) -> Element:
    """The element of one content entry, its fields split by :func:`split_entry`.

    ``notes`` are added to what the split records (a judgement, a kept-whole entry).

    >>> from zfgk.fields import make_element
    >>> element = make_element("原保障对象姓名、身份证号（隐藏部分号码）")
    >>> [f.name for f in element.fields], element.required
    (['原保障对象姓名', '身份证号'], True)
    """
    entry = split_entry(text)
    return Element(
        text=text,
        fields=entry.fields,
        required=required,
        marker=marker,
        open=entry.open,
        inherited_from=inherited_from,
        notes=entry.notes + notes,
    )
