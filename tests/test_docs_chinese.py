"""Every page of docs/ has its Chinese, and the Chinese keeps the page's code and links.

The Chinese pages are built from one gettext catalogue per page
(docs/locale/zh_CN/LC_MESSAGES/PAGE.po, kept by tools/docs_po.py). Here,
without Sphinx: each page has its catalogue, no message is left without
Chinese or marked fuzzy, and each translation keeps the code (`...`), the
roles ({func}`...`) and the link targets of its English, which a reader
copies or follows whatever the language. ``nox -s docs`` also runs
``tools/docs_po.py --check``, which cuts the pages into messages with
Sphinx and fails on any message a catalogue lacks, and builds both
languages with warnings as errors.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LOCALE = DOCS / "locale" / "zh_CN" / "LC_MESSAGES"
PAGES = sorted(p.stem for p in DOCS.glob("*.md"))
CODE = re.compile(r"(\{\w+\})?`+[^`]+`+")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _catalogue(page: str) -> list[tuple[str, str, bool]]:
    with (LOCALE / f"{page}.po").open("rb") as f:
        catalogue = read_po(f, locale="zh_CN")
    return [(str(m.id), str(m.string), m.fuzzy) for m in catalogue if m.id]


def test_every_page_has_a_catalogue() -> None:
    assert [p for p in PAGES if not (LOCALE / f"{p}.po").exists()] == []
    assert sorted(p.stem for p in LOCALE.glob("*.po")) == PAGES, "a catalogue of no page"


@pytest.mark.parametrize("page", PAGES)
def test_every_message_has_its_chinese(page: str) -> None:
    missing = [english[:60] for english, chinese, fuzzy in _catalogue(page) if fuzzy or not chinese]
    assert missing == [], f"{page}.po: without Chinese (or fuzzy): {missing[:5]}"


@pytest.mark.parametrize("page", PAGES)
def test_the_chinese_keeps_the_code_and_the_links(page: str) -> None:
    changed = []
    for english, chinese, _ in _catalogue(page):
        for pattern in (CODE, LINK):
            before = Counter(
                m.group(0) if pattern is CODE else m[1] for m in pattern.finditer(english)
            )
            after = Counter(
                m.group(0) if pattern is CODE else m[1] for m in pattern.finditer(chinese)
            )
            if before != after:
                changed.append(
                    f"{english[:50]!r}: {sorted(before - after)} -> {sorted(after - before)}"
                )
    assert changed == [], f"{page}.po: " + "; ".join(changed[:3])
