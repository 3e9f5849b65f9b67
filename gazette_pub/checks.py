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
from .model import DateLine, Document, Issue, TableBlock, block_texts
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


def text_conservation(issue: Issue, files: dict[PurePosixPath, bytes],
                      laid_out: dict[str, str] | None = None) -> list[Problem]:
    """Problems for each document whose text is not all in its PDF or its HTML page.

    Reads the per-document page (``urls.document_page``) from the built ``files``, and
    the per-document PDF (``urls.document_pdf``) — unless ``laid_out`` holds the text
    WeasyPrint laid out on that PDF's pages (``PrintedIssue.texts``): the PDF is painted
    from it, so it is checked instead, exactly (no mark folding), and the PDF's text
    layer is checked once by :func:`text_layer_problems`. An edition not built is not
    checked.
    """
    laid_out = laid_out or {}
    problems = []
    for doc in issue.documents:
        pdf_loss = ((lambda doc, _pdf: lost_text(doc, laid_out[doc.id]))
                    if doc.id in laid_out else _pdf_loss)
        editions = ((urls.document_pdf(issue, doc), "PDF", pdf_loss),
                    (urls.document_page(issue, doc), "HTML",
                     lambda doc, page: lost_text(doc, html_text(page.decode("utf-8")))))
        for path, edition, loss in editions:
            if path not in files and not (edition == "PDF" and doc.id in laid_out):
                continue
            problem = loss(doc, files.get(path))
            if problem is not None:
                problems.append(Problem(problem.path, f"the {edition} edition ({path}) lost "
                                        f"text: {problem.message}", field=problem.field))
    return problems


#: A bfchar or bfrange block of a ToUnicode CMap (ISO 32000-1 §9.10.3).
CMAP_BLOCK_RE = re.compile(
    r"""
    begin(?P<kind>bfchar|bfrange)   # block start
    (?P<body>.*?)                   # its entries
    end(?P=kind)                    # block end
    """,
    re.X | re.S,
)
#: One hex string of a CMap entry: ``<glyph> <text>`` (bfchar) or ``<first> <last>
#: <text>`` (bfrange; arrays are not written by WeasyPrint, and an entry not read only
#: makes the check stricter).
CMAP_HEX_RE = re.compile(r"<(?P<hex>[0-9a-fA-F]*)>")


def _cmap_texts(cmap: str) -> Iterator[str]:
    """The texts a ToUnicode CMap maps glyphs to."""
    for block in CMAP_BLOCK_RE.finditer(cmap):
        values = [m["hex"] for m in CMAP_HEX_RE.finditer(block["body"])]
        step = 2 if block["kind"] == "bfchar" else 3
        for entry in range(0, len(values) - step + 1, step):
            text = bytes.fromhex(values[entry + step - 1]).decode("utf-16-be", "replace")
            yield text
            if step == 3 and text:  # a range: the last character counts up
                span = int(values[entry + 1], 16) - int(values[entry], 16)
                yield "".join(chr(ord(text[-1]) + i) for i in range(1, span + 1))


def text_layer_problems(pdf: bytes, path: PurePosixPath, texts) -> list[Problem]:
    """Problems if the PDF's text layer cannot give back every character of ``texts``
    (the laid-out text, :mod:`gazette_pub.render.layout_text`).

    The layout proves what was painted; a reader's copy and paste gets text through
    each font's ToUnicode map. This reads only the fonts (not the pages' text): every
    font must have a map, and every character of the laid-out text must be the text of
    some glyph, up to :data:`PDF_MARKS_FOLD` (a CJK subset draws "," with the glyph
    of "，" and maps it to one of them).
    """
    from pypdf import PdfReader
    reader = PdfReader(io.BytesIO(pdf))
    mapped: set[str] = set()
    unmapped: list[str] = []
    seen: set[int] = set()
    for resources in _resources(reader):
        for ref in (resources.get("/Font") or {}).values():
            if ref.idnum in seen:
                continue
            seen.add(ref.idnum)
            font = ref.get_object()
            if "/ToUnicode" not in font:
                unmapped.append(str(font.get("/BaseFont", ref.idnum)))
                continue
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            for text in _cmap_texts(cmap):
                mapped.update(text)
    wanted = set(comparable("".join(texts)).translate(PDF_MARKS_FOLD))
    missing = sorted(wanted - set("".join(mapped).translate(PDF_MARKS_FOLD)))
    problems = [Problem(str(path), f"font {name} has no ToUnicode map: its text cannot "
                        "be copied") for name in unmapped]
    if missing:
        problems.append(Problem(str(path), "the PDF's text layer cannot give back "
                                f"{len(missing)} character(s) of the laid-out text: "
                                f"{''.join(missing[:20])!r}"))
    return problems


def _resources(reader):
    """Every resource dictionary of the PDF's pages and of the form XObjects they use."""
    stack = [page.get("/Resources") for page in reader.pages]
    seen: set[int] = set()
    while stack:
        resources = stack.pop()
        if resources is None:
            continue
        resources = resources.get_object()
        yield resources
        for ref in (resources.get("/XObject") or {}).values():
            if getattr(ref, "idnum", None) in seen:
                continue
            seen.add(getattr(ref, "idnum", id(ref)))
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form":
                stack.append(xobject.get("/Resources"))


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
    field; and documents, when the issue has none (a cover and an empty 目录 are no issue). ``gazette check`` lists them as errors and a build refuses the issue;
    ``gazette export`` works on the draft."""
    folder = Path(issue.folder or ".")
    issue_file, gazette_path = str(folder / "issue.toml"), str(gazette_file(folder))
    wanted = [(issue_file, "issue.year", issue.year, "the issue's year (year = 2024)"),
              (issue_file, "issue.number", issue.number, "the issue's 期 (number = 1)"),
              (issue_file, "issue.date", issue.date, "the issue's date (date = 2024-01-15)"),
              (gazette_path, "gazette.name", issue.gazette.name.strip(),
               "the gazette's name (name = \"某某政府公报\")")]
    if not issue.documents:  # ``gazette new`` starts an issue with its sections only
        wanted.append((issue_file, "sections", None, "documents: the issue has none yet (gazette "
                       f"import SOURCE --into {folder})"))
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


def check_output(issue: Issue, files: dict[PurePosixPath, bytes],
                 laid_out: dict[str, str] | None = None) -> None:
    """Raise :class:`OutputError` if any text was lost or any page holds live markup.

    ``laid_out``: the print edition's laid-out text per document (``PrintedIssue.texts``),
    checked instead of reading the per-document PDFs back, with the issue PDF's text
    layer (:func:`text_layer_problems`)."""
    logger.info("Step 6 - Checking the text and markup of %s", issue.label)
    problems = text_conservation(issue, files, laid_out) + inert_pages(files)
    if laid_out and urls.issue_pdf(issue) in files:
        problems += text_layer_problems(files[urls.issue_pdf(issue)], urls.issue_pdf(issue),
                                        laid_out.values())
    if problems:
        raise OutputError(problems)
