"""The kind of a document (文种), read from the end of its title.

A 公文 title ends with its kind: ``关于……的通知``, ``……实施方案``, ``某某人民政府令``.
The kinds are the fifteen of the 《党政机关公文处理工作条例》 (2012) Article 8 —
决议、决定、命令（令）、公报、公告、通告、意见、通知、通报、报告、请示、批复、议案、函、
纪要 — plus the forms of rules and plans gazettes publish under their own names
(条例、规定、办法、细则、规则、方案、规划、计划、纲要、任免 lists). The website filters
and browses by kind, the bound volume indexes by it, and JSON-LD chooses its type from it.

A title that ends with a quotation mark, a bracketed note or a date is read without
them (``……的通知（试行）``); a title whose end names no known kind has none (None),
never a guess.
"""

from __future__ import annotations

import re

#: Kinds by the title endings that name them, longest endings first where they overlap.
KIND_ENDINGS: dict[str, tuple[str, ...]] = {
    "命令": ("命令", "令"),
    "决议": ("决议",),
    "决定": ("决定",),
    "公报": ("公报",),
    "公告": ("公告",),
    "通告": ("通告",),
    "意见": ("意见", "实施意见", "指导意见"),
    "通知": ("通知", "紧急通知", "补充通知"),
    "通报": ("通报",),
    "报告": ("报告",),
    "请示": ("请示",),
    "批复": ("批复",),
    "议案": ("议案",),
    "函": ("函", "复函"),
    "纪要": ("纪要",),
    "条例": ("条例",),
    "规定": ("规定", "暂行规定"),
    "办法": ("办法", "暂行办法", "实施办法"),
    "细则": ("细则", "实施细则"),
    "规则": ("规则",),
    "方案": ("方案", "实施方案", "工作方案"),
    "规划": ("规划",),
    "计划": ("计划",),
    "纲要": ("纲要",),
    "任免": ("任免", "任免名单", "人事任免"),
}

#: What is read past at the end of a title before its kind: closing quotes and
#: brackets, a bracketed note such as （试行） or （2023年修订）, and spaces.
TITLE_TAIL_RE = re.compile(
    r"""
    (?: [\s　]*                               # spaces, also full-width
        (?: [（(〔【\[] [^（()）〔〕【】\[\]]{1,16} [）)〕】\]]   # a bracketed note
          | [》」』”"'］] )                   # a closing quote
    )+ $
    """,
    re.X,
)

#: Every ending, longest first, so 实施方案 is found before 方案 and 复函 before 函.
_ENDINGS = sorted(((ending, kind) for kind, endings in KIND_ENDINGS.items()
                   for ending in endings), key=lambda pair: -len(pair[0]))


def document_kind(title: str) -> str | None:
    """The 文种 of a document with this ``title``, or None when its ending names none.

    1. strip trailing spaces, closing quotes and bracketed notes (repeatedly);
    2. return the kind of the longest known ending of what is left.
    """
    text = title.strip()
    text = TITLE_TAIL_RE.sub("", text) or text
    for ending, kind in _ENDINGS:
        if text.endswith(ending):
            return kind
    return None
