"""Arguments at the boundary: a path that can name a file, and values as messages show them.

Every public function checks what it is given where it is called: a wrong
type is a TypeError naming the parameter and what it expects, a value no file
can have a ZfgkError of the function's own room.  A message that repeats a
value never repeats a long number in it: that may be an ID or a phone number.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from zfgk.i18n import N_

__all__ = ["UNNAMEABLE", "as_path", "nameable", "quiet", "quiet_name"]

#: A run of digits as long as a mobile number (11) or longer, an ID's final X included; and
#: the two numbers as people group them, a mobile 3-4-4 (``139 1234 5678``,
#: ``138-0013-8000``) and an ID 6-8-4, with one space, hyphen or dot between the groups.
#: Other groups (a date range ``2025.1-2025.12``, a title row's column numbers) are kept.
#: Characters that show nothing between two digits (zero-width and direction marks,
#: variation selectors, the keycap of ``1️⃣``) do not cut a run.
_INVISIBLE = (
    "["
    "\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160"
    "\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\u20e3\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f\U000e0100-\U000e01ef"
    "]*"
)  # zfgk.privacy's INVISIBLE: every format character and mark find_pii reads across
#: A digit as a person reads one: any decimal digit (0-9, full-width, other scripts',
#: mathematical) and the digits drawn otherwise that find_pii reads (superscripts,
#: subscripts, circled: zfgk.privacy._shown.SHOWN_DIGITS, which a test holds this to).
DIGIT_CLASS = (
    r"[\d\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u24ea"
    r"\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792\U0001f10b\U0001f10c"
    r"\U0001fbf0-\U0001fbf9]"
)
_LONG_NUMBER = re.compile(
    rf"{DIGIT_CLASS}(?:{_INVISIBLE}{DIGIT_CLASS}){{10,}}(?:{_INVISIBLE}[Xx])?"
    r"|(?<!\d)\d{3}[ .\-\u00a0]\d{4}[ .\-\u00a0]\d{4}(?!\d)"
    r"|(?<!\d)\d{6}[ .\-\u00a0]\d{8}[ .\-\u00a0]\d{3}[\dXx](?!\d)"
)

#: The message for a path that no file can have (``{path}`` is its repr).
UNNAMEABLE = N_(
    "{path}: cannot read the file: its name holds a NUL character or an unpaired surrogate, "
    "which no file name can"
)


def quiet(value: object) -> str:
    """``value`` as text for a message, each run of 11 or more digits, and each mobile or ID
    number grouped as people write them, replaced by ``…``.

    >>> from zfgk._arguments import quiet
    >>> quiet("手机13812345678"), quiet(19), quiet(11010519491231002)
    ('手机…', '19', '…')
    >>> quiet("李四 139 1234 5678"), quiet("张三138-0013-8000"), quiet("2025.1-2025.12")
    ('李四 …', '张三…', '2025.1-2025.12')
    >>> quiet("王五 138\u200b1234\ufe0f5678"), quiet("１３８１２３４５６７８")
    ('王五 …', '…')
    >>> quiet("¹³⁸¹²³⁴⁵⁶⁷⁸"), quiet("①③⑧①②③④⑤⑥⑦⑧"), quiet("手机١٣٨١٢٣٤٥٦٧٨")
    ('…', '…', '手机…')
    """
    return _LONG_NUMBER.sub("…", str(value))


def quiet_name(name: str | None) -> str | None:
    """A name (a sheet's, a page's) as output shows it: :func:`quiet`, None kept.

    >>> from zfgk._arguments import quiet_name
    >>> quiet_name("张三110101199003074514"), quiet_name(None)
    ('张三…', None)
    """
    return None if name is None else quiet(name)


def as_path(value: object, name: str = "path") -> Path:
    """``value`` as a :class:`~pathlib.Path`; a TypeError naming ``name`` unless it is a path.

    >>> from zfgk._arguments import as_path
    >>> as_path("名单.csv")
    PosixPath('名单.csv')
    >>> as_path(None, "source")
    Traceback (most recent call last):
    ...
    TypeError: source must be a path (a str or an os.PathLike), not NoneType
    """
    try:
        text = os.fspath(value)  # type: ignore[call-overload]
    except TypeError:
        text = None
    if not isinstance(text, str):
        raise TypeError(
            f"{name} must be a path (a str or an os.PathLike), not {type(value).__name__}"
        )
    return Path(text)


def nameable(path: Path) -> bool:
    """Whether a file can have the name ``path``: no NUL, no surrogate the file system refuses.

    >>> from pathlib import Path
    >>> from zfgk._arguments import nameable
    >>> nameable(Path("名单.csv")), nameable(Path("a\\x00.csv")), nameable(Path("\\ud800.csv"))
    (True, False, False)
    """
    text = os.fspath(path)
    if "\x00" in text:
        return False
    try:
        os.fsencode(text)
    except UnicodeEncodeError:
        return False
    return True
