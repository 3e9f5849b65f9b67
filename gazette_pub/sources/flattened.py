"""Flattened text: a document whose line breaks were all lost (a scraper's output).

Contract: :func:`unflatten` returns the lines of a document with every line that
holds a whole document's structure run together (longer than :data:`FLAT_MIN`
characters, opening with a document's head — a title before its 文号 or its 主送 —
and with at least :data:`BREAKS_MIN` places where a new line must start)
cut at those places; other lines are kept as they are. The places are found from
punctuation and numbering only:

1. the head: after the title's kind word when a 文号 follows it (``…的通知某政发〔2024〕3号``),
   after that 文号, and after a 主送 ending in a colon (``各区人民政府，市直各部门：``);
2. before a heading label (一、 （一） 1. （1） 第X章 第X条) or a 附件 note that follows a
   sentence end (。！？) or a title-like run (an enclosed document's title);
3. the closing: before a release note (（此件公开发布）) and after it, before a date
   that follows a sentence end or an organ (the 落款, itself cut off the sentence before
   it when it names organs only), and after that date.

Every piece keeps the source line number; nothing is added or dropped (the pieces
joined give the line back), and each cut line is reported.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .doc_number import DOC_NUMBER_RE
from .flattened_page import joint_organ_cuts, opening_cuts, order_cuts, page_cuts, page_start
from .headings import LABEL_RES
from .line_kinds import PUBLIC_NOTE_RE, is_addressee
from .lines import SourceLine
from .organs import BARE_OFFICE_RE, is_signer_line
from .report import ReportBuilder
from .site_chrome import is_chrome_text

#: A line this long may be a whole document run together.
FLAT_MIN = 100
#: Cuts a line must show to be read as run together.
BREAKS_MIN = 3
#: Characters from the start searched for the head (title, 文号, 主送).
HEAD_SPAN = 240
#: Longest title-like run before a heading label that is an enclosed document's title.
TITLE_RUN_MAX = 60

#: The kind word that ends a title (…的通知 / …办法), where a 文号 may follow.
TITLE_END_RE = re.compile(
    r"""
    (?: 通知 | 通报 | 通告 | 公告 | 决定 | 意见 | 批复 | 复函 | 函 | 报告 | 请示 | 纪要
      | 办法 | 规定 | 条例 | 细则 | 方案 | 规划 | 计划 | 要点 | 措施 | 公报 | 名单 | 清单
      | 规范 | 规则 | 规程 | 章程 | 预案 | 纲要 | 指南 | 制度
      | 目录 | (?<!代) 表 )    # a table, not 人大代表
    (?: \s* [(（] [^()（），,。]{1,8} [)）] )?   # and its status: (试行) / (2024年修订)
    """,
    re.X,
)
#: Sentence ends after which a heading or a 附件 note may start a line.
SENTENCE_END = "。！？!?"
#: A heading label or a 附件 note where a new line may start.
LINE_START_RE = re.compile(
    r"""
    (?= 第 [一二三四五六七八九十百零〇\d]+ [章条] [\s\u3000]*    # 第一章 / 第一条
      | [一二三四五六七八九十]{1,3} 、                              # 一、
      | [（(] [一二三四五六七八九十]{1,3} [）)]                     # （一）
      | \d{1,2} [.．、] (?!\d)                                     # 1.
      | [（(] \d{1,2} [）)]                                         # （1）
      | 附 \s* 件 \s* \d{0,2} \s* [：:]                             # 附件：
    )
    """,
    re.X,
)
#: A heading label at the start of a run (to tell a heading's own run).
LABEL_START_RE = re.compile(
    r"""
    第 [一二三四五六七八九十百零〇\d]+ [章条] | [一二三四五六七八九十]{1,3} 、
  | [（(] [一二三四五六七八九十]{1,3} [）)] | \d{1,2} [.．、] | [（(] \d{1,2} [）)]
    """,
    re.X,
)
#: A date as the 落款 prints it, maybe in Chinese numerals.
DATE_RE = re.compile(
    r"""
    (?: \d{4} | [〇○零一二三四五六七八九OＯ0]{4} ) \s* 年 \s*     # (二OO四: a letter O for 〇)
    (?: \d{1,2} | [一二三四五六七八九十]{1,3} ) \s* 月 \s*
    (?: \d{1,2} | [一二三四五六七八九十]{1,3} ) \s* 日
    """,
    re.X,
)
#: Sentence punctuation a title never holds (it may hold 、).
SENTENCE_PUNCT_RE = re.compile(
    r"""
    [，,。；;：:！？!?]
    """,
    re.X,
)
#: A Chinese character.
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
#: A Latin digit (an organ's name holds none; a 文号 does).
DIGIT_RE = re.compile(r"[0-9]")
#: Sentence punctuation (a title-like run holds none).
PUNCT_RE = re.compile(
    r"""
    [，,。；;：:！？!?、]
    """,
    re.X,
)


def head_cuts(text: str) -> list[int]:
    """Cuts in the head: after the title (when a 文号 follows it), after the 文号, after
    the 主送."""
    cuts: list[int] = []
    start = 0
    titled = False
    for number in DOC_NUMBER_RE.finditer(text[:HEAD_SPAN]):
        if SENTENCE_PUNCT_RE.search(text, 0, number.start()):
            break  # a 文号 cited in the text, not the head's
        # the title ends with its kind word right before the 文号's prefix
        bracket = number.start() + len(number["prefix"])
        title_end = max((m.end() for m in TITLE_END_RE.finditer(text, 0, bracket)
                         if 0 < bracket - m.end() <= 10  # (not a kind word ending the prefix: 某公告〔)
                         and not SENTENCE_PUNCT_RE.search(text[:m.end()])),
                        default=None)
        if title_end and text[title_end:title_end + 1] == "》" \
                and text.count("《", 0, title_end) > text.count("》", 0, title_end):
            title_end += 1  # the site's 《》 around the whole title: 《…的通知》某办发〔2016〕26号
        if title_end:
            end = number.end()
            if text[end:end + 1] in (")", "）") and text[title_end:title_end + 1] in ("(", "（"):
                end += 1  # the 文号 in brackets after the title: （某办发〔2017〕2号）
            cuts += [title_end, end]
            start, titled = end, True
            break
        if number.start() == 0 or not CJK_RE.match(text[number.start() - 1]):
            # a 文号 standing apart (a page title 文号《title》, the 文号 printed twice)
            cuts += [number.start(), number.end()]
        else:  # run on after text that is no title (a title cut short): where its
            cuts.append(number.end())  # prefix starts is not known, where it ends is
        start = number.end()
    if not titled and (spaced := SPACED_TITLE_RE.match(text, start)):
        # a 通告 or 公告 (no 文号, no 主送): its title, a space
        return cuts + [spaced.end("title")]
    if not titled and (lead := LEAD_TITLE_RE.match(text, start)):
        # a regulation (no 文号, no 主送): its title, then its 题注 or its first article
        return cuts + [lead.end("title")] + ([lead.end("note")] if lead["note"] else [])
    colon = min((i for i in (text.find("：", start), text.find(":", start)) if i >= 0),
                default=-1)
    if not 0 <= colon < start + HEAD_SPAN:
        return cuts
    if is_addressee(text[start:colon + 1]):
        cuts.append(colon + 1)
    elif not titled:  # the title ends with its kind word right before the 主送
        title_end = next((m.end() for m in reversed(list(TITLE_END_RE.finditer(text, start, colon)))
                          if is_addressee(text[m.end():colon + 1])), None)
        if title_end is not None:
            cuts += [title_end, colon + 1]
    return cuts


#: A title at the start of a text whose blocks a scraper joined with spaces: the title
#: (no sentence punctuation) ending in its kind word, then a space.
SPACED_TITLE_RE = re.compile(
    r"""
    (?P<title> [^，,。；;：:！？!?\s]{4,60}? (?: 通知 | 通告 | 公告 | 决定 | 意见 | 办法 | 规定 | 批复 ) )
    \s+ \S
    """,
    re.X,
)
#: A title run into what a regulation prints under it: a dated 题注 in brackets, or
#: its first chapter or article.
LEAD_TITLE_RE = re.compile(
    r"""
    (?P<title> [^，,。；;：:！？!?(（]{4,60}? (?: 条例 | 办法 | 规定 | 细则 | 规则 | 决定 | 通告 | 公告 )
               (?: [(（] [^()（）年]{1,8} [)）] )? )                 # (试行) / (2004年修正) below
    (?: (?P<note> [(（] [^()（）]{0,40}? \d{4} \s* 年 [^()（）]{1,80} [)）] )   # (2003年…通过)
      | (?= 第 [一二三四五六七八九十]+ [章条] ) )                         # or 第一章 / 第一条
    """,
    re.X,
)
#: A space a scraper left between two paragraphs: after a sentence end or a colon.
PARAGRAPH_SPACE_RE = re.compile(
    r"""
    (?<= [。：:；;！？!?] ) \s+ (?= \S )
    """,
    re.X,
)


def space_cuts(text: str) -> list[int]:
    """Where a text whose paragraphs a scraper joined with spaces splits: each space after
    a sentence end or a colon, and the space after a run naming organs only (the 落款)."""
    cuts = [m.end() for m in PARAGRAPH_SPACE_RE.finditer(text)]
    for a, b in zip(cuts, cuts[1:] + [len(text)]):
        run = text[a:b]
        head = run.split(None, 1)
        if len(head) == 2 and is_signer_line(head[0]) and not PUNCT_RE.search(head[0]):
            cuts.append(a + run.index(head[1]))  # 某某市公安局 年2月20日 …
    cuts += [m.end() for m in re.finditer(r"\s+", text)
             if m.start() > len(text) // 2 and is_chrome_text(text[m.end():])]  # … 来源:某网 |
    return cuts


#: A space between two runs of the head (a line break a scraper made a space): not
#: between single characters (a letter-spaced name), a number's digits, nor inside 《》.
HEAD_GAP_RE = re.compile(
    r"""
    (?<= [^\s\d]{2} ) \s+ (?= [^\s\d]{2} )    # (not 第 42 号: a number's spaces)
    """,
    re.X,
)


def head_gaps(text: str, start: int, stop: int) -> list[int]:
    """Where the head ``text[start:stop]`` (before the first sentence punctuation) has a
    space between two runs: a line break a scraper replaced by a space."""
    return [m.end() for m in HEAD_GAP_RE.finditer(text, start, stop)
            if text.count("《", start, m.start()) == text.count("》", start, m.start())]


def headlike_gap(text: str, gaps: list[int]) -> bool:
    """Does a gap of the head follow a title's kind word or a 文号 (the head of a
    document whose line breaks became spaces)?"""
    for gap in gaps:
        tail = text[max(0, gap - 30):gap].rstrip()
        if any(m.end() == len(tail) for m in TITLE_END_RE.finditer(tail)) \
                or any(m.end() == len(tail) for m in DOC_NUMBER_RE.finditer(tail)):
            return True
    return False


def title_end_in(text: str, start: int) -> int | None:
    """Where a title-like run from ``start`` ends with its kind word (an enclosed
    document's title glued to its first sentence), or None."""
    stop = SENTENCE_PUNCT_RE.search(text, start)
    end = stop.start() if stop else len(text)
    if end - start > TITLE_RUN_MAX:
        end = start + TITLE_RUN_MAX
    ends = [m.end() for m in TITLE_END_RE.finditer(text, start, end)
            if text.count("《", start, m.end()) == text.count("》", start, m.end())]
    spaced = [e for e in ends if text[e:e + 1].isspace()]  # a gap the source kept after it
    if spaced:
        return spaced[0]
    return ends[-1] if ends and ends[-1] < end else None  # (not a kind word inside 《…》)


def signer_start(run: str) -> int | None:
    """Where the 落款 starts in ``run`` (the text between a sentence end and a date): the
    whole run when it names organs only, else after the title kind word of an
    attachment list before it (``附件：某某名单某某局``); None when no organ ends it."""
    def names_organs(part: str) -> bool:
        return bool(part) and not PUNCT_RE.search(part) and not DIGIT_RE.search(part) \
            and is_signer_line(part)  # (a 文号 before the 落款 is no organ's)

    if names_organs(run.strip()) or BARE_OFFICE_RE.fullmatch(run.strip()):
        return 0  # (an office alone: a site printing an order's 落款 as 省长)
    for match in reversed(list(TITLE_END_RE.finditer(run))):
        if names_organs(run[match.end():].strip()):
            return match.end()
    return None


def body_cuts(text: str) -> list[int]:
    """Cuts before headings and 附件 notes, and around the closing (see the module doc)."""
    cuts: list[int] = []
    for match in LINE_START_RE.finditer(text):
        i = match.start()
        if i == 0:
            continue
        last_end = max(text.rfind(c, 0, i) for c in SENTENCE_END + "）)")
        run = text[last_end + 1:i]
        label = LINE_START_RE.match(run) and LABEL_START_RE.match(run)
        heading_run = bool(label) and len(run) <= TITLE_RUN_MAX and (
            not SENTENCE_PUNCT_RE.search(run[label.end():])
            # a heading with a comma (一、把握要求，明确目标) before a lower label: （一）
            or (len(run) <= HEADING_COMMA_MAX and not CLAUSE_END_RE.search(run[label.end():])
                and LABEL_START_RE.match(text, i) is not None
                and label_rank(LABEL_START_RE.match(text, i).group()) > label_rank(label.group())))
        if heading_run:
            cuts.append(i)  # 二、加强排查（一）…: a heading of its own line before it
        elif text[i - 1] in SENTENCE_END or (
                0 < len(run) <= TITLE_RUN_MAX and not PUNCT_RE.search(run) and last_end >= 0):
            if not (text[i - 1] in SENTENCE_END) and run:
                cuts.append(last_end + 1)  # the enclosed document's title on its own line
            cuts.append(i)
    for note in PUBLIC_NOTE_RE.finditer(text):
        cuts += [note.start(), note.end()]
        if (title_end := title_end_in(text, note.end())) is not None:
            cuts.append(title_end)  # the enclosed document's title, then its text
    for date in DATE_RE.finditer(text):
        before = text[:date.start()]
        sentence_end = max(before.rfind(c) for c in SENTENCE_END + "）)》")
        run = before[sentence_end + 1:]
        signer = signer_start(run) if run.strip() else None
        after = text[date.end():date.end() + 1]
        closing = not run.strip() and sentence_end >= 0 and after not in SENTENCE_GOES_ON
        if signer is None and after and after not in "（(附" and not closing \
                and not LINE_START_RE.match(text, date.end()):
            continue  # a date inside a sentence (自2024年1月1日起施行)
        if run.strip() and signer is None and CLOSING_RUN_RE.fullmatch(run.strip()):
            cuts += [sentence_end + 1, date.start(), date.end()]  # 特此公告 then the date
            continue
        if run.strip() and signer is None:
            continue
        if run.strip():
            cuts.append(sentence_end + 1 + signer)
            start = sentence_end + 1 + signer
            cuts += [start + k for k in joint_organ_cuts(text[start:date.start()])]
        cuts += [date.start(), date.end()]
        if signer is not None and (title_end := title_end_in(text, date.end())) is not None:
            cuts.append(title_end)  # the 落款's date, then an enclosed document's title
    return cuts


#: What follows a date that opens a sentence (2024年3月1日起，… / 2024年3月1日，…):
#: after a date standing alone under the text (its 落款 date) comes none of these.
SENTENCE_GOES_ON = frozenset("，,、。；;：:起至前后以到止内")


#: The closing formula alone between a sentence end and the date (特此公告2022年1月29日).
CLOSING_RUN_RE = re.compile(
    r"""
    特此 (?: 通知 | 通告 | 公告 | 函告 | 批复 ) [。.]? | 此复 [。.]? | 现予公告 [。.]?
    """,
    re.X,
)


#: Longest heading run with a comma in it (一、把握总体要求，明确工作目标).
HEADING_COMMA_MAX = 30
#: Punctuation that ends a clause a heading never holds (a comma it may).
CLAUSE_END_RE = re.compile(
    r"""
    [。；;：:！？!?]
    """,
    re.X,
)
#: Heading labels from the highest level down (第X章, 第X条, 一、, （一）, 1., （1）).
LABEL_RANKS = (
    re.compile(r"第 [一二三四五六七八九十百零〇\d]+ 章", re.X),
    re.compile(r"第 [一二三四五六七八九十百零〇\d]+ 条", re.X),
    re.compile(r"[一二三四五六七八九十]{1,3} 、", re.X),
    re.compile(r"[（(] [一二三四五六七八九十]{1,3} [）)]", re.X),
    re.compile(r"\d{1,2} [.．、]", re.X),
    re.compile(r"[（(] \d{1,2} [）)]", re.X),
)


def label_rank(label: str) -> int:
    """The level of a heading label (0 for 第X章 … 5 for （1））."""
    return next((k for k, pattern in enumerate(LABEL_RANKS) if pattern.fullmatch(label)),
                len(LABEL_RANKS))


def cut_line(line: SourceLine) -> list[SourceLine]:
    """``line`` cut at its structure's places (the line itself when it is no flattened
    document: too short, or too few places). A page's opening (chrome, metadata, the
    title printed twice, an organ line, an order heading) is cut first
    (:mod:`.flattened_page`), then the document's head from where the opening ends."""
    text = line.text
    if len(text) < FLAT_MIN or line.table is not None:
        return [line]
    page = page_cuts(text)
    start = page_start(text, page)
    start += len(text[start:]) - len(text[start:].lstrip())
    head = [start + c for c in head_cuts(text[start:])]
    stop = SENTENCE_PUNCT_RE.search(text, start)
    stop_at = min(stop.start() if stop else len(text), start + HEAD_SPAN)
    opening = opening_cuts(text, start, head, stop_at)
    label = LABEL_START_RE.search(text, start + 1, stop_at)  # (the head ends before it)
    gaps = [gap for gap in head_gaps(text, start, stop_at) if not label or gap <= label.start()]
    if "。" not in text or not head and not order_cuts(text, start, stop_at) \
            and not (len(gaps) >= BREAKS_MIN - 1 and (page or headlike_gap(text, gaps))):
        # no title ending before a 文号 or a 主送, no order heading: running text (or
        # a page's field table), not a document
        return [line]
    spaces = space_cuts(text)
    if len(spaces) < BREAKS_MIN:
        spaces = []  # a space here and there is no paragraph break
    cuts = sorted({c for c in page + opening + head + gaps + body_cuts(text) + spaces
                   if 0 < c < len(text)})
    if len(cuts) < BREAKS_MIN:
        return [line]
    pieces = [text[a:b] for a, b in zip([0] + cuts, cuts + [len(text)])]
    return [replace(line, text=piece.strip(), indented=False)
            for piece in pieces if piece.strip()]


#: A 落款 and its date run together on one line (某某人民政府2024年3月1日, 市长 某某二O一一年八月十日).
CLOSING_LINE_RE = re.compile(
    r"""
    (?P<signer> [^\d，,。；;：:！？!?、《》()（）]{2,40}? ) \s*
    (?P<date> (?: \d{4} | [〇○零一二三四五六七八九OＯ0]{4} ) \s* 年 \s*
              (?: \d{1,2} | [一二三四五六七八九十]{1,3} ) \s* 月 \s*
              (?: \d{1,2} | [一二三四五六七八九十]{1,3} ) \s* 日 )
    """,
    re.X,
)


def closing_cut(line: SourceLine) -> list[SourceLine]:
    """A line holding a 落款 (organs, or an official with his name) and its date run
    together, as its two lines; any other line as it is."""
    match = CLOSING_LINE_RE.fullmatch(line.text)
    if not match or not (is_signer_line(match["signer"].strip())
                         or BARE_OFFICE_RE.fullmatch(match["signer"].strip())):
        return [line]
    return [replace(line, text=match["signer"].strip()), replace(line, text=match["date"])]


#: A top-level heading label (第X章, 一、) opening a piece: a heading, or a numbered paragraph.
TOP_LABEL_RE = re.compile(
    r"""
    (?: 第 [一二三四五六七八九十百零〇\d]+ 章 | [一二三四五六七八九十]{1,3} 、 ) \s*
    """,
    re.X,
)


def heading_run_on(piece: str) -> bool:
    """Does ``piece`` open with a heading label whose heading may run into its paragraph
    with nothing between (一、总体目标围绕…，到2025年…): a clause follows the label, ended by
    a comma, with no sentence end within a heading's length? Where the heading ends
    cannot be told from punctuation: it is reported, not cut by guess."""
    label = TOP_LABEL_RE.match(piece)
    if not label or len(piece) <= HEADING_COMMA_MAX:
        return False  # (a heading with a comma, cut before the label under it)
    head = piece[label.end():label.end() + HEADING_COMMA_MAX]
    return not CLAUSE_END_RE.search(head) and bool(re.search(r"[，,]", head))


def unflatten(lines: list[SourceLine], report: ReportBuilder) -> list[SourceLine]:
    """``lines`` with every flattened line cut into the lines of its structure, and a
    落款 run together with its date cut from it (each reported)."""
    out: list[SourceLine] = []
    for line in lines:
        pieces = cut_line(line)
        if len(pieces) > 1:
            report.normalize(line.no, f"text without line breaks ({len(line.text)} characters) "
                                      f"cut into {len(pieces)} lines at its headings, 文号, "
                                      "主送, 落款, date and notes")
            for piece in pieces:
                if heading_run_on(piece.text):
                    report.uncertain(line.no, f"heading or paragraph: {piece.text[:20]!r}… — a "
                                              "heading label opens a run with no punctuation "
                                              "where a heading would end: kept as one "
                                              "paragraph, not cut by guess")
        elif len(pieces := closing_cut(line)) > 1:
            report.normalize(line.no, f"落款 {pieces[0].text!r} and its date on one line: "
                                      "cut apart")
        out += pieces
    return out
