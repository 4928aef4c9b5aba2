"""The session-wide agreement checks that tests/conftest.py runs around every test.

:func:`agreeing_validators`: every generated check of validation also runs the
general code (tests/test_compiled_validation.py draws the rest).
:func:`agreeing_maskers`: whenever mask_record's quick test says a record needs
no masking, masking it by its plan gives back every value as it is
(tests/test_compiled_masking.py).  Nothing here needs hypothesis, so sessions
that install only a few test dependencies (dask, ocr) keep both checks.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from zfgk.privacy import _mask_record
from zfgk.privacy._mask_record import _RecordMasker
from zfgk.validation import HeaderChecker, Validator

_MASK_PLAN = _RecordMasker._plan


def _outcome(call: Callable[..., Any], *args: Any) -> tuple[str, Any]:
    """What ``call(*args)`` gives: ("report", its report), or the error's type and text."""
    try:
        return "report", call(*args)
    except Exception as e:  # the same error, said the same way
        return type(e).__name__, str(e)


@contextlib.contextmanager
def agreeing_validators() -> Iterator[list[str]]:
    """Within: every generated check also runs the general code, and any difference is listed
    (and raised where it happens).  Checks kept from before are dropped on entry."""
    disagreements: list[str] = []
    plan = Validator._plan
    header_init = HeaderChecker.__init__

    def compare(where: str, generated: Callable[[], Any], general: Callable[[], Any]) -> Any:
        expected, got = _outcome(general), _outcome(generated)
        if got != expected:
            disagreements.append(f"{where}: generated {got!r}, general {expected!r}")
            raise AssertionError(disagreements[-1])
        if got[0] != "report":
            generated()  # raises it again, from the generated code
        return got[1]

    def checked_plan(
        self: Validator, keys: tuple[object, ...], *, at_once: bool = False
    ) -> Callable[..., Any]:
        check = plan(self, keys, at_once=at_once)
        if check == self._general:
            return check  # the general code itself (the keys met for the first time)

        def both(record: dict[Any, Any]) -> Any:
            return compare(
                f"item {self.item.number}, keys {keys!r}",
                lambda: check(record),
                lambda: self._general(record),
            )

        self._plans[keys] = both
        return both

    def checked_header(self: HeaderChecker, validator: Validator, header: Any) -> None:
        header_init(self, validator, header)
        check = self._check

        def both(values: Any) -> Any:
            return compare(
                f"item {validator.item.number}, header {self.header!r}",
                lambda: check(values),
                lambda: self._general(values),
            )

        self._check = both

    from zfgk import validation

    validation._cache.clear()
    Validator._plan = checked_plan  # type: ignore[method-assign]
    HeaderChecker.__init__ = checked_header  # type: ignore[method-assign]
    try:
        yield disagreements
    finally:
        Validator._plan = plan  # type: ignore[method-assign]
        HeaderChecker.__init__ = header_init  # type: ignore[method-assign]
        validation._cache.clear()


def _same_values(record: dict[Any, Any], masked: dict[Any, Any]) -> bool:
    return list(record) == list(masked) and all(
        a is b for a, b in zip(record.values(), masked.values(), strict=True)
    )


def _general(masker: _RecordMasker, record: dict[Any, Any]) -> tuple[str, Any]:
    try:
        return "masked", masker._masked(record, _MASK_PLAN(masker, tuple(record))[0])
    except Exception as e:
        return type(e).__name__, str(e)


def _vouches(masker: _RecordMasker, record: dict[Any, Any]) -> bool:
    return _MASK_PLAN(masker, tuple(record))[1](record)


@contextlib.contextmanager
def agreeing_maskers() -> Iterator[list[str]]:
    """Within: whenever the quick test says a record needs no masking, masking it by its plan
    must give back every value as it is; any difference is listed (and raised)."""
    disagreements: list[str] = []

    def checked_plan(self: _RecordMasker, keys: tuple[object, ...]) -> Any:
        plan, test = _MASK_PLAN(self, keys)

        def both(record: dict[Any, Any]) -> bool:
            unchanged = test(record)
            if unchanged:
                outcome = _general(self, record)
                if outcome[0] != "masked" or not _same_values(record, outcome[1]):
                    disagreements.append(f"item {self.item.number}, keys {keys!r}: {outcome[0]}")
                    raise AssertionError(disagreements[-1])
            return unchanged

        self._plans[keys] = (plan, both)
        return plan, both

    _mask_record._maskers.clear()
    _mask_record._usual.clear()
    _RecordMasker._plan = checked_plan  # type: ignore[method-assign]
    try:
        yield disagreements
    finally:
        _RecordMasker._plan = _MASK_PLAN  # type: ignore[method-assign]
        _mask_record._maskers.clear()
        _mask_record._usual.clear()
