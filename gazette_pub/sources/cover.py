"""The cover and masthead of a whole issue → gazette and issue metadata (:class:`Cover`).

What a cover may print (every part optional): a stray title line, slogans with ●
or space-separated phrases, the gazette name (``…公报``/``…政报``, possibly wrapped
over two lines; a line in pinyin or English), the 编辑委员会 (主任:/副主任:/委员:/编 委:
and lines of names, letter-spaced or not), the masthead (``(半月刊)``/``不定期发行``,
``NNNN年第N期`` or ``第N号``, ``(总第N期)`` or ``总号：N``, ``NNNN年N月N日出版``)
and colophon lines (主管单位：…, see :mod:`.colophon`).

Contract: :func:`read_cover` reads every line into the :class:`Cover` and reports it
as discarded (its content lives in the gazette/issue metadata); a line not
understood is reported as uncertain, never silently used.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from .. import body as body_format
from .colophon import COLOPHON_RE, NAME_LABELS
from .line_kinds import DATE_LINE_RE
from .lines import SourceLine
from .report import ReportBuilder

#: A slogan line with bullets: ●权威性 ●法规性.
BULLET_SLOGAN_RE = re.compile(
    r"""
    (?: [●•◆■] \s* [\u4e00-\u9fff]{2,8} \s* ){2,}    # two or more bulleted phrases
    """,
    re.X,
)


#: One phrase of a slogan line.
PHRASE_RE = re.compile(
    r"""
    [\u4e00-\u9fff]{2,8}
    """,
    re.X,
)


#: A slogan line of space-separated phrases: 发布政令 宣传政策.
PHRASE_SLOGAN_RE = re.compile(
    r"""
    [\u4e00-\u9fff]{2,8}                  # a phrase
    (?: \s+ [\u4e00-\u9fff]{2,8} )+       # and more, space-separated
    """,
    re.X,
)


#: The gazette name: a line ending in 公报/政报 (its first part may be on the line before).
GAZETTE_NAME_RE = re.compile(
    r"""
    [\u4e00-\u9fff《》]{0,30}    # the organ (or the name's second line)
    (?: 公报 | 政报 )             # 公报 / 政报
    """,
    re.X,
)


#: The first line of a wrapped gazette name (某某回族自治区).
NAME_START_RE = re.compile(
    r"""
    [\u4e00-\u9fff]{2,20}    # characters only
    """,
    re.X,
)


#: Masthead lines.
ISSUE_NUMBER_RE = re.compile(
    r"""
    (?P<year>\d{4}) \s* 年 \s*        # 2021年
    第 \s* (?P<number>\d{1,3}) \s* [期号]  # 第10期 / 第5号
    """,
    re.X,
)


CUMULATIVE_RE = re.compile(
    r"""
    [(（]? \s*                                        # (
    总 \s* (?: 第 \s* (?P<number>\d{1,5}) \s* [期号]    # 总第512期 / 总第1795号
           | 号 \s* [:：]? \s* (?P<serial>\d{1,5}) )     # 总号：1795
    \s* [)）]?                                         # )
    """,
    re.X,
)


PUBLISHED_RE = re.compile(
    r"""
    (?P<date>
        \d{4} \s* 年 \s* \d{1,2} \s* 月 \s* \d{1,2} \s* 日               # 2021年7月15日
      | [〇○Oo0零一二三四五六七八九]{4} 年 [一二三四五六七八九十]{1,3} 月
        [一二三四五六七八九十]{1,3} 日                                  # 二〇二一年七月十五日
    )
    \s* 出 \s* 版                                                    # 出版
    """,
    re.X,
)


FREQUENCY_RE = re.compile(
    r"""
    [(（] \s*
    (?P<frequency>[\u4e00-\u9fff]{1,3}刊)    # (半月刊) / (月刊) / (旬刊) …
    \s* [)）]
  | (?P<bare> 半\s*月\s*刊 | 双\s*月\s*刊 | 月\s*刊 | 旬\s*刊 | 周\s*刊 | 季\s*刊 )   # 半月刊 without brackets
  | [(（]? \s* (?P<irregular> 不 \s* 定 \s* 期 ) \s* (?: 发 \s* 行 | 出 \s* 版 )? \s* [)）]?   # 不定期发行
    """,
    re.X,
)


#: Masthead parts, in the order they are looked for in a line.
#: The issue number printed without its year (第5期; the year comes from the date).
NUMBER_ONLY_RE = re.compile(
    r"""
    第 \s* (?P<number>\d{1,3}) \s* 期    # 第5期
    """,
    re.X,
)


#: Longest line that may be the first part of a broken masthead line.
MASTHEAD_PART_MAX = 20

MASTHEAD_PARTS = (("issue number", ISSUE_NUMBER_RE), ("cumulative number", CUMULATIVE_RE),
                  ("issue number only", NUMBER_ONLY_RE), ("publication date", PUBLISHED_RE),
                  ("frequency", FREQUENCY_RE))


#: What may be left of a masthead line once its parts are taken out.
MASTHEAD_LEFTOVER_RE = re.compile(
    r"""
    [\s()（）·•,，、]+    # spaces, brackets and separators
    """,
    re.X,
)


#: The editorial committee heading and its role lines (主任:房全忠).
COMMITTEE_HEAD_RE = re.compile(
    r"""
    编 \s* (?: 辑 \s* 委 \s* 员 | 委 ) \s* 会    # 编辑委员会 / 编委会, maybe letter-spaced
    """,
    re.X,
)


ROLE_RE = re.compile(
    r"""
    (?P<role> (?:副\s*)? 主\s*任 (?:\s*委\s*员)? | 委\s*员 | 顾\s*问 | 编\s*委 | 成\s*员 )
                                 # 主任 / 副主任(委员) / 委员 / 顾问 / 编委 / 成员
    \s* [:：] \s*
    (?P<annotation> [(（][^)）]*[)）] )?                # (按姓氏笔画排列)
    \s* (?P<names>.*)
    """,
    re.X,
)


#: A line of names only (committee rows): 王振家 王耀武, 林 晓.
NAMES_RE = re.compile(
    r"""
    [\u4e00-\u9fff·]{1,5}                 # a name (or half of a letter-spaced one)
    (?: \s+ [\u4e00-\u9fff·]{1,5} )*      # more, space-separated
    """,
    re.X,
)


#: Whitespace inside a label (主 编 → 主编).
SPACE_RE = re.compile(
    r"""
    \s
    """,
    re.X,
)


#: A CJK character (a TOC line without one is furniture, e.g. CONTENTS).
CJK_CHAR_RE = re.compile(
    r"""
    [\u3400-\u9fff]
    """,
    re.X,
)


@dataclass
class Cover:
    """What the cover, masthead and colophon give (gazette and issue metadata)."""

    name: str = ""
    frequency: str = ""
    slogans: list[str] = field(default_factory=list)
    committee: list[tuple[str, list[str]]] = field(default_factory=list)
    colophon: list[tuple[str, str | tuple[str, ...]]] = field(default_factory=list)
    year: int = 0
    number: int = 0
    cumulative: int | None = None
    date: dt.date | None = None

    def add_colophon(self, label: str, value: str | tuple[str, ...]) -> None:
        """One colophon entry per label (the gazette TOML is a table): a label seen again
        (a colophon printed twice, two 电话 lines) keeps each different value once."""
        for index, (known, old) in enumerate(self.colophon):
            if known == label:
                values = _as_tuple(old) + tuple(v for v in _as_tuple(value)
                                                if v not in _as_tuple(old))
                self.colophon[index] = (label, values if len(values) > 1 else values[0])
                return
        self.colophon.append((label, value))

    def committee_role(self, role: str) -> list[str]:
        """The name list of ``role`` (one per role, as for the colophon), new if unseen."""
        for known, names in self.committee:
            if known == role:
                return names
        self.committee.append((role, []))
        return self.committee[-1][1]


def _as_tuple(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)


def slogans_of(text: str) -> list[str] | None:
    """The slogans of a slogan line, or None when ``text`` is not one."""
    if BULLET_SLOGAN_RE.fullmatch(text):
        return PHRASE_RE.findall(text)
    if PHRASE_SLOGAN_RE.fullmatch(text):
        return text.split()
    return None


def split_names(text: str) -> list[str]:
    """Names printed on one line: ``王振家 王耀武`` → two names; a two-character
    name letter-spaced to the width of three (``林 晓``) stays one name."""
    names: list[str] = []
    for token in text.split():
        if len(token) == 1 and names and len(names[-1]) == 1:
            names[-1] += " " + token
        else:
            names.append(token)
    return names


def apply_masthead(part: str, match: re.Match, cover: Cover) -> None:
    """Store one masthead part (see :data:`MASTHEAD_PARTS`) in ``cover``."""
    if part == "issue number":
        cover.year, cover.number = int(match["year"]), int(match["number"])
    elif part == "cumulative number":
        cover.cumulative = int(match["number"] or match["serial"])
    elif part == "issue number only":
        cover.number = int(match["number"])
    elif part == "publication date":
        cover.date = body_format.parse_date(match["date"])
    else:
        cover.frequency = match["frequency"] or SPACE_RE.sub("", match["bare"] or match["irregular"])


def read_masthead(line: SourceLine, cover: Cover) -> str | None:
    """Fill ``cover`` from a masthead line (one part or several, e.g.
    ``2024年第10期（总第512期）``); the discard reason, or None if it is none."""
    rest, found = line.text, []
    for part, pattern in MASTHEAD_PARTS:
        if match := pattern.search(rest):
            found.append((part, match))
            rest = rest[:match.start()] + " " + rest[match.end():]
    if not found or MASTHEAD_LEFTOVER_RE.sub("", rest):
        return None
    for part, match in found:
        apply_masthead(part, match, cover)
    return "masthead: " + ", ".join(part for part, _ in found)


def join_broken_mastheads(lines: list[SourceLine], report: ReportBuilder) -> list[SourceLine]:
    """A masthead line broken over two lines (``2024年第`` / ``2期（总第36期）``) joined
    into one, reported: the first part is no masthead line alone (``2024年``), both
    together are (the second may be one: ``第2期``)."""
    out: list[SourceLine] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if index + 1 < len(lines) and len(line.text) <= MASTHEAD_PART_MAX \
                and read_masthead(line, Cover()) is None:
            joined = replace(line, text=line.text + lines[index + 1].text)
            if read_masthead(joined, Cover()) is not None:
                report.join(line.no, f"masthead {line.text!r} + {lines[index + 1].text!r} "
                                     "broken over two lines joined")
                out.append(joined)
                index += 2
                continue
        out.append(line)
        index += 1
    return out


def starts_wrapped_name(lines: list[SourceLine], index: int) -> bool:
    """Is ``lines[index]`` the first part of a gazette name wrapped onto the next line?"""
    return (index + 1 < len(lines) and lines[index + 1].no == lines[index].no + 1
            and GAZETTE_NAME_RE.fullmatch(lines[index + 1].text) is not None
            and NAME_START_RE.fullmatch(lines[index].text) is not None)


def read_cover_line(lines: list[SourceLine], index: int, cover: Cover,
                    role: list[str] | None) -> tuple[str, list[str] | None]:
    """Read ``lines[index]`` into ``cover``: (discard reason, current committee role list).

    The reason is "" for a line taken with the next one (a wrapped gazette name)
    and "?" for a line not understood.
    """
    line, text = lines[index], lines[index].text
    if (reason := read_masthead(line, cover)) is not None:
        return reason, None
    if BULLET_SLOGAN_RE.fullmatch(text) or (role is None and PHRASE_SLOGAN_RE.fullmatch(text)):
        cover.slogans += slogans_of(text)
        return "cover: slogans (in gazette metadata)", role
    if DATE_LINE_RE.fullmatch(text) and cover.date is None:
        cover.date = body_format.parse_date(text)
        return "masthead: publication date", None
    if match := COLOPHON_RE.fullmatch(text):
        label = SPACE_RE.sub("", match["label"])
        value = (match["value"],) if label in NAME_LABELS else match["value"]
        cover.add_colophon(label, value)
        if label == "出版日期" and cover.date is None:
            cover.date = body_format.parse_date(match["value"])
        return "cover: colophon line (in gazette metadata)", None
    if COMMITTEE_HEAD_RE.fullmatch(text):
        return "cover: editorial committee heading", role
    if match := ROLE_RE.fullmatch(text):
        role = cover.committee_role(SPACE_RE.sub("", match["role"]))
        role += split_names(match["names"])
        return "cover: editorial committee (in gazette metadata)", role
    if role is not None and NAMES_RE.fullmatch(text):
        role += split_names(text)
        return "cover: editorial committee (in gazette metadata)", role
    if not CJK_CHAR_RE.search(text):
        return "cover: line without Chinese text (the name in pinyin or English, a code)", role
    if starts_wrapped_name(lines, index):
        return "", role
    if GAZETTE_NAME_RE.fullmatch(text):
        first = index - 1 if index and starts_wrapped_name(lines, index - 1) else index
        cover.name = "".join(ln.text for ln in lines[first:index + 1]).strip("《》")
        return "cover: gazette name (in gazette metadata)", role
    return "?", role


def read_cover(lines: list[SourceLine], cover: Cover, report: ReportBuilder) -> None:
    """Gazette name, slogans, committee and masthead from the cover lines."""
    role: list[str] | None = None
    pending: list[SourceLine] = []
    for index, line in enumerate(lines):
        reason, role = read_cover_line(lines, index, cover, role)
        pending.append(line)
        if reason == "?":
            report.uncertain(line.no, f"cover line not understood: {line.text!r}")
            reason = "cover: unrecognized line (not used)"
        if reason:
            report.discard(pending, reason)
            pending = []
