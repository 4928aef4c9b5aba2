"""The user name in an Office or WPS lock file (``~$名单.xlsx``), the only thing it holds."""

from __future__ import annotations

__all__ = ["lock_file_owner"]

#: Where the name is written again, in UTF-16: after the first byte (its length) and the name
#: in the computer's code page, padded with spaces to this offset.
_WIDE_AT = 54
#: The code pages a Chinese or Western Windows writes the first name in.
_CODE_PAGES = ("gbk", "cp1252", "utf-8")


def lock_file_owner(data: bytes) -> str | None:
    """The user name an Office or WPS owner file (``~$名单.xlsx``) holds; None if ``data``
    is not one.

    Excel, Word and WPS write, beside a file they open, the user's name twice: its length
    in one byte, the name in the computer's code page padded with spaces to byte 54, then
    the name in UTF-16 (after its length in two bytes), padded.  Both must give the same
    name.

    >>> from zfgk.formats import lock_file_owner
    >>> name = "张三"
    >>> wide = len(name).to_bytes(2, "little") + name.encode("utf-16-le")
    >>> owner = bytes([4]) + name.encode("gbk").ljust(53) + wide.ljust(110, b"\\x20")
    >>> lock_file_owner(owner), lock_file_owner(b"PK\\x03\\x04" + bytes(160))
    ('张三', None)
    """
    if len(data) <= _WIDE_AT + 2 or not 0 < data[0] < _WIDE_AT:
        return None
    narrow = data[1 : 1 + data[0]]
    if data[1 + data[0] : _WIDE_AT].strip(b" \x00"):
        return None  # more than padding after the name
    wide = data[_WIDE_AT:]
    count = int.from_bytes(wide[:2], "little")
    for codepage in _CODE_PAGES:
        try:
            name = narrow.decode(codepage)
        except UnicodeDecodeError:
            continue
        size = 2 * len(name)
        if count == len(name) and wide[2 : 2 + size] == name.encode("utf-16-le"):
            return name  # the name's length in characters, then the name
        if wide[:size] == name.encode("utf-16-le"):
            return name
    return None
