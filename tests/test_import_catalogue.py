"""The packaged catalogues built without cattrs are the catalogues cattrs builds.

``zfgk.load(name)`` builds a packaged catalogue with a constructor written
for the format (:func:`zfgk._catalogue_json.packaged`), so that a first
lookup need not import cattrs.  The second implementation these tests hold
it to is cattrs' conversion of the same JSON, as ``zfgk.load_file`` does it
for every other file: the whole catalogue, value by value and type by type,
and on every body the constructor does not vouch for (it must leave those
to cattrs, never accept what cattrs refuses or build something else).
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import zfgk
from zfgk import _catalogue_json, catalogues
from zfgk.errors import CatalogueError
from zfgk.model import (
    Catalogue,
    Element,
    Field,
    Inference,
    Item,
    Note,
    Source,
    SourceCell,
    TimeLimit,
)

DATA = Path(catalogues.__file__).resolve().parent / "data"


def body_of(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / f"{name}.json").read_bytes())
    return data


def by_cattrs(body: dict[str, Any]) -> Catalogue:
    """Today's conversion of a body, as ``from_dict`` does it (the format key aside)."""
    rest = {k: v for k, v in body.items() if k != "format"}
    catalogue: Catalogue = _catalogue_json.converter().structure(rest, Catalogue)
    return catalogue


def assert_same(a: object, b: object, where: str = "$") -> None:
    """``a`` and ``b`` are equal and of the same type at every node, attrs fields included."""
    assert type(a) is type(b), where
    if attrs.has(type(a)):
        cls: Any = type(a)
        for field in attrs.fields(cls):
            assert_same(getattr(a, field.name), getattr(b, field.name), f"{where}.{field.name}")
    elif isinstance(a, tuple):
        assert isinstance(b, tuple)
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            assert_same(x, y, f"{where}[{i}]")
    elif isinstance(a, frozenset):
        assert isinstance(b, frozenset)
        assert a == b, where
        assert {type(x) for x in a} == {type(y) for y in b}, where
    elif isinstance(a, dict):  # Catalogue._by_number
        assert isinstance(b, dict)
        assert list(a) == list(b), where
        for key in a:
            assert_same(a[key], b[key], f"{where}[{key!r}]")
    else:
        assert a == b, where


@pytest.mark.parametrize("name", zfgk.catalogue_names())
def test_packaged_catalogue_is_cattrs_catalogue(name: str) -> None:
    body = body_of(name)
    fast = _catalogue_json.packaged(body)
    slow = by_cattrs(body)
    assert fast == slow
    assert hash(fast) == hash(slow)
    assert repr(fast) == repr(slow)
    assert [repr(i) for i in fast] == [repr(i) for i in slow]
    assert_same(fast, slow)
    assert catalogues.to_dict(fast) == body  # and it writes back the file it was read from


@pytest.mark.parametrize("name", zfgk.catalogue_names())
def test_load_is_the_packaged_constructor(name: str) -> None:
    loaded = zfgk.load(name)
    assert_same(loaded, by_cattrs(body_of(name)))
    assert_same(loaded, catalogues.from_dict(body_of(name)))


@pytest.mark.parametrize(
    ("cls", "keys"),
    [
        (Catalogue, _catalogue_json.CATALOGUE_KEYS),
        (Source, _catalogue_json.SOURCE_KEYS),
        (Item, _catalogue_json.ITEM_KEYS),
        (Element, _catalogue_json.ELEMENT_KEYS),
        (Field, _catalogue_json.FIELD_KEYS),
        (TimeLimit, _catalogue_json.TIME_LIMIT_KEYS),
        (Inference, _catalogue_json.INFERENCE_KEYS),
        (SourceCell, _catalogue_json.SOURCE_CELL_KEYS),
    ],
)
def test_constructor_knows_every_field(cls: type, keys: frozenset[str]) -> None:
    """A field added to the model is a field the constructor must read (or this fails)."""
    assert keys == {f.name for f in attrs.fields(cls) if f.init}


def test_note_is_read_by_its_own_reader() -> None:
    assert {f.name for f in attrs.fields(Note)} == {"message", "params", "verbatim"}


# ---------------------------------------------------------------- bodies it does not vouch for


def small_body() -> dict[str, Any]:
    """Both catalogues' kinds of item in one body: a Chongqing item, a Shanyin one with
    inferences, optional (○) elements and notes, and the catalogue's notes."""
    body = body_of("shanyin")
    chongqing = body_of("chongqing")
    shanyin_items = [i for i in body["items"] if i.get("inferred")]
    first = chongqing["items"][18]
    first["number"] = 1
    body["items"] = [first, shanyin_items[0]]
    return body


def paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every value in a JSON value, itself first."""
    yield path
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from paths(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from paths(inner, (*path, index))


def at(body: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        body = body[step]
    return body


def mutations(value: Any) -> Iterator[tuple[str, Callable[[Any], Any]]]:
    """What a person or another program may write in place of ``value``."""
    yield "null", lambda _: None
    yield "text", lambda _: "3"
    yield "number", lambda _: 3
    yield "float", lambda v: float(v) if type(v) is int else 3.5
    yield "bool", lambda _: True
    yield "list", lambda v: [v]
    yield "object", lambda v: {"value": v}
    if isinstance(value, dict):
        yield "extra key", lambda v: {**v, "extra": 1}
        for key in value:
            yield f"no {key}", _without(key)
    if isinstance(value, list):
        yield "empty", lambda _: []
        yield "tuple-like", lambda v: [*v, *v]
    if isinstance(value, str):
        yield "boxed", lambda v: f" ■{v} "
        yield "other label", lambda _: "微博"


def _without(key: str) -> Callable[[Any], Any]:
    return lambda v: {k: x for k, x in v.items() if k != key}


def outcome(build: Callable[[Any], Catalogue], body: Any) -> Catalogue | None:
    try:
        return build(body)
    except Exception:  # whatever cattrs raises: the file is refused
        return None


def test_constructor_never_differs_from_cattrs() -> None:
    """Every value of a body replaced by every other kind of value: the constructor builds
    what cattrs builds, or leaves the body to cattrs (it raises Irregular); it never builds
    a catalogue cattrs refuses."""
    base = small_body()
    cases = 0
    fast_built = 0
    for path in paths(base):
        if path[-1:] == ("format",):
            continue
        for label, mutate in mutations(at(base, path)):
            body = copy.deepcopy(base)
            if path:
                parent = at(body, path[:-1])
                parent[path[-1]] = mutate(parent[path[-1]])
            else:
                body = mutate(body)
            cases += 1
            try:
                fast = _catalogue_json.packaged(body)
            except _catalogue_json.Irregular:
                continue
            fast_built += 1
            slow = outcome(by_cattrs, body)
            assert slow is not None, (path, label)
            assert_same(fast, slow, f"{path} {label}")
    assert cases > 1000
    assert fast_built > 50  # the labels with boxes, lists made empty or longer...


def test_other_formats_are_left_to_cattrs() -> None:
    body = body_of("shanyin")
    for fmt in ("zfgk.catalogue/1", "zfgk.catalogue/3", None):
        with pytest.raises(_catalogue_json.Irregular):
            _catalogue_json.packaged({**body, "format": fmt})
    with pytest.raises(_catalogue_json.Irregular):
        _catalogue_json.packaged([body])


def test_a_broken_packaged_file_says_what_cattrs_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A packaged file the constructor refuses is converted by cattrs, with its errors."""
    body = body_of("shanyin")
    body["items"][0]["elements"][0]["fields"][0]["masked"] = "yes"
    body["items"][1]["channels"] = ["微博"]
    (tmp_path / "shanyin.json").write_text(json.dumps(body, ensure_ascii=False), "utf-8")
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps(body, ensure_ascii=False), "utf-8")
    with pytest.raises(CatalogueError) as expected:
        zfgk.load_file(mine)
    monkeypatch.setattr(catalogues, "_DATA_DIR", tmp_path)
    monkeypatch.setattr(catalogues, "_cache", {})
    with pytest.raises(CatalogueError) as raised:
        zfgk.load("shanyin")
    assert str(raised.value) == str(expected.value).replace(str(mine), "zfgk/data/shanyin.json")
    assert "$.items[1].channels[0]: unknown channel label '微博'" in str(raised.value)


def test_a_lenient_packaged_file_is_converted_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What cattrs accepts and the constructor leaves to it loads as it did: here a number
    written as text, and a byte-order mark."""
    body = body_of("shanyin")
    body["total"] = "43"
    text = "\ufeff" + json.dumps(body, ensure_ascii=False)
    (tmp_path / "shanyin.json").write_text(text, "utf-8")
    monkeypatch.setattr(catalogues, "_DATA_DIR", tmp_path)
    monkeypatch.setattr(catalogues, "_cache", {})
    loaded = zfgk.load("shanyin")
    assert loaded.total == 43
    assert_same(loaded, by_cattrs(body_of("shanyin")))


def test_a_lookup_imports_no_cattrs() -> None:
    code = (
        "import sys, zfgk; zfgk.load('chongqing').item(19); zfgk.load('shanyin').item(19); "
        "assert 'cattrs' not in sys.modules, 'cattrs imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
