"""Word list numbering (w:numPr) → the label a reader sees (一、 （一） 1. ①).

Contract: :class:`Numbering` reads the numbering part of a .docx; :meth:`Numbering.label`
returns the visible label of a paragraph with ``numId``/``ilvl``, counting as Word does:
a counter per abstract list and level, a level restarting when a shallower one
advances, ``w:start`` and ``w:startOverride`` honoured, ``w:lvlText`` (``%1、``,
``（%1）``, ``%1.%2``) filled with each level's number in its ``w:numFmt``. Formats:
decimal (also zero-padded and full-width), Chinese counting (一 … 十一 … 一百零一),
Chinese legal (壹贰), 甲乙丙 (ideographTraditional), Roman, letters, circled and
parenthesized digits, bullets and ``none``. Another format is read as decimal and
reported as uncertain by the caller (:attr:`Numbering.unknown`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docx.oxml.ns import qn

CN_DIGITS = "零一二三四五六七八九"
CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
STEMS = "甲乙丙丁戊己庚辛壬癸"
#: A level placeholder in w:lvlText: %1 … %9.
PLACEHOLDER_RE = re.compile(
    r"""
    % (?P<level>[1-9])    # %1 is level 0's number
    """,
    re.X,
)


def chinese(n: int, digits: str = CN_DIGITS, ten: str = "十", hundred: str = "百") -> str:
    """一 … 十 十一 二十一 一百 一百零一 (up to 999; larger as decimal)."""
    if n <= 0 or n > 999:
        return str(n)
    h, rest = divmod(n, 100)
    t, u = divmod(rest, 10)
    out = ""
    if h:
        out += digits[h] + hundred
        if rest and t == 0:
            out += digits[0]
    if t:
        out += ("" if t == 1 and not h else digits[t]) + ten
    if u:
        out += digits[u]
    return out


def roman(n: int) -> str:
    out = ""
    for value, mark in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                        (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                        (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + mark, n - value
    return out


def letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: "".join(chr(ord(c) + 0xFEE0) for c in str(n)),
    "decimalFullWidth2": lambda n: "".join(chr(ord(c) + 0xFEE0) for c in str(n)),
    "chineseCounting": chinese,
    "chineseCountingThousand": chinese,
    "japaneseCounting": chinese,
    "taiwaneseCounting": chinese,
    "ideographDigital": lambda n: "".join(CN_DIGITS[int(c)] for c in str(n)),
    "chineseLegalSimplified": lambda n: chinese(n, CN_LEGAL, "拾", "佰"),
    "ideographLegalTraditional": lambda n: chinese(n, CN_LEGAL, "拾", "佰"),
    "ideographTraditional": lambda n: STEMS[(n - 1) % 10],
    "upperRoman": roman,
    "lowerRoman": lambda n: roman(n).lower(),
    "upperLetter": letters,
    "lowerLetter": lambda n: letters(n).lower(),
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedParen": lambda n: chr(0x2474 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedFullstop": lambda n: chr(0x2488 + n - 1) if 1 <= n <= 20 else str(n),
    "none": lambda n: "",
}


@dataclass(frozen=True)
class Level:
    fmt: str
    text: str
    start: int
    #: What follows the label: "tab", "space" or "nothing".
    suffix: str


def _val(element, tag: str, default: str | None = None) -> str | None:
    found = element.find(qn(tag)) if element is not None else None
    return found.get(qn("w:val"), default) if found is not None else default


@dataclass
class Numbering:
    """The list definitions of a document and the running counters."""

    abstract_of: dict[str, str] = field(default_factory=dict)
    levels: dict[tuple[str, int], Level] = field(default_factory=dict)
    overrides: dict[tuple[str, int], int] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)
    #: Formats met that are read as decimal (reported by the caller).
    unknown: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, part_element) -> Numbering:
        """The numbering of a ``w:numbering`` element (None: a document without lists)."""
        numbering = cls()
        if part_element is None:
            return numbering
        for abstract in part_element.findall(qn("w:abstractNum")):
            aid = abstract.get(qn("w:abstractNumId"))
            for lvl in abstract.findall(qn("w:lvl")):
                numbering.levels[(aid, int(lvl.get(qn("w:ilvl"), "0")))] = Level(
                    _val(lvl, "w:numFmt", "decimal"), _val(lvl, "w:lvlText", "") or "",
                    int(_val(lvl, "w:start", "1") or 1), _val(lvl, "w:suff", "tab") or "tab")
        for num in part_element.findall(qn("w:num")):
            nid = num.get(qn("w:numId"))
            numbering.abstract_of[nid] = _val(num, "w:abstractNumId", "") or ""
            for override in num.findall(qn("w:lvlOverride")):
                start = _val(override, "w:startOverride")
                if start is not None:
                    numbering.overrides[(nid, int(override.get(qn("w:ilvl"), "0")))] = int(start)
        return numbering

    def label(self, num_id: str, ilvl: int) -> str:
        """The label of the next paragraph of list ``num_id`` at level ``ilvl`` ("" if none)."""
        aid = self.abstract_of.get(num_id)
        if aid is None or num_id == "0" or (aid, ilvl) not in self.levels:
            return ""
        counts = self.counters.setdefault(aid, [0] * 9)
        if num_id not in self.started:  # a list instance with a start override restarts
            self.started.add(num_id)
            for (nid, level), start in self.overrides.items():
                if nid == num_id:
                    counts[level] = start - 1
        for level in range(9):
            if counts[level] == 0 and level < ilvl:
                counts[level] = self.levels.get((aid, level), Level("decimal", "", 1, "")).start
        first = self.levels[(aid, ilvl)].start
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else first
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        level = self.levels[(aid, ilvl)]
        if level.fmt == "bullet":
            text = level.text
        else:
            text = PLACEHOLDER_RE.sub(lambda m: self._number(aid, int(m["level"]) - 1, counts),
                                      level.text)
        if not text:
            return ""
        return text + (" " if level.suffix == "space" else "")

    def _number(self, aid: str, level: int, counts: list[int]) -> str:
        fmt = self.levels.get((aid, level), Level("decimal", "", 1, "")).fmt
        if fmt not in FORMATS:
            self.unknown.add(fmt)
            return str(counts[level])
        return FORMATS[fmt](counts[level])
