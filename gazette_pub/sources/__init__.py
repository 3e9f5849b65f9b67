"""Importers: raw gazette material → :class:`model.Issue` plus an :class:`ImportReport`.

A file's format is sniffed from its bytes first (:mod:`.formats`): a .docx or a
.pdf goes through its file reader (``FILE_READERS``), which turns it into lines
with layout evidence that a line reader (``LINE_READERS``: a whole issue or one
document, told apart by :func:`detect_file_kind`) reads; a .doc/.wps/.ofd or
another binary format is refused naming the format and what to convert it to.
Text goes to ``READERS``, which maps each input kind to its reader; :func:`detect_kind`
guesses the kind from the text; :func:`import_source` decodes a file, runs a reader and
returns the issue with the report of everything discarded, joined, normalized,
fixed or uncertain. A single-document source gives a one-document draft issue
whose unknown metadata is empty (year/number 0).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Callable

from .. import ids
from ..errors import SourceError
from ..model import Issue, Section, block_texts
from .decode import decode_source, read_source
from .docx_reader import extract_docx
from .extracted import Extracted
from .flattened import cut_line
from .formats import sniff
from .frame import read_frame
from .html_page import is_html, is_mhtml, mhtml_page, page_text
from .lines import source_lines
from .report import ImportReport, ReportBuilder
from .ocr_markdown import read_ocr_markdown
from .pdf_reader import extract_pdf
from .standalone import read_document_lines, read_standalone
from .text_issue import read_issue_lines, read_text_issue
from .page_fields import is_meta
from .site_chrome import is_chrome_text
from .web_page import read_web_page

logger = logging.getLogger(__name__)

__all__ = ["FILE_READERS", "LINE_READERS", "READERS", "ImportResult", "ImportReport",
           "add_to_issue", "complete_draft", "detect_file_kind", "detect_kind", "import_source",
           "name_section",
           "save_import", "source_text"]

#: The import report files written into the issue folder.
REPORT_JSON = "import-report.json"
REPORT_TEXT = "import-report.txt"

#: A reader: (text, source file name, gazette id, report) → Issue.
Reader = Callable[..., Issue]

READERS: dict[str, Reader] = {
    "text-issue": read_text_issue,
    "web-page": read_web_page,
    "standalone": read_standalone,
    "ocr-markdown": read_ocr_markdown,
}

#: File formats with a reader of their own: (bytes, file name, report) → Extracted lines.
FILE_READERS: dict[str, Callable[..., Extracted]] = {
    "docx": extract_docx,
    "pdf": extract_pdf,
}

#: The kinds a file reader's lines can be read as: (lines, source_file, gazette_id, report).
LINE_READERS: dict[str, Reader] = {
    "text-issue": read_issue_lines,
    "standalone": read_document_lines,
}


@dataclass(frozen=True)
class ImportResult:
    """An imported issue (or one-document draft issue) and its import report."""

    issue: Issue
    report: ImportReport


#: Signs of a whole issue extracted from PDF: a TOC header and a masthead line.
ISSUE_SIGNS_RE = re.compile(
    r"""
    ^ [^\S\n]* (?:本\s*期\s*)? 目 \s* [录次] [^\S\n]* $    # a 目录 / 目次 header line
  | ^ [^\n]{0,20}? \d{4} \s* 年 \s* 第 \s* \d{1,3} \s* 期          # a masthead: 2021年第10期
  | ^ [^\n]{0,20}? \d{4} \s* 年 \s* 第 \s* \d{1,3} \s* 号 \s* $    # 2023年第5号 (alone)
  | 总 \s* 第 \s* \d+ \s* [期号] | 总 \s* 号 \s* [:：] \s* \d+     # 总第512期 / 总号：1795
  | ^ [^\S\n]* \d{4} \s* 年 \s* \d{1,2} \s* 月 \s* \d{1,2} \s* 日 \s* 出 \s* 版 [^\S\n]* $   # 2021年7月15日出版
    """,
    re.X | re.M,
)


#: Lines at the top of a scraped page where its metadata line (发表时间/来源) sits.
WEB_META_WINDOW = 8


#: Signs of Markdown: ATX headings, pipe tables, bold marks.
MARKDOWN_SIGNS_RE = re.compile(
    r"""
    ^ \x20{0,3} \#{1,6} \x20     # an ATX heading
  | ^ [^\S\n]* \| [^\n]* \| [^\S\n]* $   # a pipe-table row
  | \*\* \S                     # bold marks
    """,
    re.X | re.M | re.I,
)
#: Markup that only OCR/layout tools put into text: one is enough (a short document
#: may carry no other sign).
OCR_MARKUP_RE = re.compile(
    r"""
    <table\b                       # an HTML table
  | <!--                           # an HTML comment (a page marker)
  | ! \[ [^\]\n]* \] \(             # an image
  | <br \s* /? >                   # a line break
  | ^ (?=[^\n]*\S) [^\n]*+ \n ={3,} [^\S\n]* $   # a setext underline under a line of text
    """,
    re.X | re.M | re.I,
)


def detect_kind(text: str) -> str:
    """The reader kind for ``text`` (see :data:`READERS`)."""
    if OCR_MARKUP_RE.search(text) or len(MARKDOWN_SIGNS_RE.findall(text)) >= 2:
        return "ocr-markdown"
    if len(ISSUE_SIGNS_RE.findall(text[:20000])) >= 2:
        return "text-issue"
    top = [piece.text for ln in source_lines(text[:20000])[:WEB_META_WINDOW]
           for piece in cut_line(ln)][:WEB_META_WINDOW]  # (a flattened page's pieces)
    if any(is_meta(ln) for ln in top) or (top and is_chrome_text(top[0])):
        return "web-page"  # page metadata at the top, or the site's chrome opening it
    return "standalone"


def detect_file_kind(text: str) -> str:
    """``text-issue`` or ``standalone`` for the text a file reader extracted (a .docx or
    .pdf carries no Markdown or web chrome: only the signs of a whole issue count)."""
    return "text-issue" if len(ISSUE_SIGNS_RE.findall(text[:20000])) >= 2 else "standalone"


def source_text(path: Path) -> tuple[str, str]:
    """(format, text) of the source at ``path``: the text a .docx or .pdf reader
    extracts (see :class:`Extracted`), or the decoded text of a text file."""
    data = read_source(path)
    fmt = sniff(data, path)
    report = ReportBuilder(Path(path).name, "audit")
    if fmt in FILE_READERS:
        return fmt, FILE_READERS[fmt](data, str(path), report).text
    if is_mhtml(data):  # a web archive: the page it holds
        data = mhtml_page(data, str(path))
    text = decode_source(data, str(path), report)
    if is_html(text):  # a saved web page: the text it shows (html_page.py)
        return "html", page_text(text, str(path))
    return fmt, text


#: A file stem's trailing date/issue part: ningxia-2021-10 → ningxia.
STEM_TAIL_RE = re.compile(
    r"""
    (?: [-_] \d+ )+ $    # -2021-10 at the end of the stem
    """,
    re.X,
)
#: Characters not allowed in a gazette id.
NON_SLUG_RE = re.compile(
    r"""
    [^a-z0-9]+    # anything but lower-case letters and digits
    """,
    re.X,
)


def gazette_id_of(path: Path) -> str:
    """A gazette id derived from the file name (``ningxia-2021-10.txt`` → ``ningxia``)."""
    stem = STEM_TAIL_RE.sub("", path.stem.lower())
    slug = NON_SLUG_RE.sub("-", stem).strip("-")
    return slug or "gazette"


def import_source(path: Path, *, kind: str | None = None,
                  gazette_id: str | None = None) -> ImportResult:
    """Import the file at ``path`` with the reader ``kind`` (detected when None)."""
    path = Path(path)
    if gazette_id is not None and not ids.is_slug(gazette_id):
        raise SourceError(f"gazette id {gazette_id!r} must be a slug: a-z, 0-9 and '-' (no "
                          "path separators), at most 80 characters", path=path)
    data = read_source(path)
    fmt = sniff(data, path)
    if fmt in FILE_READERS:
        return import_file(path, data, fmt, kind=kind, gazette_id=gazette_id)
    report = ReportBuilder(path.name, kind or "?")
    if is_mhtml(data):  # a web archive (.mht): the page it holds
        data = mhtml_page(data, str(path))
    text = decode_source(data, str(path), report)
    html = is_html(text)
    if html:  # a saved web page: the text it shows, then read as a copied page
        text = page_text(text, str(path))
        kind = kind or "web-page"
        if not text.strip():
            raise SourceError("the HTML page shows no text (markup, scripts and styles are not "
                              "text): nothing to import; a page that writes its text with "
                              "JavaScript must be saved once it has loaded, or its text copied",
                              path=path)
    if not text.strip():
        raise SourceError("the source is empty or holds only whitespace: nothing to import",
                          path=path)
    kind = kind or detect_kind(text)
    if kind not in READERS:
        raise SourceError(f"unknown input kind {kind!r} (known: {', '.join(READERS)})", path=path)
    report.kind = f"html {kind}" if html else kind
    logger.info("importing %s as %s", path, report.kind)
    issue = READERS[kind](text, source_file=path.name, gazette_id=gazette_id or gazette_id_of(path),
                          report=report)
    return ImportResult(found(issue, path), report.build())


def found(issue: Issue, path: Path) -> Issue:
    """``issue``, unless the reader found no document in it (then nothing is imported)."""
    if not issue.documents:
        raise SourceError("no document found in the source (no title, 文号 or text a "
                          "reader recognizes): nothing to import", path=path)
    return issue


def import_file(path: Path, data: bytes, fmt: str, *, kind: str | None,
                gazette_id: str | None) -> ImportResult:
    """Import a .docx or .pdf (``fmt``) through its file reader and a line reader."""
    report = ReportBuilder(path.name, fmt)
    extracted = FILE_READERS[fmt](data, str(path), report)
    report.locations.update(extracted.locations)
    kind = kind or detect_file_kind(extracted.text)
    if kind not in LINE_READERS:
        raise SourceError(f"a .{fmt} file is read as {' or '.join(LINE_READERS)}, not {kind!r}",
                          path=path)
    report.kind = f"{fmt} {kind}"
    logger.info("importing %s (%s) as %s", path, fmt, kind)
    lines = list(extracted.lines)
    frame = read_frame(lines, report) if kind == "standalone" else None
    issue = LINE_READERS[kind](frame.lines if frame else lines, source_file=path.name,
                               gazette_id=gazette_id or gazette_id_of(path), report=report)
    if frame and frame.organs:
        issue = frame.apply(issue, report)
    return ImportResult(found(issue, path), report.build())


def _renumber(issue: Issue, sections: tuple[Section, ...]) -> tuple[Section, ...]:
    """Sections with document seq and ids recomputed in order (1, 2, …)."""
    out, seq = [], 0
    for section in sections:
        docs = []
        for doc in section.documents:
            seq += 1
            docs.append(replace(doc, seq=seq, id=ids.document_id(issue.gazette.id, issue.year,
                                                                  issue.number, seq)))
        out.append(replace(section, documents=tuple(docs)))
    return tuple(out)


def complete_draft(issue: Issue, *, year: int | None = None, number: int | None = None,
                   date: dt.date | None = None) -> Issue:
    """``issue`` with the year/number/date given (what is not given and not in the
    source stays empty: 0 or None, never the clock's year or a guessed 期) and ids
    recomputed."""
    issue = replace(issue, year=year or issue.year, number=number or issue.number,
                    date=date or issue.date)
    return replace(issue, sections=_renumber(issue, issue.sections))


def save_import(result: ImportResult, folder: Path, *, force: bool = False) -> list[Path]:
    """Write an imported issue folder plus its import report (JSON and text).

    1. render every file in memory and check it against the loader's limits
       (:func:`check_sizes`): nothing is written that ``gazette check`` would refuse;
    2. add the gazette's ``gazette.toml`` to the issue folder's files when there is none
       for it (:func:`manifest.gazette_file`): nothing is written outside ``folder``;
    3. stage the issue folder and swap it in (:func:`gazette_pub.pipeline.replace_folder`).
       An existing issue folder is replaced only with ``force``: its documents and
       reports are replaced together, in one swap (files of other kinds, such as images,
       are kept), so a failed write leaves the previous documents, never a mix.
    """
    from ..ids import GAZETTE_FILE, gazette_file
    from ..manifest import ISSUE_FILE
    from ..save import document_file, document_text, gazette_toml, issue_toml
    from ..pipeline import replace_folder
    folder = Path(folder)
    if (folder / ISSUE_FILE).exists() and not force:
        raise SourceError("issue folder exists (use --force to replace it)", path=folder)
    issue = result.issue
    files = {PurePosixPath(document_file(doc)): document_text(doc).encode("utf-8")
             for doc in issue.documents}
    files[PurePosixPath(ISSUE_FILE)] = issue_toml(issue).encode("utf-8")
    gazette_path = gazette_file(folder)
    if gazette_path.exists():
        check_sizes(folder, files, gazette_path.stat().st_size)
    else:  # a new gazette: its gazette.toml goes into the issue folder
        files[PurePosixPath(GAZETTE_FILE)] = gazette_toml(issue.gazette).encode("utf-8")
        check_sizes(folder, files)
    files[PurePosixPath(REPORT_JSON)] = result.report.to_json().encode("utf-8")
    files[PurePosixPath(REPORT_TEXT)] = result.report.to_text().encode("utf-8")
    replace_folder(folder, files, keep=lambda path: path.suffix != ".md"
                   and not path.name.startswith("import-report"))
    return [folder / path for path in files]


def check_sizes(folder: Path, files: dict[PurePosixPath, bytes], others: int = 0) -> None:
    """Refuse an import whose files the loader would refuse for their size: a document
    over ``manifest.MAX_DOCUMENT_BYTES``, or an issue (``files`` and ``others`` bytes of
    files already there, such as gazette.toml) over ``MAX_ISSUE_BYTES``."""
    from ..manifest import MAX_DOCUMENT_BYTES, MAX_ISSUE_BYTES
    for name, data in files.items():
        if len(data) > MAX_DOCUMENT_BYTES:
            raise SourceError(f"{name} would be {len(data)} bytes, more than a file of an "
                              f"issue may hold ({MAX_DOCUMENT_BYTES}); split the source",
                              path=folder / name)
    total = sum(map(len, files.values())) + others
    if total > MAX_ISSUE_BYTES:
        raise SourceError(f"the issue's files would be {total} bytes, more than an issue may "
                          f"hold ({MAX_ISSUE_BYTES}); split the source", path=folder)


#: The ``seq`` line of a document's TOML header (``seq = 3``): rewritten in place when a
#: document added to an earlier section moves the later documents one place down.
SEQ_LINE_RE = re.compile(
    r"""
    ^seq [ \t]* = [ \t]*     # the key as the writer and editors write it
    [0-9]+                  # the number
    [ \t]*$                 # nothing else on the line (a comment would be lost)
    """, re.VERBOSE | re.MULTILINE)


def _document_text_of(doc) -> tuple[str, ...]:
    """What a document says: title, 文号 and the text of every block, in order."""
    return (doc.title, doc.doc_number,
            *(t for block in doc.all_blocks() for t in block_texts(block)))


def _refuse_duplicates(issue: Issue, new_docs, issue_dir: Path) -> None:
    """Refuse a document the issue already holds word for word (the same source
    imported twice), or one whose 文号 a document of the issue has (the same document
    saved in another form): written, it would make the issue fail to load, and every
    later import with it."""
    held = {_document_text_of(doc): doc for doc in issue.documents}
    numbered = {doc.doc_number: doc for doc in issue.documents if doc.doc_number}
    for doc in new_docs:
        twin = held.get(_document_text_of(doc))
        if twin is not None:
            origin = f" (imported from {twin.source.file})" if twin.source else ""
            raise SourceError(f"the issue already holds this document: {twin.path}{origin} has "
                              f"the same title ({doc.title}), 文号 and text; nothing was "
                              "imported", path=issue_dir)
        twin = numbered.get(doc.doc_number)
        if twin is not None:  # the loader refuses two documents with one 文号
            origin = f" (imported from {twin.source.file})" if twin.source else ""
            raise SourceError(f"the issue already holds 文号 {doc.doc_number}: {twin.path}"
                              f"{origin}, {twin.title}; the same document in another form? "
                              "nothing was imported (remove the one you do not want first)",
                              path=issue_dir)


def _renumbered_file(issue_dir: Path, old, new) -> tuple[PurePosixPath, bytes]:
    """The file of document ``old`` (as loaded) renumbered to ``new.seq``: the header's
    seq line changed in place (nothing else of the file, so an editor's changes stay as
    written) and the name's number with it (``03-slug.md`` → ``04-slug.md``)."""
    from ..files import read_regular
    from ..manifest import MAX_DOCUMENT_BYTES
    path = issue_dir / old.path
    text = read_regular(path, limit=MAX_DOCUMENT_BYTES).decode("utf-8")
    text, count = SEQ_LINE_RE.subn(f"seq = {new.seq}", text, count=1)
    if not count:
        raise SourceError(f"cannot renumber the document to seq {new.seq}: its header has no "
                          "'seq = N' line of its own; write it so, or add the document at the "
                          "end of the issue", path=path)
    name = old.path
    if name == ids.document_filename(old.seq, old.slug):
        name = ids.document_filename(new.seq, new.slug)
    return PurePosixPath(name), text.encode("utf-8")


def _report_stem(issue_dir: Path, first_new: int) -> str:
    """``import-report-NN`` for an import whose first document is number NN, or
    ``import-report-NN-K`` when an earlier import's report has that name (a document
    added before it took its number): a report is never overwritten."""
    stem, k = f"import-report-{first_new:02d}", 1
    while (issue_dir / f"{stem}.json").exists() or (issue_dir / f"{stem}.txt").exists():
        k += 1
        stem = f"import-report-{first_new:02d}-{k}"
    return stem


def name_section(issue: Issue, title: str, *, path: Path) -> Issue:
    """``issue`` (a draft of one untitled section, as a single document gives) with its
    section titled ``title`` (``import --out --section``). A source that has sections of
    its own (a whole issue's 栏目) keeps them: the title is refused, not ignored."""
    if len(issue.sections) != 1 or issue.sections[0].title:
        found_titles = "、".join(s.title or "(untitled)" for s in issue.sections)
        raise SourceError(f"--section names the section of a draft without sections, but the "
                          f"source has its own: {found_titles}; leave out --section",
                          path=path)
    return replace(issue, sections=(replace(issue.sections[0], title=title),))


def add_to_issue(result: ImportResult, issue_dir: Path, *, section: str | None = None,
                 gazette_id: str | None = None) -> list[Path]:
    """Add the imported document(s) to the issue in ``issue_dir``.

    They go at the end of the section titled ``section`` (a new last section when the
    issue has none of that title), or of the last section. A document the issue already
    holds word for word is refused. Added to an earlier section, the documents after
    them move down: each one's ``seq`` line and file number change, and the whole
    folder is swapped in at once (:func:`gazette_pub.pipeline.replace_folder`); the
    renumbered files are logged. Added at the end, existing numbers never change and only
    the new document files and issue.toml are written. The report goes to
    ``import-report-<seq>.json``/``.txt``. A ``gazette_id`` other than the issue's gazette
    is refused: the documents would be filed under a gazette the user did not name.
    """
    from ..manifest import ISSUE_FILE, load_issue
    from ..save import document_file, document_text, issue_toml
    issue_dir = Path(issue_dir)
    if not (issue_dir / ISSUE_FILE).exists() and not issue_dir.is_file():
        raise SourceError("no issue here to add to (no issue.toml): start the gazette's next "
                          f"issue with `gazette new {issue_dir.parent} --date YYYY-MM-DD`, or "
                          "import a first document with --out", path=issue_dir)
    issue = load_issue(issue_dir)
    if gazette_id is not None and gazette_id != issue.gazette.id:
        raise SourceError(f"the issue belongs to gazette {issue.gazette.id!r}, not "
                          f"{gazette_id!r}: import into an issue of {gazette_id!r}, or leave "
                          "out --gazette-id", path=issue_dir)
    new_docs = result.issue.documents
    _refuse_duplicates(issue, new_docs, issue_dir)
    sections = list(issue.sections) or [Section(section or "", ())]
    target = next((i for i, s in enumerate(sections) if s.title == section), None)
    if target is None and section is not None:
        sections.append(Section(section, ()))
    target = len(sections) - 1 if target is None else target
    sections[target] = replace(sections[target],
                               documents=sections[target].documents + new_docs)
    old_issue, issue = issue, replace(issue, sections=_renumber(issue, tuple(sections)))
    old_of = {doc.path: doc for doc in old_issue.documents}
    files, moved = {}, {}
    for doc in issue.documents:
        old = old_of.get(doc.path) if doc.path else None
        if old is None:  # a new document (imported ones have no path yet)
            files[PurePosixPath(document_file(doc))] = document_text(doc).encode("utf-8")
        elif old.seq != doc.seq:
            name, data = _renumbered_file(issue_dir, old, doc)
            files[name] = data
            moved[PurePosixPath(old.path)] = name
    issue = replace(issue, sections=tuple(replace(s, documents=tuple(
        replace(d, path=moved[PurePosixPath(d.path)].name) if PurePosixPath(d.path) in moved
        else d for d in s.documents)) for s in issue.sections))
    first_new = next(doc.seq for doc in issue.sections[target].documents[-len(new_docs):])
    check_sizes(issue_dir, files,
                sum(p.stat().st_size for p in issue_dir.glob("*.md") if p.is_file()
                    and PurePosixPath(p.name) not in moved))
    files[PurePosixPath(ISSUE_FILE)] = issue_toml(issue).encode("utf-8")
    stem = _report_stem(issue_dir, first_new)
    for suffix, text in ((".json", result.report.to_json()), (".txt", result.report.to_text())):
        files[PurePosixPath(f"{stem}{suffix}")] = text.encode("utf-8")
    if moved:
        from ..pipeline import replace_folder
        # One swap: the renumbered files replace the old ones together with issue.toml.
        replace_folder(issue_dir, files, keep=lambda path: path not in moved)
        for old, new in moved.items():
            logger.warning("%s: renumbered %s → %s (added before it)", issue_dir, old, new)
        return [issue_dir / path for path in files]
    # The new files first (unlisted, so not yet part of the issue), then issue.toml in one
    # rename: the commit point. A failure before it removes what was written.
    from ..pipeline import write_new_files
    write_new_files(issue_dir, files, last=PurePosixPath(ISSUE_FILE))
    return [issue_dir / path for path in files]
