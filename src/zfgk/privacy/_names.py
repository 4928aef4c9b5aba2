"""People's names: keep the surname, hide the rest."""

from __future__ import annotations

import re

from zfgk.errors import InvalidArgumentError, PrivacyError
from zfgk.i18n import N_

#: Traditional compound surnames (复姓), kept whole by :func:`mask_name`: the
#: compound surnames of the 百家姓 that are in use, plus a few common ones it
#: lacks.  A two-character name is always read as surname + given name.
COMPOUND_SURNAMES: frozenset[str] = frozenset(
    "欧阳 太史 端木 上官 司马 东方 独孤 南宫 万俟 闻人 夏侯 诸葛 尉迟 公羊 赫连 澹台 皇甫 "
    "宗政 濮阳 公冶 太叔 申屠 公孙 慕容 仲孙 钟离 长孙 宇文 司徒 鲜于 司空 闾丘 子车 亓官 "
    "司寇 巫马 公西 颛孙 壤驷 公良 漆雕 乐正 宰父 谷梁 拓跋 夹谷 轩辕 令狐 段干 百里 呼延 "
    "东郭 南门 羊舌 微生 梁丘 左丘 东门 西门 第五 淳于 单于 归海 呼衍 东野 即墨 相里".split()
)

_NAME_SEPARATORS = "·•・．.‧﹒"
_CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")


def mask_name(name: str, *, keep_last: bool = False, mask_char: str = "*") -> str:
    """Keep the surname of a name and hide the rest.

    >>> import zfgk
    >>> zfgk.mask_name("张三"), zfgk.mask_name("王小明"), zfgk.mask_name("张")
    ('张*', '王**', '*')

    Compound surnames (:data:`COMPOUND_SURNAMES`: 欧阳, 司马, 诸葛, 上官,
    慕容, 东方, 令狐 …) are kept whole in names of three or more characters;
    a two-character name is always surname + given name.

    >>> zfgk.mask_name("欧阳娜娜"), zfgk.mask_name("司马")
    ('欧阳**', '司*')

    Names written with a separator (·, •, ・, ．: transliterated minority
    and foreign names) keep their first character and the separators:

    >>> zfgk.mask_name("阿依古丽·买买提")
    '阿***·***'

    ``keep_last=True`` also keeps the last character of names of three or
    more characters (a two-character name would be shown whole):

    >>> zfgk.mask_name("王小明", keep_last=True), zfgk.mask_name("张三", keep_last=True)
    ('王*明', '张*')

    Already-masked names come back the same.  An empty name raises
    :class:`~zfgk.PrivacyError`:

    >>> zfgk.mask_name("王**")
    '王**'
    >>> zfgk.mask_name("  ")
    Traceback (most recent call last):
    ...
    zfgk.errors.PrivacyError: cannot mask an empty name
    """
    if not isinstance(keep_last, bool):
        raise TypeError(f"keep_last must be a bool, not {type(keep_last).__name__}")
    if not isinstance(mask_char, str):
        raise TypeError(f"mask_char must be a string, not {type(mask_char).__name__}")
    if len(mask_char) != 1:
        raise InvalidArgumentError.of(
            N_("mask_char must be one character, not {count}"), count=len(mask_char)
        )
    if not isinstance(name, str):
        hint = (
            "; a blank has nothing to mask (zfgk.mask_record keeps blanks)" if name is None else ""
        )
        raise TypeError(f"expected the name as a string, not {type(name).__name__}{hint}")
    text = name.strip()
    if _CJK.search(text):
        text = re.sub(r"\s+", "", text)
        separators = _NAME_SEPARATORS
    else:
        text = re.sub(r"\s+", " ", text)
        separators = _NAME_SEPARATORS + " "
    if not text:
        raise PrivacyError.of(N_("cannot mask an empty name"))

    def hide(ch: str) -> str:
        return ch if ch in separators else mask_char

    if any(ch in separators for ch in text):
        return text[0] + "".join(hide(ch) for ch in text[1:])
    if len(text) == 1:
        return mask_char
    keep = 2 if len(text) > 2 and text[:2] in COMPOUND_SURNAMES else 1
    if keep_last and len(text) - keep >= 2:
        return text[:keep] + mask_char * (len(text) - keep - 1) + text[-1]
    return text[:keep] + mask_char * (len(text) - keep)
