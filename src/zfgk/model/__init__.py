"""The data model: catalogues, items, content elements and their fields.

Every class is a frozen, slotted attrs class; collections are tuples and
frozensets.  Closed sets of labels are enums whose values are the labels the
source documents print, so a label read from a spreadsheet converts directly:

>>> from zfgk import Channel, Audience
>>> Channel("政府网站")
<Channel.GOVERNMENT_WEBSITE: '政府网站'>
>>> Channel.GOVERNMENT_WEBSITE.value
'政府网站'
>>> Audience("特定群体").name
'SPECIFIC_GROUPS'

Where the source leaves a value unknown the model says so with ``None``
rather than guessing, and every value zfgk inferred instead of reading it
off the source is listed in :attr:`Item.inferred`.

The model counts an item's deadline with :mod:`zfgk.workdays`, the room
below it, imported on the first count: it holds no calendar of its own.
"""

from typing import Any

from zfgk._deprecated import warn_deprecated
from zfgk.model._catalogue import Catalogue, close_matches, number_ranges
from zfgk.model._item import COLUMNS, Item
from zfgk.model._json_schema import item_schema
from zfgk.model._labels import (
    LABEL_SEPARATORS,
    Audience,
    Channel,
    LabelKind,
    Level,
    Mode,
    PersonalKind,
    parse_label,
    parse_labels,
)
from zfgk.model._note import Note, NoteValue
from zfgk.model._parts import (
    Calendar,
    Element,
    Field,
    Inference,
    Source,
    SourceCell,
    TimeLimit,
    normalize_text,
)

__all__ = [
    "COLUMNS",
    "LABEL_SEPARATORS",
    "Audience",
    "Calendar",
    "Catalogue",
    "Channel",
    "Element",
    "Field",
    "Inference",
    "Item",
    "LabelKind",
    "Level",
    "Mode",
    "Note",
    "NoteValue",
    "PersonalKind",
    "Source",
    "SourceCell",
    "TimeLimit",
    "close_matches",
    "item_schema",
    "normalize_text",
    "number_ranges",
    "parse_label",
    "parse_labels",
]


def __getattr__(name: str) -> Any:
    if name == "ProvisionalDate":  # a protocol of zfgk.Deadline while model could not import it
        warn_deprecated("zfgk.model.ProvisionalDate", "zfgk.Deadline")
        from zfgk.workdays import Deadline

        return Deadline
    raise AttributeError(f"module 'zfgk.model' has no attribute {name!r}")
