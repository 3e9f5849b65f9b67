"""Issuing organs and signatories: organ name endings, officials signing with
their office (``省长　某某``), organs side by side on one line, the 红头 masthead
(``某某人民政府文件``) and the organs of a title before its 关于/印发.
"""

from __future__ import annotations

import re

from .lines import ORGAN_MAX


#: The masthead of a 红头 document (发文机关标志): 江北省人民政府办公厅文件.
RED_HEAD_RE = re.compile(
    r"""
    [\u4e00-\u9fff]{2,40}                 # the organ
    (?: [\x20\u3000]+ [\u4e00-\u9fff]{2,40} )*   # joint organs side by side
    [\x20\u3000]* 文 \s* 件              # 文件 (set apart beside a joint masthead's organs)
    """,
    re.X,
)


def is_red_head(text: str) -> bool:
    """Is ``text`` a 红头 masthead line (organ + 文件, no 关于/印发 …), also typed
    letter-spaced (``江 北 省 人 民 政 府 文 件``, spaces set to fill the line)?"""
    text = unspaced(text)
    return bool(RED_HEAD_RE.fullmatch(text)) and not TITLE_VERB_RE.search(text)


def unspaced(text: str) -> str:
    """``text`` without the spaces of letter spacing (single characters one space
    apart: ``国 务 院`` → ``国务院``); other text as it is."""
    return re.sub(r"[\x20\u3000]+", "", text) if LETTER_SPACED_RE.fullmatch(text) else text


#: A wide gap between two organs signing side by side on one 落款 line.
SIDE_BY_SIDE_RE = re.compile(
    r"""
    \s{2,}    # two or more spaces (ideographic or not); one space stays (省长 王某某)
    """,
    re.X,
)


#: An official signing with his name: 省长　王某某 / 市长　　李某 / 总理李某 (a head of
#: government or state, the name run on).
OFFICIAL_RE = re.compile(
    r"""
    (?: [\u4e00-\u9fff] \x20? ){0,8} (?: 长 | 任 | 书记 | 席 | 理 )   # the office (部 长: spaced)
    \s+ [\u4e00-\u9fff·][\u4e00-\u9fff·\s]{1,5}          # the name
  | [\u4e00-\u9fff]{0,4}?                                 # 副 / 代理 / 国务院 (an office's qualifier)
    (?: 总理 | 主席 | 主任 | 书记 | [省市县区州部局厅署院委] 长 )   # the office: 总理 / 部长 / 局长
    (?: (?! [省市县区州旗镇乡村办会议] ) [\u4e00-\u9fff·] ){2,3}       # the name run on (a PDF's text
                                                          # lost the space): no place in it
    """,
    re.X,
)


#: An office alone, its holder's name left out (a site printing an order's 落款 as 省长).
BARE_OFFICE_RE = re.compile(
    r"""
    [\u4e00-\u9fff]{1,4} (?: 长 | 主任 | 书记 | 主席 | 总理 )    # 省长 / 市长 / 主任
    """,
    re.X,
)


#: A 落款 printed in brackets on a line of its own: （某某县统计局）.
BRACKETED_RE = re.compile(
    r"""
    [(（] \s* (?P<inner>[^()（）]+?) \s* [)）]    # the organ(s) inside round brackets
    """,
    re.X,
)
#: Shortest organ name (国务院, 财政局): shorter words side by side are names, not organs.
ORGAN_MIN = 3


def is_organ(text: str) -> bool:
    """Is ``text`` one organ or enterprise name (ends like one, not too short or long)?"""
    return ORGAN_MIN <= len(text) <= ORGAN_MAX and text[-1] in SIGNER_ENDINGS


def organ_parts(text: str) -> list[str]:
    """The organs of one line: split at wide gaps (``甲局　　乙局``), and at single spaces
    too when every part is an organ (``甲市财政局 乙市税务局``); an official with his
    name (``省长　王某某``) stays one part."""
    parts = SIDE_BY_SIDE_RE.split(text)
    if len(parts) == 1 and not OFFICIAL_RE.fullmatch(text):
        single = text.split()
        if single[-1:] == ["等"] and len(single) > 2 and all(map(is_organ, single[:-1])):
            return single[:-1]  # 甲部 乙部 丙部 等: the first organs of a longer list
        if len(single) > 1 and all(is_organ(part) for part in single):
            return single
    return parts


def unbracketed(text: str) -> str:
    """``（某某县统计局）`` → ``某某县统计局``; other text as it is."""
    match = BRACKETED_RE.fullmatch(text)
    return match["inner"] if match else text


def is_signer_line(text: str) -> bool:
    """Can ``text`` be a 落款 line: an official with his name, or organs (side by side,
    or one organ in brackets)?"""
    text = unbracketed(text)
    return bool(OFFICIAL_RE.fullmatch(text)) or all(
        len(part) <= ORGAN_MAX and part[-1:] in SIGNER_ENDINGS for part in organ_parts(text))


#: A name letter-spaced one character apart: 国　务　院.
LETTER_SPACED_RE = re.compile(
    r"""
    [\u4e00-\u9fff] (?: \s{1,3} [\u4e00-\u9fff] )+    # single characters with spaces between
    """,
    re.X,
)


#: Last characters of an organ name (党委, 政府, 办公厅, 委员会 …).
ORGAN_ENDINGS = frozenset("委府厅局部会院办室处署行组心司团社所站队馆校")


#: Last characters of a 落款 line: an organ, or an enterprise (某某厂, 某某农场).
SIGNER_ENDINGS = ORGAN_ENDINGS | frozenset("厂场")


#: The verb part of a 公文 title after its organs.
TITLE_VERB_RE = re.compile(
    r"""
    关于 | 印发 | 转发 | 批转      # 关于… / 印发… : what the organs do
  | 通知 | 通告 | 公告 | 决定      # or the document kind itself
    """,
    re.X,
)


#: The organ of a government order's number: 某某省人民政府令第5号 → 某某省人民政府.
ORDER_ORGAN_RE = re.compile(
    r"""
    (?P<organ>[\u4e00-\u9fff]{2,24}?) 令    # the organ, then 令
    (?= \s* (?:[〔\[【(（［] \s* \d{4} \s* [〕\]】)）］] \s*)? 第 )   # then the number
    """,
    re.X,
)


def organs_of(title: str, signatories: tuple[str, ...], doc_number: str = "") -> tuple[str, ...]:
    """Issuing organs: the organs of the 落款 (brackets taken off; an official signing
    with his office is a signatory, not an organ), else the organ of an order number
    (某某省人民政府令第5号), else the title's part before 关于/印发 split on spaces."""
    organs = tuple(unbracketed(s) for s in signatories
                   if not OFFICIAL_RE.fullmatch(unbracketed(s))
                   and not BARE_OFFICE_RE.fullmatch(unbracketed(s)))
    if organs:
        return organs
    if (order := ORDER_ORGAN_RE.match(doc_number)) and len(order["organ"]) >= ORGAN_MIN:
        return (order["organ"],)  # not 政府令〔2010〕第15号: no organ named
    match = TITLE_VERB_RE.search(title)
    if not match or not match.start():
        return ()
    parts = title[:match.start()].split()
    if len(parts) == 1 and not is_organ(parts[0]):
        # the organ, then the matter with no 关于 (某县人民政府拟征收土地启动公告)
        lead = ORGAN_LEAD_RE.match(parts[0])
        return (lead["organ"],) if lead else ()
    return tuple(parts)


_ENDINGS = "".join(sorted(ORGAN_ENDINGS))
#: An organ at the start of a title's matter: its name up to the first organ ending not
#: followed by another (某县人民政府 | 拟征收…, 某市人民政府办公室 | 拟…).
ORGAN_LEAD_RE = re.compile(
    r"""
    (?P<organ> [\u4e00-\u9fff]{2,28}? [""" + _ENDINGS + r"""] )   # up to an organ ending
    (?! [""" + _ENDINGS + r"""] )                                # not followed by another
    """,
    re.X,
)


def as_named(bylines: tuple[str, ...], named: tuple[str, ...]) -> tuple[str, ...]:
    """The organs of a byline as the document itself names them: a byline giving more of
    the organ's place (某省某市人民政府 where the title says 某市人民政府) is the same
    organ, named as the title names it; other bylines as they are."""
    if named and all(any(b.endswith(n) for n in named) for b in bylines):
        return named
    return bylines
