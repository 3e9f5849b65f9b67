"""Finding each 目录 entry's document in the body of a whole issue.

Contract: :func:`find_title` matches a TOC entry's title against the body lines
(whitespace ignored, similarity ≥ :data:`TITLE_MATCH`, or lower, or the TOC title
inside the body title, with the same 文号 right under it); an exact title line
later on wins over a fuzzy one without a 文号 under it (:func:`prefer_exact`). The
organ line above a title the TOC printed without it (:func:`with_organ_line`), a
文号 (and 红头 masthead) above the title and the order promulgating a 规章 open
their document (:func:`lead_in`). When the TOC and the body print a 文号
differently only by OCR-confusable characters (千/干), the form with more support
in the issue wins and the fix is reported (:func:`resolve_number`).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import replace

from ..model import Document
from .doc_number import (DOC_NUMBER_RE, ORDER_HEAD_RE, ORDER_NUMBER_RE, confusable_variants,
                         doc_number_of_line, normalize_doc_number, order_number_of_line,
                         same_order_number)
from .line_kinds import classify, is_title_like
from .lines import ORGAN_MAX, SourceLine, squash
from .organs import ORGAN_ENDINGS, TITLE_VERB_RE, is_red_head
from .report import ReportBuilder
from .cover import CUMULATIVE_RE, FREQUENCY_RE, ISSUE_NUMBER_RE, PUBLISHED_RE
from .toc import SECTION_BRACKET_RE, TITLE_MAX_LINES, TocEntry
from .titles import similarity

#: Minimum title similarity for a TOC entry to match a body title on its own …
TITLE_MATCH = 0.9


#: … and with the same 文号 printed right under the body title.
TITLE_MATCH_WITH_NUMBER = 0.75


#: A colon: a body title line never has one (colophon and field lines do).
TITLE_STOP_RE = re.compile(
    r"""
    [:：]    # a colon
    """,
    re.X,
)


#: Shortest TOC title looked for inside a longer body title.
CONTAINED_TITLE_MIN = 6


#: Lines before a title searched for the heading of the order (令) that promulgates it.
ORDER_LEAD_MAX = 12


def is_body_title_line(line: SourceLine) -> bool:
    """Can ``line`` be part of a document title (not a masthead or section line)?"""
    masthead = (ISSUE_NUMBER_RE, CUMULATIVE_RE, PUBLISHED_RE, FREQUENCY_RE, SECTION_BRACKET_RE)
    return (is_title_like(line.text) and classify(line) == "para"
            and not any(rx.fullmatch(line.text) for rx in masthead))


@functools.lru_cache(maxsize=8192)
def may_be_in_title(text: str) -> bool:
    """Can a line reading ``text`` be part of a body title (plain text: no label, date
    or note, no colon, no 文号)? Asked for every line against every TOC entry."""
    return (classify(SourceLine(0, text)) == "para" and not TITLE_STOP_RE.search(text)
            and not doc_number_of_line(text))


def title_candidates(lines: list[SourceLine], index: int, toc_title: str):
    """(number of lines, joined text) of the title that may start at ``lines[index]``."""
    limit = 2 * len(squash(toc_title)) + 10
    text = ""
    for count in range(1, TITLE_MAX_LINES + 1):
        if index + count > len(lines):
            return
        line = lines[index + count - 1]
        if line.table is not None or not may_be_in_title(line.text):
            return
        text += line.text
        if len(squash(text)) > limit:
            return
        yield count, text


def number_under(lines: list[SourceLine], index: int, wanted: str) -> bool:
    """Is the 文号 ``wanted`` (as in the TOC) printed within two lines after ``index``?"""
    want = normalize_doc_number(wanted)
    for line in lines[index:index + 2]:
        found = normalize_doc_number(doc_number_of_line(line.text) or "")
        if found and (found == want or confusable_variants(found, want)):
            return True
    return False


def contains_title(text: str, entry: TocEntry) -> bool:
    """Does the body title ``text`` hold the whole TOC title (a TOC that lists a 印发
    notice by the name of what it issues)? Only counts with the 文号 under it."""
    want = squash(entry.title)
    return len(want) >= CONTAINED_TITLE_MIN and want in squash(text)


def title_score(lines: list[SourceLine], index: int, entry: TocEntry) -> tuple[float, int] | None:
    """(similarity, line count) of the best title match for ``entry`` starting at ``index``."""
    best = None
    for count, text in title_candidates(lines, index, entry.title):
        score = similarity(text, entry.title, TITLE_MATCH_WITH_NUMBER)
        close = score >= TITLE_MATCH_WITH_NUMBER or contains_title(text, entry)
        if score >= TITLE_MATCH or (close and entry.number_raw
                                    and number_under(lines, index + count, entry.number_raw)):
            if best is None or score > best[0]:
                best = (score, count)
    return best


def find_title(lines: list[SourceLine], start: int, entry: TocEntry) -> tuple[int, int] | None:
    """(index, line count) of the body title matching ``entry``, searching from ``start``.

    The first match wins, unless one starting on a following line (a neighbour
    taken in by a multi-line candidate) scores better.
    """
    for index in range(start, len(lines)):
        best = title_score(lines, index, entry)
        if best is None:
            continue
        hits = [(best, index)] + [(s, i) for i in range(index + 1, min(index + TITLE_MAX_LINES, len(lines)))
                                  if (s := title_score(lines, i, entry)) is not None]
        (score, count), found = max(hits, key=lambda h: (h[0][0], -h[1]))
        return found, count
    return None


def prefer_exact(body: list[SourceLine], hit: tuple[int, int], entry: TocEntry,
                 later: list[TocEntry]) -> tuple[int, int]:
    """A fuzzy title hit gives way to a later line holding exactly the TOC title
    (``《某方案》解读`` after the enclosed ``某方案``) unless the next TOC entry's
    title comes first."""
    index, count = hit
    if squash(" ".join(ln.text for ln in body[index:index + count])) == squash(entry.title) or any(
            doc_number_of_line(ln.text) for ln in body[index + count:index + count + 2]):
        return hit  # exact already, or a document's head (a 文号 under the title)
    for at in range(index + 1, len(body)):
        if later and title_score(body, at, later[0]) is not None:
            return hit
        exact = next((n for n, text in title_candidates(body, at, entry.title)
                      if squash(text) == squash(entry.title)), None)
        if exact is not None:
            return at, exact
    return hit


def with_organ_line(body: list[SourceLine], lo: int, index: int, count: int) -> tuple[int, int]:
    """The title hit ``(index, count)`` widened by the organ line printed above it when
    the TOC left the organ out (TOC ``关于印发…的通知``, body ``某某市人民政府`` /
    ``关于印发…的通知``)."""
    if index - 1 < lo or not body[index].text.startswith(("关于", "印发", "转发", "批转")):
        return index, count
    above = body[index - 1].text
    if (is_body_title_line(body[index - 1]) and len(above) <= ORGAN_MAX
            and above[-1:] in ORGAN_ENDINGS and not TITLE_VERB_RE.search(above)):
        return index - 1, count + 1
    return index, count


def lead_in(body: list[SourceLine], lo: int, index: int, count: int) -> tuple[int, bool]:
    """(how many lines before the title at ``body[index]``, not before ``lo``, open its
    document; whether the title line stays in the body). Either a 文号 printed above
    the title (none under it), maybe under a 红头 masthead, or the order that
    promulgates a 规章 (``某某人民政府令`` / ``第212号`` / preamble / 落款 / date),
    whose title line then stays to open the regulation text."""
    under = body[index + count].text if index + count < len(body) else ""
    if index - 1 >= lo and doc_number_of_line(body[index - 1].text) \
            and not doc_number_of_line(under):
        return (2 if index - 2 >= lo and is_red_head(body[index - 2].text) else 1), False
    for head in range(index - 2, max(lo, index - ORDER_LEAD_MAX) - 1, -1):
        order = order_number_of_line(body[head].text) or (
            ORDER_HEAD_RE.fullmatch(body[head].text)
            and ORDER_NUMBER_RE.fullmatch(body[head + 1].text))
        if order and any(classify(ln) == "date" for ln in body[head + 1:index]):
            return index - head, True
    return 0, False


def number_prefixes(lines: list[SourceLine]) -> Counter:
    """How often each 文号 prefix is printed in the issue: the evidence for
    :func:`resolve_number`."""
    text = "\n".join(ln.text for ln in lines)  # a 文号 may be cut over two lines
    return Counter(m["prefix"] for m in DOC_NUMBER_RE.finditer(text))


def resolve_number(doc: Document, entry: TocEntry, prefixes: Counter,
                   report: ReportBuilder) -> Document:
    """Compare the body 文号 with the TOC's; fix OCR slips with evidence from the issue
    (``prefixes``: :func:`number_prefixes`)."""
    toc = normalize_doc_number(entry.number_raw)
    if not toc or doc.doc_number == toc:
        return doc
    if not doc.doc_number:
        report.normalize(entry.line, f"文号 {entry.number_raw!r} taken from the TOC")
        return replace(doc, doc_number=toc, doc_number_raw=entry.number_raw)
    if same_order_number(doc.doc_number, toc) or doc.doc_number.endswith(toc):
        return doc  # the same order, or an announcement number cited with its issuer
    if not confusable_variants(doc.doc_number, toc) or not DOC_NUMBER_RE.fullmatch(toc):
        report.uncertain(entry.line, f"TOC 文号 {entry.number_raw!r} differs from body "
                                     f"{doc.doc_number_raw!r}; body kept")
        return doc
    body_prefix = DOC_NUMBER_RE.fullmatch(doc.doc_number)["prefix"]
    toc_prefix = DOC_NUMBER_RE.fullmatch(toc)["prefix"]
    if prefixes[toc_prefix] > prefixes[body_prefix]:
        report.fix(doc.source.lines[0] if doc.source and doc.source.lines else None,
                   f"body 文号 {doc.doc_number_raw!r} corrected to {toc!r} (TOC, and the "
                   f"prefix {toc_prefix} is more frequent in this issue)")
        return replace(doc, doc_number=toc)
    report.fix(entry.line, f"TOC 文号 {entry.number_raw!r} is an OCR slip for "
                           f"{doc.doc_number!r} (body); body kept")
    return doc
