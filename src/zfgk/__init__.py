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

from zfgk.audit import Publication, audit
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
    PersonalKind,
    Source,
    SourceCell,
    TimeLimit,
    set_default_calendar,
)
from zfgk.urls import display_url, is_government_url, normalize_url

if TYPE_CHECKING:  # pragma: no cover - imported on first use, see __getattr__
    from zfgk.compare import CatalogueDiff, diff
    from zfgk.privacy import (
        IdNumber,
        PiiMatch,
        Sex,
        find_pii,
        is_valid_id,
        mask_id,
        mask_name,
        mask_phone,
        parse_id,
        redact,
        upgrade_id,
    )
    from zfgk.problems import Problem, ProblemCode, Report
    from zfgk.scanning import FileScan, scan_file
    from zfgk.validation import Validator, validate, validate_many
    from zfgk.workdays import (
        Deadline,
        WorkdayCalendar,
        deadline,
        default_calendar,
        is_workday,
        provisional_deadline,
        request_deadline,
        working_days_between,
    )

# The modules that lookup does not need are imported on first use, so that
# ``import zfgk; zfgk.load(...)`` stays cheap.
_LAZY = {
    "zfgk.compare": ("CatalogueDiff", "diff"),
    "zfgk.privacy": (
        "IdNumber",
        "PiiMatch",
        "Sex",
        "find_pii",
        "is_valid_id",
        "mask_id",
        "mask_name",
        "mask_phone",
        "parse_id",
        "redact",
        "upgrade_id",
    ),
    "zfgk.problems": ("Problem", "ProblemCode", "Report"),
    "zfgk.scanning": ("FileScan", "scan_file"),
    "zfgk.validation": ("Validator", "validate", "validate_many"),
    "zfgk.workdays": (
        "Deadline",
        "WorkdayCalendar",
        "deadline",
        "default_calendar",
        "is_workday",
        "provisional_deadline",
        "request_deadline",
        "working_days_between",
    ),
}
_LAZY_NAMES = {name: module for module, names in _LAZY.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _LAZY_NAMES.get(name)
    if module is None:
        raise AttributeError(f"module 'zfgk' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY_NAMES))


def _default_calendar() -> Calendar:
    from zfgk.workdays import default_calendar

    return default_calendar()


set_default_calendar(_default_calendar)

__version__ = "0.1.0"

__all__ = [
    "AmbiguousItemError",
    "Audience",
    "Calendar",
    "CalendarCoverageError",
    "Catalogue",
    "CatalogueDiff",
    "CatalogueError",
    "Channel",
    "Deadline",
    "DeadlineUnknownError",
    "Element",
    "Field",
    "FileScan",
    "HolidayFileError",
    "IdNumber",
    "Inference",
    "InvalidArgumentError",
    "InvalidIdError",
    "InvalidUrlError",
    "Item",
    "Level",
    "Mode",
    "PersonalKind",
    "PiiMatch",
    "PrivacyError",
    "Problem",
    "ProblemCode",
    "Publication",
    "Report",
    "ScheduleNotPublishedError",
    "Sex",
    "Source",
    "SourceCell",
    "TimeLimit",
    "UnknownCatalogueError",
    "UnknownItemError",
    "Validator",
    "WorkdayCalendar",
    "ZfgkError",
    "__version__",
    "audit",
    "catalogue_names",
    "deadline",
    "default_calendar",
    "diff",
    "display_url",
    "find_pii",
    "is_government_url",
    "is_valid_id",
    "is_workday",
    "load",
    "load_file",
    "mask_id",
    "mask_name",
    "mask_phone",
    "normalize_url",
    "parse_id",
    "provisional_deadline",
    "redact",
    "request_deadline",
    "scan_file",
    "upgrade_id",
    "validate",
    "validate_many",
    "working_days_between",
]
