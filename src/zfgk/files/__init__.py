"""The tasks on a file, each reading it once: check, scan, mask.

Every task reads a file through the same reader
(:func:`zfgk.documents.open_document`) into the same parts, and judges
each value the same way (:func:`zfgk.find_pii` on the value as a person
reads it), so that they agree: a file passes :func:`check_file` only if
:func:`scan_file` passes it, and what :func:`mask_file` writes passes
:func:`scan_file`.  Each answers with one verdict (:class:`Verdict`):
found (1), clean (0: every part that can hold text was read), or cannot
check (2: what was not read, and why).

>>> import pathlib, tempfile
>>> from zfgk.files import check_file, mask_file, scan_file
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "名单.csv").write_text(
...     "序号,原保障对象姓名,身份证号,原租购项目名称、地址、类型、套型、面积,原享受补贴面积标准,联系电话\\n"
...     "1,许春梅,44162219470406403X,民心佳园 1-101 公租房 一室 45,45,13812345678\\n",
...     encoding="utf-8")
>>> scan_file(folder / "名单.csv").verdict.value
'found'
>>> check_file(folder / "名单.csv", item=22).verdict.value
'found'
>>> done = mask_file(folder / "名单.csv", folder / "公示.csv", item=22)
>>> scan_file(done.path).verdict.value, check_file(done.path, item=22).verdict.value
('clean', 'clean')
"""

from zfgk.files._check import (
    DEFAULT_CATALOGUE,
    FileCheck,
    RowCheck,
    SheetCheck,
    check_file,
    resolve_item,
)
from zfgk.files._many import PASSED_OVER_SUFFIXES, available_cores, scan_paths, walk
from zfgk.files._mask import FileMask, SheetMasked, mask_file
from zfgk.files._render import check_lines
from zfgk.files._results import KIND_WORDS, Finding, Verdict
from zfgk.files._scan import FileScan, scan_file

__all__ = [
    "DEFAULT_CATALOGUE",
    "KIND_WORDS",
    "PASSED_OVER_SUFFIXES",
    "FileCheck",
    "FileMask",
    "FileScan",
    "Finding",
    "RowCheck",
    "SheetCheck",
    "SheetMasked",
    "Verdict",
    "available_cores",
    "check_file",
    "check_lines",
    "mask_file",
    "resolve_item",
    "scan_file",
    "scan_paths",
    "walk",
]
