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

import functools
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
    Note,
    PersonalKind,
    Source,
    SourceCell,
    TimeLimit,
    set_default_calendar,
    set_provisional_counter,
)
from zfgk.urls import display_url, is_government_url, normalize_url

if TYPE_CHECKING:  # pragma: no cover - imported on first use, see __getattr__
    from datetime import date

    from zfgk.compare import CatalogueDiff, diff
    from zfgk.files import (
        FileCheck,
        FileMask,
        FileScan,
        Finding,
        Verdict,
        check_file,
        mask_file,
        scan_file,
    )
    from zfgk.guess import ItemGuess, guess_item
    from zfgk.privacy import (
        IdKind,
        IdNumber,
        PiiMatch,
        Sex,
        find_pii,
        is_valid_id,
        mask_id,
        mask_name,
        mask_phone,
        mask_record,
        mask_records,
        parse_id,
        redact,
        upgrade_id,
    )
    from zfgk.problems import Problem, ProblemCode, Report
    from zfgk.validation import Validator, validate, validate_many
    from zfgk.workdays import (
        Deadline,
        WorkdayCalendar,
        amendment_request_deadline,
        deadline,
        default_calendar,
        is_workday,
        parse_date,
        provisional_deadline,
        request_deadline,
        third_party_deadline,
        working_days_between,
    )

# The rooms that lookup does not need are imported on first use, so that
# ``import zfgk; zfgk.load(...)`` stays cheap. Their names are listed once, in
# the ``TYPE_CHECKING`` block above (which gives type checkers their types);
# the first lookup of such a name reads that block to know its module.


@functools.cache
def _lazy_names() -> dict[str, str]:
    """Each name imported under ``TYPE_CHECKING`` above, with the module it comes from."""
    import ast
    from importlib.resources import files

    tree = ast.parse(files(__name__).joinpath("__init__.py").read_text(encoding="utf-8"))
    block = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name)
        if node.test.id == "TYPE_CHECKING"
    )
    return {
        alias.asname or alias.name: statement.module
        for statement in block.body
        if isinstance(statement, ast.ImportFrom) and statement.module
        if statement.module.startswith("zfgk.")
        for alias in statement.names
    }


def __getattr__(name: str) -> Any:
    module = _lazy_names().get(name) if not name.startswith("__") else None
    if module is None:
        raise AttributeError(f"module 'zfgk' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_lazy_names()))


def _default_calendar() -> Calendar:
    from zfgk.workdays import default_calendar

    return default_calendar()


set_default_calendar(_default_calendar)


def _provisional_deadline(start: date, days: int, calendar: Calendar | None) -> Deadline:
    from zfgk.workdays import WorkdayCalendar, provisional_deadline

    if calendar is not None and not isinstance(calendar, WorkdayCalendar):
        raise TypeError(f"calendar must be a zfgk.WorkdayCalendar, not {type(calendar).__name__}")
    return provisional_deadline(start, days, calendar=calendar)


set_provisional_counter(_provisional_deadline)

__version__ = "0.3.0.dev0"

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
    "FileCheck",
    "FileMask",
    "FileScan",
    "Finding",
    "HolidayFileError",
    "IdKind",
    "IdNumber",
    "Inference",
    "InvalidArgumentError",
    "InvalidIdError",
    "InvalidUrlError",
    "Item",
    "ItemGuess",
    "Level",
    "Mode",
    "Note",
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
    "Verdict",
    "WorkdayCalendar",
    "ZfgkError",
    "__version__",
    "amendment_request_deadline",
    "audit",
    "catalogue_names",
    "check_file",
    "deadline",
    "default_calendar",
    "diff",
    "display_url",
    "find_pii",
    "guess_item",
    "is_government_url",
    "is_valid_id",
    "is_workday",
    "load",
    "load_file",
    "mask_file",
    "mask_id",
    "mask_name",
    "mask_phone",
    "mask_record",
    "mask_records",
    "normalize_url",
    "parse_date",
    "parse_id",
    "provisional_deadline",
    "redact",
    "request_deadline",
    "scan_file",
    "third_party_deadline",
    "upgrade_id",
    "validate",
    "validate_many",
    "working_days_between",
]
