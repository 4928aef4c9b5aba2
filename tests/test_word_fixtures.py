"""Every Word and web-page fixture of tests/data/word through the command line, as an officer runs it.

``zfgk scan`` exits 1 on a file holding a full number, 2 where a part of it
could not be read, 0 only on a file read whole with none; what ``zfgk mask``
writes scans clean, or mask refuses and writes nothing.  The expected exit
of each fixture is written by hand from what it holds (see the modules
test_word_*.py and tools/make_word_fixtures.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from zfgk.cli import main

DATA = Path(__file__).parent / "data" / "word"
#: Each fixture: how scan ends (0 clean, 1 found, 2 cannot check), and whether mask writes it.
EXPECTED = {
    "tracked.docx": (1, True),
    "fields.docx": (1, True),
    "form.docx": (1, True),
    "form.html": (1, True),
    "ordinary.docx": (0, True),
    "ordinary.html": (0, True),
    "altchunk_html.docx": (1, True),
    "altchunk.docx": (1, False),  # the MHT part is read (issue 25): a file inside, not masked
    "embedded.docx": (1, False),  # the numbers in the embedded files cannot be masked in place
    "object.docx": (1, False),  # the embedded Word 97-2003 document is read, not masked
    "word2003.doc": (1, True),
    # Word 97-2003 files are read, and never written: mask says to save them as .docx
    "notice97.doc": (1, False),
    "tracked97.doc": (1, False),
    "embedded97.doc": (1, False),
    "form97.doc": (1, False),
    "ordinary97.doc": (0, False),
    "edges97.doc": (1, False),
    "edges.docx": (1, True),
}


def test_every_fixture_has_its_answer() -> None:
    made = {p.name for p in DATA.iterdir()}
    assert made == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_scan_and_mask(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    scan, writes = EXPECTED[name]
    assert main(["scan", str(DATA / name)]) == scan
    out = tmp_path / name
    code = main(["mask", str(DATA / name), "-o", str(out)])
    capsys.readouterr()
    if not writes:
        assert code == 2
        assert not out.exists()
        return
    assert code == 0
    assert main(["scan", str(out)]) == 0
    if scan == 0:
        assert out.read_bytes() == (DATA / name).read_bytes()  # nothing to hide, nothing changed
