"""Files as zfgk meets them: what a file is, the limits that keep hostile files out, atomic output.

:func:`kind_of` is the one table of file kinds (first bytes, then the
name) that every command and function uses; :func:`check_zip` refuses zip
and XML bombs before anything inflates; :func:`atomic_binary` and
:func:`atomic_output` replace a file whole or not at all; :data:`STRAY_TEXTS`,
:data:`STRAY_HEAD`, :func:`is_stray_file` and :func:`is_guid` say what an
Office package holds besides its parts (files of its own, ids), for the
workbook and document readers alike.

>>> import pathlib, tempfile
>>> from zfgk.formats import Family, kind_of
>>> path = pathlib.Path(tempfile.mkdtemp()) / "公示.htm"
>>> _ = path.write_text("<html><body>公示</body></html>", encoding="utf-8")
>>> kind = kind_of(path)
>>> kind.value, kind.family is Family.DOCUMENT
('html', True)
"""

from zfgk.formats._guard import (
    MAX_CELLS,
    MAX_GUNZIPPED,
    MAX_INFLATED,
    MAX_RATIO,
    check_zip,
    gunzipped,
)
from zfgk.formats._kinds import (
    HEAD_SIZE,
    LOCK_FILE_SIZE,
    SUFFIXES,
    Family,
    Kind,
    is_lock_file,
    kind_of,
    looks_like_lock_file,
    read_head,
    utf16_order,
)
from zfgk.formats._lock import lock_file_owner
from zfgk.formats._output import ENCODINGS, atomic_binary, atomic_output, make_folder, no_room
from zfgk.formats._package import (
    GUID,
    STRAY_HEAD,
    STRAY_TEXTS,
    is_guid,
    is_stray_file,
    without_guids,
)

__all__ = [
    "ENCODINGS",
    "GUID",
    "HEAD_SIZE",
    "LOCK_FILE_SIZE",
    "MAX_CELLS",
    "MAX_GUNZIPPED",
    "MAX_INFLATED",
    "MAX_RATIO",
    "STRAY_HEAD",
    "STRAY_TEXTS",
    "SUFFIXES",
    "Family",
    "Kind",
    "atomic_binary",
    "atomic_output",
    "check_zip",
    "gunzipped",
    "is_guid",
    "is_lock_file",
    "is_stray_file",
    "kind_of",
    "lock_file_owner",
    "looks_like_lock_file",
    "make_folder",
    "no_room",
    "read_head",
    "utf16_order",
    "without_guids",
]
