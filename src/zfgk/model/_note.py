"""A judgement recorded in the data, said in the reader's language."""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from typing import Any, Union

import attrs

from zfgk._arguments import quiet
from zfgk._deprecated import deprecated_arguments
from zfgk.errors import InvalidArgumentError
from zfgk.i18n import N_, Message, translate
from zfgk.model._repr import attrs_repr

#: What a note's placeholder may hold: the source's words or a number (said
#: as they are), or another note (said in the same language).
NoteValue = Union[str, int, "Note"]


class _NotANote(TypeError):
    """A value that is not a note; ``reason`` says why in any language."""

    def __init__(self, template: str, /, **params: object) -> None:
        self.reason = Message(template, **params)
        super().__init__(str(self.reason))


def _pairs(params: Mapping[str, NoteValue] | Iterable[tuple[str, NoteValue]]) -> tuple[Any, ...]:
    if isinstance(params, (str, bytes)) or not isinstance(params, (Mapping, Iterable)):
        raise TypeError(
            f"params must be a mapping or (name, value) pairs, not {type(params).__name__}"
        )
    items = params.items() if isinstance(params, Mapping) else params
    pairs: list[tuple[str, NoteValue]] = []
    for pair in items:
        if not isinstance(pair, tuple) or len(pair) != 2 or not isinstance(pair[0], str):
            raise TypeError("params must be a mapping or (name, value) pairs, each name a str")
        name, value = pair
        if not isinstance(value, (str, Note)) and (
            not isinstance(value, int) or isinstance(value, bool)
        ):
            raise TypeError(
                f"the value of {quiet(name)!r} must be a str, an int or a Note, "
                f"not {type(value).__name__}"
            )
        if any(name == seen for seen, _ in pairs):
            raise InvalidArgumentError.of(
                N_("not a note: its params name {name!r} twice"), name=quiet(name)
            )
        pairs.append((name, value))
    return tuple(pairs)


def _unfilled(message: str, params: tuple[tuple[str, NoteValue], ...]) -> Message | None:
    """Why ``params`` cannot fill the template ``message``, or None if they can."""
    values = {name: value.text if isinstance(value, Note) else value for name, value in params}
    try:
        if not all(
            field is None or field.isidentifier()
            for _, field, _, _ in string.Formatter().parse(message)
        ):
            raise ValueError(message)  # {0}, {name.attribute}, {name[key]}
        message.format(**values)
    except KeyError as e:
        return Message(N_("its params give no value for {{{name}}}"), name=quiet(e.args[0]))
    except (IndexError, ValueError, AttributeError, TypeError):
        return Message(N_("its message is not a template its params can fill"))
    return None


@attrs.frozen
class Note:
    """A judgement zfgk recorded about its source: a message template and its values.

    ``message`` is an English template whose Chinese is in zfgk's message
    catalogue (the same gettext catalogue as every other message), and
    ``params`` the values that fill its ``{placeholders}``: the source's own
    words and numbers, which are never translated, or other notes.  A
    ``verbatim`` note is text kept as written (a note of an older catalogue
    file, or one a person wrote): it is said as it is in every language.

    >>> import zfgk
    >>> note = next(i.note for i in zfgk.load("shanyin").item(15).inferred if i.attribute == "time_limit")
    >>> note.text
    '公开时限 is blank in the source; read as continuing the merged cell of item 13'
    >>> note.localized("zh")
    '来源中公开时限为空；视为延续第 13 项的合并单元格'
    >>> dict(note.params)
    {'column': '公开时限', 'item': 13}
    """

    __repr__ = attrs_repr

    message: str
    params: tuple[tuple[str, NoteValue], ...] = attrs.field(default=(), converter=_pairs)
    verbatim: bool = False

    def __attrs_post_init__(self) -> None:
        """Refuse a note that cannot be said: TypeError for a wrong type, else InvalidArgumentError.

        >>> from zfgk.model import Note
        >>> Note("{column} is blank", {"item": 3})
        Traceback (most recent call last):
        ...
        zfgk.errors.InvalidArgumentError: not a note: its params give no value for {column}
        """
        if not isinstance(self.message, str):
            raise TypeError(f"a note's message must be a str, not {type(self.message).__name__}")
        if not isinstance(self.verbatim, bool):
            raise TypeError(f"verbatim must be a bool, not {type(self.verbatim).__name__}")
        reason = None if self.verbatim else _unfilled(self.message, self.params)
        if reason is not None:
            raise InvalidArgumentError.of(N_("not a note: {reason}"), reason=reason)

    @classmethod
    def of(cls, message: str, /, **params: NoteValue) -> Note:
        """The note ``message`` (a template marked with ``N_``) filled with ``params``.

        >>> from zfgk.model import Note
        >>> from zfgk.i18n import N_
        >>> Note.of(N_("{column} is blank in the source; read as continuing the merged cell of item {item}"), column="公开主体", item=13).localized("zh")
        '来源中公开主体为空；视为延续第 13 项的合并单元格'
        """
        return cls(message, tuple(params.items()))

    @classmethod
    def plain(cls, text: str) -> Note:
        """Text kept as written, the same in every language.

        >>> from zfgk.model import Note
        >>> Note.plain("checked by hand {sic}").localized("zh")
        'checked by hand {sic}'
        """
        return cls(text, (), verbatim=True)

    @property
    def text(self) -> str:
        """The note in English.

        >>> from zfgk.model import Note
        >>> Note.plain("a note").text
        'a note'
        """
        return self.localized("en")

    @deprecated_arguments(renamed={"language": "lang"})
    def localized(self, lang: str) -> str:
        """The note in ``lang`` (``zh`` or ``en``); the source's words stay as they are.

        >>> import zfgk
        >>> note = zfgk.load("chongqing").notes[1]
        >>> note.localized("en")
        '公开主体 is kept as the one phrase the source writes (市、区县人民政府住房保障行政主管部门).'
        >>> note.localized("zh")
        '公开主体按来源原文保留为一个短语（市、区县人民政府住房保障行政主管部门）。'
        """
        if self.verbatim:
            return self.message
        values = {
            name: value.localized(lang) if isinstance(value, Note) else value
            for name, value in self.params
        }
        return translate(self.message, lang).format(**values)

    def __str__(self) -> str:
        return self.text

    def to_json(self) -> Any:
        """The note as the catalogue format writes it: a string when verbatim, else an object.

        >>> from zfgk.model import Note
        >>> Note.plain("as written").to_json()
        'as written'
        >>> Note.of("{column} is blank", column="公开主体").to_json()
        {'message': '{column} is blank', 'params': {'column': '公开主体'}}
        """
        if self.verbatim:
            return self.message
        data: dict[str, Any] = {"message": self.message}
        if self.params:
            data["params"] = {
                name: value.to_json() if isinstance(value, Note) else value
                for name, value in self.params
            }
        return data

    @classmethod
    def from_json(cls, data: Any) -> Note:
        """The note a catalogue file holds (:meth:`to_json`'s form); ``TypeError`` if it is none.

        >>> from zfgk.model import Note
        >>> Note.from_json({"message": "{column} is blank", "params": {"column": "公开主体"}}).text
        '公开主体 is blank'
        >>> try:
        ...     Note.from_json({"message": "{column} is blank", "params": {"item": 3}})
        ... except TypeError as e:
        ...     print(e)
        its params give no value for {column}
        """
        if isinstance(data, str):
            return cls.plain(data)
        if (
            not isinstance(data, dict)
            or not isinstance(data.get("message"), str)
            or not set(data) <= {"message", "params"}
            or not isinstance(data.get("params", {}), dict)
        ):
            raise _NotANote(
                N_(
                    'a note is a string, or an object with a "message" (a template) and the '
                    '"params" that fill it'
                )
            )
        params: list[tuple[str, NoteValue]] = []
        for name, value in data.get("params", {}).items():
            if isinstance(value, dict):
                params.append((name, cls.from_json(value)))
            elif isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
                params.append((name, value))
            else:
                raise _NotANote(
                    N_("the value of {name!r} is not a string, a number or a note"), name=name
                )
        reason = _unfilled(data["message"], tuple(params))
        if reason is not None:
            raise _NotANote(reason.template, **reason.params)
        return cls(data["message"], tuple(params))
