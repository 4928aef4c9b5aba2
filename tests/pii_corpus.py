"""A corpus of generated disclosure notices, to measure leaks and over-masking.

Each notice mixes people (a name, an ID number, a mobile number, now and
then a first-generation 15-digit number) with what must stay as published:
unified social credit codes, company bank accounts, dates, amounts, office
landlines, house numbers.  The personal numbers are written in every form
people paste them in: grouped 6-8-4 or 6-4-4-4, with no-break, narrow or
thin spaces, dots, slashes, underscores, middle dots or dashes, zero-width
characters between the digits, full-width digits, glued to other digits or
to letters.

ID numbers and mobile numbers come from Faker's ``zh_CN`` provider, which
nobody on the project wrote; the notices are seeded, so a corpus is the same
on every run.  Used by ``tests/test_privacy_forms.py`` and
``benchmarks/bench_redact.py``.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from faker import Faker

ZERO_WIDTH = ("\u200b", "\u2060", "\ufeff", "\u200c", "\u00ad")
SPACES = (" ", "\u00a0", "\u202f", "\u2009", "\u3000", "\u2002")
PUNCTUATION = (".", "/", "_", "·", "-", "–", "－", "．")
FULL_WIDTH = str.maketrans({str(i): chr(0xFF10 + i) for i in range(10)} | {"X": "Ｘ"})


@dataclass
class Piece:
    """One inserted value: where it is in the notice, and what it is."""

    start: int
    end: int
    kind: str  # "id18", "id15", "mobile" (personal) or a kind of value that must stay
    value: str  # the significant digits (personal) or the text itself (to keep)
    form: str

    @property
    def personal(self) -> bool:
        return self.kind in ("id18", "id15", "mobile")

    @property
    def hidden(self) -> tuple[int, ...]:
        """Indexes, among the significant characters, that masking must hide."""
        return {"id18": tuple(range(6, 14)), "id15": tuple(range(6, 12))}.get(
            self.kind, (3, 4, 5, 6)
        )


@dataclass
class Notice:
    text: str = ""
    pieces: list[Piece] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.text += text

    def insert(self, written: str, kind: str, value: str, form: str) -> None:
        start = len(self.text)
        self.text += written
        self.pieces.append(Piece(start, len(self.text), kind, value, form))


def _groups(number: str, sizes: tuple[int, ...], sep: Callable[[], str]) -> str:
    out, i = [], 0
    for size in sizes:
        out.append(number[i : i + size])
        i += size
    if i < len(number):
        out.append(number[i:])
    return sep().join(out)


def _scatter(number: str, rng: random.Random) -> str:
    """Zero-width characters between some of the digits."""
    out = []
    for i, ch in enumerate(number):
        out.append(ch)
        if i < len(number) - 1 and rng.random() < 0.4:
            out.append(rng.choice(ZERO_WIDTH))
    return "".join(out)


def id_forms(rng: random.Random) -> dict[str, Callable[[str], tuple[str, str, str]]]:
    """Form name -> function(number) -> (text before, the number as written, text after).

    The text before and after belongs to the notice (a label, digits glued
    on); only the middle is the number.
    """

    def spaced(seps: tuple[str, ...]) -> Callable[[str], tuple[str, str, str]]:
        return lambda n: ("", _groups(n, (6, 8), lambda: rng.choice(seps)), "")

    return {
        "compact": lambda n: ("", n, ""),
        "6-8-4 space": spaced((" ",)),
        "6-8-4 hyphen": spaced(("-",)),
        "6-8-4 no-break space": spaced(("\u00a0",)),
        "6-8-4 narrow/thin space": spaced(("\u202f", "\u2009")),
        "6-8-4 dots": spaced((".",)),
        "6-8-4 slash, underscore, middle dot, dashes": spaced(("/", "_", "·", "–", "－")),
        "6-8-4 runs of separators": spaced((" - ", "  ", ". ")),
        "6-4-4-4": lambda n: ("", _groups(n, (6, 4, 4, 4), lambda: rng.choice(SPACES)), ""),
        "4-4-4-4-2": lambda n: ("", _groups(n, (4, 4, 4, 4), lambda: " "), ""),
        "zero-width inside": lambda n: ("", _scatter(n, rng), ""),
        "full-width digits": lambda n: ("", n.translate(FULL_WIDTH), ""),
        "lower-case x": lambda n: ("", n.lower(), ""),
        "glued after digits": lambda n: (f"档案编号{rng.randrange(10**5):05d}", n, ""),
        "glued before digits": lambda n: ("", n, f"{rng.randrange(10**4):04d}"),
        "glued to letters": lambda n: ("ID", n, "B"),
    }


def mobile_forms(rng: random.Random) -> dict[str, Callable[[str], tuple[str, str, str]]]:
    """As :func:`id_forms`, for mobile numbers."""

    def grouped(seps: tuple[str, ...]) -> Callable[[str], tuple[str, str, str]]:
        return lambda n: ("", _groups(n, (3, 4), lambda: rng.choice(seps)), "")

    return {
        "compact": lambda n: ("", n, ""),
        "3-4-4 space": grouped((" ",)),
        "3-4-4 hyphen": grouped(("-",)),
        "3-4-4 no-break/narrow/thin space": grouped(("\u00a0", "\u202f", "\u2009")),
        "3-4-4 dots": grouped((".", "．")),
        "+86": lambda n: ("+86 ", _groups(n, (3, 4), lambda: " "), ""),
        "0086-": lambda n: ("0086-", n, ""),
        "+86 glued": lambda n: ("+86", n, ""),
        "zero-width inside": lambda n: ("", _scatter(n, rng), ""),
        "full-width digits": lambda n: ("", n.translate(FULL_WIDTH), ""),
        "glued to letters": lambda n: ("Tel", n, "ext"),
        "two numbers with a slash": lambda n: ("", n, ""),
    }


def legacy_forms(rng: random.Random) -> dict[str, Callable[[str], tuple[str, str, str]]]:
    """As :func:`id_forms`, for 15-digit numbers: only the forms that stand apart from digits."""
    forms = id_forms(rng)

    def grouped(seps: tuple[str, ...]) -> Callable[[str], tuple[str, str, str]]:
        return lambda n: ("", _groups(n, (6, 6), lambda: rng.choice(seps)), "")

    return {
        "compact": forms["compact"],
        "6-6-3 space": grouped((" ",)),
        "6-6-3 no-break/narrow/thin space": grouped(("\u00a0", "\u202f", "\u2009")),
        "6-6-3 dots, dashes": grouped((".", "-", "–")),
        "zero-width inside": forms["zero-width inside"],
        "full-width digits": forms["full-width digits"],
        "glued to letters": forms["glued to letters"],
    }


def _uscc(rng: random.Random) -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = (
        rng.choice(["91", "92", "93", "12", "52"])
        + f"{rng.randrange(100000, 660000):06d}"
        + "".join(rng.choice(alphabet) for _ in range(9))
    )
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    total = sum(alphabet.index(c) * w for c, w in zip(body, weights, strict=True))
    return body + alphabet[(31 - total % 31) % 31]


def _account(rng: random.Random) -> str:
    digits = "".join(str(rng.randrange(10)) for _ in range(rng.choice((16, 17, 19, 20, 21))))
    if rng.random() < 0.5:
        return _groups(digits, (4, 4, 4, 4), lambda: " ")
    return digits


def _keep(rng: random.Random) -> list[tuple[str, str]]:
    """(kind, text) of values that must be published as they are."""
    year, month, day = rng.randrange(2015, 2027), rng.randrange(1, 13), rng.randrange(1, 29)
    amount = rng.randrange(10**5, 10**11)
    return [
        ("credit code", _uscc(rng)),
        ("bank account", _account(rng)),
        (
            "date",
            rng.choice(
                [
                    f"{year}-{month:02d}-{day:02d}",
                    f"{year}年{month}月{day}日",
                    f"{year}.{month:02d}.{day:02d}",
                    f"{year}/{month}/{day}",
                ]
            ),
        ),
        (
            "amount",
            rng.choice(
                [
                    f"{amount / 100:,.2f}",
                    f"{amount // 100}.{amount % 100:02d}",
                    f"1{rng.choice('3589')}{rng.randrange(10**9):09d}.00",  # a phone-shaped sum
                ]
            ),
        ),
        (
            "office landline",
            rng.choice(
                [
                    f"023-6{rng.randrange(10**7):07d}",
                    f"(0351){rng.randrange(2, 9)}{rng.randrange(10**6):06d}",
                    f"023 6{rng.randrange(10**3):03d} {rng.randrange(10**4):04d}",
                    f"0351-{rng.randrange(2, 9)}{rng.randrange(10**6):06d}",
                ]
            ),
        ),
        (
            "house number",
            f"{rng.randrange(1, 30)}-{rng.randrange(1, 9)}-{rng.randrange(101, 3299)}",
        ),
        ("contract number", f"HT-{year}-{rng.randrange(10**5):05d}"),
    ]


def notices(count: int, seed: int = 20261124) -> Iterator[Notice]:
    """``count`` notices, the same ones for the same seed."""
    rng = random.Random(seed)
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    ids, mobiles, legacy = id_forms(rng), mobile_forms(rng), legacy_forms(rng)
    id_names, mobile_names, legacy_names = list(ids), list(mobiles), list(legacy)
    for index in range(count):
        notice = Notice()
        notice.add(f"关于{fake.city()}保障性住房第{index + 1}批分配结果的公示\n")
        for person in range(rng.randrange(2, 6)):
            number = fake.ssn().upper()
            mobile = fake.phone_number()
            form = id_names[(index + person) % len(id_names)]
            before, written, after = ids[form](number)
            notice.add(f"{person + 1}. {fake.name()}，身份证号{before}")
            notice.insert(written, "id18", number, form)
            m_form = mobile_names[(index * 3 + person) % len(mobile_names)]
            m_before, m_written, m_after = mobiles[m_form](mobile)
            notice.add(f"{after}，联系电话{m_before}")
            notice.insert(m_written, "mobile", mobile, m_form)
            if m_form == "two numbers with a slash":
                second = fake.phone_number()
                notice.add("/")
                notice.insert(second, "mobile", second, m_form)
            notice.add(m_after + "；\n")
            if rng.random() < 0.25 and number[6:8] == "19":
                old = number[:6] + number[8:17]
                l_form = legacy_names[(index + person) % len(legacy_names)]
                l_before, l_written, l_after = legacy[l_form](old)
                notice.add(f"   原证件号码{l_before}")
                notice.insert(l_written, "id15", old, l_form)
                notice.add(l_after + "\n")
        values = _keep(rng)
        notice.add(f"承建单位：{fake.company()}，统一社会信用代码 ")
        for kind, text in values:
            label = {
                "credit code": "",
                "bank account": "，开户账号 ",
                "date": "，公示日期 ",
                "amount": "，租金总额 ",
                "office landline": " 元，监督电话 ",
                "house number": "，样板房 ",
                "contract number": "，合同 ",
            }[kind]
            notice.add(label)
            notice.insert(text, kind, text, kind)
        notice.add("。\n")
        yield notice


@dataclass
class Figures:
    """What a redactor did to a corpus."""

    notices: int = 0
    characters: int = 0
    personal: int = 0
    leaked: int = 0
    kept_values: int = 0
    over_masked: int = 0
    leaks_by_form: dict[str, int] = field(default_factory=dict)
    over_masked_by_kind: dict[str, int] = field(default_factory=dict)


def _significant(text: str) -> list[int]:
    """Indexes of the digits and X of a written number."""
    return [i for i, ch in enumerate(text) if ch.isdigit() or ch in "Xx"]


def measure(redact: Callable[[str], str], corpus: list[Notice]) -> Figures:
    """Count leaks (a digit that had to be hidden still shows) and over-masking."""
    figures = Figures()
    for notice in corpus:
        out = redact(notice.text)
        figures.notices += 1
        figures.characters += len(notice.text)
        if len(out) != len(notice.text):
            raise AssertionError("a redactor must keep the length of the text")
        for piece in notice.pieces:
            before = notice.text[piece.start : piece.end]
            after = out[piece.start : piece.end]
            if piece.personal:
                figures.personal += 1
                digits = _significant(before)
                if any(after[digits[i]] == before[digits[i]] for i in piece.hidden):
                    figures.leaked += 1
                    figures.leaks_by_form[f"{piece.kind}: {piece.form}"] = (
                        figures.leaks_by_form.get(f"{piece.kind}: {piece.form}", 0) + 1
                    )
            else:
                figures.kept_values += 1
                if after != before:
                    figures.over_masked += 1
                    figures.over_masked_by_kind[piece.kind] = (
                        figures.over_masked_by_kind.get(piece.kind, 0) + 1
                    )
    return figures


#: The separators and invisible characters the corpus puts between digits, and its full-width
#: digits: what a reader of the output would look through to see a number whole.
_LOOK_THROUGH = str.maketrans(
    {
        **dict.fromkeys(ZERO_WIDTH + SPACES + tuple(PUNCTUATION) + ("+",)),
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "Ｘ": "X",
        "ｘ": "X",
    }
)


def _seen(text: str) -> str:
    return text.translate(_LOOK_THROUGH).upper()


@dataclass
class Survivors:
    """What is left of a corpus's numbers in a redactor's output, whatever it does to the text."""

    personal: int = 0
    leaked: int = 0  # a whole ID or mobile number still readable in the output
    kept_values: int = 0
    lost: int = 0  # a value to publish no longer whole in the output
    leaks_by_kind: dict[str, int] = field(default_factory=dict)


def survivors(redact: Callable[[str], str], corpus: list[Notice]) -> Survivors:
    """Count the numbers still whole in the output, for redactors that mask or that delete.

    A personal number leaks when its digits, read through the separators the
    corpus put between them, are still in the output; a value to publish is
    lost when its digits are not.  The same count for every tool.
    """
    figures = Survivors()
    for notice in corpus:
        seen = _seen(redact(notice.text))
        for piece in notice.pieces:
            if piece.personal:
                figures.personal += 1
                if piece.value.upper() in seen:
                    figures.leaked += 1
                    figures.leaks_by_kind[piece.kind] = figures.leaks_by_kind.get(piece.kind, 0) + 1
            else:
                figures.kept_values += 1
                if _seen(piece.value) not in seen:
                    figures.lost += 1
    return figures
