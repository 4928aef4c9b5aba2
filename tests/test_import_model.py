"""The model's classes after the changes made for import time: the same attrs classes.

The model's classes write their reprs with one shared function
(:func:`zfgk.model._repr.attrs_repr`) where attrs would compile one per
class at import.  The independent answer is attrs itself: a twin of each
class, made by attrs with the same fields and its own generated
``__repr__``, writes the same text for every object of both packaged
catalogues.  The classes stay frozen, slotted attrs classes that pickle,
compare and hash as before.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from typing import Any

import attrs
import pytest

import zfgk
from zfgk.model import (
    Catalogue,
    Element,
    Field,
    Inference,
    Item,
    Note,
    PersonalKind,
    Source,
    SourceCell,
    TimeLimit,
)
from zfgk.model._repr import attrs_repr

CLASSES: tuple[type[Any], ...] = (
    Item,
    Element,
    Field,
    TimeLimit,
    Inference,
    SourceCell,
    Source,
    Note,
)


def attrs_twin(cls: type[Any]) -> type[Any]:
    """``cls`` as attrs makes it: the same fields, attrs' own generated ``__repr__``."""
    these = {
        a.name: attrs.field(repr=a.repr, init=a.init, eq=a.eq, hash=a.hash, alias=a.alias)
        for a in attrs.fields(cls)
    }
    twin: type[Any] = attrs.make_class(cls.__name__, these, frozen=True, slots=True)
    assert "__repr__" in vars(twin)
    assert vars(twin)["__repr__"] is not attrs_repr
    return twin


TWINS = {cls: attrs_twin(cls) for cls in CLASSES}


def as_twin(value: Any) -> Any:
    """The same object, made of the twins of its class and of the classes it holds."""
    twin = TWINS.get(type(value))
    if twin is not None:
        copy = object.__new__(twin)
        for a in attrs.fields(type(value)):
            object.__setattr__(copy, a.name, as_twin(getattr(value, a.name)))
        return copy
    if isinstance(value, tuple):
        return tuple(as_twin(v) for v in value)
    return value  # str, int, bool, None, enum members, frozensets of members


def objects(value: Any) -> Iterator[Any]:
    """Every model object in ``value``, ``value`` first."""
    if attrs.has(type(value)):
        yield value
        for a in attrs.fields(type(value)):
            if a.init:
                yield from objects(getattr(value, a.name))
    elif isinstance(value, tuple):
        for v in value:
            yield from objects(v)


@pytest.mark.parametrize("cls", CLASSES)
def test_every_class_is_an_attrs_class_with_the_shared_repr(cls: type[Any]) -> None:
    assert attrs.has(cls)
    assert vars(cls)["__repr__"] is attrs_repr
    assert "__slots__" in vars(cls)
    params = attrs.fields(cls)  # still there, with their names
    assert params


@pytest.mark.parametrize("name", zfgk.catalogue_names())
def test_reprs_are_attrs_reprs(name: str) -> None:
    catalogue = zfgk.load(name)
    seen: set[type[Any]] = set()
    count = 0
    for obj in objects(catalogue):
        if type(obj) is Catalogue:
            continue  # its own repr, written by hand (see its doctest)
        assert repr(obj) == repr(as_twin(obj))
        seen.add(type(obj))
        count += 1
    assert count > 500
    expected = set(CLASSES) if name == "shanyin" else set(CLASSES) - {Inference}
    assert seen == expected


def test_reprs_by_hand() -> None:
    """What attrs writes, read off its documentation's form: ``Class(field=value, ...)``."""
    assert repr(SourceCell("二级事项", "分配\n结果")) == (
        "SourceCell(column='二级事项', text='分配\\n结果')"
    )
    assert repr(Field("身份证号", PersonalKind.ID_NUMBER, masked=True)) == (
        "Field(name='身份证号', personal=<PersonalKind.ID_NUMBER: 'id_number'>, masked=True)"
    )
    assert repr(Note.of("{column} is blank", column="公开主体")) == (
        "Note(message='{column} is blank', params=(('column', '公开主体'),), verbatim=False)"
    )
    item = zfgk.load("shanyin").item(15)
    assert "inferred" not in repr(item)  # the fields attrs is told not to show
    assert "source_line" not in repr(item)
    assert "source_cells" not in repr(item)


@attrs.frozen
class _Holder:
    """A class outside the model with the shared repr: a field shown by its own function,
    a field not shown, and a value that holds the object itself."""

    __repr__ = attrs_repr

    shown: str = attrs.field(repr=lambda value: f"<{len(value)} chars>")
    hidden: str = attrs.field(default="", repr=False)
    inside: list[Any] = attrs.field(factory=list)


def test_repr_functions_hidden_fields_and_recursion_as_attrs_writes_them() -> None:
    holder = _Holder("秘密", "x")
    holder.inside.append(holder)
    twin = attrs_twin(_Holder)("秘密", "x", [])
    twin.inside.append(twin)
    assert repr(holder) == "_Holder(shown=<2 chars>, inside=[...])"
    assert repr(twin).replace("_Holder(", "", 1) == repr(holder).replace("_Holder(", "", 1)


@pytest.mark.parametrize("name", zfgk.catalogue_names())
def test_pickle_equality_and_hashing_unchanged(name: str) -> None:
    catalogue = zfgk.load(name)
    copy = pickle.loads(pickle.dumps(catalogue))
    assert copy == catalogue
    assert copy is not catalogue
    assert hash(copy) == hash(catalogue)
    assert copy.item(19) == catalogue.item(19)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        copy.item(19).name = "x"
    changed = attrs.evolve(catalogue.item(19), name="x")
    assert changed != catalogue.item(19)
    assert hash(attrs.evolve(changed, name=catalogue.item(19).name)) == hash(catalogue.item(19))
