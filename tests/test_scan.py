"""zfgk scan on what is published: pages, .docx, PDF, workbooks, CSV and text, one file or a site.

tests/data/site/ is a small site: its pages and text files are written by
hand, its .docx and workbook made by tests/data/make_site.py, its PDF
made by LibreOffice (tests/data/documents/make_fixtures.py).  The expected
findings below are read off those files by hand.  The documents of
tests/data/documents/ are scanned against the answers their own tests give.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from zfgk.cli import main
from zfgk.documents import Location
from zfgk.files import Finding, scan_file, scan_paths, walk
from zfgk.model import PersonalKind

DATA = Path(__file__).parent / "data"
SITE = DATA / "site"
DOCUMENTS = DATA / "documents"
ID, PHONE = PersonalKind.ID_NUMBER, PersonalKind.PHONE

#: Every personal number of the site, written whole: none may be printed.
SITE_NUMBERS = (
    "500103199003071239",
    "430482196401255682",
    "130801194803078184",
    "13812345678",
    "17016019667",
    "330603199904096543",
    "19370779187",
    "441283199809187611",
    "15803107671",
    "13276427744",
    "530701194804204276",
)

#: (file under the site, findings), in the order of the walk: a folder's files by name,
#: then its subfolders.  images/logo.png is scanned too: without OCR it cannot be checked.
SITE_FINDINGS: list[tuple[str, list[Finding]]] = [
    (
        "index.html",
        [
            Finding(ID, Location(line=4)),  # split over three spans
            Finding(ID, Location(line=5)),  # its first digit an entity
            Finding(ID, Location(line=6)),  # grouped with &nbsp;
            Finding(PHONE, Location(line=7)),  # 138<span>1234</span>5678
        ],
    ),
    ("attachments/notice.docx", [Finding(ID, Location(part="document", paragraph=2))]),
    (
        "attachments/pages.pdf",
        [Finding(ID, Location(page="1")), Finding(PHONE, Location(page="2"))],
    ),
    (
        "attachments/名单.xlsx",
        [
            Finding(ID, Location(sheet="退出名单", cell="B4")),
            Finding(PHONE, Location(sheet="退出名单", cell="C4")),
            Finding(PHONE, Location(sheet="备份", cell="A1")),  # a hidden sheet is published too
        ],
    ),
    ("images/logo.png", []),
    ("news/readme.txt", [Finding(PHONE, Location(line=2))]),
    ("news/2023/clean.htm", []),
    (
        "news/2023/list.csv",
        [Finding(ID, Location(row=3, column="C")), Finding(PHONE, Location(row=3, column="D"))],
    ),
]

LABELS = {ID: "unmasked ID number", PHONE: "unmasked mobile number"}
FILES = len(SITE_FINDINGS)
FOUND = {kind: sum(f.kind is kind for _, fs in SITE_FINDINGS for f in fs) for kind in (ID, PHONE)}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def where_text(finding: Finding) -> str:
    """Where a finding is, as the text output says it (written out per kind, by hand)."""
    if finding.line is not None:
        return str(finding.line)
    if finding.row is not None:
        return f"row {finding.row}, column {finding.column}"
    if finding.page is not None:
        return f"page {finding.page}"
    if finding.sheet is not None:
        return f"{finding.sheet}!{finding.cell}"
    return f"{finding.part}, paragraph {finding.paragraph}"


# ------------------------------------------------------------------ one file


@pytest.mark.parametrize(("name", "expected"), SITE_FINDINGS)
def test_each_file_of_the_site(name: str, expected: list[Finding]) -> None:
    result = scan_file(SITE / name)
    assert result.error is None, result.error
    assert list(result.findings) == expected


def test_the_documents_fixtures_where_their_own_tests_say() -> None:
    word = scan_file(DOCUMENTS / "word_page.htm")
    assert [(f.kind, f.line) for f in word.findings] == [
        (ID, 102),
        (PHONE, 103),
        (ID, 108),
        (PHONE, 109),
        (ID, 114),
        (PHONE, 115),
        (ID, 120),
        (PHONE, 121),
    ]
    cms = scan_file(DOCUMENTS / "cms_page.html")
    assert [f.line for f in cms.findings] == [29, 29, 30, 31, 35, 35, 36, 39, 40]
    notice = scan_file(DOCUMENTS / "notice.docx")
    assert [(f.kind, f.part, f.paragraph) for f in notice.findings] == [
        (ID, "document", 2),
        (PHONE, "document", 2),
        (ID, "document", 7),
        (PHONE, "document", 8),
        (PHONE, "header1", 1),
        (ID, "footer1", 1),
    ]
    pdf = scan_file(DOCUMENTS / "notice.pdf")
    assert [(f.kind, f.page) for f in pdf.findings] == [
        (PHONE, "1"),
        (ID, "1"),
        (PHONE, "1"),
        (ID, "1"),
        (PHONE, "1"),
        (ID, "1"),
    ]
    assert [f.format for f in (word, cms, notice, pdf)] == ["html", "html", "docx", "pdf"]


def test_what_a_file_is_comes_from_its_bytes(tmp_path: Path) -> None:
    pdf_named_html = tmp_path / "附件.html"
    shutil.copy(SITE / "attachments/pages.pdf", pdf_named_html)
    assert scan_file(pdf_named_html).findings == (
        Finding(ID, Location(page="1")),
        Finding(PHONE, Location(page="2")),
    )
    page_named_doc = tmp_path / "公示.doc"  # Word's "save as web page" kept the name
    page_named_doc.write_text(
        "<html><body>\n<p>电话 138<b>1234</b>5678</p></body></html>", encoding="utf-8"
    )
    result = scan_file(page_named_doc)
    assert (result.format, result.findings) == ("html", (Finding(PHONE, Location(line=2)),))
    workbook_named_csv = tmp_path / "名单.csv"
    shutil.copy(SITE / "attachments/名单.xlsx", workbook_named_csv)
    assert (
        scan_file(workbook_named_csv).findings == scan_file(SITE / "attachments/名单.xlsx").findings
    )


OFFICERS = DATA / "officers"


@pytest.mark.parametrize("suffix", [".xlsx", ".lo.xlsx", ".xls", ".ods"])
def test_officers_workbooks_by_sheet_and_cell(suffix: str) -> None:
    # tests/data/officers/README.md: C2, C3, C4 and C6 hold ID numbers Excel turned into
    # numbers (the 15 digits it kept, then zeros: still someone's birth date), C5 one as text.
    numbers = scan_file(OFFICERS / f"item22-ids-as-numbers{suffix}")
    assert numbers.findings == tuple(
        Finding(ID, Location(sheet="Sheet1", cell=f"C{row}"), stored_as_number=row != 5)
        for row in (2, 3, 4, 5, 6)
    )
    # Full IDs in C3-C7 of 退出名单 and C2-C4 of 退出名单2; nothing in 说明 or the title.
    clean = scan_file(OFFICERS / f"item22-clean{suffix}")
    assert clean.findings == (
        *(Finding(ID, Location(sheet="退出名单", cell=f"C{row}")) for row in range(3, 8)),
        *(Finding(ID, Location(sheet="退出名单2", cell=f"C{row}")) for row in range(2, 5)),
    )


def test_a_merged_cell_is_found_once_and_cells_keep_their_names(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    sheet["C3"] = "姓名"
    sheet["D5"] = "430482196401255682"  # the used area starts at C3, not A1
    sheet["C7"] = "联系人手机 13276427744"
    sheet.merge_cells("C7:E8")
    sheet["AB30"] = 15803107671  # a mobile number typed as a number
    book.save(tmp_path / "a.xlsx")
    assert scan_file(tmp_path / "a.xlsx").findings == (
        Finding(ID, Location(sheet="名单", cell="D5")),
        Finding(PHONE, Location(sheet="名单", cell="C7")),
        Finding(PHONE, Location(sheet="名单", cell="AB30")),
    )


def test_a_workbook_zfgk_cannot_read_is_an_error(tmp_path: Path) -> None:
    broken = tmp_path / "名单.xlsx"
    broken.write_bytes((SITE / "attachments/名单.xlsx").read_bytes()[:3000])
    result = scan_file(broken)
    assert result.format == "xlsx"
    assert result.error is not None
    assert "damaged or truncated workbook" in str(result.error)


def test_a_file_that_cannot_be_read_is_never_clean(tmp_path: Path) -> None:
    doc = tmp_path / "通知.et"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))  # WPS Spreadsheets
    for path in (DOCUMENTS / "encrypted.pdf", tmp_path / "none.html", tmp_path):
        result = scan_file(path)
        assert result.error is not None, path
        assert not result.clean
        assert str(path) in str(result.error)
    result = scan_file(doc)  # a kind zfgk cannot read: the whole file is not read
    assert result.verdict.value == "cannot-check"
    assert not result.clean
    assert [gap.describe() for gap in result.unread] == [
        "whole file: a WPS Spreadsheets workbook (.et), which zfgk cannot read: "
        "save it in WPS as .xlsx and check that"
    ]


def test_a_pdf_page_without_text_is_not_a_pass(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=SITE / "attachments/pages.pdf")
    writer.add_blank_page()  # as a scanned page is, to a text reader: no text
    with (tmp_path / "附件.pdf").open("wb") as f:
        writer.write(f)
    result = scan_file(tmp_path / "附件.pdf")
    assert result.findings == (Finding(ID, Location(page="1")), Finding(PHONE, Location(page="2")))
    assert [str(gap.location) for gap in result.unread] == ["page 3"]
    assert "a scanned image?" in result.unread[0].describe()
    assert result.verdict.value == "cannot-check"


def test_findings_before_an_unreadable_line_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"13812345678\n\xff\xfe\xfd\n")
    result = scan_file(path, encoding="utf-8")
    assert result.findings == (Finding(PHONE, Location(line=1)),)
    assert [str(gap.location) for gap in result.unread] == ["line 2"]
    assert result.verdict.value == "cannot-check"


# ------------------------------------------------------------------ many files


def test_the_walk_order_and_its_globs() -> None:
    walked = [p.relative_to(SITE).as_posix() for p in walk([SITE])]
    assert walked == [name for name, _ in SITE_FINDINGS]
    only = walk([SITE], include=["*.htm*"])
    assert [p.name for p in only] == ["index.html", "clean.htm"]
    skipped = walk([SITE], exclude=["news/*", "*.pdf"])
    assert [p.name for p in skipped] == ["index.html", "notice.docx", "名单.xlsx", "logo.png"]
    given = walk([SITE / "images/logo.png", SITE / "news"])  # a file named is scanned
    assert [p.name for p in given] == ["logo.png", "readme.txt", "clean.htm", "list.csv"]


def test_a_folder_that_cannot_be_listed_is_not_a_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE / "news", site)
    locked = site / "2023"
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        if Path(path) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert list(walk([site])) == [site / "readme.txt", locked]
    code, out, err = run(capsys, "scan", str(site), "--jobs", "1")
    assert code == 2
    assert out == f"{site / 'readme.txt'}:2: unmasked mobile number\n"
    assert f"{locked}: cannot read the file: Permission denied" in err


def test_scan_paths_gives_the_same_results_in_the_same_order_on_any_number_of_jobs(
    tmp_path: Path,
) -> None:
    pages = []
    for n in range(40):
        path = tmp_path / f"{n:02}.html"
        path.write_text(f"<p>第{n}页</p>\n" + "<p>138<b>1234</b>5678</p>\n" * (n % 3), "utf-8")
        pages.append(path)
    pages.append(tmp_path / "missing.html")
    one = list(scan_paths(pages, jobs=1))
    two = list(scan_paths(pages, jobs=2))
    assert [r.path for r in two] == pages
    assert [(r.path, r.findings) for r in one] == [(r.path, r.findings) for r in two]
    assert [len(r.findings) for r in two[:6]] == [0, 1, 2, 0, 1, 2]
    assert two[-1].error is not None
    with pytest.raises(ValueError, match="at least 1"):
        list(scan_paths(pages, jobs=0))


# ------------------------------------------------------------------ the command


def expected_text(root: Path) -> list[str]:
    return [
        f"{root / name}:{where_text(f)}: {LABELS[f.kind]}"
        for name, findings in SITE_FINDINGS
        for f in findings
    ]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_scan_a_site(capsys: pytest.CaptureFixture[str], jobs: str) -> None:
    code, out, err = run(capsys, "scan", str(SITE), "--jobs", jobs)
    assert code == 2  # images/logo.png can be read only by OCR: it is not taken for clean
    assert out.splitlines() == expected_text(SITE)
    assert f"{SITE / 'images/logo.png'}: cannot check whole file: an image" in err
    assert f"1 of {FILES} files could not be read whole" in err
    assert not any(number in out + err for number in SITE_NUMBERS)


def test_json_lines_then_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "scan", str(SITE), "--json")
    assert code == 2
    lines = [json.loads(line) for line in out.splitlines()]
    expected: list[dict[str, Any]] = [
        {"file": str(SITE / name), **f.to_dict()}
        for name, findings in SITE_FINDINGS
        for f in findings
    ]
    logo = {"file": str(SITE / "images/logo.png"), "unread": {"part": "whole file"}}
    at = next(i for i, line in enumerate(lines) if line.get("file") == logo["file"])
    assert {k: lines[at][k] for k in logo} == logo
    assert "OCR" in lines[at]["reason"]
    assert lines[:at] + lines[at + 1 : -1] == expected
    assert lines[0] == {"file": str(SITE / "index.html"), "kind": "id_number", "line": 4}
    assert lines[7] == {
        "file": str(SITE / "attachments/名单.xlsx"),
        "kind": "id_number",
        "sheet": "退出名单",
        "cell": "B4",
    }
    assert lines[-1] == {
        "summary": {
            "files": FILES,
            "findings": sum(FOUND.values()),
            "unreadable": 1,  # images/logo.png
            "not_scanned": 0,
            "id_number": FOUND[ID],
            "phone": FOUND[PHONE],
        }
    }
    assert not any(number in out for number in SITE_NUMBERS)


def test_jobs_1_and_2_print_the_same(capsys: pytest.CaptureFixture[str]) -> None:
    one = run(capsys, "scan", str(SITE), str(DOCUMENTS), "--json", "--jobs", "1")
    two = run(capsys, "scan", str(SITE), str(DOCUMENTS), "--json", "--jobs", "2")
    assert one == two
    assert one[0] == 2  # encrypted.pdf cannot be read


def test_exit_codes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    clean = SITE / "news/2023/clean.htm"
    code, out, err = run(capsys, "scan", str(clean))
    assert (code, out) == (0, "")
    assert "no unmasked value (files scanned: 1)" in err
    assert run(capsys, "scan", str(SITE / "index.html"))[0] == 1
    # Unreadable input wins over findings; the findings are still printed.
    encrypted = DOCUMENTS / "encrypted.pdf"
    code, out, err = run(capsys, "scan", str(SITE / "news/readme.txt"), str(encrypted), "--json")
    assert code == 2
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines[0] == {"file": str(SITE / "news/readme.txt"), "kind": "phone", "line": 2}
    assert lines[1]["file"] == str(encrypted)
    assert "password" in lines[1]["error"]
    assert lines[2] == {
        "summary": {
            "files": 2,
            "findings": 1,
            "unreadable": 1,
            "not_scanned": 0,
            "id_number": 0,
            "phone": 1,
        }
    }
    assert err.count("zfgk: error:") == 1
    assert f"{encrypted}: the PDF needs a password" in err
    code, _, err = run(capsys, "scan", str(clean), str(tmp_path / "none.html"))
    assert code == 2
    assert "1 of 2 files could not be read" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = run(capsys, "scan", str(empty))
    assert (code, out) == (2, "")
    assert "no file to scan in" in err
    with pytest.raises(SystemExit):
        main(["scan", str(clean), "--jobs", "x"])
    assert run(capsys, "scan", str(clean), "--jobs", "0")[0] == 2


def test_messages_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "scan", str(SITE / "attachments"), "--lang", "zh", "--jobs", "1")
    assert code == 1
    assert f"{SITE / 'attachments/pages.pdf'}:第 2 页: 未隐藏的手机号" in out.splitlines()
    assert f"{SITE / 'attachments/notice.docx'}:document 第 2 段: 未隐藏的身份证号" in out


# ------------------------------------------------------------------ mask


def test_mask_a_page_and_a_docx(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "out.html"
    code, _, err = run(capsys, "mask", str(SITE / "index.html"), "-o", str(out))
    assert code == 0, err
    assert "ID numbers masked: 3; mobile numbers masked: 1" in err
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[3] == (
        "<table><tr><td>张三</td><td><span lang=EN-US>500103</span>"
        "<span lang=EN-US>****</span><span>****1239</span></td></tr>"
    )
    assert lines[4] == "<tr><td>李四</td><td>&#52;30482********5682</td></tr>"
    assert lines[5] == "<tr><td>王五</td><td>130801&nbsp;********&nbsp;8184</td></tr>"
    assert lines[6] == "<tr><td>联系电话</td><td>138<span>****</span>5678</td></tr></table>"
    assert run(capsys, "scan", str(out))[0] == 0
    docx_out = tmp_path / "out.docx"
    code, _, err = run(capsys, "mask", str(SITE / "attachments/notice.docx"), "-o", str(docx_out))
    assert code == 0, err
    assert "ID numbers masked: 1; mobile numbers masked: 0" in err
    assert run(capsys, "scan", str(docx_out))[0] == 0


def test_mask_refuses_a_pdf_and_table_options_on_a_page(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "out.pdf"
    code, _, err = run(capsys, "mask", str(SITE / "attachments/pages.pdf"), "-o", str(out))
    assert code == 2
    assert "a PDF cannot be masked in place: mask the document it was made from" in err
    assert not out.exists()
    code, _, err = run(
        capsys, "mask", str(SITE / "index.html"), "-o", str(tmp_path / "o.html"), "--names"
    )
    assert code == 2
    assert "--names: for lists (CSV, workbooks)" in err
    assert not (tmp_path / "o.html").exists()


# ------------------------------------------------ how many processes by default


def test_the_default_jobs_leave_each_ocr_engine_its_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every core, unless the ocr extra is installed and the memory available would not give
    each process the gigabyte an engine may take on a scanned page (at least one)."""
    import importlib.util

    from zfgk.files import _many

    gib = 1 << 30
    monkeypatch.setattr(_many, "available_cores", lambda: 8)
    found = importlib.util.find_spec

    def ocr_installed(installed: bool) -> None:
        monkeypatch.setattr(
            importlib.util,
            "find_spec",
            lambda name, *a: (
                (object() if installed else None) if name == "rapidocr" else found(name, *a)
            ),
        )

    for installed, free, jobs in [
        (True, 6 * gib + gib // 2, 6),  # 6.5 GiB: six engines, not eight
        (True, 64 * gib, 8),  # room for all: every core
        (True, gib // 2, 1),  # never none
        (True, None, 8),  # the system does not say: every core
        (False, gib // 2, 8),  # no OCR: a scanning process needs little
    ]:
        ocr_installed(installed)
        monkeypatch.setattr(_many, "available_memory", lambda free=free: free)
        assert _many._default_jobs() == jobs, (installed, free)


def test_available_memory_is_read_as_linux_and_a_container_give_it(tmp_path: Path) -> None:
    from zfgk.files import _many

    meminfo = tmp_path / "meminfo"
    meminfo.write_text(
        "MemTotal:       16318480 kB\nMemFree:          812344 kB\n"
        "MemAvailable:    9437184 kB\nBuffers:          304112 kB\n",
        encoding="ascii",
    )
    assert _many._meminfo_available(str(meminfo)) == 9 * (1 << 30)
    meminfo.write_text("MemTotal:       16318480 kB\n", encoding="ascii")  # before Linux 3.14
    assert _many._meminfo_available(str(meminfo)) is None
    assert _many._meminfo_available(str(tmp_path / "none")) is None
    assert _many._cgroup_room(str(tmp_path), str(tmp_path / "none")) is None


def _group(folder: Path, limit: str, used: int, v1: bool = False) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    names = (
        ("memory.limit_in_bytes", "memory.usage_in_bytes")
        if v1
        else ("memory.max", "memory.current")
    )
    (folder / names[0]).write_text(limit + "\n", encoding="ascii")
    (folder / names[1]).write_text(f"{used}\n", encoding="ascii")


def test_a_control_groups_limit_is_the_least_room_on_the_way_up(tmp_path: Path) -> None:
    """cgroup v2 (one tree) and v1 (the memory controller's own), the process's group and the
    ones above it: the tightest room counts; "max" and v1's largest number are no limit."""
    from zfgk.files import _many

    gib = 1 << 30
    own = tmp_path / "self-cgroup"
    v2 = tmp_path / "v2"
    own.write_text("0::/user.slice/zfgk.service\n", encoding="utf-8")
    assert _many._cgroup_room(str(v2), str(own)) is None  # no files: no limit known
    _group(v2, "max", 9 * gib)  # the root: no limit
    _group(v2 / "user.slice", str(8 * gib), 5 * gib)  # 3 GiB left above
    _group(v2 / "user.slice" / "zfgk.service", "max", gib)
    assert _many._cgroup_room(str(v2), str(own)) == 3 * gib
    _group(v2 / "user.slice" / "zfgk.service", str(2 * gib), gib)  # 1 GiB left on its own
    assert _many._cgroup_room(str(v2), str(own)) == gib
    own.write_text("0::/\n", encoding="utf-8")  # a container: its group is the root
    assert _many._cgroup_room(str(v2), str(own)) is None
    v1 = tmp_path / "v1"
    own.write_text(
        "12:pids:/\n4:memory:/process_api/abc\n1:cpu,cpuacct:/\n0::/\n", encoding="utf-8"
    )
    _group(v1 / "memory", "9223372036854771712", 2 * gib, v1=True)  # v1's "no limit"
    assert _many._cgroup_room(str(v1), str(own)) is None
    _group(v1 / "memory" / "process_api" / "abc", str(6 * gib), 2 * gib, v1=True)
    assert _many._cgroup_room(str(v1), str(own)) == 4 * gib
    # what a group uses counts the page cache; its inactive part is the system's to take back
    stat = v1 / "memory" / "process_api" / "abc" / "memory.stat"
    stat.write_text(
        f"cache {2 * gib}\ninactive_file {gib}\ntotal_inactive_file {gib + gib // 2}\n",
        encoding="ascii",
    )
    assert _many._cgroup_room(str(v1), str(own)) == 4 * gib + gib + gib // 2
    own.write_text("0::/user.slice/zfgk.service\n", encoding="utf-8")
    (v2 / "user.slice" / "zfgk.service" / "memory.stat").write_text(
        f"anon {gib // 4}\ninactive_file {gib // 2}\n", encoding="ascii"
    )
    assert _many._cgroup_room(str(v2), str(own)) == gib + gib // 2


def test_workers_start_under_a_temporary_folder_of_any_length(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fork server listens on a socket in the temporary folder, whose path has a limit;
    under a long one (a test runner's, a deep profile folder) the workers are spawned
    instead: the scan on two processes said "AF_UNIX path too long" and stopped (exit 2)."""
    import multiprocessing
    import tempfile

    from zfgk._workers import worker_context

    deep = tmp_path / ("临时" * 20) / ("t" * 40)
    deep.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(deep))
    assert worker_context().get_start_method() != "forkserver"
    site = tmp_path / "site"
    site.mkdir()
    for n in (1, 2):
        (site / f"{n}.txt").write_text(f"电话 1381234567{n}\n", encoding="utf-8")
    results = list(scan_paths(sorted(site.iterdir()), jobs=2))
    assert [len(result.findings) for result in results] == [1, 1]
    monkeypatch.setattr(tempfile, "tempdir", "/tmp")
    if "forkserver" in multiprocessing.get_all_start_methods():
        assert worker_context().get_start_method() == "forkserver"


@pytest.mark.skipif(os.name == "nt", reason="a pipe closed by its reader, as head does")
def test_a_reader_that_goes_away_stops_a_scan_on_two_processes(tmp_path: Path) -> None:
    """``zfgk scan DIR --jobs 2 | head -1``: the pipe breaks, the workers are told to stop
    and the command ends (1, quietly). It hung: the results were closed when the interpreter
    collected them at its exit, and the workers killed then left half a message in the
    pool's pipe."""
    import subprocess
    import sys
    import tempfile

    site = tmp_path / "site"
    site.mkdir()
    numbers = "".join(f"电话 13812{n:06d}\n" for n in range(2000))
    for n in range(48):  # results of a few hundred kilobytes a chunk, as a site's give
        (site / f"{n:02d}.txt").write_text(numbers, encoding="utf-8")
    temporary = Path(tempfile.mkdtemp(prefix="t", dir="/tmp"))  # short: see test_officer_console
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "zfgk", "scan", str(site), "--jobs", "2", "--lang", "en"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "TMPDIR": str(temporary)},
        )
        assert process.stdout is not None
        assert process.stdout.readline()
        process.stdout.close()  # head -1
        _, err = process.communicate(timeout=120)
        assert process.returncode == 1, err.decode()
        assert list(temporary.glob("zfgk-*")) == []
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def test_a_caller_that_stops_reading_early_gets_the_workers_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closing the results (contextlib.closing) after the first: the workers end, the run's
    folder is gone, and a scan started after it gives every result."""
    import contextlib
    import tempfile

    site = tmp_path / "site"
    site.mkdir()
    for n in range(12):
        (site / f"{n:02d}.txt").write_text(f"电话 138123456{n:02d}\n" * 50, encoding="utf-8")
    paths = sorted(site.iterdir())
    own = tmp_path / "tmp"  # the run's folder here: other tests' runs share the system's
    own.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(own))
    with contextlib.closing(scan_paths(paths, jobs=2)) as results:
        first = next(results)
    assert len(first.findings) == 50
    assert list(own.glob("zfgk-*")) == []
    assert [len(r.findings) for r in scan_paths(paths, jobs=2)] == [50] * 12


def test_a_nudged_worker_stops_the_file_it_reads_and_only_then(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The signal by which a stopping scan nudges its workers interrupts the reading of a
    file (the chunk ends there, the file not given) and nothing else: outside a reading,
    such as while results are sent, it is a no-op."""
    import signal

    from zfgk.files import _many

    paths = [tmp_path / f"{n}.txt" for n in range(3)]
    for path in paths:
        path.write_text("电话 13812345678\n", encoding="utf-8")
    read: list[str] = []

    def scan_and_nudge_on_the_second(path: Path, encoding: str | None = None) -> object:
        read.append(path.name)
        if path.name == "1.txt":
            _many._nudged(signal.SIGTERM, None)  # as the signal would, mid-file
        return scan_file(path, encoding=encoding)

    monkeypatch.setattr(_many, "scan_file", scan_and_nudge_on_the_second)
    results = _many._scan_chunk(paths)
    assert [r.path.name for r in results] == ["0.txt"]  # the second interrupted, no third
    assert read == ["0.txt", "1.txt"]
    assert _many._READING == [False]
    _many._nudged(signal.SIGTERM, None)  # outside a reading: nothing happens


def test_on_windows_a_workers_own_thread_stops_the_file_it_reads(tmp_path: Path) -> None:
    """Where no process can signal another (Windows: _NUDGE is None), a stopping scan's
    workers stopped only between files: a 2,000,000-row list ran to its end after Ctrl-C.
    A worker started so has a thread of its own that interrupts the reading when the scan's
    event is set.  Run in a fresh interpreter, as a worker is (its signals, its temp dir)."""
    import subprocess
    import sys

    code = f"""
import threading, time
import multiprocessing
from pathlib import Path
from zfgk.files import _many
_many._NUDGE = None  # as on Windows
read = []
def slow(path, encoding=None):  # a file that would take a minute to read
    read.append(path.name)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.005)
    raise AssertionError("not interrupted")
_many.scan_file = slow
stop = multiprocessing.get_context("spawn").Event()
_many._start_worker({str(tmp_path)!r}, stop)
threading.Timer(0.2, stop.set).start()
results = _many._scan_chunk([Path("a.txt"), Path("b.txt")])
print(len(results), read, _many._READING)
"""
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert (run.returncode, run.stdout, run.stderr) == (0, "0 ['a.txt'] [False]\n", "")
