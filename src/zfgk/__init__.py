"""zfgk: the affordable-housing disclosure catalogues (保障性住房领域政务公开标准目录) in code.

>>> import zfgk
>>> cat = zfgk.load("chongqing")
>>> item = cat.item(19)
>>> item.name, [f.name for f in item.fields][:2]
('分配结果', ['保障对象姓名', '保障性住房类型'])

Importing zfgk reads no data: a catalogue is parsed on its first
:func:`load`, and cached.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from zfgk.catalogues import catalogue_names, load, load_file
from zfgk.errors import (
    AmbiguousItemError,
    CalendarCoverageError,
    CatalogueError,
    DeadlineUnknownError,
    HolidayFileError,
    InvalidArgumentError,
    InvalidIdError,
    InvalidUrlError,
    PrivacyError,
    ScheduleNotPublishedError,
    UnknownCatalogueError,
    UnknownItemError,
    ZfgkError,
)
from zfgk.model import (
    Audience,
    Calendar,
    Catalogue,
    Channel,
    Element,
    Field,
    Inference,
    Item,
    Level,
    Mode,
    Note,
    PersonalKind,
    Source,
    SourceCell,
    TimeLimit,
)

# The rooms that lookup does not need are imported on first use, so that
# ``import zfgk; zfgk.load(...)`` stays cheap.  _LAZY lists each such name once,
# with its module: adding one is a line there, and its import below for type
# checkers (``name as name``: an explicit re-export); tests/test_api_names.py
# holds the two lists, __all__ and dir() to each other.  A name whose module is
# zfgk itself is a subpackage (``zfgk.audit``).
_LAZY: dict[str, str] = {
    "audit": "zfgk",
    "Publication": "zfgk.audit",
    "audit_publication": "zfgk.audit",
    "CatalogueDiff": "zfgk.compare",
    "diff": "zfgk.compare",
    "IdKind": "zfgk.privacy",
    "IdNumber": "zfgk.privacy",
    "PiiMatch": "zfgk.privacy",
    "Sex": "zfgk.privacy",
    "find_pii": "zfgk.privacy",
    "is_valid_id": "zfgk.privacy",
    "mask_id": "zfgk.privacy",
    "mask_name": "zfgk.privacy",
    "mask_phone": "zfgk.privacy",
    "mask_record": "zfgk.privacy",
    "mask_records": "zfgk.privacy",
    "parse_id": "zfgk.privacy",
    "redact": "zfgk.privacy",
    "upgrade_id": "zfgk.privacy",
    "Problem": "zfgk.problems",
    "ProblemCode": "zfgk.problems",
    "Report": "zfgk.problems",
    "FileCheck": "zfgk.files",
    "FileMask": "zfgk.files",
    "FileScan": "zfgk.files",
    "Finding": "zfgk.files",
    "Verdict": "zfgk.files",
    "check_file": "zfgk.files",
    "mask_file": "zfgk.files",
    "scan_file": "zfgk.files",
    "ItemGuess": "zfgk.guess",
    "guess_item": "zfgk.guess",
    "Validator": "zfgk.validation",
    "validate": "zfgk.validation",
    "validate_many": "zfgk.validation",
    "Deadline": "zfgk.workdays",
    "WorkdayCalendar": "zfgk.workdays",
    "amendment_request_deadline": "zfgk.workdays",
    "deadline": "zfgk.workdays",
    "default_calendar": "zfgk.workdays",
    "is_workday": "zfgk.workdays",
    "parse_date": "zfgk.workdays",
    "provisional_deadline": "zfgk.workdays",
    "provisional_request_deadline": "zfgk.workdays",
    "request_deadline": "zfgk.workdays",
    "third_party_deadline": "zfgk.workdays",
    "working_days_between": "zfgk.workdays",
    "display_url": "zfgk.urls",
    "is_government_url": "zfgk.urls",
    "normalize_url": "zfgk.urls",
}

if TYPE_CHECKING:  # pragma: no cover - imported on first use, see _LAZY and __getattr__
    from zfgk import audit as audit
    from zfgk.audit import Publication as Publication
    from zfgk.audit import audit_publication as audit_publication
    from zfgk.compare import CatalogueDiff as CatalogueDiff
    from zfgk.compare import diff as diff
    from zfgk.files import FileCheck as FileCheck
    from zfgk.files import FileMask as FileMask
    from zfgk.files import FileScan as FileScan
    from zfgk.files import Finding as Finding
    from zfgk.files import Verdict as Verdict
    from zfgk.files import check_file as check_file
    from zfgk.files import mask_file as mask_file
    from zfgk.files import scan_file as scan_file
    from zfgk.guess import ItemGuess as ItemGuess
    from zfgk.guess import guess_item as guess_item
    from zfgk.privacy import IdKind as IdKind
    from zfgk.privacy import IdNumber as IdNumber
    from zfgk.privacy import PiiMatch as PiiMatch
    from zfgk.privacy import Sex as Sex
    from zfgk.privacy import find_pii as find_pii
    from zfgk.privacy import is_valid_id as is_valid_id
    from zfgk.privacy import mask_id as mask_id
    from zfgk.privacy import mask_name as mask_name
    from zfgk.privacy import mask_phone as mask_phone
    from zfgk.privacy import mask_record as mask_record
    from zfgk.privacy import mask_records as mask_records
    from zfgk.privacy import parse_id as parse_id
    from zfgk.privacy import redact as redact
    from zfgk.privacy import upgrade_id as upgrade_id
    from zfgk.problems import Problem as Problem
    from zfgk.problems import ProblemCode as ProblemCode
    from zfgk.problems import Report as Report
    from zfgk.urls import display_url as display_url
    from zfgk.urls import is_government_url as is_government_url
    from zfgk.urls import normalize_url as normalize_url
    from zfgk.validation import Validator as Validator
    from zfgk.validation import validate as validate
    from zfgk.validation import validate_many as validate_many
    from zfgk.workdays import Deadline as Deadline
    from zfgk.workdays import WorkdayCalendar as WorkdayCalendar
    from zfgk.workdays import amendment_request_deadline as amendment_request_deadline
    from zfgk.workdays import deadline as deadline
    from zfgk.workdays import default_calendar as default_calendar
    from zfgk.workdays import is_workday as is_workday
    from zfgk.workdays import parse_date as parse_date
    from zfgk.workdays import provisional_deadline as provisional_deadline
    from zfgk.workdays import provisional_request_deadline as provisional_request_deadline
    from zfgk.workdays import request_deadline as request_deadline
    from zfgk.workdays import third_party_deadline as third_party_deadline
    from zfgk.workdays import working_days_between as working_days_between


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'zfgk' has no attribute {name!r}")
    import importlib

    if module == __name__:  # a subpackage
        value = importlib.import_module(f"{__name__}.{name}")
    else:
        value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


from zfgk._version import __version__  # noqa: E402

#: The public names: those imported above, then those of _LAZY.  ``audit`` (there) is
#: the package zfgk.audit, listed until 0.4 because ``from zfgk import *`` gave the
#: function of that name (now ``audit_publication``; calling the package warns).
__all__ = [
    "AmbiguousItemError",
    "Audience",
    "Calendar",
    "CalendarCoverageError",
    "Catalogue",
    "CatalogueError",
    "Channel",
    "DeadlineUnknownError",
    "Element",
    "Field",
    "HolidayFileError",
    "Inference",
    "InvalidArgumentError",
    "InvalidIdError",
    "InvalidUrlError",
    "Item",
    "Level",
    "Mode",
    "Note",
    "PersonalKind",
    "PrivacyError",
    "ScheduleNotPublishedError",
    "Source",
    "SourceCell",
    "TimeLimit",
    "UnknownCatalogueError",
    "UnknownItemError",
    "ZfgkError",
    "__version__",
    "catalogue_names",
    "load",
    "load_file",
]
__all__.extend(_LAZY)  # type checkers see these by their imports under TYPE_CHECKING
