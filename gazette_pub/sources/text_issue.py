"""A whole gazette issue as text extracted from its PDF → :class:`model.Issue`.

The reader: it cuts the issue into its parts and hands each to its recognizer —
the cover and masthead (:mod:`.cover`), the 目录 (:mod:`.toc`), the colophon and
back matter (:mod:`.colophon`), page furniture (:mod:`.furniture`), the documents
found by their titles (:mod:`.title_match`) — then builds each document
(:mod:`.document`). Every part is optional except the documents.

Contract: tables laid out with spaces become tab-separated rows first
(:func:`layout.tabulate_space_columns`); page furniture is dropped next; then
documents are found by matching each TOC entry's title against the body lines.
Front matter and TOC lines are reported as discarded (their content lives in the
gazette/issue metadata and in each document's ``toc_title``/``toc_page``). Without
a TOC, documents are found by their 文号 lines (:func:`split_by_doc_numbers`). A
section heading also printed in the body above its first document marks its
section ``in_body`` (inside a document it is a running head, discarded); a
colophon or back matter (本刊简介 …) after the last document is cut off and read.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from ..model import Document, Gazette, Issue, Section, SourceRef
from .breaks import text_layout
from .colophon import read_colophon, split_back_matter, strip_trailing_colophon
from .cover import (GAZETTE_NAME_RE, ISSUE_NUMBER_RE, Cover, join_broken_mastheads, read_cover,
                    read_cover_line)
from .doc_number import doc_number_of_line
from .document import DocInput, build_document
from .furniture import is_running_head, strip_page_furniture, strip_section_heads
from .layout import tabulate_space_columns
from .line_kinds import classify, to_items
from .lines import SourceLine, source_lines, squash
from .organs import is_red_head
from .report import ReportBuilder
from .title_match import (find_title, is_body_title_line, lead_in, number_prefixes,
                          prefer_exact, resolve_number, with_organ_line)
from .titles import clean_title
from .toc import (SECTION_BRACKET_RE, TITLE_MAX_LINES, TOC_HEADER_RE, TocEntry, is_section_line,
                  pageless_toc, parse_toc)

logger = logging.getLogger(__name__)

def document_inputs(body: list[SourceLine], entries: list[TocEntry],
                    report: ReportBuilder) -> list[tuple[TocEntry, DocInput]]:
    """Cut ``body`` at the titles of the TOC entries (and the lines that lead in to
    them, see :func:`lead_in`)."""
    found: list[tuple[TocEntry, int, int, int]] = []
    cursor = 0
    for n, entry in enumerate(entries):
        hit = find_title(body, cursor, entry)
        if hit is None:
            report.uncertain(entry.line, f"TOC entry {entry.title!r} not found in the body")
            continue
        hit = prefer_exact(body, hit, entry, entries[n + 1:])
        hit = with_organ_line(body, cursor, *hit)
        lead, keep_title = lead_in(body, cursor, *hit)
        if lead:
            report.normalize(body[hit[0] - lead].no, f"lines {body[hit[0] - lead].no}-"
                                                     f"{body[hit[0] - 1].no} above the title "
                                                     f"{entry.title!r} open its document")
        found.append((entry, *hit, lead, keep_title))
        cursor = hit[0] + hit[1]
    out = []
    for seq, (entry, index, count, lead, keep_title) in enumerate(found, start=1):
        end = found[seq][1] - found[seq][3] if seq < len(found) else len(body)
        raw_title = " ".join(ln.text for ln in body[index:index + count])
        title = clean_title(raw_title, entry.title)
        if squash(title) != squash(entry.title):
            report.uncertain(body[index].no, f"body title {title!r} differs from the TOC "
                                             f"title {entry.title!r}")
        if raw_title != title:
            report.normalize(body[index].no, f"title {raw_title!r}: wrap spaces removed")
        # a 文号 above the title is read as if under it; an order keeps the title
        # line, which then opens the regulation (an enclosed document)
        lines = (body[index - lead:end] if keep_title
                 else body[index - lead:index] + body[index + count:end])
        out.append((entry, DocInput(title=title, body=lines, seq=seq,
                                    toc_title=entry.title, toc_page=entry.page,
                                    first_line=body[index - lead].no)))
    return out


#: Lines at the top of an issue without a TOC searched for the gazette name.
FRONT_NAME_LINES = 40


def split_by_doc_numbers(body: list[SourceLine], cover: Cover) -> list[TocEntry]:
    """Without a TOC: pseudo-entries from the title lines above each 文号 line (a
    running head of ``cover``'s gazette is no title line); a 【…】 line in the body
    opens a section."""
    entries = []
    section = ""
    for index, line in enumerate(body):
        if match := SECTION_BRACKET_RE.fullmatch(line.text):
            section = match["title"]
        number = doc_number_of_line(line.text)
        if not number or ISSUE_NUMBER_RE.fullmatch(line.text):  # 2023年第5号: the masthead
            continue
        start = index
        while (start > 0 and index - start < TITLE_MAX_LINES and is_body_title_line(body[start - 1])
               and not is_running_head(body[start - 1].text, cover)
               and not TOC_HEADER_RE.fullmatch(body[start - 1].text)):
            start -= 1
        end = index + 1
        if start == index - 1 and is_red_head(body[start].text):  # 红头 / 文号 / title
            start = index
            while (end < len(body) and end - index <= TITLE_MAX_LINES
                   and is_body_title_line(body[end])):
                end += 1
        title_lines = body[start:index] or body[index + 1:end]
        if title_lines:
            entries.append(TocEntry(section, "".join(ln.text for ln in title_lines), number, None,
                                    line.no))
    return entries


def sections_of(pairs: list[tuple[TocEntry, Document]], printed: set[str],
                report: ReportBuilder) -> tuple[Section, ...]:
    """Sections in TOC order; ``printed`` holds the titles also printed in the body."""
    sections: list[tuple[str, list[Document]]] = []
    for entry, doc in pairs:
        if not sections or sections[-1][0] != entry.section:
            sections.append((entry.section, []))
        sections[-1][1].append(doc)
    if any(not title for title, _ in sections):
        report.uncertain(None, "documents without a TOC section heading: section title left empty")
    return tuple(Section(title, tuple(docs), title in printed) for title, docs in sections)


def cut_printed_sections(front: list[SourceLine], inputs: list[tuple[TocEntry, DocInput]],
                         report: ReportBuilder):
    """Section headings printed in the body, above a section's first document, are cut
    from the text before it; returns (front, inputs, titles printed in the body)."""
    printed: set[str] = set()
    out: list[tuple[TocEntry, DocInput]] = []
    for entry, doc in inputs:
        before = out[-1][1].body if out else front
        opens = not out or out[-1][0].section != entry.section
        if opens and before and is_section_line(before[-1], entry.section):
            printed.add(entry.section)
            report.normalize(before[-1].no, f"section heading {entry.section!r} printed in the body")
            if out:
                out[-1] = (out[-1][0], replace(out[-1][1], body=before[:-1]))
            else:
                front = before[:-1]
        out.append((entry, doc))
    return front, out, printed


def read_front(lines: list[SourceLine], cover: Cover, report: ReportBuilder):
    """(TOC entries, lines after the TOC, whether there is a TOC): the cover and TOC
    read into ``cover``. Without a TOC, entries come from the 文号 lines and every
    line is body (the cover is then read from the lines before the first document).
    """
    toc_at = next((i for i, ln in enumerate(lines) if TOC_HEADER_RE.fullmatch(ln.text)), None)
    if toc_at is not None:
        furniture = Cover()  # slogans printed between TOC pages come after the cover's
        entries, length = parse_toc(lines[toc_at:], furniture, report)
        if entries:
            read_cover(lines[:toc_at], cover, report)
            cover.slogans += [s for s in furniture.slogans if s not in cover.slogans]
            return entries, lines[toc_at + length:], True
    named = Cover(name=next((ln.text for ln in lines[:FRONT_NAME_LINES]
                             if GAZETTE_NAME_RE.fullmatch(ln.text)), ""))
    entries = split_by_doc_numbers(lines, named)
    listed = pageless_toc(entries, lines, toc_at)
    if listed:
        end = next(i for i, ln in enumerate(lines) if ln.no == listed[-1].line) + 1
        report.uncertain(lines[toc_at].no, "TOC without page numbers: its entries are the "
                                           "documents listed before their texts")
        read_cover(lines[:toc_at], cover, report)
        report.discard(lines[toc_at:end], "table of contents (in toc_title and sections)")
        return listed, lines[end:], True
    report.uncertain(None, "no TOC entries: documents found by their 文号 lines")
    return entries, lines, False


def read_tail(inputs: list[tuple[TocEntry, DocInput]], cover: Cover, report: ReportBuilder):
    """Cut a trailing colophon and back matter off the last document; (inputs, back matter)."""
    if not inputs:
        return inputs, ()
    entry, last = inputs[-1]
    rest, back_matter = split_back_matter(strip_trailing_colophon(last.body, cover, report), report)
    rest = strip_trailing_cover(rest, cover, report)
    return inputs[:-1] + [(entry, replace(last, body=rest))], back_matter


#: Most lines of cover matter looked for after the last document's date.
TAIL_COVER_MAX = 60


def is_cover_matter(lines: list[SourceLine], cover: Cover) -> bool:
    """Is every line of ``lines`` understood as cover matter (read into a scratch cover)?"""
    scratch, role = Cover(name=cover.name), None
    for index in range(len(lines)):
        reason, role = read_cover_line(lines, index, scratch, role)
        if reason == "?":
            return False
    return True


def strip_trailing_cover(body: list[SourceLine], cover: Cover,
                         report: ReportBuilder) -> list[SourceLine]:
    """Cover matter printed after the last document's date (the back cover: editorial
    committee, masthead, 刊号 or other colophon lines, a frequency such as 不定期发行)
    is cut off and read into ``cover``: the longest run of such lines at the end, after
    the date, each one understood as cover matter."""
    dates = [i for i, ln in enumerate(body) if classify(ln) == "date"]
    if not dates:
        return body
    start = next((s for s in range(max(dates[-1] + 1, len(body) - TAIL_COVER_MAX), len(body))
                  if is_cover_matter(body[s:], cover)), None)
    if start is None:
        return body
    read_cover(body[start:], cover, report)
    return body[:start]


def read_text_issue(text: str, *, source_file: str, gazette_id: str,
                    report: ReportBuilder) -> Issue:
    """Read a whole issue (see the module doc) into an :class:`Issue`."""
    text = tabulate_space_columns(text, report)
    return read_issue_lines(join_broken_mastheads(source_lines(text), report),
                            source_file=source_file,
                            gazette_id=gazette_id, report=report)


def read_issue_lines(lines: list[SourceLine], *, source_file: str, gazette_id: str,
                     report: ReportBuilder) -> Issue:
    """:func:`read_text_issue` on lines already cut (and cleaned) by a reader."""
    cover = Cover()
    entries, body, has_toc = read_front(lines, cover, report)
    if has_toc:  # the cover is known: furniture goes before titles are looked for
        body = strip_page_furniture(body, cover, report)
    inputs = document_inputs(body, entries, report)
    first = inputs[0][1].first_line if inputs else None
    front = [ln for ln in body if first is not None and ln.no < first]
    front, inputs, printed = cut_printed_sections(front, inputs, report)
    inputs = strip_section_heads(inputs, report)
    if front:
        (read_colophon if has_toc else read_cover)(front, cover, report)
    if not has_toc:
        inputs = [(entry, replace(doc, body=strip_page_furniture(doc.body, cover, report)))
                  for entry, doc in inputs]
    inputs, back_matter = read_tail(inputs, cover, report)
    if not cover.year and cover.number and cover.date:
        cover.year = cover.date.year
        report.normalize(None, f"issue year {cover.year} taken from the publication date")
    prefixes = number_prefixes(lines)
    layout = text_layout(to_items([ln for _, doc in inputs for ln in doc.body]))
    pairs = []
    for entry, doc_input in inputs:
        doc_input = replace(doc_input, layout=layout)
        doc = build_document(doc_input, gazette_id=gazette_id, year=cover.year,
                             number=cover.number, source_file=source_file, report=report)
        pairs.append((entry, resolve_number(doc, entry, prefixes, report)))
    gazette = Gazette(id=gazette_id, name=cover.name, frequency=cover.frequency,
                      slogans=tuple(cover.slogans),
                      editorial_committee=tuple((r, tuple(n)) for r, n in cover.committee),
                      colophon=tuple(cover.colophon))
    return Issue(gazette=gazette, year=cover.year, number=cover.number,
                 cumulative=cover.cumulative, date=cover.date,
                 sections=sections_of(pairs, printed, report), back_matter=back_matter,
                 source=SourceRef(source_file))
