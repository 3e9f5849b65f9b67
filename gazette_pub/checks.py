"""Build-time checks on the rendered output: nothing lost, nothing live.

A gazette is the authoritative text (标准文本): a build whose PDF or HTML lacks
a character of the manifest, or whose HTML could run code, must not be
published. :func:`check_output` runs after rendering and before anything is
written (``pipeline.assemble_issue``), and raises one :class:`OutputError`
listing every problem.

What "the same text" means here: the manifest text and the rendered text are
compared after removing whitespace and invisible format characters on both
sides (:func:`comparable`). The print edition inserts U+2060 WORD JOINERs and
drops ASCII spaces next to Chinese text (``render/typography.py``); layout
turns line ends into breaks; neither is a loss. Every other character — a
full-width letter, a 〔 bracket, a CJK Ext-B name — must appear exactly, with one
exception in the PDF only: an ASCII mark and its full-width form read back alike
(:data:`PDF_MARKS_FOLD`).
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path, PurePosixPath
from typing import Iterator

from lxml import html as lxml_html

from . import urls
from .body_table import toml_string
from .errors import OutputError, Problem
from .manifest import gazette_file
from .model import (AttachmentNote, DateLine, Document, Heading, Issue, ListBlock,
                    Signature, TableBlock)
from .sanitize import live_markup

logger = logging.getLogger(__name__)

#: What a comparison ignores: whitespace of any kind, and invisible format characters
#: (category Cf: word joiners, zero-width spaces, soft hyphens) that renderers insert.
IGNORED_RE = re.compile(
    r"""
    \s                                    # spaces, line ends, U+3000 ideographic space
  | [\u00ad\u200b-\u200f\u2060-\u2064]    # soft hyphen, zero-width chars, word joiner
  | [\ufeff]                              # zero-width no-break space
    """,
    re.X,
)


#: ASCII marks and their full-width forms (U+FF01–FF5E less letters and digits) made
#: one, for the PDF only: the print edition sets ASCII marks in Chinese text with their
#: full-width glyphs (``fwid``, render/typography.py), and a PDF maps each glyph to one
#: character, so "(" and "（" cannot be told apart in its text. The HTML stays exact.
PDF_MARKS_FOLD = str.maketrans({chr(code + 0xFEE0): chr(code) for code in range(0x21, 0x7F)
                                if not chr(code).isalnum()})


def comparable(text: str) -> str:
    """``text`` without what a comparison ignores (:data:`IGNORED_RE`)."""
    return IGNORED_RE.sub("", text)


def document_texts(doc: Document) -> Iterator[tuple[str, str]]:
    """(where, text) of every text of ``doc`` that both editions print, in reading order."""
    yield "title", doc.title
    if doc.doc_number:
        yield "doc_number", doc.doc_number
    yield from _blocks_texts("", doc.blocks)
    for number, enclosed in enumerate(doc.enclosed, 1):
        yield f"enclosed {number} title", enclosed.title
        yield from _blocks_texts(f"enclosed {number} ", enclosed.blocks)


def _blocks_texts(prefix: str, blocks) -> Iterator[tuple[str, str]]:
    for number, block in enumerate(blocks, 1):
        where = f"{prefix}block {number} ({block.type})"
        yield from ((where, text) for text in block_texts(block))


def block_texts(block) -> Iterator[str]:
    """The printed texts of one block, in reading order (a table row by row)."""
    if isinstance(block, Heading):
        yield block.full_text
    elif isinstance(block, TableBlock):
        table = block.table
        yield table.check
        yield table.caption
        yield from (cell.text for row in table.header_rows + table.rows for cell in row)
        yield from table.footnotes
    elif isinstance(block, Signature):
        yield from block.lines
    elif isinstance(block, ListBlock):
        yield from block.items
    elif isinstance(block, AttachmentNote):
        yield block.text
    else:
        yield block.text


#: Most characters the rendered text may hold between two consecutive characters of
#: the manifest text: room for a running head, a page number and a repeated table
#: header at a page break, small enough that a lost block is not "found" further on.
MAX_GAP = 600
#: Texts tried ahead when a text is not found, to tell which one was lost.
LOOKAHEAD = 6
#: Lost texts named in one problem (the rest are counted).
MAX_NAMED = 5


def lost_text(doc: Document, rendered: str, *, fold: dict | None = None) -> Problem | None:
    """A problem naming the texts of ``doc`` missing from ``rendered`` (None when none is).

    ``rendered`` must hold the document's texts in reading order, but anything may
    come before the title (a neighbouring document on a shared page, navigation) and
    up to :data:`MAX_GAP` characters between any two of its characters (running heads,
    page numbers, repeated table headers). Compared on :func:`comparable` characters,
    so a dropped, changed or reordered character is found whatever surrounds it.

    1. try each place the title occurs as the start (or the first character's place);
    2. match the texts in order (:func:`_align`); a text that cannot be matched is
       lost, or an earlier text was lost and matched later wording: the hypothesis
       under which more of the following texts match wins;
    3. report the start with the fewest lost texts.

    ``fold`` (a ``str.translate`` table, e.g. :data:`PDF_MARKS_FOLD`) is applied to
    both sides first.
    """
    fold = fold or {}
    haystack = comparable(rendered).translate(fold)
    pairs = [(where, comparable(text)) for where, text in document_texts(doc)]
    # (where, text as matched, text as shown in the message)
    texts = [(where, text.translate(fold), text) for where, text in pairs if text]
    if not texts:
        return None
    title = texts[0][1]
    starts = [m.start() for m in re.finditer(re.escape(title), haystack)]
    attempts = [_align(texts, haystack, start, anchored=bool(starts)) for start in starts or [0]]
    lost = min(attempts, key=len)
    if not lost:
        return None
    named = "; ".join(f"{texts[i][0]} {texts[i][2][:40]!r}" for i in lost[:MAX_NAMED])
    more = f" and {len(lost) - MAX_NAMED} more" if len(lost) > MAX_NAMED else ""
    return Problem(doc.path or doc.id, f"missing {named}{more}", field=texts[lost[0]][0])


def _match_one(wanted: str, haystack: str, position: int, *, free: bool) -> int | None:
    """The position after ``wanted`` matched from ``position`` (None if it cannot be);
    ``free`` lets its first character be anywhere ahead."""
    for offset, char in enumerate(wanted):
        found = haystack.find(char, position,
                              None if free and offset == 0 else position + MAX_GAP)
        if found < 0:
            return None
        position = found + 1
    return position


def _run(texts, first: int, haystack: str, position: int) -> int:
    """How many of ``texts[first:first + LOOKAHEAD]`` match in a row from ``position``."""
    count = 0
    for _, wanted, _ in texts[first:first + LOOKAHEAD]:
        position = _match_one(wanted, haystack, position, free=False)
        if position is None:
            break
        count += 1
    return count


def _align(texts, haystack: str, start: int, *, anchored: bool) -> list[int]:
    """Indexes of ``texts`` lost from ``haystack`` when matching starts at ``start``."""
    lost: list[int] = []
    #: (index, position before it, looseness) of each matched text; looseness counts the
    #: characters skipped before and inside it (0 when it followed verbatim).
    matched: list[tuple[int, int, int]] = []
    position, index = start, 0
    while index < len(texts) and len(lost) <= MAX_NAMED:
        free = index == 0 and not anchored
        after = _match_one(texts[index][1], haystack, position, free=free)
        if after is not None:
            looseness = 0 if free else after - position - len(texts[index][1])
            matched.append((index, position, looseness))
            position, index = after, index + 1
            continue
        # Either this text is lost, or a recent one was lost and matched later wording:
        # the hypothesis whose following texts reach furthest wins; on a tie, the most
        # loosely matched earlier text, else this one.
        best = (index + 1 + _run(texts, index + 1, haystack, position), 0, index, position,
                len(matched))
        for slot in range(max(0, len(matched) - 3), len(matched)):
            earlier, before, looseness = matched[slot]
            option = (earlier + 1 + _run(texts, earlier + 1, haystack, before), looseness,
                      earlier, before, slot)
            if option[:2] > best[:2]:
                best = option
        _, _, gone, position, slot = best
        lost.append(gone)
        del matched[slot:]
        index = gone + 1
    return sorted(set(lost))


def pdf_text(pdf: bytes, *, content_order: bool = False) -> str:
    """The text of every page of ``pdf``, as a reader's copy and paste gives it.

    By default extracted with PDFium (pypdfium2), several times faster than pypdf but
    ordered by position: the lines of a table cell that spans rows can interleave
    with its neighbours'. ``content_order=True`` uses pypdf, which keeps the order in
    which the text was drawn, i.e. the reading order of the HTML.
    """
    if content_order:
        from pypdf import PdfReader
        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    import pypdfium2
    document = pypdfium2.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def _pdf_loss(doc: Document, pdf: bytes) -> Problem | None:
    """:func:`lost_text` in a document PDF; a suspected loss is confirmed (and located)
    in content order."""
    if lost_text(doc, pdf_text(pdf), fold=PDF_MARKS_FOLD) is None:
        return None
    return lost_text(doc, pdf_text(pdf, content_order=True), fold=PDF_MARKS_FOLD)


def html_text(page: str) -> str:
    """The visible text of an HTML page (``<head>``, scripts and styles left out)."""
    tree = lxml_html.document_fromstring(page)
    body = tree.find("body")
    if body is None:
        return ""
    for element in body.xpath(".//script | .//style | .//template"):
        element.drop_tree()
    return body.text_content()


def text_conservation(issue: Issue, files: dict[PurePosixPath, bytes]) -> list[Problem]:
    """Problems for each document whose text is not all in its PDF or its HTML page.

    Reads the per-document PDF (``urls.document_pdf``) and page
    (``urls.document_page``) from the built ``files``; an edition not built is
    not checked.
    """
    problems = []
    for doc in issue.documents:
        editions = ((urls.document_pdf(issue, doc), "PDF", _pdf_loss),
                    (urls.document_page(issue, doc), "HTML",
                     lambda doc, page: lost_text(doc, html_text(page.decode("utf-8")))))
        for path, edition, loss in editions:
            if path not in files:
                continue
            problem = loss(doc, files[path])
            if problem is not None:
                problems.append(Problem(problem.path, f"the {edition} edition ({path}) lost "
                                        f"text: {problem.message}", field=problem.field))
    return problems


def inert_pages(files: dict[PurePosixPath, bytes]) -> list[Problem]:
    """Problems for each HTML file holding markup that could run code (sanitize.live_markup)."""
    return [Problem(str(path), f"live markup in the HTML edition: {item}")
            for path, data in sorted(files.items()) if path.suffix == ".html"
            for item in live_markup(data.decode("utf-8"))]


# --------------------------------------------------------------------------- drafts

def missing_metadata(issue: Issue) -> list[Problem]:
    """What a build needs but a draft does not know yet (a single document imported on
    its own leaves what its source does not say empty): the year, the 期 (number), the
    issue date and the gazette's name, each one :class:`Problem` naming its file and
    field. ``gazette check`` lists them as errors and a build refuses the issue;
    ``gazette export`` works on the draft."""
    folder = Path(issue.folder or ".")
    issue_file, gazette_path = str(folder / "issue.toml"), str(gazette_file(folder))
    wanted = [(issue_file, "issue.year", issue.year, "the issue's year (year = 2024)"),
              (issue_file, "issue.number", issue.number, "the issue's 期 (number = 1)"),
              (issue_file, "issue.date", issue.date, "the issue's date (date = 2024-01-15)"),
              (gazette_path, "gazette.name", issue.gazette.name.strip(),
               "the gazette's name (name = \"某某政府公报\")")]
    return [Problem(path, f"missing: {what}; a draft builds once it is filled in", None, key)
            for path, key, value, what in wanted if not value]


# --------------------------------------------------------------------------- warnings

def _line_of(path: Path, needle: str) -> int | None:
    """1-based line of the first ``needle`` in the file at ``path`` (None if unreadable)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return None
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else None


def issue_warnings(issue: Issue) -> list[Problem]:
    """What a loaded issue allows but an editor should look at (``gazette check`` prints
    these as warnings; the build goes on):

    1. a document dated after its issue (its date line is later than ``issue.date``);
    2. a section with no documents (``gazette new`` lists the previous issue's sections):
       it is not printed, neither in the 目录 nor in the body;
    3. a table the importer flagged (``Table.check``): its note is printed above it until
       the editor has compared it with the printed gazette and removed the ``check`` line.
    """
    folder = Path(issue.folder or ".")
    warnings = []
    for doc in issue.documents:
        if doc.date and issue.date and doc.date > issue.date:  # doc.date: a date line's
            date_text = next(b.text for b in doc.all_blocks() if isinstance(b, DateLine))
            warnings.append(Problem(
                str(folder / doc.path), f"the document is dated {doc.date.isoformat()}, after "
                f"its issue ({issue.date.isoformat()}): check the date line or the issue date",
                _line_of(folder / doc.path, date_text), "date"))
        for block in doc.all_blocks():
            if isinstance(block, TableBlock) and block.table.check:
                warnings.append(Problem(
                    str(folder / doc.path), f"table {block.table.caption!r} is flagged: "
                    f"{block.table.check} (compare it with the printed gazette, then remove "
                    "its 'check' line)", block.table.line, "table"))
    for section in issue.sections:
        if not section.documents:
            issue_file = folder / "issue.toml"
            warnings.append(Problem(
                str(issue_file), f"section {section.title!r} has no documents: it is not "
                "printed (add documents or remove it)",
                _line_of(issue_file, toml_string(section.title)), "sections"))
    return warnings


def check_output(issue: Issue, files: dict[PurePosixPath, bytes]) -> None:
    """Raise :class:`OutputError` if any text was lost or any page holds live markup."""
    logger.info("Step 6 - Checking the text and markup of %s", issue.label)
    problems = text_conservation(issue, files) + inert_pages(files)
    if problems:
        raise OutputError(problems)
