"""Damaged files of the text family end in a result or one clear error, never a traceback.

Each fixture of tests/data/text is cut short, has bytes changed, inserted
or removed (as a failed upload or a bad disk leaves a file), and is
scanned and masked: whatever breaks is a part not read or a ZfgkError.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zfgk.errors import ZfgkError
from zfgk.files import mask_file, scan_file

DATA = Path(__file__).parent / "data" / "text"
FIXTURES = sorted(DATA.iterdir())


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, bytes]:
    source = draw(st.sampled_from(FIXTURES))
    data = bytearray(source.read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        how = draw(st.sampled_from(["cut", "change", "insert", "remove"]))
        if how == "cut":
            del data[at:]
        elif how == "change" and data:
            data[at] = draw(st.integers(0, 255))
        elif how == "insert":
            data[at:at] = draw(
                st.sampled_from(
                    [b"{", b"}", b"\\", b"\\u99999", b"=\r\n", b"<", b"&", b"\x00", b"--"]
                )
            )
        else:
            del data[at : at + draw(st.integers(1, 40))]
    return source.suffix, bytes(data)


@pytest.mark.thorough
@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(damaged())
def test_a_damaged_file_is_a_result_or_a_clear_error(
    tmp_path: Path, case: tuple[str, bytes]
) -> None:
    suffix, data = case
    path = tmp_path / f"damaged{suffix}"
    path.write_bytes(data)
    result = scan_file(path)  # never raises: an error is in result.error
    assert result.error is None or isinstance(result.error, ZfgkError)
    output = tmp_path / f"masked{suffix}"
    output.unlink(missing_ok=True)
    try:
        mask_file(path, output)
    except ZfgkError:
        assert not output.exists()  # nothing written
    else:
        assert scan_file(output).verdict.value == "clean"
