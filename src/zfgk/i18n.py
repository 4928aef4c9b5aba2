"""Messages for people in their language: Chinese or English, through gettext.

Every message the command line and the reports print is an English
template marked with :func:`N_`; its Chinese translation is in the package's
message catalogue (``zfgk/locale/zh/LC_MESSAGES/zfgk.po``, compiled to
``.mo`` when the package is built).  Codes (``missing``, ``late`` …) and
JSON keys are the interface and are never translated.

>>> from zfgk.i18n import N_, translate
>>> template = N_("{field} is blank; item {item} requires a value")
>>> translate(template, "zh").format(field="面积", item=19)
'面积为空；第 19 项要求填写'
>>> translate(template, "en").format(field="面积", item=19)
'面积 is blank; item 19 requires a value'
"""

from __future__ import annotations

import errno
import os
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import gettext

__all__ = [
    "IN_USE",
    "LANGUAGES",
    "N_",
    "Message",
    "Said",
    "display_width",
    "either",
    "fill",
    "held_open",
    "language_from_environment",
    "listed",
    "os_reason",
    "system_language",
    "translate",
]

#: The languages zfgk speaks: Chinese, and English (the templates themselves).
LANGUAGES = ("zh", "en")
DOMAIN = "zfgk"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def N_(template: str) -> str:
    """Mark ``template`` as a message to translate; returns it unchanged.

    >>> from zfgk.i18n import N_
    >>> N_("rows read: {rows}")
    'rows read: {rows}'
    """
    return template


def display_width(text: str) -> int:
    """Columns a text takes in a terminal or a spreadsheet cell: CJK and full-width characters two.

    >>> from zfgk.i18n import display_width
    >>> display_width("分配结果"), display_width("abc"), display_width("（1）")
    (8, 3, 5)
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """``zh`` when the locale is Chinese, else ``en``, as gettext reads the environment.

    The first of ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that
    is set decides.  Where none is set, as on Windows, the system's display
    language does (:func:`system_language`): a Chinese Windows speaks Chinese.

    >>> from zfgk.i18n import language_from_environment
    >>> language_from_environment({"LANG": "zh_CN.UTF-8"}), language_from_environment({"LANG": "C"})
    ('zh', 'en')
    >>> language_from_environment({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"})
    'en'
    """
    environ = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "zh" if value.split(":")[0].lower().startswith("zh") else "en"
    return system_language()


#: The primary language of a Windows LANGID (its low 10 bits) that is Chinese, any region.
_LANG_CHINESE = 0x04


def system_language() -> str:
    """``zh`` when the system's display language is Chinese, else ``en``.

    On Windows it is the user's UI language (``GetUserDefaultUILanguage``):
    Chinese in any region (zh-CN 0x0804, zh-TW 0x0404, zh-HK …) is ``zh``.
    Elsewhere the locale variables say it, and without them it is ``en``.

    >>> from zfgk.i18n import system_language
    >>> system_language() in ("zh", "en")
    True
    """
    langid = _windows_ui_language()
    return "zh" if langid is not None and langid & 0x3FF == _LANG_CHINESE else "en"


def _windows_ui_language() -> int | None:
    """The LANGID of the Windows user's display language; None elsewhere or if it cannot be had."""
    if sys.platform != "win32":
        return None
    import ctypes

    try:
        return int(ctypes.windll.kernel32.GetUserDefaultUILanguage())
    except (AttributeError, OSError, ValueError):  # pragma: no cover - a Windows without it
        return None


@cache
def _translations(language: str) -> gettext.NullTranslations:
    import gettext  # on first translation: importing zfgk stays cheap

    if language == "en":
        return gettext.NullTranslations()
    directory = LOCALE_DIR / language / "LC_MESSAGES"
    compiled, source = directory / f"{DOMAIN}.mo", directory / f"{DOMAIN}.po"
    if compiled.exists() and not (
        source.exists() and source.stat().st_mtime > compiled.stat().st_mtime
    ):
        with compiled.open("rb") as f:
            return gettext.GNUTranslations(f)
    if source.exists():  # a source checkout that has not been built: read the .po itself
        from zfgk._po import read_po

        return _dictionary(read_po(source))
    raise FileNotFoundError(f"no message catalogue for {language!r} in {directory}")


def _dictionary(messages: Mapping[str, str]) -> gettext.NullTranslations:
    """Translations read from a ``.po`` file."""
    import gettext

    translations = gettext.NullTranslations()
    translations.gettext = lambda message: messages.get(message) or message  # type: ignore[method-assign]
    return translations


class Said:
    """A value said differently in each language: a catalogue's name, a list of choices.

    A message filled with it says it in the message's language; ``str()``
    and ``format()`` give the English.

    >>> from zfgk.i18n import Message, N_, Said
    >>> name = Said(en="chongqing", zh="重庆市保障性住房领域政务公开标准目录")
    >>> message = Message(N_("no item {number} in the {catalogue} catalogue: it has items {coverage}"),
    ...                   number=99, catalogue=name, coverage="1–43")
    >>> print(message.localized("zh"))
    重庆市保障性住房领域政务公开标准目录 中没有第 99 项：它有第 1–43 项
    >>> print(message)
    no item 99 in the chongqing catalogue: it has items 1–43
    """

    __slots__ = ("en", "zh")

    def __init__(self, *, en: str, zh: str) -> None:
        self.en = en
        self.zh = zh

    def localized(self, language: str) -> str:
        """The value in ``language``."""
        return self.zh if language == "zh" else self.en

    def __str__(self) -> str:
        return self.en

    def __format__(self, spec: str) -> str:
        return format(self.en, spec)

    def __repr__(self) -> str:
        return f"Said(en={self.en!r}, zh={self.zh!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Said) and (self.en, self.zh) == (other.en, other.zh)

    def __hash__(self) -> int:
        return hash((self.en, self.zh))


def either(words: Sequence[str]) -> Said:
    """Choices as a person writes them: ``A, B or C``; in Chinese ``A、B 或 C`` (no English "or").

    >>> from zfgk.i18n import either
    >>> choices = either(["公租房租赁补贴或租金减免审批", "租赁补贴发放", "租金减免"])
    >>> print(choices.localized("zh"))
    公租房租赁补贴或租金减免审批、租赁补贴发放 或 租金减免
    >>> print(choices)
    公租房租赁补贴或租金减免审批, 租赁补贴发放 or 租金减免
    >>> print(either(["分配结果"]).localized("zh"))
    分配结果
    """
    words = [str(w) for w in words]
    if len(words) < 2:
        return Said(en="".join(words), zh="".join(words))
    return Said(
        en=", ".join(words[:-1]) + " or " + words[-1],
        zh="、".join(words[:-1]) + " 或 " + words[-1],
    )


def listed(words: Sequence[str]) -> Said:
    """Words listed together: ``A, B and C``; in Chinese ``A、B、C`` (no English "and").

    >>> from zfgk.i18n import listed
    >>> items = listed(["22 自愿退出", "23 到期退出", "24 不符合条件退出"])
    >>> print(items)
    22 自愿退出, 23 到期退出 and 24 不符合条件退出
    >>> print(items.localized("zh"))
    22 自愿退出、23 到期退出、24 不符合条件退出
    """
    words = [str(w) for w in words]
    en = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    return Said(en=en if words else "", zh="、".join(words))


class Message:
    """A template and its values: English by ``str()``, any language by :meth:`localized`.

    A value may itself be a message (a row's place inside an error, say);
    it is said in the same language.

    >>> from zfgk.i18n import Message, N_
    >>> where = Message(N_("row {row}, column {column}"), row=3, column="公开渠道和载体")
    >>> problem = Message(N_("{where}: {problem}"), where=where, problem="…")
    >>> str(problem)
    'row 3, column 公开渠道和载体: …'
    """

    __slots__ = ("params", "template")

    def __init__(self, template: str, /, **params: object) -> None:
        self.template = template
        self.params = params

    def localized(self, language: str) -> str:
        """The message in ``language``."""
        return fill(self.template, self.params, language)

    def __str__(self) -> str:
        return self.localized("en")

    def __repr__(self) -> str:
        return f"Message({self.template!r})"


#: The operating system's reasons a file cannot be used, as C libraries word
#: them, by errno; others are reported in the system's own words.
_OS_REASONS = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.EEXIST: N_("File exists"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EROFS: N_("Read-only file system"),
    errno.ENAMETOOLONG: N_("File name too long"),
}


#: What to do about a file another program holds open: the one line an officer reads.
IN_USE = N_("close {name} in Excel or WPS and try again")

#: Windows' errors for a file another program holds open: a sharing violation, a lock violation.
_SHARING_VIOLATIONS = frozenset({32, 33})
_ACCESS_DENIED = 5


def held_open(error: BaseException) -> str | None:
    """The path of the file another program (Excel, WPS) holds open, if that is why ``error`` happened.

    Excel and WPS keep a workbook open while it is shown, and Windows then
    refuses to replace it: ``PermissionError`` with Windows error 32 or 33
    (another process has it), or 5 (access denied) when renaming onto a file
    that is not read-only.  The error's causes are looked at too, so an
    :class:`~zfgk.OutputError` raised from one is recognised.  Elsewhere an
    open file can be replaced, and this is None.

    >>> from zfgk.i18n import held_open
    >>> error = PermissionError(13, "The process cannot access the file", "名单.xlsx")
    >>> error.winerror = 32  # as Windows sets it when Excel has the file open
    >>> held_open(error)
    '名单.xlsx'
    >>> held_open(PermissionError(13, "Permission denied", "名单.xlsx")) is None
    True
    """
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, PermissionError):
            path = _held_open(current)
            if path is not None:
                return path
        current = current.__cause__ or current.__context__
    return None


def _held_open(error: PermissionError) -> str | None:
    code = getattr(error, "winerror", None)
    target = error.filename2 if error.filename2 is not None else error.filename
    if target is None:
        return None
    target = os.fsdecode(target)
    if code in _SHARING_VIOLATIONS:
        return target
    if code == _ACCESS_DENIED and error.filename2 is not None:  # renaming onto the file
        return target if os.path.isfile(target) and os.access(target, os.W_OK) else None
    return None


def os_reason(error: OSError) -> Message | str:
    """Why the operating system refused, as a message zfgk can say in any language.

    A file that Excel or WPS holds open is said as what to do
    (:data:`IN_USE`, :func:`held_open`).

    >>> from zfgk.i18n import os_reason
    >>> reason = os_reason(FileNotFoundError(2, "No such file or directory"))
    >>> str(reason), reason.localized("zh")
    ('No such file or directory', '没有那个文件或目录')
    """
    in_use = held_open(error)
    if in_use is not None:
        return Message(IN_USE, name=os.path.basename(in_use))
    known = _OS_REASONS.get(error.errno) if error.errno is not None else None
    if known is not None:
        return Message(known)
    return error.strerror or str(error)


def fill(template: str, params: Mapping[str, object], language: str) -> str:
    """``template`` in ``language``, filled with ``params`` (messages among them said in it too).

    >>> from zfgk.i18n import fill
    >>> fill("{field} is blank; item {item} requires a value", {"field": "面积", "item": 19}, "zh")
    '面积为空；第 19 项要求填写'
    """
    values = {
        name: value.localized(language) if isinstance(value, (Message, Said)) else value
        for name, value in params.items()
    }
    return translate(template, language).format(**values)


def translate(template: str, language: str) -> str:
    """The template in ``language`` (``zh`` or ``en``); itself where no translation exists.

    >>> from zfgk.i18n import translate
    >>> translate("FAILED", "zh"), translate("FAILED", "en")
    ('未通过', 'FAILED')
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}: zfgk speaks {', '.join(LANGUAGES)}")
    return _translations(language).gettext(template)
