"""Writing a document atomically (internal)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from zfgk.documents._errors import DocumentOutputError
from zfgk.i18n import N_, os_reason

__all__ = ["write_atomically"]


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``: a temporary file beside it, renamed into place.

    On any failure the temporary file is removed, ``path`` is untouched and
    :class:`DocumentOutputError` says why.
    """
    try:
        fd, tmp = tempfile.mkstemp(
            dir=path.resolve().parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as e:
        raise _cannot_write(path, e) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise _cannot_write(path, e) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _cannot_write(path: Path, error: OSError) -> DocumentOutputError:
    return DocumentOutputError.of(
        N_("{path}: cannot write the file: {reason}"), path=path, reason=os_reason(error)
    )
