"""The judgements the Shanyin builder takes on its source: merged cells split by the extraction.

Each ``why`` is a message template (``N_``): the data records it as a
:class:`zfgk.model.Note`, and zfgk says it in the reader's language; its
Chinese is in ``zfgk.po`` (``tools/update_po.py`` collects it from here).
``docs/format.md`` lists the same judgements for readers.
"""

from __future__ import annotations

import attrs

from zfgk.i18n import N_


@attrs.frozen
class Span:
    """A merged cell that the extraction split over the rows of several items.

    The rows' texts are joined in order and every item of the span carries
    the whole; ``why`` is the judgement that says the rows are one cell.
    Every whole 公开依据 cell of this source lists national documents first,
    then 山西省's, then 朔州市's, which is how a split cell shows itself: a
    row that ends before 山西/朔州 or starts after the national documents.
    """

    column: str
    first: int
    last: int
    why: str  # a message template (N_), said in the reader's language


SPANS: tuple[Span, ...] = (
    Span(
        "公开依据",
        3,
        5,
        N_(
            "row 3 lists national documents and one of 山西, row 4 only 山西's, row 5 only 朔州's, "
            "each part of one national-provincial-municipal list; the Chongqing table gives "
            "items 3–5 one identical list"
        ),
    ),
    Span(
        "公开依据",
        6,
        7,
        N_(
            "less certain: row 6 lists four national documents and none of 山西 or 朔州, which "
            "every whole cell has; row 7 goes on with the two national documents that follow "
            "those four in the Chongqing lists of items 6 and 7, then 山西's and 朔州's"
        ),
    ),
    Span(
        "公开依据",
        8,
        12,
        N_(
            "row 8 ends with the 2012 通知 and row 9 begins with 进一步加强住房保障信息公开工作的通知, "
            "exactly the Chongqing order; row 10 ends with 朔州's, rows 11–12 are blank, and "
            "item 8's other cells (时限, 主体, 渠道, marks) are merged over 8–12 too"
        ),
    ),
    Span(
        "公开依据",
        13,
        16,
        N_(
            "row 13 breaks off inside a title (…政府信息公) that row 14 completes (开的意见》); "
            "rows 15–16 are blank"
        ),
    ),
    Span(
        "公开依据",
        18,
        20,
        N_("row 18 lists national documents, row 19 national then 山西's, row 20 山西 then 朔州's"),
    ),
    Span(
        "公开依据",
        41,
        43,
        N_(
            "less certain, since 41 and 42 belong to different 一级事项: row 41 lists two national "
            "documents and none of 山西 or 朔州; row 42 goes on with the 2018 要点, the third "
            "document of the Chongqing lists of items 41–43, then 山西's and 朔州's; row 43 is blank"
        ),
    ),
    Span(
        "公开渠道和载体",
        13,
        16,
        N_(
            "row 13 ends with 社区/企事业 and row 14 holds 单位公示栏: one label split over two rows"
        ),
    ),
)

#: Consecutive ●/○ entries that are one entry of the table, split by a mark
#: that the extraction put inside it: (first, second) -> why.
JOINED_ENTRIES: dict[tuple[str, str], str] = {
    ("正文，包括时间地点", "流程注意事项等"): N_(
        "one entry: the second ● inside it is read as an artefact of the PDF extraction; "
        "the Chongqing table has the one entry 正文，包括时间、地点、流程、注意事项等"
    ),
}
