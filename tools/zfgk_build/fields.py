"""Splitting content entries (公开内容) into elements and fields.

Each numbered (or ●/○-marked) entry of 公开内容 becomes one element whose
``text`` keeps the source's words.  Its fields are found by these rules, in
order:

1. A final 等 ("and so on") is removed and recorded as ``open: true``.
2. An entry listed in ``KEEP_WHOLE`` is one field (with a note saying why).
3. A heading ending in ``：`` or ``，含`` ("审核结果：…", "…家庭信息，含…") is not a
   field; the list after it is.
4. The list is split at 、 (and, in the Shanyin text, whose 、 were lost in
   extraction, at spaces).
5. A part listed in ``COMPOUNDS`` (values written without a separator, such
   as 房号面积套型) is split as the table says; this is a judgement and the
   element's ``note`` says so.
6. ``(隐藏部分号码)`` in any kind of brackets marks the field ``masked`` and
   is removed from its name; whitespace is removed from field names (item
   32's "统一社 会信用代码" is the field 统一社会信用代码).
7. ``personal_kind`` classifies a field by its name.
"""

from __future__ import annotations

import re

from zfgk.model import Element, Field, PersonalKind, normalize_text
from zfgk_build.rows import SourceError

MASK = re.compile(r"[(（﹝〔\[]\s*隐藏部分号码\s*[)）﹞〕\]]")

KEEP_WHOLE: dict[str, tuple[tuple[str, ...], str]] = {
    # normalized entry text (final 等 removed) -> (field names, why)
    normalize_text("建设、设计、施工和监理单位名称"): (
        ("建设、设计、施工和监理单位名称",),
        "kept as one field: the four units share 单位名称, so splitting at 、 would leave fragments",
    ),
    normalize_text("申请条件、程序、期限和所需材料"): (
        ("申请条件、程序、期限和所需材料",),
        "kept as one field: a section of the application guide, not separate values",
    ),
    normalize_text("正文，包括时间、地点、流程、注意事项"): (
        ("正文",),
        "one field 正文: the words after 包括 describe what the text contains",
    ),
    normalize_text("正文，包括时间地点 ●流程注意事项"): (
        ("正文",),
        "one field 正文: the words after 包括 describe what the text contains",
    ),
}

COMPOUNDS: dict[str, tuple[str, ...]] = {
    # normalized part -> its fields, as written in the source (with any mask note)
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

PERSONAL_BY_JUDGEMENT: dict[str, PersonalKind] = {
    "联系人": PersonalKind.NAME,
    "联系方式": PersonalKind.PHONE,
    "腾退对象": PersonalKind.NAME,
    "保障对象编号": PersonalKind.IDENTIFIER,
}


def personal_kind(name: str) -> PersonalKind | None:
    """Classify a field by its name.

    身份证号 is an ID number; a name ending in 姓名 is a person's name.  The
    fields in ``PERSONAL_BY_JUDGEMENT`` are personal by reading the entry:
    the contact person of a repair contractor and their contact details, the
    tenant a home is recovered from (腾退对象), and the beneficiary's file
    number.  Government hotlines (咨询电话, 监督电话) and an operator's office
    phone (联系电话 after 办公地址) belong to organisations and are not.
    """
    if "身份证号" in name:
        return PersonalKind.ID_NUMBER
    if name.endswith("姓名"):
        return PersonalKind.NAME
    return PERSONAL_BY_JUDGEMENT.get(name)


def make_field(part: str) -> Field:
    masked = bool(MASK.search(part))
    name = re.sub(r"\s+", "", MASK.sub("", part))
    if not name:
        raise SourceError(f"empty field name in {part!r}")
    return Field(name=name, personal=personal_kind(name), masked=masked)


def split_entry(text: str, *, spaces_separate: bool) -> tuple[tuple[Field, ...], bool, str | None]:
    """Split one content entry into fields; returns (fields, open, note)."""
    body = text.strip()
    is_open = body.endswith("等")
    if is_open:
        body = body[:-1].rstrip()
    notes: list[str] = []
    whole = KEEP_WHOLE.get(normalize_text(body))
    if whole is not None:
        names, why = whole
        return tuple(make_field(n) for n in names), is_open, why
    listing = body
    for heading in ("：", "，含"):
        if heading in body:
            listing = body.split(heading, 1)[1]
            break
    separators = r"[、\s]+" if spaces_separate else r"、"
    parts: list[str] = []
    for part in re.split(separators, listing.strip()):
        if not part:
            continue
        compound = COMPOUNDS.get(normalize_text(part))
        if compound is None:
            parts.append(part)
        else:
            parts.extend(compound)
            listed = "、".join(MASK.sub("", p) for p in compound)
            notes.append(
                f"{MASK.sub('', part).strip()} is read as {len(compound)} fields ({listed}): "
                "a judgement, the source writes them without a separator"
            )
    fields = tuple(make_field(p) for p in parts)
    for f in fields:
        if f.name in PERSONAL_BY_JUDGEMENT:
            notes.append(
                f"{f.name} is classed as personal data ({f.personal.value}) by judgement"  # type: ignore[union-attr]
            )
    return fields, is_open, "; ".join(notes) or None


def make_element(
    text: str, *, spaces_separate: bool, required: bool = True, marker: str | None = None
) -> Element:
    fields, is_open, note = split_entry(text, spaces_separate=spaces_separate)
    return Element(
        text=text, fields=fields, required=required, marker=marker, open=is_open, note=note
    )
