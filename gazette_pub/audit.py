"""The loss audit: is every character of an import source accounted for?

Contract: :func:`audit` re-reads the source file and counts each character that is
not whitespace or an invisible format character (:data:`COUNTED_RE`): Han of every
block and extension, digits, Latin letters, punctuation, full-width and compatibility
forms alike. A character is explained when the manifest (every text field of the
issue: gazette and issue metadata, section and document titles, 文号, organs, all
blocks and tables, enclosed documents) plus the report's discarded spans hold it at
least as often as the source does. Counting is per character (a multiset), so
reordering is fine but dropping is not.

What the importer legitimately changes is accounted for explicitly, each counted and
shown in the result (:attr:`AuditResult.accounted`), never silently:

1. Markup of a Markdown source (``ocr-markdown``): tags, comments, image and link
   addresses, heading/quote/bullet marks, pipes, emphasis and escapes
   (:data:`MARKDOWN_SYNTAX_RE`) are syntax, not text;
2. a list bullet (``-`` ``*`` ``+`` ``•`` ``·`` ``●``) per list item of the manifest
   (the model holds items, the edition draws the bullet);
3. the 【】 around a section title (the edition prints them from the theme), and one
   pair of brackets around each document's 文号 (a print sets it under the title as
   ``（宁政发〔2021〕15号）``; the manifest keeps the number, the edition draws them);
4. a compatibility form (full-width ``１``, ``Ａ``, ``（``) for which the manifest holds
   its NFKC form (``1``, ``A``, ``(``) more often than the source does.

Unexplained characters are listed with the source lines that hold them.
"""

from __future__ import annotations

import html
import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator

from .model import Gazette, Issue, ListBlock, block_texts
from .sources.report import ImportReport

logger = logging.getLogger(__name__)

#: The import reports of an issue folder: ``import-report.json`` (``import --out``) and
#: ``import-report-NN.json`` (``import --into``, NN the first new document's seq).
REPORT_GLOB = "import-report*.json"
REPORT_NN_RE = re.compile(
    r"""
    import-report-[0-9]+    # the report of an import --into, by its first new seq
    (?:-[0-9]+)?            # -K when an earlier report had that name
    \.json
    """, re.VERBOSE)

#: How many source lines to list per unexplained character.
MAX_LINES_SHOWN = 10

#: A character the audit counts: anything but whitespace and the invisible format
#: characters (soft hyphen, zero-width characters, word joiner, BOM) a renderer or an
#: extractor inserts.
COUNTED_RE = re.compile(r"[^\s\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")

#: The syntax of a Markdown (OCR) source: not text, removed before counting.
MARKDOWN_SYNTAX_RE = re.compile(
    r"""
    <!--.*?-->                               # comments (page markers)
  | </?[A-Za-z][^<>]*>                       # HTML tags with their attributes
  | !\[[^\]\n]*\]\([^)\n]*\)                 # images: alt text and address
  | (?<=\])\([^)\n]*\)                       # a link's address after its text
  | ^[ \t\u3000]*\#{1,6}(?=[ \t])            # ATX heading marks (after any indent)
  | ^[ \t]*>+                                # quote marks
  | ^[ \t]*[-*+](?=[ \t])                    # bullets
  | ^[ \t]*\|?(?:[ \t]*:?-{2,}:?[ \t]*\|?)+[ \t]*$   # pipe-table separator rows
  | ^[ \t]*(?:=+|-{3,}|\*{3,})[ \t]*$        # setext underlines, rules
  | \*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])   # emphasis marks
  | \|                                       # pipe-table borders
  | \\[\\`*_{}\[\]()\#+\-.!|<>]            # a Markdown escape (the character stays)
  | \s\s$                                    # hard-break spaces
    """,
    re.X | re.M | re.S,
)

#: An HTML entity of a Markdown (OCR) source, ``&lt;`` or ``&#12290;``: syntax for the one
#: character it stands for, which the manifest holds.
ENTITY_RE = re.compile(
    r"""
    & (?: [A-Za-z][A-Za-z0-9]{1,31}          # a named entity
        | \# [0-9]{1,7}                       # a decimal one
        | \# [xX] [0-9A-Fa-f]{1,6} )          # a hexadecimal one
    ;
    """,
    re.X,
)

#: The closing hashes of an ATX heading (``## 标题 ##``), kept out of its text by the reader.
ATX_CLOSING_RE = re.compile(
    r"""
    ^ (?P<heading> [ \t\u3000]* \#{1,6} [ \t] .*? )   # the heading's marks and text
    [ \t]+ \#+ [ \t]* $                         # the closing hashes
    """,
    re.X | re.M,
)

#: Source kinds whose text is Markdown (see :mod:`gazette_pub.sources`).
MARKDOWN_KINDS = frozenset({"ocr-markdown"})
#: Characters a source may print as a list bullet (one per manifest list item).
BULLETS = "-*+•·●○◆■"
#: The brackets a source may print around a section title.
SECTION_BRACKETS = "【】"


@dataclass(frozen=True)
class Unexplained:
    """A character the source has ``missing`` more times than manifest + discards."""

    char: str
    missing: int
    lines: tuple[int, ...]


@dataclass(frozen=True)
class AuditResult:
    source: str
    source_chars: int
    unexplained: tuple[Unexplained, ...]
    #: (what explains them, how many characters) for each explicit account.
    accounted: tuple[tuple[str, int], ...] = ()

    @property
    def ok(self) -> bool:
        return not self.unexplained

    @property
    def missing(self) -> int:
        return sum(u.missing for u in self.unexplained)

    def to_text(self) -> str:
        accounted = "".join(f"\n  {count} {what}" for what, count in self.accounted if count)
        if self.ok:
            return (f"{self.source}: all {self.source_chars} characters accounted for"
                    f"{accounted}\n")
        out = [f"{self.source}: {self.missing} of {self.source_chars} characters unexplained"]
        for u in self.unexplained:
            lines = ", ".join(map(str, u.lines))
            out.append(f"  {u.char!r} (U+{ord(u.char):04X}) missing {u.missing}x; "
                       f"source line(s) {lines}")
        return "\n".join(out) + accounted + "\n"


def issue_texts(issue: Issue) -> Iterator[str]:
    """Every text field of ``issue`` (metadata, titles, blocks, tables)."""
    gazette = issue.gazette
    yield from (gazette.name, gazette.short_name, gazette.frequency, *gazette.slogans)
    for role, names in gazette.editorial_committee:
        yield from (role, *names)
    for label, value in gazette.colophon:
        yield label
        yield from ((value,) if isinstance(value, str) else value)
    yield from issue.back_matter
    for section in issue.sections:
        yield section.title
        for doc in section.documents:
            yield from (doc.title, doc.toc_title, doc.doc_number, doc.doc_number_raw, *doc.organs)
            for block in doc.blocks:
                yield from block_texts(block)
            for enclosed in doc.enclosed:
                yield enclosed.title
                for block in enclosed.blocks:
                    yield from block_texts(block)


def char_counter(texts) -> Counter:
    """How often each counted character (:data:`COUNTED_RE`) occurs in ``texts``."""
    return Counter(COUNTED_RE.findall("\n".join(texts)))


def strip_markdown(text: str) -> tuple[str, int]:
    """``text`` without Markdown syntax (line breaks kept), and how many counted
    characters were removed."""
    removed = 0

    def blank(match: re.Match) -> str:
        nonlocal removed
        if match[0][0] == "\\" and len(match[0]) == 2:  # an escape: keep what it escapes
            removed += 1
            return match[0][1]
        removed += len(COUNTED_RE.findall(match[0]))
        return "\n" * match[0].count("\n")

    def unclose(match: re.Match) -> str:
        nonlocal removed
        removed += match[0][len(match["heading"]):].count("#")
        return match["heading"]

    def decode(match: re.Match) -> str:
        nonlocal removed
        char = html.unescape(match[0])
        if len(char) != 1:  # not an entity after all: its characters are text
            return match[0]
        removed += len(match[0]) - len(COUNTED_RE.findall(char))
        return char

    # Entities last: ``&lt;p&gt;`` is the text "<p>", not a tag to strip.
    text = MARKDOWN_SYNTAX_RE.sub(blank, ATX_CLOSING_RE.sub(unclose, text))
    return ENTITY_RE.sub(decode, text), removed


def lines_of(text: str, chars: set[str]) -> dict[str, list[int]]:
    """The lines of ``text`` holding each of ``chars``, in order, each line once."""
    where: dict[str, list[int]] = {}
    for no, line in enumerate(text.split("\n"), start=1):
        for char in chars.intersection(line):
            where.setdefault(char, []).append(no)
    return where


def _take(missing: Counter, chars: str, budget: int) -> int:
    """Explain up to ``budget`` missing characters among ``chars``; return how many."""
    taken = 0
    for char in chars:
        use = min(missing[char], budget - taken)
        missing[char] -= use
        taken += use
    return taken


def account(source: Counter, explained: Counter, issue: Issue) -> tuple[Counter, list]:
    """(still missing, [(what, count)]) after the explicit accounts 2–4 of the module doc."""
    missing = Counter({c: n - explained[c] for c, n in source.items() if n > explained[c]})
    items = sum(len(b.items) for d in issue.documents for b in d.all_blocks()
                if isinstance(b, ListBlock))
    accounted = [("list bullets (one per list item)", _take(missing, BULLETS, items))]
    pairs = sum(1 for s in issue.sections if s.title)
    accounted.append(("section-title brackets 【】", _take(missing, "【", pairs)
                      + _take(missing, "】", pairs)))
    numbered = sum(1 for d in issue.documents if d.doc_number)
    accounted.append(("brackets around a 文号 printed under its title （…）",
                      _take(missing, "（(", numbered) + _take(missing, "）)", numbered)))
    surplus = Counter({c: n - source[c] for c, n in explained.items() if n > source[c]})
    folded = 0
    for char in sorted(missing):
        form = unicodedata.normalize("NFKC", char)
        if form != char and len(form) == 1 and surplus[form]:
            use = min(missing[char], surplus[form])
            missing[char] -= use
            surplus[form] -= use
            folded += use
    accounted.append(("compatibility forms held in their NFKC form (e.g. １ as 1)", folded))
    return +missing, accounted


def audit(source_path: Path, issue: Issue, report: ImportReport) -> AuditResult:
    """Check that ``issue`` + ``report`` account for every counted character of the source."""
    source_path = Path(source_path)
    from .sources import source_text
    _, text = source_text(source_path)  # a .docx/.pdf: the text its reader extracts
    accounted = []
    if report.kind in MARKDOWN_KINDS:
        text, markup = strip_markdown(text)
        accounted.append(("Markdown syntax of the source", markup))
    source = char_counter([text])
    explained = char_counter(issue_texts(issue)) + char_counter(d.text for d in report.discarded)
    missing, more = account(source, explained, issue)
    where = lines_of(text, set(missing))  # looked up only for what is missing
    unexplained = tuple(
        Unexplained(char, missing[char], tuple(where[char][:MAX_LINES_SHOWN]))
        for char in sorted(missing, key=lambda char: (where[char][0], char)))
    result = AuditResult(source_path.name, sum(source.values()), unexplained,
                         tuple(accounted + more))
    logger.info("audit %s: %d unexplained of %d", source_path, result.missing, result.source_chars)
    return result


def _read_report(path: Path) -> ImportReport:
    """An import report of an issue folder, read as untrusted input."""
    import json

    from .errors import SourceError
    from .files import read_regular
    from .manifest import MAX_ISSUE_BYTES
    # Untrusted like the folder: a regular file, bounded (a report lists what was discarded,
    # at most the whole source once more, with line numbers and reasons).
    data = read_regular(path, limit=4 * MAX_ISSUE_BYTES)
    try:
        return ImportReport.from_dict(json.loads(data.decode("utf-8")))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:  # edited by hand
        raise SourceError(f"not an import report gazette import wrote: {exc}",
                          path=path) from None


def documents_from(issue: Issue, source_name: str, *, metadata: bool) -> Issue:
    """``issue`` cut to the documents imported from ``source_name`` (their ``[source]
    file``), sections left empty dropped; without ``metadata`` the gazette's and the
    issue's own texts (name, committee, colophon, back matter) are left out too, since
    they came from another source. Used when an issue holds documents of several
    sources (``gazette import --into``): the other sources' text must not explain a
    character this one lost."""
    sections = []
    for section in issue.sections:
        docs = tuple(d for d in section.documents if d.source and d.source.file == source_name)
        if docs:
            sections.append(replace(section, documents=docs))
    issue = replace(issue, sections=tuple(sections))
    if metadata:
        return issue
    return replace(issue, gazette=Gazette(issue.gazette.id, ""), back_matter=())


def audit_issue_dir(issue_dir: Path, source_path: Path) -> AuditResult:
    """Audit an imported issue folder against its source, using the source's import report.

    An issue built with ``gazette import --out`` and then ``--into`` holds one report per
    import (``import-report.json``, ``import-report-NN.json``); the one whose source has
    the file name of ``source_path`` is used, and the audit then counts only the
    documents imported from that source. A folder with a single report is audited
    against it whatever the source is called (a source renamed since its import).
    """
    from .errors import SourceError
    from .manifest import load_issue
    from .sources import REPORT_JSON
    issue_dir, source_path = Path(issue_dir), Path(source_path)
    main = issue_dir / REPORT_JSON
    paths = sorted(p for p in issue_dir.glob(REPORT_GLOB)
                   if p == main or REPORT_NN_RE.fullmatch(p.name))
    if not paths:
        raise SourceError(f"no {REPORT_JSON} in the issue folder (import it with gazette import)",
                          path=issue_dir)
    reports = {path: _read_report(path) for path in paths}
    issue = load_issue(issue_dir)
    if len(reports) == 1:
        return audit(source_path, issue, next(iter(reports.values())))
    mine = {path: report for path, report in reports.items() if report.source == source_path.name}
    if not mine:
        sources = ", ".join(sorted({r.source for r in reports.values()}))
        raise SourceError(f"none of the issue's {len(reports)} import reports is for "
                          f"{source_path.name} (they are for: {sources}); audit a file that was "
                          "imported into it", path=issue_dir)
    # Reports of one source name (imported twice): their discards together.
    report = next(iter(mine.values()))
    report = replace(report, discarded=tuple(d for r in mine.values() for d in r.discarded))
    return audit(source_path, documents_from(issue, source_path.name, metadata=main in mine),
                 report)
