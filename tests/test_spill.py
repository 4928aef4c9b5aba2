"""Records kept on disk (zfgk._spill) against a plain list and a dict: same records, same order."""

from __future__ import annotations

import random

import pytest

from zfgk._spill import CellSpill, Spill


@pytest.mark.parametrize("batch", [1, 3, 8192])
def test_a_spill_gives_back_what_was_appended_in_order(batch: int) -> None:
    draw = random.Random(batch)
    records = [(n, "张三" * draw.randrange(4), -draw.randrange(1 << 40)) for n in range(1000)]
    spill = Spill[tuple[int, str, int]](batch=batch)
    for record in records:
        spill.append(record)
    assert len(spill) == len(records)
    assert list(spill) == records
    assert list(spill) == records  # read again: the same
    pairs = zip(spill, spill, strict=True)  # two readers at once keep their own places
    assert all(a == b for a, b in pairs)
    spill.close()
    assert list(spill) == []
    assert len(spill) == 0


@pytest.mark.parametrize("batch", [2, 8192])
def test_cells_read_back_as_a_dict_of_them_sorted(batch: int) -> None:
    """In order, out of order, set twice: each sheet's cells as the dict, in row order."""
    draw = random.Random(20261206 + batch)
    cells = CellSpill(batch=batch)
    expected: dict[tuple[object, int, int], str] = {}
    sheets: list[object] = ["名单", ("member", 2), "说明"]
    for sheet in sheets:
        for row in range(1, 300):
            for column in sorted(draw.sample(range(1, 8), 3)):
                text = f"{row}-{column}-{draw.random():.3f}"
                cells[sheet, row, column] = text
                expected[sheet, row, column] = text
        for _ in range(40):  # a merged range's first cell, a title: out of order, or again
            key = (sheet, draw.randrange(1, 320), draw.randrange(1, 8))
            cells[key] = expected[key] = f"late {draw.random():.3f}"
    assert list(cells.sheets()) == sheets
    for sheet in sheets:
        mine = sorted((r, c, t) for (s, r, c), t in expected.items() if s == sheet)
        assert list(cells.sheet(sheet)) == mine
    assert dict(cells.items()) == expected
    assert len(cells) == len(expected)
    assert bool(cells)
    key = next(iter(expected))
    assert cells[key] == expected[key]
    with pytest.raises(KeyError):
        cells["名单", 10_000, 1]
    assert "张" not in repr(cells)
    assert "late" not in repr(cells)
    cells.close()
    assert not cells
    assert dict(cells.items()) == {}


def test_records_appended_before_a_reading_are_all_read() -> None:
    """A batch written while the records are read does not hide those read from memory."""
    spill = Spill[tuple[int]](batch=4)
    for n in range(6):  # four in a batch on disk, two in memory
        spill.append((n,))
    seen = []
    for record in spill:
        seen.append(record)
        if record == (0,):
            for n in range(100, 103):  # the two in memory and these go to a batch
                spill.append((n,))
    assert seen == [(n,) for n in range(6)]
    assert list(spill) == [*((n,) for n in range(6)), (100,), (101,), (102,)]
    spill.close()


def test_a_sheet_set_in_order_and_out_of_order_is_counted_once() -> None:
    cells = CellSpill(batch=2)
    cells["名单", 2, 1] = cells["名单", 1, 1] = cells["说明", 1, 1] = "x"
    assert repr(cells) == "<CellSpill of 2 sheet(s)>"
    cells.close()


@pytest.mark.parametrize("pread", [True, False], ids=["pread", "seek (Windows)"])
@pytest.mark.parametrize("batch", [1, 7, 8192])
def test_a_record_is_looked_up_where_a_list_has_it(
    batch: int, pread: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Indexing from either end, in any order, between readings: a list's answer each time,
    read at its place (``os.pread``) or, where the system has no pread, after a seek."""
    if not pread:
        monkeypatch.setattr("zfgk._spill._PREAD", None)
    draw = random.Random(7 * batch)
    records = [(n, "李四" * (n % 3)) for n in range(500)]
    spill = Spill[tuple[int, str]](batch=batch)
    for record in records:
        spill.append(record)
    reading = iter(spill)
    for index in draw.sample(range(-500, 500), 300):
        assert spill[index] == records[index]
        assert next(reading) is not None  # a reading goes on beside the lookups
    for index in (500, -501):
        with pytest.raises(IndexError):
            spill[index]
    spill.close()


def test_a_full_temporary_folder_is_said_as_such(monkeypatch: pytest.MonkeyPatch) -> None:
    """A spill that cannot be written names the temporary folder (the place to free): the
    command says ``/tmp: No space left on device``, not the error without a file."""
    import errno
    import tempfile

    def full(*args: object, **kwargs: object) -> object:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryFile", full)
    spill: Spill[int] = Spill(batch=2)
    spill.append(1)
    with pytest.raises(OSError, match="No space left on device") as raised:
        spill.append(2)
    assert (raised.value.errno, raised.value.filename) == (errno.ENOSPC, tempfile.gettempdir())
