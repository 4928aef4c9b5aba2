"""The Chinese messages of the command say the glossary's words (docs/glossary.md).

The glossary fixes, for each term of the field, its Chinese and its English.
Here every message of the gettext catalogue (src/zfgk/locale/zh/LC_MESSAGES/
zfgk.po) whose English uses a term's English word must have one of the
term's Chinese forms in its translation: an officer reads 公开主体 in the
messages, the pages and the data alike, never 发布机构 in one place and
公开主体 in another.

What is not English prose is left out before matching: placeholders
(``{catalogue}``), code in backticks, options (``--item``), command names
(``zfgk mask``), Python names (``Item.fields``, ``keep_start``), JSON paths
and metavariables (``ITEM``: the match is case-sensitive but for a first
capital). A longer term is matched before the shorter ones inside it
(make-up working day before working day).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import attrs
import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "docs" / "glossary.md"
MESSAGES = ROOT / "src" / "zfgk" / "locale" / "zh" / "LC_MESSAGES" / "zfgk.po"

#: Terms whose English is too common a word to hold a message to, and why.
NOT_HELD = {
    "catalogue": "a message names the catalogue by its title, {catalogue}, Chinese already",
    "name": "any name: a file's, a sheet's, an item's, a column's",
    "list": "also a Python list and a list of choices",
    "record": "also a verb",
    "header": "also a page's header, beside its footer",
    "content": "also any file's or page's content",
}


#: A form's sense in brackets, "(of a cell)": the message must name its last word.
_SENSE = re.compile(r"\s*\((?:of|in) (?:[\w ]+ )?(\w+)\)$")


@attrs.frozen
class Term:
    chinese: tuple[str, ...]
    english: tuple[str, ...]

    def pattern(self, english: str) -> re.Pattern[str]:
        """The English form as a word of a message, in any of its forms: "N" is any number;
        -s, -es, -ed, -ing (and -ies for -y) count; a form of two words also in capitals
        (the verdict CANNOT CHECK)."""
        bare = _SENSE.sub("", english)
        word = re.escape(bare).replace(r"\ N", r"\s+\S+")
        if word.endswith("y"):
            word = word[:-1] + "(?:y|ies)"
        first = f"(?:{word[0].upper()}|{word[0]})"
        forms = [rf"{first}{word[1:]}(?:s|es|ed|ing)?"]
        if " " in bare:
            forms.append(re.escape(bare.upper()))
        return re.compile(rf"(?<![\w-])(?:{'|'.join(forms)})(?![\w-])")

    @staticmethod
    def meant(english: str, message: str) -> bool:
        """Whether the message is about the sense in the form's brackets: "extension (of the
        time to reply)" holds a message only where it speaks of a reply."""
        sense = _SENSE.search(english)
        return sense is None or re.search(rf"\b{sense[1]}", message) is not None

    def in_chinese(self, text: str) -> bool:
        return any(
            re.search(re.escape(form).replace("N", r"[^，。；：]{1,16}?"), text)
            for form in self.chinese
        )


def terms() -> list[Term]:
    """The glossary's rows: Chinese forms and English forms, each separated by ``;``."""
    found = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            continue
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
        assert len(cells) == 3, f"docs/glossary.md: a row of {len(cells)} cells: {line}"
        if cells[0] in ("中文", "---"):
            continue
        chinese = tuple(f.strip() for f in cells[0].split(";") if f.strip())
        english = tuple(f.strip() for f in cells[1].split(";") if f.strip())
        found.append(Term(chinese, english))
    return found


def prose(english: str) -> str:
    """The English of a message without what is not prose."""
    text = re.sub(r"\{[^{}]*\}", " ", english)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"--[\w-]+", " ", text)
    text = re.sub(r"\bzfgk \w+", " ", text)
    text = re.sub(r"\$?\.?\b\w+(?:[._]\w+)+\b|\$\.\w+|\b\w+=|(?<!\w)\.\w+", " ", text)
    # Word's form fields (表单域) and a CSV line's quoted fields (单元格) are not the fields
    # of an item.
    return re.sub(r"\bform fields?\b|\bquoted field\b|\bquote of field\b", " ", text)


def held() -> list[tuple[Term, str]]:
    """The terms held, each with its English forms, longest first."""
    pairs = [
        (term, form)
        for term in terms()
        for form in term.english
        if not any(f in NOT_HELD for f in term.english)
    ]
    return sorted(pairs, key=lambda pair: -len(pair[1]))


def test_the_glossary_has_the_seeds_terms() -> None:
    """Every column heading of the seeds' tables is a term (issue 29 lists them)."""
    chinese = {form for term in terms() for form in term.chinese}
    for heading in (
        "公开事项",
        "公开内容（要素）",
        "公开依据",
        "公开时限",
        "公开主体",
        "公开渠道和载体",
        "公开对象",
        "公开方式",
        "公开层级",
        "保障对象",
        "依申请公开",
        "补正",
    ):
        assert heading in chinese, heading


def _messages() -> list[tuple[str, str]]:
    with MESSAGES.open("rb") as f:
        catalogue = read_po(f)
    return [
        (
            str(m.id if isinstance(m.id, str) else m.id[0]),
            str(m.string if isinstance(m.string, str) else (m.string or [""])[0]),
        )
        for m in catalogue
        if m.id
    ]


@functools.cache
def wrong_translations() -> dict[str, list[str]]:
    """For each term (by its first English form), the messages translated without its Chinese."""
    patterns = [(term, form, term.pattern(form)) for term, form in held()]
    wrong: dict[str, list[str]] = {}
    for english, chinese in _messages():
        text = prose(english)
        for term, form, pattern in patterns:
            if not pattern.search(text):
                continue
            text = pattern.sub(" ", text)  # the longer term has it; the shorter ones do not
            if term.meant(form, prose(english)) and not term.in_chinese(chinese):
                wrong.setdefault(term.english[0], []).append(
                    f"{english[:80]!r} -> {chinese[:40]!r}"
                )
    return wrong


@pytest.mark.parametrize("row", [t.english[0] for t in terms() if t.english[0] not in NOT_HELD])
def test_messages_say_the_glossarys_chinese(row: str) -> None:
    wrong = wrong_translations().get(row, [])
    assert not wrong, f"without {row}'s Chinese: " + "; ".join(wrong[:5])
