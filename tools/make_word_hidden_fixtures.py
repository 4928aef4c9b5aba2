"""Make the fixtures of tests/test_word_hidden.py: .docx files that hide text in ways Word
shows and zfgk 0.9.0 did not read (a tracked change of formatting whose old style hides, a
table style that hides, markup compatibility's fallback).

Run by hand from the repository's root when the fixtures must change::

    python3 tools/make_word_hidden_fixtures.py

It needs python-docx and LibreOffice (``soffice``; the tests need neither:
they read the files committed in ``tests/data/word-hidden/``).  python-docx writes the styles and runs; where it
has no call for an element (``w:rPrChange``, ``w:tblStyle`` of a style of its
own, ``mc:AlternateContent``), its ``parse_xml`` puts in the element Word
writes ([ISO/IEC 29500-1] 17.13.5.31 rPrChange, 17.13.5.29 pPrChange,
17.7.6 table styles, [ISO/IEC 29500-3] markup compatibility).  What each
paragraph shows, and in which reading, is written beside it below; the tests
hold the same answers, read off this script.  The numbers are invented but
valid (an ID number's check digit by MOD 11-2).

- ``rprchange-style.docx``: runs whose formatting a tracked change changed,
  the old formatting (what "reject all" gives back) naming a hiding
  character style, and a paragraph whose old paragraph style hides;
- ``table-style.docx``: text in cells hidden by the table's style, by a
  style it is based on, by a part of it for the first row
  (``w:tblStylePr``), and a table of a style that hides nothing;
- ``fallback.docx``: ``mc:AlternateContent`` whose choice requires a
  namespace Word does not know (Word shows the fallback), and one whose
  choice requires ``w14`` (Word 2010 and later show the choice; Word 2007
  the fallback).
- ``bdo.docx``: text in a bidirectional override (``w:bdo``, 17.3.2.3):
  right to left, Word shows it reversed (87654321 as 12345678); left to
  right, as it is stored;
- ``numbering.docx``: lists whose labels (``w:lvlText`` in ``numbering.xml``,
  17.9) hold digits of their own, shown before the paragraph's text with
  nothing, a space or a tab after them (``w:suff``);
- ``hidden-par.rtf``: written here by hand, as the RTF specification has it:
  paragraph marks hidden (``{\\v\\par}``) or deleted with revision marks
  on (``{\\deleted\\par}``): Word shows the paragraph run on into the
  next, LibreOffice 7.4 keeps them apart (its PDF of the file);
- ``hidden-fields.odt``: LibreOffice's .odt of the flat file
  :data:`HIDDEN_FIELDS_FODT` written here: ``text:hidden-text`` fields
  (LibreOffice shows their ``text:string-value`` where the condition is
  false, nothing where it is true) and ``text:hidden-paragraph`` fields (it
  leaves the paragraph out where the condition is true);
- ``spec-vanish.doc``: LibreOffice's .doc of a .docx written here
  (:func:`spec_vanish`), whose character properties (its one ``CHPX`` page)
  are then written again by :func:`_spec_vanish_mark` so that the mark of
  paragraph 2 alone has ``sprmCFSpecVanish`` (0x0818, [MS-DOC] 2.6.1): the
  mark of Word's style separator, always hidden, so Word shows paragraphs 2
  and 3 as one.  LibreOffice 7.4 writes no such mark itself.
"""

from __future__ import annotations

import shutil
import struct
import tempfile
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from make_docx_hidden_fixtures import _small  # tools/ is on the path of its scripts
from make_fidelity_fixtures import soffice

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "word-hidden"
_CHANGE = 'w:id="{id}" w:author="经办人" w:date="2024-03-01T10:00:00Z"'


def _old_run_style(run: Run, style_id: str, change: int) -> None:
    """A tracked change of ``run``'s formatting whose old properties name ``style_id``."""
    properties = run._r.get_or_add_rPr()
    properties.append(
        parse_xml(
            f'<w:rPrChange xmlns:w="{_W}" {_CHANGE.format(id=change)}><w:rPr>'
            f'<w:rStyle w:val="{style_id}"/></w:rPr></w:rPrChange>'
        )
    )


def rprchange_style() -> docx.document.Document:
    """Formatting changed under Track Changes, the old formatting hidden by a style."""
    document = docx.Document()
    hiding = document.styles.add_style("隐藏", WD_STYLE_TYPE.CHARACTER)
    hiding.font.hidden = True
    document.styles.add_style("强调", WD_STYLE_TYPE.CHARACTER).font.bold = True
    hiding_paragraph = document.styles.add_style("隐藏段落", WD_STYLE_TYPE.PARAGRAPH)
    hiding_paragraph.font.hidden = True
    document.add_paragraph("保障性住房资格审核结果")  # paragraph 1
    # paragraph 2: shows 联系电话：1381234号5678; "reject all" hides 号: 13812345678
    one = document.add_paragraph("联系电话：1381234")
    _old_run_style(one.add_run("号"), hiding.style_id, 1)
    one.add_run("5678")
    # paragraph 3: its old paragraph style hid 转 (the other runs' own formatting shows
    # them): "reject all" shows 备用电话：13912345678
    two = document.add_paragraph()
    two._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:pPrChange xmlns:w="{_W}" {_CHANGE.format(id=2)}><w:pPr>'
            f'<w:pStyle w:val="{hiding_paragraph.style_id}"/></w:pPr></w:pPrChange>'
        )
    )
    two.add_run("备用电话：139").font.hidden = False
    two.add_run("转")
    two.add_run("12345678").font.hidden = False
    # paragraph 4: the old style (强调) hides nothing: 1101051949号1231002X in every reading
    three = document.add_paragraph("身份证号：1101051949")
    _old_run_style(three.add_run("号"), "强调", 3)
    three.add_run("1231002X")
    document.add_paragraph("监督电话 023-63612345，金额 1234.56 元")  # paragraph 5
    return document


def _table_style(document: docx.document.Document, xml: str) -> None:
    """A table style written as Word writes it, in the styles part."""
    document.styles.element.append(parse_xml(xml.replace("<w:style ", f'<w:style xmlns:w="{_W}" ')))


def _cell_runs(paragraph: Paragraph, shown: str, hidden: str, rest: str) -> None:
    """``shown``, ``hidden`` and ``rest`` as three runs; the first and last shown by their own
    formatting (``w:vanish w:val="0"``), the middle one left to the styles."""
    paragraph.add_run(shown).font.hidden = False
    paragraph.add_run(hidden)
    paragraph.add_run(rest).font.hidden = False


def _styled_table(document: docx.document.Document, style_id: str, rows: list[str]) -> None:
    table = document.add_table(rows=len(rows), cols=1)
    properties = table._tbl.tblPr
    for old in properties.findall(qn("w:tblStyle")):
        properties.remove(old)
    properties.insert(0, parse_xml(f'<w:tblStyle xmlns:w="{_W}" w:val="{style_id}"/>'))
    for row, text in zip(table.rows, rows, strict=True):
        shown, hidden, rest = text.split("|")
        _cell_runs(row.cells[0].paragraphs[0], shown, hidden, rest)


def table_styles(document: docx.document.Document) -> docx.document.Document:
    """``document`` with the table styles of table-style.docx (put in after ``_small``,
    which takes out the template's table styles)."""
    _table_style(
        document,
        '<w:style w:type="table" w:customStyle="1" w:styleId="HiddenTable">'
        '<w:name w:val="隐藏表格"/><w:tblPr/><w:rPr><w:vanish/></w:rPr></w:style>',
    )
    _table_style(
        document,
        '<w:style w:type="table" w:customStyle="1" w:styleId="HiddenChild">'
        '<w:name w:val="隐藏表格子"/><w:basedOn w:val="HiddenTable"/><w:tblPr/></w:style>',
    )
    _table_style(
        document,
        '<w:style w:type="table" w:customStyle="1" w:styleId="HiddenHeader">'
        '<w:name w:val="隐藏标题行"/><w:tblPr/><w:tblStylePr w:type="firstRow"><w:rPr>'
        "<w:vanish/></w:rPr></w:tblStylePr></w:style>",
    )
    _table_style(
        document,
        '<w:style w:type="table" w:customStyle="1" w:styleId="Plain">'
        '<w:name w:val="普通表格"/><w:tblPr/><w:rPr><w:b/></w:rPr></w:style>',
    )
    return document


def table_style() -> docx.document.Document:
    """Text in cells hidden by the table's style (its styles: :func:`table_styles`)."""
    document = docx.Document()
    document.add_paragraph("保障性住房资格审核结果")  # paragraph 1
    _styled_table(document, "HiddenTable", ["联系电话：1381234|号|5678"])  # p. 2: 13812345678
    document.add_paragraph("表二")  # paragraph 3 (a paragraph between: two tables apart)
    _styled_table(document, "HiddenChild", ["备用电话：1391234|（备）|5678"])  # p. 4: 13912345678
    document.add_paragraph("表三")  # paragraph 5
    # paragraph 6: the first row, hidden by the style's part for it: 15895116928 (the
    # table's w:tblLook turns the first row's formatting on); paragraph 7 its second row,
    # which the part does not hide: 房号 3-2-201 whichever way
    _styled_table(document, "HiddenHeader", ["咨询电话：158|转|95116928", "房号 3-2-|2|01"])
    document.add_paragraph("表四")  # paragraph 8
    # paragraph 9: a style that hides nothing: 1101051949号1231002X, no number
    _styled_table(document, "Plain", ["身份证号：1101051949|号|1231002X"])
    document.add_paragraph("监督电话 023-63612345，金额 1234.56 元")  # paragraph 10
    return document


def _alternate(paragraph: Paragraph, requires: str, choice: str, fallback: str) -> None:
    """An ``mc:AlternateContent`` in ``paragraph``: a run of ``choice`` for programs that know
    the namespace of the prefix ``requires``, a run of ``fallback`` for the others."""
    paragraph._p.append(
        parse_xml(
            f'<mc:AlternateContent xmlns:mc="{_MC}" xmlns:w="{_W}" xmlns:w14="{_W14}" '
            'xmlns:zx="urn:example:zfgk:unknown">'
            f'<mc:Choice Requires="{requires}"><w:r><w:t>{choice}</w:t></w:r></mc:Choice>'
            f"<mc:Fallback><w:r><w:t>{fallback}</w:t></w:r></mc:Fallback></mc:AlternateContent>"
        )
    )


def fallback() -> docx.document.Document:
    """Markup compatibility whose fallback shows a number its choice does not."""
    document = docx.Document()
    document.add_paragraph("保障性住房资格审核结果")  # paragraph 1
    # paragraph 2: Word does not know zx's namespace and shows the fallback: 13812345678
    one = document.add_paragraph("联系电话：138")
    _alternate(one, "zx", "（见附件）", "1234")
    one.add_run("5678")
    # paragraph 3: Word 2010 and later show the choice (no number), Word 2007 the
    # fallback: 13912345678
    two = document.add_paragraph("备用电话：139")
    _alternate(two, "w14", "（见附件）", "1234")
    two.add_run("5678")
    # paragraph 4: choice and fallback alike (as Word writes a text box twice): no number
    three = document.add_paragraph("房号 3-2-")
    _alternate(three, "w14", "201", "201")
    three.add_run("，面积 89.5 平方米")
    return document


def _override(paragraph: Paragraph, direction: str, text: str) -> None:
    """A run of ``text`` in a bidirectional override of ``direction`` in ``paragraph``."""
    paragraph._p.append(
        parse_xml(f'<w:bdo xmlns:w="{_W}" w:val="{direction}"><w:r><w:t>{text}</w:t></w:r></w:bdo>')
    )


def bdo() -> docx.document.Document:
    """Digits in bidirectional overrides."""
    document = docx.Document()
    document.add_paragraph("保障性住房资格审核结果")  # paragraph 1
    # paragraph 2: shown 联系电话：13812345678 (the override's 87654321 shown reversed)
    _override(document.add_paragraph("联系电话：138"), "rtl", "87654321")
    # paragraph 3: shown 房号 3-2-201 (no number)
    _override(document.add_paragraph("房号 "), "rtl", "102-2-3")
    # paragraph 4: left to right, as stored: 金额 1234.56 元
    _override(document.add_paragraph("金额 "), "ltr", "1234.56 元")
    return document


def _list(document: docx.document.Document, number: int, text: str, suffix: str) -> None:
    """A list (its abstract list and its instance, both numbered ``number``) of one level
    whose label is ``text`` (``%1``: its counter, from 1) then ``suffix``."""
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="{number}">'
            '<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            f'<w:numFmt w:val="decimal"/><w:suff w:val="{suffix}"/><w:lvlText w:val="{text}"/>'
            '<w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
        ),
    )
    numbering.append(
        parse_xml(
            f'<w:num xmlns:w="{_W}" w:numId="{number}"><w:abstractNumId w:val="{number}"/></w:num>'
        )
    )


def _listed(document: docx.document.Document, number: int, text: str) -> None:
    """A paragraph of ``text`` in the list ``number``."""
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr xmlns:w="{_W}"><w:ilvl w:val="0"/><w:numId w:val="{number}"/></w:numPr>'
        )
    )


def numbering() -> docx.document.Document:
    """Paragraphs after labels that hold digits."""
    document = docx.Document()
    _list(document, 101, "联系电话：138%1", "nothing")
    _list(document, 102, "备用电话：139", "space")
    _list(document, 103, "咨询电话：158", "tab")
    document.add_paragraph("保障性住房资格审核结果")  # paragraph 1
    _listed(document, 101, "2345678")  # paragraph 2: 联系电话：1381 2345678: 13812345678
    _listed(document, 101, "、备用")  # paragraph 3: 联系电话：1382、备用 (no number)
    _listed(document, 102, "12345678")  # paragraph 4: 备用电话：139, a space, 12345678
    _listed(document, 103, "95116928")  # paragraph 5: 咨询电话：158, a tab, 95116928 (apart)
    return document


def _rtf_text(text: str) -> str:
    """``text`` as RTF writes it: ASCII as it is, every other character as ``\\uN?``."""
    return "".join(c if c.isascii() else f"\\u{ord(c)}?" for c in text)


#: Paragraph by paragraph, with what Word shows: 1 the title; 2 and 3 one paragraph, its mark
#: hidden: 联系电话：13812345678，监督电话 023-63612345; 4 and 5 one after the change (its mark
#: deleted): 备用电话：13912345678; 6 and 7 one: 房号 3-2-201 (no number); 8 经办人 170 and
#: 9 34111407 apart (an ordinary mark: no number).
HIDDEN_PAR_RTF = (
    "{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 SimSun;}}\n"
    "{\\*\\revtbl{\\*\\revauthor Unknown;}{\\*\\revauthor " + _rtf_text("经办人") + ";}}\n"
    f"\\pard\\plain {_rtf_text('保障性住房资格审核结果')}\\par\n"
    f"\\pard\\plain {_rtf_text('联系电话：1381234')}{{\\v\\par}}\n"
    f"\\pard\\plain {_rtf_text('5678，监督电话 023-63612345')}\\par\n"
    f"\\pard\\plain {_rtf_text('备用电话：1391234')}{{\\deleted\\revauthdel1\\par}}\n"
    "\\pard\\plain 5678\\par\n"
    f"\\pard\\plain {_rtf_text('房号 3-2-')}{{\\v\\par}}\n"
    "\\pard\\plain 201\\par\n"
    f"\\pard\\plain {_rtf_text('经办人 170')}\\par\n"
    "\\pard\\plain 34111407\\par\n"
    "}\n"
)


_ODF = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:ooow="http://openoffice.org/2004/writer"'
)


def _hidden_text(condition: str, value: str) -> str:
    return f'<text:hidden-text text:condition="ooow:{condition}" text:string-value="{value}"/>'


def _hidden_paragraph(text: str) -> str:
    return f'<text:p><text:hidden-paragraph text:condition="ooow:1==1"/>{text}</text:p>'


#: Paragraph by paragraph, with what LibreOffice 7.4 shows (its PDF of the .odt): 1 the
#: title; 2 联系电话：13812345678 (the field's 号 hidden: its condition holds); 3
#: 备用电话：13912345678 (the field shows 1234: its condition does not hold); 4 to 6 one cell
#: of a table: 咨询电话：1589511 and 6928 on two lines (备注, paragraph 5, left out); 7 a
#: paragraph left out: 经办人 17034111407; 8 房号 3-2-201，面积 89.5 平方米 (no number); 9 a
#: landline.
HIDDEN_FIELDS_FODT = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<office:document {_ODF} office:version="1.3" '
    'office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text>'
    "<text:p>保障性住房资格审核结果</text:p>"
    f"<text:p>联系电话：1381234{_hidden_text('1==1', '号')}5678</text:p>"
    f"<text:p>备用电话：139{_hidden_text('1==0', '1234')}5678</text:p>"
    '<table:table table:name="表1"><table:table-column/><table:table-row>'
    '<table:table-cell office:value-type="string"><text:p>咨询电话：1589511</text:p>'
    f"{_hidden_paragraph('备注')}<text:p>6928</text:p></table:table-cell></table:table-row>"
    "</table:table>"
    f"{_hidden_paragraph('经办人 17034111407')}"
    f"<text:p>房号 3-2-{_hidden_text('1==0', '201')}，面积 89.5 平方米</text:p>"
    "<text:p>监督电话 023-63612345</text:p>"
    "</office:text></office:body></office:document>\n"
)


def spec_vanish() -> docx.document.Document:
    """Paragraphs whose marks :func:`_spec_vanish_mark` will make hidden, or not."""
    document = docx.Document()
    document.add_paragraph("保障性住房资格审核结果")  # paragraph 1
    document.add_paragraph("联系电话：1381234")  # paragraph 2: its mark made hidden
    document.add_paragraph("5678，监督电话 023-63612345")  # paragraph 3: 13812345678
    document.add_paragraph("经办人 170")  # paragraph 4: an ordinary mark
    document.add_paragraph("34111407")  # paragraph 5: apart, no number
    return document


def _streams(data: bytes) -> dict[str, tuple[int, list[int], int]]:
    """The streams of a compound file ([MS-CFB]): each name's size, the file offset of each of
    its sectors, and their size (a stream under 4096 bytes is in the mini stream's sectors)."""
    size = 1 << struct.unpack_from("<H", data, 30)[0]
    count = struct.unpack_from("<I", data, 44)[0]
    difat = struct.unpack_from(f"<{min(count, 109)}I", data, 76)

    def table_of(sectors: list[int]) -> tuple[int, ...]:
        raw = b"".join(data[at : at + size] for at in sectors)
        return struct.unpack(f"<{len(raw) // 4}I", raw)

    fat = table_of([(s + 1) * size for s in difat])

    def chain(start: int, table: tuple[int, ...]) -> list[int]:
        out = []
        while start < 0xFFFFFFFA:
            out.append(start)
            start = table[start]
        return out

    def offsets(start: int) -> list[int]:
        return [(s + 1) * size for s in chain(start, fat)]

    directory = b"".join(
        data[at : at + size] for at in offsets(struct.unpack_from("<I", data, 48)[0])
    )
    mini_fat = table_of(offsets(struct.unpack_from("<I", data, 60)[0]))
    root = offsets(struct.unpack_from("<I", directory, 116)[0])  # the mini stream's sectors
    found = {}
    for at in range(0, len(directory), 128):
        length = struct.unpack_from("<H", directory, at + 64)[0]
        name = directory[at : at + max(length - 2, 0)].decode("utf-16-le")
        start, stream_size = struct.unpack_from("<II", directory, at + 116)
        if not name or at == 0:
            continue
        if stream_size >= 4096:
            found[name] = (stream_size, offsets(start), size)
        else:
            minis = [root[n * 64 // size] + n * 64 % size for n in chain(start, mini_fat)]
            found[name] = (stream_size, minis, 64)
    return found


def _spec_vanish_mark(path: Path, before: str) -> None:
    """Give the paragraph mark after ``before`` (the text of its paragraph) ``sprmCFSpecVanish``:
    the .doc's one page of character properties (a single run without properties, as
    LibreOffice writes it) is written again as three runs, the mark's with the property."""
    data = bytearray(path.read_bytes())
    size, sectors, sector = _streams(bytes(data))["WordDocument"]
    word = b"".join(bytes(data[at : at + sector]) for at in sectors)[:size]
    mark = word.index((before + "\r").encode("utf-16-le")) + 2 * len(before)
    candidates = [  # a page of one run without properties (its rgb 0), the mark in it
        at
        for at in range(0, len(word) - 511, 512)
        if word[at + 511] == 1
        and word[at + 8] == 0
        and struct.unpack_from("<I", word, at)[0]
        <= mark
        < struct.unpack_from("<I", word, at + 4)[0]
    ]
    assert len(candidates) == 1, "not the one page of character properties LibreOffice writes"
    at = candidates[0]
    first, end = struct.unpack_from("<II", word, at)
    page = bytearray(512)
    struct.pack_into("<4I", page, 0, first, mark, mark + 2, end)
    page[16:19] = bytes([0, 253, 0])  # the middle run's properties at byte 506
    page[506:510] = bytes([3, 0x18, 0x08, 0x01])  # cb 3: sprmCFSpecVanish, on
    page[511] = 3
    edited = bytearray(word)
    edited[at : at + 512] = page
    for i, offset in enumerate(sectors):
        chunk = edited[i * sector : (i + 1) * sector]
        data[offset : offset + len(chunk)] = chunk
    path.write_bytes(bytes(data))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    _small(rprchange_style()).save(str(OUT / "rprchange-style.docx"))
    table_styles(_small(table_style())).save(str(OUT / "table-style.docx"))
    _small(fallback()).save(str(OUT / "fallback.docx"))
    _small(bdo()).save(str(OUT / "bdo.docx"))
    _small(numbering()).save(str(OUT / "numbering.docx"))
    (OUT / "hidden-par.rtf").write_text(HIDDEN_PAR_RTF, encoding="ascii", newline="\r\n")
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "hidden-fields.fodt"
        source.write_text(HIDDEN_FIELDS_FODT, encoding="utf-8")
        shutil.move(soffice(source, "odt", Path(work)), OUT / "hidden-fields.odt")
        source = Path(work) / "spec-vanish.docx"
        _small(spec_vanish()).save(str(source))
        made = soffice(source, "doc", Path(work))
        _spec_vanish_mark(made, "联系电话：1381234")
        shutil.move(made, OUT / "spec-vanish.doc")
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
