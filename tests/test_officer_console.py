"""Issue 27, points 5 and 6: a Chinese Windows console, files open in Excel, Ctrl-C, progress.

The runs are real ``python -m zfgk`` processes where the console matters
(its encoding, a signal); the exit statuses are the ones docs/cli.md gives:
0 clean, 1 problems found, 2 cannot check, 130 interrupted.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from zfgk import i18n
from zfgk.cli import COMMANDS, main, parser
from zfgk.cli._common import Progress, set_language, set_quiet

ROOT = Path(__file__).resolve().parent.parent
#: Item 19's header with a no-break space inside a column GBK cannot show, and one record.
ALLOCATION = (
    "保障对象姓名,保障性住房类型,房号,面积,套型,所在建设项目名称,备\u00a0注\r\n"
    "张*,公共租赁住房,1-2-301,45.60,一室一厅,民心佳园,\r\n"
)
LEAK = "公示\r\n张三 11010519491231002X\r\n"


def zfgk(*argv: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    """``python -m zfgk ARGV`` with the environment given (and no locale but what it says)."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "zfgk", *argv],
        cwd=cwd,
        env=environment,
        capture_output=True,
        check=False,
        timeout=120,
    )


# ------------------------------------------------------------ point 5: GBK


@pytest.mark.parametrize("lang", ["zh_CN.UTF-8", "C.UTF-8"])
def test_a_gbk_console_gets_replacements_not_a_traceback(tmp_path: Path, lang: str) -> None:
    """A no-break space in a header and "•" in a file name: GBK has neither."""
    listed = tmp_path / "2026年•第三批 名单.csv"
    listed.write_text(ALLOCATION, encoding="utf-8")
    leaky = tmp_path / "附件•公示.txt"
    leaky.write_text(LEAK, encoding="utf-8")
    check = zfgk(
        "check", listed.name, "--item", "19", cwd=tmp_path, PYTHONIOENCODING="gbk", LANG=lang
    )
    scan = zfgk("scan", leaky.name, cwd=tmp_path, PYTHONIOENCODING="gbk", LANG=lang)
    clean = zfgk("scan", listed.name, cwd=tmp_path, PYTHONIOENCODING="gbk", LANG=lang)
    for result in (check, scan, clean):
        assert b"Traceback" not in result.stderr, result.stderr.decode("gbk", "replace")
        result.stdout.decode("gbk")  # what was written is GBK
    assert check.returncode == 0  # the list is clean: 0 means clean
    assert "2026年?第三批 名单.csv".encode("gbk") in check.stdout  # "•" replaced, the rest kept
    assert "备?注".encode("gbk") in check.stdout  # the header's no-break space replaced
    assert scan.returncode == 1  # found: 1 means found
    assert "附件?公示.txt".encode("gbk") in scan.stdout
    assert clean.returncode == 0


def test_json_on_a_gbk_console_keeps_the_value(tmp_path: Path) -> None:
    """Replacing "•" with "?" would change the file's name in JSON: the line is escaped instead."""
    leaky = tmp_path / "附件•公示.txt"
    leaky.write_text(LEAK, encoding="utf-8")
    scan = zfgk("scan", leaky.name, "--json", cwd=tmp_path, PYTHONIOENCODING="gbk")
    assert scan.returncode == 1
    files = {json.loads(line).get("file") for line in scan.stdout.decode("gbk").splitlines()}
    assert leaky.name in files


def test_the_streams_are_given_back(capsys: pytest.CaptureFixture[str]) -> None:
    """main() leaves sys.stdout and sys.stderr as it found them."""
    wrapper = io.TextIOWrapper(io.BytesIO(), encoding="gbk", errors="strict")
    saved = sys.stdout
    sys.stdout = wrapper
    try:
        assert main(["show", "19", "--lang", "en"]) == 0
        assert wrapper.errors == "strict"
    finally:
        sys.stdout = saved
    wrapper.flush()
    assert "分配结果".encode("gbk") in wrapper.buffer.getvalue()


def test_paths_with_spaces_and_chinese(tmp_path: Path) -> None:
    """The issue's folder: 渝北区 住房保障科/2026年 第三批 公示."""
    folder = tmp_path / "渝北区 住房保障科" / "2026年 第三批 公示"
    folder.mkdir(parents=True)
    listed = folder / "配租 结果.csv"
    listed.write_text(ALLOCATION.replace("\u00a0", ""), encoding="utf-8")
    check = zfgk("check", str(listed), "--item", "19", cwd=tmp_path, LANG="zh_CN.UTF-8")
    assert check.returncode == 0, check.stderr.decode()
    assert str(listed) in check.stdout.decode()
    scan = zfgk("scan", str(folder.parent), cwd=tmp_path, LANG="zh_CN.UTF-8")
    assert scan.returncode == 0, scan.stderr.decode()
    out = folder / "公示 副本.csv"
    mask = zfgk("mask", str(listed), "-o", str(out), "--item", "19", cwd=tmp_path)
    assert mask.returncode == 0, mask.stderr.decode()
    assert out.exists()


# ------------------------------------------------- point 5: open in Excel


def _excel_has_it_open(monkeypatch: pytest.MonkeyPatch, winerror: int) -> None:
    """Replacing an existing file fails as Windows fails it while Excel or WPS shows the file."""
    real = os.replace

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if os.path.exists(dst):
            error = PermissionError(13, "Access is denied", os.fspath(src), None, os.fspath(dst))
            error.winerror = winerror  # type: ignore[attr-defined]
            raise error
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize("winerror", [5, 32])
def test_a_file_open_in_excel_is_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    winerror: int,
) -> None:
    target = tmp_path / "名单.xlsx"
    target.write_bytes(b"the officer's workbook")
    _excel_has_it_open(monkeypatch, winerror)
    assert main(["export", "chongqing", "-o", str(target), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err == "zfgk: error: close 名单.xlsx in Excel or WPS and try again\n"
    assert target.read_bytes() == b"the officer's workbook"
    assert [p.name for p in tmp_path.iterdir()] == ["名单.xlsx"]  # no temporary file left
    assert main(["export", "chongqing", "-o", str(target), "--lang", "zh"]) == 2
    assert capsys.readouterr().err == "zfgk：错误：请在 Excel 或 WPS 中关闭 名单.xlsx 后重试\n"


def test_held_open_knows_windows_errors_only(tmp_path: Path) -> None:
    target = tmp_path / "名单.xlsx"
    target.write_bytes(b"x")
    denied = PermissionError(13, "Access is denied", "tmp", None, str(target))
    assert i18n.held_open(denied) is None  # POSIX: a folder's permission, not Excel
    denied.winerror = 5  # type: ignore[attr-defined]
    assert i18n.held_open(denied) == str(target)
    read_only = tmp_path / "只读.xlsx"
    read_only.write_bytes(b"x")
    read_only.chmod(0o444)
    on_read_only = PermissionError(13, "Access is denied", "tmp", None, str(read_only))
    on_read_only.winerror = 5  # type: ignore[attr-defined]
    if not os.access(read_only, os.W_OK):  # (root may write anything)
        assert i18n.held_open(on_read_only) is None  # read-only: not Excel's doing
    sharing = PermissionError(13, "The process cannot access the file", str(target))
    sharing.winerror = 32  # type: ignore[attr-defined]
    wrapped = ValueError("writing failed")
    wrapped.__context__ = sharing
    assert i18n.held_open(wrapped) == str(target)  # found among the causes
    reason = i18n.os_reason(sharing)
    assert str(reason) == "close 名单.xlsx in Excel or WPS and try again"


# -------------------------------------------------------- point 6: Ctrl-C


def test_ctrl_c_is_one_line_and_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import zfgk.cli.items

    def interrupted(args: object, out: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(zfgk.cli.items, "run", interrupted)
    assert main(["items", "--lang", "zh"]) == 130
    assert capsys.readouterr().err == "zfgk：已中断\n"


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name == "nt", reason="POSIX signals")
def test_ctrl_c_in_a_real_process(tmp_path: Path) -> None:
    """SIGINT, as the terminal sends it on Ctrl-C, to a command that is busy."""
    started = tmp_path / "started"
    code = (
        "import sys, time, pathlib, zfgk.cli.items as items\n"
        "def busy(args, out):\n"
        f"    pathlib.Path({str(started)!r}).touch()\n"
        "    time.sleep(60)\n"
        "items.run = busy\n"
        "from zfgk.cli import main\n"
        "sys.exit(main(['items', '--lang', 'en']))\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    for _ in range(600):  # up to a minute for the interpreter to start
        if started.exists() or process.poll() is not None:
            break
        time.sleep(0.1)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err.decode()
    assert err.decode() == "zfgk: interrupted\n"


def _busy_process(tmp_path: Path, command: str, patch: str) -> subprocess.Popen[bytes]:
    """A ``zfgk`` process whose ``patch`` (Python run before main) makes it wait in a task,
    started once the task has begun (the file ``started`` in ``tmp_path`` exists)."""
    started = tmp_path / "started"
    code = (
        "import sys, time, pathlib\n"
        f"STARTED = pathlib.Path({str(started)!r})\n"
        f"{patch}\n"
        "from zfgk.cli import main\n"
        f"sys.exit(main({command}))\n"
    )
    temporary = tmp_path / "temporary"
    temporary.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "TMPDIR": str(temporary)},
    )
    for _ in range(600):  # up to a minute for the interpreter to start
        if started.exists() or process.poll() is not None:
            break
        time.sleep(0.1)
    return process


@pytest.mark.skipif(os.name == "nt", reason="POSIX signals")
@pytest.mark.parametrize(("name", "status"), [("SIGTERM", 143), ("SIGHUP", 129)])
def test_a_stop_signal_unwinds_as_ctrl_c_does(tmp_path: Path, name: str, status: int) -> None:
    """kill, a service manager's stop or a closed terminal, while a zip's member is being
    read: one line, 128 + the signal, and the member's copy (a list) not left behind."""
    import zipfile

    archive = tmp_path / "材料.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("名单.csv", "姓名,身份证号\n张三,11010519491231002X\n")
    patch = (
        "import zfgk.documents._readers as readers\n"
        "opened = readers.open_document\n"
        "def slow(path, *args, **kwargs):\n"
        "    if path.name == '名单.csv':\n"
        "        STARTED.touch()\n"
        "        time.sleep(60)\n"
        "    return opened(path, *args, **kwargs)\n"
        "readers.open_document = slow\n"
    )
    process = _busy_process(tmp_path, f"['scan', {str(archive)!r}, '--lang', 'en']", patch)
    copies = list((tmp_path / "temporary").glob("zfgk-*/0/*"))
    assert [p.name for p in copies] == ["名单.csv"]  # the copy was there while it was read
    process.send_signal(getattr(signal, name))
    _, err = process.communicate(timeout=60)
    assert process.returncode == status, err.decode()
    assert err.decode() == "zfgk: interrupted\n"
    assert list((tmp_path / "temporary").iterdir()) == []


@pytest.mark.skipif(os.name == "nt", reason="POSIX signals")
@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_stop_signal_to_a_scans_process_group_leaves_no_copy(
    tmp_path: Path, name: str, request: pytest.FixtureRequest
) -> None:
    """systemd's stop or a closed terminal signals the whole process group: the workers of
    ``scan --jobs 2`` die at once, and the lists they had copied out of the zips go with the
    run (they are kept in a folder of the parent's); one line, 128 + the signal."""
    import shutil
    import tempfile
    import zipfile

    folder = tmp_path / "site"
    folder.mkdir()
    rows = "".join(f"张三{i},11010519491231002X\n" for i in range(200_000))
    for n in (1, 2):
        with zipfile.ZipFile(folder / f"材料{n}.zip", "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("名单.csv", "姓名,身份证号\n" + rows)
    # short: the workers' fork server listens on a socket in it, whose path has a limit
    # (108 bytes), which a test runner's folders can pass ("AF_UNIX path too long")
    temporary = Path(tempfile.mkdtemp(prefix="t", dir="/tmp"))
    request.addfinalizer(lambda: shutil.rmtree(temporary, ignore_errors=True))
    process = subprocess.Popen(
        [sys.executable, "-m", "zfgk", "scan", str(folder), "--jobs", "2", "--lang", "en"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "TMPDIR": str(temporary)},
        start_new_session=True,  # its own process group, as a service or a terminal gives it
    )
    for _ in range(1200):  # until a worker holds a copy (a minute at most)
        if any(temporary.glob("zfgk-*/zfgk-*/0/名单.csv")) or process.poll() is not None:
            break
        time.sleep(0.05)
    assert process.poll() is None, process.communicate()[1].decode()
    os.killpg(process.pid, getattr(signal, name))
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + getattr(signal, name), err.decode()
    assert err.decode() == "zfgk: interrupted\n"
    assert list(temporary.glob("zfgk-*")) == []


_SIGNALLED = (
    "import gc, os, signal, sys, time, weakref\n"
    "import zfgk.cli.items as items\n"
    "from zfgk.cli import main\n"
    "def twice(args, out):  # Ctrl-C, then SIGTERM while the run unwinds\n"
    "    try:\n"
    "        os.kill(os.getpid(), signal.SIGINT)\n"
    "        time.sleep(30)\n"
    "    finally:\n"
    "        os.kill(os.getpid(), signal.SIGTERM)\n"
    "        time.sleep(0.2)\n"
    "    return 0\n"
    "def swallowed(args, out):  # SIGTERM while the collector runs a finalizer\n"
    "    def slow():\n"
    "        os.kill(os.getpid(), signal.SIGTERM)\n"
    "        time.sleep(0.2)\n"
    "    class Doc: pass\n"
    "    d = Doc(); d.me = d\n"
    "    weakref.finalize(d, slow); del d\n"
    "    gc.collect()\n"
    "    return 0\n"
    "items.run = {'twice': twice, 'swallowed': swallowed}[sys.argv[1]]\n"
    "sys.exit(main(['items', '--lang', 'en']))\n"
)


@pytest.mark.skipif(os.name == "nt", reason="POSIX signals")
@pytest.mark.parametrize(("case", "status"), [("twice", 130), ("swallowed", 143)])
def test_the_first_stop_decides_and_none_is_lost(case: str, status: int) -> None:
    """A second signal while the run unwinds is ignored (the clean-up finishes, the first
    signal gives the status); a stop raised where Python only prints the exception (a
    finalizer) still ends the run as stopped."""
    result = subprocess.run(
        [sys.executable, "-c", _SIGNALLED, case], capture_output=True, timeout=60, check=False
    )
    assert result.returncode == status, result.stderr.decode()
    assert result.stderr.decode().endswith("zfgk: interrupted\n")


def test_stop_signals_are_taken_for_the_run_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """main takes SIGTERM for the run where the system's default had it, puts the default
    back after, and leaves alone a handler that the program embedding it set."""
    import zfgk.cli.items

    seen: list[object] = []

    def run(args: object, out: object) -> int:
        seen.append(signal.getsignal(signal.SIGTERM))
        return 0

    def own(signum: int, frame: object) -> None:
        return None

    monkeypatch.setattr(zfgk.cli.items, "run", run)
    found = signal.getsignal(signal.SIGTERM)
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        assert main(["items", "--lang", "en"]) == 0
        assert callable(seen[0])  # zfgk's, for the run
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
        signal.signal(signal.SIGTERM, own)
        assert main(["items", "--lang", "en"]) == 0
        assert seen[1] is own
        assert signal.getsignal(signal.SIGTERM) is own
    finally:
        signal.signal(signal.SIGTERM, found)


def test_main_runs_on_a_thread_that_cannot_take_signals() -> None:
    """A service that runs the command on a worker thread: signals are the main thread's
    (signal.signal would raise there), so main leaves them alone and runs."""
    import threading

    statuses: list[int] = []
    worker = threading.Thread(target=lambda: statuses.append(main(["items", "--lang", "en"])))
    worker.start()
    worker.join(60)
    assert statuses == [0]


def test_an_archives_copies_go_with_its_document_without_the_collector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copies of a zip's members are removed when scan_file returns, with no help from the
    cycle collector: a pool worker ends without it (os._exit), and a cycle of the document
    through its own sheets left a list in the temporary folder after every scanned zip."""
    import gc
    import tempfile
    import zipfile

    from zfgk.files import scan_file

    archive = tmp_path / "材料.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("名单.csv", "姓名,身份证号\n张三,11010519491231002X\n")
    temporary = tmp_path / "temporary"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    gc.disable()
    try:
        result = scan_file(archive)
        assert len(result.findings) == 1
        assert list(temporary.iterdir()) == []
    finally:
        gc.enable()


def test_a_container_dropped_before_its_document_leaves_no_copy(tmp_path: Path) -> None:
    """A reader that stops between copying a member and making the document (an error, a
    signal) leaves nothing in the temporary folder once the container is dropped."""
    import gc

    from zfgk.documents._container import Container
    from zfgk.formats import Kind

    container = Container(tmp_path / "材料.zip", Kind.ZIP)
    container.add_member("名单.csv", "姓名,身份证号\n张三,11010519491231002X\n".encode())
    folder = container._folder
    assert folder is not None
    assert (folder / "0" / "名单.csv").exists()
    del container
    gc.collect()
    assert not folder.exists()


# ---------------------------------------------------- exit codes keep meaning


def test_a_fault_is_two_and_one_line_without_values(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import zfgk.cli.items

    def broken(args: object, out: object) -> int:
        raise ValueError("cell holds 11010519491231002X")  # an exception's text may hold data

    monkeypatch.setattr(zfgk.cli.items, "run", broken)
    monkeypatch.delenv("ZFGK_DEBUG", raising=False)
    assert main(["items", "--lang", "en"]) == 2  # not 1: nothing was found, nothing checked
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("zfgk: error: zfgk stopped on an error it did not expect (ValueError at ")
    assert "11010519491231002X" not in err
    monkeypatch.setenv("ZFGK_DEBUG", "1")
    with pytest.raises(ValueError, match="cell holds"):
        main(["items", "--lang", "en"])


# ------------------------------------------------------ point 6: progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_shows_after_two_seconds_on_a_terminal_and_clears() -> None:
    set_language("en")
    terminal, clock = Terminal(), Clock()
    with Progress("rows", stream=terminal, quiet=False, clock=clock) as progress:
        progress.advance(5000)
        clock.now += 1.9
        progress.advance(5000)
        assert terminal.getvalue() == ""  # a quick run prints nothing
        clock.now += 0.2
        progress.advance(1)
        shown = terminal.getvalue()
        assert shown == "\rzfgk: 10001 rows read (2 s)"
        clock.now += 0.1  # within the interval: not redrawn
        progress.advance(1)
        assert terminal.getvalue() == shown
        clock.now += 1.0
        progress.update(3, unit="sheets", total=4)
        assert terminal.getvalue().endswith("\rzfgk: 3 of 4 sheets read (3 s)")
        clock.now += 1.0
        progress.update(1, unit="files", total=None)  # shorter: spaces cover the rest
        assert terminal.getvalue().endswith("\rzfgk: 1 files read (4 s)      ")
    width = len("zfgk: 1 files read (4 s)")  # the text on screen; spaces after it already
    assert terminal.getvalue().endswith("\r" + " " * width + "\r")  # cleared at the end


def test_progress_in_chinese_and_when_interrupted() -> None:
    set_language("zh")
    terminal, clock = Terminal(), Clock()

    def count() -> None:
        with Progress("files", total=40, stream=terminal, quiet=False, clock=clock) as progress:
            clock.now += 5
            progress.advance(12)
            assert terminal.getvalue() == "\rzfgk：已读 12/40 个文件（5 秒）"
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        count()
    assert terminal.getvalue().endswith("\r")  # the line is cleared before "interrupted"
    set_language("en")


@pytest.mark.parametrize("quiet", [True, False])
def test_progress_is_silent_when_quiet_or_not_a_terminal(quiet: bool) -> None:
    clock = Clock()
    stream: io.StringIO = Terminal() if quiet else io.StringIO()
    with Progress("pages", stream=stream, quiet=quiet, clock=clock) as progress:
        clock.now += 60
        progress.advance(100)
    assert stream.getvalue() == ""
    set_quiet(True)
    with Progress("pages", stream=Terminal(), clock=clock) as progress:  # --quiet of the run
        clock.now += 60
        progress.advance(100)
    set_quiet(False)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_takes_quiet(command: str) -> None:
    action = parser(command)._subparsers._group_actions[0]  # type: ignore[union-attr]
    options = action.choices[command]._option_string_actions  # type: ignore[index]
    assert "--quiet" in options


def test_quiet_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["items", "配租", "--quiet"]) == 0
    assert main(["items", "配租", "-q"]) == 0
    assert capsys.readouterr().err == ""
