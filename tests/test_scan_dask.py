"""The scan of docs/dask.md on a dask.distributed LocalCluster: the same findings as zfgk scan.

Skipped unless dask and distributed are installed; ``nox -s tests-3.11`` installs
them and runs this module (noxfile.pinned).  The cluster has two worker processes, so each
path goes to another process and each result comes back pickled, as on a
real cluster.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from zfgk.files import FileScan, scan_file, scan_paths, walk

distributed = pytest.importorskip("distributed")
bag = pytest.importorskip("dask.bag")

SITE = Path(__file__).parent / "data" / "site"
DOCUMENTS = Path(__file__).parent / "data" / "documents"


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as connected:
        yield connected


def summary(results: list[FileScan]) -> list[tuple[str, tuple[dict[str, str | int], ...], bool]]:
    return [(str(r.path), tuple(f.to_dict() for f in r.findings), r.error is None) for r in results]


def test_a_bag_of_paths_scans_as_zfgk_scan_does(client: Any) -> None:
    paths = [str(p) for p in walk([SITE, DOCUMENTS])]
    results = bag.from_sequence(paths, npartitions=4).map(scan_file).compute()
    assert summary(results) == summary(list(scan_paths(paths, jobs=1)))
    by_name = {Path(r.path).name: r for r in results}
    assert [f.to_dict() for f in by_name["pages.pdf"].findings] == [
        {"kind": "id_number", "page": "1"},
        {"kind": "phone", "page": "2"},
    ]
    assert by_name["encrypted.pdf"].error is not None  # an unread file comes back as such
    assert "password" in str(by_name["encrypted.pdf"].error)


def test_the_pages_recipe_counts_what_is_unread(client: Any) -> None:
    """The last example of docs/dask.md: findings per kind, and the files that could not be read."""
    paths = [str(p) for p in walk([SITE, DOCUMENTS], exclude=["*.py"])]
    results = bag.from_sequence(paths, npartitions=4).map(scan_file)
    unread = (
        results.filter(lambda r: r.verdict.value == "cannot-check")
        .map(lambda r: str(r.path))
        .compute()
    )
    kinds = results.map(lambda r: [f.kind.value for f in r.findings]).flatten().frequencies()
    # encrypted.pdf cannot be opened; the site's logo is an image, read only by OCR
    assert sorted(unread) == sorted(
        [str(DOCUMENTS / "encrypted.pdf"), str(SITE / "images/logo.png")]
    )
    # The site: 7 and 6 (tests/test_scan.py).  The documents: word_page.htm 4 and 4,
    # cms_page.html 5 and 4, notice.docx, notice.pdf and the three copy_protected*.pdf 3 and
    # 3 each, pages_labelled.pdf 1 and 1 (their tests in tests/test_documents*.py).
    assert dict(kinds.compute()) == {"id_number": 7 + 4 + 5 + 15 + 1, "phone": 6 + 4 + 4 + 15 + 1}
