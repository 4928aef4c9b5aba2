"""How zfgk starts worker processes (a folder's scan, the pages of a scan read by OCR).

A fork server where the system has one: workers start from a clean server
process, not by forking the caller (a web service or a test runner that
embeds zfgk has threads, and forking a threaded process can deadlock the
child; Python 3.14 makes this the default on Linux).  The server listens on
a Unix socket in the temporary folder, whose path the system limits (108
bytes on Linux, 104 on macOS): under a temporary folder with a long path
the server cannot start ("AF_UNIX path too long"), and the workers are then
spawned, as on Windows: slower to start, the same results.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import os
import tempfile

__all__ = ["worker_context"]

#: The longest socket path zfgk lets the fork server try (macOS's limit, the lower).
_SOCKET_PATH = 103
#: What the fork server adds to the temporary folder: ``/pymp-XXXXXXXX/listener-XXXXXXXX``.
_SOCKET_NAME = len("/pymp-XXXXXXXX/listener-XXXXXXXX")


def worker_context() -> multiprocessing.context.BaseContext:
    """The way to start zfgk's workers here: a fork server, or the system's way where there is
    none or it could not listen under the temporary folder.

    >>> from zfgk._workers import worker_context
    >>> worker_context().get_start_method() in ("forkserver", "spawn")
    True
    """
    if (
        "forkserver" in multiprocessing.get_all_start_methods()
        and len(os.fsencode(tempfile.gettempdir())) + _SOCKET_NAME <= _SOCKET_PATH
    ):
        return multiprocessing.get_context("forkserver")
    method = "spawn" if "spawn" in multiprocessing.get_all_start_methods() else None
    return multiprocessing.get_context(method)
