"""The words officers use for items where the catalogue's own words differ: 配租 for 分配结果.

An officer looks for the list of 配租 results under 配租; the catalogue
calls it 分配结果 (item 19).  The table of such words is hand-made, each
with its source (``tools/sources/words.tsv``), and packaged as
``zfgk/data/words/officers.json`` by ``tools/build_data.py``, which checks
that every item it names is an item of a packaged catalogue.

Search (:meth:`zfgk.Catalogue.search`, ``zfgk items``) and choosing an item
from a list's title (:func:`zfgk.guess.guess_item`) find the items these
words mean as well as the items whose text holds them.

>>> from zfgk.words import meant_items
>>> sorted(meant_items("公租房配租结果公示"))
['分配结果']
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType

__all__ = ["FORMAT", "meant_items", "officers_words"]

#: The ``format`` of the packaged file.
FORMAT = "zfgk.words/1"
_PATH = Path(__file__).resolve().parent / "data" / "words" / "officers.json"


@cache
def officers_words() -> Mapping[str, tuple[str, ...]]:
    """Word -> the names (二级事项) of the items officers mean by it; both as :func:`zfgk.model.normalize_text` folds them.

    >>> from zfgk.words import officers_words
    >>> officers_words()["配租"]
    ('分配结果',)
    """
    data = json.loads(_PATH.read_text(encoding="utf-8"))
    if data.get("format") != FORMAT:  # pragma: no cover - the build writes it
        raise ValueError(f"{_PATH}: not a {FORMAT} file")
    return MappingProxyType({entry["word"]: tuple(entry["items"]) for entry in data["words"]})


def meant_items(query: str) -> frozenset[str]:
    """The names of the items that the officers' words in ``query`` mean.

    ``query`` is folded as :func:`zfgk.model.normalize_text` folds it (no
    whitespace, NFKC), as :meth:`zfgk.Catalogue.search` holds it; a query
    holding a word (配租结果公示 holds 配租) means that word's items.

    >>> from zfgk.words import meant_items
    >>> sorted(meant_items("租补")), meant_items("分配结果")
    (['公租房租赁补贴或租金减免审批', '租赁补贴发放'], frozenset())
    """
    if not query:
        return frozenset()
    return frozenset(
        name for word, names in officers_words().items() if word in query for name in names
    )
