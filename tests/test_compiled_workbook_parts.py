"""The quick searches of a sheet's XML (tables/_parts) find what the full searches find.

``_sheet_data_end`` looks for the end of a sheet's cells by the word
``sheetData`` and tries the regular expression only there: it is compared
with the regular expression searched over the whole text, on drawn
fragments of sheet XML (prefixed and not, self-closing, the word in a text).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from zfgk.tables import _parts

PIECES = [
    b"<",
    b"</",
    b"x:",
    b"sheetData",
    b">",
    b"/>",
    b" a='1'",
    b"X",
    b"t",
    b"<f>",
    b"</f>",
    b"<x:f>",
    b"</x:f>",
    b"=A1",
    b"<c r='A1'><v>1</v></c>",
    b" ",
]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map(b"".join))
def test_the_end_of_the_cells_is_found_where_the_full_search_finds_it(xml: bytes) -> None:
    full = _parts._SHEET_DATA_END.search(xml)
    quick = _parts._sheet_data_end(xml)
    assert (full and full.span()) == (quick and quick.span())
