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
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import gettext

__all__ = [
    "LANGUAGES",
    "N_",
    "Message",
    "fill",
    "language_from_environment",
    "os_reason",
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


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """``zh`` when the locale is Chinese, else ``en``, as gettext reads the environment.

    The first of ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that
    is set decides.

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
    return "en"


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


def os_reason(error: OSError) -> Message | str:
    """Why the operating system refused, as a message zfgk can say in any language.

    >>> from zfgk.i18n import os_reason
    >>> reason = os_reason(FileNotFoundError(2, "No such file or directory"))
    >>> str(reason), reason.localized("zh")
    ('No such file or directory', '没有那个文件或目录')
    """
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
        name: value.localized(language) if isinstance(value, Message) else value
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
