"""Many files: a site's folders walked, and scanned on every core (internal)."""

from __future__ import annotations

import _thread
import contextlib
import fnmatch
import multiprocessing
import multiprocessing.synchronize
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import weakref
from collections.abc import Generator, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from zfgk._workers import worker_context
from zfgk.documents import ocr_installed, pages_in_parallel
from zfgk.files._scan import FileScan, scan_file
from zfgk.formats import looks_like_lock_file

__all__ = ["PASSED_OVER_SUFFIXES", "available_cores", "scan_paths", "walk"]

#: Files of a folder that carry no text a reader gets (fonts, sound, video, icons): passed
#: over by a walk, and counted.  Every other file is scanned; one zfgk cannot read is
#: "cannot check" (an image without the ``ocr`` extra, an old binary Office file).
PASSED_OVER_SUFFIXES = frozenset(
    {
        *(".woff", ".woff2", ".ttf", ".otf", ".eot", ".ico", ".cur"),
        *(".mp3", ".wav", ".ogg", ".m4a", ".aac", ".flac", ".wma", ".amr"),
        *(".mp4", ".avi", ".mov", ".wmv", ".flv", ".webm", ".mkv", ".m4v", ".3gp", ".swf"),
        *(".map",),
    }
)


def walk(
    paths: Iterable[Path | str],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    passed_over: list[Path] | None = None,
) -> Iterator[Path]:
    """The files to scan under ``paths``, in a fixed order: each path as given, a folder walked.

    A file given by name is always scanned.  In a folder every file is (in
    name order, a folder's files before its subfolders), except office lock
    files (``~$名单.xlsx``, ``.~lock.名单.xlsx#``: their names, and the size and first
    bytes of a lock file, :func:`~zfgk.formats.looks_like_lock_file`) and the files that carry
    no text (:data:`PASSED_OVER_SUFFIXES`: fonts, sound, video), which are
    added to ``passed_over`` when given; with ``include`` globs, only the
    files that match one; never those that match an ``exclude`` glob.  A
    glob matches a file's name or its path under the folder given
    (``*.pdf``, ``archive/*``).  A subfolder that cannot be listed is given
    as it is, so that scanning it says why (never a silent pass).

    >>> import pathlib, tempfile
    >>> from zfgk.files import walk
    >>> site = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("b.html", "a.pdf", "logo.png", "font.woff2", "~$名单.xlsx", "old/c.htm", "old/d.docx"):
    ...     (site / name).parent.mkdir(exist_ok=True)
    ...     _ = (site / name).write_bytes(b"")
    >>> passed_over = []
    >>> [p.relative_to(site).as_posix() for p in walk([site], [], ["old/*.docx"], passed_over)]
    ['a.pdf', 'b.html', 'logo.png', 'old/c.htm']
    >>> sorted(p.name for p in passed_over)
    ['font.woff2', '~$名单.xlsx']
    """
    for given in paths:
        root = Path(given)
        if not root.is_dir():
            yield root
            continue
        unread: list[OSError] = []
        for folder, subfolders, files in os.walk(root, onerror=unread.append):
            while unread:  # a folder that cannot be listed is scanned, to say why it cannot be
                yield Path(unread.pop(0).filename or root)
            subfolders.sort()
            here = Path(folder)
            for name in sorted(files):
                relative = (here / name).relative_to(root).as_posix()
                chosen = _chosen(here / name, relative, include, exclude)
                if chosen:
                    yield here / name
                elif chosen is None and passed_over is not None:
                    passed_over.append(here / name)
        yield from (Path(error.filename or root) for error in unread)


def _chosen(
    path: Path, relative: str, include: Sequence[str], exclude: Sequence[str]
) -> bool | None:
    """Whether a file of a folder is scanned: ``False`` when a glob leaves it out, ``None`` for its kind."""
    name = path.name

    def matches(globs: Sequence[str]) -> bool:
        return any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(relative, g) for g in globs)

    if matches(exclude):
        return False
    if looks_like_lock_file(path):  # its name, size and first bytes: ~$名单.xlsx of a list is read
        return None
    if include:
        return matches(include)
    return Path(name).suffix.lower() not in PASSED_OVER_SUFFIXES or None


def scan_paths(
    paths: Sequence[Path | str], jobs: int | None = None, encoding: str | None = None
) -> Generator[FileScan, None, None]:
    """:func:`~zfgk.files.scan_file` of each path, in the order given, on ``jobs`` processes.

    ``jobs=1`` scans in this process; by default every core, or, with the
    ``ocr`` extra installed, as many as the memory available gives about
    1 GiB each (the OCR engine's need on a scanned page).  The paths
    (not the files' contents) go to worker processes in chunks, and the
    results come back in the order of ``paths``, as soon as each is ready:
    the same results, in the same order, as ``jobs=1``.  Given ``jobs``
    above 1, paths too few to share out (one file) are scanned here with the
    pages of their scans read by OCR on ``jobs`` processes
    (:func:`~zfgk.documents.pages_in_parallel`); by default a single file is
    read in this process alone.

    >>> import pathlib, tempfile
    >>> from zfgk.files import scan_paths
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> paths = [folder / f"{n}.txt" for n in range(3)]
    >>> for n, path in enumerate(paths):
    ...     _ = path.write_text("电话 13812345678\\n" * n, encoding="utf-8")
    >>> [len(result.findings) for result in scan_paths(paths, jobs=2)]
    [0, 1, 2]

    A caller that stops reading early closes the generator (``with
    contextlib.closing(scan_paths(...))``): the workers are stopped then.
    """
    asked = jobs
    jobs = _default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1 (given {jobs})")
    chunks = _chunks([Path(p) for p in paths], jobs)
    if asked is not None and asked > 1 and len(chunks) == 1:
        # Asked for, with one chunk (one file, in practice): its scans' pages on the jobs,
        # the results kept until the pool is closed (never held open across a yield).
        with pages_in_parallel(jobs):
            results = _scan_chunk(chunks[0], encoding)
        yield from results
        return
    if jobs == 1 or len(chunks) <= 1:
        for chunk in chunks:
            yield from _scan_chunk(chunk, encoding)
        return
    yield from _on_workers(chunks, min(jobs, len(chunks)), encoding)


def _on_workers(chunks: list[list[Path]], workers: int, encoding: str | None) -> Iterator[FileScan]:
    """The chunks scanned on ``workers`` processes, in order.

    The workers keep their temporary files (the copies of an archive's
    members) in one folder of this process's, removed when the scan ends
    however it ends: a worker killed (a signal to the whole process group)
    leaves nothing behind.  Ctrl-C is this process's to handle.  When the
    scan stops early (Ctrl-C, a stop signal, a caller that stops reading),
    the workers are told to stop: a signal interrupts the file each is
    reading (only while it reads: never while it sends its results; on
    Windows a thread of the worker's own raises it); the chunks left end at
    once.  (They are not killed: a worker killed while it sends its results
    leaves half a message in the pool's pipe, and the pool waits for the rest
    for ever.)
    """
    folder = tempfile.mkdtemp(prefix="zfgk-")
    context = worker_context()  # a fork server where it can listen
    _start_tracker()  # before the first lock (the event) starts it otherwise
    stop = context.Event()
    # removed in the finally below; and at the interpreter's exit if the results were left
    # unfinished and never closed (a suspended generator may never be finalized)
    remove = weakref.finalize(stop, shutil.rmtree, folder, True)
    try:
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_start_worker,
            initargs=(folder, stop),
        ) as pool:
            # Futures of our own, never cancelled (pool.map cancels those left when it is
            # closed, and a pool broken by killed workers then fails to mark them: its
            # manager thread dies with InvalidStateError on 3.11).
            futures = [pool.submit(_scan_chunk, chunk, encoding) for chunk in chunks]
            try:
                for future in futures:
                    yield from future.result()
            except BaseException:
                stop.set()  # the chunks left end at once; the pool's shutdown waits for them
                _nudge_workers(pool)  # and the files being read end now
                raise
    finally:
        remove()


def _start_tracker() -> None:
    """Start multiprocessing's resource tracker, if it is not running, deaf to SIGHUP.

    It already ignores Ctrl-C and SIGTERM; a closed terminal's SIGHUP to the
    process group killed it, and the one started in its place printed a
    traceback for each of the pool's locks it had never seen.
    """
    hangup = getattr(signal, "SIGHUP", None)
    if hangup is None or threading.current_thread() is not threading.main_thread():
        return
    from multiprocessing import resource_tracker

    before = signal.signal(hangup, signal.SIG_IGN)  # an ignored signal stays so across exec
    try:
        resource_tracker.ensure_running()
    finally:
        signal.signal(hangup, before)


#: In a worker: the event set when the scan that started it stops (see :func:`_on_workers`).
_STOP: list[multiprocessing.synchronize.Event] = []


def _start_worker(folder: str, stop: multiprocessing.synchronize.Event) -> None:
    """A worker's start: its temporary files in ``folder``; Ctrl-C left to the process that
    started it (which tells the workers to stop by ``stop``), not a traceback from each."""
    _STOP[:] = [stop]
    tempfile.tempdir = folder
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _NUDGE is not None:
        signal.signal(_NUDGE, _nudged)
    else:  # no signal another process can send (Windows): a thread waits for the stop
        _watch_for_stop(stop, _INTERRUPT)


#: How often, in seconds, a worker's own thread looks whether the scan has stopped.
_LOOK_EVERY = 0.05
#: The signal a worker's own thread raises in its main thread when the scan stops, where no
#: other process can signal it (Windows): simulated there (``_thread.interrupt_main``).
_INTERRUPT = signal.SIGTERM


def _watch_for_stop(
    stop: multiprocessing.synchronize.Event | threading.Event, signum: signal.Signals
) -> threading.Thread:
    """Interrupt the file this process reads when ``stop`` is set: a thread of its own waits
    for the event, then simulates ``signum`` in the main thread, whose handler
    (:func:`_nudged`) stops the file being read (and nothing else).  The nudge of Windows,
    where no process can send another a signal but Ctrl-C; the main thread gets it at its
    next line of Python, as it would a signal.

    >>> import signal, threading, time
    >>> from zfgk.files._many import _READING, _Nudged, _nudged, _watch_for_stop
    >>> before = signal.signal(signal.SIGTERM, _nudged)
    >>> stop = threading.Event()
    >>> watcher = _watch_for_stop(stop, signal.SIGTERM)
    >>> _READING[0] = True
    >>> threading.Timer(0.05, stop.set).start()
    >>> try:
    ...     deadline = time.monotonic() + 60  # a file that would take a minute to read
    ...     while time.monotonic() < deadline:
    ...         time.sleep(0.001)
    ... except _Nudged:
    ...     print("stopped")
    ... finally:
    ...     _READING[0] = False
    ...     _ = signal.signal(signal.SIGTERM, before)
    stopped
    """
    signal.signal(signum, _nudged)

    def watch() -> None:
        # Looked at, not waited on: a process waiting on a multiprocessing Event must wake
        # for set() to return, and one that died (killed, crashed) never does: the scan's
        # stop would wait for it for ever.
        while not stop.is_set():
            time.sleep(_LOOK_EVERY)
        _thread.interrupt_main(signum)

    watcher = threading.Thread(target=watch, name="zfgk-stop", daemon=True)
    watcher.start()
    return watcher


#: The signal by which the scan's process asks its workers to stop the file they are reading
#: (POSIX; on Windows a thread of each worker's own raises :data:`_INTERRUPT`, told by the
#: event).
_NUDGE: int | None = getattr(signal, "SIGUSR1", None)
#: In a worker: whether it is reading a file now (the only time a nudge may interrupt it).
_READING = [False]


class _Nudged(KeyboardInterrupt):
    """Raised in a worker by the nudge, while it reads a file: the scan has stopped."""


def _nudged(signum: int, frame: object) -> None:
    """The nudge's handler: interrupt the file being read, and nothing else (never the
    sending of results, which must reach the pool whole)."""
    if _READING[0]:
        raise _Nudged


def _nudge_workers(pool: ProcessPoolExecutor) -> None:
    """Ask the pool's workers to stop the file they are reading (see :data:`_NUDGE`)."""
    if _NUDGE is None:
        return
    processes: dict[int, object] = getattr(pool, "_processes", None) or {}  # before 3.14 too
    for pid in list(processes):
        with contextlib.suppress(OSError):
            os.kill(pid, _NUDGE)


def available_cores() -> int:
    """The cores this process may run on (``os.process_cpu_count``, else ``os.cpu_count``).

    >>> from zfgk.files import available_cores
    >>> available_cores() >= 1
    True
    """
    count = getattr(os, "process_cpu_count", os.cpu_count)()
    return max(count or 1, 1)


#: The memory a scanning process may need when it reads a scanned page by OCR: the engine's
#: work on an A4 page at 300 dpi peaks near 900 MB (benchmarks/README.md, bench_ocr.py).
OCR_PROCESS_MEMORY = 1 << 30


def _default_jobs() -> int:
    """The processes of a scan not told how many: every core; with the ``ocr`` extra, no
    more than the available memory gives :data:`OCR_PROCESS_MEMORY` each (at least one).

    Eight cores and 6.5 GB free would otherwise start eight engines in 7 GB
    when a folder holds scans: the officer's PC swaps to a halt.
    """
    cores = available_cores()
    if not ocr_installed():
        return cores
    free = available_memory()
    if free is None:
        return cores
    return max(1, min(cores, free // OCR_PROCESS_MEMORY))


def available_memory() -> int | None:
    """Bytes of memory this process could still take, as the system reckons it (None where
    zfgk cannot tell): Linux's ``MemAvailable``, lowered to a control group's limit (a
    container's); Windows' available physical memory.

    >>> from zfgk.files._many import available_memory
    >>> free = available_memory()
    >>> free is None or free > 0
    True
    """
    if sys.platform == "win32":  # pragma: no cover - tested on Windows only
        return _windows_available()
    free = _meminfo_available()
    if free is None:
        return None
    limit = _cgroup_room()
    return free if limit is None else min(free, limit)


def _meminfo_available(path: str = "/proc/meminfo") -> int | None:
    try:
        with open(path, encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


#: A control group's limit at or past this is none (cgroup v1 writes "no limit" as the
#: largest number of pages: 9223372036854771712).
_NO_LIMIT = 1 << 60


def _cgroup_room(root: str = "/sys/fs/cgroup", own: str = "/proc/self/cgroup") -> int | None:
    """What this process's control groups still allow it: for each group that limits memory
    (cgroup v2's ``memory.max``, v1's ``memory.limit_in_bytes``), on the process's own
    group and the groups above it, the limit less what the group uses; the least of them.
    None where no group sets a limit (or zfgk cannot read them).

    A container sees its own group as the root of the tree, where its limit is.
    """
    try:
        with open(own, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError:
        return None
    rooms: list[int] = []
    for line in lines:
        number, _, rest = line.partition(":")
        controllers, _, path = rest.partition(":")
        if number == "0" and not controllers:  # v2: one tree
            base, limit_file, used_file = root, "memory.max", "memory.current"
        elif "memory" in controllers.split(","):  # v1: the memory controller's own tree
            base = os.path.join(root, "memory")
            limit_file, used_file = "memory.limit_in_bytes", "memory.usage_in_bytes"
        else:
            continue
        parts = [p for p in path.split("/") if p]
        for depth in range(len(parts), -1, -1):  # the process's group, then each above it
            room = _room(os.path.join(base, *parts[:depth]), limit_file, used_file)
            if room is not None:
                rooms.append(room)
    return min(rooms, default=None)


def _room(folder: str, limit_file: str, used_file: str) -> int | None:
    """A group's limit less what it uses; None if it sets none or its files cannot be read.

    What it uses counts the page cache, which the system gives back when it
    needs the memory: its inactive part is left out (the working set, as
    container tools reckon it), so that a group that has read many files is
    not taken to be full.
    """
    try:
        with open(os.path.join(folder, limit_file), encoding="ascii") as f:
            limit = f.read().strip()
        if limit == "max" or int(limit) >= _NO_LIMIT:
            return None
        with open(os.path.join(folder, used_file), encoding="ascii") as f:
            used = int(f.read().strip())
    except (OSError, ValueError):
        return None
    return max(int(limit) - max(used - _inactive_cache(folder), 0), 0)


def _inactive_cache(folder: str) -> int:
    """The inactive page cache of a group (``memory.stat``: v1's ``total_inactive_file``,
    its own and its children's, or v2's ``inactive_file``); 0 if it cannot be read."""
    found: dict[str, int] = {}
    try:
        with open(os.path.join(folder, "memory.stat"), encoding="ascii") as f:
            for line in f:
                name, _, value = line.partition(" ")
                if name in ("total_inactive_file", "inactive_file"):
                    found[name] = int(value)
    except (OSError, ValueError):
        return 0
    return found.get("total_inactive_file", found.get("inactive_file", 0))


def _windows_available() -> int | None:  # pragma: no cover - Windows only
    if sys.platform == "win32":
        import ctypes

        class MemoryStatus(ctypes.Structure):
            _fields_ = [
                ("dwLength", ctypes.c_ulong),
                ("dwMemoryLoad", ctypes.c_ulong),
                ("ullTotalPhys", ctypes.c_ulonglong),
                ("ullAvailPhys", ctypes.c_ulonglong),
                ("ullTotalPageFile", ctypes.c_ulonglong),
                ("ullAvailPageFile", ctypes.c_ulonglong),
                ("ullTotalVirtual", ctypes.c_ulonglong),
                ("ullAvailVirtual", ctypes.c_ulonglong),
                ("ullAvailExtendedVirtual", ctypes.c_ulonglong),
            ]

        status = MemoryStatus()
        status.dwLength = ctypes.sizeof(MemoryStatus)
        if ctypes.windll.kernel32.GlobalMemoryStatusEx(ctypes.byref(status)):
            return int(status.ullAvailPhys)
    return None


#: The most files a worker is sent at once: small enough that the cores stay busy to the end.
_MAX_CHUNK = 64


def _chunks(paths: list[Path], jobs: int) -> list[list[Path]]:
    """``paths`` cut into chunks: about four per job, at most :data:`_MAX_CHUNK` files each."""
    if not paths:
        return []
    size = max(1, min(_MAX_CHUNK, -(-len(paths) // (jobs * 4))))
    return [paths[k : k + size] for k in range(0, len(paths), size)]


def _scan_chunk(paths: list[Path], encoding: str | None = None) -> list[FileScan]:
    results = []
    for path in paths:
        if _STOP and _STOP[0].is_set():
            break  # the scan has stopped: nobody reads what is left
        _READING[0] = True
        try:
            results.append(scan_file(path, encoding=encoding))
        except _Nudged:
            break  # the same: the file was not read to its end, and is not given
        finally:
            _READING[0] = False
    return results
