"""The loss audit: is every CJK character of an import source accounted for?

Contract: :func:`audit` re-reads the source file and counts each CJK character
(CJK Unified Ideographs, Extension A, compatibility ideographs and the
supplementary planes, see :data:`gazette_pub.chars.HAN_RE`). A character is explained
when the manifest (every text field of the issue: gazette and issue metadata, section
and document titles, 文号, organs, all blocks and tables, enclosed documents)
plus the report's discarded spans hold it at least as often as the source does.
Counting is per character (a multiset), so reordering is fine but dropping is
not. Unexplained characters are listed with the source lines that hold them.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .chars import HAN_RE
from .model import (Addressee, AttachmentNote, DateLine, Heading, Issue, ListBlock, Note,
                    Paragraph, Signature, Table, TableBlock)
from .sources.decode import decode_source, read_source
from .sources.report import ImportReport, ReportBuilder

logger = logging.getLogger(__name__)

#: How many source lines to list per unexplained character.
MAX_LINES_SHOWN = 10


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

    @property
    def ok(self) -> bool:
        return not self.unexplained

    @property
    def missing(self) -> int:
        return sum(u.missing for u in self.unexplained)

    def to_text(self) -> str:
        if self.ok:
            return f"{self.source}: all {self.source_chars} CJK characters accounted for\n"
        out = [f"{self.source}: {self.missing} of {self.source_chars} CJK characters unexplained"]
        for u in self.unexplained:
            lines = ", ".join(map(str, u.lines))
            out.append(f"  {u.char!r} missing {u.missing}x; source line(s) {lines}")
        return "\n".join(out) + "\n"


def _table_texts(table: Table) -> Iterator[str]:
    yield table.caption
    for row in table.header_rows + table.rows:
        yield from (cell.text for cell in row)
    yield from table.footnotes


def _block_texts(block) -> Iterator[str]:
    if isinstance(block, Heading):
        yield block.full_text
    elif isinstance(block, (Paragraph, Addressee, DateLine, Note, AttachmentNote)):
        yield block.text
    elif isinstance(block, ListBlock):
        yield from block.items
    elif isinstance(block, Signature):
        yield from block.lines
    elif isinstance(block, TableBlock):
        yield from _table_texts(block.table)


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
                yield from _block_texts(block)
            for enclosed in doc.enclosed:
                yield enclosed.title
                for block in enclosed.blocks:
                    yield from _block_texts(block)


def cjk_counter(texts) -> Counter:
    return Counter(HAN_RE.findall("\n".join(texts)))


def lines_of(text: str, chars: set[str]) -> dict[str, list[int]]:
    """The lines of ``text`` holding each of ``chars``, in order, each line once."""
    where: dict[str, list[int]] = {}
    for no, line in enumerate(text.split("\n"), start=1):
        for char in chars.intersection(line):
            where.setdefault(char, []).append(no)
    return where


def audit(source_path: Path, issue: Issue, report: ImportReport) -> AuditResult:
    """Check that ``issue`` + ``report`` account for every CJK character of the source."""
    source_path = Path(source_path)
    text = decode_source(read_source(source_path), str(source_path),
                         ReportBuilder(source_path.name, "audit"))
    source = cjk_counter([text])
    explained = cjk_counter(issue_texts(issue)) + cjk_counter(d.text for d in report.discarded)
    missing = {char: count - explained[char] for char, count in source.items()
               if count > explained[char]}
    where = lines_of(text, set(missing))  # looked up only for what is missing
    unexplained = tuple(
        Unexplained(char, missing[char], tuple(where[char][:MAX_LINES_SHOWN]))
        for char in sorted(missing, key=lambda char: where[char][0]))
    result = AuditResult(source_path.name, sum(source.values()), unexplained)
    logger.info("audit %s: %d unexplained of %d", source_path, result.missing, result.source_chars)
    return result


def audit_issue_dir(issue_dir: Path, source_path: Path) -> AuditResult:
    """Audit an imported issue folder against its source, using the folder's import report."""
    import json

    from .errors import SourceError
    from .manifest import load_issue
    from .sources import REPORT_JSON
    report_path = Path(issue_dir) / REPORT_JSON
    if not report_path.exists():
        raise SourceError(f"no {REPORT_JSON} in the issue folder (import it with gazette import)",
                          path=issue_dir)
    report = ImportReport.from_dict(json.loads(report_path.read_text(encoding="utf-8")))
    return audit(Path(source_path), load_issue(issue_dir), report)
